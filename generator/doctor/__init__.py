"""``gen doctor``：这台电脑能用 gen 做什么，缺什么、怎么补上。

分两步：:func:`probe` 去问这台电脑（Python、字体、LibreOffice、浏览器、文件夹），得到 :class:`Machine`；
:func:`diagnose` 是纯函数，把 :class:`Machine` 变成一条条中文结论和“办法”。测试直接给 :class:`Machine`，
或者在藏起了字体和 LibreOffice 的环境（PATH、FONTCONFIG_FILE）里运行 :func:`probe`。
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..resources import templates_dir, user_config_dir
from ..write.soffice import INSTALL_FIX, locate_soffice, soffice_version
from ..write.style_profile import load_profile
from .fonts import bundled_substitutes, font_fix, font_states, font_uses, installed_families

__all__ = ["Finding", "Machine", "diagnose", "probe"]


@dataclass(frozen=True)
class Machine:
    """问这台电脑得到的事实。"""

    python: str
    python_path: str
    gen_version: str
    platform: str
    templates: bool  # 随包的模板都在（能生成报告）
    families: set[str] | None  # 装了的字体族名；None：问不出来
    soffice: Path | None
    soffice_version: str | None
    browser: str | None  # 能打开的浏览器；None：没有
    folders: dict[str, tuple[Path, bool]] = field(default_factory=dict)  # 用途 → (文件夹, 能写)


@dataclass(frozen=True)
class Finding:
    ok: bool  # False：一条“提示”
    text: str
    fix: str | None = None


def probe(*, gen_version: str, cwd: Path | None = None) -> Machine:
    soffice = locate_soffice()
    cwd = cwd or Path.cwd()
    folders = {"报告默认写在表单旁边；在这个文件夹里运行时": cwd,
               "生成 PDF 时的临时文件": Path(tempfile.gettempdir()),
               "gen-edit 记住上次打开的文件夹": user_config_dir()}
    return Machine(
        python=".".join(map(str, sys.version_info[:3])), python_path=sys.executable, gen_version=gen_version,
        platform=sys.platform, templates=_templates_ok(), families=installed_families(),
        soffice=soffice, soffice_version=soffice_version(soffice) if soffice else None,
        browser=_browser(), folders={what: (path, _writable(path)) for what, path in folders.items()})


def diagnose(machine: Machine) -> tuple[list[Finding], bool]:
    """结论，和能不能生成报告（Word、Markdown）。"""
    findings: list[Finding] = []
    can_report = machine.templates and sys.version_info >= (3, 10)
    if machine.templates:
        findings.append(Finding(True, "生成 Word（.docx）和 Markdown（.md）：可以。"))
    else:
        findings.append(Finding(False, "生成报告：不行，随 gen 发布的模板不全（安装不完整）。",
                                "重新安装 gen：pip install --force-reinstall gen-gongzuozongjie"))
    if machine.soffice is not None:
        version = f" {machine.soffice_version}" if machine.soffice_version else ""
        findings.append(Finding(True, f"生成 PDF（-f pdf）：可以，用 LibreOffice{version}（{machine.soffice}）。"))
    else:
        findings.append(Finding(False, "生成 PDF（-f pdf）：不行，这台电脑上没有找到 LibreOffice。",
                                INSTALL_FIX + "。"))
    findings += _font_findings(machine)
    if machine.browser:
        findings.append(Finding(True, f"浏览器里编辑（gen edit）：可以，会用 {machine.browser} 打开编辑页面。"))
    else:
        findings.append(Finding(False, "浏览器里编辑（gen edit）：gen 打不开浏览器。",
                                "运行 gen edit --no-browser，把它印出的网址复制到浏览器"
                                "（Edge、Chrome、360 等）里打开。"))
    for what, (folder, writable) in machine.folders.items():
        if writable:
            findings.append(Finding(True, f"{what}：{folder}（能写）。"))
        else:
            findings.append(Finding(False, f"{what}：{folder}（不能写）。",
                                    "换一个自己有权限的文件夹（如“文档”），或请信息中心给这个文件夹写权限。"))
    return findings, can_report


def _font_findings(machine: Machine) -> list[Finding]:
    uses = font_uses(load_profile())
    if machine.families is None:
        return [Finding(False, f"公文字体（{'、'.join(uses)}）：gen 查不出这台电脑装了哪些字体。",
                        "在 Word 或 WPS 的字体列表里查找这几种字体；没有的向单位信息中心要字体文件安装。")]
    fontconfig = machine.platform not in ("win32", "darwin")
    found = []
    for state in font_states(uses, machine.families, fontconfig=fontconfig, substitutes=bundled_substitutes()):
        head = f"字体 {state.font}（{'、'.join(state.uses)}）"
        if state.installed:
            found.append(Finding(True, f"{head}：已安装。"))
            continue
        if state.word_substitute and state.word_substitute_installed:
            word = f"Word、WPS 会用 {state.word_substitute} 代替（字形相近，页面排法不变）"
        elif state.word_substitute:
            word = f"Word、WPS 会改用 {state.word_substitute}，但它也没有安装，只能用默认字体，页面会走样"
        else:
            word = "Word、WPS 会用默认字体代替，页面会走样"
        found.append(Finding(False, f"{head}：没有安装。{word}。",
                             font_fix(state.font, machine.platform, state.pdf_substitute)))
    return found


def report_lines(machine: Machine) -> tuple[list[str], bool]:
    """印给办事员看的全部文字，和能不能生成报告（决定退出码）。"""
    findings, can_report = diagnose(machine)
    lines = ["gen 体检：这台电脑能用 gen 做什么", "",
             f"  Python {machine.python}（{machine.python_path}）", f"  gen {machine.gen_version}", ""]
    for finding in findings:
        lines.append(f"{'[好]' if finding.ok else '[提示]'} {finding.text}")
        if finding.fix:
            lines.append(f"       办法：{finding.fix}")
    hints = sum(1 for finding in findings if not finding.ok)
    lines.append("")
    if not can_report:
        lines.append("结论：现在还不能生成报告。请先照上面的“办法”处理。")
    elif hints:
        lines.append(f"结论：能生成报告。另有 {hints} 条提示，照“办法”做完后再运行 gen doctor 看一遍。")
    else:
        lines.append("结论：一切就绪，能生成报告、PDF，也能在浏览器里编辑。")
    return lines, can_report


def _templates_ok() -> bool:
    try:
        folder = templates_dir()
    except FileNotFoundError:
        return False
    return (folder / "docx" / "base.docx").is_file() and (folder / "styles" / "gbt9704.yaml").is_file()


def _browser() -> str | None:
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return None
    return getattr(browser, "name", None) or type(browser).__name__


def _writable(folder: Path) -> bool:
    probe_folder = folder
    while not probe_folder.exists() and probe_folder != probe_folder.parent:
        probe_folder = probe_folder.parent  # 还没建的文件夹：看能不能在它上面建
    return os.access(probe_folder, os.W_OK)
