"""Word 包的组装：部件、关系、内容类型、随包发布的底稿里原样取用的部件，按固定顺序、固定时间打成 zip。

各部件的内容（正文、样式表、页脚、字体表）由同一文件夹里的写出程序生成，这里只负责把它们装进一个
符合 OPC 的 .docx：同样的部件总是得到同样的字节。以后从本单位的参考 .docx 出发时，换的是这里的底稿部件。
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from functools import lru_cache

from ...form.models import Form
from ...resources import templates_dir
from ..ownership import identifier, parts_digest, remember_marked
from .xml import XML_DECLARATION, text

__all__ = ["BLANK_FOOTER", "GENERATED_PARTS", "WIDE_FOOTERS", "core_xml", "package"]

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_CT = "application/vnd.openxmlformats-officedocument"
_CONTENT_TYPES = (
    XML_DECLARATION
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT}.wordprocessingml.document.main+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_CT}.wordprocessingml.fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_CT}.wordprocessingml.footer+xml"/>'
    f'<Override PartName="/word/footer2.xml" ContentType="{_CT}.wordprocessingml.footer+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_CT}.wordprocessingml.settings+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT}.wordprocessingml.styles+xml"/>'
    f'<Override PartName="/word/theme/theme1.xml" ContentType="{_CT}.theme+xml"/></Types>').encode()
# 报告里有横排表格时多两个页脚（横版页面的页码，见 page_number）：只在那时加，别的文件逐字节不变
WIDE_FOOTERS = ("word/footer3.xml", "word/footer4.xml")
# 版记前有空白页时（GB/T 9704 7.5）多一个没有页码的页脚（rId9），也只在那时加
BLANK_FOOTER = "word/footer5.xml"


def _content_types(extra: tuple[str, ...]) -> bytes:
    return _CONTENT_TYPES.replace(
        b'<Override PartName="/word/settings.xml"',
        "".join(f'<Override PartName="/{name}" ContentType="{_CT}.wordprocessingml.footer+xml"/>'
                for name in extra).encode() + b'<Override PartName="/word/settings.xml"')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DOCUMENT_RELS = (
    XML_DECLARATION
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + "".join(f'<Relationship Id="rId{n}" Type="{_REL}/{kind}" Target="{target}"/>' for n, (kind, target) in
              enumerate((("styles", "styles.xml"), ("settings", "settings.xml"), ("fontTable", "fontTable.xml"),
                         ("theme", "theme/theme1.xml"), ("footer", "footer1.xml"), ("footer", "footer2.xml")),
                        start=1))
    + "</Relationships>").encode()
_FOOTER_IDS = {WIDE_FOOTERS[0]: 7, WIDE_FOOTERS[1]: 8, BLANK_FOOTER: 9}


def _document_rels(extra: tuple[str, ...]) -> bytes:
    return _DOCUMENT_RELS.replace(b"</Relationships>", "".join(
        f'<Relationship Id="rId{_FOOTER_IDS[name]}" Type="{_REL}/footer" Target="{name.removeprefix("word/")}"/>'
        for name in extra).encode() + b"</Relationships>")
# 底稿里原样取用的部件；其余由写出程序生成（GENERATED_PARTS），文件属性在这里写
_FIXED_PARTS = ("_rels/.rels", "word/settings.xml", "word/theme/theme1.xml", "docProps/app.xml")


@lru_cache(maxsize=1)
def _template_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(templates_dir() / "docx" / "base.docx") as base:
        return {name: base.read(name) for name in _FIXED_PARTS}


GENERATED_PARTS = ("word/document.xml", "word/styles.xml", "word/fontTable.xml", "word/footer1.xml",
                   "word/footer2.xml")
# 包里各部件的顺序（zip 条目的顺序也是字节的一部分）
_ORDER = ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
          "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/theme/theme1.xml",
          "word/footer1.xml", "word/footer2.xml", "docProps/core.xml", "docProps/app.xml")


def package(generated: Mapping[str, bytes], form: Form, title: str, *, marked: bool = False) -> bytes:
    """把生成的部件（``GENERATED_PARTS`` 里的每一个）与固定部件装成 .docx 的字节。

    ``marked``：文件属性里直接带上 gen 的记号（见 :mod:`generator.write.ownership`），与先生成再
    ``ownership.mark`` 的结果逐字节相同，但不用把整个包解开重打一遍。"""
    fixed = _template_parts()
    extra = tuple(name for name in (*WIDE_FOOTERS, BLANK_FOOTER) if name in generated)
    parts = {**fixed, **generated, "[Content_Types].xml": _content_types(extra),
             "word/_rels/document.xml.rels": _document_rels(extra), "docProps/core.xml": b""}
    order = (*_ORDER[:_ORDER.index("docProps/core.xml")], *extra, *_ORDER[_ORDER.index("docProps/core.xml"):])
    ordered = [(name, parts[name]) for name in order]
    mark = identifier(parts_digest(dict(ordered))) if marked else ""
    ordered[order.index("docProps/core.xml")] = ("docProps/core.xml", core_xml(form, title, mark))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in ordered:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, data)
    return remember_marked(out.getvalue()) if marked else out.getvalue()


def core_xml(form: Form, title: str, mark: str = "") -> bytes:
    """文件属性：标题、作者（单位）、日期（表单的成文日期，不用当前时间）、语言、文种。"""
    moment = dt.datetime(form.date.year, form.date.month, form.date.day).strftime("%Y-%m-%dT%H:%M:%SZ")
    unit = text(form.unit[:255])  # 文档属性最多 255 个字
    return (
        XML_DECLARATION
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{text(title[:255])}</dc:title><dc:creator>{unit}</dc:creator><cp:revision>1</cp:revision>"
        f"<cp:lastModifiedBy>{unit}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified>'
        f"<dc:language>zh-CN</dc:language><dc:subject>{text(form.kind.value)}</dc:subject>{mark}"
        "</cp:coreProperties>").encode("utf-8")
