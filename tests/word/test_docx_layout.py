"""逐条检查 GB/T 9704-2012 的版式规则在每个示例 .docx 的 XML 里是否成立。

字体、字号、缩进等都按 Word 的规则沿样式链解析：直接格式 → 字符样式 → 段落样式
（沿 basedOn 向上）→ docDefaults，所以“写在哪一层”不影响检查结果，只看最终效果。
"""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, REPO
from lxml import etree
from variants import build, variants

from generator.pipeline import build_report, style_path
from generator.render.document import BlockKind
from generator.write.style_profile import load_profile
from generator.write.word.layout import set_width, text_width

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
PUNCTUATION = "，。、；：？！,.;:?!"
BODY_CHAR = (16 - 0.25) * 20  # 一个三号字（含 −0.25 磅字距）的宽度，缇


def q(tag: str) -> str:
    prefix, _, name = tag.partition(":")
    return f"{{{W}}}{name}" if prefix == "w" else tag


def attr(element: Any, name: str) -> str | None:
    if element is None:
        return None
    value = element.get(q(f"w:{name}"))
    return None if value is None else str(value)


@dataclass
class Docx:
    data: bytes
    parts: dict[str, Any]

    @classmethod
    def load(cls, data: bytes) -> Docx:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                     if name.endswith(".xml") or name.endswith(".rels")}
        return cls(data, parts)

    @property
    def document(self) -> Any:
        return self.parts["word/document.xml"]

    @property
    def styles(self) -> Any:
        return self.parts["word/styles.xml"]

    def style(self, style_id: str) -> Any:
        found = self.styles.find(f"w:style[@w:styleId='{style_id}']", NS)
        assert found is not None, f"样式 {style_id} 不存在"
        return found

    def default_style(self, kind: str) -> Any:
        return self.styles.find(f"w:style[@w:type='{kind}'][@w:default='1']", NS)

    def _chain(self, style: Any) -> list[Any]:
        chain = []
        while style is not None:
            chain.append(style)
            based = style.find("w:basedOn", NS)
            style = self.style(attr(based, "val") or "") if based is not None else None
        return chain

    def paragraph_chain(self, p: Any) -> list[Any]:
        """段落属性的来源，从近到远：段落自身 pPr、段落样式链、docDefaults。"""
        ppr = p.find("w:pPr", NS)
        style_ref = ppr.find("w:pStyle", NS) if ppr is not None else None
        style = self.style(attr(style_ref, "val") or "") if style_ref is not None else self.default_style("paragraph")
        sources = [ppr] + [s.find("w:pPr", NS) for s in self._chain(style)]
        sources.append(self.styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS))
        return [s for s in sources if s is not None]

    def run_chain(self, p: Any, r: Any) -> list[Any]:
        """文字属性的来源：文字自身 rPr、字符样式链、段落样式链的 rPr、docDefaults。"""
        rpr = r.find("w:rPr", NS)
        sources = [rpr]
        rstyle = rpr.find("w:rStyle", NS) if rpr is not None else None
        if rstyle is not None:
            sources += [s.find("w:rPr", NS) for s in self._chain(self.style(attr(rstyle, "val") or ""))]
        ppr = p.find("w:pPr", NS)
        style_ref = ppr.find("w:pStyle", NS) if ppr is not None else None
        style = self.style(attr(style_ref, "val") or "") if style_ref is not None else self.default_style("paragraph")
        sources += [s.find("w:rPr", NS) for s in self._chain(style)]
        sources.append(self.styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS))
        return [s for s in sources if s is not None]


def resolve(chain: list[Any], tag: str, name: str) -> str | None:
    """沿来源链取第一个带这个属性的 ``tag`` 元素的值。"""
    for source in chain:
        element = source.find(tag, NS)
        if element is not None and element.get(q(f"w:{name}")) is not None:
            return str(element.get(q(f"w:{name}")))
    return None


def is_on(chain: list[Any], tag: str) -> bool:
    for source in chain:
        element = source.find(tag, NS)
        if element is not None:
            return attr(element, "val") not in ("0", "false", "off")
    return False


def style_id(p: Any) -> str:
    ref = p.find("w:pPr/w:pStyle", NS)
    return attr(ref, "val") or "Normal"


def text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(q("w:t")))


def run_style(r: Any) -> str:
    return attr(r.find("w:rPr/w:rStyle", NS), "val") or ""


@pytest.fixture(scope="module", params=EXAMPLES, ids=[e.name for e in EXAMPLES])
def built(request: pytest.FixtureRequest) -> tuple[Any, Docx]:
    report = build_report(request.param)
    profile = load_profile(style_path(report, None))
    return report, Docx.load(report.docx(profile))


