"""校验前的一步：按“公式”算出派生指标的本期、上期、目标，写回表单数据。

- 输入是其他指标同一项的数（本期由本期算，上期由上期算，目标由目标算）；派生指标也可以作为输入
  （率的率），计算用未舍入的值，结果按本指标的“小数位”四舍五入（与 :mod:`generator.indicators.figures` 相同）。
- 某个输入没有上期（或目标）时，派生指标也没有上期（或目标），这不是错误；正文引用它时才报错。
- 循环引用、不存在的键、除以 0、公式写法错误都带公式所在的行列报告；填写的本期与公式不符时给出提示，
  并按公式的结果使用。
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Set
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...errors import Collector, Diagnostic, Severity
from ...read.located import locate, locate_key
from ...read.source import SourceText
from ..figures import format_number, show
from ..model import parse_number
from .evaluate import DivideByZero, TooLarge, evaluate
from .parser import FormulaSyntaxError, Name, Node, names, parse

FIELDS = ("本期", "上期", "目标")
_LIMIT = Decimal(10) ** 15
_MAX_KEYS_SHOWN = 20


def places_of(raw: Mapping[str, Any]) -> int:
    """指标的“小数位”（填错时按默认的 2 位；错误由校验阶段报告）。"""
    value = raw.get("小数位", 2)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    return 2


def round_half_up(value: Decimal, places: int) -> Decimal:
    """与同比、完成率同样的四舍五入。"""
    return Decimal(format_number(value, places))


def evaluation_order(trees: Mapping[str, Node]) -> tuple[list[str], list[list[str]]]:
    """派生指标的计算顺序（输入在前）和找到的循环引用（每个循环是一条键的路径，首尾相同）。

    不用递归：一长串互相引用的公式也不会超出 Python 的递归深度。每个公式只访问一次。"""
    order: list[str] = []
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = 正在访问，2 = 已完成
    for start in trees:
        if state.get(start):
            continue
        stack: list[tuple[str, list[str]]] = [(start, [n.key for n in reversed(names(trees[start]))])]
        state[start] = 1
        while stack:
            key, pending = stack[-1]
            if not pending:
                stack.pop()
                state[key] = 2
                order.append(key)
                continue
            child = pending.pop()
            if child not in trees or state.get(child) == 2:
                continue
            if state.get(child) == 1:
                path = [k for k, _ in stack]
                cycles.append([*path[path.index(child):], child])
                continue
            state[child] = 1
            stack.append((child, [n.key for n in reversed(names(trees[child]))]))
    return order, cycles


def resolve_formulas(source: SourceText, data: Any, out: Collector,
                     cells: Mapping[str, Mapping[str, str]] | None = None, rejected: Set[str] = frozenset()) -> None:
    """对表单数据（ruamel 容器，带行列号）做公式计算，结果写回 ``data["指标"]``。

    ``cells``：从表格读入的指标（键 → 项 → 单元格位置），它们的问题指到单元格；
    ``rejected``：表格里因为填错没有读入的键（已经报过错），引用它们的公式不再报“不存在”。"""
    cells = cells or {}

    items = data.get("指标") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return
    index: dict[str, int] = {}
    for i, raw in enumerate(items):
        if isinstance(raw, dict) and isinstance(raw.get("键"), str):
            index.setdefault(raw["键"].strip(), i)
    if not any(isinstance(raw, dict) and "公式" in raw for raw in items):
        return

    def where(i: int, field: str, offset: int | None = None) -> tuple[int | None, int | None]:
        line, column, exact = locate(data, ("指标", i, field))
        if not exact or line is None or column is None or offset is None:
            return line, column
        text = source.line(line) or ""
        formula = str(items[i][field])
        at = column - 1
        if text[at:at + 1] in ("'", '"') and text[at + 1:].startswith(formula):
            at += 1
        elif not text[at:].startswith(formula):
            return line, column
        return line, at + offset + 1

    def report(i: int, message: str, offset: int | None = 0, field: str = "公式",
               severity: Severity = Severity.ERROR) -> None:
        key = str(items[i].get("键", "")).strip()
        if key in cells:
            place = cells[key].get(field) or cells[key].get("键", "")
            out.add(Diagnostic(message, severity=severity, file=Path(place)))
            return
        line, column = where(i, field, offset)
        out.add(source.diagnostic(message, line, column, severity=severity))

    trees: dict[str, Node] = {}
    failed: set[str] = set()
    for key, i in index.items():
        raw = items[i]
        if "公式" not in raw:
            continue
        text = raw["公式"]
        if text is None or (isinstance(text, str) and not text.strip()):
            empty = (f"指标“{key}”的“公式:”后面是空的。由其他指标算出时写公式，如 公式: 实种 / 应种 * 100；"
                     "不用公式时删掉“公式:”这一行，在“本期”填数字。")
            if key in cells:
                report(i, empty, None)
            else:  # 值是空的：指到“公式:”这个键所在的行
                out.add(source.diagnostic(empty, *locate_key(data, ("指标", i, "公式"))))
            failed.add(key)
            continue
        if not isinstance(text, str):  # 列表之类：校验阶段报告“这里应该是一段文字”
            failed.add(key)
            continue
        try:
            tree = parse(text)
        except FormulaSyntaxError as exc:
            report(i, f"指标“{key}”的{exc.message}。", exc.offset)
            failed.add(key)
            continue
        if any(n.key in rejected and n.key not in index for n in names(tree)):
            failed.add(key)  # 引用了表格里填错的行：那一行已经报过错
            continue
        unknown = _unknown(key, tree, index)
        if unknown is not None:
            report(i, unknown[0], unknown[1])
            failed.add(key)
            continue
        trees[key] = tree
    order, cycles = evaluation_order(trees)
    for path in cycles:
        first = path[0]
        report(index[first], f"指标“{first}”的公式循环引用：{' → '.join(path)}。"
               "公式最终要由填写了数字的指标算出，请去掉其中一个公式。")
        failed.update(path)

    values: dict[str, dict[str, Decimal | None]] = {}

    def value_of(key: str, field: str) -> Decimal | None:
        if key in values:
            return values[key][field]
        raw = items[index[key]]
        try:
            return parse_number(raw.get(field), field)
        except ValueError:
            return None  # 输入本身的错误由校验阶段报告

    for key in order:
        if key in failed:
            values[key] = dict.fromkeys(FIELDS)
            continue
        i = index[key]
        raw, tree = items[i], trees[key]
        inputs = {n.key for n in names(tree)}
        results: dict[str, Decimal | None] = {}
        for field in FIELDS:
            results[field] = None
            known = {k: value_of(k, field) for k in inputs}
            if any(v is None for v in known.values()):
                if field == "本期":
                    failed.add(key)
                    break
                continue
            try:
                exact = evaluate(tree, {k: v for k, v in known.items() if v is not None})
            except DivideByZero as zero:
                why = f"“{zero.divisor}”的{field}是 0" if zero.divisor in inputs else "除数是 0"
                if field == "本期":
                    report(i, f"指标“{key}”的公式算本期时除以 0（{why}），请检查填写的数字。")
                    failed.add(key)
                    break
                report(i, f"指标“{key}”的公式算{field}时除以 0（{why}），这个指标没有{field}数。",
                           severity=Severity.WARNING)
                continue
            except TooLarge:
                exact = _LIMIT
            if abs(exact) >= _LIMIT:
                report(i, f"指标“{key}”的公式算出的{field}大得不合常理（超过千万亿），请检查公式和填写的数字。")
                failed.add(key)
                break
            results[field] = exact
            differs = _store(raw, field, exact, key)
            if differs:
                report(i, differs, None, field, Severity.INFO)
        values[key] = results
    for key in failed:  # 出了错的派生指标：本期先填 0，免得校验阶段再报一条“本期不能空着”
        raw = items[index[key]]
        if raw.get("本期") is None:
            raw["本期"] = Decimal(0)


def _store(raw: Any, field: str, exact: Decimal, key: str) -> str | None:
    """按小数位写回算出的数；填写的数与它不符时返回提示（填写的数本身写错时保留它，由校验阶段报告）。"""
    places = places_of(raw)
    rounded = round_half_up(exact, places)
    typed = raw.get(field)
    if typed is not None:
        try:
            written = parse_number(typed, field)
        except ValueError:
            return None
        if written is not None and not _agrees(written, exact):
            raw[field] = rounded
            return (f"指标“{key}”填写的{field} {show(written)} 与公式算出的 {show(rounded)} 不一致，"
                 f"已按公式使用 {show(rounded)}。要用填写的数，请删掉“公式”；否则删掉填写的{field}。")
    raw[field] = rounded
    return None


def _agrees(written: Decimal, exact: Decimal) -> bool:
    """填写的数与公式的结果按填写的小数位四舍五入后相同（公式得 88.6398… 时，88.6 和 88.64 都算一致，88.46 不算）。"""
    exponent = written.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return round_half_up(exact, places) == written


def _unknown(key: str, tree: Node, index: Mapping[str, int]) -> tuple[str, int] | None:
    for name in names(tree):
        if name.key in index:
            continue
        return _unknown_message(key, name, list(index)), name.offset
    return None


def _unknown_message(key: str, name: Name, known: list[str]) -> str:
    guess = difflib.get_close_matches(name.key, known, n=1, cutoff=0.3)
    tip = f"是不是“{guess[0]}”？" if guess else ""
    shown = "、".join(known[:_MAX_KEYS_SHOWN]) + ("等" if len(known) > _MAX_KEYS_SHOWN else "")
    return f"指标“{key}”的公式引用了不存在的指标“{name.key}”。{tip}已有的指标键：{shown}。"
