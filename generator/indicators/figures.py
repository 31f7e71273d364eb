"""派生数字与措辞：同比、增减、完成率、万元/亿元换算。

全部用 Decimal 计算、四舍五入（ROUND_HALF_UP），不加千位分隔符（GB/T 15835）。

小数位的规则（README“数字”一节）：gen 算出来的数——同比增长率、完成率、个百分点/个千分点、
金额换算（万元、亿元）和增减量——默认最多保留 2 位小数，去掉末尾的 0（增长50%、增长45.1%、
完成年度目标任务的100%、提高2.2个百分点），就像文秘手写的那样；
指标写了“小数位”（或表单顶层写了一次“小数位”，对所有没写的指标有效）时，百分数固定保留那么多位，
末尾的 0 也保留（公报体“增长5.0%”）；金额换算和增减量仍去掉末尾的 0（56.79万元、增加2.5万元）。
舍入一律四舍五入（ROUND_HALF_UP），正文、表格、汇总、编辑页都用这里的函数。
填写的原始数字（本期、上期、目标）照填写的样子显示。

率（单位为 % 或 ‰）的变化用“个百分点/个千分点”表述，绝不写成百分之几的增长；率与目标的比较也用
百分点（“高于目标0.20个百分点”），不写成完成率。“越低越好”的指标（死亡率、发病率）上升写“上升”，
达到目标是指不高于目标。
“持平”的判定：变化量（数量看增长率，率看差值）按指标的小数位四舍五入后为 0。
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ..errors import GenError, Severity
from .model import Indicator, is_rate

RATE_UNITS = {"%": "个百分点", "％": "个百分点", "‰": "个千分点"}
YUAN_FACTORS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_PRECISION = 60  # 计算用的有效数字位数，远超任何可能的输入


class FigureError(GenError):
    """某个派生数字无法计算（如没有上期数却引用了同比）。"""


def is_rate_unit(unit: str) -> bool:
    """单位是不是率（%、％、‰）：率的变化用“个百分点/个千分点”表述。"""
    return is_rate(unit)


def _of(key: str) -> str:
    return f"指标“{key}”的" if key else ""


def format_number(value: Decimal, places: int) -> str:
    """四舍五入（ROUND_HALF_UP）到 ``places`` 位小数，去掉末尾的 0。

    不会出现“-0”、科学计数法和千位分隔符。
    """
    with localcontext() as ctx:
        ctx.prec = max(_PRECISION, value.adjusted() + places + 2)
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_fixed(value: Decimal, places: int) -> str:
    """四舍五入到 ``places`` 位小数，保留末尾的 0（百分数的位数一致：5.00、108.30）。"""
    text = format_number(value, places)
    if places == 0:
        return text
    whole, _, fraction = text.partition(".")
    return f"{whole}.{fraction.ljust(places, '0')}"


def format_places(value: Decimal, places: int, fixed: bool) -> str:
    """百分数的写法：``fixed``（写了“小数位”）时保留 ``places`` 位、末尾的 0 也保留，否则去掉末尾的 0。"""
    return format_fixed(value, places) if fixed else format_number(value, places)


def _is_zero(text: str) -> bool:
    return Decimal(text) == 0


def show(value: Decimal) -> str:
    """原样显示填写的数字（88.64 仍是 88.64，2.50 显示为 2.5），不做四舍五入。"""
    text = f"{value.normalize():f}"
    return "0" if text in ("-0", "") else text


def _divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return numerator / denominator * 100


def growth_rate(current: Decimal, previous: Decimal, *, key: str = "") -> Decimal:
    """同比增长率（%，未舍入）：(本期 - 上期) / |上期| × 100。上期为 0 时抛出 FigureError。"""
    if previous == 0:
        raise FigureError(
            f"{_of(key)}上期数是 0，无法计算同比增长率。"
            + (f"请改用“{{{{{key}.增减}}}}”表述变化。" if key else "请改用增减量表述变化。"))
    return _divide(current - previous, abs(previous))


def growth_wording(current: Decimal, previous: Decimal, *, unit: str = "", places: int = 2,
                   key: str = "", lower_better: bool = False, fixed: bool = False) -> str:
    """同比措辞。数量：“增长107.02%”“下降3.1%”“持平”；率：“提高16.02个百分点”。

    ``fixed``：固定保留 ``places`` 位小数（“增长5.00%”）；否则最多 ``places`` 位、去掉末尾的 0（“增长5%”）。

    ``lower_better``（越低越好）：升高写“上升”，不写“增长/提高”（死亡率“提高”读起来像成绩）。
    """
    if is_rate_unit(unit):
        diff = current - previous
        shown = format_places(abs(diff), places, fixed)
        if _is_zero(shown):
            return "持平"
        rise = "上升" if lower_better else "提高"
        return f"{rise if diff > 0 else '下降'}{shown}{RATE_UNITS[unit.strip()]}"
    rate = growth_rate(current, previous, key=key)
    shown = format_places(abs(rate), places, fixed)
    if _is_zero(shown):
        return "持平"
    rise = "上升" if lower_better else "增长"
    return f"{rise if rate > 0 else '下降'}{shown}%"


def change_wording(current: Decimal, previous: Decimal, *, unit: str = "", places: int = 2,
                   lower_better: bool = False, fixed: bool = False) -> str:
    """绝对变化：“增加8126人”“减少2人”“持平”；率：“提高16.02个百分点”（同“同比”）。"""
    if is_rate_unit(unit):
        return growth_wording(current, previous, unit=unit, places=places, lower_better=lower_better,
                              fixed=fixed)
    diff = current - previous
    shown = format_number(abs(diff), places)
    if shown == "0":
        return "持平"
    return f"{'增加' if diff > 0 else '减少'}{shown}{unit}"


def completion_rate(current: Decimal, target: Decimal, *, key: str = "") -> Decimal:
    """完成率（%，未舍入）：本期 / 目标 × 100。目标为 0 或负数时抛出 FigureError。"""
    if target == 0:
        raise FigureError(f"{_of(key)}目标是 0，无法计算完成率。")
    if target < 0:
        raise FigureError(f"{_of(key)}目标是负数（{show(target)}），无法计算完成率。")
    return _divide(current, target)


def completion_wording(current: Decimal, target: Decimal, *, places: int = 2, key: str = "",
                       unit: str = "", lower_better: bool = False, fixed: bool = False) -> str:
    """与目标比较。

    - 数量：“完成年度目标任务的96.5%”，超过 100% 为“超额完成年度目标任务（完成率108.3%）”；
      是否“超额”按显示出来的数判断（舍入后正好 100 的不算超额）。
    - 率（%、‰）：比差值，“高于目标0.20个百分点”“低于目标1.36个百分点”“达到年度目标”。
    - 越低越好：不高于目标即完成，“低于目标0.30个千分点，完成年度控制目标”；
      高于目标为“高于目标……，未完成年度控制目标”；数量则为“控制在年度目标以内”“超出年度目标12例”。
    """
    if is_rate_unit(unit):
        diff = current - target
        shown = format_places(abs(diff), places, fixed)
        points = RATE_UNITS[unit.strip()]
        goal = "年度控制目标" if lower_better else "年度目标"
        if _is_zero(shown):
            return f"达到{goal}"
        side = "高于" if diff > 0 else "低于"
        text = f"{side}目标{shown}{points}"
        if lower_better:
            text += "，未完成年度控制目标" if diff > 0 else "，完成年度控制目标"
        return text
    if lower_better:
        diff = current - target
        if format_number(diff, places) == "0" or diff < 0:
            return "控制在年度目标以内"
        return f"超出年度目标{format_number(diff, places)}{unit}"
    text = format_places(completion_rate(current, target, key=key), places, fixed)
    if Decimal(text) > 100:
        return f"超额完成年度目标任务（完成率{text}%）"
    return f"完成年度目标任务的{text}%"


def completion_cell(current: Decimal, target: Decimal, *, places: int = 2, key: str = "", unit: str = "",
                    lower_better: bool = False, fixed: bool = False) -> str:
    """表格“完成情况”一格的简短写法：同一个数，去掉“年度目标任务”这类正文里的套话，窄列里排一两行。

    数量：“完成96.5%”“超额完成108.3%”；率：“高于目标0.2个百分点”“达到目标”；越低越好：
    “低于目标0.8个千分点”“控制在目标以内”“超出目标12例”（是否完成看“高于/低于”即知）。"""
    if is_rate_unit(unit) or lower_better:
        text = completion_wording(current, target, places=places, key=key, unit=unit,
                                  lower_better=lower_better, fixed=fixed)
        text = text.split("，", 1)[0]
        return text.replace("年度控制目标", "目标").replace("年度目标", "目标")
    rate = format_places(completion_rate(current, target, key=key), places, fixed)
    return f"超额完成{rate}%" if Decimal(rate) > 100 else f"完成{rate}%"


def to_yuan_unit(value: Decimal, unit: str, target: str, *, places: int = 2, key: str = "") -> str:
    """金额换算：567900元 → 56.79万元；345000000元 → 3.45亿元。不写成“3亿4500万”。"""
    source = unit.strip()
    if source not in YUAN_FACTORS or target not in YUAN_FACTORS:
        raise FigureError(f"{_of(key)}单位是“{unit}”，不是金额（元、万元、亿元），不能换算成{target}。")
    converted = value * YUAN_FACTORS[source] / YUAN_FACTORS[target]
    text = format_number(converted, places)
    if text == "0" and value != 0:
        raise FigureError(f"{_of(key)}数值 {show(value)}{source} 换算成{target}后不足 "
                          f"{format_number(Decimal(1).scaleb(-places), places)}{target}，请直接用原单位表述。")
    return f"{text}{target}"


def to_wan(value: Decimal, unit: str = "元", *, places: int = 2, key: str = "") -> str:
    """换算成万元：567900元 → “56.79万元”。"""
    return to_yuan_unit(value, unit, "万元", places=places, key=key)


def to_yi(value: Decimal, unit: str = "元", *, places: int = 2, key: str = "") -> str:
    """换算成亿元：345000000元 → “3.45亿元”；34500万元 → “3.45亿元”。"""
    return to_yuan_unit(value, unit, "亿元", places=places, key=key)


class Figure:
    """一个指标的派生数字。正文里 ``{{键}}``、``{{键.同比}}`` 等都取自这里。

    中文属性都是 property（计算阶段据此列出可引用的项），引用时才计算。
    """

    def __init__(self, indicator: Indicator, form_places: int | None = None) -> None:
        self.indicator = indicator
        # 指标自己的“小数位”优先，其次是表单顶层的“小数位”；都没写时最多 2 位、去掉末尾的 0
        chosen = indicator.places if indicator.places is not None else form_places
        self.fixed = chosen is not None
        self.places = indicator.precision if chosen is None else chosen

    @classmethod
    def from_indicator(cls, indicator: Indicator, form_places: int | None = None) -> Figure:
        return cls(indicator, form_places)

    def __repr__(self) -> str:
        return f"Figure({self.indicator.key}={self})"

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
                              places=self.places, lower_better=ind.lower_better, fixed=self.fixed)

    @property
    def 同比(self) -> str:
        ind = self.indicator
        return growth_wording(ind.current, self._need(ind.previous, "上期"), unit=ind.unit,
                              places=self.places, key=ind.key, lower_better=ind.lower_better, fixed=self.fixed)

    @property
    def 完成率(self) -> str:
        ind = self.indicator
        return completion_wording(ind.current, self._need(ind.target, "目标"), places=self.places,
                                  key=ind.key, unit=ind.unit, lower_better=ind.lower_better, fixed=self.fixed)

    def completion_cell(self) -> str:
        """表格“完成情况”一格（简短写法，见 :func:`completion_cell`）。不是中文属性：正文里不能引用。"""
        ind = self.indicator
        return completion_cell(ind.current, self._need(ind.target, "目标"), places=self.places, key=ind.key,
                               unit=ind.unit, lower_better=ind.lower_better, fixed=self.fixed)

    @property
    def 万元(self) -> str:
        ind = self.indicator
        return to_wan(ind.current, ind.unit, places=self.places, key=ind.key)

    @property
    def 亿元(self) -> str:
        ind = self.indicator
        return to_yi(ind.current, ind.unit, places=self.places, key=ind.key)

    @property
    def 表述(self) -> str:
        """指标自带的固定表述，如“共计体检{{本期}}，较去年{{上期}}{{同比}}”。

        不经过模板引擎：只认 :data:`FigureContext.NAMES` 里的引用，直接代入（见 :mod:`.references`）。"""
        from .references import scan, substitute

        template = self.indicator.sentence
        if not template:
            raise FigureError(f"指标“{self.indicator.key}”没有填写“表述”，无法引用。")
        marks = scan(template)
        if any((m.key is None and m.severity is Severity.ERROR) or m.attr is not None
               or (m.key is not None and m.key not in FigureContext.NAMES) for m in marks):
            names = "、".join(f"{{{{{name}}}}}" for name in FigureContext.NAMES)
            raise FigureError(f"指标“{self.indicator.key}”的“表述”写法不对：只能用 {names} 这些引用。")
        context = self.context()
        return substitute(template, marks, lambda key, _attr: context[key])

    def context(self) -> FigureContext:
        """给“表述”模板用的映射：只有被取用的项才计算（取不到时抛出 FigureError）。"""
        return FigureContext(self)


class FigureContext(Mapping[str, str]):
    """``名称/本期/上期/目标/增减/同比/完成率/万元/亿元`` → 文字，取用时才计算。

    注意：``Template.render(mapping)`` 会先 ``dict(mapping)``，把每一项都算一遍；
    要保持“只算被引用的项”，先用 ``jinja2.meta.find_undeclared_variables`` 找出引用，
    再把 :meth:`subset` 的结果交给 ``render``（:attr:`Figure.表述` 就是这样做的）。
    """

    NAMES = ("名称", "本期", "上期", "目标", "增减", "同比", "完成率", "万元", "亿元")

    def __init__(self, figure: Figure) -> None:
        self.figure = figure

    def __getitem__(self, name: str) -> str:
        if name not in self.NAMES:
            raise KeyError(name)
        return str(getattr(self.figure, name))

    def __contains__(self, name: object) -> bool:  # 不计算取值（Mapping 默认的实现会计算）
        return name in self.NAMES

    def __iter__(self) -> Iterator[str]:
        return iter(self.NAMES)

    def __len__(self) -> int:
        return len(self.NAMES)

    def subset(self, names: Iterable[str]) -> dict[str, str]:
        """只计算 ``names`` 里的项；不认识的名字抛出 KeyError。"""
        return {name: self[name] for name in names}
