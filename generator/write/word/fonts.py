"""Word 的字体表（word/fontTable.xml）：版式用到的每种字体，带替代字体名、字符集和 panose，Word 和 WPS 据此找替代字体。

字体表声明文件用到的每一种字体，并给出 Windows 自带字体作为替代（w:altName）：
没有装仿宋_GB2312、楷体_GB2312、方正小标宋简体的电脑（Windows 10/11 只带仿宋、楷体、
黑体、宋体），Word 按替代字体排版，WPS 也不再提示“缺失字体”。
"""

from __future__ import annotations

from dataclasses import dataclass

from ..style_profile import StyleProfile

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class FontInfo:
    panose: str
    charset: str = "86"  # GB2312
    family: str = "modern"
    pitch: str = "fixed"
    alt: str | None = None


_SONG = FontInfo("02010600030101010101", family="auto", pitch="variable")
_GB_FIXED = FontInfo("02010609060101010101")
KNOWN_FONTS: dict[str, FontInfo] = {
    "宋体": _SONG,
    "黑体": _GB_FIXED,
    "仿宋": _GB_FIXED,
    "楷体": _GB_FIXED,
    "仿宋_GB2312": FontInfo("02010609030101010101", alt="仿宋"),
    "楷体_GB2312": FontInfo("02010609030101010101", alt="楷体"),
    "方正小标宋简体": FontInfo("02000000000000000000", family="auto", pitch="variable", alt="宋体"),
    "华文中宋": FontInfo("02010600040101010101", family="auto", pitch="variable", alt="宋体"),
    "Times New Roman": FontInfo("02020603050405020304", charset="00", family="roman",
                                pitch="variable"),
}

# 不认识的字体名按名字里的字猜替代字体（如 方正仿宋_GBK → 仿宋）
_GUESS = (("仿宋", "仿宋"), ("楷", "楷体"), ("黑", "黑体"), ("宋", "宋体"))


def font_info(name: str) -> FontInfo:
    if name in KNOWN_FONTS:
        return KNOWN_FONTS[name]
    if name.isascii():
        return FontInfo("02020603050405020304", charset="00", family="roman", pitch="variable")
    alt = next((alt for part, alt in _GUESS if part in name), "宋体")
    base = KNOWN_FONTS[alt]
    return FontInfo(base.panose, family=base.family, pitch=base.pitch, alt=alt)


def used_fonts(profile: StyleProfile) -> list[str]:
    """版式配置用到的全部字体：中文字体在前，西文字体在后；顺序固定。"""
    faces = profile.fonts
    chinese = [faces.title, faces.body, faces.heading1, faces.heading2, faces.heading3,
               faces.page_number, faces.table]
    return list(dict.fromkeys([*chinese, faces.latin]))


def quoteattr(value: str) -> str:
    """带引号的属性值，与 ``xml.sax.saxutils.quoteattr`` 相同（那个模块连带导入 urllib，启动慢约 10 ms）。"""
    value = (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
             .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))
    if '"' in value:
        return '"{}"'.format(value.replace('"', "&quot;")) if "'" in value else f"'{value}'"
    return f'"{value}"'


def font_table_xml(profile: StyleProfile) -> bytes:
    entries = []
    for name in used_fonts(profile):
        info = font_info(name)
        alt = f"<w:altName w:val={quoteattr(info.alt)}/>" if info.alt else ""
        entries.append(
            f"<w:font w:name={quoteattr(name)}>{alt}<w:panose1 w:val=\"{info.panose}\"/>"
            f"<w:charset w:val=\"{info.charset}\"/><w:family w:val=\"{info.family}\"/>"
            f"<w:pitch w:val=\"{info.pitch}\"/></w:font>")
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:fonts xmlns:w="{_W}" xmlns:r="{_R}">{"".join(entries)}</w:fonts>').encode()
