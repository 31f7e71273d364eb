"""事项、其他章节、存在的问题的结构化编辑：按路径添加、删除、上移、下移、改一个键。

路径是键和序号的列表，如 ``["工作开展情况", 0, "子项", 1]``（第一项工作的第二个子项）、
``["存在的问题", 2]``、``["工作开展情况", 0, "要点"]``（第一项工作的要点列表）。
``["开头"]`` 是各部分的开头一段（只能 set，``key`` 是部分的名字）。

直接按行改原文（位置取自 ruamel 的行列号）：改动之外的行、注释、引号一个字都不动；
新写的值交给 ruamel 决定写法（要不要加引号、多行文字写成 ``|-``），缩进与原文一致。
"""

from __future__ import annotations

import io
import re
import sys
import textwrap
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from ..form.unfilled import EDITOR_PLACEHOLDER
from .fields import _ORDER, _flow, _indentation, _lines, _load, _span_end, replace_value
from .guard import Refused

SECTIONS = ("工作开展情况", "下一步工作计划", "保障措施", "其他章节", "存在的问题")
_REQUIRED = ("工作开展情况", "存在的问题", "下一步工作计划")  # 至少要有一项
# 每种节点的键（按表单里的先后）、其中的文字键、必填的键
OPENINGS = ("工作开展情况", "存在的问题", "下一步工作计划")  # “开头”里的键（form.models.Openings）
_KEYS = {"item": ("标题", "内容", "要点", "子项"), "section": ("标题", "内容", "事项"),
         "problem": ("内容", "解决思路"), "opening": OPENINGS}
_TEXTS = {"item": ("标题", "内容"), "section": ("标题", "内容"), "problem": ("内容", "解决思路"), "opening": OPENINGS}
_MUST: dict[str, tuple[str, ...]] = {"item": ("标题",), "section": ("标题",), "problem": ("内容",), "opening": ()}
_LISTS = {("item", "子项"): "item", ("item", "要点"): "point", ("section", "事项"): "item"}
_TOP = {"工作开展情况": "item", "下一步工作计划": "item", "保障措施": "item", "其他章节": "section",
        "存在的问题": "problem"}
MAX_ITEM_DEPTH = 3  # 事项（一）下面最多两层子项：1. 和（1）
# 新添的一项写成“请补写（新添）”：检查会指出它（说明是在页面上新添的），办事员在原处改写
PLACEHOLDER = EDITOR_PLACEHOLDER
_NEW: dict[str, Any] = {"item": {"标题": PLACEHOLDER, "内容": PLACEHOLDER},
                        "section": {"标题": PLACEHOLDER, "内容": PLACEHOLDER},
                        "problem": {"内容": PLACEHOLDER}, "point": PLACEHOLDER}
_NAMES = {"item": "事项", "section": "章节", "problem": "问题", "point": "要点", "opening": "段开头"}
# YAML 当作换行的字符一律写成换行；YAML 里写不进的控制字符拒绝（写进去文件就读不回来了）
_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_STALE = "页面上的内容已经过时（{what}的序号不对）。请稍候片刻，等页面刷新后再操作。"


def kind_of(path: list[Any]) -> tuple[str, bool]:
    """路径指向的是什么：(节点种类, 是不是列表)。路径不合规时拒绝（400）。"""
    if path == ["开头"]:
        return "opening", False
    if not path or path[0] not in SECTIONS:
        raise Refused(400, f"不能在这里编辑这一部分。可以编辑的有 {'、'.join(SECTIONS)}。")
    kind, is_list, depth = _TOP[path[0]], True, 1
    for part in path[1:]:
        if is_list:
            if not isinstance(part, int) or isinstance(part, bool) or part < 0:
                raise Refused(400, "路径不对：列表后面应是序号（0、1、2……）。")
            is_list = False
        else:
            if not isinstance(part, str) or (kind, part) not in _LISTS:
                raise Refused(400, f"路径不对：{_NAMES[kind]}下面没有可以编辑的“{part}”列表。")
            depth += part == "子项"
            kind, is_list = _LISTS[(kind, part)], True
            if depth > MAX_ITEM_DEPTH:
                raise Refused(400, f"子项最多 {MAX_ITEM_DEPTH - 1} 层（编号 1. 和（1））。")
    return kind, is_list


