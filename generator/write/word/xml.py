"""WordprocessingML 片段的字符串拼写：转义与 lxml 序列化逐字节相同，段落、文字块与 python-docx 写出的一样。"""

from __future__ import annotations

import re

XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# XML 1.0 不允许的控制字符：lxml 遇到就抛 ValueError，这里同样（读入阶段已去掉，不应出现）
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;",
                       "\r": "&#13;", "\t": "&#9;"})
_SPECIAL = re.compile("[&<>\r]")


def _check(value: str) -> None:
    if _INVALID.search(value):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")


def text(value: str) -> str:
    """元素文字的转义（与 lxml 相同）。"""
    _check(value)
    return value.translate(_TEXT) if _SPECIAL.search(value) else value


def attr(value: str) -> str:
    """属性值（带引号）的转义（与 lxml 相同）。"""
    _check(value)
    return f'"{value.translate(_ATTR)}"'


EAST_ASIAN = '<w:rFonts w:hint="eastAsia"/>'
_BREAKS = re.compile("[\t\r\n]")


def _t(value: str) -> str:
    space = ' xml:space="preserve"' if len(value.strip()) < len(value) else ""
    return f"<w:t{space}>{text(value)}</w:t>"


def run_content(value: str) -> str:
    """一段文字写成 w:t；制表符写成 w:tab，换行、回车写成 w:br（与 python-docx 的 ``run.text = `` 相同）。"""
    if not value:
        return ""
    if not _BREAKS.search(value):
        return _t(value)
    out: list[str] = []
    for piece in re.split("([\t\r\n])", value):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            out.append(_t(piece))
    return "".join(out)


# 中文引号：Unicode 里与西文共用，排在数字或字母后面时 LibreOffice 按西文字体排成半角（“1+4+7”的后引号）
# 只有跟在西文字符后面的引号会被这样归错（跟在汉字后面的归入中文），只把这些引号单独成块
_QUOTES = re.compile("((?<=[\x21-\x7e])[“”‘’]+)")


def run(value: str, *, char_style: str | None = None, font: str | None = None, size: str = "") -> str:
    """一个标了 ``w:hint="eastAsia"`` 的文字块（引号、破折号按中文全角排）。

    ``font``：这段文字的中文字体。给出时，跟在数字、字母后面的中文引号单独成块，西文字体也设成这个中文字体：Word、WPS 凭
    ``w:hint`` 就用中文字体排引号，LibreOffice 不认 hint，按前一个字（数字、字母）把引号归入西文，
    用西文字体排成半角；西文字体也是中文字体时，哪个软件都排成全角。

    ``size``：现成的 ``w:sz``、``w:szCs`` 元素（字号与样式不同时，如缩小了的表格字号）。"""
    style = f"<w:rStyle w:val={attr(char_style)}/>" if char_style else ""
    if font is None or not _QUOTES.search(value):
        return f"<w:r><w:rPr>{style}{EAST_ASIAN}{size}</w:rPr>{run_content(value)}</w:r>"
    quote_fonts = f'<w:rFonts w:ascii={attr(font)} w:hAnsi={attr(font)} w:hint="eastAsia"/>'
    out = []
    for index, piece in enumerate(_QUOTES.split(value)):  # 奇数位是引号
        if piece:
            fonts = quote_fonts if index % 2 else EAST_ASIAN
            out.append(f"<w:r><w:rPr>{style}{fonts}{size}</w:rPr>{run_content(piece)}</w:r>")
    return "".join(out)


def paragraph(style: str, content: str = "", *, keep_next: bool = False, keep_lines: bool = False,
              page_break: bool = False, indent: str = "") -> str:
    """一个段落：pPr 的子元素按 OOXML 架构顺序。``indent`` 是现成的 w:ind 元素。"""
    props = [f"<w:pStyle w:val={attr(style)}/>"]
    if keep_next:
        props.append("<w:keepNext/>")
    if keep_lines:
        props.append("<w:keepLines/>")
    if page_break:
        props.append("<w:pageBreakBefore/>")
    props.append(indent)
    return f"<w:p><w:pPr>{''.join(props)}</w:pPr>{content}</w:p>"
