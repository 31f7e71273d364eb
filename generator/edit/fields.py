"""字段编辑：页面上改一个字段，服务器用 ruamel 往返改写 YAML 文字，注释、键的顺序和写法都保留。"""

from __future__ import annotations

import io
import sys
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from .guard import Refused

# 页面上单独编辑的字段（其余内容在“源文件”里改）
FIELDS = ("单位", "年度", "类型", "日期", "标题", "导语")
LISTS = ("工作开展情况", "下一步工作计划")


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
    if not value:
        data.pop(key, None)
    elif key == "年度" and value.isdigit() and len(value) <= 6:
        data[key] = int(value)
    else:
        data[key] = value
    return _dump(data, text)


def move_item(text: str, section: str, index: object, action: object) -> str:
    """工作开展情况、下一步工作计划的事项：上移、下移、删除、在末尾添加。"""
    if section not in LISTS:
        raise Refused(400, f"不能在这里编辑“{section}”。")
    data = _load(text)
    items = data.get(section)
    if items is None and action == "add":
        data[section] = items = []
    if not isinstance(items, list):
        raise Refused(422, f"“{section}”应是一串事项（每项以“- ”开头）。请先在“源文件”里改正。")
    if action == "add":
        from ruamel.yaml.comments import CommentedMap

        item = CommentedMap()
        item["标题"] = "请补写事项标题"
        item["内容"] = "请补写这项工作的做法和成效。"
        items.append(item)
        return _dump(data, text)
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(items):
        raise Refused(400, "事项的序号不对。")
    if action == "delete":
        del items[index]
    elif action in ("up", "down"):
        other = index - 1 if action == "up" else index + 1
        if not 0 <= other < len(items):
            raise Refused(400, "已经是第一项或最后一项，不能再移动。")
        items[index], items[other] = items[other], items[index]
    else:
        raise Refused(400, "不认识的操作。可用的操作有 add、delete、up、down。")
    return _dump(data, text)
