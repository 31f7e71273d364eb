"""版记在偶数页（GB/T 9704-2012 7.5），在 LibreOffice 渲染的页面上量，一次渲染全部用例。

正文的长短（工作项目数、结束语行数）让落款落在单数页或双数页，版记放得下或放不下：
- 版记总在最后一页、偶数页、末条分隔线与版心下边缘重合；
- 落在单数页、放得下时版记前分页：版记单独在下一页，编页码，没有空白页；
- 因为偶数页放不下才移到单数页时：那一页空白，版记再下一页，空白页和版记页都没有页码，其余各页有；
- 版面模型（write/word/page_flow.py 的 ``layout``）的页数、版记的页、不编页码的页与 PDF 相同。
"""

from __future__ import annotations

import copy
import re
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import EXAMPLES, minimal_form
from office import MM, render_pdfs, require_tool
from variants import example_data

from generator.api import build_report_from_data
from generator.write.style_profile import load_profile
from generator.write.word.page_flow import layout

SENTENCE = "全面推进健康县城建设，持续改善群众就医体验，"  # 22 字
PROFILE = load_profile()
LEFT = float(PROFILE.margins.left)
RIGHT = float(PROFILE.paper.width - PROFILE.margins.right)
BOTTOM = float(PROFILE.paper.height - PROFILE.margins.bottom)
TOLERANCE = 0.5  # 毫米
_XHTML = "{http://www.w3.org/1999/xhtml}"
_PAGE_NUMBER = re.compile(r"^[—–-](\d+)[—–-]$")


