"""gen template new / list / check：新建的模板文件夹、查找位置、检查出的错误带文件和行号。"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.form.models import ReportKind
from generator.render.bureau import config_dir


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "配置"))
    monkeypatch.delenv("APPDATA", raising=False)


def test_new_writes_a_complete_folder_that_checks(tmp_path: Path, gen) -> None:  # type: ignore[no-untyped-def]
    result = gen("template", "new", "我局模板", "--from", "半年工作总结")
    assert result.code == 0, result.err
    folder = tmp_path / "模板" / "我局模板"
    assert sorted(p.name for p in folder.iterdir()) == ["半年工作总结.md.j2", "样式.yaml", "模板.yaml"]
    spec = (folder / "模板.yaml").read_text(encoding="utf-8")
    assert "名称: 我局模板\n" in spec and "适用类型: [半年工作总结]\n" in spec and "下半年工作计划" in spec
    result = gen("template", "check", "我局模板")
    assert result.code == 0 and "检查通过" in result.out
    assert gen("template", "new", "我局模板").code != 0  # 不覆盖


def test_new_rejects_an_unknown_kind(gen) -> None:  # type: ignore[no-untyped-def]
    result = gen("template", "new", "我局模板", "--from", "季报")
    assert result.code == 2 and "--from 要写内置的类型" in result.err


def test_list_shows_builtin_and_found_templates(tmp_path: Path, gen) -> None:  # type: ignore[no-untyped-def]
    assert gen("template", "new", "我局模板").code == 0
    user = config_dir() / "市局模板"
    assert user == tmp_path / "配置" / "gen" / "模板" / "市局模板"
    assert gen("template", "new", str(user)).code == 0
    result = gen("template", "list")
    rows = [line.split("\t") for line in result.out.splitlines()]
    assert [row[0] for row in rows] == [*(kind.value for kind in ReportKind), "我局模板", "市局模板"]
    assert [row[0] for row in rows][:7] == ["年度工作总结", "半年工作总结", "工作总结和工作计划", "专项工作总结",
                                         "季度工作总结", "工作计划", "述职报告"]
    assert rows[-2][2] == str(tmp_path / "模板" / "我局模板") and rows[-1][2] == str(user)
    assert str(tmp_path / "模板") in result.err


def test_check_locates_spec_errors(tmp_path: Path, gen) -> None:  # type: ignore[no-untyped-def]
    assert gen("template", "new", "我局模板").code == 0
    spec = tmp_path / "模板" / "我局模板" / "模板.yaml"
    text = spec.read_text(encoding="utf-8").replace("适用类型: [年度工作总结]", "适用类型: [季度总结]")
    spec.write_text(text, encoding="utf-8")
    line = text.splitlines().index("适用类型: [季度总结]") + 1
    result = gen("template", "check", "我局模板")
    assert result.code == 1
    assert f"模板.yaml:{line}:" in result.err and "季度总结" in result.err


def test_check_locates_template_syntax_errors(tmp_path: Path, gen) -> None:  # type: ignore[no-untyped-def]
    assert gen("template", "new", "我局模板").code == 0
    (tmp_path / "模板" / "我局模板" / "片段.md.j2").write_text("第一行\n{% if %}\n", encoding="utf-8")
    result = gen("template", "check", "我局模板")
    assert result.code == 1 and "片段.md.j2:2:" in result.err and "模板语法错误" in result.err


def test_check_renders_a_sample_and_reports_runtime_errors(tmp_path: Path, gen) -> None:  # type: ignore[no-untyped-def]
    assert gen("template", "new", "我局模板").code == 0
    kind = tmp_path / "模板" / "我局模板" / "年度工作总结.md.j2"
    kind.write_text(kind.read_text(encoding="utf-8") + "{{ form.没有的属性 }}\n", encoding="utf-8")
    line = kind.read_text(encoding="utf-8").count("\n")
    result = gen("template", "check", "我局模板")
    assert result.code == 1 and f"年度工作总结.md.j2:{line}:" in result.err and "不存在的对象或属性" in result.err


def test_check_of_a_missing_template(gen) -> None:  # type: ignore[no-untyped-def]
    result = gen("template", "check", "没有的模板")
    assert result.code == 1 and "找不到模板“没有的模板”" in result.err
