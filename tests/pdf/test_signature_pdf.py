"""落款的几何（GB/T 9704 7.3.5.2），在 LibreOffice 渲染的页面上量：署名 2–20 个字，有、无附件说明，一次渲染。

- 成文日期首字比署名首字右移二字（误差 0.1 字以内）；
- 署名、日期中较靠右的一行右空二字（日期右移后会伸进右空的二字时，日期右空二字、署名左移）；
- 署名和日期在同一页，这一页在落款之前至少还有两行正文。
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import minimal_form
from office import MM, read_pages, render_pdfs

from generator.api import build_report_from_data
from generator.write.style_profile import load_profile

NAMES = "中共某某自治县委员会办公室卫生健康委员会人民政府"
CASES = [(n, attachment) for n in range(2, 21) for attachment in (False, True)]


@pytest.mark.office
def test_signature_and_date_geometry_sweep(tmp_path: Path) -> None:
    profile = load_profile()
    char = float(profile.sizes.body + profile.char_spacing)
    right = float(profile.paper.width - profile.margins.right) * MM
    docs = []
    for n, attachment in CASES:
        data = minimal_form(署名=NAMES[:n], 结束语="今后，我们将继续努力，推动各项工作再上新台阶。" * 3)
        if attachment:
            data["指标"] = [{"键": "甲", "名称": "体检人数", "本期": 5, "上期": 4, "单位": "人"}]
            data["指标表"] = "附件"
        path = tmp_path / f"署名{n}{'附件' if attachment else ''}.docx"
        path.write_bytes(build_report_from_data(data).docx(profile))
        docs.append(path)
    pdfs, _ = render_pdfs(docs, tmp_path)
    worst_offset = worst_right = 0.0
    for (n, attachment), pdf in zip(CASES, pdfs, strict=True):
        signature, where = NAMES[:n], f"署名 {n} 字{'（有附件）' if attachment else ''}"
        pages = read_pages(pdf)
        found = [(page, i, line) for page in pages for i, line in enumerate(page.lines) if line.text == signature]
        assert len(found) == 1, where
        page, index, sig = found[0]
        date = page.lines[index + 1]
        assert date.text.endswith("日") and date.text.startswith("20"), f"{where}：日期不在署名的下一行"
        offset = (date.x0 - sig.x0) / char - 2
        assert abs(offset) <= 0.1, f"{where}：日期首字比署名首字右移 {offset + 2:.2f} 字"
        right_gap = (right - max(sig.x1, date.x1)) / char
        assert abs(right_gap - 2) <= 0.1, f"{where}：落款右空 {right_gap:.2f} 字"
        assert (right - date.x1) / char >= 2 - 0.1, f"{where}：日期右空不到二字"
        body_above = [line for line in page.lines[:index] if line.top > float(profile.margins.top) * MM - 1
                      and abs(line.size - float(profile.sizes.body)) < 0.5]
        assert len(body_above) >= 2, f"{where}：落款所在页只有 {len(body_above)} 行正文"
        worst_offset, worst_right = max(worst_offset, abs(offset)), max(worst_right, abs(right_gap - 2))
    print(f"\n{len(CASES)} 份：首字右移误差最大 {worst_offset:.3f} 字，右空二字误差最大 {worst_right:.3f} 字")
