"""gen 在这台电脑上用的文件夹：用户配置（记住 gen-edit 上次打开的文件夹）、“文档”文件夹。

路径规则是纯函数（平台、环境变量、主文件夹 → 路径），不在 Windows 上也能测试。
"""

from __future__ import annotations

import contextlib
import json
import ntpath
import os
import posixpath
import sys
from collections.abc import Mapping
from pathlib import Path

from ..resources import user_config_dir

_LAST = "上次打开的文件夹"


def documents_candidates(platform: str, environ: Mapping[str, str], home: str) -> list[str]:
    """“文档”文件夹可能在的地方，按先后顺序（第一个存在的就是）。Windows 开了 OneDrive 备份时，
    “文档”在 OneDrive 里；中文 Linux 桌面上叫“文档”。最后退回主文件夹。"""
    if platform == "win32":
        env = {key.upper(): value for key, value in environ.items()}
        profile = env.get("USERPROFILE") or home
        found = [ntpath.join(env["ONEDRIVE"], "Documents")] if env.get("ONEDRIVE") else []
        return [*found, ntpath.join(profile, "Documents"), profile]
    xdg = environ.get("XDG_DOCUMENTS_DIR", "").replace("$HOME", home)
    return [*([xdg] if xdg else []), posixpath.join(home, "Documents"), posixpath.join(home, "文档"), home]


def documents_folder() -> Path:
    candidates = documents_candidates(sys.platform, os.environ, os.path.expanduser("~"))
    return next((Path(c) for c in candidates if os.path.isdir(c)), Path(candidates[-1]))


def _settings_file() -> Path:
    return user_config_dir() / "设置.json"


def last_folder() -> Path | None:
    """上次用编辑器打开的文件夹（还在时）；没有记录、记录坏了或文件夹已经不在时为 None。"""
    try:
        data = json.loads(_settings_file().read_text(encoding="utf-8"))
        folder = Path(data[_LAST])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return folder if folder.is_dir() else None


def remember_folder(folder: Path) -> None:
    """记住这次打开的文件夹（写不了配置文件时什么也不做：记不住不影响编辑）。"""
    target = _settings_file()
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(target.name + ".tmp")
        temp.write_text(json.dumps({_LAST: str(folder.resolve())}, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, target)


def editor_start_folder() -> Path:
    """gen-edit 打开的文件夹：上次打开的，否则“文档”文件夹。"""
    return last_folder() or documents_folder()
