"""gen init：写出一份带中文说明的空白表单。"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import Diagnostic, OutputError
from .resources import schemas_dir, templates_dir
from .schema import SCHEMA_FILE

STARTER = "工作总结表单.yaml"


def starter_text() -> str:
    """空白表单的文字；第一行告诉编辑器去哪里找 JSON Schema。"""
    schema = (schemas_dir() / SCHEMA_FILE).resolve().as_uri()
    body = (templates_dir() / "init" / STARTER).read_text(encoding="utf-8")
    return f"# yaml-language-server: $schema={schema}\n{body}"


def write_starter_form(target: Path) -> Path:
    """写出空白表单；文件已存在时拒绝（不覆盖任何东西）。"""
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise OutputError(Diagnostic(f"表单文件名应以 .yaml 结尾，例如“{target.stem}.yaml”。"))
    target = target.absolute()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL：文件已存在时原子地失败，不会覆盖
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise OutputError(Diagnostic(
            f"“{target}”已经存在，gen init 不会覆盖它。请换一个文件名，或先把旧文件改名。")) from None
    except OSError as exc:
        raise OutputError(Diagnostic(f"无法创建“{target}”：{exc.strerror}。")) from None
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(starter_text())
    return target
