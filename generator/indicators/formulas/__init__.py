"""派生指标：``公式: 实种剂次 / 应种剂次 * 100``。解析（parser）、求值（evaluate）、写回表单（resolve）。"""

from .evaluate import DivideByZero, TooLarge, evaluate
from .parser import FormulaSyntaxError, Node, names, parse
from .resolve import evaluation_order, resolve_formulas, round_half_up

__all__ = ["DivideByZero", "FormulaSyntaxError", "Node", "TooLarge", "evaluate", "evaluation_order", "names",
           "parse", "resolve_formulas", "round_half_up"]
