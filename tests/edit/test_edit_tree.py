"""gen edit 的结构化编辑（/api/node）：事项、要点、子项、其他章节、存在的问题的添加、删除、移动、改写。

每个操作只改它自己的几行：别处的注释、折叠写法、行尾注释原样留下；路径不对时给 4xx 和中文说明，不碰任何文件。
"""

from __future__ import annotations

import copy
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import VALID_FORM
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_edit_server import ORIGIN, client, snapshot

TREE = """\
# 开头的注释
单位: 某某县卫生健康委员会
年度: 2024
日期: 2025-01-10
导语: 现总结如下。
工作开展情况:
  # 事项前的注释
  - 标题: 第一项  # 行尾注释
    内容: 第一项的内容。
    要点:
      - 要点甲
      - 要点乙
    子项:
      - 标题: 子项一
        内容: 子项一的内容。
      - 标题: 子项二
  - 标题: 第二项
    内容: >-
      折叠的
      内容。
# 顶格的注释：问题
存在的问题:
  - 人手不足。
  - 内容: 经费紧张。
    解决思路: 争取专项资金。
下一步工作计划:
  - 标题: 计划一
# 结尾的注释
"""
NEW_ITEM = "- 标题: 请补写（新添）\n{pad}  内容: 请补写（新添）\n"
ITEM0 = ("  - 标题: 第一项  # 行尾注释\n    内容: 第一项的内容。\n    要点:\n      - 要点甲\n      - 要点乙\n"
         "    子项:\n      - 标题: 子项一\n        内容: 子项一的内容。\n      - 标题: 子项二\n")
ITEM1 = "  - 标题: 第二项\n    内容: >-\n      折叠的\n      内容。\n"


def edit(form_file, path: Any, action: Any, key: Any = None, value: Any = None, text: str = TREE) -> Any:
    return client(form_file()).post("/api/node", json={"text": text, "path": path, "action": action, "key": key,
                                                       "value": value}, headers=ORIGIN)


