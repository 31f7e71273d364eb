"""页末的规则，在 LibreOffice 渲染的页面上量（一次渲染全部用例）：

- 结束语 1–30 行、最后一项计划 1–20 条要点：署名和日期在同一页，这一页在落款之前至少有两行正文；
  落款之前的各页不因“与下段同页”的连锁空出三分之一以上；
- 一个只有子项的二级标题之前有 0–12 行正文：没有哪一页以标题（一级标题，或只有小标题的段落）结束。
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import minimal_form
from office import MM, Page, read_pages, render_pdfs

from generator.api import build_report_from_data
from generator.render.document import BlockKind
from generator.write.style_profile import load_profile

SENTENCE = "全面推进健康县城建设，持续改善群众就医体验，"  # 22 字
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
    return cases


@pytest.fixture(scope="module")
def problems_by_case(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """全部用例一次渲染；每个用例量出的问题（空表即合格）。"""
    tmp_path = tmp_path_factory.mktemp("页末")
    profile = load_profile()
    bottom = float(profile.paper.height - profile.margins.bottom) * MM
    per_page = profile.lines_per_page
    reports, docs = {}, []
    for name, data in _cases().items():
        report = build_report_from_data(data)
        path = tmp_path / f"{name}.docx"
        path.write_bytes(report.docx(profile))
        reports[name], docs = report, [*docs, path]
    pdfs, seconds = render_pdfs(docs, tmp_path)
    print(f"\nLibreOffice：{len(docs)} 份共 {seconds:.1f} 秒")
    found: dict[str, list[str]] = {}
    for (name, report), pdf in zip(reports.items(), pdfs, strict=True):
        problems = found.setdefault(name, [])
        pages = read_pages(pdf)
        heading_only = {b.text for b in report.document.blocks
                        if b.kind is BlockKind.PARAGRAPH and len(b.runs) == 1 and b.runs[0].level >= 2}
        signature = report.document.of_kind(BlockKind.SIGNATURE)[0].text

        def text_lines(page: Page) -> list[Any]:
            return [line for line in page.lines if line.top < bottom]

        where = [(page, i) for page in pages for i, line in enumerate(text_lines(page)) if line.text == signature]
        if len(where) != 1:
            problems.append(f"{name}：找不到署名")
            continue
        page, index = where[0]
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
            if before.number > 1 and len(body) < per_page * 2 // 3:
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
