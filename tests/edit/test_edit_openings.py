"""字段页上各部分的开头（“开头: {部分: 文字}”）：经 /api/node 按行改写，注释和其余的行一字不动。"""

from __future__ import annotations

import re
from typing import Any

import pytest
from test_edit_server import ORIGIN, client

FORM = """\
# 办事员的注释
单位: 某某县卫生健康委员会  # 单位全称
年度: 2024
日期: 2025-01-10
导语: 现总结如下。

# 下面是各项工作
工作开展情况:
  - 标题: 第一项
    内容: 第一项的内容。

存在的问题:
  - 人手不足。

下一步工作计划:
  - 标题: 计划一
# 结尾的注释
"""
OPENED = FORM.replace("导语: 现总结如下。\n", "导语: 现总结如下。\n\n开头:\n  存在的问题: 主要有以下问题：\n")
BOTH = FORM.replace("导语: 现总结如下。\n", "导语: 现总结如下。\n\n开头:\n  存在的问题: 主要有以下问题：  # 可改\n"
                    "  工作开展情况: |-\n    全年开展了以下工作。\n\n    第二段。\n")


def opening(form_file, part: Any, value: Any, text: str, action: str = "set") -> Any:
    return client(form_file()).post("/api/node", json={"text": text, "path": ["开头"], "action": action, "key": part,
                                                       "value": value}, headers=ORIGIN)


def test_first_opening_creates_the_mapping_before_the_work_items(form_file) -> None:
    answer = opening(form_file, "存在的问题", "  主要有以下问题：\n", FORM)
    assert answer.status_code == 200
    assert answer.json() == {"text": OPENED}


@pytest.mark.parametrize(("text", "part", "value", "expected"), [
    # 改写一行的开头：行尾的注释留下
    (BOTH, "存在的问题", "问题如下。", BOTH.replace("主要有以下问题：  # 可改", "问题如下。  # 可改")),
    # 多段的开头写成 |-，整段换掉
    (BOTH, "工作开展情况", "一段。\n\n两段。", BOTH.replace("全年开展了以下工作。\n\n    第二段。", "一段。\n\n    两段。")),
    # 添加另一部分的开头：写进已有的“开头”
    (OPENED, "下一步工作计划", "2025年，我委将：", OPENED.replace(
        "主要有以下问题：\n", "主要有以下问题：\n  下一步工作计划: 2025年，我委将：\n")),
    # 按部分的先后：工作开展情况的开头写在存在的问题之前
    (OPENED, "工作开展情况", "全年开展了以下工作：", OPENED.replace(
        "开头:\n", "开头:\n  工作开展情况: 全年开展了以下工作：\n")),
    # 清空一段：只删去这一段，其余的开头和注释不动
    (BOTH, "工作开展情况", "  ", OPENED.replace("主要有以下问题：", "主要有以下问题：  # 可改")),
    (BOTH, "存在的问题", "", BOTH.replace("  存在的问题: 主要有以下问题：  # 可改\n", "")),
    # 清空最后一段：连同“开头:”一起删去，文件回到原样
    (OPENED, "存在的问题", "", FORM),
    # 没有开头时清空：什么也不改
    (FORM, "工作开展情况", "", FORM),
    # 写了“开头:”而没有值：换成新的一块
    (FORM.replace("导语: 现总结如下。\n", "导语: 现总结如下。\n开头:\n"), "存在的问题", "主要有以下问题：",
     FORM.replace("导语: 现总结如下。\n", "导语: 现总结如下。\n开头:\n  存在的问题: 主要有以下问题：\n")),
])
def test_openings_are_set_replaced_and_cleared_line_by_line(form_file, text: str, part: str, value: str,
                                                             expected: str) -> None:
    answer = opening(form_file, part, value, text)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"text": expected}


def test_outline_shows_each_parts_opening(form_file) -> None:
    answer = client(form_file()).post("/api/check", json={"text": BOTH}, headers=ORIGIN).json()
    assert answer["outline"]["tree"]["开头"] == {"工作开展情况": "全年开展了以下工作。\n\n第二段。",
                                               "存在的问题": "主要有以下问题：", "下一步工作计划": None}
    assert [8, "开头/存在的问题"] in answer["outline"]["anchors"]


@pytest.mark.parametrize(("text", "part", "action", "status", "message"), [
    (FORM, "结束语", "set", 400, "段开头里能编辑的是 工作开展情况、存在的问题、下一步工作计划。"),
    (OPENED, "存在的问题", "delete", 400, "开头只能改写文字：清空即删去。"),
    (OPENED, "存在的问题", "add", 400, "开头只能改写文字：清空即删去。"),
    (FORM.replace("导语: 现总结如下。\n", "导语: 现总结如下。\n开头: 全年开展了以下工作。\n"), "存在的问题", "set", 422,
     "这一段开头写在一行里或写法特殊。请在“源文件”里修改。"),
])
def test_bad_opening_requests_are_refused_in_chinese(form_file, text: str, part: str, action: str, status: int,
                                                     message: str) -> None:
    answer = opening(form_file, part, "文字", text, action)
    assert answer.status_code == status
    assert answer.json()["error"] == message


def test_random_openings_round_trip_and_leave_the_rest_alone() -> None:
    """任意文字写进任意一段开头：读回来就是写进去的文字（去掉首尾空白），其余的键和注释不变；清空即删去。"""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from ruamel.yaml import YAML

    from generator.edit.guard import Refused
    from generator.edit.tree import OPENINGS, edit_node

    def plain(text: str) -> dict[str, Any]:
        return dict(YAML(typ="safe").load(text))

    @settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.sampled_from([FORM, OPENED, BOTH]), st.sampled_from(OPENINGS),
           st.one_of(st.text(max_size=20), st.sampled_from(["", "  ", "两\n\n行", "a: b", "- x", "{{键}}", "# 井号", "'引号",
                                                         "甲\x1b乙", "甲\r\n乙\u2028丙"])))
    def one(text: str, part: str, value: str) -> None:
        try:
            result = edit_node(text, ["开头"], "set", part, value)
        except Refused as exc:  # 只有写进去就读不回来的控制字符才会被拒绝
            assert exc.message.startswith("文字里有看不见的控制字符"), exc.message
            assert re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]", value)
            return
        before, after = plain(text), plain(result)
        expected = dict(before.get("开头") or {})
        wanted = re.sub("\r\n|[\r\x85\u2028\u2029]", "\n", value.strip())  # YAML 当作换行的都写成换行
        if wanted:
            expected[part] = wanted
        else:
            expected.pop(part, None)
        assert after.pop("开头", {}) == expected, (text, part, value, result)
        before.pop("开头", None)
        assert after == before
        for comment in ("# 办事员的注释\n", "  # 单位全称\n", "# 下面是各项工作\n", "# 结尾的注释\n"):
            assert comment in result

    one()
