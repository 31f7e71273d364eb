"""夹在汉字之间的半角标点改成全角：表单里的、导入的文字都一样；数字、英文、网址、段首序号不动。"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import docx
import pytest
from conftest import REPO, minimal_form

from generator.api import build_report_from_data
from generator.render.punctuation import full_width, half_width_marks

WEB_REPORT = REPO / "tests" / "data" / "web" / "网页复制的工作总结.txt"
# 独立于实现的判据：汉字（或中文标点）与半角 , ; : ? ! ( ) 紧挨着
_HAN = "\u4e00-\u9fff“”（）《》、，。；：？！"
BETWEEN = re.compile(rf"[{_HAN}]\s*[,;:?!()]|[,;:?!()]\s*[{_HAN}]")


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年,我局在县委,县政府的领导下;成效明显:", "2024年，我局在县委，县政府的领导下；成效明显："),
    ("中国, 北京", "中国，北京"),                                      # 标点后网页留下的空格一并去掉
    ("是否达标?是!", "是否达标？是！"),
    ("共15,其中3个", "共15，其中3个"),
    ("接种15719剂次(含补种),增长", "接种15719剂次（含补种），增长"),
    ("能力(WHO)提升", "能力（WHO）提升"),
    ("网址:http://www.gov.cn/a,b", "网址：http://www.gov.cn/a,b"),    # 网址里的冒号、逗号不动
    ("覆盖1,234人,时间10:30,增长3.5%", "覆盖1,234人，时间10:30，增长3.5%"),  # 数字里的不动
    ("Hello, world (test) 测试", "Hello, world (test) 测试"),          # 英文里的不动
    ("(1)加强管理", "(1)加强管理"),                                    # 段首序号不动
    ("f(x)", "f(x)"),
])
def test_full_width_between_chinese(text: str, expected: str) -> None:
    assert full_width(text) == expected
    assert (half_width_marks(text) == []) == (text == expected)


def test_long_text_is_linear() -> None:
    text = "甲,乙(丙)" * 50_000
    assert full_width(text) == "甲，乙（丙）" * 50_000


def test_form_text_is_full_width_in_every_output() -> None:
    data = minimal_form(导语="2024年,我局在县委,县政府的领导下,扎实推进各项工作:成效明显!")
    data["标题"] = "某县教育局2024年度工作总结(征求意见稿)"
    report = build_report_from_data(data)
    markdown = report.markdown()
    assert "2024年，我局在县委，县政府的领导下，扎实推进各项工作：成效明显！" in markdown
    assert "工作总结（征求意见稿）" in markdown
    word = docx.Document(io.BytesIO(report.docx()))
    assert not [p.text for p in word.paragraphs if BETWEEN.search(p.text)]


def test_imported_web_report_yields_word_without_half_width_punctuation(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "网页.txt"
    shutil.copyfile(WEB_REPORT, source)
    assert len(BETWEEN.findall(source.read_text(encoding="utf-8"))) >= 20  # 夹具确实带着网页的半角标点
    form = tmp_path / "网页.yaml"
    assert gen("import", str(source), "-o", str(form)).code == 0
    assert BETWEEN.search(form.read_text(encoding="utf-8"))  # 导入的表单保留原文，改在生成时
    result = gen("report", str(form), "-f", "docx", "-o", str(tmp_path))
    assert result.code == 0, result.err
    word = docx.Document(str(tmp_path / "网页.docx"))
    texts = [p.text for p in word.paragraphs] + [c.text for t in word.tables for r in t.rows for c in r.cells]
    body = "\n".join(texts)
    assert not BETWEEN.findall(body), BETWEEN.findall(body)
    # 数字、网址、英文原样
    for kept in ("1,234", "15:30", "http://www.example.gov.cn/a,b", "Hello, world", "98.5%"):
        assert kept in body
    assert "（含补种）" in body and "（线上，线下）" in body


def test_check_flags_half_width_punctuation_with_line_and_column(gen) -> None:  # type: ignore[no-untyped-def]
    result = gen("check", str(WEB_REPORT))
    lines = [line for line in result.err.splitlines() if "[GEN306]" in line]
    assert lines[0].startswith(f"{WEB_REPORT}:3:6: 警告：[GEN306] “024年,我委在县”里的“,”是半角标点")
    assert "这一段共有 6 处" in lines[0]
    # “(一)”由 GEN303 报告，GEN306 从这一段的第一个逗号报起
    assert any(line.startswith(f"{WEB_REPORT}:7:10: 警告：[GEN306]") for line in lines)
    clean = gen("check", str(REPO / "tests" / "golden" / "贡觉县-2024.md"))
    assert "[GEN306]" not in clean.err


def test_character_entity_semicolon_is_kept() -> None:
    assert full_width("推进&amp;各项工作;完成") == "推进&amp;各项工作；完成"
