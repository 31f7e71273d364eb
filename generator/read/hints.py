"""读取阶段的诊断：办事员常见的打字问题和 YAML 语法错误，翻译成指向“要改的那一行”的中文。

YAML 解析器报错的位置常常是问题暴露出来的地方（下一行、文件末尾），而不是要改的地方。
这里先逐行找出有把握的问题（全角冒号、冒号后没空格、Tab 缩进、以引号或方括号开头的值……），
再把解析器的错误换算到真正要改的那一行。每一行只看有限的几个字符，整体与表单大小成线性。
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..errors import Diagnostic
from .source import SourceText

# 行首：缩进、若干个“- ”；键：不以空白、引号、括号、# 开头
_KEY_AT = re.compile(r"^( *(?:- +)*)([^\s\-#\"'\[{|>:：][^:：#\s]{0,15}):(?=[^\s/:])(.*)$")
_FULLWIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s:：#][^:：#]{0,20}?)\s*：")
KEY_VALUE = re.compile(r"^( *(?:- +)*)([^\s#\-][^:#]*?): +(\S.*)$")
_QUOTED_START = re.compile(r"^( *(?:- +)*(?:[^\s#\-\"'\[{][^:#]*?: +)?)([\"'\[{])")
_BLOCK_START = re.compile(r"(?:^\s*-|:)\s*[|>][-+0-9]*\s*(#.*)?$")
_CJK_KEY = re.compile(r"^[\u4e00-\u9fff]{1,8}$")
_PERCENT_VALUE = re.compile(r"^( *(?:- +)*[^\s#\-\"'][^:#]*?: +)%( *(?:#.*)?)$")


Keys = Callable[[], frozenset[str]]
"""表单里所有中文键的来源（由表单阶段给出：读取阶段只懂 YAML，不知道表单有哪些键；只在出错时才调用）。"""


def no_keys() -> frozenset[str]:
    return frozenset()


def block_scalar_lines(source: SourceText) -> set[int]:
    """``|``、``>`` 文本块里的行（内容原样保留，逐行检查要跳过它们）。"""
    inside: set[int] = set()
    block_indent: int | None = None
    for number, line in enumerate(source.lines, start=1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped or indent > block_indent:
                inside.add(number)
                continue
            block_indent = None
        if stripped and not stripped.startswith("#") and _BLOCK_START.search(line):
            block_indent = indent
    return inside


def line_problems(source: SourceText, keys: Keys, *, colons: bool = True, skip: Iterable[int] = (),
                  until: int | None = None) -> list[Diagnostic]:
    """逐行找办事员最常见的排版错误。

    Tab 或全角空格缩进总是报告；全角冒号、冒号后没空格、以引号或括号开头的值只在 YAML 解析失败时才查
    （``colons``）：多行文字的续行里出现“：”“年度:2025”是正常的，``skip`` 列出这些续行。
    表单没有的中文键只查到 YAML 出错的那一行（``until``），之后的行 YAML 还没读到，不好判断。
    """
    problems: list[Diagnostic] = []
    if not colons and "\t" not in source.text and "\u3000" not in source.text:
        return problems  # 只查缩进时，整个文件里没有 Tab 和全角空格就不会有问题
    skipped = set(skip) | block_scalar_lines(source)
    known = keys()
    for number, line in enumerate(source.lines, start=1):
        if number in skipped:
            continue
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        lead = line[: len(line) - len(line.lstrip(" \t\u3000"))]
        if "\t" in lead:
            problems.append(source.diagnostic(
                "这一行用 Tab 键缩进了。YAML 只认半角空格缩进，请把行首的 Tab 换成空格（通常是两个）。",
                number, lead.index("\t") + 1))
            continue
        if "\u3000" in lead:
            problems.append(source.diagnostic(
                "这一行行首有全角空格（中文输入法下的空格）。请删掉它，改用半角空格缩进。",
                number, lead.index("\u3000") + 1))
            continue
        if not colons:
            continue
        match = _FULLWIDTH_KEY.match(line)
        if match and ":" not in line[: match.end()]:
            problems.append(source.diagnostic(
                f"“{match.group(2)}”后面用了全角冒号“：”。键和值之间要用半角冒号加一个空格，"
                f"例如“{match.group(2)}: …”。",
                number, match.end()))
            continue
        missing = _KEY_AT.match(line)
        if missing and (missing.group(2) in known or (
                _CJK_KEY.match(missing.group(2)) and (until is None or number <= until))):
            head, key, value = missing.groups()
            problems.append(source.diagnostic(
                f"冒号后面要空一格：{head.lstrip()}{key}: {value.strip()}", number, len(head + key) + 1))
            continue
        lacking = _missing_colon(source, number, line, known)
        if lacking is not None and (until is None or number <= until):
            problems.append(lacking)
            continue
        quoted = _quoted_value_problem(source, number, line)
        if quoted is not None:
            problems.append(quoted)
    return problems


_WORD_VALUE = re.compile(r"^( *(?:- +)*)([^\s:：#\-\"'\[{]{1,8}) +([^\s:#].*)$")


def _missing_colon(source: SourceText, number: int, line: str, known: frozenset[str]) -> Diagnostic | None:
    """``- 标题 加强疾病防控``：表单的键后面少了冒号。只认下一行（或上一行）是同一层的“键: 值”的行，
    免得把以“标题”“内容”开头的一句正文当成键。"""
    match = _WORD_VALUE.match(line)
    if not match or match.group(2) not in known or ":" in line or "：" in line:
        return None
    column = len(match.group(1))
    neighbours = [source.line(number + 1), source.line(number - 1) if number > 1 else None]
    for other in neighbours:
        if other is not None and re.match(r"^( *(?:- +)*)[^\s:#]{1,12}: ", other) \
                and len(other) - len(other.lstrip(" -")) == column:
            return source.diagnostic(
                f"“{match.group(2)}”后面少了冒号，应写作：{match.group(2)}: {match.group(3)}", number,
                column + len(match.group(2)) + 1)
    return None


# ---------------------------------------------------------------- 值的开头是特殊字符


def quote_whole(text: str) -> str:
    """把一个值整个放进引号（办事员能照抄的写法）。"""
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _closing(value: str) -> int | None:
    """以引号或括号开头的值在本行内的结束位置；本行内没有结束（跨行）时返回 None。"""
    opener = value[0]
    if opener == '"':
        index = 1
        while index < len(value):
            if value[index] == "\\":
                index += 2
                continue
            if value[index] == '"':
                return index
            index += 1
        return None
    if opener == "'":
        index = 1
        while index < len(value):
            if value[index] == "'":
                if value[index + 1: index + 2] == "'":
                    index += 2
                    continue
                return index
            index += 1
        return None
    depth = 0
    quote: str | None = None
    for index, ch in enumerate(value):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'" and value[index - 1: index] in ("", "[", "{", ",", " "):
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return index
    return None


def _quoted_value_problem(source: SourceText, number: int, line: str) -> Diagnostic | None:
    match = _QUOTED_START.match(line)
    if not match:
        return None
    head = match.group(1)
    value = line[len(head):].rstrip()
    end = _closing(value)
    if end is None:
        return None
    rest = value[end + 1:].strip()
    if not rest or rest.startswith("#") or (value[0] in "[{" and rest[0] in ",]}"):
        return None
    fixed = f"{head.lstrip()}{quote_whole(value)}"
    if value[0] in "\"'":
        message = (f"这一行的值以引号开头，YAML 只把这对引号里的文字当作值，后面的“{rest[:12]}”就多出来了。"
                   f"值以引号开头时，要把整个值放进一对引号里，改成：{fixed}")
    else:
        what = "列表" if value[0] == "[" else "“键: 值”"
        message = (f"这一行的值以“{value[0]}”开头，YAML 会把括号里的部分当成{what}，后面的“{rest[:12]}”就多出来了。"
                   f"值以“[”或“{{”开头时，要把整个值放进一对引号里，改成：{fixed}")
    return source.diagnostic(message, number, len(head) + 1)


def special_start(source: SourceText, line: int, column: int, char: str) -> Diagnostic:
    """值以 YAML 的保留字符（``@``、`` ` ``、``%``、``*``）开头。"""
    text = source.line(line) or ""
    head, value = text[: column - 1], text[column - 1:].rstrip()
    fixed = f"{head.lstrip()}{quote_whole(value)}"
    if char == "*":
        return source.diagnostic(
            f"值开头的“*”在 YAML 里有特殊含义。“{value}”看起来是没填的占位符，请填上实际内容；"
            f"如果确实要以“*”开头，请把整个值放进引号里：{fixed}", line, column)
    return source.diagnostic(
        f"值不能以“{char}”开头（它在 YAML 里有特殊含义）。请把整个值放进一对引号里，改成：{fixed}",
        line, column)


_BRACES_VALUE = re.compile(r"^( *(?:- +)*(?:[^\s#\-\"'\[{][^:#]*?: +)?)(\{\{[^#\n]*?)( +#.*)?$")


def quote_leading_references(source: SourceText) -> str:
    """``内容: {{体检人数}}是……``：以 ``{{`` 引用开头的值在 YAML 里是花括号结构，办事员的意思显然是文字。

    把这样的值整个加上引号再解析。只改单行的值（下一行是续行时不改，由诊断说明怎么写），
    ``|``、``>`` 文本块里的行不动。引号加在原来“{”的位置，值的行列不变。
    """
    if "{{" not in source.text:
        return source.text
    lines = source.text.split("\n")
    blocks: set[int] | None = None
    for index, line in enumerate(lines):
        if "{{" not in line:
            continue
        match = _BRACES_VALUE.match(line)
        if not match or not match.group(1).strip():  # 只有缩进：这是多行文字的续行，不是值的开头
            continue
        if blocks is None:
            blocks = block_scalar_lines(source)
        if index + 1 in blocks or _continues(lines, index):
            continue
        lines[index] = match.group(1) + quote_whole(match.group(2).rstrip()) + (match.group(3) or "")
    return "\n".join(lines)


def _continues(lines: list[str], index: int) -> bool:
    """下一行有内容且缩进比这一行的值更深：是这段文字的续行。"""
    following = next((line for line in lines[index + 1:] if line.strip()), None)
    if following is None or following.lstrip().startswith("#"):
        return False
    line = lines[index]
    head = len(line) - len(line.lstrip(" -"))
    return len(following) - len(following.lstrip(" ")) > head and not following.lstrip().startswith("- ")


def quote_percent_units(text: str, skip: set[int]) -> str:
    """``单位: %`` 是写比率最自然的写法：把单独的 % 值加上引号再解析（文字的行列不变）。"""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if index + 1 not in skip and "%" in line:
            match = _PERCENT_VALUE.match(line)
            if match:
                lines[index] = f"{match.group(1)}'%'{match.group(2)}"
    return "\n".join(lines)
