"""一次找全：读取阶段报出一处打字问题后，按报出的改法把那一行改好，再往下读。

YAML 解析器遇到第一个错误就停下；办事员却希望一次看到全部问题（第 3 行的全角冒号不该挡住第 60 行的 Tab）。
:mod:`generator.read.loader` 每报出一处问题，就用这里的 :func:`repair` 把那一行照消息里的改法改好
（全角冒号换成半角、补上空格、把值放进引号……），行号不变，再解析一遍；改不了的行换成空行。
已经报过的行不再报第二次，由修好的行引起的后续问题也不报。
"""

from __future__ import annotations

import re

from ..errors import Diagnostic
from .hints import quote_whole

_LEAD = re.compile(r"^( *(?:- +)*)")
_INDENT = re.compile(r"^[ \t\u3000]*")
_KEY_VALUE = re.compile(r"^( *(?:- +)*)([^\s#\-][^:#]*?): +(\S.*)$")


def _key_column(line: str) -> int:
    """这一行的键从第几个字符开始（缩进加上若干个“- ”）。"""
    match = _LEAD.match(line)
    return len(match.group(1)) if match else 0


def _previous(lines: list[str], index: int) -> str | None:
    for prev in range(index - 1, -1, -1):
        text = lines[prev]
        if text.strip() and not text.lstrip().startswith("#"):
            return text
    return None


def _reindent(lines: list[str], index: int) -> str:
    """Tab 或全角空格缩进的行：按上一行推断应有的缩进（上一行以冒号结尾时深一层，否则与它对齐）。"""
    line = lines[index]
    body = line[len(_INDENT.match(line).group(0)):]  # type: ignore[union-attr]
    above = _previous(lines, index)
    if above is None:
        return body
    column = _key_column(above)
    if above.rstrip().endswith(":"):
        column += 2
    return " " * column + body


def _continuation(lines: list[str], index: int) -> int:
    """第 ``index`` 行的值接着写到第几行（后面缩进更深、又不是“键: 值”或“- ”的行）。"""
    column = _key_column(lines[index])
    last = index
    for following in range(index + 1, len(lines)):
        text = lines[following]
        if not text.strip():
            continue
        stripped = text.lstrip(" ")
        if (len(text) - len(stripped) <= column or stripped.startswith(("- ", "#"))
                or re.match(r"^[^\s:：#]{1,20}:(\s|$)", stripped)):
            break
        last = following
    return last


def _quote_from(lines: list[str], index: int, column: int) -> set[int]:
    """把第 ``index`` 行从第 ``column`` 列起的值（连同续行）放进一对引号里；返回改过的行（从 0 起）。"""
    line = lines[index]
    last = _continuation(lines, index)
    parts = [line[column - 1:].rstrip()] + [lines[i].rstrip() for i in range(index + 1, last + 1)]
    if not parts[0]:
        return set()
    if last == index:
        lines[index] = line[: column - 1] + quote_whole(parts[0])
        return {index}
    quote = "'" if not any("'" in part for part in parts) else '"'

    def escaped(text: str) -> str:
        return text if quote == "'" else text.replace("\\", "\\\\").replace('"', '\\"')

    lines[index] = line[: column - 1] + quote + escaped(parts[0])
    for i in range(index + 1, last + 1):
        lines[i] = escaped(lines[i].rstrip())
    lines[last] += quote
    return set(range(index, last + 1))


def repair(lines: list[str], diagnostic: Diagnostic) -> set[int]:
    """照诊断里的改法修好第 ``diagnostic.line`` 行（行号不变，值以引号开头时连同续行）；
    认不出的问题换成空行。返回改过的行号（从 1 起）。"""
    assert diagnostic.line is not None
    index = diagnostic.line - 1
    if diagnostic.message.startswith(("这一行的值以", "值开头的“*”", "值不能以", "这里以“{”或“[”开头",
                                      "表单里不能用别名")):
        changed = _quote_from(lines, index, diagnostic.column or 1)
        if changed:
            return {i + 1 for i in changed}
    lines[index] = _fixed(lines, index, diagnostic)
    return {diagnostic.line}


def _fixed(lines: list[str], index: int, diagnostic: Diagnostic) -> str:
    line = lines[index]
    message = diagnostic.message
    column = diagnostic.column or 1
    indent = len(line) - len(line.lstrip(" "))
    body = line.strip()
    if message.startswith(("这一行用 Tab 键缩进了", "这一行行首有全角空格")):
        return _reindent(lines, index)
    if "后面用了全角冒号" in message:
        at = line.find("：")
        return line[:at] + ": " + line[at + 1:].lstrip(" ") if at >= 0 else ""
    if message.startswith("冒号后面要空一格"):
        return line[:column] + " " + line[column:]
    if "后面少了冒号" in message:
        return line[: column - 1] + ":" + line[column - 1:]
    if message.startswith("这一行的值里有“冒号加空格”"):
        match = _KEY_VALUE.match(line)
        if match:
            return line[: len(line) - len(match.group(3))] + quote_whole(match.group(3).rstrip())
        return ""
    if message.startswith("这里开始的引号没有结束"):
        quote = line[column - 1: column]
        return line.rstrip() + quote if quote in ("'", '"') else ""
    if message.startswith("这一行缩进了 "):
        wanted = re.search(r"请改成 (\d+) 格", message)
        return " " * int(wanted.group(1)) + body if wanted else ""
    if message.startswith("这一行像是接着上一行"):
        above = _previous(lines, index)
        return " " * (_key_column(above) + 2 if above else 2) + body
    if message.startswith("这一条前面少了“- ”"):
        return line[:indent] + "- " + body
    if message.startswith("这里像是新的一项"):
        dash = re.search(r"第 (\d+) 列", message)
        return " " * (int(dash.group(1)) - 1) + "- " + body if dash else ""
    if message.startswith("这一行既不是“键: 值”"):
        for prev in range(index - 1, -1, -1):
            item = re.match(r"^( *)- +\S", lines[prev])
            if item:
                return item.group(1) + "- " + body
        return ""
    if message.startswith("表单里不能用锚点"):
        return line[: column - 1] + re.sub(r"^&\S+ ?", "", line[column - 1:])
    if message.startswith("表单里不能用 YAML 标签"):
        return line[: column - 1] + re.sub(r"^!\S* ?", "", line[column - 1:])
    if message.startswith("键“") and "出现了两次" in message:
        key = line[column - 1:].split(":", 1)[0]
        return line[: column - 1] + f"{key}（第{diagnostic.line}行重复）" + line[column - 1 + len(key):]
    return ""
