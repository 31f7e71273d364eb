"""计算阶段：求出指标的派生数字，代入正文中的 ``{{键}}`` 引用。

办事员的文字里只允许写引用（``{{体检人数}}``、``{{体检人数.同比}}``），其余任何像模板的写法都是
带位置的错误（见 :mod:`.indicators.references`）；引用由这里直接代入，不经过模板引擎。
指标自己的“名称”“单位”会原样印进指标表，里面不能有任何引用；“表述”只能引用本指标的
``{{本期}}``、``{{同比}}`` 等。
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .errors import Collector, Diagnostic, GenError, Severity
from .form.models import Form
from .indicators.figures import Figure, FigureContext
from .indicators.references import Mark, scan, substitute
from .read.loader import LoadedForm
from .read.located import locate, strings_where

# 指标里印出来的文字：名称、单位原样印出；表述另有自己的引用（本指标的 {{本期}} 等）
_PRINTED_AS_IS = ("名称", "单位")
_NOT_PRINTED = ("样式", "检查")


@dataclass
class ComputedForm:
    """代入了全部引用的表单和各指标的派生数字。"""

    form: Form
    figures: dict[str, Figure]
    warnings: list[Diagnostic]


def compute(loaded: LoadedForm, form: Form, warnings: list[Diagnostic]) -> ComputedForm:
    """代入引用；任何无法求值的引用都带位置报告，一次报全。"""
    figures = {ind.key: Figure.from_indicator(ind, form.places) for ind in form.indicators}
    out = Collector(file=loaded.source.path)
    out.extend(warnings)
    plain = form.model_dump(by_alias=True, exclude_none=True)
    changed: dict[Any, Any] = {}  # 代入了引用的文字的键路径，按层排成树（叶子为 None）
    for path, text in strings_where(plain, _may_have_references):
        if path[0] in _NOT_PRINTED or (path[0] == "指标" and path[-1] not in (*_PRINTED_AS_IS, "表述")):
            continue  # 不进入文档的文字（指标的键、说明，样式文件名）
        marks = scan(text)
        for mark in marks:
            if mark.message is not None:
                out.add(_located(loaded, path, text, ReferenceProblem(
                    mark.message, text[mark.start: mark.start + 12]), mark.severity))
        if any(m.message is not None and m.severity is Severity.ERROR for m in marks):
            continue
        if not any(m.key is not None for m in marks):
            continue
        try:
            if path[0] == "指标":
                _check_indicator_text(path, marks)
                continue
            rendered = render_references(text, marks, figures)
        except ReferenceProblem as problem:
            out.add(_located(loaded, path, text, problem))
            continue
        _assign(plain, path, rendered)
        _mark(changed, path)
    out.raise_if_errors()
    resolved = _revalidated(form, plain, changed) if changed else form
    return ComputedForm(form=resolved, figures=figures, warnings=out.items)


def _may_have_references(text: str) -> bool:
    return "{" in text or "}" in text or "｛" in text


class ReferenceProblem(Exception):
    """一处引用的问题；``fragment`` 是出问题的原文片段，用于定位列号。"""

    def __init__(self, message: str, fragment: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fragment = fragment


def _check_indicator_text(path: tuple[str | int, ...], marks: list[Mark]) -> None:
    field = path[-1]
    for mark in marks:
        if mark.key is None:
            continue
        written = f"{{{{{mark.key}{'.' + mark.attr if mark.attr else ''}}}}}"
        if field in _PRINTED_AS_IS:
            raise ReferenceProblem(
                f"指标的“{field}”会原样印在文档里，不能写 {written} 这样的引用。请直接写出文字。", written[:12])
        if field == "表述" and (mark.attr is not None or mark.key not in FigureContext.NAMES):
            names = "、".join(f"{{{{{name}}}}}" for name in FigureContext.NAMES)
            raise ReferenceProblem(
                f"“表述”里只能引用本指标的 {names}，不能写 {written}。", written[:12])


def render_references(text: str, marks: list[Mark], figures: Mapping[str, Any]) -> str:
    """检查并代入一段文字中的引用（``marks`` 来自 :func:`references.scan`，已没有错误）。"""
    for mark in marks:
        problem = _unknown(mark, list(figures))
        if problem is not None:
            raise problem

    def value(key: str, attr: str | None) -> str:
        figure = figures[key]
        return str(figure if attr is None else getattr(figure, attr))

    try:
        return substitute(text, marks, value)
    except GenError as exc:
        first = next(m for m in marks if m.key is not None)
        raise ReferenceProblem(exc.diagnostics[0].message, text[first.start: first.start + 12]) from None


def figure_attributes() -> list[str]:
    """正文里可以引用的派生数字：Figure 上的中文属性。"""
    return [name for name, value in vars(Figure).items()
            if isinstance(value, property) and not name.isascii()]


# ---------------------------------------------------------------- 数据路径


def _assign(data: Any, path: tuple[str | int, ...], value: str) -> None:
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _mark(tree: dict[Any, Any], path: tuple[str | int, ...]) -> None:
    node = tree
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = None


def _revalidated(original: Any, plain: Any, changes: dict[Any, Any] | None) -> Any:
    """重新校验代入了引用的部分，结果与把整张表单导出后重新校验相同（tests/form/test_compute_revalidate.py）。

    只重建从根到改动文字这一路上的模型；其余的值直接传入原来的对象（pydantic 不再校验已经校验过的
    模型实例，``revalidate_instances`` 默认为 never）。整张表单重新校验要把几万个事项再造一遍，
    新旧两份同时留在内存里。字段有 before/wrap/plain 校验器（它们看到的是导出的值）时仍传导出的值。
    """
    if changes is None:  # 代入了引用的文字本身
        return plain
    if isinstance(original, BaseModel) and isinstance(plain, dict):
        model = type(original)
        raw_fields = _raw_input_fields(model)
        names = {field.alias: name for name, field in model.model_fields.items() if field.alias}
        data: dict[Any, Any] = {}
        for key, value in plain.items():
            name = names.get(key)
            if name is None:
                data[key] = value
            elif key in changes:
                data[key] = _revalidated(getattr(original, name), value, changes[key])
            else:
                data[key] = value if name in raw_fields or "*" in raw_fields else getattr(original, name)
        return model.model_validate(data)
    if isinstance(original, list) and isinstance(plain, list) and len(original) == len(plain):
        return [_revalidated(old, new, changes[index]) if index in changes
                else old if isinstance(old, BaseModel) else new
                for index, (old, new) in enumerate(zip(original, plain, strict=True))]
    return plain


def _raw_input_fields(model: type[BaseModel]) -> set[str]:
    """有 before/wrap/plain 校验器的字段：校验器按导出的值（dict、文字）写成，不能把模型实例交给它。"""
    return {name for decorator in model.__pydantic_decorators__.field_validators.values()
            if decorator.info.mode != "after" for name in decorator.info.fields}


def _unknown(mark: Mark, names: list[str]) -> ReferenceProblem | None:
    """引用指向不存在的指标或没有的那一项时的问题。"""
    ref, attr = mark.key, mark.attr
    if ref is None:
        return None
    if ref not in names:
        guess = difflib.get_close_matches(ref, names, n=1, cutoff=0.3)
        known = "、".join(names) or "（表单里还没有填写任何指标）"
        tip = f"是不是“{guess[0]}”？" if guess else ""
        return ReferenceProblem(f"引用了不存在的指标“{ref}”。{tip}已有的指标键：{known}。", ref)
    if attr is not None and attr not in figure_attributes():
        return ReferenceProblem(
            f"指标“{ref}”没有“{attr}”这一项。可以用：{'、'.join(figure_attributes())}。", f"{ref}.{attr}")
    return None


def indicator_names(loaded: LoadedForm) -> list[str] | None:
    """表单里写着的指标键（校验之前取：校验会改动数据，如去掉公式成环的指标）；
    有“指标文件”时键在表格里，这里不知道全部的键，返回 None。"""
    data = loaded.data
    if not isinstance(data, dict) or data.get("指标文件") is not None:
        return None
    rows = data.get("指标")
    return [str(row["键"]) for row in rows if isinstance(row, dict) and "键" in row] if isinstance(rows, list) else []


def reference_problems(loaded: LoadedForm, names: list[str] | None) -> list[Diagnostic]:
    """表单校验没有通过时（还没有 Form）：只查正文里的 {{键}} 引用写得对不对、指向的指标有没有
    （``names`` 是校验之前取的 :func:`indicator_names`；为 None 时不查指标有没有），与校验错误一起报出。"""
    data = loaded.data
    out: list[Diagnostic] = []
    for path, text in strings_where(data, _may_have_references):
        if not path or path[0] in _NOT_PRINTED or path[0] == "指标":  # 整份表单只是一段文字：校验已经报了
            continue
        for mark in scan(text):
            if mark.message is not None:
                out.append(_located(loaded, path, text, ReferenceProblem(
                    mark.message, text[mark.start: mark.start + 12]), mark.severity))
                continue
            problem = _unknown(mark, names) if names is not None else None
            if problem is not None:
                out.append(_located(loaded, path, text, problem))
    return out


def _located(loaded: LoadedForm, path: tuple[str | int, ...], text: str,
             problem: ReferenceProblem, severity: Severity = Severity.ERROR) -> Diagnostic:
    line, column, _ = locate(loaded.data, path)
    source = loaded.source
    if line is not None and problem.fragment:
        # 在值所在的几行里找片段，给出准确的行列
        for offset in range(0, max(1, text.count("\n") + 3)):
            candidate = source.line(line + offset)
            if candidate is not None and problem.fragment in candidate:
                line, column = line + offset, candidate.index(problem.fragment) + 1
                break
    return source.diagnostic(problem.message, line, column, severity=severity)
