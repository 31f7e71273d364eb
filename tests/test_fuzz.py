"""模糊测试（固定预算，CI 里约半分钟）：随机的表单结构、文字（Unicode 边角、像模板的文字、
边缘的数字）和报告文字。约定：要么成功且文档里没有模板语法，要么是带行号的中文错误；
不许有其他异常。更长时间的版本见 scripts/fuzz.py。"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from conftest import minimal_form
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.api import build_report_from_data
from generator.checks import check_paragraphs
from generator.errors import FormError, GenError
from generator.form.reading import load_form_file
from generator.form.unfilled import unfilled
from generator.importer import import_document
from generator.importer.readers import SourceDocument

FUZZ = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

LEAK = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")

TEMPLATE_BITS = ["{{", "}}", "{%", "%}", "{#", "#}", "{% raw %}", "{{甲}}", "{{ 甲.同比 }}", "{{乙}}", "{甲}",
                 "｛｛甲｝｝", "{{甲|safe}}", "{{ 1 + 1 }}", "{{甲.环比}}", "{{本期}}"]
STRUCTURE_BITS = ["九十九是", "一百是", "（一百）", "一、", "1.", "（1）", "- x", ": x", "# x", "&a", "*a", "|", ">",
                  "'", '"', "\\", "\u3000", "　　", "\u200b", "\ufeff", "𠀀", "\U0001f600", "e\u0301", "\u202e", "\t"]

text = st.one_of(
    st.text(st.characters(), max_size=40),  # 全部 Unicode：代理码、控制字符、非字符都在内
    st.lists(st.sampled_from(TEMPLATE_BITS + STRUCTURE_BITS) | st.text("甲乙丙，。1", max_size=4),
             min_size=1, max_size=6).map("".join),
)
number = st.one_of(
    st.integers(-10**16, 10**16),
    st.decimals(allow_nan=True, allow_infinity=True, places=None).map(str),
    st.sampled_from(["1e-999999", "1e999999", "-0", "0", "NaN", "0.00000000001", "999999999999999", "1e15",
                     "1,234", "12.5%", "xx", "", "１２３", "1_000", "0x1F", "½"]),
)


def items(depth: int = 0) -> st.SearchStrategy[list[Any]]:
    item = st.fixed_dictionaries(
        {"标题": text},
        optional={"内容": text, "要点": st.lists(text, max_size=4),
                  **({"子项": st.deferred(lambda: items(depth + 1))} if depth < 2 else {})})
    return st.lists(st.one_of(item, text), min_size=0, max_size=4)


indicator = st.fixed_dictionaries(
    {"键": st.sampled_from(["甲", "乙", "体检人数", "true", "1a", "a.b", ""]) | text, "名称": text, "本期": number},
    optional={"上期": number, "目标": number, "单位": st.sampled_from(["人", "%", "‰", "万元", "元", ""]) | text,
              "表述": text, "小数位": st.integers(-1, 8), "允许负数": st.booleans(), "允许超过100": st.booleans()})

form = st.fixed_dictionaries(
    {"单位": text, "年度": st.one_of(st.integers(1990, 2100), text), "导语": text,
     "工作开展情况": items(), "存在的问题": items(), "下一步工作计划": items(),
     "日期": st.one_of(st.sampled_from(["2025-01-07", "2024-06-30", "2025-02-30"]), text)},
    optional={"指标": st.lists(indicator, max_size=3), "指标表": st.booleans(), "标题": text, "署名": text,
              "结束语": text})

GOOD = minimal_form(单位="测试县卫生健康委员会",
                    指标=[{"键": "甲", "名称": "甲指标", "本期": 5, "上期": 4, "目标": 10, "单位": "人"}],
                    工作开展情况=[{"标题": "加强防控", "内容": "全年完成{{甲}}。"}])


def _assert_clean_outcome(data: dict[str, Any]) -> None:
    try:
        report = build_report_from_data(data)
        markdown = report.markdown()
        word = report.docx()
    except FormError as exc:
        for diagnostic in exc.diagnostics:
            assert diagnostic.line is not None, diagnostic.format()
            assert re.search(r"[\u4e00-\u9fff]", diagnostic.message), diagnostic.message  # 中文说明
        return
    except GenError as exc:
        assert exc.diagnostics, exc
        return
    assert not LEAK.search(markdown), markdown
    document = zipfile.ZipFile(io.BytesIO(word)).read("word/document.xml").decode("utf-8")
    assert not LEAK.search(document)


@FUZZ
@given(form)
def test_random_forms_render_or_fail_cleanly(data: dict[str, Any]) -> None:
    _assert_clean_outcome(data)


@FUZZ
@given(st.sampled_from(["单位", "导语", "标题", "署名", "结束语"]), text)
def test_one_bad_field_in_a_good_form(field: str, value: str) -> None:
    _assert_clean_outcome({**GOOD, field: value})


@FUZZ
@given(st.sampled_from(["名称", "单位", "表述", "本期", "上期", "目标"]), st.one_of(text, number))
def test_one_bad_indicator_field(field: str, value: Any) -> None:
    indicator = {**GOOD["指标"][0], field: value}
    _assert_clean_outcome({**GOOD, "指标表": True, "指标": [indicator]})


report_paragraph = st.one_of(
    text,
    st.tuples(st.sampled_from(["", "（一百）", "（九十九）", "一百零一、", "二、", "九十九是", "（一）", "1.", "（1）"]),
              text).map("".join),
)


@settings(FUZZ, max_examples=300)
@given(st.lists(report_paragraph, max_size=30), st.one_of(st.none(), st.integers(1990, 2100)))
def test_report_texts_never_crash_check(paragraphs: list[str], year: int | None) -> None:
    for diagnostic in check_paragraphs(paragraphs, file=Path("r.txt"), year=year):
        # 没有原文行的报告（Word）按“第N段”定位
        assert (diagnostic.line is not None or diagnostic.paragraph is not None) and diagnostic.message


@FUZZ
@given(st.lists(report_paragraph, min_size=1, max_size=25),
       st.lists(st.lists(st.lists(text, min_size=1, max_size=3), min_size=1, max_size=3), max_size=2))
def test_import_writes_forms_gen_loads(tmp_path_factory, paragraphs: list[str], tables: list[Any]) -> None:  # type: ignore[no-untyped-def]
    title = ["测试县卫生局2024年工作总结"]
    source = SourceDocument(path=Path("报告.docx"), paragraphs=title + [p.strip() for p in paragraphs], tables=tables)
    try:
        result = import_document(source)
    except GenError:
        return  # 例如没有可以导入的文字
    path = tmp_path_factory.mktemp("import") / "表单.yaml"
    path.write_text(result.yaml(), encoding="utf-8")
    loaded = load_form_file(path)  # 导入写出的表单一定读得进
    left = unfilled(loaded)
    assert all("还没有填写" in d.message and d.line for d in left)


def test_very_long_title_and_unit_still_make_a_document() -> None:
    # 模糊测试发现：标题超过 255 字时 python-docx 写文档属性会抛出 ValueError
    report = build_report_from_data({**GOOD, "单位": "测试县" * 100 + "卫生健康委员会", "标题": "很长的标题" * 60})
    core = zipfile.ZipFile(io.BytesIO(report.docx())).read("docProps/core.xml").decode("utf-8")
    title = re.search(r"<dc:title>(.*)</dc:title>", core)
    assert title is not None and len(title.group(1)) == 255
