"""“……”占着数字的位置也是没填的占位符（issue 20）；句末的省略号不是。"""

from __future__ import annotations

import json

import pytest
from conftest import VALID_FORM


def test_ellipsis_in_place_of_figures(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = VALID_FORM.replace("内容: 全年体检{{体检人数}}。", "内容: 全年体检……人，增长……%，工作有序推进……")
    found = [(f["line"], f["column"], f["message"]) for f in json.loads(
        gen("check", "--format", "json", str(form_file(text))).out) if f["code"] == "GEN101"]
    assert found == [(12, 13, "“……”像是没填的数字或内容，请填上实际内容。"),
                     (12, 19, "“……”像是没填的数字或内容，请填上实际内容。")]


@pytest.mark.parametrize("text", ["工作有序推进……", "开展了宣传、义诊等等……。"])
def test_ordinary_ellipsis_is_not_a_placeholder(gen, form_file, text: str) -> None:  # type: ignore[no-untyped-def]
    form = VALID_FORM.replace("内容: 全年体检{{体检人数}}。", f"内容: {text}")
    assert [f for f in json.loads(gen("check", "--format", "json", str(form_file(form))).out)
            if f["code"] == "GEN101"] == []
