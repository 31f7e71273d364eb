"""所有表单模型共用的 pydantic 基类。

表单的键是中文：模型字段用英文名，``alias`` 是办事员要写的中文键。
未知键一律报错（``extra="forbid"``），由校验阶段给出“最接近的有效键”建议。
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class FormModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=True,
        use_enum_values=False,
    )
