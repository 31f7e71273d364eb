"""YAML 解析器的错误换算到要改的那一行，给出具体改法（读取阶段的诊断，见 :mod:`generator.read.hints`）。

解析器报错的位置常常是问题暴露出来的地方（下一行、文件末尾），而不是要改的地方。
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.error import MarkedYAMLError

from ..errors import Diagnostic
from .hints import KEY_VALUE, Keys, quote_whole, special_start
from .source import SourceText


def syntax_error(source: SourceText, exc: MarkedYAMLError, keys: Keys) -> Diagnostic:
    """把解析器的错误换算到要改的那一行，给出具体改法。"""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    column = source.yaml_column(line, mark.column + 1) if mark is not None and line else None
    problem = (exc.problem or "") + " " + (exc.context or "")
    if "found duplicate key" in problem or type(exc).__name__ == "DuplicateKeyError":
        return _duplicate_key(source, exc, line, column)
    special = re.search(r"found character '(.)' that cannot start any token", problem)
    if special and line and column:
        return special_start(source, line, column, special.group(1))
    if exc.context_mark is not None and "could not find expected ':'" in problem \
            and "simple key" in problem:
        # 解析器在下一行（或文件末尾）才发现问题；要改的是“简单键”开始的那一行
        line = exc.context_mark.line + 1
        column = source.yaml_column(line, exc.context_mark.column + 1)
    if "mapping values are not allowed" in problem and line is not None and column is not None:
        second = _second_colon(source, line, column)
        if second is not None:
            return second
    if line is not None and ("could not find expected ':'" in problem
                             or "expected <block end>" in problem
                             or "did not find expected key" in problem):
        better = _misplaced_line(source, line, keys)
        if better is not None:
            return better
    if line is not None and ("mapping values are not allowed" in problem or "expected <block end>" in problem
                             or "did not find expected key" in problem):
        misaligned = _misaligned(source, line)
        if misaligned is not None:
            return misaligned
    if "while scanning a quoted scalar" in problem and exc.context_mark is not None:
        start = exc.context_mark.line + 1
        return source.diagnostic(
            "这里开始的引号没有结束（后面找不到配对的引号）。请在值的末尾补上引号；"
            "正文里的引号最好用中文引号“”。", start, source.yaml_column(start, exc.context_mark.column + 1))
    if line is not None and source.line(line) is None:  # 文件末尾之后：指向最后一行
        line = len(source.lines)
        column = None
    message = _SYNTAX_HINTS.get(_syntax_kind(problem), "这里的 YAML 格式不对")
    return source.diagnostic(
        f"{message}。请检查这一行和上一行的冒号、缩进和引号。", line, column)


def _second_colon(source: SourceText, line: int, column: int) -> Diagnostic | None:
    """``内容: 时间: 2024年``：值里的“冒号加空格”被 YAML 当成了又一个键。"""
    text = source.line(line) or ""
    match = KEY_VALUE.match(text)
    if not match or column <= len(match.group(1) + match.group(2)) + 1 or text[column - 1: column] != ":":
        return None
    head = text[: len(text) - len(match.group(3))]
    value = match.group(3).rstrip()
    return source.diagnostic(
        "这一行的值里有“冒号加空格”，YAML 会把它当成又一个键。请改用中文冒号“：”，"
        f"或者把整个值放进一对引号里：{head.lstrip()}{quote_whole(value)}", line, column)


def _misaligned(source: SourceText, number: int) -> Diagnostic | None:
    """``     内容: …``：键比上一行的键多缩进或少缩进了一两格（YAML 的说法是“多了一个冒号”）。"""
    text = source.line(number) or ""
    match = re.match(r"^( +)([^\s\-#:][^:#]{0,15}):(\s|$)", text)
    above = _previous(source, number)
    if not match or above is None or not re.search(r":(\s|$)", above[1]):
        return None
    indent = len(match.group(1))
    column = len(above[1]) - len(above[1].lstrip(" -"))  # 上一行的键从哪一列开始（“- ”之后）
    if above[1].rstrip().endswith(":") or indent == column or abs(indent - column) > 2:
        return None
    return source.diagnostic(
        f"这一行缩进了 {indent} 格，和上一行（第 {above[0]} 行）的“{above[1].strip().split(':')[0].lstrip('- ')}”"
        f"（{column} 格）对不齐。同一项里的键要上下对齐，请改成 {column} 格。", number, indent + 1)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(source: SourceText, number: int, max_indent: int | None = None) -> tuple[int, str] | None:
    """第 number 行之前最近的有内容的行（可限定缩进不超过 max_indent）。"""
    for prev in range(number - 1, 0, -1):
        text = source.lines[prev - 1]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if max_indent is None or _indent(text) <= max_indent:
            return prev, text
    return None


def _misplaced_line(source: SourceText, number: int, keys: Keys) -> Diagnostic | None:
    """这一行既不是“键: 值”也不是“- ”开头的一项：少了“- ”、续行没缩进、或少了冒号。"""
    text = source.line(number)
    if text is None or not text.strip() or text.lstrip().startswith("-"):
        return None
    indent = _indent(text)
    body = text.strip()
    word = re.match(r"^(\S+?)\s+(\S.*)$", body)
    if word and word.group(1) in keys() and ":" not in body:
        return source.diagnostic(
            f"“{word.group(1)}”后面少了冒号，应写作：{word.group(1)}: {word.group(2)}", number,
            indent + len(word.group(1)) + 1)
    above = _previous(source, number)
    match = KEY_VALUE.match(above[1]) if above is not None else None
    if (match and not re.search(r":(\s|$)", body) and match.group(3)[0] not in "|>\"'[{#"
            and indent <= len(match.group(1))):
        key = match.group(2)
        return source.diagnostic(
            f"这一行像是接着上一行“{key}”的文字，但没有缩进。接着写的行要比“{key}”多缩进两格"
            "（或者直接接到上一行末尾）。", number, indent + 1)
    prev = _previous(source, number, indent)
    if prev is not None and _indent(prev[1]) == indent and prev[1].lstrip().startswith("- "):
        return source.diagnostic(
            f"这一条前面少了“- ”。列表里的每一条都要以“- ”开头，与第 {prev[0]} 行的“- ”对齐，"
            f"改成：- {body}", number, indent + 1)
    item = re.match(r"^( *)- +[^\s#]", above[1]) if above is not None else None
    if above is not None and item and indent < len(item.group(1)) and not re.search(r":(\s|$)", body):
        return source.diagnostic(
            f"这一行既不是“键: 值”，也不是以“- ”开头的一条。如果它是新的一条，请写成“- {body}”，"
            f"并与第 {above[0]} 行的“- ”对齐；如果它接着上一条，请缩进到与上一条的文字对齐。",
            number, indent + 1)
    return None


def _duplicate_key(source: SourceText, exc: MarkedYAMLError, line: int | None,
                   column: int | None) -> Diagnostic:
    return duplicate_key(source, _quoted(str(exc.problem)) or "同一个键", exc.context_mark, line, column)


def duplicate_key(source: SourceText, key: str, start: Any, line: int | None, column: int | None) -> Diagnostic:
    """键重复了：``start`` 是这一层映射开始的位置（ruamel 的 Mark），``line``、``column`` 是重复的键。"""
    if start is not None and line is not None:
        first = source.line(start.line + 1) or ""
        head = first[: start.column]
        if re.fullmatch(r" *(?:- +)+", head) and first[start.column:].startswith(f"{key}:"):
            dash = head.rstrip().rfind("-")
            body = (source.line(line) or "").strip()
            return source.diagnostic(
                f"这里像是新的一项，但前面少了“- ”，所以“{key}”重复了。新的一项要以“- ”开头，"
                f"与第 {start.line + 1} 行的“- ”对齐（第 {dash + 1} 列），改成：- {body}", line, column)
    return source.diagnostic(
        f"键“{key}”在同一层里出现了两次。请删掉或合并其中一个。", line, column)


def _quoted(text: str) -> str | None:
    match = re.search(r'"([^"]+)"', text)
    return match.group(1) if match else None


def _syntax_kind(problem: str) -> str:
    for key in _SYNTAX_HINTS:
        if key in problem:
            return key
    return ""


_SYNTAX_HINTS = {
    "mapping values are not allowed": "这一行多了一个冒号，或者缩进和上一行对不齐",
    "could not find expected ':'": "这一行缺少冒号，或者引号没有成对",
    "found character '\\t'": "这里有 Tab 字符，YAML 只认半角空格",
    "found unexpected end of stream": "文件结尾处引号没有成对",
    "did not find expected key": "缩进对不齐，或者列表项和键混在了一起",
    "did not find expected '-' indicator": "列表项的“- ”缩进对不齐",
    "while scanning a quoted scalar": "引号没有成对",
    "expected <block end>": "缩进对不齐",
}
