"""``gen edit`` 重启后，原来打开的页面还能接着用：每个表单或文件夹记住一个访问令牌和端口。

记在用户自己的配置文件夹里（Linux 为 ``~/.config/gen/edit/``，Windows 为 ``%APPDATA%\\gen\\edit\\``，
由 resources.user_config_dir 经 platformdirs 决定），文件只有本人能读写（0600，文件夹 0700）。
权限不对、属于别人或读不出来的记录一律作废，换一个新令牌；
``gen edit --new-token`` 也换一个新令牌（原来打开的页面随之失效）。
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from ..resources import user_config_dir

_FILE_MODE = 0o600
_FOLDER_MODE = 0o700


@dataclass(frozen=True)
class Remembered:
    token: str
    port: int  # 0：上次没有记下端口


def _store(target: Path) -> Path:
    digest = hashlib.sha256(str(target.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return user_config_dir() / "edit" / f"{digest}.json"


def _private(path: Path) -> bool:
    """只有本人能读写（POSIX）；Windows 的用户配置文件夹本来就只属于本人。"""
    if os.name == "nt":
        return True
    info = path.stat()
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def recall(target: Path, *, rotate: bool = False) -> Remembered:
    """上次为这个表单或文件夹用的令牌和端口；没有、不可信或 ``rotate`` 时换一个新令牌。"""
    path = _store(target)
    if not rotate:
        with contextlib.suppress(OSError, ValueError, UnicodeDecodeError):
            if _private(path):
                data = json.loads(path.read_text(encoding="utf-8"))
                token, port = data.get("token"), data.get("port")
                if isinstance(token, str) and len(token) >= 32 and token.replace("-", "").replace("_", "").isalnum() \
                        and isinstance(port, int) and 0 <= port <= 65535:
                    return Remembered(token, port)
    return Remembered(secrets.token_urlsafe(32), 0)


def remember(target: Path, session: Remembered) -> Path | None:
    """记下令牌和端口（只有本人能读写）。写不了（只读的配置文件夹等）时返回 None：下次换新令牌而已。"""
    path = _store(target)
    try:
        path.parent.mkdir(mode=_FOLDER_MODE, parents=True, exist_ok=True)
        temp = path.with_name(f"{path.stem}.{secrets.token_hex(4)}.tmp")
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"target": str(target.resolve()), "token": session.token, "port": session.port}, handle,
                      ensure_ascii=False)
        os.chmod(temp, _FILE_MODE)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            temp.unlink()
        return None
    return path
