"""网页文字的半角标点（issue 20）：写进表单时换成全角，导入不制造标点问题；gen check 读报告时保留原文。"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import seed

from generator.importer import import_report
from generator.render.punctuation import full_width


@pytest.mark.parametrize("text,expected", [
    ("全县,共有(3所)医院:分别是A、B。", "全县，共有（3所）医院：分别是A、B。"),
    ("共1,234人,增长5%,较好", "共1,234人，增长5%，较好"),  # 千位分隔符不动
    ("时间:2022-05-31 17:40:02", "时间：2022-05-31 17:40:02"),  # 时刻里的冒号不动
    ("见 http://www.a.gov.cn/x", "见 http://www.a.gov.cn/x"),
    ("是吗?是的!", "是吗？是的！"),
    ("(X防指〔X〕X号),设置了", "（X防指〔X〕X号），设置了"),
    ("score (A) 1.5", "score (A) 1.5"),  # 没有汉字的括号不动
])
def test_fullwidth_punctuation(text: str, expected: str) -> None:
    assert full_width(text) == expected  # 导入写表单与生成用同一条规则


def test_imported_web_text_gets_chinese_punctuation() -> None:
    imported = import_report(seed("004_83c7fe2b20513d92.txt"))
    body = imported.yaml().split("\n", 3)[3]  # 开头几行注释里是原样的网页文字
    values = "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("#"))
    assert re.findall(r"[\u4e00-\u9fff][,;:?!][\u4e00-\u9fff]", values) == []
    assert "现将有关情况报告如下：" in values
    # gen check 读报告时仍是原文（指得出“(一)”这类写法）
    assert any("(一)" in p for p in import_report(seed("004_83c7fe2b20513d92.txt")).paragraphs)


def test_round_trip_keeps_clean_text(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("某局2024年工作总结\n\n2024年,我局扎实工作。\n\n一、工作开展情况\n\n（一）体检。全年体检100人,增长5%。\n\n"
                      "二、存在的问题\n\n人才短缺。\n\n三、下一步工作计划\n\n（一）培训。开展培训。\n", encoding="utf-8")
    text = import_report(report).yaml()
    assert "导语: 2024年，我局扎实工作。" in text and "全年体检100人，增长5%。" in text
