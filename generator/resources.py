"""找到随包发布的资源（模板、版式、JSON Schema）。

安装成 wheel 后它们在 ``generator/templates``；在源码目录里直接运行时在仓库顶层。
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到随程序发布的“{name}”目录，安装可能不完整，请重新安装 gen。")


def templates_dir() -> Path:
    return _first_existing("templates")


def schemas_dir() -> Path:
    return _first_existing("schemas")


def user_config_dir() -> Path:
    """gen 在用户配置文件夹里的位置（Windows %APPDATA%\\gen，macOS ~/Library/Application Support/gen，
    其他 $XDG_CONFIG_HOME/gen，默认 ~/.config/gen）：gen edit 的令牌、gen-edit 上次打开的文件夹都记在这里。"""
    from platformdirs import user_config_dir as folder

    return Path(folder("gen", appauthor=False, roaming=True))
