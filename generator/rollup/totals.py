"""汇总的第二步：求合计。

- 数量、金额（人、次、元、万元……）直接相加；
- 有“公式”的指标用相加后的输入重新计算（全市的率只能这样算）；
- 率和“每……”（%、‰、‱、/10万、元/人……）没有公式时不相加，合计写“无法汇总（缺少公式）”并提示加上公式；
- 同比、增减由合计的本期、上期算出。
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..errors import Diagnostic, Severity
from ..indicators.figures import FigureError, change_wording, growth_wording
from ..indicators.formulas import DivideByZero, Node, TooLarge, evaluate, evaluation_order, names, parse, round_half_up
from ..indicators.formulas.parser import FormulaSyntaxError
from .collect import Collected
from .consistent import not_additive

NO_FORMULA = "无法汇总（缺少公式）"
INCONSISTENT = "无法汇总（各县不一致）"  # --跳过不一致：单位、公式不同，或有的县直接填率
DEPENDS = "无法汇总（公式用到的指标无法汇总）"
FIELDS = ("本期", "上期", "目标")
_ATTRS = {"本期": "current", "上期": "previous", "目标": "target"}


@dataclass
class Total:
    key: str
    name: str
    unit: str
    places: int
    lower_better: bool
    values: dict[str, Decimal | None]  # 本期/上期/目标 的合计
    problem: str | None = None  # 有值时合计一栏显示它（如“无法汇总（缺少公式）”）
    derived: bool = False

    @property
    def growth(self) -> str:
        """同比（由合计的本期、上期算出）；算不了时为“—”。"""
        return self._wording(growth_wording)

    @property
    def change(self) -> str:
        """增减量；算不了时为“—”。"""
        return self._wording(change_wording)

    def _wording(self, wording: Callable[..., str]) -> str:
        current, previous = self.values["本期"], self.values["上期"]
        if self.problem or current is None or previous is None:
            return "—"
        try:
            return wording(current, previous, unit=self.unit, places=self.places, lower_better=self.lower_better)
        except FigureError:  # 上期为 0：没有增长率
            return "—"


def totals(collected: Collected, skipped: Mapping[str, Diagnostic] | None = None,
           ) -> tuple[dict[str, Total], list[Diagnostic]]:
    """每个键的合计和汇总过程中的提示。``skipped``：各县不一致、不汇总的键（--跳过不一致）及原因。"""
    skipped = skipped or {}
    warnings: list[Diagnostic] = list(skipped.values())
    result: dict[str, Total] = {}
    trees: dict[str, Node] = {}
    for key in collected.keys:
        entries = [e for e in collected.entries(key) if e is not None]
        first = entries[0]
        total = Total(key, first.name, first.unit, first.precision, first.lower_better, dict.fromkeys(FIELDS))
        result[key] = total
        if key in skipped:
            total.problem = INCONSISTENT
            continue
        formula = next((e.formula for e in entries if e.formula), None)
        if formula:
            try:
                tree = parse(formula)
            except FormulaSyntaxError:  # 各县表单已经校验过；这里只是保险
                total.problem = NO_FORMULA
                continue
            if all(n.key in collected.keys for n in names(tree)):
                trees[key] = tree
                total.derived = True
                continue
        if not_additive(first.unit):
            total.problem = NO_FORMULA
            warnings.append(Diagnostic(
                f"指标“{key}”（{first.name}）的单位是“{first.unit.strip()}”（率或人均数），没有公式，各县的数不能相加，合计一栏写了"
                f"“{NO_FORMULA}”。请在各县表单里给它写公式，如 公式: 分子的键 / 分母的键 * 100，"
                "再汇总就能算出全市的率。", severity=Severity.WARNING))
            continue
        for field in FIELDS:
            values = [getattr(e, _ATTRS[field]) for e in entries]
            if field == "本期" or all(v is not None for v in values):
                total.values[field] = sum((v for v in values if v is not None), Decimal(0))
    order, _cycles = evaluation_order(trees)  # 各县表单里已经排除了循环
    for key in order:
        total = result[key]
        for field in FIELDS:
            inputs = {n.key: result[n.key].values[field] for n in names(trees[key])}
            if any(result[k].problem for k in inputs) or any(v is None for v in inputs.values()):
                if field == "本期":
                    total.problem = DEPENDS if any(result[k].problem for k in inputs) else NO_FORMULA
                continue
            try:
                exact = evaluate(trees[key], {k: v for k, v in inputs.items() if v is not None})
            except (DivideByZero, TooLarge):
                continue
            total.values[field] = round_half_up(exact, total.places)
    return result, warnings
