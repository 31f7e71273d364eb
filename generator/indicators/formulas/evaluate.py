"""按语法树计算公式的值（Decimal，60 位有效数字，不舍入）。"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext

from .parser import Name, Neg, Node, Num

_PRECISION = 60


class DivideByZero(Exception):
    """除数为 0；``divisor`` 是除号右边那部分的文字说明（一个键时就是键）。"""

    def __init__(self, divisor: str) -> None:
        super().__init__(divisor)
        self.divisor = divisor


class TooLarge(Exception):
    """计算结果大得超出了可以处理的范围。"""


def evaluate(tree: Node, values: Mapping[str, Decimal]) -> Decimal:
    """代入各键的数值求值。除以 0 抛出 :class:`DivideByZero`。"""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        ctx.traps[Overflow] = True
        ctx.traps[DivisionByZero] = True
        ctx.traps[InvalidOperation] = True
        try:
            return _eval(tree, values)
        except (Overflow, InvalidOperation):
            raise TooLarge() from None


def _eval(node: Node, values: Mapping[str, Decimal]) -> Decimal:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        return values[node.key]
    if isinstance(node, Neg):
        return -_eval(node.operand, values)
    left = _eval(node.left, values)
    right = _eval(node.right, values)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if right == 0:
        raise DivideByZero(node.right.key if isinstance(node.right, Name) else "除数")
    return left / right
