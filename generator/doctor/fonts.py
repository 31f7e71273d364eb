"""公文字体装了没有、没装时 Word/WPS 和 LibreOffice 用什么代替。

判断都是纯函数，输入是字体族名的集合（来自 ``fc-list``、Windows 字体文件夹里的文件名或注册表里的字体名），
不在 Windows 上也能测试；只有 :func:`installed_families` 去问这台电脑。
"""

from __future__ import annotations

import os
import shutil
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..write.pdf import fc_list_families, fontconfig_file
from ..write.style_profile import StyleProfile
from ..write.word.fonts import font_info

# 同一种字体在不同系统上的名字（中文名、英文名、方正的 PostScript 名）
ALIASES: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("仿宋_GB2312", "FangSong_GB2312"),
    "楷体_GB2312": ("楷体_GB2312", "KaiTi_GB2312"),
    "方正小标宋简体": ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
    "仿宋": ("仿宋", "FangSong"),
    "楷体": ("楷体", "KaiTi"),
    "黑体": ("黑体", "SimHei"),
    "宋体": ("宋体", "SimSun"),
}

# Windows 字体文件夹里的文件名（小写）→ 字体族名；Windows 10/11 自带前四个
WINDOWS_FILES: dict[str, tuple[str, ...]] = {
    "simfang.ttf": ("仿宋", "FangSong"),
    "simkai.ttf": ("楷体", "KaiTi"),
    "simhei.ttf": ("黑体", "SimHei"),
    "simsun.ttc": ("宋体", "SimSun", "新宋体", "NSimSun"),
    "fzxbsjw.ttf": ("方正小标宋简体", "FZXiaoBiaoSong-B05S"),
    "fzxbsk.ttf": ("方正小标宋_GBK",),
    "fs_gb2312.ttf": ("仿宋_GB2312",),
    "fsgb2312.ttf": ("仿宋_GB2312",),
    "simfang_gb2312.ttf": ("仿宋_GB2312",),
    "kt_gb2312.ttf": ("楷体_GB2312",),
    "ktgb2312.ttf": ("楷体_GB2312",),
    "simkai_gb2312.ttf": ("楷体_GB2312",),
}

# 不随 Windows 发布、也不能随 gen 发布的字体（要向单位要字体文件）
NOT_SHIPPED = ("仿宋_GB2312", "楷体_GB2312", "方正小标宋简体")


def families_from_files(names: Iterable[str]) -> set[str]:
    """字体文件名（如 C:\\Windows\\Fonts 里的 simfang.ttf、仿宋_GB2312.ttf）→ 字体族名。
    认识的文件名查表；不认识的用文件名本身（办事员装的字体文件常以字体名命名）。"""
    found: set[str] = set()
    for name in names:
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        stem, dot, suffix = base.rpartition(".")
        if not dot or suffix.lower() not in ("ttf", "ttc", "otf", "otc"):
            continue
        found.update(WINDOWS_FILES.get(base.lower(), (stem,)))
    return found


def families_from_registry(value_names: Iterable[str]) -> set[str]:
    """注册表 ``...\\Windows NT\\CurrentVersion\\Fonts`` 的值名（如“仿宋 (TrueType)”
    “宋体 & 新宋体 (TrueType)”）→ 字体族名。"""
    found: set[str] = set()
    for value in value_names:
        name = value.rsplit(" (", 1)[0] if value.endswith(")") else value
        found.update(part.strip() for part in name.split(" & ") if part.strip())
    return found


def is_installed(font: str, families: set[str]) -> bool:
    return any(name in families for name in ALIASES.get(font, (font,)))


def libreoffice_substitutes(conf: str) -> dict[str, list[str]]:
    """随包的 fontconfig 替换表（templates/styles/fonts.conf）里每种公文字体可以用的替代字体，按先后顺序。"""
    table: dict[str, list[str]] = {}
    for alias in ET.fromstring(conf).iter("alias"):
        family = alias.findtext("family")
        accept = alias.find("accept")
        if family and accept is not None:
            table[family] = [node.text or "" for node in accept.iter("family")]
    return table