def body_paragraphs(d: Docx) -> list[Any]:
    """正文的段落：从标题到成文日期为止（标题之前是公文的版头，日期之后是另起一页的附件）。"""
    paragraphs = list(d.document.find("w:body", NS).iterfind("w:p", NS))
    dates = [i for i, p in enumerate(paragraphs) if style_id(p) == "GBDate"]
    start = next((i for i, p in enumerate(paragraphs) if style_id(p) == "GBTitle"), 0)
    return paragraphs[start: dates[-1] + 1] if dates else paragraphs[start:]


# ---------------------------------------------------------------- 页面与网格


def test_page_and_margins(built: tuple[Any, Docx]) -> None:
    _, d = built
    sect = d.document.find("w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")
    assert attr(size, "orient") in (None, "portrait")
    margins = sect.find("w:pgMar", NS)
    assert {k: attr(margins, k) for k in ("top", "left", "right", "bottom", "gutter")} == {
        "top": "2098", "left": "1587", "right": "1474", "bottom": "1984", "gutter": "0"}
    # 版心 156 × 225 毫米
    assert abs((11906 - 1587 - 1474) / 1440 * 25.4 - 156) < 0.1
    assert abs((16838 - 2098 - 1984) / 1440 * 25.4 - 225) < 0.1
    # 页码一字线在版心下约 7 毫米：页脚行（14 磅固定行高）的中线距页面下边缘 28 毫米
    footer_centre_mm = (int(attr(margins, "footer") or 0) + 140) / 1440 * 25.4
    assert abs(footer_centre_mm - 28) < 0.3
    grid = sect.find("w:docGrid", NS)
    assert attr(grid, "type") in ("lines", "linesAndChars")
    assert 555 <= int(attr(grid, "linePitch") or 0) <= 579


def test_settings(built: tuple[Any, Docx]) -> None:
    _, d = built
    settings = d.parts["word/settings.xml"]
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    assert attr(settings.find("w:characterSpacingControl", NS), "val") == "doNotCompress"
    assert d.document.find("w:body/w:sectPr/w:titlePg", NS) is None  # 首页也用单页页码


def test_no_theme_fonts_and_chinese_language(built: tuple[Any, Docx]) -> None:
    _, d = built
    for name, part in d.parts.items():
        for fonts in part.iter(q("w:rFonts")):
            assert not [k for k in fonts.attrib if "Theme" in k], f"{name} 里有主题字体：{dict(fonts.attrib)}"
    lang = d.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert attr(lang, "eastAsia") == "zh-CN"
    for style in d.styles.iterfind("w:style", NS):
        fonts = style.find("w:rPr/w:rFonts", NS)
        if fonts is not None:
            assert attr(fonts, "eastAsia"), f"样式 {attr(style, 'styleId')} 没有显式写中文字体"


# ---------------------------------------------------------------- 段落与文字


def direct(p: Any, tag: str, name: str) -> str | None:
    """段落自己（不经样式）的属性值。"""
    element = p.find(f"w:pPr/w:{tag}", NS)
    return None if element is None else attr(element, name)


