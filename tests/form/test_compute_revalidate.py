"""代入引用后只重建改动的那一路模型：结果与整张表单导出后重新校验完全相同，没改动的事项沿用原来的对象。"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, VALID_FORM

from generator import compute as compute_module
from generator.compute import compute
from generator.form.models import Form
from generator.form.reading import parse_form as parse_yaml
from generator.form.validate import validate_form
from generator.read.source import SourceText

# 引用出现在各种位置：最外层的文字、事项的标题/内容/要点、子项、其他章节、两种写法的问题、计划、结束语
EVERYWHERE = """\
单位: 贡觉县卫生健康委员会
年度: 2024
标题: 贡觉县卫生健康委员会2024年度工作总结
导语: 全年体检{{体检人数}}。
基本情况: 上年体检{{体检人数.上期}}。
指标:
  - 键: 体检人数
    名称: 城乡居民健康体检人数
    本期: 15719
    上期: 7593
    单位: 人
    表述: 体检{{本期}}，同比{{同比}}
指标文件:
  路径: 指标.xlsx
  工作表: 2024
检查:
  忽略: [GEN203]
工作开展情况:
  - 标题: 开展健康体检
    内容: 没有引用。
    要点:
      - 第一点。
      - 体检{{体检人数}}。
    子项:
      - 标题: 子项甲
        内容: 没有引用。
      - 标题: 子项乙
        内容: 体检人数{{体检人数.同比}}。
        子项:
          - 标题: 孙项
  - 标题: 没有引用的事项
    子项:
      - 标题: 子项丙
其他章节:
  - 标题: 获得荣誉
    事项:
      - 标题: 荣誉一
      - 标题: 荣誉二
        内容: 体检{{体检人数}}。
存在的问题:
  - 人才短缺。
  - 体检{{体检人数}}仍然不够。
  - 内容: 设备老化。
    解决思路: 争取资金{{体检人数}}元。
下一步工作计划:
  - 标题: 加强人才培养
    要点: [没有引用。]
结束语: 体检{{体检人数}}。
日期: 2025-01-07
"""


def _loaded(text: str) -> Any:
    return parse_yaml(SourceText(Path("f.yaml"), text, "utf-8"))


def _computed(text: str, whole: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[Form, Form]:
    loaded = _loaded(text)
    form, warnings = validate_form(loaded)
    with monkeypatch.context() as patch:
        if whole:  # 以前的做法：整张表单导出、代入后重新校验
            patch.setattr(compute_module, "_revalidated", lambda _form, plain, _changes: Form.model_validate(plain))
        return form, compute(loaded, form, warnings).form


def _no_sheet(text: str) -> str:
    return text.replace("指标文件:\n  路径: 指标.xlsx\n  工作表: 2024\n", "")


FORMS = [VALID_FORM, _no_sheet(EVERYWHERE)] + [p.read_text(encoding="utf-8") for p in EXAMPLES]


@pytest.mark.parametrize("text", FORMS, ids=["valid", "everywhere"] + [p.stem for p in EXAMPLES])
def test_same_form_as_revalidating_everything(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _, whole = _computed(text, True, monkeypatch)
    original, partial = _computed(text, False, monkeypatch)
    assert partial is not original or "{{" not in text  # 没有引用的表单（工作计划示例）不必重建
    assert partial == whole
    assert partial.model_dump() == whole.model_dump()
    assert [p._plain for p in partial.problems] == [p._plain for p in whole.problems]


def test_references_everywhere_are_substituted(monkeypatch: pytest.MonkeyPatch) -> None:
    _, form = _computed(_no_sheet(EVERYWHERE), False, monkeypatch)
    assert form.intro == "全年体检15719人。"
    assert form.overview == "上年体检7593人。"
    assert form.work[0].points == ["第一点。", "体检15719人。"]
    assert form.work[0].children[1].content == "体检人数增长107.02%。"
    assert form.other_sections[0].items[1].content == "体检15719人。"
    assert form.problems[1].content == "体检15719人仍然不够。" and form.problems[1]._plain
    assert form.problems[2].solution == "争取资金15719人元。" and not form.problems[2]._plain
    assert form.closing == "体检15719人。"
    assert form.checks.ignore == ["GEN203"]


def test_unchanged_parts_are_not_rebuilt(monkeypatch: pytest.MonkeyPatch) -> None:
    original, form = _computed(_no_sheet(EVERYWHERE), False, monkeypatch)
    work, new = original.work, form.work
    assert new[0] is not work[0] and new[0].children[1] is not work[0].children[1]
    assert new[0].children[0] is work[0].children[0]  # 没有引用的子项：原来的对象
    assert new[0].children[1].children[0] is work[0].children[1].children[0]
    assert new[1] is work[1]
    assert form.plans[0] is original.plans[0] and form.indicators[0] is original.indicators[0]
    assert form.problems[0] is original.problems[0] and form.problems[1] is not original.problems[1]
    assert form.other_sections[0].items[0] is original.other_sections[0].items[0]


def test_fields_with_before_validators_get_the_exported_value(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """“指标文件”的校验器按导出的 {路径, 工作表} 写成：把 IndicatorFile 实例交给它会报错。"""
    text = EVERYWHERE.replace("指标.xlsx", "指标.csv")
    (tmp_path / "指标.csv").write_text("键,名称,本期,上期,单位\n门诊量,门诊人次,100,90,人次\n", encoding="utf-8")
    loaded = parse_yaml(SourceText(tmp_path / "f.yaml", text, "utf-8"))
    form, warnings = validate_form(loaded)
    result = compute(loaded, form, warnings).form
    assert result.indicator_file == form.indicator_file and result.indicator_file is not None
    assert [ind.key for ind in result.indicators] == ["体检人数", "门诊量"]
