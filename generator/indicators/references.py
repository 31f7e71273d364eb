"""办事员文字里的 ``{{键}}`` 引用：找出来、检查、代入。不经过 Jinja。

办事员能写的模板语法只有两种：``{{键}}`` 和 ``{{键.属性}}``（大括号里可以有空格）。
其余任何像模板的写法——``{% raw %}``、``{# … #}``、单独的 ``{{`` 或 ``}}``、大括号里写运算——都是
带位置的错误；只有一层的 ``{升学率}`` 和全角的 ``｛｛升学率｝｝`` 会原样印出来，给出警告。
代入由这里直接完成（不交给模板引擎），所以模板语法不可能经由办事员的文字进入文档。

扫描是线性的：一个正则从左到右找大括号，配对时只向后看本行。
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import Severity

_IDENT = r"[^\W\d]\w*"
_TOKEN = re.compile(
    rf"(?P<ref>\{{\{{[ \t]*(?P<key>{_IDENT})(?:\.(?P<attr>{_IDENT}))?[ \t]*\}}\}})"
    r"|(?P<open>\{\{)|(?P<close>\}\})|(?P<stmt>\{%|%\})|(?P<comment>\{#|#\})"
    rf"|(?P<single>\{{[ \t]*(?P<skey>{_IDENT})(?:\.{_IDENT})?[ \t]*\}}(?!\}}))"
    rf"|(?P<wide>[｛{{]?｛[ \t\u3000]*(?P<wkey>{_IDENT})(?:[.．]{_IDENT})?[ \t\u3000]*｝[｝}}]?)"
)

SYNTAX = "引用要写成 {{键}} 或 {{键.同比}}，两边各两个半角大括号。"
STATEMENT = "正文里只能写 {{键}} 这样的指标引用，不能写 {% … %} 之类的模板语句。"


@dataclass(frozen=True)
class Mark:
    """文字里的一处引用（``key`` 不为空）或一处问题（``message`` 不为空）。"""

    start: int
    end: int
    key: str | None = None
    attr: str | None = None
    message: str | None = None
    severity: Severity = Severity.ERROR


def scan(text: str) -> list[Mark]:
    """全部引用、全部警告，以及第一处错误（之后的不再看：改掉第一处往往就都好了）。"""
    marks: list[Mark] = []
    close_at = newline_at = -1
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        kind = match.lastgroup
        if kind == "ref":
            marks.append(Mark(start, end, key=match.group("key"), attr=match.group("attr")))
            continue
        if kind in ("single", "wide"):
            key = match.group("skey") or match.group("wkey")
            what = "只有一层大括号" if kind == "single" else "用了全角大括号"
            marks.append(Mark(start, end, message=f"“{match.group(0)}”{what}，会原样印在文档里。"
                              f"是不是想写 {{{{{key}}}}}？", severity=Severity.WARNING))
            continue
        if kind == "stmt":
            message = STATEMENT
        elif kind == "comment":
            message = ("正文里不能写 {# … #}（模板注释）。不要印出来的话请删掉；"
                       "确实要写大括号，请改用全角的“｛｝”。")
        elif kind == "close":
            message = f"这里有“}}}}”，前面却没有配对的“{{{{”。{SYNTAX}"
        else:  # 单独的“{{”：本行后面有“}}”时是大括号里写了别的东西，否则是没有成对
            if close_at < start:
                close_at = text.find("}}", start)
                close_at = len(text) if close_at < 0 else close_at
            if newline_at < start:
                newline_at = text.find("\n", start)
                newline_at = len(text) if newline_at < 0 else newline_at
            if close_at < newline_at:
                message = "大括号里只能写指标的键，或“键.同比”这类写法，不能写运算、函数或其他符号。"
            else:
                message = f"引用的写法不对（大括号没有成对）。{SYNTAX}"
        marks.append(Mark(start, end, message=message))
        break
    return marks


def substitute(text: str, marks: list[Mark], value: Callable[[str, str | None], str]) -> str:
    """把 ``marks`` 里的引用换成 ``value(键, 属性)``；其余文字原样保留。"""
    parts: list[str] = []
    position = 0
    for mark in marks:
        if mark.key is None:
            continue
        parts.append(text[position: mark.start])
        parts.append(value(mark.key, mark.attr))
        position = mark.end
    parts.append(text[position:])
    return "".join(parts)