def check_paragraph(d: Docx, p: Any, *, align: str, first_line: int | None, left: bool = False) -> None:
    chain = d.paragraph_chain(p)
    assert resolve(chain, "w:spacing", "lineRule") == "exact"
    # 落款差一两行排不下时，那一页收紧行距、不对齐网格（GB/T 9704 7.3.5，write/word/pages.py）：22 行排 24 行
    squeezed = direct(p, "snapToGrid", "val") == "0" and direct(p, "spacing", "line") is not None
    assert (579 * 22 // 24 if squeezed else 555) <= int(resolve(chain, "w:spacing", "line") or 0) <= 579
    assert resolve(chain, "w:spacing", "before") in (None, "0")
    assert resolve(chain, "w:spacing", "after") in (None, "0")
    assert not is_on(chain, "w:widowControl"), "孤行控制应关闭"
    assert resolve(chain, "w:jc", "val") == align, text(p)
    if not left:  # 落款从左边定位，左缩进另外检查
        assert int(resolve(chain, "w:ind", "left") or 0) == 0
    if first_line is not None:
        assert int(resolve(chain, "w:ind", "firstLine") or 0) == first_line, text(p)


def check_runs(d: Docx, p: Any, font: str, half_points: int, *, spacing: int | None = -5,
               style: str | None = None) -> None:
    for r in p.iterfind("w:r", NS):
        if not text(r) or (style is not None and run_style(r) != style):
            continue
        chain = d.run_chain(p, r)
        assert resolve(chain, "w:rFonts", "eastAsia") == font, text(r)
        assert resolve(chain, "w:sz", "val") == str(half_points), text(r)
        assert resolve(chain, "w:lang", "eastAsia") == "zh-CN"
        assert resolve(chain, "w:rFonts", "ascii") == "Times New Roman"
        if spacing is not None:
            assert resolve(chain, "w:spacing", "val") == str(spacing), "每字 −0.25 磅字距，28 字才排得下"


def test_title(built: tuple[Any, Docx]) -> None:
    report, d = built
    paragraphs = body_paragraphs(d)
    title = paragraphs[0]
    check_paragraph(d, title, align="center", first_line=None)
    check_runs(d, title, "方正小标宋简体", 44, spacing=None)
    for r in title.iterfind("w:r", NS):
        assert not is_on(d.run_chain(title, r), "w:b"), "标题不加粗"
    lines = [text(r) for r in title.iterfind("w:r", NS) if text(r)]
    assert "".join(lines) == report.document.title
    widths = [text_width(line) for line in lines]
    assert max(widths) <= 20
    assert len(title.findall("w:r/w:br", NS)) == len(lines) - 1
    if len(lines) > 1:
        # 梯形或菱形，等宽的相邻两行也可以（GB/T 9704 7.3.1 不排斥）；不成沙漏形，最短一行不短于最长的一半
        peak = widths.index(max(widths))
        assert all(a <= b for a, b in itertools.pairwise(widths[: peak + 1])), "不能排成沙漏形"
        assert all(a >= b for a, b in itertools.pairwise(widths[peak:])), "不能排成沙漏形"
        assert 2 * min(widths) >= max(widths), "长短适宜"
    assert lines[-1][-1] not in PUNCTUATION
    blank = 1
    if report.document.blocks[1].kind is BlockKind.SUBTITLE:  # 述职报告：标题下紧接居中的一行（楷体、三号、不缩进）
        subtitle = paragraphs[1]
        assert text(subtitle) == report.document.blocks[1].text
        check_paragraph(d, subtitle, align="center", first_line=0)
        check_runs(d, subtitle, "楷体_GB2312", 32)
        blank = 2
    assert text(paragraphs[blank]) == "", "标题（副标题）下空一行"


def test_body_and_headings(built: tuple[Any, Docx]) -> None:
    _, d = built
    counts = {"heading1": 0, "heading2": 0, "body": 0}
    paragraphs = body_paragraphs(d)
    for index, p in enumerate(paragraphs[2:], start=2):
        content = text(p)
        # gen 在预计的行末把一段分成两段（write/word/closing.py）：前一段分散对齐，后一段接着排、首行不缩进
        continuation = (style_id(p) == "GBBody" and direct(p, "ind", "firstLineChars") == "0"
                        and direct(paragraphs[index - 1], "jc", "val") == "distribute")
        if continuation or (style_id(p) == "GBBody" and direct(p, "jc", "val") == "distribute"):
            assert index + 1 < len(paragraphs) and direct(p, "jc", "val") in (None, "distribute")
            if direct(p, "jc", "val") == "distribute":
                assert direct(paragraphs[index + 1], "ind", "firstLineChars") == "0", "分散对齐的段后面是接着排的段"
            check_paragraph(d, p, align=direct(p, "jc", "val") or "both",
                            first_line=0 if continuation else int(2 * BODY_CHAR))
            continue
        if not content or (p.find("w:pPr/w:jc", NS) is not None and attr(p.find("w:pPr/w:jc", NS), "val") == "right"):
            continue
        if style_id(p).startswith("GBSignature") or style_id(p).startswith("GBDate"):
            continue
        if style_id(p) == "Normal":  # 公文的主送机关：直接格式，顶格（tests/word/test_frame_word.py 检查）
            continue
        if re.match(r"^[一二三四五六七八九十]+、", content):
            check_paragraph(d, p, align="both", first_line=int(2 * BODY_CHAR))
            check_runs(d, p, "黑体", 32)
            assert is_on(d.paragraph_chain(p), "w:keepNext"), "一级标题与下文同页"
            assert content[-1] not in PUNCTUATION, f"一级标题末尾不加标点：{content}"
            assert not any(is_on(d.run_chain(p, r), "w:b") for r in p.iterfind("w:r", NS))
            counts["heading1"] += 1
            continue
        check_paragraph(d, p, align="both", first_line=int(2 * BODY_CHAR))
        runs = [r for r in p.iterfind("w:r", NS) if text(r)]
        first = text(runs[0])
        if re.match(r"^（[一二三四五六七八九十]+）", first):
            assert first.endswith("。"), f"二级标题以句号结束，后接正文：{first}"
            check_runs(d, p, "楷体_GB2312", 32, style=run_style(runs[0]))
            rest = runs[1:]
            counts["heading2"] += 1 if rest else 0  # 行内标题：正文接在同一段（只有下级事项时可单独成段）
        elif re.match(r"^(\d+\.|（\d+）)", first):
            rest = runs
        else:
            rest = runs
            counts["body"] += 1
        for r in rest:
            chain = d.run_chain(p, r)
            assert resolve(chain, "w:rFonts", "eastAsia") == "仿宋_GB2312", text(r)
            assert resolve(chain, "w:sz", "val") == "32"
            assert resolve(chain, "w:spacing", "val") == "-5"
    assert counts["heading1"] >= 3 and counts["heading2"] >= 2 and counts["body"] >= 1, counts


def test_signature_and_date(built: tuple[Any, Docx]) -> None:
    report, d = built
    paragraphs = [p for p in body_paragraphs(d)]
    date_p, signature_p, blank = paragraphs[-1], paragraphs[-2], paragraphs[-3]
    assert text(blank) == "", "正文下空一行"
    date, signature = text(date_p), text(signature_p)
    assert date == f"{report.form.date.year}年{report.form.date.month}月{report.form.date.day}日"
    assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", date)
    for p in (signature_p, date_p):
        check_paragraph(d, p, align="left", first_line=0, left=True)  # 从左边定位：首字位置与字宽的估计无关
        check_runs(d, p, "仿宋_GB2312", 32)
    sig_left = int(resolve(d.paragraph_chain(signature_p), "w:ind", "left") or 0) / BODY_CHAR
    date_left = int(resolve(d.paragraph_chain(date_p), "w:ind", "left") or 0) / BODY_CHAR
    line = 8845 / BODY_CHAR  # 版心 156 毫米（8845 缇）合多少个字
    sig_gap = line - sig_left - float(set_width(signature))
    date_gap = line - date_left - float(set_width(date))
    if report.form.frame is not None and report.form.frame.sealed:
        # 加盖印章（7.3.5.1）：正文下空二行给印章，成文日期右空四字，署名以成文日期为准居中
        assert text(paragraphs[-4]) == "", "加盖印章：正文下空二行"
        assert abs(date_gap - 4) < 0.01, "成文日期右空四字"
        assert abs((sig_left + float(set_width(signature)) / 2) - (date_left + float(set_width(date)) / 2)) < 0.01
    else:
        assert abs(date_left - sig_left - 2) < 0.01, "日期首字比署名首字右移二字"
        assert abs(min(sig_gap, date_gap) - 2) < 0.01, "较靠右的一行右空二字"
        assert date_gap >= 2 - 0.01, "日期右空不少于二字（日期较长时署名左移）"
    assert signature_p.find("w:pPr/w:keepNext", NS) is not None, "署名与日期同页"
    assert date_p.find("w:pPr/w:keepLines", NS) is not None


def check_tables(d: Docx, blocks: list[Any]) -> None:
    """文档里的表格与 Document 的表格块一一对应（行数、列数、文字），每张都按表格版式排。"""
    tables = [t for t in d.document.iter(q("w:tbl"))  # 不算公文的版记（浮动表格）和联合行文的发文机关标志（红字）
              if t.find("w:tblPr/w:tblpPr", NS) is None and t.find(".//w:color[@w:val='FF0000']", NS) is None]
    assert len(tables) == len(blocks)
    for table, block in zip(tables, blocks, strict=True):
        borders = table.find("w:tblPr/w:tblBorders", NS)
        assert borders is not None
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            assert attr(borders.find(f"w:{edge}", NS), "val") == "single"
        rows = table.findall("w:tr", NS)
        assert [[text(cell) for cell in row.iterfind("w:tc", NS)] for row in rows] == [list(r) for r in block.rows]
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None, "表头跨页重复"
        assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in rows[1:])
        checked = 0
        for p in table.iter(q("w:p")):
            for r in p.iterfind("w:r", NS):
                chain = d.run_chain(p, r)
                assert resolve(chain, "w:rFonts", "eastAsia") == "仿宋_GB2312"
                assert int(resolve(chain, "w:sz", "val") or 99) <= 28, "表格字号不大于四号"
                checked += 1
        assert checked == sum(len(row) for row in block.rows)


