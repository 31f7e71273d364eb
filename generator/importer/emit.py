"""把导入结果写成表单 YAML：带中文注释，原子写入，不覆盖已有文件。"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..errors import Diagnostic, OutputError
from ..output import write_atomic

ORDER = ("单位", "年度", "类型", "标题", "日期", "导语", "基本情况", "指标", "工作开展情况", "其他章节",
         "存在的问题", "下一步工作计划", "结束语", "署名")


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
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def emit_yaml(form: dict[str, Any], *, source: str, notes: list[str], tables: list[list[list[str]]]) -> str:
    ordered = {key: form[key] for key in ORDER if key in form}
    root = _node(ordered)
    if not form.get("日期"):
        root["日期"] = "待填写"
        root.yaml_add_eol_comment("请填写成文日期，格式如 2025-01-07", "日期")
    for key in ("工作开展情况", "存在的问题", "下一步工作计划", "导语"):
        if not form.get(key):
            root[key] = "待填写" if key == "导语" else CommentedSeq()
            root.yaml_add_eol_comment("原文中没有找到这一部分，请补写", key)
    header = [f"由 gen import 从“{source}”导入。请核对后修改数字和文字，再运行 gen report。"]
    header += [f"注意：{note}" for note in notes]
    for number, table in enumerate(tables, 1):
        header.append(f"原文第 {number} 个表格（未导入正文，可改写进“指标”）：")
        header += ["  " + " | ".join(row) for row in table]
    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    return "".join(f"# {line}\n" for line in header) + buffer.getvalue()


def write_form(text: str, target: Path, *, force: bool) -> Path:
    if target.exists() and not force:
        raise OutputError(Diagnostic(
            f"“{target}”已经存在，没有覆盖它。换一个文件名（-o），或加 --force 覆盖。"))
    return write_atomic(target, text.encode("utf-8"))
