"""找 LibreOffice（soffice 程序）：先看 PATH，再看 Windows、macOS 安装程序放它的地方。

找的规则是纯函数（:func:`soffice_candidates`：平台、环境变量、用户主文件夹 → 候选路径），
不在 Windows 上也能测试；:func:`locate_soffice` 才真去看磁盘。
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# 一行说完的安装办法：gen report -f pdf 找不到 LibreOffice 时、gen doctor 的提示里都用它
INSTALL_FIX = ("到 https://zh-cn.libreoffice.org/download/ 下载安装 LibreOffice（Windows、macOS），"
               "或运行 sudo apt install libreoffice-writer（统信 UOS、麒麟、Debian、Ubuntu）；"
               "也可以先生成 Word 文件（-f docx），再用 WPS 或 Word 另存为 PDF")


def soffice_candidates(platform: str, environ: Mapping[str, str], home: str) -> list[str]:
    """PATH 上没有时再看的位置，按先后顺序。

    Windows：安装程序默认装在“Program Files\\LibreOffice”（64 位）或“Program Files (x86)\\LibreOffice”，
    只为当前用户安装时在“%LOCALAPPDATA%\\Programs\\LibreOffice”；系统盘不一定是 C:，所以先用环境变量。
    macOS：拖进“应用程序”文件夹（/Applications），或用户自己的 ~/Applications。
    """
    if platform == "win32":
        env = {key.upper(): value for key, value in environ.items()}  # Windows 的环境变量不分大小写
        bases = [env.get("PROGRAMFILES"), env.get("PROGRAMW6432"), env.get("PROGRAMFILES(X86)"),
                 r"C:\Program Files", r"C:\Program Files (x86)"]
        found = [ntpath.join(base, "LibreOffice", "program", "soffice.exe") for base in bases if base]
        if env.get("LOCALAPPDATA"):
            found.append(ntpath.join(env["LOCALAPPDATA"], "Programs", "LibreOffice", "program", "soffice.exe"))
        return list(dict.fromkeys(found))
    if platform == "darwin":
        app = posixpath.join("LibreOffice.app", "Contents", "MacOS", "soffice")
        return [posixpath.join("/Applications", app), posixpath.join(home, "Applications", app)]
    return []  # Linux：软件包总把 soffice 放在 PATH 上


def locate_soffice(*, which: Callable[[str], str | None] = shutil.which,
                   is_file: Callable[[str], bool] = os.path.isfile, platform: str = sys.platform,
                   environ: Mapping[str, str] | None = None,
                   home: str | None = None) -> Path | None:
    """soffice 程序的路径；找不到时为 None。"""
    for name in ("soffice", "libreoffice"):
        found = which(name)
        if found:
            return Path(found)
    environ = os.environ if environ is None else environ
    home = os.path.expanduser("~") if home is None else home
    for candidate in soffice_candidates(platform, environ, home):
        if is_file(candidate):
            return Path(candidate)
    return None


def parse_version(output: str) -> str | None:
    """``soffice --version`` 的输出（“LibreOffice 7.4.7.2 40(Build:2)”）里的版本号。"""
    match = re.search(r"LibreOffice\S*\s+(\d+(?:\.\d+)+)", output)
    return match.group(1) if match else None


def soffice_version(program: Path) -> str | None:
    """运行 ``soffice --version`` 读出版本号；运行不了或认不出时为 None。"""
    try:
        result = subprocess.run([str(program), "--version"], capture_output=True, text=True, errors="replace",
                                timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_version(result.stdout)