@dataclass(frozen=True)
class FontState:
    font: str
    uses: tuple[str, ...]  # 版式里哪些地方用它（标题、正文……）
    installed: bool
    word_substitute: str | None  # 没装时 Word、WPS 用哪种字体代替（生成的 .docx 的字体表里写着）
    word_substitute_installed: bool
    pdf_substitute: str | None  # 没装时 LibreOffice 生成 PDF 用哪种（用 fontconfig 的系统上）


def font_uses(profile: StyleProfile) -> dict[str, tuple[str, ...]]:
    """版式用到的中文字体 → 用在哪里（“正文”“表格”……，按版式文件里的顺序）。"""
    uses: dict[str, list[str]] = {}
    fonts = profile.fonts
    for field, info in type(fonts).model_fields.items():
        name = getattr(fonts, field)
        if name.isascii():  # 西文字体（Times New Roman）不在这里检查
            continue
        uses.setdefault(name, []).append(info.alias or field)
    return {name: tuple(where) for name, where in uses.items()}


def font_states(uses: Mapping[str, Sequence[str]], families: set[str], *, fontconfig: bool,
                substitutes: Mapping[str, Sequence[str]]) -> list[FontState]:
    states = []
    for font, where in uses.items():
        alt = font_info(font).alt
        pdf = None
        if fontconfig and not is_installed(font, families):
            pdf = next((name for name in substitutes.get(font, ()) if name in families), None)
        states.append(FontState(font, tuple(where), is_installed(font, families), alt,
                                alt is not None and is_installed(alt, families), pdf))
    return states


def font_fix(font: str, platform: str, pdf_substitute: str | None = None) -> str:
    """装上这种字体的办法（一句话）。"""
    how = ("在 Windows 上右键字体文件，选“为所有用户安装”" if platform == "win32" else
           "在 macOS 上双击字体文件，点“安装字体”" if platform == "darwin" else
           "把字体文件复制到 ~/.local/share/fonts 后运行 fc-cache -f")
    if font not in NOT_SHIPPED and platform == "win32":
        return f"“{font}”是 Windows 自带的字体，请在“设置 → 个性化 → 字体”里找回，或请信息中心修复系统字体。"
    shipped = "，它不随 Windows 和 gen 发布" if font in NOT_SHIPPED else ""
    get = f"向单位办公室或信息中心要“{font}”的字体文件（.ttf{shipped}），{how}"
    if platform in ("win32", "darwin"):
        return get + "。"
    if pdf_substitute:
        return f"生成 PDF 不受影响（用 {pdf_substitute} 代替）；要与 Word 里的字形完全一样，{get}。"
    return ("运行 sudo apt install fonts-noto-cjk fonts-arphic-ukai 装上免费的替代字体"
            f"（统信 UOS、麒麟、Debian、Ubuntu），gen 生成 PDF 时自动用它们代替；要与 Word 里的字形完全一样，{get}。")


def installed_families(platform: str = sys.platform, environ: Mapping[str, str] | None = None) -> set[str] | None:
    """这台电脑装了哪些字体（族名）；问不出来时为 None。"""
    environ = os.environ if environ is None else environ
    if platform == "win32":
        return _windows_families(environ)
    if shutil.which("fc-list") is not None:
        return fc_list_families(environ)
    if platform == "darwin":
        folders = [Path("/Library/Fonts"), Path("/System/Library/Fonts"), Path.home() / "Library" / "Fonts"]
        return families_from_files(str(path) for folder in folders if folder.is_dir() for path in folder.iterdir())
    return None


def _windows_families(environ: Mapping[str, str]) -> set[str]:
    env = {key.upper(): value for key, value in environ.items()}
    folders = [Path(env.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if env.get("LOCALAPPDATA"):
        folders.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")  # 只为当前用户安装的字体
    found = families_from_files(str(path) for folder in folders if folder.is_dir() for path in folder.iterdir())
    found |= families_from_registry(_registry_font_names())
    return found


def _registry_font_names() -> list[str]:
    if sys.platform != "win32":
        return []
    import winreg

    names: list[str] = []
    key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
    for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(root, key_path) as key:
                count = winreg.QueryInfoKey(key)[1]
                names += [winreg.EnumValue(key, i)[0] for i in range(count)]
        except OSError:
            continue
    return names


def bundled_substitutes() -> dict[str, list[str]]:
    return libreoffice_substitutes(fontconfig_file().read_text(encoding="utf-8"))