@pytest.mark.parametrize("placement", ["附件", "正文", "无表"])
def test_tables(built: tuple[Any, Docx], placement: str) -> None:
    """每个示例原样生成的文件，以及同一示例改成指标表作附件 / 放正文 / 不要（variants.py）。

    示例原样有没有表格由表单的“指标表”决定（中阳县、霍山县没有写，就没有表格）；
    三种放法下作附件、放正文各有一张指标表，不要时一张也没有。"""
    report, d = built
    as_is = report.document.of_kind(BlockKind.TABLE)
    assert bool(as_is) == (report.form.table_place is not None)
    check_tables(d, as_is)
    variant = build(variants()[f"{report.source.source.path.stem}-{placement}"])
    blocks = variant.document.of_kind(BlockKind.TABLE)
    assert len(blocks) == (0 if placement == "无表" else 1)
    assert all(len(block.rows) >= 2 for block in blocks)  # 表头加至少一项指标
    check_tables(Docx.load(variant.docx(load_profile(style_path(variant, None)))), blocks)


def test_page_number_footers(built: tuple[Any, Docx]) -> None:
    _, d = built
    sect = d.document.find("w:body/w:sectPr", NS)
    rels = {rel.get("Id"): rel.get("Target") for rel in d.parts["word/_rels/document.xml.rels"]}
    refs = {attr(ref, "type"): rels[ref.get(q("r:id").replace("r:", "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"))]
            for ref in sect.iterfind("w:footerReference", NS)}
    assert set(refs) == {"default", "even"}
    for kind, align, side in (("default", "right", "right"), ("even", "left", "left")):
        footer = d.parts[f"word/{refs[kind]}"]
        [p] = footer.iterfind("w:p", NS)
        chain = d.paragraph_chain(p)
        assert resolve(chain, "w:jc", "val") == align
        assert resolve(chain, "w:ind", side) == "280", "页码空一字（四号 14 磅）"
        assert p.find("w:r/w:instrText", NS).text.strip() == "PAGE"
        visible = "".join(t.text or "" for t in p.iter(q("w:t")))
        assert visible == "\u2014 1 \u2014", visible
        assert "第" not in visible and "页" not in visible
        for r in p.iterfind("w:r", NS):
            run_chain = d.run_chain(p, r)
            assert resolve(run_chain, "w:sz", "val") == "28"
            assert resolve(run_chain, "w:rFonts", "eastAsia") == "宋体"


