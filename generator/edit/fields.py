"""字段编辑：页面上改一个字段，服务器用 ruamel 往返改写 YAML 文字，注释、键的顺序和写法都保留。"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from .guard import Refused

# 页面上单独编辑的字段（其余内容在“源文件”里改）
FIELDS = ("单位", "年度", "类型", "日期", "标题", "导语", "基本情况", "结束语", "署名")
LISTS = ("工作开展情况", "下一步工作计划")
# 空白表单里的先后：新加的字段放在它前面那个已有的键之后
_ORDER = ("单位", "年度", "类型", "标题", "日期", "导语", "基本情况", "指标表", "指标", "工作开展情况", "其他章节",
          "存在的问题", "下一步工作计划", "结束语", "署名")
_OPTIONAL = ("标题", "类型", "基本情况", "结束语", "署名")  # 清空即删去这一行（不填时自动生成 / 默认年度工作总结）


def _yaml(text: str = "") -> YAML:
    yaml = YAML(typ="rt")
    indent, offset = _indentation(text)
    yaml.indent(mapping=2, sequence=indent, offset=offset)  # 与原文的缩进一致：“  - 键:”
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    yaml.width = sys.maxsize
    yaml.allow_duplicate_keys = False
    return yaml


def _indentation(text: str) -> tuple[int, int]:
    """原文里列表的缩进：“- ”在键下面缩进几格（offset），“- ”后面的内容又在哪一列（sequence）。"""
    try:
        _, indent, offset = load_yaml_guess_indent(text)
    except Exception:  # 读不进来的文字由 _load 报告
        return 4, 2
    if not isinstance(indent, int) or not isinstance(offset, int) or not 0 <= offset < indent <= 10:
        return 4, 2
    return indent, offset


def _load(text: str) -> Any:
    try:
        data = _yaml().load(text)
    except (YAMLError, ValueError, RecursionError):
        data = None
    if not hasattr(data, "items"):
        raise Refused(422, "表单现在读不进来（有格式错误或不是“键: 值”的形式）。请先在“源文件”里按错误列表改正，"
                           "再用字段编辑。")
    return data


def _dump(data: Any, text: str) -> str:
    buffer = io.StringIO()
    _yaml(text).dump(data, buffer)
    return buffer.getvalue()


def set_field(text: str, key: str, value: object) -> str:
    """把顶层字段 ``key`` 改成 ``value``（空文字表示删去这个字段）。"""
    if key not in FIELDS:
        raise Refused(400, f"不能在这里编辑“{key}”。可以编辑的字段有 {'、'.join(FIELDS)}。")
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise Refused(400, f"“{key}”的值应为文字。")
    data = _load(text)
    value = str(value).strip()
    new: object = value or None  # 清空必填的字段：写成“单位:”（空值），检查会指出来
    if key == "年度" and value.isdigit() and len(value) <= 6:
        new = int(value)
    elif key == "日期" and _iso_date(value) is not None:
        new = _iso_date(value)  # 写成 2025-01-07，不加引号
    if key in data and (value or key not in _OPTIONAL):
        data[key] = new  # 原地替换：键的位置和前后的注释不动
        return _dump(data, text)
    lines = _lines(text)
    if key in data:  # 清空可选的字段：只删去它自己的几行，后面的注释留下
        start = int(data.lc.key(key)[0])
        end = _span_end(lines, start, _next_key_line(data, key, len(lines)), 0)
        return "".join(lines[:start] + lines[end:])
    if not value:
        return text
    # 新加的字段：放在表单里它前面那个字段的几行之后
    before = [k for k in _ORDER[: _ORDER.index(key)] if k in data]
    at = 0
    if before:
        start = int(data.lc.key(before[-1])[0])
        at = _span_end(lines, start, _next_key_line(data, before[-1], len(lines)), 0)
    return "".join(lines[:at]) + _dump({key: new}, "") + "".join(lines[at:])


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def move_item(text: str, section: str, index: object, action: object) -> str:
    """工作开展情况、下一步工作计划的事项：上移、下移、删除、在末尾添加。

    直接按行搬动原文（位置取自 ruamel 的行号），事项里的文字、注释、引号一个字都不动；
    事项之间、顶格写的注释（下一部分的说明）留在原处，不跟着事项走。
    """
    if section not in LISTS:
        raise Refused(400, f"不能在这里编辑“{section}”。")
    if action not in ("add", "delete", "up", "down"):
        raise Refused(400, "不认识的操作。可用的操作有 add、delete、up、down。")
    data = _load(text)
    lines = _lines(text)
    items: Any = data.get(section)
    if items is None and action == "add":
        return "".join(lines) + f"{section}:\n" + _new_item("  ")
    if not isinstance(items, list):
        raise Refused(422, f"“{section}”应是一串事项（每项以“- ”开头）。请先在“源文件”里改正。")
    key_line = data.lc.key(section)[0]
    positions: Any = items.lc  # type: ignore[attr-defined]  # ruamel 的 CommentedSeq 带行列号
    starts = [positions.item(i)[0] for i in range(len(items))]
    if any(line <= key_line for line in starts):
        raise Refused(422, f"“{section}”写在一行里（方括号）。请在“源文件”里改成每项一行“- ”的写法，再用这里的按钮。")
    if not items:  # “工作开展情况: []” 之类已被上面拒绝；空的块序列不存在
        raise Refused(422, f"“{section}”是空的。请在“源文件”里填写。")
    dash = _dash_column(lines[starts[0]])
    after = _next_key_line(data, section, len(lines))
    spans = [(start, _span_end(lines, start, starts[n + 1] if n + 1 < len(starts) else after, dash))
             for n, start in enumerate(starts)]
    if action == "add":
        end = spans[-1][1]
        return "".join(lines[:end]) + _new_item(" " * dash) + "".join(lines[end:])
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(items):
        raise Refused(400, "事项的序号不对。")
    if action == "delete":
        start, end = spans[index]
        return "".join(lines[:start] + lines[end:])
    other = index - 1 if action == "up" else index + 1
    if not 0 <= other < len(items):
        raise Refused(400, "已经是第一项或最后一项，不能再移动。")
    (a_start, a_end), (b_start, b_end) = sorted((spans[index], spans[other]))
    return "".join(lines[:a_start] + lines[b_start:b_end] + lines[a_end:b_start] + lines[a_start:a_end]
                   + lines[b_end:])


def _new_item(indent: str) -> str:
    return f"{indent}- 标题: 请补写事项标题\n{indent}  内容: 请补写这项工作的做法和成效。\n"


def _dash_column(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _next_key_line(data: Any, section: str, default: int) -> int:
    keys = list(data)
    position = keys.index(section)
    if position + 1 < len(keys):
        return int(data.lc.key(keys[position + 1])[0])
    return default


def _span_end(lines: list[str], start: int, limit: int, dash: int) -> int:
    """事项从 ``start`` 行起到哪一行为止（不含）：去掉末尾的空行和不比“- ”更靠右的注释。"""
    end = limit
    while end > start + 1:
        line = lines[end - 1]
        stripped = line.strip()
        if stripped and not (stripped.startswith("#") and _dash_column(line) <= dash):
            break
        end -= 1
    return end


def _continued(lines: list[str], line: int, key_column: int) -> bool:
    """值在下一行还有续行（比键缩进得更深的非注释行）。"""
    if line + 1 >= len(lines):
        return False
    following = lines[line + 1]
    stripped = following.strip()
    return bool(stripped) and not stripped.startswith("#") and len(following) - len(following.lstrip(" ")) > key_column


def _flow(node: Any) -> bool:
    fa = getattr(node, "fa", None)
    return bool(fa is not None and fa.flow_style())


def one_line(lines: list[str], node: Any, key: str) -> int:
    """``key`` 的值所在的那一行（从 0 起）；值写成多行（``>-``、``|``、续行、列表）时拒绝。"""
    line, column = (int(n) for n in node.lc.value(key))
    rest = lines[line][column:].lstrip()
    if int(node.lc.key(key)[0]) != line or isinstance(node[key], (list, dict)) or rest[:1] in ("|", ">") \
            or _continued(lines, line, int(node.lc.key(key)[1])):
        raise Refused(422, f"“{key}”写成了多行。请在“源文件”里修改。")
    return line


def replace_value(lines: list[str], node: Any, key: str, value_text: str) -> list[str]:
    """把 ``key`` 那一行的值换成 ``value_text``，行首的键和行尾的注释不动。"""
    line = one_line(lines, node, key)
    column = int(node.lc.value(key)[1])
    old = lines[line]
    quoted = old[column:].lstrip().startswith(("'", '"'))
    comment = None if quoted else re.search(r"\s+#.*$", old[column:].rstrip("\r\n"))
    tail = comment.group(0) if comment else ""
    newline = "\r\n" if old.endswith("\r\n") else "\n"
    return [*lines[:line], f"{old[:column]}{value_text}{tail}{newline}", *lines[line + 1:]]


def set_item_title(text: str, section: str, index: object, value: object) -> str:
    """改一项工作（计划）的标题：只改标题那一行。"""
    if section not in LISTS:
        raise Refused(400, f"不能在这里编辑“{section}”。")
    if not isinstance(value, str) or not value.strip():
        raise Refused(400, "标题不能为空。不要这一项时请点“删除”。")
    data = _load(text)
    items: Any = data.get(section)
    if not isinstance(items, list) or not isinstance(index, int) or isinstance(index, bool) \
            or not 0 <= index < len(items):
        raise Refused(400, "事项的序号不对。")
    item: Any = items[index]
    if not isinstance(item, dict) or "标题" not in item or _flow(item):
        raise Refused(422, "这一项没有单独一行的“标题”。请在“源文件”里修改。")
    value_text = _dump({"标题": value.strip()}, "").split(":", 1)[1].strip()
    return "".join(replace_value(_lines(text), item, "标题", value_text))
