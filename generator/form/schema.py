"""表单的 JSON Schema：由 pydantic 模型导出，标题和说明是中文，供编辑器提示。"""

from __future__ import annotations

from typing import Any

from .models import Form

SCHEMA_FILE = "gen-form.schema.json"


def form_schema() -> dict[str, Any]:
    schema = Form.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "gen 工作总结表单"
    schema["description"] = "填写后运行 gen report 生成符合 GB/T 9704-2012 的工作总结。"
    return schema
