"""版记的位置（GB/T 9704-2012 §7.4）在 tests/pdf/test_frame_pdf.py 之外的两种情形（issue 25），LibreOffice 渲染：

- 指标表作附件：版记排在附件之后，在最后一页的版心底部（印发一行是这一页最后一行文字，页码除外；
  抄送一行紧挨在它上面；前面各页没有版记）；
- 发文机关标志、机关代字、印发机关写在单位模板的 模板.yaml 里：红头、发文字号、版记上印的是模板的值。

量的：印发一行字底离版心下边缘不到一字半（末条分隔线与版心下边缘重合），印发机关、抄送左空一字，
印发日期右空一字（误差 0.3 字以内）。
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import minimal_form
from office import MM, read_pages, render_pdfs

from generator.api import build_report_from_data
from generator.pipeline import build_report
from generator.write.style_profile import load_profile

FRAME = {"发文字号": "贡卫健发〔2025〕3号", "签发人": "次仁多吉", "主送机关": "昌都市卫生健康委员会",
         "抄送机关": ["贡觉县人民政府办公室", "昌都市财政局"], "印发机关": "贡觉县卫生健康委员会办公室",
         "印发日期": "2025-01-08"}
SPEC = """\
名称: 我局
适用类型: [年度工作总结]
公文:
  发文机关标志: 贡觉县卫生健康委员会文件
  机关代字: 贡卫健发
  印发机关: 贡觉县卫生健康委员会办公室
  抄送机关: [贡觉县人民政府办公室, 昌都市财政局]
"""
FORM_WITH_TEMPLATE = """\
单位: 贡觉县卫生健康委员会
年度: 2024
导语: 2024年，我委扎实推进各项工作。现总结如下。
工作开展情况:
  - 标题: 开展健康体检
    内容: 全年组织体检。
存在的问题:
  - 人才短缺。
下一步工作计划:
  - 标题: 加强人才培养
日期: 2025-01-07
模板: 我局
公文:
  发文字号: 〔2025〕3号
  签发人: 次仁多吉
  主送机关: 昌都市卫生健康委员会
  印发日期: 2025-01-08
"""
_PAGE_NUMBER = re.compile(r"^[—–-]\s*\d+\s*[—–-]$")


@pytest.mark.office
def test_imprint_after_attachment_and_from_template(tmp_path: Path) -> None:
    profile = load_profile()
    char = float(profile.sizes.body + profile.char_spacing)
    left = float(profile.margins.left) * MM
    right = float(profile.paper.width - profile.margins.right) * MM
    foot = float(profile.paper.height - profile.margins.bottom) * MM
    attachment = minimal_form(公文=FRAME, 指标表="附件",
                              指标=[{"键": "甲", "名称": "体检人数", "本期": 5, "上期": 4, "单位": "人"}])
    (tmp_path / "附件.docx").write_bytes(build_report_from_data(attachment).docx(profile))
    (tmp_path / "模板" / "我局").mkdir(parents=True)
    (tmp_path / "模板" / "我局" / "模板.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "模板.yaml").write_text(FORM_WITH_TEMPLATE, encoding="utf-8")
    (tmp_path / "模板.docx").write_bytes(build_report(tmp_path / "模板.yaml").docx(profile))
    pdfs, _ = render_pdfs([tmp_path / "附件.docx", tmp_path / "模板.docx"], tmp_path / "pdf")
    for name, pdf in zip(("附件", "模板"), pdfs, strict=True):
        pages = read_pages(pdf)
        last = pages[-1]
        text = [line for line in last.lines if not _PAGE_NUMBER.match(line.text.replace(" ", ""))]
        printed, copies = text[-1], text[-2]
        assert re.sub(r"\s", "", printed.text) == "贡觉县卫生健康委员会办公室2025年1月8日印发", f"{name}：{printed.text}"
        assert copies.text.replace(" ", "") == "抄送：贡觉县人民政府办公室，昌都市财政局。", name
        assert not any("印发" in line.text for page in pages[:-1] for line in page.lines), f"{name}：版记不在最后一页"
        gap = (foot - printed.bottom) / char
        assert 0 <= gap <= 1.5, f"{name}：印发一行的字底离版心下边缘 {gap:.2f} 字"
        assert abs((printed.x0 - left) / char - 1) <= 0.3, f"{name}：印发机关左空 {(printed.x0 - left) / char:.2f} 字"
        assert abs((right - printed.x1) / char - 1) <= 0.3, f"{name}：印发日期右空 {(right - printed.x1) / char:.2f} 字"
        assert abs((copies.x0 - left) / char - 1) <= 0.3, f"{name}：抄送左空 {(copies.x0 - left) / char:.2f} 字"
        if name == "附件":
            label = [page.number for page in pages for line in page.lines if line.text == "附件"]
            assert label and label[0] <= last.number, "版记应排在附件之后"
            assert any("体检人数" in line.text for line in last.lines) or label[0] < last.number
        else:
            head = [re.sub(r"\s", "", line.text) for line in pages[0].lines]
            assert "贡觉县卫生健康委员会文件" in head  # 模板的发文机关标志
            assert any(line.startswith("贡卫健发〔2025〕3号") for line in head)  # 模板的机关代字补在前面
