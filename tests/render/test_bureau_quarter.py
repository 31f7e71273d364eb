"""单位模板与季度工作总结（issue 23）：适用类型可以写季度工作总结，部分名称里的 {季度}、{下一季度} 换成
表单的季度；gen template new --from 季度工作总结 写出的模板.yaml 检查通过，生成的标题与内置模板相同。"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

from generator.api import build_report
from generator.form.models import ReportKind

SPEC = """\
名称: 季度模板
适用类型: [季度工作总结]
部分名称:
  工作开展情况: "{季度}主要工作"
  下一步工作计划: "{下一季度}工作打算"
计划导语: "{下一季度}，我委将重点抓好以下几项工作。"
"""


@pytest.mark.parametrize("kind", [kind.value for kind in ReportKind])
def test_template_new_from_every_kind_passes_check(gen, tmp_path: Path, monkeypatch, kind: str) -> None:  # type: ignore[no-untyped-def]
    """名称以 {年度}、{季度} 开头的类型（工作总结和工作计划、季度工作总结）写出的模板.yaml 也能读。"""
    monkeypatch.chdir(tmp_path)
    assert gen("template", "new", "新模板", "--from", kind).code == 0
    result = gen("template", "check", "新模板")
    assert result.code == 0, result.err


def quarter_form(folder: Path, template: str) -> Path:
    text = (REPO / "examples" / "贡觉县-2024第四季度.yaml").read_text(encoding="utf-8")
    form = folder / "季度.yaml"
    form.write_text(text + f"\n模板: {template}\n", encoding="utf-8")
    return form


def test_quarter_placeholders_in_section_names(tmp_path: Path) -> None:
    (tmp_path / "模板" / "季度模板").mkdir(parents=True)
    (tmp_path / "模板" / "季度模板" / "模板.yaml").write_text(SPEC, encoding="utf-8")
    report = build_report(quarter_form(tmp_path, "季度模板"))
    markdown = report.markdown()
    assert re.findall(r"^## (.+)$", markdown, re.M) == ["一、第四季度主要工作", "二、存在的问题", "三、2025年第一季度工作打算"]
    assert "\n2025年第一季度，我委将重点抓好以下几项工作。\n" in markdown


def test_template_new_from_the_quarter_kind(gen, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert gen("template", "new", "我局季度", "--from", "季度工作总结").code == 0
    spec = (tmp_path / "模板" / "我局季度" / "模板.yaml").read_text(encoding="utf-8")
    assert "适用类型: [季度工作总结]" in spec and '工作开展情况: "{季度}工作开展情况"' in spec
    assert '下一步工作计划: "{下一季度}工作计划"' in spec
    assert gen("template", "check", "我局季度").code == 0
    own = build_report(quarter_form(tmp_path, "我局季度")).markdown()
    builtin = build_report(REPO / "examples" / "贡觉县-2024第四季度.yaml").markdown()
    assert re.findall(r"^#+ .+$", own, re.M) == re.findall(r"^#+ .+$", builtin, re.M)
