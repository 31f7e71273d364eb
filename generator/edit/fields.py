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

from .frame_fields import PREFIX, set_frame
from .guard import Refused

# 页面上单独编辑的字段（其余内容在“源文件”里改）
FIELDS = ("单位", "年度", "类型", "主题", "季度", "述职人", "职务", "日期", "标题", "导语", "基本情况", "总体要求",
          "学习", "廉洁", "结束语", "署名")
# 空白表单里的先后：新加的字段放在它前面那个已有的键之后
_ORDER = ("单位", "年度", "类型", "主题", "季度", "述职人", "职务", "标题", "日期", "导语", "基本情况", "指标表",
          "指标", "开头", "总体要求", "学习", "工作开展情况", "其他章节", "廉洁", "存在的问题", "下一步工作计划",
          "保障措施", "结束语", "署名")
# 清空即删去这一行（不填时自动生成 / 默认年度工作总结）
_OPTIONAL = ("标题", "类型", "主题", "季度", "基本情况", "结束语", "署名", "述职人", "职务", "总体要求", "学习", "廉洁")


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
    if key.startswith(PREFIX):  # “公文”一组（frame_fields）
        data = _load(text)
        set_frame(data, key, value)
        return _dump(data, text)
    if key not in FIELDS:
        raise Refused(400, f"不能在这里编辑“{key}”。可以编辑的字段有 {'、'.join(FIELDS)}。")
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise Refused(400, f"“{key}”的值应为文字。")
    data = _load(text)
    value = str(value).strip()
    new: object = value or None  # 清空必填的字段：写成“单位:”（空值），检查会指出来
    if key in ("年度", "季度") and value.isdigit() and len(value) <= 6:
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
