"""编辑页面的实时检查：把浏览器里的 YAML 文字交给与 ``gen check``、``gen report`` 相同的各步，
返回诊断（行、列、程度、代码、消息、提示）和预览（由同一个 ``Document`` 生成的 HTML）。

这里不重复任何规则：读取、校验、计算、检查、渲染都调用现有模块，消息与命令行一字不差。
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks import check_form
from ..compute import figure_attributes
from ..errors import Diagnostic, GenError, Severity
from ..form.periods import parse_quarter
from ..form.reading import parse_form
from ..indicators.figures import FigureContext
from ..pipeline import bureau_of, computed, document_of, indicator_table, validated, with_bureau
from ..read.loader import decode_source
from ..read.located import locate
from ..read.source import MAX_FORM_BYTES
from ..render.bureau import Bureau
from ..write.style_profile import StyleProfile, load_profile
from .fields import FIELDS
from .frame_fields import frame_anchors, frame_values, template_frame_values
from .indicators import computed_columns, indicator_file, sheet_rows, table_rows
from .preview import document_html
from .sections import section_tree


@dataclass
class Analysis:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    preview: str | None = None  # 表单读不进来或校验不通过时没有预览
    keys: list[str] = field(default_factory=list)  # 指标的键（给 {{ 的自动补全）
    outline: dict[str, Any] = field(default_factory=dict)  # 字段编辑用：各字段的值、所在行、事项标题

    def to_json(self) -> dict[str, Any]:
        return {"diagnostics": [diagnostic_json(d) for d in self.diagnostics],
                "preview": self.preview, "keys": self.keys, "outline": self.outline,
                "attributes": figure_attributes(), "sentence_names": list(FigureContext.NAMES),
                "errors": sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)}


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {"line": d.line, "column": d.column, "severity": d.severity.value, "code": d.code,
            "message": d.message, "hint": d.hint}


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def analyze(text: str, name: Path) -> Analysis:
    """检查一份表单文字并渲染预览。任何输入都返回结果，不抛异常。"""
    raw = text.encode("utf-8")
    if len(raw) > MAX_FORM_BYTES:
        return Analysis([Diagnostic(f"表单太大（{len(raw) / 1024 / 1024:.1f} MB），超过 "
                                    f"{MAX_FORM_BYTES // (1024 * 1024)} MB 上限。")])
    result = Analysis()
    try:
        loaded = parse_form(decode_source(raw, name))
        if isinstance(loaded.data, dict):
            found = loaded.data.get("指标")
            if isinstance(found, list):
                result.keys = [str(item["键"]) for item in found if isinstance(item, dict) and "键" in item]
            result.outline = outline(loaded.data)
        checked = validated(loaded)
        result.keys = [ind.key for ind in checked[0].indicators]  # 也包括“指标文件”（表格）里的指标
        done = computed(loaded, checked)
        rows = indicator_table(done)  # 预览的指标表和表格旁的只读列共用
        if result.outline:  # 指标表格旁只读的几列：算出的同比、完成率，以及来自指标文件的指标
            result.outline["computed"] = computed_columns(done.form, rows)
            result.outline["sheet_indicators"] = sheet_rows(done.form, result.outline["indicators"])
        bureau = bureau_of(loaded, done.form)  # 单位模板：预览和各部分的标题都按它
        done = with_bureau(done, bureau)  # “公文:”补上模板的“公文:”
        result.diagnostics = done.warnings + check_form(loaded, done.form)
        result.preview = document_html(document_of(done, rows, bureau), _profile(name, done.form.style, bureau))
        if bureau is not None and result.outline:
            from ..render.bureau import render_context

            result.outline["frame_defaults"] = template_frame_values(bureau)  # “公文”各项框里的灰字
            names = render_context(done.form, bureau)["sections"]
            headings = result.outline["tree"]["headings"]
            for key, part in (("工作开展情况", "work"), ("存在的问题", "problems"), ("下一步工作计划", "plans")):
                if isinstance(names, dict) and names.get(part):
                    headings[key] = names[part]
    except GenError as exc:
        result.diagnostics += exc.diagnostics
    except Exception as exc:  # 程序自身的缺陷：与命令行一样只给一句话，页面照常可用
        result.diagnostics.append(Diagnostic(
            f"gen 内部出错（{type(exc).__name__}）。请把表单和这条信息发给维护人员。"))
    result.diagnostics.sort(key=lambda d: (d.line or 0, d.column or 0))
    return result


def _profile(name: Path, style: str | None, bureau: Bureau | None) -> StyleProfile:
    """预览用的版式：与 gen report 相同（表单的“样式”，其次单位模板的版式）；读不进来时用默认版式
    （版式文件的错误由“生成”报告，预览不因此停下）。"""
    path = name.parent / style if style else bureau.style_path() if bureau else None
    try:
        return load_profile(path)
    except GenError:
        return load_profile()


def outline(data: dict[str, Any]) -> dict[str, Any]:
    """字段编辑页要显示的东西：可编辑字段的值、每个顶层键所在的行、指标表格、各部分的结构（见 :mod:`.sections`）。"""
    lines: dict[str, int] = {}
    for key in data:
        line, _, _ = locate(data, (str(key),))
        if line:
            lines[str(key)] = line
    values = {key: str(data[key]) for key in FIELDS
              if key in data and isinstance(data[key], (str, int)) and not isinstance(data[key], bool)}
    if parse_quarter(values.get("季度")):  # “第一季度”“一季度”：页面上的选择框用数字
        values["季度"] = str(parse_quarter(values["季度"]))
    values.update(frame_values(data))
    tree, anchors = section_tree(data)
    anchors = sorted(anchors + frame_anchors(data))
    return {"values": values, "lines": lines, "indicators": table_rows(data), "tree": tree, "anchors": anchors,
            "indicator_file": indicator_file(data)}

