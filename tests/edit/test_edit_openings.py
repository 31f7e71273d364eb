"""字段页上各部分的开头（“开头: {部分: 文字}”）：经 /api/node 按行改写，注释和其余的行一字不动。"""

from __future__ import annotations

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
