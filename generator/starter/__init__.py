"""gen init：写出一份带中文说明的空白表单，并把 JSON Schema 复制到表单旁边。

空白表单里的“请补写……”是占位符：gen check 按 GEN101 逐行报告，没换完之前不算填好。
第一行 ``# yaml-language-server: $schema=./gen-form.schema.json`` 用相对路径引用表单旁边的
Schema 副本，表单连同这个文件拷到别的电脑上照样有提示。
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..errors import Diagnostic, OutputError, Severity
from ..form.kinds import DEBRIEF, PLAN
from ..form.models import ReportKind
from ..form.schema import SCHEMA_FILE
from ..resources import schemas_dir, templates_dir
from ..write.output import write_atomic
from .kinds import kind_lines, kind_period

STARTER = "工作总结表单.yaml"
STARTERS = {PLAN: "工作计划表单.yaml", DEBRIEF: "述职报告表单.yaml"}  # 有自己的部分的类型（form/kinds.py）


def starter_year(today: dt.date) -> int:
    """下半年写的是当年的总结，上半年写的多半是上一年的。"""
    return today.year if today.month >= 7 else today.year - 1


def starter_text(today: dt.date | None = None, *, template: str | None = None, form_dir: Path | None = None,
                 kind: ReportKind | str | None = None) -> str:
    """空白表单的文字；第一行告诉编辑器去哪里找 JSON Schema（表单旁边的副本）。

    ``template``：单位模板的名字或路径（相对于 ``form_dir``）；空白表单末尾写上“模板”和模板增加的部分，
    “类型”是模板适用的第一个类型。
    ``kind``：类型（gen init --类型）：工作计划、述职报告有自己的空白表单；其余类型用工作总结的，
    改写“类型”一行并写好这一类型要的键（季度、主题）。年度和日期落在这一类型通常的成文时间里。"""
    today = today or dt.date.today()
    if template is not None:
        from .template_folder import template_kind

        if ("/" in template or "\\" in template) and Path(template).is_dir() and form_dir is not None:
            # 命令行的路径相对于当前文件夹，表单里写的相对于表单
            template = _relative(Path(template).absolute(), form_dir)
        if kind is None:
            kind = template_kind(template, form_dir or Path.cwd())
    chosen = ReportKind(kind) if kind is not None else None
    year, date, quarter = kind_period(chosen or ReportKind.ANNUAL, today, starter_year(today))
    body = (templates_dir() / "init" / STARTERS.get(chosen or "", STARTER)).read_text(encoding="utf-8")
    if chosen is not None and chosen not in STARTERS:
        body = kind_lines(body, chosen, year, quarter)
    for token, value in (("{年度}", str(year)), ("{下一年}", str(year + 1)), ("{日期}", date.isoformat()),
                         ("{日期中文}", f"{date.year}年{date.month}月{date.day}日"), ("{日期年}", str(date.year))):
        body = body.replace(token, value)
    if template is not None:
        from .template_folder import starter_lines

        body = body.rstrip("\n") + "\n" + starter_lines(template, form_dir or Path.cwd())
    return f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n{body}"


def _relative(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # Windows 上不在同一个盘
        return str(path)


def write_starter_form(target: Path, *, today: dt.date | None = None, template: str | None = None,
                       kind: ReportKind | str | None = None) -> tuple[Path, list[Diagnostic]]:
    """写出空白表单和旁边的 Schema 副本；表单已存在时拒绝（不覆盖任何东西）。

    返回表单路径和给办事员的提示（例如旁边已有一份不同的 Schema，没有覆盖）。
    """
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise OutputError(Diagnostic(f"表单文件名应以 .yaml 结尾，例如“{target.stem}.yaml”。"))
    target = target.absolute()
    text = starter_text(today, template=template, form_dir=target.parent, kind=kind)  # 模板找不到时什么也不写
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
        handle.write(text)
    return target, _copy_schema(target.parent)


def _copy_schema(folder: Path) -> list[Diagnostic]:
    bundled = (schemas_dir() / SCHEMA_FILE).read_bytes()
    copy = folder / SCHEMA_FILE
    if copy.exists():
        try:
            same = copy.read_bytes() == bundled
        except OSError:
            same = False
        if not same:
            return [Diagnostic(
                f"文件夹里已有一份不同的 {SCHEMA_FILE}（可能是旧版 gen 生成的），没有覆盖它。"
                f"编辑器提示以它为准；要换成新版，运行：gen schema -o {copy}",
                severity=Severity.INFO, file=copy)]
        return []
    try:
        write_atomic(copy, bundled)
    except OutputError as exc:  # 表单已经写好：Schema 只影响编辑器提示，不算失败
        return [Diagnostic(f"没能把 {SCHEMA_FILE} 复制到表单旁边（{exc.diagnostics[0].message.rstrip('。')}）。"
                           "表单照常可以填写，只是编辑器里没有键的提示。", severity=Severity.INFO, file=copy)]
    return []
