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
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from ..errors import Diagnostic, OutputError, ToolMissing
from ..resources import templates_dir
from .soffice import INSTALL_FIX, locate_soffice
from .style_profile import StyleProfile

TIMEOUT_SECONDS = 300

INSTALL_HINT = INSTALL_FIX + "。"


def find_soffice() -> Path:
    """找到 LibreOffice 的 soffice 程序（PATH 上，或 Windows、macOS 的安装位置，见 :mod:`.soffice`）；
    找不到时抛出 :class:`ToolMissing`：一行说清缺什么、怎么装（与 gen doctor 的提示相同）。"""
    found = locate_soffice()
    if found is None:
        raise ToolMissing(Diagnostic(f"生成 PDF 需要 LibreOffice，这台电脑上没有找到：{INSTALL_FIX}。"))
    return found


def fontconfig_file() -> Path:
    """随包发布的 fontconfig 字体替换表。"""
    return templates_dir() / "styles" / "fonts.conf"


def families_from_fc_list(text: str) -> set[str]:
    """``fc-list : family`` 的输出（每行一个字体，几个名字用逗号隔开）→ 字体族名。"""
    return {name.strip().replace("\\-", "-") for line in text.splitlines() for name in line.split(",") if name.strip()}


def fc_list_families(environ: Mapping[str, str] | None = None) -> set[str] | None:
    """fontconfig 已知的字体族名（``fc-list : family``，几个名字用逗号隔开，“\\-”还原成“-”）；
    没有 fc-list 或它出错时返回 None。生成 PDF 时决定字体替换、``gen doctor`` 报告字体，都问这一处。"""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        result = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, errors="replace",
                                timeout=60, check=False, env=None if environ is None else dict(environ))
    except (OSError, subprocess.SubprocessError):
        return None
    return families_from_fc_list(result.stdout) if result.returncode == 0 else None


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
    installed = fc_list_families()
    if installed is None or not set(fonts) <= installed:
        env["FONTCONFIG_FILE"] = str(fontconfig_file())
    return env


def convert_files(documents: Sequence[Path], outdir: Path, *, env: dict[str, str] | None = None,
                  soffice: Path | None = None, done: Callable[[Path], None] | None = None) -> list[Path]:
    """用一次 LibreOffice 调用把若干 .docx 转成 PDF，放进 ``outdir``，返回 PDF 路径。

    ``done``：每转出一份就用它的 PDF 路径调用一次（整批生成的进度条一份一份往前走）。"""
    program = soffice or find_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gen-lo-profile-") as profile_dir:
        command = [str(program), "--headless", "--norestore", "--nolockcheck", "--nodefault",
                   f"-env:UserInstallation={Path(profile_dir).as_uri()}",
                   "--convert-to", "pdf", "--outdir", str(outdir), *map(str, documents)]
        try:
            result = _run_watching(command, env, [outdir / f"{d.stem}.pdf" for d in documents], done,
                                   Path(profile_dir))
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


def _run_watching(command: list[str], env: dict[str, str] | None, expected: list[Path],
                  done: Callable[[Path], None] | None, scratch: Path) -> subprocess.CompletedProcess[str]:
    """运行 LibreOffice；等待时每半秒看一眼哪些 PDF 已经写出，新写出的交给 ``done``。
    输出写进临时文件（不用管道：等待时没人读，管道满了会卡住）。"""
    log = scratch / "soffice.log"
    with log.open("w+", encoding="utf-8", errors="replace") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, text=True, env=env)
        deadline = time.monotonic() + TIMEOUT_SECONDS
        reported: set[Path] = set()
        while True:
            try:
                code = process.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                if time.monotonic() > deadline:
                    process.kill()
                    process.wait()
                    raise
            if done is not None:
                for pdf in expected:
                    if pdf not in reported and pdf.is_file() and pdf.stat().st_size > 0:
                        reported.add(pdf)
                        done(pdf)
        if done is not None:
            for pdf in expected:
                if pdf not in reported and pdf.is_file() and pdf.stat().st_size > 0:
                    done(pdf)
        output.seek(0)
        text = output.read()
    return subprocess.CompletedProcess(command, code, text, "")


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
