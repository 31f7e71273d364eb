"""指标公式（``公式: 实种剂次 / 应种剂次 * 100``）的词法与语法分析。

只认：指标的键、数字、加减乘除（半角 ``+ - * /`` 或 ``＋ － × ÷`` 等全角写法）和圆括号。
手写的递归下降分析，不用 ``eval``；长度、记号数和嵌套深度都有上限，任何输入都在线性时间内
得到语法树或一条带列号的中文说明。
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_LENGTH = 300  # 公式最多这么多个字
MAX_DEPTH = 20  # 括号、正负号最多嵌套这么多层

_NORMALIZE = str.maketrans({
    "（": "(", "）": ")", "＋": "+", "－": "-", "−": "-", "—": "-", "×": "*", "＊": "*", "✕": "*",
    "÷": "/", "／": "/", "．": ".", "\u3000": " ", "\t": " ",
    **{chr(0xFF10 + d): str(d) for d in range(10)},
})
_OPERATORS = "+-*/()"


@dataclass(frozen=True)
class Num:
    value: Decimal


@dataclass(frozen=True)
class Name:
    key: str
    offset: int  # 在公式文字里的位置（从 0 开始）


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class BinOp:
    op: str  # + - * /
    left: Node
    right: Node
    offset: int  # 运算符的位置


Node = Num | Name | Neg | BinOp


class FormulaSyntaxError(Exception):
    """公式写得不对；``offset`` 是出错处在公式文字里的位置（从 0 开始）。"""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class _Token:
    kind: str  # num / name / op / end
    text: str
    offset: int


def normalize(text: str) -> str:
    """全角的括号、运算符、数字换成半角（长度不变，列号仍对得上）。"""
    return text.translate(_NORMALIZE)


def tokenize(text: str) -> list[_Token]:
    """切成记号；不认识的字符带位置报错。"""
    plain = normalize(text)
    tokens: list[_Token] = []
    i = 0
    while i < len(plain):
        ch = plain[i]
        if ch == " ":
            i += 1
        elif ch in _OPERATORS:
            tokens.append(_Token("op", ch, i))
            i += 1
        elif ch.isdigit() and ch.isascii():
            start = i
            while i < len(plain) and ((plain[i].isascii() and plain[i].isdigit()) or plain[i] == "."):
                i += 1
            tokens.append(_Token("num", plain[start:i], start))
        elif ch == "_" or ch.isalpha():
            start = i
            while i < len(plain) and (plain[i] == "_" or plain[i].isalnum()):
                i += 1
            tokens.append(_Token("name", plain[start:i], start))
        else:
            raise FormulaSyntaxError(
                f"公式里不能有“{text[i]}”：只能写指标的键、数字、+ - × ÷ 和括号", i)
    tokens.append(_Token("end", "", len(plain)))
    return tokens


def parse(text: str) -> Node:
    """把公式文字解析成语法树。"""
    if not text.strip():
        raise FormulaSyntaxError("公式是空的：写成 键 / 键 * 100 这样的算式，不需要公式就删掉这一行")
    if len(text) > MAX_LENGTH:
        raise FormulaSyntaxError(f"公式太长了（{len(text)} 个字，最多 {MAX_LENGTH} 个字），请拆成几个指标")
    parser = _Parser(tokenize(text))
    tree = parser.expression(0)
    token = parser.peek()
    if token.kind != "end":
        what = "右括号“)”多了一个" if token.text == ")" else f"“{token.text}”前面缺少运算符"
        raise FormulaSyntaxError(f"公式写得不对：{what}", token.offset)
    return tree


def names(tree: Node) -> list[Name]:
    """公式里引用的键，按出现顺序（不用递归：深度已有上限，但这样更简单可靠）。"""
    found: list[Name] = []
    stack: list[Node] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Name):
            found.append(node)
        elif isinstance(node, Neg):
            stack.append(node.operand)
        elif isinstance(node, BinOp):
            stack.extend((node.right, node.left))
    return found


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expression(self, depth: int) -> Node:
        node = self.term(depth)
        while self.peek().text in ("+", "-") and self.peek().kind == "op":
            op = self.take()
            node = BinOp(op.text, node, self.term(depth), op.offset)
        return node

    def term(self, depth: int) -> Node:
        node = self.factor(depth)
        while self.peek().text in ("*", "/") and self.peek().kind == "op":
            op = self.take()
            node = BinOp(op.text, node, self.factor(depth), op.offset)
        return node

    def factor(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise FormulaSyntaxError(f"公式的括号嵌套太深（超过 {MAX_DEPTH} 层），请拆成几个指标",
                                     self.peek().offset)
        token = self.take()
        if token.kind == "num":
            try:
                return Num(Decimal(token.text))
            except InvalidOperation:
                raise FormulaSyntaxError(f"公式里的数字“{token.text}”写得不对", token.offset) from None
        if token.kind == "name":
            return Name(token.text, token.offset)
        if token.text in ("-", "+"):
            operand = self.factor(depth + 1)
            return Neg(operand) if token.text == "-" else operand
        if token.text == "(":
            node = self.expression(depth + 1)
            close = self.take()
            if close.text != ")":
                raise FormulaSyntaxError("公式写得不对：左括号“(”没有配对的右括号", token.offset)
            return node
        if token.kind == "end":
            raise FormulaSyntaxError("公式写得不对：末尾缺少一个键或数字", token.offset)
        raise FormulaSyntaxError(f"公式写得不对：“{token.text}”前面缺少一个键或数字", token.offset)
