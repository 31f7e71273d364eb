"""表单的 JSON Schema：由 pydantic 模型导出，标题和说明是中文，供编辑器提示。"""

from __future__ import annotations

from typing import Any

from .kinds import NOT_IN, ONLY_FOR, REQUIRED, SUMMARY_PARTS
from .models import Form, ReportKind

SCHEMA_FILE = "gen-form.schema.json"


def form_schema() -> dict[str, Any]:
    schema = Form.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "gen 工作总结表单"
    schema["description"] = "填写后运行 gen report 生成符合 GB/T 9704-2012 的工作总结。"
    own = [kind.value for kind in ReportKind if kind.value in REQUIRED]
    summary = {"if": {"properties": {"类型": {"enum": own}}, "required": ["类型"]},
               "else": {"required": list(SUMMARY_PARTS)}}  # 工作总结（不写“类型”的也是）：三部分必填
    schema["allOf"] = [summary, *(_kind_rule(kind) for kind in own)]
    return schema


def _kind_rule(kind: str) -> dict[str, Any]:
    """工作计划、述职报告的部分（form/kinds.py）：JSON Schema 的 if/then。

    是这一类型时：它必填的键、它没有的部分（false：编辑器标出多余的键）；不是时：只有它才有的键是多余的。"""
    return {
        "if": {"properties": {"类型": {"const": kind}}, "required": ["类型"]},
        "then": {"required": list(REQUIRED[kind]), "properties": {key: False for key in NOT_IN.get(kind, ())}},
        "else": {"properties": {key: False for key, owner in ONLY_FOR.items() if owner == kind}},
    }
