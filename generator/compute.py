"""计算阶段：求出指标的派生数字，代入正文中的 ``{{键}}`` 引用。

办事员的文字里只允许写引用（``{{体检人数}}``、``{{体检人数.同比}}``），
其余任何 Jinja 语法都被拒绝；引用在沙箱环境里求值。
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.exceptions import UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from .errors import Collector, Diagnostic, GenError
from .figures import Figure
from .loader import LoadedForm
from .models import Form
from .validate import iter_strings, locate

_MARKUP = re.compile(r"\{\{|\{%|\{#")
# 这些键下面的文字不是正文：指标自己的“表述”由指标渲染，不在这里代入
_NOT_PROSE = ("指标",)


@dataclass
class ComputedForm:
    """代入了全部引用的表单和各指标的派生数字。"""

    form: Form
    figures: dict[str, Figure]
    warnings: list[Diagnostic]


def compute(loaded: LoadedForm, form: Form, warnings: list[Diagnostic]) -> ComputedForm:
    """代入引用；任何无法求值的引用都带位置报告，一次报全。"""
    figures = {ind.key: Figure.from_indicator(ind) for ind in form.indicators}
    out = Collector(file=loaded.source.path)
    out.extend(warnings)
    env = _environment()
    plain = form.model_dump(by_alias=True, exclude_none=True)
    changed = False
    for path, text in iter_strings(plain):
        if path[0] in _NOT_PROSE or not _MARKUP.search(text):
            continue
        try:
            rendered = render_reference_text(env, text, figures)
        except ReferenceProblem as problem:
            out.add(_located(loaded, path, text, problem))
            continue
        _assign(plain, path, rendered)
        changed = True
    out.raise_if_errors()
    resolved = Form.model_validate(plain) if changed else form
    return ComputedForm(form=resolved, figures=figures, warnings=out.items)


class ReferenceProblem(Exception):
    """一处引用的问题；``fragment`` 是出问题的原文片段，用于定位列号。"""

    def __init__(self, message: str, fragment: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fragment = fragment


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                keep_trailing_newline=True)


def render_reference_text(env: SandboxedEnvironment, text: str,
                          figures: Mapping[str, Any]) -> str:
    """检查并代入一段文字中的引用。只允许 ``{{键}}`` 与 ``{{键.属性}}``。"""
    try:
        tree = env.parse(text)
    except TemplateSyntaxError as exc:
        raise ReferenceProblem(
            f"引用的写法不对（{_syntax_reason(exc)}）。引用要写成 {{{{键}}}} 或 {{{{键.同比}}}}，"
            "两边各两个半角大括号。", _first_markup(text)) from None
    for ref, attr in _references(tree, text):
        if ref not in figures:
            guess = difflib.get_close_matches(ref, list(figures), n=1, cutoff=0.3)
            known = "、".join(figures) or "（表单里还没有填写任何指标）"
            tip = f"是不是“{guess[0]}”？" if guess else ""
            raise ReferenceProblem(
                f"引用了不存在的指标“{ref}”。{tip}已有的指标键：{known}。", ref)
        if attr is not None and not _has_attribute(figures[ref], attr):
            raise ReferenceProblem(
                f"指标“{ref}”没有“{attr}”这一项。可以用：{'、'.join(figure_attributes())}。",
                f"{ref}.{attr}")
    try:
        return env.from_string(tree).render(dict(figures))
    except GenError as exc:
        raise ReferenceProblem(exc.diagnostics[0].message, _first_markup(text)) from None
    except UndefinedError as exc:  # 理论上已在上面拦下
        raise ReferenceProblem(f"引用无法求值：{exc}", _first_markup(text)) from None


def figure_attributes() -> list[str]:
    """正文里可以引用的派生数字：Figure 上的中文属性。"""
    return [name for name, value in vars(Figure).items()
            if isinstance(value, property) and not name.isascii()]


def _has_attribute(figure: Any, attr: str) -> bool:
    return attr in figure_attributes()


def _references(tree: nodes.Template, text: str) -> Iterator[tuple[str, str | None]]:
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            raise ReferenceProblem(
                "正文里只能写 {{键}} 这样的指标引用，不能写 {% … %} 之类的模板语句。",
                _first_markup(text))
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                continue
            if isinstance(child, nodes.Name):
                yield child.name, None
            elif isinstance(child, nodes.Getattr) and isinstance(child.node, nodes.Name):
                yield child.node.name, child.attr
            else:
                raise ReferenceProblem(
                    "大括号里只能写指标的键，或“键.同比”这类写法，不能写运算或函数。",
                    _first_markup(text))


def _syntax_reason(exc: TemplateSyntaxError) -> str:
    message = str(exc.message or "")
    if "unexpected end of template" in message or "expected token" in message:
        return "大括号没有成对"
    return "无法识别的写法"


def _first_markup(text: str) -> str | None:
    match = _MARKUP.search(text)
    return text[match.start(): match.start() + 12] if match else None


# ---------------------------------------------------------------- 数据路径


def _assign(data: Any, path: tuple[str | int, ...], value: str) -> None:
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _located(loaded: LoadedForm, path: tuple[str | int, ...], text: str,
             problem: ReferenceProblem) -> Diagnostic:
    line, column, _ = locate(loaded.data, path)
    source = loaded.source
    if line is not None and problem.fragment:
        # 在值所在的几行里找片段，给出准确的行列
        for offset in range(0, max(1, text.count("\n") + 3)):
            candidate = source.line(line + offset)
            if candidate is not None and problem.fragment in candidate:
                line, column = line + offset, candidate.index(problem.fragment) + 1
                break
    return source.diagnostic(problem.message, line, column)
