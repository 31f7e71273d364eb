"""gen 的唯一异常体系与定位诊断。

所有面向办事员的提示都是中文的 :class:`Diagnostic`；异常只负责携带它们。
命令行在最外层把 :class:`GenError` 翻译成中文输出和退出码，其余代码不打印任何东西。
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    """诊断的严重程度；值就是显示给办事员的中文词。"""

    ERROR = "错误"
    WARNING = "警告"
    INFO = "提示"


@dataclass(frozen=True)
class Diagnostic:
    """一条带位置的中文诊断。

    ``line`` 与 ``column`` 从 1 开始计数；``column`` 以字符计（不是字节）。
    ``source_line`` 是出错的那一行原文，用于在下面画插入符。
    """

    message: str
    severity: Severity = Severity.ERROR
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    source_line: str | None = None
    code: str | None = None
    hint: str | None = None
    caret: int | None = None  # 原文行里插入符的位置（默认同 column；报告片段与段内位置不同）
    paragraph: int | None = None  # Word 报告里的第几段（Word 没有行号）：位置写成“文件 第N段”

    @property
    def location(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            parts.append(str(self.file))
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        elif self.paragraph is not None:
            return " ".join([*parts, f"第{self.paragraph}段"])
        return ":".join(parts)

    def format(self) -> str:
        """人看的多行文本：位置、消息、原文行和插入符。"""
        head = f"{self.location}: " if self.location else ""
        code = f"[{self.code}] " if self.code else ""
        lines = [f"{head}{self.severity.value}：{code}{self.message}"]
        if self.source_line is not None and (self.line is not None or self.paragraph is not None):
            text, col = _window(self.source_line.rstrip("\r\n"), max(1, self.caret or self.column or 1))
            lines.append("    " + _visible(text))
            lines.append("    " + " " * display_width(text[: col - 1]) + "^")
        if self.hint:
            lines.append(f"    提示：{self.hint}")
        return "\n".join(lines)


_WINDOW = 80  # 原文行最多显示多少字：很长的一行只显示列号前后的一段


def brief(value: object, limit: int = 40) -> str:
    """在消息里引用办事员写的值：太长时只取开头（整行原文另有插入符那一行显示）。"""
    text = str(value)
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 个字符）"


def _window(text: str, col: int) -> tuple[str, int]:
    """很长的原文行（一段几万字的文字）只显示插入符前后的一段，两头用“…”表示省略；返回显示的文字
    和插入符在其中的列号。否则每条提示都要把整段印一遍，几十条提示就是几百万字。"""
    if len(text) <= _WINDOW:
        return text, col
    start = max(0, min(col - 1 - _WINDOW // 2, len(text) - _WINDOW))
    shown = text[start: start + _WINDOW]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + _WINDOW < len(text) else ""
    return prefix + shown + suffix, col - start + len(prefix)


def _visible(text: str) -> str:
    """原文行的显示形式：Tab 显示为四个空格，控制字符显示为“␇”这类符号。"""
    return _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())), text.replace("\t", "    "))


_CONTROL = re.compile("[\x00-\x1f]")


def display_width(text: str) -> int:
    """终端显示宽度：中日韩字符、全角字符占两列。"""
    if text.isascii():
        return len(text) + 3 * text.count("\t")
    return sum(map(_char_width, text))


@functools.lru_cache(maxsize=8192)
def _char_width(ch: str) -> int:
    if ch == "\t":
        return 4
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 0 if unicodedata.combining(ch) else 1


class GenError(Exception):
    """gen 所有异常的基类。``diagnostics`` 至少有一条。"""

    exit_code = 1

    def __init__(self, diagnostics: Diagnostic | Sequence[Diagnostic] | str) -> None:
        if isinstance(diagnostics, str):
            diagnostics = Diagnostic(diagnostics)
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics: list[Diagnostic] = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    @property
    def message(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)

    def closing_lines(self) -> list[str]:
        """印完各条诊断之后再印的几行（如整批的汇总表）；多数错误没有。"""
        return []


class FormError(GenError):
    """表单（YAML）读不进来或填得不对。"""


class StyleError(GenError):
    """版式配置文件（样式 YAML）有误。"""


class ReferenceError_(FormError):
    """正文中的 ``{{键}}`` 引用无法求值。"""


class RenderError(GenError):
    """模板渲染失败（多半是模板本身的问题）。"""


class OutputError(GenError):
    """输出文件写不出去。"""


class ImportFailure(GenError):
    """``gen import`` 读不懂给定的报告文件。"""


class ContentError(GenError):
    """内容检查发现了错误（如算错的增长率、没填的占位符）；诊断里也包括警告。"""


class UsageProblem(GenError):
    """命令用法不对（如 -o 给了文件却要生成多种格式）：退出码 2。"""

    exit_code = 2


class ToolMissing(GenError):
    """需要的外部程序（如 LibreOffice）没有安装。"""


@dataclass
class Collector:
    """按出现顺序收集诊断；最后一次性抛出全部错误。"""

    file: Path | None = None
    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is not Severity.ERROR]

    def raise_if_errors(self, exc_type: type[GenError] = FormError) -> None:
        errors = self.errors
        if errors:
            raise exc_type(sorted(errors, key=_sort_key))


def _sort_key(d: Diagnostic) -> tuple[int, int]:
    return (d.line or 0, d.column or 0)
