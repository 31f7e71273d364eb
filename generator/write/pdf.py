"""PDF 输出：用 LibreOffice 把 gen 生成的 .docx 转成 PDF。

每次转换都用自己的临时 LibreOffice 配置目录（``-env:UserInstallation``），
几个转换同时进行、或者办事员自己正开着 LibreOffice，都不会互相干扰。
没有安装公文字体（仿宋_GB2312 等）的 Linux 机器上，自动使用随包发布的字体替换表
``templates/styles/fonts.conf``，把公文字体名映射到免费的 Noto CJK 简体中文字体。
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import Diagnostic, OutputError, ToolMissing
from ..resources import templates_dir
from .style_profile import StyleProfile

TIMEOUT_SECONDS = 300

INSTALL_HINT = (
    "Windows、macOS：到 https://zh-cn.libreoffice.org/download/ 下载安装 LibreOffice；"
    "统信 UOS、麒麟、Debian、Ubuntu：sudo apt install libreoffice-writer；"
    "安装后重新运行本命令。也可以先生成 Word 文件（-f docx），再用 WPS 或 Word 另存为 PDF。"
)

# 常见的安装位置（PATH 里找不到时再看这里）；Linux 的 soffice 总在 PATH 上
_KNOWN_LOCATIONS = {
    "win32": (r"C:\Program Files\LibreOffice\program\soffice.exe",
              r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"),
    "darwin": ("/Applications/LibreOffice.app/Contents/MacOS/soffice",),
}


def find_soffice() -> Path:
    """找到 LibreOffice 的 soffice 程序；找不到时抛出带安装说明的 :class:`ToolMissing`。"""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for candidate in _KNOWN_LOCATIONS.get(sys.platform, ()):
        if Path(candidate).is_file():
            return Path(candidate)
    raise ToolMissing(Diagnostic("生成 PDF 需要 LibreOffice，但在这台电脑上没有找到它（soffice 程序）。",
                                 hint=INSTALL_HINT))


def fontconfig_file() -> Path:
    """随包发布的 fontconfig 字体替换表。"""
    return templates_dir() / "styles" / "fonts.conf"


def _installed_families() -> set[str] | None:
    """fontconfig 已知的字体族名；没有 fc-list 时返回 None。"""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listing = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True,
                                 timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {name.strip() for line in listing.splitlines() for name in line.split(",")}


def profile_fonts(profile: StyleProfile) -> list[str]:
    """版式配置用到的全部中文字体名。"""
    fonts = profile.fonts
    return sorted({fonts.title, fonts.body, fonts.heading1, fonts.heading2, fonts.heading3,
                   fonts.page_number, fonts.table})


def conversion_env(fonts: Iterable[str]) -> dict[str, str]:
    """LibreOffice 转换用的环境变量。

    在用 fontconfig 的系统（Linux 等）上，缺少任何一种公文字体、且用户没有自己设置
    FONTCONFIG_FILE 时，指向随包的替换表。Windows 和 macOS 不用 fontconfig，原样返回。
    """
    env = dict(os.environ)
    if sys.platform in ("win32", "darwin") or "FONTCONFIG_FILE" in env:
        return env
    if not Path("/etc/fonts/fonts.conf").is_file():
        return env
    installed = _installed_families()
    if installed is None or not set(fonts) <= installed:
        env["FONTCONFIG_FILE"] = str(fontconfig_file())
    return env


def convert_files(documents: Sequence[Path], outdir: Path, *, env: dict[str, str] | None = None,
                  soffice: Path | None = None) -> list[Path]:
    """用一次 LibreOffice 调用把若干 .docx 转成 PDF，放进 ``outdir``，返回 PDF 路径。"""
    program = soffice or find_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gen-lo-profile-") as profile_dir:
        command = [str(program), "--headless", "--norestore", "--nolockcheck", "--nodefault",
                   f"-env:UserInstallation={Path(profile_dir).as_uri()}",
                   "--convert-to", "pdf", "--outdir", str(outdir), *map(str, documents)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, errors="replace",
                                    timeout=TIMEOUT_SECONDS, env=env, check=False)
        except subprocess.TimeoutExpired:
            raise OutputError(Diagnostic(
                f"LibreOffice 转换 PDF 超过 {TIMEOUT_SECONDS} 秒仍未完成，已放弃。",
                hint="请关闭其他正在运行的 LibreOffice 后重试，或先生成 Word 文件（-f docx）。")) from None
        except OSError as exc:
            raise ToolMissing(Diagnostic(f"无法运行 LibreOffice（{program}）：{exc.strerror or exc}。",
                                         hint=INSTALL_HINT)) from None
    pdfs = [outdir / f"{document.stem}.pdf" for document in documents]
    missing = [pdf for pdf in pdfs if not pdf.is_file() or pdf.stat().st_size == 0]
    if missing:
        detail = (result.stderr or result.stdout).strip().splitlines()
        reason = f"（LibreOffice 的输出：{detail[-1]}）" if detail else ""
        raise OutputError(Diagnostic(
            f"LibreOffice 没有生成 PDF：{'、'.join(p.name for p in missing)}{reason}。",
            hint="请确认 LibreOffice 能正常打开，或先生成 Word 文件（-f docx）再另存为 PDF。"))
    return pdfs


def docx_to_pdf(data: bytes, profile: StyleProfile, *, name: str = "工作总结") -> bytes:
    """把 .docx 字节转成 PDF 字节。中间文件都在临时文件夹里，结束即删除。"""
    from .resident import current

    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="gen-pdf-") as tmp:
        source = Path(tmp) / f"{name}.docx"
        source.write_bytes(data)
        env = conversion_env(profile_fonts(profile))
        resident = current()  # gen edit 里：常驻的 LibreOffice（见 resident.py），做不到时照旧冷启动
        if resident is not None:
            target = Path(tmp) / "warm" / f"{name}.pdf"
            target.parent.mkdir()
            if resident.convert(source, target, soffice=soffice, env=env):
                return target.read_bytes()
        [pdf] = convert_files([source], Path(tmp) / "out", env=env, soffice=soffice)
        return pdf.read_bytes()
