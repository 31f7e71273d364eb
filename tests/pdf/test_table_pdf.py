"""指标表在真实办公软件里的版式：LibreOffice 转成 PDF 后，数字和两字表头不回行，
行高是整数个行格（表格之后的正文仍在 22 行的网格上），表头跨页重复，附件另起一页。

全部文件（三个示例 × 附件/正文，加一份 1000 个指标的压力表单）用一次 LibreOffice 调用转换。
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

import pytest
from office import MM, NUMBER_CHAR, read_table_pages, render_pdfs, squeezed_page
from variants import build, long_after_table, stress_form, variants

from generator.pipeline import Report
from generator.render.document import BlockKind
from generator.write.style_profile import StyleProfile, load_profile

TWO_CHAR_HEADERS = ("指标", "单位", "本期", "上期", "同比", "目标")


@dataclass
class TablePdf:
    report: Report
    profile: StyleProfile
    pages: list[dict[str, Any]]  # 每页：text_lines（正文字号的行）、tables（原样的单元格文字，保留换行）、edges

    @property
    def pitch(self) -> float:
        return float(self.profile.line_pitch)

    @property
    def top(self) -> float:
        return float(self.profile.margins.top) * MM


@pytest.fixture(scope="session")
def table_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, TablePdf]:
    folder = tmp_path_factory.mktemp("tables")
    reports: dict[str, Report] = {name: build(data) for name, data in variants().items()
                                  if not name.endswith("无表")}
    reports["压力-1000个指标"] = build(stress_form(1000))
    reports["表格之后多页正文"] = build(long_after_table())
    profile = load_profile()
    docs = []
    for name, report in reports.items():
        path = folder / f"{name}.docx"
        path.write_bytes(report.docx(profile))
        docs.append(path)
    pdfs, seconds = render_pdfs(docs, folder)
    print(f"\nLibreOffice：{len(pdfs)} 个文件共 {seconds:.1f} 秒")
    return {name: TablePdf(report, profile, read_table_pages(pdf))
            for (name, report), pdf in zip(reports.items(), pdfs, strict=True)}


NAMES = [name for name in variants() if not name.endswith("无表")] + ["压力-1000个指标", "表格之后多页正文"]


@pytest.mark.office
@pytest.mark.parametrize("name", NAMES)
def test_numbers_and_two_character_headers_never_wrap(table_pdfs: dict[str, TablePdf], name: str) -> None:
    t = table_pdfs[name]
    [block] = t.report.document.of_kind(BlockKind.TABLE)
    cells = 0
    for number, page in enumerate(t.pages, 1):
        for table in page["tables"]:
            header = [cell or "" for cell in table[0]]
            assert [h.replace("\n", "") for h in header] == list(block.rows[0]), f"第 {number} 页的表格没有表头"
            for h in header:
                if h in TWO_CHAR_HEADERS or h.replace("\n", "") in TWO_CHAR_HEADERS:
                    assert "\n" not in h, f"第 {number} 页：两字表头“{h}”回行了"
            for row in table[1:]:
                for cell in row:
                    text = cell or ""
                    cells += 1
                    split = re.search(rf"[{NUMBER_CHAR}]\n[{NUMBER_CHAR}]", text)
                    assert split is None, f"第 {number} 页：单元格里的数字被拆成两行：{text!r}"
    assert cells == (len(block.rows) - 1) * len(block.rows[0]), "PDF 里的表格单元格数与表单不符"


@pytest.mark.office
@pytest.mark.parametrize("name", NAMES)
def test_rows_are_whole_grid_lines(table_pdfs: dict[str, TablePdf], name: str) -> None:
    """每一行表格的高度是整数个行格（28.95 磅），表格后面的正文不会错开网格。"""
    t = table_pdfs[name]
    checked = 0
    for number, page in enumerate(t.pages, 1):
        for edges in page["row_edges"]:
            for above, below in itertools.pairwise(edges):
                steps = round((below - above) / t.pitch)
                assert abs(below - above - steps * t.pitch) < 0.25 and steps >= 1, (
                    f"第 {number} 页：表格行高 {below - above:.2f} 磅，不是行格 {t.pitch} 磅的整数倍")
                checked += 1
    assert checked >= len(t.report.document.of_kind(BlockKind.TABLE)[0].rows)


def _after_head(lines: list[Any], t: TablePdf) -> list[Any]:
    """红头文件第一页标题之上是版头（按标准给的毫米数定位，不在行格上），从标题起算；别的页原样。"""
    if t.report.document.frame is None:
        return lines
    title = float(t.profile.sizes.title)
    at = next((i for i, (_, _, size, *_) in enumerate(lines) if abs(size - title) < 0.5), 0)
    return lines[at:]


@pytest.mark.office
@pytest.mark.parametrize("name", NAMES)
def test_body_after_table_stays_on_grid(table_pdfs: dict[str, TablePdf], name: str) -> None:
    """正文（三号字）的每一行，无论在表格前后，都落在从版心顶端数起的行格上；表格之后的满页仍排 22 行。"""
    t = table_pdfs[name]
    body = float(t.profile.sizes.body)
    squeezed, _, _ = squeezed_page(t.report, t.profile)  # 收紧行距的落款页不在网格上（GB/T 9704 7.3.5）
    bottoms = [bottom for number, page in enumerate(t.pages, start=1) if number != squeezed
               for _, bottom, size, *_ in (_after_head(page["lines"], t) if page is t.pages[0] else page["lines"])
               if abs(size - body) < 0.5 and bottom < page["height"] - float(t.profile.margins.bottom) * MM]
    pages = [_after_head(page["lines"], t) if page is t.pages[0] else page["lines"] for page in t.pages]
    first_lines = [next(b for _, b, s, *_ in lines if abs(s - body) < 0.5) for lines in pages
                   if any(abs(s - body) < 0.5 for _, _, s, *_ in lines)]
    baseline = min(first_lines) - t.top  # 第一行的基线（底边）在版心顶端之下多少
    for bottom in bottoms:
        steps = (bottom - t.top - baseline) / t.pitch
        assert abs(steps - round(steps)) < 0.05, f"正文行离开了网格：{steps:.2f} 行"
    table_pages = [i for i, page in enumerate(t.pages) if page["tables"]]
    left = float(t.profile.margins.left) * MM
    signature = t.report.document.of_kind(BlockKind.SIGNATURE)[0].text
    full = 0
    for index in range(table_pages[-1] + 1, len(t.pages) - 1):  # 表格之后的正文页（不含最后一页）
        page, following = t.pages[index]["lines"], t.pages[index + 1]["lines"]
        if any(text == signature for text, *_ in following) or following[0][0] == "附件":
            continue  # 下一页是落款页（正文最后一段随落款移过去）或附件
        slots = [round((b - t.top - baseline) / t.pitch) for _, b, s, *_ in page if abs(s - body) < 0.5]
        continuation = abs(following[0][3] - left) < 1.5 and abs(following[0][2] - body) < 0.5
        if continuation:  # 段落跨页：这一页排满 22 行
            assert max(slots) == t.profile.lines_per_page - 1, f"表格之后第 {index + 1} 页没有排满 22 行"
            full += 1
        else:  # 一级标题与下文同页，最多空一行
            assert max(slots) >= t.profile.lines_per_page - 2, f"表格之后第 {index + 1} 页只排了 {max(slots) + 1} 行"
    if name == "表格之后多页正文":
        assert full >= 1, "表格之后没有段落跨页的满页，无法验证 22 行"


@pytest.mark.office
@pytest.mark.parametrize("name", [n for n in NAMES if "正文" not in n])
def test_attachment_starts_a_new_page(table_pdfs: dict[str, TablePdf], name: str) -> None:
    """GB/T 9704 7.3.7：附件另起一页，“附件”在第一行左上角，附件标题在第三行居中，然后是表格。"""
    t = table_pdfs[name]
    date = t.report.document.of_kind(BlockKind.DATE)[0].text
    index = next(i for i, page in enumerate(t.pages) if any(text == date for text, *_ in page["lines"]))
    attachment = t.pages[index + 1]
    lines = attachment["lines"]
    assert lines[0][0] == "附件" and lines[1][0] == "主要指标完成情况表"
    baseline = lines[0][1] - t.top
    assert round((lines[1][1] - t.top - baseline) / t.pitch) == 2, "附件标题应在第三行"
    left = float(t.profile.margins.left) * MM
    right = float(t.profile.paper.width - t.profile.margins.right) * MM
    assert abs(lines[0][3] - left) < 1.5, "“附件”二字顶格（版心左上角）"
    assert abs(lines[0][2] - float(t.profile.sizes.body)) < 0.5, "“附件”二字三号"
    assert abs((lines[1][3] + lines[1][4]) / 2 - (left + right) / 2) < 3, "附件标题居中"
    assert attachment["tables"], "附件页应有表格"
    assert not any(page["tables"] for page in t.pages[: index + 1]), "正文里不应有表格"


@pytest.mark.office
@pytest.mark.parametrize("name", NAMES)
def test_names_wrap_between_words_and_the_last_row_is_not_alone(table_pdfs: dict[str, TablePdf], name: str) -> None:
    """渲染出来的表格：“指标”列只在词与词之间回行（列宽放得下最长的词时），表尾最后一行不单独落在一页。"""
    from generator.write.word.table_layout import tokens

    t = table_pdfs[name]
    parts = [table for page in t.pages for table in page["tables"]]
    assert parts
    if len(parts) > 1:
        assert len(parts[-1]) - 1 >= 2, f"最后一页的表格只有 {len(parts[-1]) - 1} 行"
    checked = 0
    for table in parts:
        for row in table[1:]:
            cell = row[0] or ""
            if "\n" not in cell:
                continue
            text = cell.replace("\n", "")
            allowed, position = set(), 0
            for piece in tokens(text):
                position += len(piece)
                allowed.add(position)
            position = 0
            for line in cell.split("\n")[:-1]:
                position += len(line)
                assert position in allowed, f"“{cell}”在词中间回行"
            checked += 1
    print(f"{name}：{checked} 个回行的指标名称")
