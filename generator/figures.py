"""派生数字与措辞：同比、增减、完成率、万元/亿元换算。

全部用 Decimal 计算、四舍五入（ROUND_HALF_UP），去掉末尾多余的 0，不加千位分隔符（GB/T 15835）。
率（单位为 % 或 ‰）的变化用“个百分点/个千分点”表述，绝不写成百分之几的增长。
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .errors import GenError
from .indicators import Indicator

RATE_UNITS = {"%": "个百分点", "％": "个百分点", "‰": "个千分点"}
YUAN_FACTORS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}


class FigureError(GenError):
    """某个派生数字无法计算（如没有上期数却引用了同比）。"""


def is_rate_unit(unit: str) -> bool:
    return unit.strip() in RATE_UNITS


def format_number(value: Decimal, places: int) -> str:
    """四舍五入到 ``places`` 位小数，去掉末尾的 0；不会出现“-0”和科学计数法。"""
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def show(value: Decimal) -> str:
    """原样显示填写的数字（88.64 仍是 88.64，2.50 显示为 2.5）。"""
    text = f"{value.normalize():f}"
    return "0" if text in ("-0", "") else text


def _rounds_to_zero(value: Decimal, places: int) -> bool:
    return format_number(abs(value), places) == "0"


def growth_wording(current: Decimal, previous: Decimal, *, unit: str = "", places: int = 2,
                   key: str = "") -> str:
    """同比措辞。数量：“增长107.02%”“下降3.13%”“持平”；率：“提高16.02个百分点”。"""
    if is_rate_unit(unit):
        diff = current - previous
        if _rounds_to_zero(diff, places):
            return "持平"
        verb = "提高" if diff > 0 else "下降"
        return f"{verb}{format_number(abs(diff), places)}{RATE_UNITS[unit.strip()]}"
    if previous == 0:
        raise FigureError(
            f"指标“{key}”的上期数是 0，无法计算同比增长率。请改用“{{{{{key}.增减}}}}”表述变化。"
            if key else "上期数是 0，无法计算同比增长率。")
    rate = (current - previous) / abs(previous) * 100
    if _rounds_to_zero(rate, places):
        return "持平"
    verb = "增长" if rate > 0 else "下降"
    return f"{verb}{format_number(abs(rate), places)}%"


def change_wording(current: Decimal, previous: Decimal, *, unit: str = "", places: int = 2) -> str:
    """绝对变化：“增加8126人”“减少2人”；率：“提高16.02个百分点”。"""
    if is_rate_unit(unit):
        return growth_wording(current, previous, unit=unit, places=places)
    diff = current - previous
    if diff == 0:
        return "持平"
    verb = "增加" if diff > 0 else "减少"
    return f"{verb}{show(abs(diff))}{unit}"


def completion_wording(current: Decimal, target: Decimal, *, places: int = 2, key: str = "") -> str:
    """完成率：“完成年度目标任务的96.5%”，超过 100% 为“超额完成年度目标任务（完成率108.3%）”。"""
    if target == 0:
        raise FigureError(f"指标“{key}”的目标是 0，无法计算完成率。" if key else "目标是 0，无法计算完成率。")
    rate = current / target * 100
    text = format_number(rate, places)
    if Decimal(text) > 100:
        return f"超额完成年度目标任务（完成率{text}%）"
    return f"完成年度目标任务的{text}%"


def to_yuan_unit(value: Decimal, unit: str, target: str, *, places: int = 2, key: str = "") -> str:
    """金额换算：567900元 → 56.79万元；345000000元 → 3.45亿元。不写成“3亿4500万”。"""
    if unit.strip() not in YUAN_FACTORS:
        raise FigureError(f"指标“{key}”的单位是“{unit}”，不是金额（元、万元、亿元），不能换算成{target}。")
    converted = value * YUAN_FACTORS[unit.strip()] / YUAN_FACTORS[target]
    return f"{format_number(converted, places)}{target}"


class Figure:
    """一个指标的派生数字。正文里 ``{{键}}``、``{{键.同比}}`` 等都取自这里。"""

    def __init__(self, indicator: Indicator) -> None:
        self.indicator = indicator

    @classmethod
    def from_indicator(cls, indicator: Indicator) -> Figure:
        return cls(indicator)

    def _with_unit(self, value: Decimal) -> str:
        return f"{show(value)}{self.indicator.unit}"

    def _need(self, value: Decimal | None, what: str) -> Decimal:
        if value is None:
            raise FigureError(f"指标“{self.indicator.key}”没有填写“{what}”，无法引用。请在指标里补上“{what}”。")
        return value

    def __str__(self) -> str:
        return self._with_unit(self.indicator.current)

    @property
    def 名称(self) -> str:
        return self.indicator.name

    @property
    def 本期(self) -> str:
        return str(self)

    @property
    def 上期(self) -> str:
        return self._with_unit(self._need(self.indicator.previous, "上期"))

    @property
    def 目标(self) -> str:
        return self._with_unit(self._need(self.indicator.target, "目标"))

    @property
    def 增减(self) -> str:
        ind = self.indicator
        return change_wording(ind.current, self._need(ind.previous, "上期"), unit=ind.unit,
                              places=ind.precision)

    @property
    def 同比(self) -> str:
        ind = self.indicator
        return growth_wording(ind.current, self._need(ind.previous, "上期"), unit=ind.unit,
                              places=ind.precision, key=ind.key)

    @property
    def 完成率(self) -> str:
        ind = self.indicator
        return completion_wording(ind.current, self._need(ind.target, "目标"), places=ind.precision,
                                  key=ind.key)

    @property
    def 万元(self) -> str:
        ind = self.indicator
        return to_yuan_unit(ind.current, ind.unit, "万元", places=ind.precision, key=ind.key)

    @property
    def 亿元(self) -> str:
        ind = self.indicator
        return to_yuan_unit(ind.current, ind.unit, "亿元", places=ind.precision, key=ind.key)

    @property
    def 表述(self) -> str:
        """指标自带的固定表述，如“共计体检{{本期}}，较去年{{上期}}{{同比}}”。"""
        from jinja2 import StrictUndefined, meta
        from jinja2.sandbox import SandboxedEnvironment

        template = self.indicator.sentence
        if not template:
            raise FigureError(f"指标“{self.indicator.key}”没有填写“表述”，无法引用。")
        env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
        try:
            tree = env.parse(template)
            context = self.context()
            used = {name: context[name] for name in meta.find_undeclared_variables(tree)}
            return env.from_string(tree).render(used)
        except GenError:
            raise
        except Exception:
            raise FigureError(f"指标“{self.indicator.key}”的“表述”写法不对：只能用 {{{{本期}}}}、{{{{上期}}}}、"
                              "{{同比}}、{{增减}}、{{完成率}}、{{目标}} 这些引用。") from None

    def context(self) -> FigureContext:
        """给“表述”模板用的映射：只有被引用的项才计算。"""
        return FigureContext(self)


class FigureContext(Mapping[str, str]):
    NAMES = ("名称", "本期", "上期", "目标", "增减", "同比", "完成率", "万元", "亿元")

    def __init__(self, figure: Figure) -> None:
        self.figure = figure

    def __getitem__(self, name: str) -> str:
        if name not in self.NAMES:
            raise KeyError(name)
        return str(getattr(self.figure, name))

    def __iter__(self) -> Iterator[str]:
        return iter(self.NAMES)

    def __len__(self) -> int:
        return len(self.NAMES)


def _filter(name: str) -> Callable[[Any], str]:
    def apply(value: Any) -> str:
        if isinstance(value, Figure):
            return str(getattr(value, name))
        raise FigureError(f"过滤器“{name}”只能用在指标上。")

    return apply


FILTERS: dict[str, Callable[..., Any]] = {
    "同比": _filter("同比"),
    "增减": _filter("增减"),
    "完成率": _filter("完成率"),
    "万元": _filter("万元"),
    "亿元": _filter("亿元"),
    "数字": format_number,
    "growth_wording": growth_wording,
    "change_wording": change_wording,
    "completion_wording": completion_wording,
}
