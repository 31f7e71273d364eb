"""汇总之前先看各县的表单能不能如实相加；不能时拒绝汇总（不写任何文件），每条都写明是哪几个县、在哪一行：

- 同一份表单给了两次（路径写法不同、符号链接、内容完全相同的两个文件），或两份表单的“单位”相同；
- 年度或类型不同（2023 年和 2024 年的数不能相加）；
- 同一个指标各县的单位不同（万元和元不能直接相加，gen 不替您换算）；
- 同一个指标各县的公式不同，或有的县用公式、有的县直接填了数（全市的率只能用一个公式从合计算出）。
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import Diagnostic, FormError, Severity
from .collect import County

REFUSED = "没有汇总，也没有写出任何文件：这样相加得出的合计是错的。请改正上面的问题后重新运行。"


class RollupRefused(FormError):
    """各县的表单不能如实相加：列出每个原因。"""

    def closing_lines(self) -> list[str]:
        return [REFUSED]


def not_additive(unit: str) -> bool:
    """单位是不是率或“每……”（%、‰、‱、/10万、1/10万、元/人、每千人……）：这类数各县不能相加。"""
    text = "".join(unit.split())
    return any(mark in text for mark in ("%", "％", "‰", "‱", "/", "／", "每", "率"))


PARTIAL_HINT = ("要先汇总其余的指标，可以加 --跳过不一致（--allow-partial）：这些指标的合计一栏写“无法汇总”，"
                "并在提示里写明原因，其余指标照常合计。")


def check_consistent(counties: list[County], *, partial: bool = False) -> dict[str, Diagnostic]:
    """发现不能如实相加的地方时抛出 :class:`RollupRefused`。

    ``partial``（--跳过不一致）：单个指标的问题（单位、公式不同，有的县直接填率）不拒绝，返回 键 → 原因，
    这些指标的合计写“无法汇总”；整份表单的问题（同一份两次、单位相同、年度或类型不同）照样拒绝。"""
    forms = [*_same_form(counties), *_same_heading(counties)]
    keys: dict[str, list[Diagnostic]] = {}
    for key, diagnostic in _indicators(counties):
        keys.setdefault(key, []).append(diagnostic)
    if forms or (keys and not partial):
        problems = forms + [d for found in keys.values() for d in found]
        if keys and not forms:
            problems.append(Diagnostic(PARTIAL_HINT, severity=Severity.INFO))
        raise RollupRefused(problems)
    return {key: Diagnostic("".join(d.message for d in found) + "这个指标的合计一栏写了“无法汇总”。",
                            severity=Severity.WARNING) for key, found in keys.items()}


def _who(county: County, place: str | None = None) -> str:
    return f"{county.name}（{place or county.path}）"


def _same_form(counties: list[County]) -> Iterable[Diagnostic]:
    seen: dict[object, County] = {}
    for county in counties:
        try:
            resolved: object = county.path.resolve()
        except OSError:
            resolved = county.path.absolute()
        for token, why in ((("path", resolved), "是同一个文件"), (("content", county.digest), "内容完全相同")):
            earlier = seen.get(token)
            if earlier is not None:
                yield Diagnostic(f"“{earlier.path}”和“{county.path}”{why}：同一份表单给了两次，合计会把"
                                 f"{county.name}算两遍。请只保留一份。", file=Path(county.path))
                break
            seen[token] = county
        else:
            unit = seen.get(("unit", county.name))
            if unit is not None:
                yield Diagnostic(f"两份表单的单位都是“{county.name}”：{unit.heads.get('单位', unit.path)} 和 "
                                 f"{county.heads.get('单位', county.path)}。同一个单位只能汇总一份"
                                 "（可能一份是修改稿、一份是原稿），请只保留一份。", file=Path(county.path))
            seen[("unit", county.name)] = county


def _same_heading(counties: list[County]) -> Iterable[Diagnostic]:
    for label, value in (("年度", lambda c: str(c.year)), ("类型", lambda c: c.kind)):
        groups: dict[str, list[County]] = {}
        for county in counties:
            groups.setdefault(value(county), []).append(county)
        if len(groups) > 1:
            parts = "；".join(f"{v}：" + "、".join(_who(c, c.heads.get(label)) for c in group)
                             for v, group in groups.items())
            yield Diagnostic(f"各县表单的{label}不同，不能放在一起汇总（{parts}）。请只汇总同一{label}的表单。")


def _indicators(counties: list[County]) -> Iterable[tuple[str, Diagnostic]]:
    keys: dict[str, None] = {}
    for county in counties:
        keys.update(dict.fromkeys(county.indicators))
    for key in keys:
        present = [c for c in counties if key in c.indicators]
        units: dict[str, list[County]] = {}
        formulas: dict[str, list[County]] = {}
        typed: list[County] = []
        for county in present:
            indicator = county.indicators[key]
            units.setdefault("".join(indicator.unit.split()), []).append(county)
            if indicator.formula:
                formulas.setdefault("".join(indicator.formula.split()), []).append(county)
            else:
                typed.append(county)
        if len(units) > 1:
            parts = "；".join(f"“{unit or '（空）'}”：" + "、".join(_who(c, c.places.get(key)) for c in group)
                             for unit, group in units.items())
            yield key, Diagnostic(f"指标“{key}”各县的单位不同（{parts}），数字不能直接相加。"
                             "请把各县表单统一成同一个单位（如都用万元）后再汇总。")
        if len(formulas) > 1:
            parts = "；".join(f"{formula}：" + "、".join(_who(c, c.places.get(key)) for c in group)
                             for formula, group in formulas.items())
            yield key, Diagnostic(f"指标“{key}”各县的公式不同（{parts}），全市的数只能用同一个公式算出。"
                             "请把各县的公式统一后再汇总。")
        if formulas and typed:
            with_formula = "、".join(_who(c, c.places.get(key)) for group in formulas.values() for c in group)
            without = "、".join(_who(c, c.places.get(key)) for c in typed)
            yield key, Diagnostic(f"指标“{key}”在 {with_formula} 由公式算出，在 {without} 却直接填了数。"
                             "全市的数要用各县的分子、分母合计后再算，直接填的数没法并进去（也不能丢掉）。"
                             "请在这些县的表单里也填上公式用到的指标和同样的公式后再汇总。")
