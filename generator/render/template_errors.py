"""模板出错时给办事员（或写模板的人）看的中文说明：哪个模板文件、第几行、什么原因。"""

from __future__ import annotations

import re
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from ..errors import Diagnostic, GenError
from .sandbox import TemplateLimit

if TYPE_CHECKING:
    from .bureau import Bureau

TEMPLATE_FILE = re.compile(r"\.j2$")


def _template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """异常经过的最后一个模板文件的行（Jinja 把模板代码的行号换成了模板文件的行号）。"""
    found: tuple[str, int] | None = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if TEMPLATE_FILE.search(filename):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


_SYNTAX_HINTS = (
    (re.compile(r"[Uu]nexpected end of template"),
     "模板在结束前缺少配对的结束标记（如 {{% endfor %}}、{{% endif %}}、{{% endmacro %}}）"),
    (re.compile(r"Encountered unknown tag '(\w+)'"), "不认识的标记“{0}”"),
    (re.compile(r"No filter named '([^']+)'"), "没有叫“{0}”的过滤器（可用的过滤器见 docs/templates.md）"),
    (re.compile(r"No test named '([^']+)'"), "没有叫“{0}”的判断（test）"),
    (re.compile(r"expected token '([^']+)', got '([^']+)'"), "这里应当是“{0}”，却写了“{1}”"),
)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TemplateLimit):
        return str(exc)
    if isinstance(exc, GenError):  # 过滤器（同比、万元……）给出的中文说明
        return exc.diagnostics[0].message.rstrip("。")
    if isinstance(exc, MemoryError):
        return "模板用的内存太多（文字或列表太大）"
    if isinstance(exc, RecursionError):
        return "宏或递归循环调用自己的层数太多，可能停不下来"
    if isinstance(exc, TemplateSyntaxError):
        message = exc.message or ""
        for pattern, text in _SYNTAX_HINTS:
            match = pattern.search(message)
            if match:
                return "模板语法错误：" + text.format(*match.groups())
        return f"模板语法错误（{message}）"
    if isinstance(exc, TemplateNotFound):
        return (f"找不到模板文件“{exc.name}”：模板只能引用自己文件夹里的文件和内置的 report/_macros.md.j2，"
                "不能读别的文件")
    if isinstance(exc, SecurityError):
        return ("模板里用了不允许的东西（下划线开头的属性如 __class__、__globals__，"
                f"或不在文档里的方法）：{exc}")
    if isinstance(exc, UndefinedError):
        return f"模板用到了不存在的对象或属性（{_undefined(exc.message or '')}）；可用的对象见 docs/templates.md"
    return f"模板运行出错（{type(exc).__name__}：{exc}）"


def _undefined(message: str) -> str:
    """Jinja 的英文说明换成中文：'title' is undefined、'x' has no attribute 'y'、… has no element 3。"""
    name = re.fullmatch(r"'([^']*)' is undefined", message)
    if name:
        return f"没有“{name.group(1)}”"
    attribute = re.fullmatch(r"(?:'[^']*' object|.*) has no attribute '([^']*)'", message)
    if attribute:
        return f"没有“{attribute.group(1)}”这一项"
    element = re.fullmatch(r".* has no element (.*)", message)
    if element:
        return f"没有第 {element.group(1)} 项"
    return "名字写错了"


def template_diagnostic(exc: BaseException, name: str, bureau: Bureau | None) -> Diagnostic:
    """把模板的异常变成带文件和行号的诊断。"""
    file: Path | None = None
    line: int | None = None
    if isinstance(exc, TemplateSyntaxError):
        file = Path(exc.filename) if exc.filename else None
        line = exc.lineno
    frame = _template_frame(exc.__traceback__)
    if file is None and frame is not None:
        file, line = Path(frame[0]), frame[1]
    if file is None and bureau is not None:
        file = bureau.folder / name
    reason = _reason(exc)
    if bureau is None:
        return Diagnostic(f"内置模板 {name} 渲染失败：{reason}。这是模板的问题，请联系维护人员。",
                          file=file, line=line)
    return Diagnostic(f"模板“{bureau.spec.name}”出错：{reason}。请改正模板文件后重试"
                      "（gen template check 可以先检查一遍）。", file=file, line=line)
