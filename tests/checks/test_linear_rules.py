"""检查规则的正则不能在恶意输入上变成平方级：改写后的结果与原先的写法相同。

（耗时本身不在测试里测，见 benchmarks/scale.py；这里钉死改写没有改变结果。）"""

from __future__ import annotations

import random
import re
from pathlib import Path

from generator.checks import check_paragraphs
from generator.checks.rules import number_style, template_marks
from generator.form.numbering import CN_NUMERAL, chinese_value

_OLD_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def test_template_marks_match_the_old_regex() -> None:
    rng = random.Random(11)
    alphabet = ["{", "}", "%", "{{", "}}", "{%", "%}", "a", "\n", "甲", " "]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert list(template_marks(text)) == [(m.start(), m.end()) for m in _OLD_TEMPLATE.finditer(text)], text


def test_leftover_braces_in_a_long_paragraph() -> None:
    text = "{{" * 30000 + "。全年体检{{体检人数}}。"
    found = [d for d in check_paragraphs([text], file=Path("r.txt"), year=2024) if d.code == "GEN101"]
    assert len(found) == 1
    assert found[0].message.startswith("“{{{{{{")
    assert found[0].message.endswith("{{体检人数}}”是没有替换掉的模板标记，请填上实际内容。")


def test_numeral_pattern_starts_only_at_the_start_of_a_run() -> None:
    pattern = re.compile(rf"({CN_NUMERAL})是")
    assert [m.group(1) for m in pattern.finditer("一是；十二是；一百零一是")] == ["一", "十二", "一百零一"]
    assert pattern.search("一二" * 5000) is None
    assert pattern.search("百一是") is None  # “一”前面是“百”：不是一个数的开头
    assert chinese_value("一百零一") == 101


def test_mixed_units_still_found_only_from_the_start_of_a_number() -> None:
    hits = [h for h in number_style("投入3亿4500万元，另有12.5亿300万。") if h.code == "GEN404"]
    assert [("投入3亿4500万元，另有12.5亿300万。")[h.start:h.end] for h in hits] == ["3亿4500万", "12.5亿300万"]
    assert not [h for h in number_style("1" * 20000) if h.code == "GEN404"]


def test_long_source_lines_are_shown_around_the_caret() -> None:
    from generator.errors import Diagnostic

    line = "甲" * 200 + "XX" + "乙" * 200
    shown = Diagnostic("消息", file=Path("f.yaml"), line=3, column=201, source_line=line).format().splitlines()
    assert shown[1] == "    …" + "甲" * 40 + "XX" + "乙" * 38 + "…"
    assert shown[2].index("^") == 4 + 1 + 80  # “…”占一列，40 个汉字占 80 列
    short = Diagnostic("消息", file=Path("f.yaml"), line=3, column=2, source_line="甲乙丙").format().splitlines()
    assert short[1:] == ["    甲乙丙", "      ^"]


def test_strip_markup_on_hostile_lines() -> None:
    """模糊测试发现的两处平方级（15 万个空白、成串的“**”）：改写后结果如常，长输入也能处理完。"""
    from generator.importer.cleanup import strip_markup

    assert strip_markup("## **（一）加强培训**。全年培训") == "（一）加强培训。全年培训"
    assert strip_markup("甲 当前隐藏内容免费查看 乙") == "甲乙"
    assert strip_markup("党***委") == "党***委"
    assert strip_markup(" " * 150000 + "当前") == "当前"
    assert strip_markup("**甲" * 20000) == "甲" * 20000  # 成对的“**”都去掉
