"""指标（统计数字）的表单模型。"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import Field, field_validator, model_validator

from .modelbase import FormModel

_PLACEHOLDER = re.compile(r"^[xX×＊*?？]+$")


class Indicator(FormModel):
    """一个指标：正文里用 ``{{键}}`` 引用，派生数字用 ``{{键.同比}}`` 等。"""

    key: str = Field(alias="键", min_length=1, max_length=30, title="键",
                     description="正文中引用时用的简称，如 体检人数；在 {{体检人数}} 里使用")
    name: str = Field(alias="名称", min_length=1, title="名称", description="指标全称，如 城乡居民健康体检人数")
    current: Decimal = Field(alias="本期", title="本期", description="本年度（本期）数值，只写数字")
    previous: Decimal | None = Field(default=None, alias="上期", title="上期", description="上年度（上期）数值")
    target: Decimal | None = Field(default=None, alias="目标", title="目标", description="年度目标值")
    unit: str = Field(default="", alias="单位", title="单位", description="如 人、例、剂次、元、万元、%、‰")
    precision: int = Field(default=2, ge=0, le=6, alias="小数位", title="小数位",
                           description="计算出的增长率等保留几位小数，默认 2")
    note: str | None = Field(default=None, alias="说明", title="说明", description="备注，不进入正文")
    sentence: str | None = Field(default=None, alias="表述", min_length=1, title="表述",
                                 description="固定的表述，如 共计体检{{本期}}，较去年{{上期}}{{同比}}；"
                                             "正文用 {{键.表述}} 引用")
    allow_negative: bool = Field(default=False, alias="允许负数", title="允许负数",
                                 description="数值可以为负（如利润、差额）时填 true")
    allow_over_100: bool = Field(default=False, alias="允许超过100", title="允许超过100",
                                 description="百分比可以超过 100（如增长率）时填 true")

    @field_validator("key")
    @classmethod
    def _key_is_name(cls, value: str) -> str:
        if not value.isidentifier():
            raise ValueError(f"“{value}”不能作为键：键里只能有汉字、字母、数字和下划线，不能有空格、点或标点，"
                             "也不能以数字开头")
        return value

    @field_validator("current", "previous", "target", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if value is None:
            return value
        if isinstance(value, bool):
            raise ValueError("要填数字，不能填 true/false")
        if isinstance(value, float):
            return Decimal(repr(value))
        if isinstance(value, str):
            text = value.strip().replace(",", "").replace("，", "")
            if not text or _PLACEHOLDER.match(text):
                raise ValueError(f"还没有填写数字（现在是“{value}”），请填上实际数值")
            if text.endswith(("%", "％", "‰")):
                raise ValueError("只写数字，百分号写在“单位”里")
            try:
                return Decimal(text)
            except InvalidOperation:
                raise ValueError(f"要填数字，现在填的是“{value}”") from None
        return value

    @model_validator(mode="after")
    def _plausible(self) -> Indicator:
        values = {"本期": self.current, "上期": self.previous, "目标": self.target}
        for label, value in values.items():
            if value is None:
                continue
            if not value.is_finite():
                raise ValueError(f"{label}要填一个普通的数字")
            if value < 0 and not self.allow_negative:
                raise ValueError(f"{label}是负数（{value}）。如果确实为负，请在这个指标里加上“允许负数: true”")
            limit = {"%": 100, "％": 100, "‰": 1000}.get(self.unit.strip())
            if limit is not None and value > limit and not self.allow_over_100:
                raise ValueError(f"{label} {value}{self.unit} 超过了 {limit}{self.unit}。"
                                 "如果确实如此，请在这个指标里加上“允许超过100: true”")
        return self
