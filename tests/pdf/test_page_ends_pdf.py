"""页末的规则，在 LibreOffice 渲染的页面上量（一次渲染全部用例）：

- 结束语 1–30 行、最后一项计划 1–20 条要点：署名和日期在同一页，这一页在落款之前至少有两行正文；
  落款之前的各页不因“与下段同页”的连锁空出三分之一以上；
- 一个只有子项的二级标题之前有 0–12 行正文：没有哪一页以标题（一级标题，或只有小标题的段落）结束；
- 署名 2–20 字，有、无附件说明（结束语长短不一，落款落在页上不同位置）：每一份（包括上面的全部用例）的
  成文日期首字比署名首字右移二字，较靠右的一行右空二字，误差都在 0.1 字以内（GB/T 9704 7.3.5.2）；
- 结束语只有一行（“特此报告。”），前面一段 1–24 行：落款所在页仍有两行正文；
- 示例里三行以上的正文段落（带数字、百分号、引号）作结束语；全部用例里分成两段写出的段落看不出分段——
  前一段的行数与预计的相同，末行撑满版心，后一段从版心左边接着排。
"""

from __future__ import annotations

import io
import re
from itertools import pairwise
from typing import Any

import docx
import pytest
from conftest import EXAMPLES, minimal_form
from docx.enum.text import WD_ALIGN_PARAGRAPH
from office import MM, Page, read_pages, render_pdfs
from variants import variants

from generator.api import build_report, build_report_from_data
from generator.pipeline import Report
from generator.render.document import BlockKind
from generator.write.style_profile import load_profile
from generator.write.word import keep
from generator.write.word.lines import Measure, line_starts
from generator.write.word.pages import paginate, plan, units

SENTENCE = "全面推进健康县城建设，持续改善群众就医体验，"  # 22 字
NAMES = "中共某某自治县委员会办公室卫生健康委员会人民政府"
LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、\S{2,20}$")


