"""gen doctor：字体和 LibreOffice 藏起来、装齐了，给的结论和办法各不相同。"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from generator.doctor import Machine, diagnose, report_lines
from generator.doctor.fonts import (
    families_from_files,
    families_from_registry,
    font_uses,
    is_installed,
    libreoffice_substitutes,
)
from generator.write.pdf import families_from_fc_list, fontconfig_file
from generator.write.style_profile import load_profile

WINDOWS_DEFAULT = ["C:\\Windows\\Fonts\\simfang.ttf", "C:\\Windows\\Fonts\\simkai.ttf", "C:\\Windows\\Fonts\\simhei.ttf",
                   "C:\\Windows\\Fonts\\simsun.ttc", "C:\\Windows\\Fonts\\arial.ttf", "C:\\Windows\\Fonts\\desktop.ini"]
ALL_GB = [*WINDOWS_DEFAULT, "C:\\Windows\\Fonts\\FZXBSJW.TTF", "D:\\字体\\仿宋_GB2312.ttf", "D:\\字体\\楷体_GB2312.ttf"]


def machine(families: set[str] | None, *, soffice: bool = True, platform: str = "win32",
            browser: str | None = "windows-default") -> Machine:
    return Machine(python="3.12.1", python_path="C:\\Python312\\python.exe", gen_version="0.1.0", platform=platform,
                   templates=True, families=families,
                   soffice=Path("C:\\Program Files\\LibreOffice\\program\\soffice.exe") if soffice else None,
                   soffice_version="24.2.1.2" if soffice else None, browser=browser,
                   folders={"报告默认写在表单旁边；在这个文件夹里运行时": (Path("D:\\总结"), True)})


def test_font_names_from_windows_files_registry_and_fc_list() -> None:
    assert families_from_files(WINDOWS_DEFAULT) == {"仿宋", "FangSong", "楷体", "KaiTi", "黑体", "SimHei", "宋体",
                                                    "SimSun", "新宋体", "NSimSun", "arial"}
    assert {"方正小标宋简体", "仿宋_GB2312", "楷体_GB2312"} <= families_from_files(ALL_GB)
    assert families_from_registry(["仿宋 (TrueType)", "宋体 & 新宋体 (TrueType)", "方正小标宋简体 (TrueType)",
                                   "Arial Bold (TrueType)"]) == {"仿宋", "宋体", "新宋体", "方正小标宋简体", "Arial Bold"}
    listing = "Noto Serif CJK SC,Noto Serif CJK SC SemiBold\nFangSong,仿宋\nFZXiaoBiaoSong\\-B05S\n"
    families = families_from_fc_list(listing)
    assert {"Noto Serif CJK SC", "仿宋", "FangSong", "FZXiaoBiaoSong-B05S"} <= families
    assert is_installed("方正小标宋简体", families) and is_installed("仿宋", families)
    assert not is_installed("仿宋_GB2312", families)


def test_bundled_substitute_table_is_read() -> None:
    table = libreoffice_substitutes(fontconfig_file().read_text(encoding="utf-8"))
    assert table["仿宋_GB2312"][:2] == ["FangSong", "Noto Serif CJK SC"]
    assert table["黑体"][0] == "SimHei"
    assert set(font_uses(load_profile())) == {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"}


def test_windows_with_every_font_and_libreoffice_is_all_good() -> None:
    lines, ok = report_lines(machine(families_from_files(ALL_GB)))
    assert ok
    assert not any(line.startswith("[提示]") for line in lines), lines
    assert "[好] 生成 PDF（-f pdf）：可以，用 LibreOffice 24.2.1.2（C:\\Program Files\\LibreOffice\\program\\soffice.exe）。" in lines
    assert "[好] 字体 仿宋_GB2312（正文、三级标题、表格）：已安装。" in lines
    assert lines[-1] == "结论：一切就绪，能生成报告、PDF，也能在浏览器里编辑。"


def test_plain_windows_gets_word_substitutes_and_where_to_get_the_gb_fonts() -> None:
    lines, ok = report_lines(machine(families_from_files(WINDOWS_DEFAULT), soffice=False))
    assert ok  # 没有 LibreOffice、没有公文字体，Word 报告照样能生成：退出码 0
    text = "\n".join(lines)
    assert ("[提示] 字体 仿宋_GB2312（正文、三级标题、表格）：没有安装。Word、WPS 会用 仿宋 代替（字形相近，页面排法不变）。\n"
            "       办法：向单位办公室或信息中心要“仿宋_GB2312”的字体文件（.ttf，它不随 Windows 和 gen 发布），"
            "在 Windows 上右键字体文件，选“为所有用户安装”。") in text
    assert "[提示] 字体 方正小标宋简体（标题）：没有安装。Word、WPS 会用 宋体 代替" in text
    assert "[好] 字体 黑体（一级标题）：已安装。" in text
    assert ("[提示] 生成 PDF（-f pdf）：不行，这台电脑上没有找到 LibreOffice。\n"
            "       办法：到 https://zh-cn.libreoffice.org/download/ 下载安装 LibreOffice") in text
    assert lines[-1] == "结论：能生成报告。另有 4 条提示，照“办法”做完后再运行 gen doctor 看一遍。"


def test_linux_without_fonts_says_to_install_free_substitutes() -> None:
    findings, ok = diagnose(machine(set(), platform="linux", browser=None))
    assert ok
    hints = [f for f in findings if not f.ok]
    heiti = next(f for f in hints if f.text.startswith("字体 黑体"))
    assert heiti.fix is not None and heiti.fix.startswith("运行 sudo apt install fonts-noto-cjk fonts-arphic-ukai")
    browser = next(f for f in hints if f.text.startswith("浏览器"))
    assert browser.fix is not None and "gen edit --no-browser" in browser.fix


def test_linux_with_noto_says_pdf_is_not_affected() -> None:
    findings, _ok = diagnose(machine({"Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN"}, platform="linux"))
    fangsong = next(f for f in findings if f.text.startswith("字体 仿宋_GB2312"))
    assert fangsong.fix is not None and fangsong.fix.startswith("生成 PDF 不受影响（用 Noto Serif CJK SC 代替）")
    kaiti = next(f for f in findings if f.text.startswith("字体 楷体_GB2312"))
    assert kaiti.fix is not None and kaiti.fix.startswith("生成 PDF 不受影响（用 AR PL UKai CN 代替）")


def test_unknown_fonts_and_unwritable_folder_are_hints() -> None:
    broken = machine(None)
    broken = Machine(**{**broken.__dict__, "folders": {"临时文件": (Path("C:\\只读"), False)}})
    findings, ok = diagnose(broken)
    assert ok
    assert [f.text for f in findings if not f.ok] == [
        "公文字体（方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312、宋体）：gen 查不出这台电脑装了哪些字体。",
        "临时文件：C:\\只读（不能写）。"]


def test_missing_templates_means_no_report_and_exit_1() -> None:
    broken = Machine(**{**machine(set()).__dict__, "templates": False})
    lines, ok = report_lines(broken)
    assert not ok and lines[-1] == "结论：现在还不能生成报告。请先照上面的“办法”处理。"


# ---------------------------------------------------------------- 真的去问这台电脑（子进程，环境里藏起字体和 LibreOffice）


def _doctor(env_changes: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "BROWSER", "WAYLAND_DISPLAY")}
    env.update(env_changes, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "generator", "doctor"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120, check=False)


def _hidden(tmp_path: Path) -> dict[str, str]:
    """PATH 里只有 Python（没有 soffice、fc-list 也找不到任何字体）；fontconfig 只看一个空文件夹。"""
    bin_dir, fonts = tmp_path / "bin", tmp_path / "没有字体"
    bin_dir.mkdir()
    fonts.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    fc_list = subprocess.run(["sh", "-c", "command -v fc-list"], capture_output=True, text=True).stdout.strip()
    if fc_list:
        (bin_dir / "fc-list").symlink_to(fc_list)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path}/cache</cachedir>'
                    "</fontconfig>\n", encoding="utf-8")
    return {"PATH": str(bin_dir), "FONTCONFIG_FILE": str(conf)}


@pytest.mark.skipif(sys.platform == "win32", reason="藏 PATH 和 fontconfig 的办法只适用于 Linux、macOS")
def test_doctor_with_fonts_and_libreoffice_hidden(tmp_path: Path) -> None:
    result = _doctor(_hidden(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr  # Word 报告照样能生成
    assert "[好] 生成 Word（.docx）和 Markdown（.md）：可以。" in result.stdout
    assert "[提示] 生成 PDF（-f pdf）：不行，这台电脑上没有找到 LibreOffice。" in result.stdout
    if sys.platform != "darwin":
        for font in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"):
            assert f"字体 {font}（" in result.stdout and f"[好] 字体 {font}" not in result.stdout
        assert "办法：运行 sudo apt install fonts-noto-cjk fonts-arphic-ukai" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("结论：能生成报告。另有")


@pytest.mark.office
def test_doctor_with_libreoffice_and_free_fonts_present(tmp_path: Path) -> None:
    from office import require_tool

    require_tool("soffice")
    result = _doctor({}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[好] 生成 PDF（-f pdf）：可以，用 LibreOffice " in result.stdout
    if "Noto Serif CJK SC" in subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout:
        assert "办法：生成 PDF 不受影响（用 Noto Serif CJK SC 代替）" in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="藏 PATH 的办法只适用于 Linux、macOS")
def test_report_pdf_without_libreoffice_says_it_in_one_line(tmp_path: Path) -> None:
    form = REPO / "examples" / "贡觉县-2024.yaml"
    env = {k: v for k, v in os.environ.items()}
    env.update(_hidden(tmp_path), PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "report", str(form), "-f", "pdf", "-o", f"{tmp_path}/"],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode != 0
    assert result.stderr.splitlines() == [
        "错误：生成 PDF 需要 LibreOffice，这台电脑上没有找到：到 https://zh-cn.libreoffice.org/download/ 下载安装 "
        "LibreOffice（Windows、macOS），或运行 sudo apt install libreoffice-writer（统信 UOS、麒麟、Debian、Ubuntu）；"
        "也可以先生成 Word 文件（-f docx），再用 WPS 或 Word 另存为 PDF。"]
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.docx"))
