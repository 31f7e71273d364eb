"""表格在 LibreOffice 渲染的页面上读得下去（issue 19）：四个示例（表在附件、正文）、九位数和七位数的指标表、
1000 个指标、5/8/15/30 个县的汇总表。

全部文件一次 LibreOffice 调用转成 PDF，再从 PDF 的文字框量：

- 数字不拆成两行，“指标”列的名称只在词与词之间回行（PDF 里单元格的每处换行都落在词的边界上）；
- “指标”列不窄于它的下限：最长的词、至少六个字（名称更短时取一行的宽度；报告的指标表和汇总表相同）；
  字宽按 PDF 里这张表的字号；
- 表格跨页时最后一页至少两行（表尾不落单）；
- 横版页（GB/T 9704 第 8 条“横排表格”）：表格正立、表头在上，页码在左边距里转 90 度，
  一字线中心离版心左边缘 7 毫米，单页在下端、双页在上端，都离版心一字；竖版页的页码照常在下方。
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from office import MM, NUMBER_CHAR, render_pdfs
from variants import NAMES, build, figures_form, stress_form, variants

from generator.api import build_report_from_data
from generator.rollup.table import Table
from generator.rollup.word import to_docx
from generator.write.style_profile import StyleProfile, load_profile
from generator.write.word.table_layout import CELL_MARGIN_TWIPS, tokens

COUNTY_NAMES = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒"
REPORT_FLOOR = ROLLUP_FLOOR = 6
MARGIN_PT = 2 * CELL_MARGIN_TWIPS / 20


def rollup_table(counties: int, indicators: int = 40, seed: int = 19) -> Table:
    """``counties`` 个县、``indicators`` 个指标的汇总表（数字四到七位，有的带小数）。"""
    rng = random.Random(seed + counties)
    header = ["指标", "单位", *[f"{COUNTY_NAMES[i]}县" for i in range(counties)], "合计", "上期合计", "同比"]
    rows: list[list[Decimal | str]] = []
    for i in range(indicators):
        places = rng.choice([0, 0, 2])
        values = [Decimal(rng.randint(10**3, 10**6)) / 10**places for _ in range(counties)]
        total = sum(values, Decimal(0))
        rows.append([NAMES[i % len(NAMES)], "人次", *values, total, total - 1000, "增长3.21%"])
    return Table(header, rows, [2 if any(v != int(v) for v in r[2:-1] if isinstance(v, Decimal)) else 0
                                for r in rows])


@dataclass
class Rendered:
    floor: int  # “指标”列至少几个字宽
    pages: list[Any]  # pdfplumber 的页


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    pdfplumber = pytest.importorskip("pdfplumber")
    folder = tmp_path_factory.mktemp("wide")
    files: dict[str, tuple[bytes, int]] = {name: (build(data).docx(), REPORT_FLOOR) for name, data in variants().items()
                                           if name in EXAMPLES}
    files |= {
        "九位数-附件": (build_report_from_data(figures_form(9, True)).docx(), REPORT_FLOOR),
        "九位数-正文": (build_report_from_data(figures_form(9, "正文")).docx(), REPORT_FLOOR),
        "七位数-附件": (build_report_from_data(figures_form(7, True)).docx(), REPORT_FLOOR),
        "1000个指标": (build_report_from_data(stress_form(1000)).docx(), REPORT_FLOOR),
    }
    for counties in (5, 8, 15, 30):
        files[f"汇总-{counties}县"] = (to_docx(rollup_table(counties), "主要指标汇总表", "", dt.date(2025, 1, 7)),
                                       ROLLUP_FLOOR)
    paths = []
    for name, (data, _) in files.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        paths.append(path)
    pdfs, seconds = render_pdfs(paths, folder)
    print(f"\nLibreOffice：{len(pdfs)} 个文件共 {seconds:.1f} 秒")
    out = {}
    for (name, (_, floor)), pdf in zip(files.items(), pdfs, strict=True):
        document = pdfplumber.open(str(pdf))
        out[name] = Rendered(floor, list(document.pages))
    return out


EXAMPLES = [name for name in variants() if not name.endswith("无表")]  # 四个示例，表在附件或正文里
CASES = [*EXAMPLES, "九位数-附件", "九位数-正文", "七位数-附件", "1000个指标", "汇总-5县", "汇总-8县", "汇总-15县", "汇总-30县"]


def _tables(page: Any) -> list[Any]:
    return [t for t in page.find_tables() if t.extract() and (t.extract()[0][0] or "").replace("\n", "") == "指标"]


def _name_breaks_between_words(cell: str) -> bool:
    text = cell.replace("\n", "")
    allowed, position = set(), 0
    for piece in tokens(text):
        position += len(piece)
        allowed.add(position)
    position = 0
    for line in cell.split("\n")[:-1]:
        position += len(line)
        if position not in allowed:
            return False
    return True


@pytest.mark.office
@pytest.mark.parametrize("name", CASES)
def test_no_number_or_word_breaks_and_the_name_column_keeps_its_floor(rendered: dict[str, Rendered],
                                                                        name: str) -> None:
    r = rendered[name]
    cells = names = 0
    for number, page in enumerate(r.pages, 1):
        for table in _tables(page):
            rows = table.extract()
            head = table.rows[0].cells[0]
            column = float(head[2]) - float(head[0]) - MARGIN_PT
            inside = [c for c in page.chars if float(head[0]) <= float(c["x0"]) and float(c["x1"]) <= float(head[2])
                      and float(head[3]) < float(c["top"]) and float(c["bottom"]) <= float(table.bbox[3])]
            size = max(float(c["size"]) for c in inside)
            longest = max(len(row[0].replace("\n", "")) for row in rows[1:])
            floor = min(r.floor, longest) * size
            assert column >= floor - 0.5, (
                f"{name} 第 {number} 页：“指标”列只有 {column / size:.2f} 个字宽（{size} 磅字），下限 {floor / size:.0f} 个字")
            for row in rows[1:]:
                for cell in row:
                    cells += 1
                    split = re.search(rf"[{NUMBER_CHAR}]\n[{NUMBER_CHAR}]", cell or "")
                    assert split is None, f"{name} 第 {number} 页：数字拆成了两行：{cell!r}"
                assert _name_breaks_between_words(row[0] or ""), f"{name} 第 {number} 页：“{row[0]!r}”在词中间回行"
                names += "\n" in (row[0] or "")
    assert cells > 0
    print(f"{name}：{cells} 个单元格，{names} 个回行的名称")


def _parts(r: Rendered) -> list[list[int]]:
    """各张表（表头相同、接着排的算一张）在各页上的行数。"""
    parts: list[list[int]] = []
    last_header: list[str] | None = None
    for page in r.pages:
        for table in _tables(page):
            rows = table.extract()
            if rows[0] != last_header or not parts:
                parts.append([])
                last_header = rows[0]
            parts[-1].append(len(rows) - 1)
        if not _tables(page):
            last_header = None
    return parts


@pytest.mark.office
@pytest.mark.parametrize("name", CASES)
def test_no_lone_last_row(rendered: dict[str, Rendered], name: str) -> None:
    parts = _parts(rendered[name])
    assert parts
    long = [p for p in parts if len(p) > 1]
    for pages in long:
        assert pages[-1] >= 2, f"{name}：表格最后一页只有 {pages[-1]} 行（各页行数 {pages}）"
    if name in ("九位数-附件", "九位数-正文", "1000个指标"):
        assert long, f"{name}：表格应当跨页（才验证得了表尾）"
    for index, page in enumerate(rendered[name].pages, 1):  # 分节、表尾的空段落不多出空白页
        text = [c for c in page.chars if c["upright"] and c["text"] not in "— " and not c["text"].isdigit()]
        assert text, f"{name}：第 {index} 页是空白页"


def _page_number(page: Any) -> tuple[int, list[Any]]:
    """页码的数字和“— n —”的全部字（页面下方或左边距里）。"""
    height, width = float(page.height), float(page.width)
    if width > height:
        chars = [c for c in page.chars if not c["upright"]]
    else:
        chars = [c for c in page.chars if float(c["top"]) > height - 35 * MM]
    digits = "".join(c["text"] for c in chars if c["text"].isdigit())
    return int(digits), chars


@pytest.mark.office
@pytest.mark.parametrize("name", CASES)
def test_landscape_pages_follow_gbt9704_section_8(rendered: dict[str, Rendered], name: str) -> None:
    profile: StyleProfile = load_profile()
    margins = profile.margins
    one_char = float(profile.sizes.page_number)
    landscape = 0
    for index, page in enumerate(rendered[name].pages, 1):
        number, chars = _page_number(page)
        assert number == index, f"{name}：第 {index} 页的页码是 {number}"
        top = min(float(c["top"]) for c in chars)
        bottom = max(float(c["bottom"]) for c in chars)
        x0, x1 = min(float(c["x0"]) for c in chars), max(float(c["x1"]) for c in chars)
        if float(page.width) < float(page.height):
            assert all(c["upright"] for c in chars)
            continue
        landscape += 1
        # 横版：竖着拿纸时的下边距（35 毫米）成了左边距，页码一字线中心在版心左边缘之外 7 毫米
        centre = float(margins.bottom - profile.page_number_gap) * MM
        assert abs((x0 + x1) / 2 - centre) < 3, f"{name} 第 {index} 页：页码中心离左边 {(x0 + x1) / 2 / MM:.1f} 毫米"
        body_top = float(margins.left) * MM  # 竖版的订口边距成了横版的上边距
        body_bottom = float(page.height) - float(margins.right) * MM
        if index % 2:  # 单页：竖版的右下角 → 横版的左下，离版心下边一字
            assert abs(bottom - (body_bottom - one_char)) < 3, f"{name} 第 {index} 页：单页页码下端在 {bottom:.1f}"
        else:  # 双页：竖版的左下角 → 横版的左上，离版心上边一字
            assert abs(top - (body_top + one_char)) < 3, f"{name} 第 {index} 页：双页页码上端在 {top:.1f}"
        for table in _tables(page):  # 表格正立、表头在上：表头一行是这一页表格的最上面一行
            head = table.rows[0].cells[0]
            assert float(head[1]) == min(float(cell[1]) for cell in table.cells)
            assert all(c["upright"] for c in page.chars if float(c["x0"]) > body_top)
    if name.startswith("九位数") or name in ("汇总-5县", "汇总-15县", "汇总-30县"):
        assert landscape >= 2, f"{name}：应当有横版页（单页、双页都有）"
    if name in ("七位数-附件", "1000个指标", *EXAMPLES):
        assert landscape == 0, f"{name}：五号字在竖版里排得下，不应转横版"