# ECMA-376 第 1 部分附录 A 的架构里，这些元素的子元素顺序（测试自己写一份，不取自写出程序）
_ORDER: dict[str, tuple[str, ...]] = {
    "w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
              "w:autoSpaceDN", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:jc",
              "w:outlineLvl", "w:rPr"),
    "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:color", "w:spacing",
              "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:u", "w:lang"),
    "w:tblPr": ("w:tblStyle", "w:tblW", "w:jc", "w:tblInd", "w:tblBorders", "w:tblLayout",
                "w:tblCellMar", "w:tblLook"),
    "w:trPr": ("w:cantSplit", "w:trHeight", "w:tblHeader"),
    "w:tcPr": ("w:tcW", "w:gridSpan", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
               "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"),
    "w:settings": ("w:zoom", "w:defaultTabStop", "w:evenAndOddHeaders", "w:characterSpacingControl",
                   "w:compat", "w:rsids", "w:themeFontLang"),
}




def test_element_order_follows_schema(built: tuple[Any, Docx]) -> None:
    """Word 拒绝打开子元素顺序不对的文件：pPr、rPr 按 ECMA-376 的顺序排列。"""
    _, d = built
    for part in (d.document, d.styles):
        for tag in ("w:pPr", "w:rPr", "w:tblPr"):
            order = _ORDER[tag]
            for element in part.iter(q(tag)):
                names = [etree.QName(c).localname for c in element]
                ranks = [order.index(f"w:{n}") for n in names if f"w:{n}" in order]
                assert ranks == sorted(ranks), f"{tag} 子元素顺序不对：{names}"


# ---------------------------------------------------------------- 可重复输出


def test_same_input_same_bytes(built: tuple[Any, Docx]) -> None:
    report, d = built
    again = report.docx(load_profile(style_path(report, None)))
    assert again == d.data
    with zipfile.ZipFile(io.BytesIO(d.data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert f"{report.form.date.isoformat()}T00:00:00Z" in core
    assert report.form.unit in core


def test_two_cli_runs_give_identical_files(tmp_path: Path) -> None:
    example = EXAMPLES[0]
    outputs = []
    for n in (1, 2):
        folder = tmp_path / str(n)
        subprocess.run([sys.executable, "-m", "generator", "report", str(example), "-o", str(folder)],
                       cwd=REPO, check=True, capture_output=True)
        outputs.append((folder / f"{example.stem}.docx").read_bytes())
    assert outputs[0] == outputs[1]
