"""汇总表的行列（.xlsx、.md 共用）：指标、单位、各县本期、合计、上期合计、同比。"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..indicators.figures import show
from .collect import Collected
from .totals import Total

MISSING = "—"
Value = Decimal | str


@dataclass
class Table:
    header: list[str]
    rows: list[list[Value]]
    places: list[int]  # 每行数字保留的小数位（Excel 的数字格式用）


def build_table(collected: Collected, result: dict[str, Total]) -> Table:
    header = ["指标", "单位", *[c.name for c in collected.counties], "合计", "上期合计", "同比"]
    rows: list[list[Value]] = []
    places: list[int] = []
    for key in collected.keys:
        total = result[key]
        counties: list[Value] = [MISSING if e is None else e.current for e in collected.entries(key)]
        current: Value = total.problem or _value(total.values["本期"])
        previous: Value = MISSING if total.problem else _value(total.values["上期"])
        rows.append([total.name, total.unit, *counties, current, previous, total.growth])
        numbers = [v for v in (*counties, current, previous) if isinstance(v, Decimal)]
        places.append(max((_places(v) for v in numbers), default=0))
    return Table(header, rows, places)


def _value(value: Decimal | None) -> Value:
    return MISSING if value is None else value


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def cell_text(value: Value, places: int | None = None) -> str:
    """单元格的文字。``places``：这一行统一保留的小数位（一行的数字小数位相同，2.5 与 2.75 同行时写 2.50）；
    不给时原样显示填写的数字。"""
    if not isinstance(value, Decimal):
        return value
    if places is None:
        return show(value)
    return f"{abs(value) if value == 0 else value:.{places}f}"  # 不写“-0.00”


def to_markdown(table: Table, title: str, notes: list[str]) -> str:
    """Markdown 表格（数字列右对齐），下面列出提示。"""

    def escape(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"# {title}", "", "| " + " | ".join(map(escape, table.header)) + " |",
             "|" + "|".join(["---", "---"] + ["---:"] * (len(table.header) - 3) + ["---"]) + "|"]
    lines += ["| " + " | ".join(escape(cell_text(v, places)) for v in row) + " |"
              for row, places in zip(table.rows, table.places, strict=True)]
    if notes:
        lines += ["", "## 汇总提示", ""] + [f"- {escape(note)}" for note in notes]
    return "\n".join(lines) + "\n"
