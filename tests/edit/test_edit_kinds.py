"""gen edit 随“类型”（issue 23）：新建表单选类型，页面的字段、必填项、各部分的标题和序号与模板相同。"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO
from test_edit_server import ORIGIN, client

from generator.edit.analyze import outline
from generator.form.reading import load_form_file


def _tree(path: Path) -> dict[str, object]:
    return outline(load_form_file(path).data)["tree"]  # type: ignore[no-any-return]


def test_debrief_outline() -> None:
    tree = _tree(REPO / "examples" / "张明-2024-述职报告.yaml")
    assert tree["kind"] == "述职报告"
    assert tree["parts"] == {"required": ["述职人", "学习", "工作开展情况", "廉洁", "存在的问题", "下一步工作计划"],
                             "hidden": ["基本情况", "总体要求", "保障措施", "主题", "季度"]}
    assert tree["numbers"] == {"学习": "一、", "工作开展情况": "二、", "廉洁": "三、", "存在的问题": "四、",
                               "下一步工作计划": "五、"}
    assert tree["headings"]["存在的问题"] == "存在的不足"  # type: ignore[index]


def test_plan_outline() -> None:
    tree = _tree(REPO / "examples" / "中阳县-2025-工作计划.yaml")
    assert tree["kind"] == "工作计划"
    assert tree["numbers"] == {"总体要求": "一、", "下一步工作计划": "二、", "保障措施": "三、"}
    assert tree["headings"] == {"总体要求": "总体要求", "下一步工作计划": "主要任务", "保障措施": "保障措施"}
    assert [item["标题"] for item in tree["保障措施"]] == ["加强组织领导", "强化督导考核", "落实经费保障"]  # type: ignore[attr-defined]


def test_summary_outline_unchanged(tmp_path: Path) -> None:
    tree = _tree(REPO / "examples" / "贡觉县-2024.yaml")
    assert tree["kind"] == "年度工作总结" and tree["保障措施"] == []
    assert tree["headings"] == {"工作开展情况": "工作开展情况", "下一步工作计划": "下一步工作计划"}
    assert set(tree["parts"]["hidden"]) == {"总体要求", "保障措施", "述职人", "职务", "学习", "廉洁", "主题", "季度"}  # type: ignore[index]


def test_new_form_of_a_kind(tmp_path: Path) -> None:
    test = client(tmp_path)
    created = test.post("/api/new", json={"name": "述职", "kind": "述职报告"}, headers=ORIGIN)
    assert created.json() == {"name": "述职.yaml"}
    text = (tmp_path / "述职.yaml").read_text(encoding="utf-8")
    assert "类型: 述职报告\n" in text and "述职人: 请补写姓名" in text
    quarter = test.post("/api/new", json={"name": "一季度", "kind": "季度工作总结"}, headers=ORIGIN)
    assert quarter.json() == {"name": "一季度.yaml"}
    assert "\n类型: 季度工作总结\n" in (tmp_path / "一季度.yaml").read_text(encoding="utf-8")
    assert "\n季度: " in (tmp_path / "一季度.yaml").read_text(encoding="utf-8")
    bad = test.post("/api/new", json={"name": "乙", "kind": ["工作计划"]}, headers=ORIGIN)
    assert bad.status_code == 400 and "类型要写：年度工作总结、" in bad.json()["error"]
    assert not (tmp_path / "乙.yaml").exists()


def test_adding_a_safeguard_in_the_page(tmp_path: Path) -> None:
    form = tmp_path / "计划.yaml"
    shutil.copyfile(REPO / "examples" / "中阳县-2025-工作计划.yaml", form)
    test = client(form)
    text = form.read_text(encoding="utf-8")
    response = test.post("/api/node", json={"text": text, "action": "add", "path": ["保障措施"]}, headers=ORIGIN)
    assert response.status_code == 200, response.text
    new = response.json()["text"]
    assert new.count("  - 标题: ") == text.count("  - 标题: ") + 1
    assert new.index("请补写（新添）") > new.index("保障措施:")
