"""把导入结果写成表单 YAML：带中文注释，原子写入，不覆盖已有文件。

写出的表单必须能被 gen 读入：注释里不带换行和控制字符，长段落不折行（折行后续行以全角空格
开头会被拒绝），空着的地方写成“请补写”（见 :mod:`generator.form.unfilled`），总大小不超过表单上限。
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..errors import Diagnostic, ImportFailure, OutputError
from ..form.kinds import NOT_IN, REQUIRED, SUMMARY_PARTS
from ..form.unfilled import PLACEHOLDER
from ..read.loader import MAX_FORM_BYTES
from ..render.punctuation import full_width
from ..write.output import write_atomic

ORDER = ("单位", "年度", "类型", "主题", "季度", "述职人", "职务", "标题", "日期", "导语", "基本情况", "指标", "开头",
         "总体要求", "学习", "工作开展情况", "其他章节", "廉洁", "存在的问题", "下一步工作计划", "保障措施", "结束语",
         "署名", "公文")


def _node(value: Any) -> Any:
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _node(item)
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq()
        seq.extend(_node(v) for v in value)
        return seq
    if isinstance(value, str):
        # 网页文字里夹在汉字之间的半角标点写进表单时就换成全角（与生成时同一条规则；gen check 读报告时保留原文）
        value = full_width(_NOT_IN_VALUE.sub(" ", value.translate(_BRACES)).strip())
        if not value:
            return PLACEHOLDER
        if "\n" in value:
            return LiteralScalarString(value)
    return value


# 报告原文里的大括号（如去年残留的“{{键}}”）在表单里会被当作引用或模板语法：换成全角，原样保留文字
_BRACES = str.maketrans({"{": "｛", "}": "｝"})

# 注释只能占一行：换行、其他控制字符和 YAML 不接受的字符一律换成空格
_NOT_IN_COMMENT = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


# 值里同样不能有控制字符（读报告时已换掉；这里是写出前的最后一道关），只保留换行和 Tab
_NOT_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def comment_line(text: str) -> str:
    return _NOT_IN_COMMENT.sub(" ", text).rstrip()


_MISSING = {
    "单位": "原文中没有找到标题，请补写单位全称",
    "年度": "原文中没有找到年份，请补写，如 2024",
    "日期": "请填写成文日期，格式如 2025-01-07",
    "导语": "原文中没有找到这一部分，请补写",
    "工作开展情况": "原文中没有找到这一部分，请补写",
    "存在的问题": "原文中没有找到这一部分，请补写",
    "下一步工作计划": "原文中没有找到这一部分，请补写",
    "述职人": "原文中没有找到述职人的姓名，请补写",
    "学习": "原文中没有找到这一部分，请补写",
    "廉洁": "原文中没有找到这一部分，请补写",
}
_LISTS = ("工作开展情况", "存在的问题", "下一步工作计划")


def emit_yaml(form: dict[str, Any], *, source: str, notes: list[str], tables: list[list[list[str]]],
              limit: int = MAX_FORM_BYTES, comments: Sequence[tuple[tuple[str | int, ...], str]] = ()) -> str:
    """``comments``：导入时猜的地方（键路径 → 说明），写成那一行末尾的注释。"""
    filled = dict(form)
    kind = str(form.get("类型", ""))
    wanted = ("单位", "年度", "日期", "导语", *REQUIRED.get(kind, SUMMARY_PARTS))  # 这一类型必填的部分（form/kinds.py）
    missing = [key for key in wanted if not form.get(key)]
    for key in NOT_IN.get(kind, ()):
        if not filled.get(key):
            filled.pop(key, None)
    for key in missing:
        filled[key] = [PLACEHOLDER] if key in _LISTS else PLACEHOLDER
    root = _node({key: filled[key] for key in ORDER if key in filled})
    for key in missing:
        root.yaml_add_eol_comment(_MISSING[key], key)
    for path, text in comments:
        _comment_at(root, path, comment_line(text))
    header = [f"由 gen import 从“{source}”导入。请核对后修改数字和文字，再运行 gen report。"]
    header += [f"注意：{note}" for note in notes]
    table_lines: list[str] = []
    for number, table in enumerate(tables, 1):
        table_lines.append(f"原文第 {number} 个表格（未导入正文，可改写进“指标”）：")
        table_lines += ["  " + " | ".join(row) for row in table]
    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.width = sys.maxsize  # 不折行：折出的续行若以全角空格开头，gen 会拒绝这份表单
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    body = buffer.getvalue()
    text = _comments(header + table_lines) + body
    if len(text.encode("utf-8")) > limit and table_lines:
        # 表格注释最占地方：放不下时只留一句说明
        short = f"原文有 {len(tables)} 个表格，内容太多，没有放进注释，请对照原文填写“指标”。"
        text = _comments([*header, short]) + body
    size = len(text.encode("utf-8"))
    if size > limit:
        raise ImportFailure(Diagnostic(
            f"“{source}”的文字太多：导入后的表单有 {size / 1024 / 1024:.1f} MB，超过了表单的上限 "
            f"{limit / 1024 / 1024:g} MB，gen 读不了。一份工作总结通常不到 1 MB；"
            "请确认选对了文件，或把它拆成几份分别导入。"))
    return text


def _comment_at(root: Any, path: tuple[str | int, ...], text: str) -> None:
    """在键路径所在的那一行末尾加注释；路径不在（写出前被去掉了）时不加。"""
    node = root
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(node, (CommentedMap, CommentedSeq)) and (
            path[-1] in node if isinstance(node, CommentedMap) else isinstance(path[-1], int) and path[-1] < len(node)):
        node.yaml_add_eol_comment(text, path[-1])


def _comments(lines: list[str]) -> str:
    return "".join(f"# {comment_line(line)}\n" for line in lines)


def write_form(text: str, target: Path, *, force: bool) -> Path:
    if target.exists() and not force:
        raise OutputError(Diagnostic(
            f"“{target}”已经存在，没有覆盖它。换一个文件名（-o），或加 --force 覆盖。"))
    return write_atomic(target, text.encode("utf-8"))
