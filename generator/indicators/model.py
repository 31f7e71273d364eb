"""指标（统计数字）的表单模型。

数值一律存为 :class:`~decimal.Decimal`：YAML 里的小数到这里已是 Decimal，整数是 int，
文字要能读成数字；偶尔传进来的 float 经 ``str()`` 转换，不带二进制误差。
所有提示都是中文；``ValueError`` 的消息末尾不加句号（校验阶段会统一加上）。
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..errors import brief
from ..modelbase import FormModel

# 占位符：xx、XX、××、XX.XX、x,xxx、○○、某某、__ 之类（可带 % 或单位前的小数点、逗号）
# 至少有一个占位字符。写成一个字符类加一次查找，不写成“类*字符类*”：后者在一长串 x 后面跟数字时回溯成平方级。
_PLACEHOLDER_CHARS = "xXｘＸ×✕＊*?？○〇□某_＿…"
_PLACEHOLDER = re.compile(rf"^[-+]?[{_PLACEHOLDER_CHARS}\s.,，]+[%％‰]?$")
# 千位分组：15,719 或 15 719（只在分组正确时去掉分隔符）
_GROUPED = re.compile(r"^[-+]?\d{1,3}(?:[,，\u2009\u202f ]\d{3})+(?:\.\d+)?$")
# 数字后面跟了单位：82人、88.64%
_WITH_UNIT = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*([^\d\s.,，+\-][^\d]*)$")
_MINUS = str.maketrans({"－": "-", "−": "-", "＋": "+", "．": "."})
# 在 Jinja 里有特殊含义、不能当变量名用的词（{{true}} 会显示成 True，{{not}} 是语法错误）
_JINJA_RESERVED = frozenset({"true", "false", "none", "True", "False", "None", "TRUE", "FALSE", "NONE",
                             "and", "or", "not", "in", "is", "if", "else", "self"})
_LABELS = {"current": "本期", "previous": "上期", "target": "目标"}
# 数值上限：千万亿（10 的 15 次方）。超过它几乎一定是多写了数字
# 小数位上限：再多的位数既印不出来，也会让计算溢出（1e-999999 这类写法）
MAX_PLACES = 10
DEFAULT_PLACES = 2  # 没写“小数位”时，算出的数最多保留的位数（去掉末尾的 0）
RATE_LIMITS = {"%": Decimal(100), "％": Decimal(100), "‰": Decimal(1000)}


def parse_number(value: Any, label: str) -> Decimal | None:
    """把表单里的一个数值读成 Decimal；读不了时抛出带中文说明的 ``ValueError``。"""
    if value is None:
        if label == "本期":
            raise ValueError("本期不能空着，要填一个数字")
        return None
    if isinstance(value, bool):
        raise ValueError(f"{label}要填数字，不能填 true/false")
    if isinstance(value, float):
        number = Decimal(str(value))
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        number = _parse_text(value, label)
    elif isinstance(value, (list, dict)):
        raise ValueError(f"{label}要填一个数字，现在填的是一组内容（列表或“键: 值”）")
    else:
        raise ValueError(f"{label}要填数字，现在填的是“{brief(value)}”")
    return bounded(number, label, value)


def bounded(number: Decimal, label: str, shown: Any) -> Decimal:
    """数值必须是普通的数：有限、绝对值小于千万亿、小数不超过 ``MAX_PLACES`` 位。

    只看数字本身（``as_tuple``），不做任何会受精度、指数范围影响的运算，所以 1e-999999、
    1e+999999999 这类写法也只是得到一条中文说明，不会溢出。"""
    if not number.is_finite():
        raise ValueError(f"{label}要填一个普通的数字（现在是“{brief(shown)}”）")
    _sign, digits, exponent = number.as_tuple()
    significant = "".join(map(str, digits)).rstrip("0")
    if not significant:
        return Decimal(0)
    assert isinstance(exponent, int)
    exponent += len(digits) - len(significant)  # 去掉末尾的 0：1.500 与 1.5 一样
    if exponent + len(significant) > 15:
        raise ValueError(f"{label}（{brief(shown)}）大得不合常理，请检查是否多写了数字；大额金额可用“万元”“亿元”作单位")
    if -exponent > MAX_PLACES:
        raise ValueError(f"{label}（{brief(shown)}）的小数超过了 {MAX_PLACES} 位，请检查是否写错；"
                         "很小的数请换一个单位（如用“‰”代替“%”）")
    return number


def is_placeholder(text: str) -> bool:
    """xx、某某、？？%……：只由占位字符（可夹空格、点、逗号）组成，至少有一个占位字符。线性时间。"""
    return _PLACEHOLDER.match(text) is not None and any(ch in _PLACEHOLDER_CHARS for ch in text)


def _parse_text(value: str, label: str) -> Decimal:
    text = value.strip().translate(_MINUS)
    if not text:
        raise ValueError(f"{label}不能空着，要填一个数字")
    if is_placeholder(text):
        raise ValueError(f"{label}必须是数字，现在还是占位符“{brief(value)}”，请填上实际数值")
    if _GROUPED.match(text):
        text = re.sub(r"[,，\u2009\u202f ]", "", text)
    try:
        number = Decimal(text)
    except InvalidOperation:
        unit = _WITH_UNIT.match(text)
        if unit and unit.group(1) in ("%", "％", "‰"):
            raise ValueError(f"{label}只写数字，百分号写在“单位”里（单位: {unit.group(1)}）") from None
        if unit:
            raise ValueError(f"{label}只写数字，“{unit.group(1)}”请写在“单位”里") from None
        raise ValueError(f"{label}要填数字，现在填的是“{brief(value)}”") from None
    return number


def is_rate(unit: str) -> bool:
    """单位是百分率或千分率（%、％、‰）。"""
    return unit.strip() in RATE_LIMITS


class Indicator(FormModel):
    """一个指标：正文里用 ``{{键}}`` 引用，派生数字用 ``{{键.同比}}`` 等。"""

    key: str = Field(alias="键", min_length=1, max_length=30, title="键",
                     description="正文中引用时用的简称，如 体检人数；在 {{体检人数}} 里使用")
    name: str = Field(alias="名称", min_length=1, title="名称", description="指标全称，如 城乡居民健康体检人数")
    current: Decimal = Field(alias="本期", title="本期", description="本年度（本期）数值，只写数字")
    previous: Decimal | None = Field(default=None, alias="上期", title="上期", description="上年度（上期）数值")
    target: Decimal | None = Field(default=None, alias="目标", title="目标", description="年度目标值")
    unit: str = Field(default="", alias="单位", title="单位", description="如 人、例、剂次、元、万元、%、‰")
    places: int | None = Field(default=None, ge=0, le=6, alias="小数位", title="小数位",
                               description="算出的增长率、完成率等固定保留几位小数（末尾的 0 也保留，如 增长5.0%）；"
                                           "不写时最多 2 位、去掉末尾的 0（增长50%、增长45.1%）")
    formula: str | None = Field(default=None, alias="公式", min_length=1, max_length=300, title="公式",
                                description="由其他指标算出，如 实种剂次 / 应种剂次 * 100：只能写指标的键、数字、"
                                            "+ - × ÷ 和括号；本期、上期、目标分别由各指标同一项算出")
    note: str | None = Field(default=None, alias="说明", title="说明", description="备注，不进入正文")
    sentence: str | None = Field(default=None, alias="表述", min_length=1, title="表述",
                                 description="固定的表述，如 共计体检{{本期}}，较去年{{上期}}{{同比}}；"
                                             "正文用 {{键.表述}} 引用")
    allow_negative: bool = Field(default=False, alias="允许负数", title="允许负数",
                                 description="数值可以为负（如利润、差额）时填 true")
    allow_over_100: bool = Field(default=False, alias="允许超过100", title="允许超过100",
                                 description="百分比可以超过 100（如增长率）时填 true")
    lower_better: bool = Field(default=False, alias="越低越好", title="越低越好",
                               description="死亡率、发病率这类越低越好的指标填 true：上升写“上升”，"
                                           "不高于目标才算完成")

    @field_validator("key", mode="before")
    @classmethod
    def _key_is_name(cls, value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError("键要写成一个词，如 体检人数")
        key = value.strip()
        if not key:
            raise ValueError("键不能为空，请填一个简称，如 体检人数")
        if len(key) > 30:
            raise ValueError(f"键“{key}”太长了（{len(key)} 个字），最多 30 个字，请用简称")
        if not key.isidentifier():
            raise ValueError(f"“{key}”不能作为键：键里只能有汉字、字母、数字和下划线，不能有空格、点或标点，"
                             "也不能以数字开头")
        if key in _JINJA_RESERVED:
            raise ValueError(f"“{key}”是模板里的保留字，不能作为键，请换一个（如用汉字简称）")
        return key

    @field_validator("name", mode="before")
    @classmethod
    def _name_present(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValueError("名称不能为空，请填写指标全称，如 城乡居民健康体检人数")
        return value

    @field_validator("current", "previous", "target", mode="before")
    @classmethod
    def _number(cls, value: Any, info: ValidationInfo) -> Any:
        return parse_number(value, _LABELS[info.field_name or "current"])

    @property
    def precision(self) -> int:
        """算出的数最多保留几位小数：写了“小数位”时是它，否则 2。"""
        return DEFAULT_PLACES if self.places is None else self.places

    @field_validator("places", mode="before")
    @classmethod
    def _precision_is_int(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("小数位要填 0 到 6 的整数，不能填 true/false")
        return value

    @field_validator("sentence", mode="before")
    @classmethod
    def _sentence_present(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            raise ValueError("表述不能是空的；不需要固定表述时，删掉“表述”这一行")
        return value

    @model_validator(mode="after")
    def _plausible(self) -> Indicator:
        values = {"本期": self.current, "上期": self.previous, "目标": self.target}
        limit = RATE_LIMITS.get(self.unit.strip())
        for label, value in values.items():
            if value is None:
                continue
            if value < 0 and not self.allow_negative:
                raise ValueError(f"{label}是负数（{value}）。如果确实为负，请在这个指标里加上“允许负数: true”")
            if limit is not None and value > limit and not self.allow_over_100:
                raise ValueError(f"{label} {value}{self.unit} 超过了 {limit}{self.unit}。"
                                 "如果确实如此，请在这个指标里加上“允许超过100: true”")
        return self
