"""单位模板里的 ``reference.docx``：从本单位的 Word 参考文件里取用样式的**字体**。

按样式 id 对应（gen 的样式 id 见 :mod:`.geometry`；也认 Word 内置的 ``Normal``/``Title``/``Heading1``……）：

===================  ==============================  ==================
参考文件里的样式 id    取用                             用在 gen 的
===================  ==============================  ==================
GBBody 或 Normal      中文字体（eastAsia）、西文字体    正文字体、西文字体（原来与正文
                                                       同字体的三级标题、表格跟着换）
GBTitle 或 Title      中文字体                         标题字体
GBHeading1/Heading1   中文字体                         一级标题字体
GBHeading2Char/Heading2  中文字体                      二级标题字体
GBHeading3Char/Heading3  中文字体                      三级标题字体
GBTableText           中文字体                         表格字体
GBPageNumber          中文字体                         页码字体
===================  ==============================  ==================

**不取用**（GB/T 9704 的版面由 gen 决定）：字号、行距、字距、缩进、对齐、段前段后、页边距、纸张、
页眉页脚、主题、编号。参考文件的这些样式里写了与 gen 不同的字号或行距时，给出一条警告，说明哪一个样式的
哪一项没有采用。主题字体（``asciiTheme`` 等）不取用：只认直接写出的字体名。
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ...errors import Diagnostic, Severity, StyleError
from ..style_profile import StyleProfile
from . import geometry as g

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_STYLES_BYTES = 5 * 1024 * 1024

#: 样式 id（先 gen 自己的，再 Word 内置的）→ StyleProfile.fonts 的字段
STYLE_FONTS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    ((g.style_id(g.STYLE_BODY), "Normal"), "body", "正文"),
    ((g.style_id(g.STYLE_TITLE), "Title"), "title", "标题"),
    ((g.style_id(g.STYLE_HEADING1), "Heading1"), "heading1", "一级标题"),
    ((g.style_id(g.CHAR_HEADING2), "Heading2"), "heading2", "二级标题"),
    ((g.style_id(g.CHAR_HEADING3), "Heading3"), "heading3", "三级标题"),
    ((g.style_id(g.STYLE_TABLE_TEXT),), "table", "表格"),
    ((g.style_id(g.STYLE_PAGE_NUMBER),), "page_number", "页码"),
)


@dataclass
class Reference:
    """从参考文件取到的字体（StyleProfile.fonts 的字段 → 字体名）和没有采用的项的警告。"""

    fonts: dict[str, str] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    sizes: dict[str, Decimal] = field(default_factory=dict)

    def apply(self, profile: StyleProfile, file: Path) -> list[Diagnostic]:
        """把字体写进版式；字号与版式不同的样式各给一条警告（字号不采用）。"""
        old_body = profile.fonts.body
        for name, font in self.fonts.items():
            setattr(profile.fonts, name, font)
        if "body" in self.fonts:  # 与正文同一字体的（三级标题、表格）跟着换，除非参考文件另有规定
            for name in ("heading3", "table"):
                if name not in self.fonts and getattr(profile.fonts, name) == old_body:
                    setattr(profile.fonts, name, self.fonts["body"])
        wanted = {"body": profile.sizes.body, "title": profile.sizes.title, "table": profile.sizes.table,
                  "page_number": profile.sizes.page_number}
        notes = list(self.warnings)
        for style_id, size in self.sizes.items():
            field_name = next((f for ids, f, _ in STYLE_FONTS if style_id in ids), "")
            if field_name in wanted and size != wanted[field_name]:
                notes.append(Diagnostic(
                    f"参考文件的样式“{style_id}”规定字号 {size:g} 磅，gen 按 GB/T 9704 的版式用 "
                    f"{wanted[field_name]:g} 磅（版心每行字数、每页行数由它决定），没有采用。",
                    severity=Severity.WARNING, file=file))
        return notes


def read_reference(path: Path) -> Reference:
    """读 reference.docx 的 word/styles.xml。文件不是 Word 文件、没有样式表时报错（带文件名）。"""
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("word/styles.xml")
            if info.file_size > MAX_STYLES_BYTES:
                raise StyleError(Diagnostic("参考文件的样式表太大，不像是正常的 Word 文件。", file=path))
            data = package.read(info)
    except (zipfile.BadZipFile, KeyError, OSError):
        raise StyleError(Diagnostic("reference.docx 读不出样式表：它应当是用 Word 或 WPS 另存的 .docx 文件。",
                                    file=path)) from None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # Word 的样式表从不带 DTD；有就不读（实体展开）
        raise StyleError(Diagnostic("reference.docx 的样式表里有 DTD，不是 Word 写的，没有读取。", file=path))
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise StyleError(Diagnostic("reference.docx 的样式表不是有效的 XML，请用 Word 重新另存一次。",
                                    file=path)) from None
    styles = {el.get(f"{_W}styleId"): el for el in root.iter(f"{_W}style")}
    found = Reference()
    for ids, field_name, label in STYLE_FONTS:
        style = next((styles[i] for i in ids if i in styles), None)
        if style is None:
            continue
        style_id = style.get(f"{_W}styleId")
        fonts = style.find(f"{_W}rPr/{_W}rFonts")
        if fonts is not None:
            east = fonts.get(f"{_W}eastAsia")
            if east:
                found.fonts[field_name] = east
            elif fonts.get(f"{_W}eastAsiaTheme"):
                found.warnings.append(Diagnostic(
                    f"参考文件的样式“{style_id}”（{label}）用的是主题字体，gen 只取直接写出的字体名，没有采用。",
                    severity=Severity.WARNING, file=path))
            latin = fonts.get(f"{_W}ascii")
            if field_name == "body" and latin:
                found.fonts["latin"] = latin
        size = style.find(f"{_W}rPr/{_W}sz")
        if size is not None and (size.get(f"{_W}val") or "").isdigit():
            found.sizes[str(style_id)] = Decimal(size.get(f"{_W}val") or 0) / 2
        spacing = style.find(f"{_W}pPr/{_W}spacing")
        if spacing is not None and spacing.get(f"{_W}line"):
            found.warnings.append(Diagnostic(
                f"参考文件的样式“{style_id}”（{label}）规定了行距，gen 按 GB/T 9704 的行格排版，没有采用。",
                severity=Severity.WARNING, file=path))
    return found