def sub(old: str, new: str, text: str = TREE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize(("path", "action", "key", "value", "expected"), [
    # 添加：一项工作、一个子项（已有子项 / 还没有子项）、第二层子项、一条要点、一个问题、一个章节
    (["工作开展情况"], "add", None, None, sub("      内容。\n", "      内容。\n  " + NEW_ITEM.format(pad="  "))),
    (["工作开展情况", 0, "子项"], "add", None, None,
     sub("      - 标题: 子项二\n", "      - 标题: 子项二\n      " + NEW_ITEM.format(pad="      "))),
    (["工作开展情况", 1, "子项"], "add", None, None,
     sub("      内容。\n", "      内容。\n    子项:\n      " + NEW_ITEM.format(pad="      "))),
    (["工作开展情况", 0, "子项", 0, "子项"], "add", None, None,
     sub("        内容: 子项一的内容。\n",
         "        内容: 子项一的内容。\n        子项:\n          " + NEW_ITEM.format(pad="          "))),
    (["工作开展情况", 0, "要点"], "add", None, None, sub("      - 要点乙\n", "      - 要点乙\n      - 请补写（新添）\n")),
    (["工作开展情况", 1, "要点"], "add", None, None,
     sub("      内容。\n", "      内容。\n    要点:\n      - 请补写（新添）\n")),
    (["存在的问题"], "add", None, None, sub("    解决思路: 争取专项资金。\n", "    解决思路: 争取专项资金。\n  - 内容: 请补写（新添）\n")),
    (["其他章节"], "add", None, None, sub("      内容。\n", "      内容。\n其他章节:\n  " + NEW_ITEM.format(pad="  "))),
    # 删除：事项前、顶格的注释留在原处
    (["工作开展情况", 0], "delete", None, None, sub(ITEM0, "")),
    (["工作开展情况", 0, "子项", 0], "delete", None, None, sub("      - 标题: 子项一\n        内容: 子项一的内容。\n", "")),
    (["工作开展情况", 0, "要点", 1], "delete", None, None, sub("      - 要点乙\n", "")),
    (["存在的问题", 0], "delete", None, None, sub("  - 人手不足。\n", "")),
    # 移动：行尾注释跟着它的事项走，折叠写法不变
    (["工作开展情况", 1], "up", None, None, sub(ITEM0 + ITEM1, ITEM1 + ITEM0)),
    (["工作开展情况", 0], "down", None, None, sub(ITEM0 + ITEM1, ITEM1 + ITEM0)),
    (["工作开展情况", 0, "要点", 0], "down", None, None, sub("      - 要点甲\n      - 要点乙\n", "      - 要点乙\n      - 要点甲\n")),
    (["工作开展情况", 0, "子项", 1], "up", None, None,
     sub("      - 标题: 子项一\n        内容: 子项一的内容。\n      - 标题: 子项二\n",
         "      - 标题: 子项二\n      - 标题: 子项一\n        内容: 子项一的内容。\n")),
    (["存在的问题", 1], "up", None, None,
     sub("  - 人手不足。\n  - 内容: 经费紧张。\n    解决思路: 争取专项资金。\n",
         "  - 内容: 经费紧张。\n    解决思路: 争取专项资金。\n  - 人手不足。\n")),
    # 改写：只换值，行尾注释留下；多行文字写成 |-；清空可选的键即删去那一行；没有的键按先后插入
    (["工作开展情况", 0], "set", "标题", "第一项工作", sub("标题: 第一项  # 行尾注释", "标题: 第一项工作  # 行尾注释")),
    (["工作开展情况", 1], "set", "内容", "改写的内容。", sub("    内容: >-\n      折叠的\n      内容。\n", "    内容: 改写的内容。\n")),
    (["工作开展情况", 0], "set", "内容", "第一段。\n\n第二段：写法", sub("    内容: 第一项的内容。\n",
                                                               "    内容: |-\n      第一段。\n\n      第二段：写法\n")),
    (["工作开展情况", 0], "set", "内容", "  ", sub("    内容: 第一项的内容。\n", "")),
    (["工作开展情况", 0, "子项", 1], "set", "内容", "补上的内容。",
     sub("      - 标题: 子项二\n", "      - 标题: 子项二\n        内容: 补上的内容。\n")),
    (["工作开展情况", 0, "要点", 0], "set", None, "要点: 改写", sub("      - 要点甲\n", "      - '要点: 改写'\n")),
    (["下一步工作计划", 0], "set", "内容", "做好计划。", sub("  - 标题: 计划一\n", "  - 标题: 计划一\n    内容: 做好计划。\n")),
    # 存在的问题：一句话的问题改写文字；加上解决思路时改成“内容 / 解决思路”；清空解决思路即删去
    (["存在的问题", 0], "set", "内容", "人员不足。", sub("  - 人手不足。\n", "  - 人员不足。\n")),
    (["存在的问题", 0], "set", "解决思路", "招聘人员。", sub("  - 人手不足。\n", "  - 内容: 人手不足。\n    解决思路: 招聘人员。\n")),
    (["存在的问题", 1], "set", "解决思路", "", sub("    解决思路: 争取专项资金。\n", "")),
    (["存在的问题", 1], "set", "内容", "经费不足。", sub("  - 内容: 经费紧张。\n", "  - 内容: 经费不足。\n")),
])
def test_each_operation_changes_only_its_own_lines(form_file, path: list[Any], action: str, key: str | None,
                                                   value: str | None, expected: str) -> None:
    response = edit(form_file, path, action, key, value)
    assert response.status_code == 200, response.json()
    assert response.json() == {"text": expected}
    for comment in ("# 开头的注释\n", "  # 事项前的注释\n", "# 顶格的注释：问题\n", "# 结尾的注释\n"):
        assert comment in response.json()["text"]


def test_other_sections_are_edited_like_items(form_file) -> None:
    text = VALID_FORM.replace("存在的问题:", "其他章节:\n  - 标题: 获得荣誉  # 注释\n    内容: 获评先进单位。\n存在的问题:")
    title = edit(form_file, ["其他章节", 0], "set", "标题", "荣誉", text=text)
    assert title.json() == {"text": text.replace("标题: 获得荣誉  # 注释", "标题: 荣誉  # 注释")}
    item = edit(form_file, ["其他章节", 0, "事项"], "add", text=text)
    assert item.json() == {"text": text.replace("    内容: 获评先进单位。\n",
                                                "    内容: 获评先进单位。\n    事项:\n      " + NEW_ITEM.format(pad="      "))}
    gone = edit(form_file, ["其他章节", 0], "delete", text=text)  # 最后一个章节：连同“其他章节:”一起删去
    assert gone.json() == {"text": VALID_FORM}


def test_deleting_the_last_point_removes_the_list_key(form_file) -> None:
    text = sub("      - 要点乙\n", "")
    response = edit(form_file, ["工作开展情况", 0, "要点", 0], "delete", text=text)
    assert response.json() == {"text": sub("    要点:\n      - 要点甲\n", "", text)}


def test_list_written_after_a_blank_line_keeps_the_blank_line(form_file) -> None:
    text = VALID_FORM.replace("存在的问题:", "\n存在的问题:")
    response = edit(form_file, ["其他章节"], "add", text=text)
    work_end = text.index("\n\n存在的问题:") + 1
    assert response.json() == {"text": text[:work_end] + "\n其他章节:\n  " + NEW_ITEM.format(pad="  ") + text[work_end:]}


FLOW = "工作开展情况: [{标题: 甲}, {标题: 乙}]\n"


@pytest.mark.parametrize(("body", "status", "message"), [
    ({"path": "工作开展情况", "action": "add"}, 400, "请求里缺少“path”（要编辑的位置）。"),
    ({"path": ["指标", 0], "action": "delete"}, 400,
     "不能在这里编辑这一部分。可以编辑的有 工作开展情况、下一步工作计划、保障措施、其他章节、存在的问题。"),
    ({"path": ["工作开展情况", "0"], "action": "delete"}, 400, "路径不对：列表后面应是序号（0、1、2……）。"),
    ({"path": ["工作开展情况", True], "action": "delete"}, 400, "路径不对：列表后面应是序号（0、1、2……）。"),
    ({"path": ["工作开展情况", -1], "action": "delete"}, 400, "路径不对：列表后面应是序号（0、1、2……）。"),
    ({"path": ["工作开展情况", 0, "键"], "action": "add"}, 400, "路径不对：事项下面没有可以编辑的“键”列表。"),
    ({"path": ["存在的问题", 0, "要点"], "action": "add"}, 400, "路径不对：问题下面没有可以编辑的“要点”列表。"),
    ({"path": ["工作开展情况", 0, "子项", 0, "子项", 0, "子项"], "action": "add"}, 400, "子项最多 2 层（编号 1. 和（1））。"),
    ({"path": ["工作开展情况", 9], "action": "delete"}, 400,
     "页面上的内容已经过时（事项的序号不对）。请稍候片刻，等页面刷新后再操作。"),
    ({"path": ["工作开展情况", 1, "子项", 0], "action": "delete"}, 400,
     "页面上的内容已经过时（“子项”的序号不对）。请稍候片刻，等页面刷新后再操作。"),
    ({"path": ["工作开展情况", 0], "action": "add"}, 400, "路径不对：添加要指向一个列表，其余操作要指向列表里的一项。"),
    ({"path": ["工作开展情况"], "action": "delete"}, 400, "路径不对：添加要指向一个列表，其余操作要指向列表里的一项。"),
    ({"path": ["工作开展情况", 0], "action": "drop"}, 400, "不认识的操作。可用的操作有 add、delete、up、down、set。"),
    ({"path": ["工作开展情况", 0], "action": "up"}, 400, "已经是第一项或最后一项，不能再移动。"),
    ({"path": ["下一步工作计划", 0], "action": "delete"}, 400,
     "“下一步工作计划”至少要有一项。要换掉这一项，请先添加新的一项，再删除它。"),
    ({"path": ["工作开展情况", 0], "action": "set", "key": "子项", "value": "x"}, 400, "事项里能编辑的是 标题、内容。"),
    ({"path": ["工作开展情况", 0], "action": "set", "key": "标题", "value": " "}, 400,
     "“标题”不能为空。不要这一事项时请点“删除”。"),
    ({"path": ["工作开展情况", 0], "action": "set", "key": "标题", "value": "两\n行"}, 400,
     "标题只写一行。要写的内容请放在“内容”里。"),
    ({"path": ["工作开展情况", 0], "action": "set", "key": "标题", "value": 3}, 400, "请求里缺少“value”（新的文字）。"),
    ({"path": ["存在的问题", 0], "action": "set", "key": "内容", "value": ""}, 400, "问题不能为空。不要这一条时请点“删除”。"),
    ({"path": ["工作开展情况", 0, "要点", 0], "action": "set", "key": "标题", "value": "x"}, 400, "要点只有文字，没有别的键。"),
    ({"path": ["工作开展情况", 0], "action": "up", "text": FLOW}, 422,
     "“工作开展情况”有一部分写在一行里（方括号或花括号）。请在“源文件”里改成每项一行的写法。"),
    ({"path": ["工作开展情况"], "action": "add", "text": FLOW}, 422,
     "“工作开展情况”应是一串事项（每项以“- ”开头）。请先在“源文件”里改正。"),
    ({"path": ["工作开展情况"], "action": "add", "text": "工作开展情况: [\n"}, 422,
     "表单现在读不进来（有格式错误或不是“键: 值”的形式）。请先在“源文件”里按错误列表改正，再用字段编辑。"),
])
def test_bad_requests_are_refused_in_chinese_and_touch_no_file(form_file, body: dict[str, Any], status: int,
                                                               message: str) -> None:
    form: Path = form_file(TREE)
    before = snapshot(form.parent)
    response = client(form).post("/api/node", json={"text": TREE, **body}, headers=ORIGIN)
    assert (response.status_code, response.json()) == (status, {"error": message})
    assert snapshot(form.parent) == before


def test_outline_carries_numbers_and_anchors_for_each_item(form_file) -> None:
    outline = client(form_file()).post("/api/check", json={"text": TREE}, headers=ORIGIN).json()["outline"]
    tree = outline["tree"]
    assert tree["numbers"] == {"工作开展情况": "一、", "存在的问题": "二、", "下一步工作计划": "三、"}
    assert tree["headings"] == {"工作开展情况": "工作开展情况", "下一步工作计划": "下一步工作计划"}
    first = tree["工作开展情况"][0]
    assert (first["number"], first["标题"], first["要点"], first["要点序号"]) == ("（一）", "第一项", ["要点甲", "要点乙"],
                                                                           ["一是", "二是"])
    assert [(c["number"], c["id"], c["标题"], c["内容"]) for c in first["子项"]] == [
        ("1.", "工作开展情况/0/子项/0", "子项一", "子项一的内容。"), ("2.", "工作开展情况/0/子项/1", "子项二", None)]
    assert tree["工作开展情况"][1]["内容"] == "折叠的 内容。"
    assert [(p["number"], p["内容"], p["解决思路"]) for p in tree["存在的问题"]] == [
        ("（一）", "人手不足。", None), ("（二）", "经费紧张。", "争取专项资金。")]
    lines = TREE.splitlines()
    anchors = {tuple(a) for a in outline["anchors"]}
    assert (lines.index("      - 标题: 子项二") + 1, "工作开展情况/0/子项/1") in anchors
    assert (lines.index("    要点:") + 1, "工作开展情况/0") in anchors  # 子项之后的键仍算这一项的
    assert (lines.index("    解决思路: 争取专项资金。") + 1, "存在的问题/1") in anchors


def test_plain_problems_are_numbered_as_points_and_headings_follow_the_optional_parts(form_file) -> None:
    text = VALID_FORM.replace("存在的问题:\n", "存在的问题:\n  - 经费紧张。\n").replace(
        "指标:", "基本情况: 全县有卫生院11所。\n指标表: 正文\n指标:").replace(
        "存在的问题:", "其他章节:\n  - 标题: 获得荣誉\n    内容: 获评先进。\n存在的问题:")
    tree = client(form_file()).post("/api/check", json={"text": text}, headers=ORIGIN).json()["outline"]["tree"]
    assert [p["number"] for p in tree["存在的问题"]] == ["一是", "二是"]
    assert tree["numbers"] == {"基本情况": "一、", "工作开展情况": "二、", "其他章节/0": "四、", "存在的问题": "五、",
                               "下一步工作计划": "六、"}


PARTS = st.one_of(st.sampled_from(["工作开展情况", "下一步工作计划", "其他章节", "存在的问题", "子项", "要点", "事项", "标题", "指标"]),
                  st.integers(min_value=-1, max_value=3), st.booleans(), st.none(), st.text(max_size=3))
REAL_PATHS = [["工作开展情况"], ["工作开展情况", 0], ["工作开展情况", 1], ["工作开展情况", 0, "要点"],
              ["工作开展情况", 0, "要点", 1], ["工作开展情况", 0, "子项"], ["工作开展情况", 0, "子项", 1],
              ["工作开展情况", 0, "子项", 0, "子项"], ["工作开展情况", 1, "子项"], ["存在的问题"], ["存在的问题", 0],
              ["存在的问题", 1], ["其他章节"], ["下一步工作计划", 0], ["下一步工作计划", 0, "要点"]]
NODE_VALUES = st.one_of(st.none(), st.integers(), st.text(max_size=12), st.sampled_from(["", "  ", "两\n\n行", "a: b", "- x", "{{"]))


def test_random_node_edits_answer_in_chinese_and_keep_the_form_readable() -> None:
    from ruamel.yaml import YAML
    from starlette.testclient import TestClient

    from generator.edit.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        form = Path(tmp) / "表单.yaml"
        form.write_text(TREE, encoding="utf-8")
        before = snapshot(form.parent)
        test = TestClient(create_app(form, token="abc", port=8765), base_url="http://127.0.0.1:8765")
        headers = {"X-Gen-Token": "abc", **ORIGIN}

        @settings(max_examples=400, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(st.one_of(st.lists(PARTS, max_size=7), st.sampled_from(REAL_PATHS)), st.sampled_from(["add", "delete", "up", "down", "set", "x"]),
               st.sampled_from([None, "标题", "内容", "解决思路", "要点", "子项"]), NODE_VALUES)
        def one(path: list[Any], action: str, key: str | None, value: Any) -> None:
            response = test.post("/api/node", json={"text": TREE, "path": path, "action": action, "key": key,
                                                    "value": value}, headers=headers)
            assert response.status_code in (200, 400, 422), (path, action, key, value, response.text)
            if response.status_code != 200:
                assert re.search(r"[\u4e00-\u9fff]", response.json()["error"])
                return
            text = response.json()["text"]
            assert YAML(typ="rt").load(text) is not None
            for comment in ("# 开头的注释\n", "  # 事项前的注释\n", "# 顶格的注释：问题\n", "# 结尾的注释\n"):
                assert comment in text
            assert snapshot(form.parent) == before

        one()


@pytest.mark.parametrize("key", ["导语", "基本情况", "结束语"])
def test_paragraph_fields_keep_their_paragraphs(form_file, key: str) -> None:
    """导语、基本情况、结束语在页面上是多行的框：分段（空一行）写回 YAML 后原样读回，别处的注释不动。"""
    test = client(form_file())
    typed = "第一段，写了一些。\n\n第二段：再写一些。"
    text = "# 注释\n" + TREE
    written = test.post("/api/field", json={"text": text, "key": key, "value": typed}, headers=ORIGIN).json()["text"]
    assert written.startswith("# 注释\n# 开头的注释\n") and "  # 事项前的注释\n" in written
    outline = test.post("/api/check", json={"text": written}, headers=ORIGIN).json()["outline"]
    assert outline["values"][key] == typed


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    return [_plain(v) for v in node] if isinstance(node, list) else node


def _element_paths(node: Any, path: list[Any]) -> list[list[Any]]:
    found: list[list[Any]] = []
    if isinstance(node, list):
        for n, child in enumerate(node):
            found += [[*path, n], *_element_paths(child, [*path, n])]
    elif isinstance(node, dict):
        for key in ("子项", "要点", "事项"):
            found += _element_paths(node.get(key), [*path, key])
    return found


@pytest.mark.parametrize("name", ["中阳县-2024.yaml"])  # 事项、子项、要点、问题都有的那份
def test_moving_and_deleting_anything_in_the_examples_changes_exactly_that_in_the_data(name: str) -> None:
    """示例表单里每一项、每个子项、每条要点和问题：上移、删除后读回的数据正是预期的那样（别的都不变）。"""
    from conftest import REPO

    from generator.edit.fields import _load
    from generator.edit.tree import edit_node

    text = (REPO / "examples" / name).read_text(encoding="utf-8")
    data = _plain(_load(text))
    paths = [p for key in ("工作开展情况", "其他章节", "存在的问题", "下一步工作计划")
             for p in _element_paths(data.get(key), [key])]
    assert len(paths) > 20
    for path in paths:
        *where, n = path
        expected = copy.deepcopy(data)
        items = expected
        for part in where:
            items = items[part]
        if n > 0:
            items[n - 1], items[n] = items[n], items[n - 1]
            assert _plain(_load(edit_node(text, path, "up"))) == expected, path
            items[n - 1], items[n] = items[n], items[n - 1]
        if len(items) > 1:
            del items[n]
            assert _plain(_load(edit_node(text, path, "delete"))) == expected, path


@pytest.mark.parametrize(("kind", "work", "plan"), [
    ("半年工作总结", "上半年工作开展情况", "下半年工作计划"),
    ("工作总结和工作计划", "2024年工作开展情况", "2025年工作计划"),
])
def test_item_headings_follow_the_report_kind(form_file, kind: str, work: str, plan: str) -> None:
    text = VALID_FORM.replace("年度: 2024\n", f"年度: 2024\n类型: {kind}\n")
    response = client(form_file()).post("/api/check", json={"text": text}, headers=ORIGIN).json()
    assert response["outline"]["tree"]["headings"] == {"工作开展情况": work, "下一步工作计划": plan}
    assert f"一、{work}" in response["preview"] and f"三、{plan}" in response["preview"]


FLUSH = """\
单位: 某某县卫生健康委员会
工作开展情况:
- 标题: 甲
  要点:
  - 一
- 标题: 乙
# 顶格的注释
存在的问题:
- 问题
"""


@pytest.mark.parametrize(("path", "expected"), [
    (["工作开展情况"], FLUSH.replace("- 标题: 乙\n", "- 标题: 乙\n- 标题: 请补写（新添）\n  内容: 请补写（新添）\n")),
    (["工作开展情况", 1, "子项"], FLUSH.replace("- 标题: 乙\n", "- 标题: 乙\n  子项:\n  - 标题: 请补写（新添）\n    内容: 请补写（新添）\n")),
    (["工作开展情况", 0, "要点"], FLUSH.replace("  - 一\n", "  - 一\n  - 请补写（新添）\n")),
    (["其他章节"], FLUSH.replace("- 标题: 乙\n", "- 标题: 乙\n其他章节:\n- 标题: 请补写（新添）\n  内容: 请补写（新添）\n")),
])
def test_new_entries_follow_the_files_own_list_indentation(form_file, path: list[Any], expected: str) -> None:
    """“- ”顶着键写（不缩进）的表单：新加的项、新建的列表也这样写。"""
    assert edit(form_file, path, "add", text=FLUSH).json() == {"text": expected}