def _text(lines: int) -> str:
    """约 ``lines`` 行（每行 28 字）的一段话（与 tests/pdf/test_page_ends_pdf.py 相同的写法）。"""
    body = (SENTENCE * (lines * 28 // len(SENTENCE) + 2))[: max(6, lines * 28 - 4)]
    return body.rstrip("，") + "。"


# 名称 → （工作项目数，结束语行数，页数，版记怎样排到偶数页：""、"page"、"blank"）
CASES: dict[str, tuple[int, int, int, str]] = {
    "偶数页放不下-空白页": (3, 1, 4, "blank"),
    "偶数页放不下-空白页-第6页": (8, 12, 6, "blank"),
    "单数页放得下-分页": (3, 10, 4, "page"),
    "单数页放得下-分页-第6页": (8, 20, 6, "page"),
    "移到偶数页": (3, 22, 4, ""),
    "偶数页放得下": (4, 15, 4, ""),
}


def _form(works: int, lines: int) -> dict[str, Any]:
    frame = example_data(next(p for p in EXAMPLES if p.stem.endswith("红头")))["公文"]
    items = [{"标题": f"第{n}项工作", "内容": _text(5)} for n in range(1, works + 1)]
    return minimal_form(工作开展情况=items, 结束语=_text(lines), 公文=copy.deepcopy(frame))


def _pages(pdf: Path) -> list[tuple[list[str], int | None]]:
    """每页的各行文字（不含页码）和页码（没有时为 None）。"""
    xml = subprocess.run([require_tool("pdftotext"), "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    out = []
    for page in ElementTree.fromstring(xml).iter(_XHTML + "page"):
        lines: list[str] = []
        number = None
        for line in page.iter(_XHTML + "line"):
            text = "".join("".join((word.text or "").split()) for word in line.iter(_XHTML + "word"))
            if found := _PAGE_NUMBER.match(text):
                number = int(found.group(1))
            elif text:
                lines.append(text)
        out.append((lines, number))
    return out


def _rules(pdf: Path) -> list[list[tuple[float, float, float]]]:
    """每页的黑色横线（上、左、右，毫米）。"""
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(str(pdf)) as document:
        return [[(float(r["top"]) / MM, float(r["x0"]) / MM, float(r["x1"]) / MM) for r in page.lines
                 if tuple(r["stroking_color"] or ())[:3] in ((0, 0, 0), (0.0, 0.0, 0.0))]
                for page in document.pages]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("版记页")
    paths, models = [], {}
    for name, (works, lines, _, _) in CASES.items():
        report = build_report_from_data(_form(works, lines))
        models[name] = layout(report.document, PROFILE)
        paths.append(tmp / f"{name}.docx")
        paths[-1].write_bytes(report.docx(PROFILE))
    pdfs, _ = render_pdfs(paths, tmp)
    return {pdf.stem: (_pages(pdf), _rules(pdf), models[pdf.stem]) for pdf in pdfs}


@pytest.mark.office
@pytest.mark.parametrize("name", list(CASES))
def test_record_is_at_the_bottom_of_the_even_last_page(rendered: dict[str, Any], name: str) -> None:
    pages, rules, _ = rendered[name]
    count = CASES[name][2]
    assert len(pages) == count, f"{name}：应有 {count} 页，PDF 有 {len(pages)} 页"
    assert len(pages) % 2 == 0, f"{name}：版记页（最后一页）是第 {len(pages)} 页，不是偶数页"
    for number, (lines, _) in enumerate(pages[:-1], start=1):
        assert not any("印发" in line for line in lines), f"{name}：第 {number} 页有版记的文字"
        assert not [r for r in rules[number - 1] if r[0] > BOTTOM - 60], f"{name}：第 {number} 页有版记的分隔线"
    assert any(line.endswith("印发") for line in pages[-1][0]), f"{name}：版记不在最后一页"
    record = sorted(r for r in rules[-1] if r[0] > BOTTOM - 60)
    assert len(record) >= 2, f"{name}：最后一页没有版记的分隔线"
    last = record[-1]
    assert abs(last[0] - BOTTOM) <= TOLERANCE, f"{name}：末条分隔线在 {last[0]:.2f}mm，版心下边缘 {BOTTOM:.2f}mm"
    assert abs(last[1] - LEFT) <= TOLERANCE and abs(last[2] - RIGHT) <= TOLERANCE, f"{name}：末条分隔线与版心不等宽"


@pytest.mark.office
@pytest.mark.parametrize("name", list(CASES))
def test_blank_page_only_when_the_record_did_not_fit(rendered: dict[str, Any], name: str) -> None:
    pages, _, _ = rendered[name]
    how = CASES[name][3]
    blank = [number for number, (lines, _) in enumerate(pages, start=1) if not lines]
    assert blank == ([len(pages) - 1] if how == "blank" else []), f"{name}：空白页 {blank}"
    if how:  # 版记单独在最后一页：那一页只有版记的文字
        lines = pages[-1][0]
        assert all(line.startswith("抄送") or "印发" in line or "。" not in line for line in lines), (
            f"{name}：版记页上还有正文：{lines}")


@pytest.mark.office
@pytest.mark.parametrize("name", list(CASES))
def test_page_numbers_absent_exactly_on_the_blank_and_record_pages(rendered: dict[str, Any], name: str) -> None:
    pages, _, _ = rendered[name]
    numbers = [number for _, number in pages]
    if CASES[name][3] == "blank":
        expected: list[int | None] = [*range(1, len(pages) - 1), None, None]
    else:
        expected = list(range(1, len(pages) + 1))
    assert numbers == expected, f"{name}：各页的页码 {numbers}，应为 {expected}"


@pytest.mark.office
@pytest.mark.parametrize("name", list(CASES))
def test_page_model_matches_the_pdf(rendered: dict[str, Any], name: str) -> None:
    pages, _, model = rendered[name]
    assert len(model.pages) == len(pages), f"{name}：模型 {len(model.pages)} 页，PDF {len(pages)} 页"
    assert model.record == len(pages) - 1
    assert model.record_break == CASES[name][3]
    assert model.unnumbered == {n for n, (_, number) in enumerate(pages) if number is None}
