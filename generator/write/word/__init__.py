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
from .body import document_xml
from .fonts import font_table_xml
from .package import package
from .styles import footers_xml, styles_xml

__all__ = ["build_docx"]


def build_docx(doc: Document, form: Form, profile: StyleProfile, *, marked: bool = False) -> bytes:
    """生成 .docx 文件内容。同样的输入总是得到同样的字节；``marked`` 见 :func:`.package.package`。"""
    footer1, footer2 = footers_xml(profile)
    return package({"word/document.xml": document_xml(doc, profile), "word/styles.xml": styles_xml(profile),
                    "word/fontTable.xml": font_table_xml(profile), "word/footer1.xml": footer1,
                    "word/footer2.xml": footer2}, form, doc.title, marked=marked)
