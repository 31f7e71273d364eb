"""Word 金样的用例与排版：测试（tests/word/test_wordml.py）和更新脚本（scripts/update_goldens.py）共用。

每个用例是一份 Document、一张表单和一套版式；金样存的是生成的 .docx 里几个部件的缩进排版 XML：
``tests/golden/word/<用例>/document.xml``，以及按版式存一份的 ``tests/golden/word/版式/<版式>/``
（styles.xml、footer1.xml、footer2.xml、fontTable.xml：这几个部件只由版式决定）。
用例文件夹里的 ``版式.txt`` 写着它用的是哪一套。
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, partial
from pathlib import Path

from conftest import EXAMPLES, REPO
from lxml import etree
from variants import variants

from generator.api import build_report, build_report_from_data
from generator.form.models import Form
from generator.render.document import Block, BlockKind, Document, Run
from generator.write.style_profile import StyleProfile, load_profile
from generator.write.word import build_docx
from generator.write.word.geometry import landscape

GOLDEN_WORD = REPO / "tests" / "golden" / "word"
PROFILE_DIR = "版式"
PROFILE_FILE = "版式.txt"
DOCUMENT_PART = "word/document.xml"
PROFILE_PARTS = ("word/styles.xml", "word/footer1.xml", "word/footer2.xml", "word/fontTable.xml")


def profiles() -> dict[str, StyleProfile]:
    """自定义版式：横版、怪字体名（XML 特殊字符）、字号字距、负字距。"""
    base = load_profile()
    odd_fonts = base.fonts.model_copy(update={
        "title": 'A&B "标题" <x>', "body": "方正仿宋_GBK", "heading1": "黑体 ' 引号", "heading2": "楷体",
        "heading3": "Some Latin Font", "page_number": "宋体&", "table": "华文中宋", "latin": "Arial & <Co>"})
    sizes = base.sizes.model_copy(update={"title": Decimal("21.5"), "body": Decimal("15.75"),
                                          "page_number": Decimal("10.5"), "table": Decimal("9")})
    return {
        "默认": base,
        "横版": landscape(base),
        "怪字体名": base.model_copy(update={"fonts": odd_fonts}),
        "字号字距": base.model_copy(update={"sizes": sizes, "char_spacing": Decimal("0.75"),
                                        "line_pitch": Decimal("25.5"), "chars_per_line": 5}),
        "负字距": base.model_copy(update={"char_spacing": Decimal("-2"), "page_number_gap": Decimal(0)}),
    }


@dataclass(frozen=True)
class Case:
    name: str
    profile_name: str  # 金样里 styles.xml 等部件存在 版式/<profile_name>/ 下
    make: Callable[[], tuple[Document, Form, StyleProfile]]

    def docx(self) -> bytes:
        # 汇总表的字号、方向由 rollup.pages.plan 选好（gen rollup 同样关掉 fit_tables）
        return build_docx(*self.make(), fit_tables=not self.name.startswith("汇总表"))


def _example_form() -> Form:
    return build_report(EXAMPLES[0]).form


def rollup_landscape() -> tuple[Document, Form, StyleProfile]:
    """12 个县的汇总表：横版。"""
    header = ("指标", "单位", *(f"第{n}县" for n in range(12)), "合计", "同比")
    rows = (header, *[("门诊人次", "人次", *(str(10_000 + n * r) for n in range(12)), "123456", "增长3.00%")
                      for r in range(8)])
    doc = Document([Block(BlockKind.ATTACHMENT, (Run("附件"),)),
                    Block(BlockKind.ATTACHMENT_TITLE, (Run("2024年卫生健康主要指标汇总表"),)),
                    Block(BlockKind.TABLE, rows=rows)])
    return doc, _example_form(), landscape(load_profile())


def rollup_pages(counties: int) -> tuple[Document, Form, StyleProfile]:
    """县多时汇总表改小字号、拆成几张“续表”（generator.rollup.pages.plan）。"""
    from generator.rollup.pages import plan

    header = ("指标", "单位", *(f"第{n}县" for n in range(counties)), "合计", "同比")
    rows = (header, *[("门诊人次", "人次", *(str(100_000 + n * r) for n in range(counties)), "1234567", "增长3.00%")
                      for r in range(8)])
    layout = plan(rows, load_profile())
    blocks = [Block(BlockKind.ATTACHMENT, (Run("附件"),))]
    for number, part in enumerate(layout.parts):
        if number:
            blocks.append(Block(BlockKind.ATTACHMENT, (Run("续表"),)))
        blocks.append(Block(BlockKind.TABLE, rows=part))
    return Document(blocks), _example_form(), layout.profile


@cache
def cases() -> dict[str, Case]:
    """示例 × 指标表放法（默认版式）、示例 × 其他四套版式、汇总表（横版；9、15、30 个县）。"""
    out: dict[str, Case] = {}
    default = load_profile()
    for name, data in variants().items():
        def make(data: dict[str, object] = data) -> tuple[Document, Form, StyleProfile]:
            report = build_report_from_data(data)
            return report.document, report.form, default
        out[name] = Case(name, "默认", make)
    for profile_name, profile in profiles().items():
        if profile_name == "默认":  # 上面的放法已经包括（示例原样就是其中一种放法）
            continue
        for example in EXAMPLES:
            def make_profiled(example: Path = example,
                              profile: StyleProfile = profile) -> tuple[Document, Form, StyleProfile]:
                report = build_report(example)
                return report.document, report.form, profile
            out[f"{example.stem}-{profile_name}"] = Case(f"{example.stem}-{profile_name}", profile_name,
                                                         make_profiled)
    out["汇总表-横版"] = Case("汇总表-横版", "横版", rollup_landscape)
    for counties in (9, 15, 30):
        name = f"汇总表-{counties}县"
        out[name] = Case(name, name, partial(rollup_pages, counties))
    return out


def pretty(xml: bytes) -> str:
    """部件 XML 缩进排版（UTF-8）。写出的部件元素之间没有空白，所以缩进只加在元素之间；
    w:t 里的文字（含首尾空格、全角空格）原样保留。排版后去掉缩进必须回到原来的树，否则报错。"""
    tree = etree.fromstring(xml)
    out = etree.tostring(tree, pretty_print=True, encoding="UTF-8", xml_declaration=True, standalone=True)
    again = etree.fromstring(out)
    for element in again.iter():
        if len(element) and element.text is not None and not element.text.strip(" \n"):
            element.text = None
        if element.tail is not None and not element.tail.strip(" \n"):
            element.tail = None
    if etree.tostring(again) != etree.tostring(tree):
        raise ValueError("缩进排版改动了文字内容")
    return bytes(out).decode("utf-8")


def parts_of(data: bytes) -> dict[str, str]:
    """一份 .docx 里进金样的部件（缩进排版后）。"""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: pretty(archive.read(name)) for name in (DOCUMENT_PART, *PROFILE_PARTS)}


def golden_files(selected: list[Case] | None = None) -> dict[str, str]:
    """金样文件夹应有的全部文件（相对 tests/golden/word 的路径 → 内容），README.md 除外。

    同一套版式的 styles.xml 等部件只存一份；两个用例同名版式而部件不同就报错。"""
    files: dict[str, str] = {}
    for case in selected if selected is not None else list(cases().values()):
        parts = parts_of(case.docx())
        files[f"{case.name}/document.xml"] = parts[DOCUMENT_PART]
        files[f"{case.name}/{PROFILE_FILE}"] = case.profile_name + "\n"
        for part in PROFILE_PARTS:
            path = f"{PROFILE_DIR}/{case.profile_name}/{Path(part).name}"
            if files.setdefault(path, parts[part]) != parts[part]:
                raise ValueError(f"{case.name}：{path} 与同一版式的其他用例不同")
    return files


def stored_files() -> dict[str, str]:
    """金样文件夹里现有的文件（README.md 除外）。"""
    if not GOLDEN_WORD.is_dir():
        return {}
    return {path.relative_to(GOLDEN_WORD).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(GOLDEN_WORD.rglob("*")) if path.is_file() and path.name != "README.md"}
