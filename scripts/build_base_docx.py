# ruff: noqa: E501  (OOXML 命名空间地址不便折行)
"""生成 templates/docx/base.docx：gen 写 Word 文件时用的空白底稿。

底稿只含最少的部件，文字语言为 zh-CN，中文字体显式写在 w:eastAsia 上，
样式里不引用主题字体（python-docx 自带模板会把中文送到日文主题字体上）；
主题部件和字体表照 Word 的习惯都有（主题的简体中文字体为宋体、黑体，字体表由 gen 按版式改写）；
单双页页码不同（w:evenAndOddHeaders），标点不压缩（每个字占一格，每行正好 28 字）。
具体的字体、字号、页面由版式配置（templates/styles/*.yaml）在生成时写入。

用法：python scripts/build_base_docx.py  （tests/word/test_base_docx.py 检查提交的底稿是否最新）
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _font_collection(latin: str, hans: str) -> str:
    """主题字体：西文 + 简体中文（Hans）。样式里不引用主题字体，这里只为 Word 新插入的内容兜底。"""
    return (f'<a:latin typeface="{latin}" panose="02020603050405020304"/><a:ea typeface=""/><a:cs typeface=""/>'
            f'<a:font script="Hans" typeface="{hans}"/><a:font script="Hant" typeface="新細明體"/>')


def _fill(tint: str) -> str:
    return f'<a:solidFill><a:schemeClr val="phClr">{tint}</a:schemeClr></a:solidFill>'


_LINE = ('<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/>'
         '</a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>')

# 与 Word 写出的“Office 主题”同构：配色、字体（东亚 Hans 用 GB 字体）、格式三组
THEME = (
    f'<a:theme xmlns:a="{A}" name="Office 主题"><a:themeElements>'
    '<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2>'
    '<a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1>'
    '<a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3>'
    '<a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5>'
    '<a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink>'
    '<a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>'
    '<a:fontScheme name="Office">'
    f'<a:majorFont>{_font_collection("Times New Roman", "黑体")}</a:majorFont>'
    f'<a:minorFont>{_font_collection("Times New Roman", "宋体")}</a:minorFont>'
    "</a:fontScheme>"
    '<a:fmtScheme name="Office"><a:fillStyleLst>'
    + _fill("") + _fill('<a:tint val="50000"/>') + _fill('<a:shade val="80000"/>')
    + "</a:fillStyleLst><a:lnStyleLst>"
    + _LINE.format(w="6350") + _LINE.format(w="12700") + _LINE.format(w="19050")
    + "</a:lnStyleLst><a:effectStyleLst>"
    + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    + "</a:effectStyleLst><a:bgFillStyleLst>"
    + _fill("") + _fill('<a:tint val="95000"/>') + _fill('<a:shade val="90000"/>')
    + "</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
    "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>")

PARTS: dict[str, str] = {
    "[Content_Types].xml": HEAD + (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
        '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
        '<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"),
    "_rels/.rels": HEAD + (
        f'<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{OFFICE_DOC}" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"),
    "word/_rels/document.xml.rels": HEAD + (
        f'<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId2" Type="{R}/settings" Target="settings.xml"/>'
        f'<Relationship Id="rId3" Type="{R}/fontTable" Target="fontTable.xml"/>'
        f'<Relationship Id="rId4" Type="{R}/theme" Target="theme/theme1.xml"/>'
        "</Relationships>"),
    "word/document.xml": HEAD + (
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" '
        'w:footer="992" w:gutter="0"/></w:sectPr>'
        "</w:body></w:document>"),
    "word/styles.xml": HEAD + (
        f'<w:styles xmlns:w="{W}" xmlns:r="{R}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" '
        'w:cs="Times New Roman"/>'
        '<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:widowControl w:val="0"/><w:jc w:val="both"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/></w:style>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>"
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" '
        'w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        "</w:style>"
        "</w:styles>"),
    "word/settings.xml": HEAD + (
        f'<w:settings xmlns:w="{W}" xmlns:r="{R}">'
        '<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        "</w:settings>"),
    # 字体表：gen 生成时按版式配置改写成实际用到的字体（generator/write/word/fonts.py）
    "word/fontTable.xml": HEAD + (
        f'<w:fonts xmlns:w="{W}" xmlns:r="{R}">'
        '<w:font w:name="宋体"><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/>'
        '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        "</w:fonts>"),
    "word/theme/theme1.xml": HEAD + THEME,
    "docProps/core.xml": HEAD + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title></dc:title><dc:creator>gen</dc:creator><cp:revision>1</cp:revision>"
        "</cp:coreProperties>"),
    "docProps/app.xml": HEAD + (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>gen</Application></Properties>"),
}


def build(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in PARTS.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, xml.encode("utf-8"))


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else (
        Path(__file__).resolve().parents[1] / "templates" / "docx" / "base.docx")
    build(out)
    print(out)
