"""Word 输出：把 :class:`Document` 按版式配置直接写成 .docx 字节（不经过 python-docx）。

从随包发布的底稿 ``templates/docx/base.docx`` 出发：主题、应用程序属性、设置、包关系原样取用，
正文（``body``）、样式表和页码页脚（``styles``）、字体表（``docx_parts``）、文件属性在这里生成，
再按固定顺序、固定时间打成 zip：同样的输入总是得到同样的字节。
各部件的缩进 XML 钉在金样 tests/golden/word/ 里（tests/test_wordml.py 比较；有意修改后运行
scripts/update_goldens.py 更新）。
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import lru_cache

from ...form.models import Form
from ...render.document import Document
from ...resources import templates_dir
from ..ownership import identifier, parts_digest, remember_marked
from ..style_profile import StyleProfile
from .body import document_xml
from .package import font_table_xml
from .styles import footers_xml, styles_xml
from .xml import XML_DECLARATION, text

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
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DOCUMENT_RELS = (
    XML_DECLARATION
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + "".join(f'<Relationship Id="rId{n}" Type="{_REL}/{kind}" Target="{target}"/>' for n, (kind, target) in
              enumerate((("styles", "styles.xml"), ("settings", "settings.xml"), ("fontTable", "fontTable.xml"),
                         ("theme", "theme/theme1.xml"), ("footer", "footer1.xml"), ("footer", "footer2.xml")),
                        start=1))
    + "</Relationships>").encode()
# 底稿里原样取用的部件
_FIXED_PARTS = ("_rels/.rels", "word/settings.xml", "word/theme/theme1.xml", "docProps/app.xml")


@lru_cache(maxsize=1)
def _template_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(templates_dir() / "docx" / "base.docx") as base:
        return {name: base.read(name) for name in _FIXED_PARTS}


def build_docx(doc: Document, form: Form, profile: StyleProfile, *, marked: bool = False) -> bytes:
    """生成 .docx 文件内容。同样的输入总是得到同样的字节。

    ``marked``：文件属性里直接带上 gen 的记号（见 :mod:`generator.write.ownership`），与先生成再
    ``ownership.mark`` 的结果逐字节相同，但不用把整个包解开重打一遍。"""
    fixed = _template_parts()
    footer1, footer2 = footers_xml(profile)
    parts = [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", fixed["_rels/.rels"]),
        ("word/document.xml", document_xml(doc, profile)),
        ("word/_rels/document.xml.rels", _DOCUMENT_RELS),
        ("word/styles.xml", styles_xml(profile)),
        ("word/settings.xml", fixed["word/settings.xml"]),
        ("word/fontTable.xml", font_table_xml(profile)),
        ("word/theme/theme1.xml", fixed["word/theme/theme1.xml"]),
        ("word/footer1.xml", footer1),
        ("word/footer2.xml", footer2),
        ("docProps/core.xml", b""),
        ("docProps/app.xml", fixed["docProps/app.xml"]),
    ]
    mark = identifier(parts_digest(dict(parts))) if marked else ""
    parts[10] = ("docProps/core.xml", core_xml(form, doc.title, mark))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
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
