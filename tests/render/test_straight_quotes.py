"""成对的半角引号在中文里改成中文引号“…”‘…’（Word、Markdown、表格里都一样）；英文里的、撇号不动。"""

from __future__ import annotations

import io

import docx
import pytest
from conftest import minimal_form
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.api import build_report_from_data
from generator.render.punctuation import curly_quotes, full_width


@pytest.mark.parametrize(("text", "expected"), [
    ('紧紧围绕县委"1+4+7"重点工作', "紧紧围绕县委“1+4+7”重点工作"),   # 引号里只有数字：外面挨着汉字
    ('"健康中国"行动', "“健康中国”行动"),                             # 段首
    ("所谓'小切口'改革", "所谓‘小切口’改革"),
    ('推进"5G"建设,成效明显', "推进“5G”建设，成效明显"),               # 与半角逗号一起改
    ('He said "OK". 好', 'He said "OK". 好'),                         # 英文里的不动
    ('英文 "OK" and "no"', '英文 "OK" and "no"'),
    ("I don't know 中文 it's", "I don't know 中文 it's"),             # 字母之间的撇号不是引号
    ('单独一个"引号', '单独一个"引号'),                                 # 不成对的不动
    ('第一行"甲\n乙"', '第一行"甲\n乙"'),                               # 不跨行配对
])
def test_straight_quote_pairs_in_chinese(text: str, expected: str) -> None:
    assert full_width(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='"\'甲乙1aA ,\n“', max_size=40))
def test_only_straight_quotes_change_and_twice_is_once(text: str) -> None:
    once = curly_quotes(text)
    assert len(once) == len(text)
    assert all(a == b or (a in "\"'" and b in "“”‘’") for a, b in zip(text, once, strict=True))
    made = [b for a, b in zip(text, once, strict=True) if a != b]
    assert made.count("“") == made.count("”") and made.count("‘") == made.count("’")
    assert curly_quotes(once) == once


def test_quotes_become_chinese_in_every_output() -> None:
    data = minimal_form(导语='紧紧围绕县委"1+4+7"重点工作部署，推进"健康中国"行动。')
    data["标题"] = '某县落实"1+4+7"部署2024年度工作总结'
    data["指标"] = [{"键": "项目", "名称": '"1+4+7"项目数', "本期": 5, "上期": 4}]
    data["指标表"] = "正文"
    report = build_report_from_data(data)
    markdown = report.markdown()
    assert "紧紧围绕县委“1+4+7”重点工作部署，推进“健康中国”行动。" in markdown
    assert "落实“1+4+7”部署" in markdown and "“1+4+7”项目数" in markdown
    assert '"' not in markdown.replace('单位: "%"', "")
    word = docx.Document(io.BytesIO(report.docx()))
    texts = [p.text for p in word.paragraphs]
    texts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert any("“1+4+7”项目数" in t for t in texts)
    assert not [t for t in texts if '"' in t]