def edit_node(text: str, path: object, action: object, key: object = None, value: object = None) -> str:
    """``action``：add（在 ``path`` 这个列表末尾加一项）、delete / up / down（``path`` 这一项）、
    set（把 ``path`` 这一项的 ``key`` 改成 ``value``；要点没有 ``key``）。"""
    if not isinstance(path, list) or len(path) > 12:
        raise Refused(400, "请求里缺少“path”（要编辑的位置）。")
    if action not in ("add", "delete", "up", "down", "set"):
        raise Refused(400, "不认识的操作。可用的操作有 add、delete、up、down、set。")
    kind, is_list = kind_of(path)
    if kind == "opening" and action != "set":
        raise Refused(400, "开头只能改写文字：清空即删去。")
    if is_list != (action == "add"):
        raise Refused(400, "路径不对：添加要指向一个列表，其余操作要指向列表里的一项。")
    editor = _Editor(text)
    if action == "add":
        return editor.add(path, kind)
    if action == "set":
        return editor.set(path, kind, key, value)
    return editor.delete(path) if action == "delete" else editor.move(path, -1 if action == "up" else 1)


class _Editor:
    def __init__(self, text: str) -> None:
        self.text = text
        self.data = _load(text)
        self.lines = _lines(text)
        self.indent, self.offset = _indentation(text)

    # ------------------------------------------------------------ 找位置
    def node(self, path: list[Any]) -> Any:
        node = self.data
        for n, part in enumerate(path):
            if _flow(node):
                raise Refused(422, f"“{path[0]}”有一部分写在一行里（方括号或花括号）。"
                                   "请在“源文件”里改成每项一行的写法。")
            if isinstance(part, int):
                if not isinstance(node, list) or part >= len(node):
                    raise Refused(400, _STALE.format(what=_NAMES[kind_of(path[:n + 1])[0]]))
            elif not isinstance(node, dict) or part not in node:
                raise Refused(400, _STALE.format(what=f"“{part}”"))
            node = node[part]
        return node

    def start(self, path: list[Any]) -> int:
        parent = self.node(path[:-1])
        last = path[-1]
        return int(parent.lc.item(last)[0] if isinstance(last, int) else parent.lc.key(last)[0])

    def limit(self, path: list[Any]) -> int:
        """``path`` 这一部分最晚在哪一行之前结束：下一个兄弟的开头，没有时是上一层的结束。"""
        if not path:
            return len(self.lines)
        parent = self.node(path[:-1])
        last = path[-1]
        if isinstance(last, int):
            if last + 1 < len(parent):
                return int(parent.lc.item(last + 1)[0])
        else:
            keys = list(parent)
            at = keys.index(last)
            if at + 1 < len(keys):
                return int(parent.lc.key(keys[at + 1])[0])
        return self.limit(path[:-1])

    def column(self, path: list[Any]) -> int:
        """列表项的“- ”、键所在的列。"""
        parent = self.node(path[:-1])
        last = path[-1]
        if isinstance(last, int):
            line, content = (int(n) for n in parent.lc.item(last))
            before = self.lines[line][:content].rstrip()
            if line <= self.start(path[:-1]) or not before.endswith("-"):
                raise Refused(422, f"“{path[0]}”里有一项的写法特殊（“- ”与内容不在同一行）。请在“源文件”里修改。")
            return len(before) - 1
        return int(parent.lc.key(last)[1])

    def span(self, path: list[Any]) -> tuple[int, int]:
        start = self.start(path)
        column = self.column(path)
        return start, _span_end(self.lines, start, self.limit(path), column)

    def result(self, lines: list[str]) -> str:
        return "".join(lines)

    def fragment(self, value: Any, column: int) -> list[str]:
        """用 ruamel 写出 ``value``（与原文相同的列表缩进），每行再缩进 ``column`` 格。"""
        yaml = YAML(typ="rt")
        yaml.indent(mapping=2, sequence=self.indent, offset=self.offset)
        yaml.allow_unicode = True
        yaml.width = sys.maxsize
        buffer = io.StringIO()
        yaml.dump(_literal(value), buffer)
        text = textwrap.dedent(buffer.getvalue())
        return [(" " * column + line if line.strip() else line) for line in text.splitlines(keepends=True)]

    # ------------------------------------------------------------ 操作
    def add(self, path: list[Any], kind: str) -> str:
        owner = self.node(path[:-1])
        name = path[-1]
        if not isinstance(owner, dict) or _flow(owner):
            raise Refused(422, f"“{path[0]}”的写法特殊。请在“源文件”里修改。")
        items = owner.get(name)
        if isinstance(items, list) and items and not _flow(items):
            end = self.span([*path, len(items) - 1])[1]
            new = self.fragment([_NEW[kind]], self.column([*path, 0]))
            return self.result(self.lines[:end] + new + self.lines[end:])
        if items not in (None, []) and not (isinstance(items, list) and not items):
            raise Refused(422, f"“{name}”应是一串{_NAMES[kind]}（每项以“- ”开头）。请先在“源文件”里改正。")
        block = {name: [_NEW[kind]]}
        if name in owner:  # “子项:” 空着或写成 []：换成新的一块
            start, end = self.span(path)
            column = self.column(path)
            new = self.fragment(block, column)
            new[0] = self.lines[start][:column] + new[0][column:]
            return self.result(self.lines[:start] + new + self.lines[end:])
        return self.insert_key(path[:-1], owner, name, block)

    def insert_key(self, where: list[Any], owner: Any, name: str, block: dict[str, Any]) -> str:
        """在映射 ``owner`` 里按表单的先后加上新键：放在它前面那个已有的键的几行之后。"""
        order = _ORDER if not where else _KEYS[kind_of(where)[0]]
        present = [k for k in order[: order.index(name)] if k in owner] if name in order else []
        keys = list(owner)
        if not keys:
            raise Refused(422, "这一项是空的。请在“源文件”里填写。")
        after = present[-1] if present else keys[-1]
        end = self.span([*where, after])[1]
        column = int(owner.lc.key(keys[0])[1]) if where else 0
        new = self.fragment(block, column)
        if not where and end < len(self.lines) and not self.lines[end].strip():
            new = ["\n", *new]  # 顶层的各部分之间空一行（与原文一致）
        return self.result(self.lines[:end] + new + self.lines[end:])

    def delete(self, path: list[Any]) -> str:
        items = self.node(path[:-1])
        self.node(path)
        if len(items) == 1:
            if path[:-1] == [path[0]] and path[0] in _REQUIRED:
                raise Refused(400, f"“{path[0]}”至少要有一项。要换掉这一项，请先添加新的一项，再删除它。")
            owner = path[:-2]
            if owner and self.start(path[:-1]) == self.start(owner):  # “- 子项:” 是这一项的第一个键
                raise Refused(422, f"这是“{path[-2]}”里唯一的一项。请在“源文件”里修改。")
            start, end = self.span(path[:-1])  # 删去最后一项时连同列表的键一起删去
        else:
            start, end = self.span(path)
        return self.result(self.lines[:start] + self.lines[end:])

    def move(self, path: list[Any], step: int) -> str:
        items = self.node(path[:-1])
        self.node(path)
        other = path[-1] + step
        if not 0 <= other < len(items):
            raise Refused(400, "已经是第一项或最后一项，不能再移动。")
        (a_start, a_end), (b_start, b_end) = sorted((self.span(path), self.span([*path[:-1], other])))
        lines = self.lines
        return self.result(lines[:a_start] + lines[b_start:b_end] + lines[a_end:b_start]
                           + lines[a_start:a_end] + lines[b_end:])

    def set(self, path: list[Any], kind: str, key: object, value: object) -> str:
        if not isinstance(value, str):
            raise Refused(400, "请求里缺少“value”（新的文字）。")
        value = _BREAKS.sub("\n", value.strip())
        if _CONTROL.search(value):
            raise Refused(400, "文字里有看不见的控制字符（多半是从别处粘贴带进来的），不能写进表单。请删去后再填。")
        if kind == "opening":
            whole = self.set_opening(key, value)
            if whole is not None:
                return whole
        node = self.node(path)
        if kind == "point" or (kind == "problem" and isinstance(node, str)):
            return self.set_plain(path, kind, node, key, value)
        if key not in _TEXTS[kind]:
            raise Refused(400, f"{_NAMES[kind]}里能编辑的是 {'、'.join(_TEXTS[kind])}。")
        if not isinstance(node, dict) or _flow(node):
            raise Refused(422, f"这一{_NAMES[kind]}写在一行里或写法特殊。请在“源文件”里修改。")
        assert isinstance(key, str)
        if key == "标题" and "\n" in value:
            raise Refused(400, "标题只写一行。要写的内容请放在“内容”里。")
        if not value:
            if key in _MUST[kind]:
                raise Refused(400, f"“{key}”不能为空。不要这一{_NAMES[kind]}时请点“删除”。")
            if key not in node:
                return self.text
            if self.start([*path, key]) == self.start(path):
                raise Refused(422, f"“{key}”是这一{_NAMES[kind]}的第一个键，不能单独删去。请在“源文件”里修改。")
            start, end = self.span([*path, key])
            return self.result(self.lines[:start] + self.lines[end:])
        if key not in node:
            return self.insert_key(path, node, key, {key: value})
        if "\n" not in value and not isinstance(node[key], (list, dict)):
            try:
                line_text = self.fragment({key: value}, 0)
                if len(line_text) == 1:  # 一行写得下：只换值，行尾的注释留下
                    return self.result(replace_value(self.lines, node, key, line_text[0].split(":", 1)[1].strip()))
            except Refused:
                pass  # 原来的值写成了多行：整段换掉
        return self.replace(path, key, {key: value})

    def set_opening(self, key: object, value: str) -> str | None:
        """“开头”整块的增删：还没有（或空着）时新写一块，放在“工作开展情况”之前；清空最后一段时连同“开头:”删去。
        其余情况（改写、添加、删去一段）与其他键相同，返回 None。"""
        if key not in OPENINGS:
            raise Refused(400, f"{_NAMES['opening']}里能编辑的是 {'、'.join(OPENINGS)}。")
        openings = self.data.get("开头")
        if openings is None:
            if not value:
                return self.text
            block = {"开头": {key: value}}
            if "开头" in self.data:  # 写了“开头:”而没有值
                return self.replace([], "开头", block)
            return self.insert_key([], self.data, "开头", block)
        if not value and isinstance(openings, dict) and not _flow(openings) and list(openings) == [key]:
            start, end = self.span(["开头"])
            if start > 0 and end < len(self.lines) and not self.lines[start - 1].strip() \
                    and not self.lines[end].strip():
                start -= 1  # 与新写时相同：前后的空行只留一个
            return self.result(self.lines[:start] + self.lines[end:])
        if value and isinstance(openings, dict) and openings and not _flow(openings) and key not in openings \
                and not any(k in openings for k in OPENINGS[: OPENINGS.index(key)]):
            first = ["开头", next(iter(openings))]  # 按部分的先后：写在已有的第一段之前
            at = self.start(first)
            return self.result(self.lines[:at] + self.fragment({key: value}, self.column(first)) + self.lines[at:])
        return None

    def replace(self, path: list[Any], key: str | int, value: Any) -> str:
        start, end = self.span([*path, key])
        column = self.column([*path, key])
        new = self.fragment(value, column)
        new[0] = self.lines[start][:column] + new[0][column:]
        return self.result(self.lines[:start] + new + self.lines[end:])

    def set_plain(self, path: list[Any], kind: str, node: Any, key: object, value: str) -> str:
        """要点、只写一句话的问题：整项换掉；问题加上解决思路时改写成“内容 / 解决思路”。"""
        if kind == "point" and key not in (None, "", "内容"):
            raise Refused(400, "要点只有文字，没有别的键。")
        if kind == "problem" and key not in _TEXTS["problem"]:
            raise Refused(400, f"问题里能编辑的是 {'、'.join(_TEXTS['problem'])}。")
        if not isinstance(node, str):
            raise Refused(422, f"这一条{_NAMES[kind]}不是一句文字。请在“源文件”里修改。")
        if key == "解决思路":
            if not value:
                return self.text
            new: Any = [{"内容": node, "解决思路": value}]
        elif not value:
            raise Refused(400, f"{_NAMES[kind]}不能为空。不要这一条时请点“删除”。")
        else:
            new = [value]
        start, end = self.span(path)
        column = self.column(path)
        return self.result(self.lines[:start] + self.fragment(new, column) + self.lines[end:])


def _literal(value: Any) -> Any:
    """多行文字写成 ``|-``：换行、空行原样保留。"""
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal(v) for v in value]
    return value