def _text(lines: int) -> str:
    """约 ``lines`` 行（每行 28 字）的一段话。"""
    body = (SENTENCE * (lines * 28 // len(SENTENCE) + 2))[: max(6, lines * 28 - 4)]
    return body.rstrip("，") + "。"


def _cases() -> dict[str, dict[str, Any]]:
    cases: dict[str, dict[str, Any]] = {}
    work = [{"标题": f"第{n}项工作", "内容": _text(5)} for n in range(1, 4)]
    for lines in range(1, 31):
        cases[f"结束语{lines}行"] = minimal_form(工作开展情况=work, 结束语=_text(lines))
    for points in range(1, 21):
        plans = [{"标题": "加强队伍建设", "要点": [_text(1) for _ in range(points)]}]
        cases[f"要点{points}条"] = minimal_form(工作开展情况=work, 下一步工作计划=plans)
    for extra in range(0, 13):
        items = [{"标题": "加强党的建设", "内容": _text(14 + extra)},
                 {"标题": "强化队伍建设", "子项": [{"标题": "抓好培训", "内容": _text(3)},
                                                  {"标题": "严格考核", "内容": _text(3)}]}]
        cases[f"子项前{extra}行"] = minimal_form(工作开展情况=items)
    for n in range(2, 21):
        for attachment in (False, True):
            data = minimal_form(署名=NAMES[:n], 结束语=_text(n))
            if attachment:
                data["指标"] = [{"键": "甲", "名称": "体检人数", "本期": 5, "上期": 4, "单位": "人"}]
                data["指标表"] = "附件"
            cases[f"署名{n}{'附件' if attachment else ''}"] = data
    for lines in range(1, 25):  # 结束语只有一行（“特此报告。”）：前一段的最后一行也随落款走
        plans = [{"标题": "加强队伍建设", "内容": _text(lines)}]
        cases[f"特此报告前{lines}行"] = minimal_form(下一步工作计划=plans, 结束语="特此报告。")
    for name, data in variants().items():  # 四个示例 × 指标表放正文、作附件、不要
        cases[f"示例{name}"] = data
    for number, text in enumerate(_example_paragraphs()):
        cases[f"分段{number}"] = minimal_form(结束语=text)
    return cases


def _line_chars() -> Measure:
    return Measure.of(load_profile())


def _example_paragraphs() -> list[str]:
    """示例报告里预计三行以上的正文段落（结束语按这样的段落分成两段）：均匀取 50 段，一次渲染不致太久。"""
    found = [block.text for example in EXAMPLES for block in build_report(example).document.blocks
             if block.kind is BlockKind.PARAGRAPH and "\n" not in block.text
             and len(line_starts(block.text, _line_chars())) >= 3]
    return found[::-(-len(found) // 50)] if found else []


Rendered = dict[str, tuple[Report, list[Page]]]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """全部用例一次渲染。"""
    tmp_path = tmp_path_factory.mktemp("页末")
    profile = load_profile()
    reports, docs = {}, []
    for name, data in _cases().items():
        report = build_report_from_data(data)
        path = tmp_path / f"{name}.docx"
        path.write_bytes(report.docx(profile))
        reports[name], docs = report, [*docs, path]
    pdfs, seconds = render_pdfs(docs, tmp_path)
    print(f"\nLibreOffice：{len(docs)} 份共 {seconds:.1f} 秒")
    return {name: (report, read_pages(pdf)) for (name, report), pdf in zip(reports.items(), pdfs, strict=True)}


@pytest.fixture(scope="module")
def problems_by_case(rendered: Rendered) -> dict[str, list[str]]:
    """每个用例量出的页末问题（空表即合格）。"""
    profile = load_profile()
    bottom = float(profile.paper.height - profile.margins.bottom) * MM
    per_page = profile.lines_per_page
    found: dict[str, list[str]] = {}
    for name, (report, pages) in rendered.items():
        problems = found.setdefault(name, [])
        heading_only = {b.text for b in report.document.blocks
                        if b.kind is BlockKind.PARAGRAPH and len(b.runs) == 1 and b.runs[0].level >= 2}
        signature = report.document.of_kind(BlockKind.SIGNATURE)[0].text

        def text_lines(page: Page) -> list[Any]:
            return [line for line in page.lines if line.top < bottom]

        where = [(page, i) for page in pages for i, line in enumerate(text_lines(page)) if line.text == signature]
        if not where:  # 标题的第一行可能与署名相同（“霍山县卫生健康委员会”）：取最后一处
            problems.append(f"{name}：找不到署名")
            continue
        page, index = where[-1]
        lines = text_lines(page)
        if index + 1 >= len(lines) or not lines[index + 1].text.endswith("日"):
            problems.append(f"{name}：日期不在署名所在的页上")
        if index < 2:
            problems.append(f"{name}：落款所在的第 {page.number} 页只有 {index} 行正文")
        for before in pages[: page.number - 1]:
            body = text_lines(before)
            last = body[-1].text if body else ""
            if LEVEL1.match(last) or last in heading_only:
                problems.append(f"{name}：第 {before.number} 页以标题“{last}”结束")
            if before.number > 1 and 3 * len(body) < 2 * per_page:  # 空出不到三分之一：22 行至少排 15 行
                problems.append(f"{name}：第 {before.number} 页只排了 {len(body)} 行")
    return found


@pytest.mark.office
def test_no_page_ends_with_a_heading_before_sub_items(problems_by_case: dict[str, list[str]]) -> None:
    """只有子项的二级标题“与下段同页”（w:keepNext）：前面有 0–12 行正文时都不落在页脚。"""
    problems = [p for name, found in problems_by_case.items() if name.startswith("子项前") for p in found]
    assert not problems, "\n".join(problems)


@pytest.mark.office
def test_signature_page_rules_for_long_closings_and_many_points(problems_by_case: dict[str, list[str]]) -> None:
    """结束语 1–30 行、最后一项 1–20 条要点：落款与至少两行正文同页，前面各页不空出三分之一。

    正文最后一段在倒数第二行前分成两段（``write/word/closing.py``），只有后两行“与下段同页”：
    LibreOffice 不拆分带“与下段同页”的段落，整段带保持属性时会整段移页。"""
    problems = [p for name, found in problems_by_case.items() if not name.startswith("子项前") for p in found]
    assert not problems, f"{len(problems)} 处：\n" + "\n".join(problems)


def _split_paragraphs(report: Report) -> list[tuple[str, str]]:
    """Word 文件里分成两段写出的段落：（分散对齐的前一段，接着排的后一段）。"""
    paragraphs = docx.Document(io.BytesIO(report.docx(load_profile()))).paragraphs
    return [(p.text, paragraphs[i + 1].text) for i, p in enumerate(paragraphs[:-1])
            if p.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.DISTRIBUTE]


def _seam(lines: list[Any], head: str, tail: str) -> tuple[int, int] | None:
    """前一段在 ``lines`` 里从哪一行排到哪一行（不含），后面紧接着后一段；取最后一处。"""
    found = None
    for first, line in enumerate(lines):
        if len(line.text) < 2 or not head.startswith(line.text):
            continue
        taken, end = 0, first
        while taken < len(head) and end < len(lines) and head.startswith(lines[end].text, taken):
            taken, end = taken + len(lines[end].text), end + 1
        if taken == len(head) and end < len(lines) and tail.startswith(lines[end].text):
            found = (first, end)
    return found


@pytest.mark.office
def test_split_paragraphs_look_like_one_paragraph(rendered: Rendered) -> None:
    """分成两段写出的段落（结束语的最后两行；结束语只有一行时，它前一段的最后一行）看不出分段：
    前一段排出的行数与预计的相同（没有多出一行），末行撑满版心（右边空出不到 0.3 字），后一段从版心左边接着排。
    示例里带数字、百分号、引号的 52 段作结束语，加上全部页末用例。"""
    profile = load_profile()
    char = float(profile.sizes.body + profile.char_spacing)
    left, right = float(profile.margins.left) * MM, float(profile.paper.width - profile.margins.right) * MM
    bottom = float(profile.paper.height - profile.margins.bottom) * MM
    problems, split = [], 0
    for name, (report, pages) in rendered.items():
        lines = [line for page in pages for line in page.lines if line.top < bottom]
        for head, tail in _split_paragraphs(report):
            split += 1
            seam = _seam(lines, head, tail)
            if seam is None:
                problems.append(f"{name}：找不到分成两段的“{head[:10]}……”")
                continue
            first, end = seam
            expected = len(line_starts(head, _line_chars()))
            if end - first != expected:
                problems.append(f"{name}：前一段排成 {end - first} 行（预计 {expected} 行），末行“{lines[end - 1].text}”")
            last, after = lines[end - 1], lines[end]
            if (right - last.x1) / char > 0.3:
                problems.append(f"{name}：分段处的一行右边空出 {(right - last.x1) / char:.2f} 字")
            if abs(after.x0 - left) / char > 0.1:
                problems.append(f"{name}：后一段的第一行“{after.text}”不从版心左边排起")
    print(f"\n{split} 段分成两段写出")
    assert split >= 100, "分成两段的段落太少，量不出什么"
    assert not problems, "\n".join(problems)


@pytest.mark.office
def test_signature_and_date_geometry(rendered: Rendered) -> None:
    """GB/T 9704 7.3.5.2（不加盖印章）：日期首字比署名首字右移二字；署名、日期中较靠右的一行右空二字
    （日期右移后会伸进右空的二字时，日期右空二字、署名左移）。全部用例，误差 0.1 字以内。"""
    profile = load_profile()
    char = float(profile.sizes.body + profile.char_spacing)
    right = float(profile.paper.width - profile.margins.right) * MM
    problems, worst_offset, worst_right = [], 0.0, 0.0
    for name, (report, pages) in rendered.items():
        frame = report.document.frame
        if frame is not None and frame.sealed:
            continue  # 加盖印章的落款（7.3.5.1）另有排法，在 tests/pdf/test_frame_pdf.py 量
        signature = report.document.of_kind(BlockKind.SIGNATURE)[0].text
        found = [(page, i) for page in pages for i, line in enumerate(page.lines) if line.text == signature]
        if not found or found[-1][1] + 1 >= len(found[-1][0].lines):
            problems.append(f"{name}：找不到署名和日期")
            continue
        page, index = found[-1]
        sig, date = page.lines[index], page.lines[index + 1]
        offset = (date.x0 - sig.x0) / char - 2
        right_gap = (right - max(sig.x1, date.x1)) / char - 2
        if not date.text.endswith("日") or abs(offset) > 0.1 or abs(right_gap) > 0.1:
            problems.append(f"{name}：日期“{date.text}”比署名右移 {offset + 2:.2f} 字，右空 {right_gap + 2:.2f} 字")
        worst_offset, worst_right = max(worst_offset, abs(offset)), max(worst_right, abs(right_gap))
    print(f"\n{len(rendered)} 份：首字右移误差最大 {worst_offset:.3f} 字，右空二字误差最大 {worst_right:.3f} 字")
    assert any(name.startswith("署名20") for name in rendered)
    assert not problems, "\n".join(problems)


@pytest.mark.office
def test_signature_squeezed_onto_the_page_instead_of_moving_lines(rendered: Rendered) -> None:
    """GB/T 9704 7.3.5：落款差一两行排不下时收紧那一页的行距（``write/word/pages.py``）。gen 预计要收紧的每一份：
    落款确实排在那一页上（没有移到下一页），这一页各行的间距相等、就是收紧后的行距，落款前至少两行正文。
    其余各份：落款的页和行与 gen 的预计相同（预计不准时，收紧的页就不对）。"""
    profile = load_profile()
    bottom = float(profile.paper.height - profile.margins.bottom) * MM
    top = float(profile.margins.top) * MM
    pitch = float(profile.line_pitch)
    problems, squeezed = [], 0
    for name, (report, pages) in rendered.items():
        blocks = report.document.blocks
        closing = keep.closing_index(blocks)
        lead = keep.lead_index(blocks, closing, profile)
        found = units(blocks, profile, _line_chars(), closing, lead)
        if found is None or report.document.frame is not None:
            continue  # 有表格、含换行的段落，或有公文版头：gen 不预计，不收紧
        squeeze = plan(report.document, profile, _line_chars(), closing, lead)
        signature = report.document.of_kind(BlockKind.SIGNATURE)[0].text
        where = [(page, line) for page in pages for line in page.lines if line.text == signature]
        if not where:
            problems.append(f"{name}：找不到署名")
            continue
        page, line = where[-1]
        if squeeze is None:
            signature_unit = max(i for i, unit in enumerate(found) if unit.part == "" and
                                 blocks[unit.block].kind is BlockKind.SIGNATURE)
            expected = paginate(found, profile.lines_per_page)[signature_unit]
            got = (page.number - 1, round((line.top - top) / pitch) - 0)
            if expected[0] != got[0] or abs((line.top - top) / pitch - expected[1]) > 0.5 + 0.3:
                problems.append(f"{name}：署名排在第 {got[0] + 1} 页第 {got[1]} 行左右，预计第 {expected[0] + 1} 页第 {expected[1]} 行")
            continue
        squeezed += 1
        if page.number - 1 != squeeze.page:
            problems.append(f"{name}：应收紧第 {squeeze.page + 1} 页、落款排在这一页，实际落款在第 {page.number} 页")
        body_lines = [line for line in page.lines if line.top < bottom]
        index = body_lines.index(line)
        if index < 2 or body_lines[0].text == signature:
            problems.append(f"{name}：收紧后落款所在的第 {page.number} 页只有 {index} 行正文")
        # 落款前三行到日期：相邻两行隔一个行距，中间空一行处隔两个行距（收紧后的行距）
        near = body_lines[max(0, index - 3):index + 2]
        steps = [(b.top - a.top) / (squeeze.pitch / 20) for a, b in pairwise(near)]
        if any(round(step) not in (1, 2) or abs(step - round(step)) > 0.02 for step in steps):
            problems.append(f"{name}：落款前后的行距是收紧后的 {[round(step, 2) for step in steps]} 倍，应为 1 或 2 倍")
    print(f"\n{squeezed} 份收紧了落款所在页的行距")
    assert squeezed >= 10, "没有几份需要收紧行距，测试没有覆盖这种情况"
    assert not problems, "\n".join(problems)
