"""按语法树计算公式的值：用分数（fractions.Fraction）精确计算，最后才化成 Decimal（60 位有效数字）。

以前逐步用 60 位的 Decimal 计算，乙 ÷ 0.5 × (丙 / 乙) 这类先除后乘的公式会差最后一位，正好落在 .5 上时
四舍五入到了另一边（-34199.5 算成 -34199.4999…，印成 -34199）。分数没有这个问题。"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, localcontext
from fractions import Fraction

from .parser import Name, Neg, Node, Num

_PRECISION = 60
_HUGE = 10 ** 100  # 远超任何指标（千万亿以上已经报“大得不合常理”）；防止中间结果无限变大


class DivideByZero(Exception):
    """除数为 0；``divisor`` 是除号右边那部分的文字说明（一个键时就是键）。"""

    def __init__(self, divisor: str) -> None:
        super().__init__(divisor)
        self.divisor = divisor


class TooLarge(Exception):
    """计算结果大得超出了可以处理的范围。"""


def evaluate(tree: Node, values: Mapping[str, Decimal]) -> Decimal:
    """代入各键的数值求值。除以 0 抛出 :class:`DivideByZero`，大得离谱时抛出 :class:`TooLarge`。"""
    exact = _eval(tree, {key: Fraction(value) for key, value in values.items()})
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return Decimal(exact.numerator) / Decimal(exact.denominator)


def _eval(node: Node, values: Mapping[str, Fraction]) -> Fraction:
    if isinstance(node, Num):
        return Fraction(node.value)
    if isinstance(node, Name):
        return values[node.key]
    if isinstance(node, Neg):
        return -_eval(node.operand, values)
    left = _eval(node.left, values)
    right = _eval(node.right, values)
    if node.op == "+":
        result = left + right
    elif node.op == "-":
        result = left - right
    elif node.op == "*":
        result = left * right
    elif right == 0:
        raise DivideByZero(node.right.key if isinstance(node.right, Name) else "除数")
    else:
        result = left / right
    if abs(result) > _HUGE:
        raise TooLarge()
    return result
