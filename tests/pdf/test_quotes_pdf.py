"""中文引号在数字、字母后面仍排成全角（“1+4+7”的后引号）：在 LibreOffice 的 PDF 里量。

LibreOffice 不认 ``w:hint="eastAsia"``，数字后面的后引号归入西文、用西文字体排（真 Times New Roman 下是半角）。
表单里成对的半角引号（"5G"）先改成中文引号。判据：每个引号用的字体与它所在文字的中文字体相同（标题的小标宋、二级小标题的楷体、正文的仿宋、表格），
宽度等于字号（全角）。
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import minimal_form
from office import render_pdfs

from generator.api import build_report_from_data


def test_quotes_after_digits_stay_full_width(tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    # 表单里写的半角引号（"5G"）先改成中文引号，再同样排成全角
    data = minimal_form(导语='紧紧围绕县委“1+4+7”重点工作部署，推进"5G"建设。')
    data["标题"] = "某县落实“1+4+7”部署2024年度工作总结"
    data["工作开展情况"] = [{"标题": "落实“1+4+7”部署", "内容": "开通“12345”热线。",
                             "子项": [{"标题": "抓好“3+1”工作", "内容": "做好“A”级评审。"}]}]
    data["指标"] = [{"键": "项目", "名称": "“1+4+7”项目数", "本期": 5, "上期": 4}]
    data["指标表"] = "正文"
    docx = tmp_path / "引号.docx"
    docx.write_bytes(build_report_from_data(data).docx())
    [pdf], _ = render_pdfs([docx], tmp_path)
    checked = 0
    with pdfplumber.open(str(pdf)) as document:
        for page in document.pages:
            chars = page.chars
            for index, char in enumerate(chars):
                if char["text"] not in "“”":
                    continue
                # 同一行里离它最近的汉字（开引号看后面，后引号看前面：中间隔着数字、字母）
                step = 1 if char["text"] == "“" else -1
                k = index + step
                while 0 <= k < len(chars) and not ("\u4e00" <= chars[k]["text"] <= "\u9fff"):
                    k += step
                han = chars[k if 0 <= k < len(chars) else index - step]
                context = "".join(c["text"] for c in chars[max(0, index - 4): index + 4])
                assert char["fontname"] == han["fontname"], (context, char["fontname"], han["fontname"])
                assert abs((char["x1"] - char["x0"]) - char["size"]) < 0.5, context
                checked += 1
    assert checked == 2 * 8  # 标题、导语两对、二级、三级小标题、两段正文、表格
