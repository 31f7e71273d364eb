"""模板过滤器：``{{ 指标|同比 }}``、``{{ 82|同比(47, unit="人") }}``、``{{ x|万元 }}``、``{{ x|数字(1) }}``。

措辞与舍入都来自 :mod:`.figures`；这里只把模板里的值（指标或数字）交给它们。
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from .figures import (
    Figure,
    FigureError,
    change_wording,
    completion_wording,
    format_number,
    growth_wording,
    to_yuan_unit,
)
from .model import DEFAULT_PLACES, bounded


def as_decimal(value: Any, what: str = "数值") -> Decimal:
    """把模板里的数（Decimal、int、str；float 经 str 转换）变成 Decimal。不接受 true/false。"""
    if isinstance(value, bool) or value is None:
        raise FigureError(f"{what}要是数字，现在是“{value}”。")
    if isinstance(value, Decimal):
        number = value
    else:
        try:
            number = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            raise FigureError(f"{what}要是数字，现在是“{value}”。") from None
    try:
        return bounded(number, what, value)
    except ValueError as exc:
        raise FigureError(f"{exc}。") from None


def _pair_filter(name: str, wording: Callable[..., str], other: str) -> Callable[..., str]:
    """``{{ 指标|同比 }}``，或用在数字上：``{{ 82|同比(47, unit="人") }}``。"""

    def apply(value: Any, second: Any = None, unit: str = "", places: int | None = None) -> str:
        if isinstance(value, Figure):
            if second is not None:
                raise FigureError(f"过滤器“{name}”用在指标上时不用再给{other}。")
            return str(getattr(value, name))
        if second is None:
            raise FigureError(f"过滤器“{name}”用在数字上时要给出{other}，如 {{{{ 本期|{name}({other}) }}}}。")
        # 给了 places 就固定保留那么多位（同指标的“小数位”），否则最多 2 位、去掉末尾的 0
        return wording(as_decimal(value, "本期"), as_decimal(second, other), unit=unit,
                       places=DEFAULT_PLACES if places is None else places, fixed=places is not None)

    apply.__name__ = name
    return apply


def _money_filter(target: str) -> Callable[..., str]:
    """``{{ 指标|万元 }}``，或 ``{{ 567900|万元 }}``（默认单位为元）、``{{ x|亿元("万元") }}``。"""

    def apply(value: Any, unit: str = "元", places: int = 2) -> str:
        if isinstance(value, Figure):
            return str(getattr(value, target))
        return to_yuan_unit(as_decimal(value), unit, target, places=places)

    apply.__name__ = target
    return apply


def _number_filter(value: Any, places: int = 2) -> str:
    """``{{ x|数字 }}``：四舍五入到 places 位小数、去掉末尾的 0。"""
    return format_number(as_decimal(value), places)


FILTERS: dict[str, Callable[..., Any]] = {
    "同比": _pair_filter("同比", growth_wording, "上期"),
    "增减": _pair_filter("增减", change_wording, "上期"),
    "完成率": _pair_filter("完成率", completion_wording, "目标"),
    "万元": _money_filter("万元"),
    "亿元": _money_filter("亿元"),
    "数字": _number_filter,
    "growth_wording": growth_wording,
    "change_wording": change_wording,
    "completion_wording": completion_wording,
}
