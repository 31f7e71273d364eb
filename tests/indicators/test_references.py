"""模板语法不会经由办事员的文字进入文档：只认 {{键}}、{{键.属性}}，其余都带位置报错或警告。"""

from __future__ import annotations

import pytest
from conftest import VALID_FORM

from generator.errors import Severity
from generator.indicators.references import scan

TEXT = "全年体检{{体检人数}}。"


@pytest.mark.parametrize(("written", "column", "message"), [
    ("{% raw %}{{{% endraw %}体检人数", 13, "正文里只能写 {{键}} 这样的指标引用，不能写 {% … %} 之类的模板语句。"),
    ("{%", 13, "正文里只能写 {{键}} 这样的指标引用，不能写 {% … %} 之类的模板语句。"),
    ("%}", 13, "正文里只能写 {{键}} 这样的指标引用，不能写 {% … %} 之类的模板语句。"),
    ("{{", 13, "引用的写法不对（大括号没有成对）。引用要写成 {{键}} 或 {{键.同比}}，两边各两个半角大括号。"),
    ("}}", 13, "这里有“}}”，前面却没有配对的“{{”。引用要写成 {{键}} 或 {{键.同比}}，两边各两个半角大括号。"),
    ("{#", 13, "正文里不能写 {# … #}（模板注释）。不要印出来的话请删掉；确实要写大括号，请改用全角的“｛｝”。"),
    ("{# 备注 #}", 13, "正文里不能写 {# … #}（模板注释）。不要印出来的话请删掉；确实要写大括号，请改用全角的“｛｝”。"),
    ("{{体检人数 + 1}}", 13, "大括号里只能写指标的键，或“键.同比”这类写法，不能写运算、函数或其他符号。"),
    ("{{ 体检人数|safe }}", 13, "大括号里只能写指标的键，或“键.同比”这类写法，不能写运算、函数或其他符号。"),
])
def test_template_syntax_is_a_located_error(written: str, column: int, message: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM.replace("全年体检{{体检人数}}。", f"全年体检{written}。"))
    result = gen("report", str(path), "-f", "md")
    assert result.code == 1
    first = result.err.replace(str(path), "F").splitlines()[0]
    assert first == f"F:12:{column}: 错误：{message}"
    assert not path.with_suffix(".md").exists()


@pytest.mark.parametrize(("written", "shown"), [
    ("{体检人数}", "“{体检人数}”只有一层大括号"),
    ("｛｛体检人数｝｝", "“｛｛体检人数｝｝”用了全角大括号"),
    ("｛体检人数｝", "“｛体检人数｝”用了全角大括号"),
])
def test_single_or_fullwidth_braces_get_a_warning(written: str, shown: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM.replace("全年体检{{体检人数}}。", f"全年体检{written}，{{{{体检人数}}}}。"))
    result = gen("report", str(path), "-f", "md")
    assert result.code == 0
    assert result.err.replace(str(path), "F") == (
        f"F:12:13: 警告：{shown}，会原样印在文档里。是不是想写 {{{{体检人数}}}}？\n"
        f"        内容: 全年体检{written}，{{{{体检人数}}}}。\n"
        "                      ^\n")
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "全年体检" in markdown and "15719人" in markdown


@pytest.mark.parametrize(("field", "value", "message"), [
    ("名称", "城乡居民{{体检人数}}", "指标的“名称”会原样印在文档里，不能写 {{体检人数}} 这样的引用。请直接写出文字。"),
    ("单位", "{{体检人数}}", "指标的“单位”会原样印在文档里，不能写 {{体检人数}} 这样的引用。请直接写出文字。"),
    ("名称", "城乡居民{% raw %}", "正文里只能写 {{键}} 这样的指标引用，不能写 {% … %} 之类的模板语句。"),
    ("表述", "共计{{体检人数}}", "“表述”里只能引用本指标的 {{名称}}、{{本期}}、{{上期}}、{{目标}}、{{增减}}、{{同比}}、"
                           "{{完成率}}、{{万元}}、{{亿元}}，不能写 {{体检人数}}。"),
    ("表述", "共计{{本期.同比}}", "“表述”里只能引用本指标的 {{名称}}、{{本期}}、{{上期}}、{{目标}}、{{增减}}、{{同比}}、"
                            "{{完成率}}、{{万元}}、{{亿元}}，不能写 {{本期.同比}}。"),
])
def test_indicator_fields_are_checked(field: str, value: str, message: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    form = VALID_FORM.replace("    单位: 人\n", "    单位: 人\n" if field == "单位" else f"    单位: 人\n    {field}: x\n")
    form = form.replace("    单位: 人\n", f'    单位: "{value}"\n') if field == "单位" else form.replace(
        f"    {field}: x\n", f'    {field}: "{value}"\n')
    if field == "名称":
        form = form.replace("    名称: 城乡居民健康体检人数\n", "")
    form = form.replace("年度: 2024\n", "年度: 2024\n指标表: true\n")
    path = form_file(form)
    result = gen("report", str(path), "-f", "md")
    assert result.code == 1, result.err
    first = result.err.replace(str(path), "F").splitlines()[0]
    assert first.split(": ", 1)[1] == f"错误：{message}"
    assert first.startswith("F:")


def test_sentence_references_still_work(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    form = VALID_FORM.replace("    单位: 人\n", "    单位: 人\n    表述: 共计体检{{本期}}，较去年{{ 上期 }}{{同比}}\n")
    path = form_file(form.replace("全年体检{{体检人数}}。", "体检{{体检人数.表述}}。"))
    result = gen("report", str(path), "-f", "md")
    assert result.code == 0, result.err
    assert "体检共计体检15719人，较去年7593人增长107.02%。" in path.with_suffix(".md").read_text(encoding="utf-8")


def test_scan_reports_references_and_only_the_first_error() -> None:
    marks = scan("甲{{a}}乙{{ b.同比 }}丙{%x%}{{")
    assert [(m.key, m.attr) for m in marks if m.key] == [("a", None), ("b", "同比")]
    errors = [m for m in marks if m.severity is Severity.ERROR and m.message]
    assert len(errors) == 1 and errors[0].start == 18


def test_plain_text_has_no_marks() -> None:
    assert scan("全年体检15719人（含{1}个单位）。") == []
