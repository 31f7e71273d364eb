"""Word 输出：把 :class:`Document` 按版式配置直接写成 .docx 字节（不经过 python-docx）。

从随包发布的底稿 ``templates/docx/base.docx`` 出发：主题、应用程序属性、设置、包关系原样取用，
正文（``body``）、样式表和页码页脚（``styles``）、字体表（``fonts``）、文件属性在这里生成，
再由 ``package`` 按固定顺序、固定时间打成 zip：同样的输入总是得到同样的字节。
各部件的缩进 XML 钉在金样 tests/golden/word/ 里（tests/word/test_wordml.py 比较；有意修改后运行
scripts/update_goldens.py 更新）。
"""

from __future__ import annotations

from ...form.models import Form
from ...render.document import Document
from ..style_profile import StyleProfile
from .body import BLANK_SECTION, WIDE_SECTION, document_xml
from .fonts import font_table_xml
from .geometry import landscape
from .package import BLANK_FOOTER, WIDE_FOOTERS, package
from .page_flow import layout
from .styles import blank_footer_xml, footers_xml, styles_xml

__all__ = ["build_docx"]


def build_docx(doc: Document, form: Form, profile: StyleProfile, *, marked: bool = False,
               fit_tables: bool = True) -> bytes:
    """生成 .docx 文件内容。同样的输入总是得到同样的字节；``marked`` 见 :func:`.package.package`，
    ``fit_tables`` 见 :func:`.body.document_xml`。"""
    footer1, footer2 = footers_xml(profile)
    # 正式公文的版记排在偶数页（GB/T 9704 7.5）：按版面模型（与 LibreOffice 的分页相同）算出它落在哪一页
    record_break = layout(doc, profile).record_break if doc.frame is not None and doc.frame.has_record else ""
    document = document_xml(doc, profile, fit_tables=fit_tables, record_break=record_break)
    parts = {"word/document.xml": document, "word/styles.xml": styles_xml(profile),
             "word/fontTable.xml": font_table_xml(profile), "word/footer1.xml": footer1, "word/footer2.xml": footer2}
    if WIDE_SECTION in document:  # 竖版的报告里有横排表格：横版那一节用另外两个页脚（页码转 90 度）
        parts.update(zip(WIDE_FOOTERS, footers_xml(landscape(profile)), strict=True))
    if BLANK_SECTION in document:  # 版记前有空白页：最后一节（空白页、版记页）的页脚没有页码
        parts[BLANK_FOOTER] = blank_footer_xml(profile)
    return package(parts, form, doc.title, marked=marked)
