"""落款不单独成页（GB/T 9704 7.3.5）：正文最后一段、附件说明、署名、日期排在同一页。

30 份表单，每份比上一份多一句整行的话（28 字），落款依次落在一页的每个位置上；
一半带附件说明（指标表作附件），一半不带。30 份用一次 LibreOffice 调用转成 PDF。
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from office import MM, render_pdfs

from generator.pipeline import Report, build_report_from_data
from generator.render.document import BlockKind
from generator.write.style_profile import load_profile

RENDERS = 30
SENTENCE = "乡镇卫生院按期完成设备更新和人员培训，就医条件持续改善。"  # 28 字：正好一整行
CLOSING = ("下一步，我们将继续围绕县委、县政府中心工作，扎实推进各项卫生健康工作，不断提升群众的获得感、"
           "幸福感和安全感，为全县经济社会发展提供有力保障，推动卫生健康事业再上新台阶。")
BASE: dict[str, Any] = {
    "单位": "贡觉县卫生健康委员会", "年度": 2024, "日期": "2025-01-07",
    "导语": "2024年，我委扎实推进各项卫生健康工作，取得了新的成效。现将全年工作总结如下。",
    "指标": [{"键": "体检人数", "名称": "城乡居民健康体检人数", "本期": 15719, "上期": 7593, "单位": "人"}],
    "工作开展情况": [
        {"标题": "完善基础设施", "内容": ""},
        {"标题": "开展健康体检", "内容": "全年体检{{体检人数}}，比上年{{体检人数.同比}}。"},
    ],
    "存在的问题": ["专业人才短缺", "群众健康意识有待提高"],
    "下一步工作计划": [{"标题": "加强人才培养", "内容": "选派医务人员到上级医院进修学习。"}],
    "结束语": CLOSING,
}


def form(sentences: int) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["工作开展情况"][0]["内容"] = "全年完成基础设施项目建设。" + SENTENCE * sentences
    data["指标表"] = sentences % 2 == 0
    return data


def test_sentence_is_one_full_line() -> None:
    assert len(SENTENCE) == load_profile().chars_per_line


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Report, Any]]:
    pdfplumber = pytest.importorskip("pdfplumber")
    folder = tmp_path_factory.mktemp("keep")
    profile = load_profile()
    reports = [build_report_from_data(form(n)) for n in range(RENDERS)]
    docs = []
    for n, report in enumerate(reports):
        path = folder / f"落款-{n:02d}.docx"
        path.write_bytes(report.docx(profile))
        docs.append(path)
    pdfs, seconds = render_pdfs(docs, folder)
    print(f"\nLibreOffice：{len(pdfs)} 个文件共 {seconds:.1f} 秒")
    out = []
    for report, pdf in zip(reports, pdfs, strict=True):
        with pdfplumber.open(str(pdf)) as document:
            out.append((report, [_lines(page) for page in document.pages]))
    return out


def _lines(page: Any) -> list[tuple[str, float]]:
    rows: dict[int, list[Any]] = {}
    for char in page.chars:
        rows.setdefault(round(float(char["bottom"])), []).append(char)
    limit = float(page.height) - float(load_profile().margins.bottom) * MM  # 不含页码
    lines = []
    for key in sorted(rows):
        text = "".join(str(c["text"]) for c in sorted(rows[key], key=lambda c: float(c["x0"]))).strip()
        if text and key < limit:
            lines.append((text, float(key)))
    return lines


@pytest.mark.office
def test_signature_and_date_stay_with_body_text(rendered: list[tuple[Report, Any]]) -> None:
    pitch = float(load_profile().line_pitch)
    top = float(load_profile().margins.top) * MM
    positions = set()
    carried = 0
    for n, (report, pages) in enumerate(rendered):
        signature = report.document.of_kind(BlockKind.SIGNATURE)[0].text
        date = report.document.of_kind(BlockKind.DATE)[0].text
        [where] = [i for i, lines in enumerate(pages) if any(text == signature for text, _ in lines)]
        texts = [text for text, _ in pages[where]]
        assert date in texts, f"第 {n} 份：署名和日期不在同一页"
        assert texts.index(date) == texts.index(signature) + 1
        before = texts[: texts.index(signature)]
        body = [t for t in before if not t.startswith("附件：")]
        assert body, f"第 {n} 份：落款所在的第 {where + 1} 页没有正文"
        if report.document.of_kind(BlockKind.ATTACHMENT_NOTE):
            assert "附件：主要指标完成情况表" in before, f"第 {n} 份：附件说明与落款不在同一页"
        if where and body[0] in CLOSING and where == len(pages) - 1 - bool(
                report.document.of_kind(BlockKind.ATTACHMENT)):
            carried += 1  # 这一页从正文最后一段的某一行排起：落款连同最后一段的末几行到了新的一页
            assert len(body) >= 2, f"第 {n} 份：跟着落款移到新一页的正文不到两行"
        bottom = dict(pages[where])[date]
        positions.add(round((bottom - top) / pitch))
    # 30 份表单让落款落在一页的许多位置上：有排到版心最后一行的，也有整体移到下一页顶端的
    print(sorted(positions), carried)
    assert len(positions) >= 12, sorted(positions)
    assert max(positions) == load_profile().lines_per_page, "没有一份的日期排在版心最后一行"
    assert carried >= 3, "没有一份需要把正文最后几行连同落款移到下一页，测试没有覆盖分页处"
