"""工作计划、述职报告的页面（issue 23），在 LibreOffice 渲染的 PDF 上量（一次调用 soffice）：

- 述职报告：标题下面紧接一行“单位职务　述职人”，居中（左右空白相差不到半个字）、楷体、正文字号，
  再空一行是导语；五个一级标题依次是一到五；落款是述职人；
- 工作计划：标题、一、总体要求 二、主要任务 三、保障措施；落款和日期在最后一页。
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from office import MM, read_pages, render_pdfs

from generator.api import build_report
from generator.write.style_profile import load_profile

DEBRIEF = REPO / "examples" / "张明-2024-述职报告.yaml"
PLAN = REPO / "examples" / "中阳县-2025-工作计划.yaml"


@pytest.mark.office
def test_pages_of_the_new_kinds(tmp_path: Path) -> None:
    profile = load_profile()
    docs = []
    for example in (DEBRIEF, PLAN):
        path = tmp_path / f"{example.stem}.docx"
        path.write_bytes(build_report(example).docx())
        docs.append(path)
    (debrief_pdf, plan_pdf), _ = render_pdfs(docs, tmp_path)
    char = float(profile.sizes.body + profile.char_spacing)
    left = float(profile.margins.left) * MM
    right = float(profile.paper.width - profile.margins.right) * MM
    pitch = float(profile.line_pitch)

    pages = read_pages(debrief_pdf)
    title, subtitle, intro = pages[0].lines[:3]
    assert title.text == "述职报告" and abs(title.size - float(profile.sizes.title)) < 0.5
    assert "".join(subtitle.text.split()) == "贡觉县卫生健康委员会主任张明"  # 全角空格读出来是空白
    assert abs(subtitle.size - float(profile.sizes.body)) < 0.5
    assert "Kai" in subtitle.fontname or "楷" in subtitle.fontname, subtitle.fontname
    assert abs((subtitle.x0 - left) - (right - subtitle.x1)) / char < 0.5, "副标题没有居中"
    assert round((subtitle.top - title.top) / pitch) >= 1 and round((intro.top - subtitle.top) / pitch) == 2, \
        "副标题紧接标题，下面空一行再排导语"
    lines = [line for page in pages for line in page.lines]
    headings = [line.text for line in lines if line.text[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert [h[:2] for h in headings] == ["一、", "二、", "三、", "四、", "五、"]
    assert headings[3] == "四、存在的不足" and headings[4] == "五、下一步打算"
    last = pages[-1].lines
    assert [line.text for line in last if line.text in ("张明", "2025年1月15日")] == ["张明", "2025年1月15日"]

    pages = read_pages(plan_pdf)
    lines = [line for page in pages for line in page.lines]
    assert lines[0].text == "中阳县卫生健康局2025年工作计划"
    headings = [line.text for line in lines if line.text[:2] in ("一、", "二、", "三、", "四、")]
    assert headings == ["一、总体要求", "二、主要任务", "三、保障措施"]
    assert [line.text for line in pages[-1].lines][-3:-1] == ["中阳县卫生健康局", "2025年1月10日"]  # 最后是页码
