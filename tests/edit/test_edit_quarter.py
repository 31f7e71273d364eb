"""gen edit 与季度工作总结（issue 23）：“季度”字段写成数字、放在“类型”之后；“第一季度”这样的写法在页面上显示为
选择框的值；事项树的一级标题随季度变。浏览器里的显示和隐藏见 tests/edit/test_edit_browser_quarter.py。"""

from __future__ import annotations

from pathlib import Path

from conftest import VALID_FORM
from test_edit_server import ORIGIN, client

ANNUAL = VALID_FORM.replace("年度: 2024\n", "年度: 2024\n类型: 年度工作总结\n")
QUARTER = VALID_FORM.replace("年度: 2024\n", "年度: 2024\n类型: 季度工作总结\n季度: 第四季度\n")


def test_quarter_field_is_written_as_a_number_after_the_kind(form_file) -> None:  # type: ignore[no-untyped-def]
    test = client(form_file())
    kind = test.post("/api/field", json={"text": ANNUAL, "key": "类型", "value": "季度工作总结"}, headers=ORIGIN)
    text = kind.json()["text"]
    quarter = test.post("/api/field", json={"text": text, "key": "季度", "value": "2"}, headers=ORIGIN)
    assert quarter.json() == {"text": VALID_FORM.replace("年度: 2024\n", "年度: 2024\n类型: 季度工作总结\n季度: 2\n")}
    cleared = test.post("/api/field", json={"text": quarter.json()["text"], "key": "季度", "value": ""},
                        headers=ORIGIN)
    assert cleared.json() == {"text": VALID_FORM.replace("年度: 2024\n", "年度: 2024\n类型: 季度工作总结\n")}


def test_outline_shows_the_quarter_and_its_headings(form_file: Path) -> None:  # type: ignore[no-untyped-def]
    test = client(form_file())
    response = test.post("/api/check", json={"text": QUARTER.replace("2025-01-07", "2025-01-10")},
                         headers=ORIGIN).json()
    outline = response["outline"]
    assert outline["values"]["季度"] == "4" and outline["values"]["类型"] == "季度工作总结"
    assert outline["tree"]["headings"] == {"工作开展情况": "第四季度工作开展情况",
                                           "下一步工作计划": "2025年第一季度工作计划"}
    assert "2024年第四季度工作总结" in response["preview"]


def test_missing_quarter_is_reported_on_the_page(form_file: Path) -> None:  # type: ignore[no-untyped-def]
    text = ANNUAL.replace("类型: 年度工作总结", "类型: 季度工作总结")
    response = client(form_file()).post("/api/check", json={"text": text}, headers=ORIGIN).json()
    assert response["diagnostics"] == [{
        "line": 3, "column": 5, "severity": "错误", "code": None, "hint": None,
        "message": "表单里缺少“季度”：类型是季度工作总结时要写是哪个季度，如 季度: 1（即第一季度）。"}]
