"""字段编辑页的“公文”一组在服务器上的改写（issue 25）：注释和别的键不动，清空即删去，全部清空时删去“公文:”。"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID_FORM
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.edit.analyze import outline
from generator.edit.fields import set_field
from generator.edit.frame_fields import FRAME_FIELDS
from generator.edit.guard import Refused
from generator.form.reading import parse_form
from generator.read.loader import decode_source

FORM = "# 注释要留着\n" + VALID_FORM


def test_fill_in_order_and_clear_back_to_the_original() -> None:
    text = FORM
    for key, value in (("主送机关", "昌都市卫生健康委员会"), ("份号", "000001"), ("签发人", "张三、李四"),
                       ("印发日期", "2025-01-08"), ("盖章", "true"), ("发文字号", "贡卫健发〔2025〕3号")):
        text = set_field(text, f"公文/{key}", value)
    assert text.startswith(FORM)
    assert text[len(FORM):] == ("公文:\n  份号: '000001'\n  发文字号: 贡卫健发〔2025〕3号\n  签发人: [张三, 李四]\n"
                                "  主送机关: 昌都市卫生健康委员会\n  印发日期: 2025-01-08\n  盖章: true\n")
    data = parse_form(decode_source(text.encode("utf-8"), Path("表单.yaml"))).data
    shown = outline(data)
    assert shown["values"]["公文/签发人"] == "张三、李四" and shown["values"]["公文/盖章"] == "true"
    assert ("公文/发文字号" in {ident for _, ident in shown["anchors"]})
    for key in ("盖章", "印发日期", "签发人", "份号", "发文字号", "主送机关"):
        text = set_field(text, f"公文/{key}", "false" if key == "盖章" else "")
    assert text == FORM


@pytest.mark.parametrize("key,value,message", [("公文/发文人", "张三", "没有“发文人”"), ("公文/盖章", "是", "true 或 false"),
                                               ("公文/签发人", ["张三"], "应为文字")])
def test_refused(key: str, value: object, message: str) -> None:
    with pytest.raises(Refused) as caught:
        set_field(FORM, key, value)
    assert message in caught.value.message


# 页面的文字框里打得出来的字（控制字符、行分隔符在表单里本来就不允许，读表单时会指出来）
_TYPED = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30)


@given(st.sampled_from(FRAME_FIELDS), _TYPED)
@settings(max_examples=200, deadline=None)
def test_any_value_keeps_the_form_readable(key: str, value: str) -> None:
    try:
        text = set_field(FORM, f"公文/{key}", value)
    except Refused:
        assert key == "盖章"
        return
    assert text.startswith("# 注释要留着\n单位: 贡觉县卫生健康委员会\n")
    parse_form(decode_source(text.encode("utf-8"), Path("表单.yaml")))


def test_template_frame_values_become_field_hints(tmp_path: Path) -> None:
    """单位模板“公文:”里的值：字段页“公文”各项框里的灰字提示（表单没写时用它们）。"""
    from generator.edit.analyze import analyze

    spec = tmp_path / "模板" / "我局" / "模板.yaml"
    spec.parent.mkdir(parents=True)
    spec.write_text("名称: 我局\n适用类型: [年度工作总结]\n公文:\n  发文机关标志: 贡觉县卫生健康委员会文件\n"
                    "  机关代字: 贡卫健发\n  印发机关: 贡觉县卫生健康委员会办公室\n", encoding="utf-8")
    text = VALID_FORM + "模板: 我局\n公文:\n  发文字号: 〔2025〕3号\n"
    result = analyze(text, tmp_path / "表单.yaml")
    assert [d.code for d in result.diagnostics if d.severity.value == "错误"] == ["GEN810"]  # 印发机关来自模板，缺印发日期
    assert result.outline["frame_defaults"] == {
        "公文/发文机关标志": "不写时用模板的：贡觉县卫生健康委员会文件",
        "公文/印发机关": "不写时用模板的：贡觉县卫生健康委员会办公室",
        "公文/发文字号": "可以只写〔年份〕序号号，前面补上模板的机关代字：贡卫健发"}
