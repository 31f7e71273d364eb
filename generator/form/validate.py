"""校验阶段：YAML 数据 → :class:`Form`，所有问题一次性带位置报出。

pydantic 的英文错误在这里翻译成中文，并按键路径找回“文件:行:列”。
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Collector, Diagnostic, Severity, brief
from ..indicators.formulas import resolve_formulas
from ..indicators.sheets import merge_indicator_file
from ..read.loader import LoadedForm, SourceText
from ..read.located import locate, locate_key, strings_where, walk
from .dates import ISO_DATE, clerk_date
from .kinds import REQUIRED, kind_problems
from .models import Form, ReportKind
from .numbering import split_typed_number

Path_ = tuple[str | int, ...]


def validate_form(loaded: LoadedForm) -> tuple[Form, list[Diagnostic]]:
    """校验表单。出错时抛出 :class:`FormError`（包含全部错误），否则返回表单和警告。"""
    source, data = loaded.source, loaded.data
    out = Collector(file=source.path)
    out.extend(source.notices)
    if not isinstance(data, dict):
        out.add(source.diagnostic(
            "表单的最外层应该是若干“键: 值”，例如“单位: 贡觉县卫生健康委员会”。", 1, 1))
        out.raise_if_errors()
    reported = _check_characters(source, data, out)
    _strip_typed_numbers(source, data, out)
    _clerk_date(source, data, out)
    _glued_problem_keys(source, data, out)
    origins = merge_indicator_file(source, data, out)
    resolve_formulas(source, data, out, origins.cells, origins.rejected)
    reported |= _kind_parts(source, data, out)
    form: Form | None = None
    try:
        form = Form.model_validate(_plain(data))
    except ValidationError as exc:
        out.extend(d for d in translate_errors(loaded, exc, Form)
                   if (d.line, d.column) not in reported and d.code != _KIND_PARTS)
    out.raise_if_errors()
    assert form is not None
    return form, out.warnings


_KIND_PARTS = "kind_parts"


def _kind_parts(source: SourceText, data: dict[str, Any], out: Collector) -> set[tuple[int | None, int | None]]:
    """哪些部分必填、哪些不能写随“类型”而定（form/kinds.py）：在这里一次全部带位置报出，
    不等模型的其他错误都改完（模型自己的检查在别的字段都对时才运行，报的是同样的问题，见 translate_errors）。"""
    kind = data.get("类型", ReportKind.ANNUAL.value)
    if not isinstance(kind, str) or kind.strip() not in {k.value for k in ReportKind}:
        return set()  # 类型写错了：由模型报告
    reported: set[tuple[int | None, int | None]] = set()
    for key, problem, message in kind_problems(kind.strip(), data):
        if problem == "缺少":
            line, column, _ = locate(data, ("类型",) if "类型" in data and kind.strip() in REQUIRED else ())
        elif problem == "空":
            line, column, _ = locate(data, (key,))
        else:
            line, column = locate_key(data, (key,))
        reported.add((line, column))
        out.add(source.diagnostic(f"{message}。", line, column))
    return reported


def _plain(value: Any) -> Any:
    """ruamel 的带注释容器 → 普通 dict/list（pydantic 只需要数据）。"""
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, str) else k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# ---------------------------------------------------------------- 文字检查


_BAD_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")


def _check_characters(source: SourceText, data: Any, out: Collector) -> set[tuple[int | None, int | None]]:
    """Word 文件放不进控制字符（多半来自引号里的 ``\\x0b``、``\\ud800`` 这类转义）：在这里带位置拒绝，
    并把它们从数据里去掉，免得后面的校验再为同一个值报一条看不懂的错误。返回报过错的位置。"""
    reported: set[tuple[int | None, int | None]] = set()
    for path, text in list(strings_where(data, _BAD_IN_TEXT.search)):
        match = _BAD_IN_TEXT.search(text)
        if match is None:
            continue
        ch = match.group()
        line, column, _ = locate(data, path)
        reported.add((line, column))
        out.add(source.diagnostic(
            f"“{_path_text(path)}”里有一个看不见的{'无效字符' if ord(ch) >= 0xD800 else '控制字符'}"
            f"（U+{ord(ch):04X}，"
            f"在第 {match.start() + 1} 个字处），Word 文件无法保存它。"
            "请删掉这段文字重新输入，或从记事本里复制纯文字粘贴。",
            line, column))
        if path:
            walk(data, path[:-1])[path[-1]] = _BAD_IN_TEXT.sub("", text)
    return reported


def character_problems(loaded: LoadedForm) -> list[Diagnostic]:
    """表单以外的 YAML（单位模板的 ``模板.yaml``）里 Word 放不进的字符：带位置的错误（并从数据里去掉）。"""
    out = Collector()
    _check_characters(loaded.source, loaded.data, out)
    return out.items


_NUMBERED_LISTS = ("工作开展情况", "下一步工作计划", "保障措施")


def _strip_typed_numbers(source: SourceText, data: dict[str, Any], out: Collector) -> None:
    """序号由生成器统一编排：办事员手打的“（一）”“一是”等去掉并给出警告。"""

    def fix(container: Any, key: str | int, path: Path_) -> None:
        value = container[key]
        if not isinstance(value, str):
            return
        typed, rest = split_typed_number(value)
        if typed:
            container[key] = rest
            line, column, _ = locate(data, path)
            out.add(source.diagnostic(
                f"开头的“{typed}”已去掉：序号由 gen 自动编排，不用手写。",
                line, column, severity=Severity.WARNING))

    def items(value: Any, path: Path_) -> None:
        if not isinstance(value, list):
            return
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                continue
            if "标题" in item:
                fix(item, "标题", (*path, index, "标题"))
            points = item.get("要点")
            if isinstance(points, list):
                for p_index in range(len(points)):
                    fix(points, p_index, (*path, index, "要点", p_index))
            items(item.get("子项"), (*path, index, "子项"))

    for key in _NUMBERED_LISTS:
        items(data.get(key), (key,))
    sections = data.get("其他章节")
    if isinstance(sections, list):
        for index, section in enumerate(sections):
            if isinstance(section, dict):
                items(section.get("事项"), ("其他章节", index, "事项"))
    problems = data.get("存在的问题")
    if isinstance(problems, list):
        for index, problem in enumerate(problems):
            if isinstance(problem, str):
                fix(problems, index, ("存在的问题", index))
            elif isinstance(problem, dict) and "内容" in problem:
                fix(problem, "内容", ("存在的问题", index, "内容"))


def _clerk_date(source: SourceText, data: dict[str, Any], out: Collector) -> None:
    """“2026.1.9”“2026/1/9”“2026年1月9日”按显然的意思接受，提示标准写法。"""
    value = data.get("日期")
    if not isinstance(value, str) or ISO_DATE.match(value.strip()):
        return
    parts = clerk_date(value)
    if parts is None:
        return
    try:
        day = dt.date(*parts)
    except ValueError:
        return  # 不存在的日期由模型报错
    line, column, _ = locate(data, ("日期",))
    out.add(source.diagnostic(
        f"日期“{value.strip()}”可以识别，但表单里的标准写法是 {day.isoformat()}，"
        f"建议改成“日期: {day.isoformat()}”。", line, column, severity=Severity.INFO))


_GLUED_KEY = re.compile(r"^([^\s:：]{1,16}):(?=[^\s/])(.*)$", re.DOTALL)


def _glued(text: str, keys: Sequence[str]) -> tuple[str, str] | None:
    """“标题:开展体检”：键后面的冒号没空格，YAML 把整行读成了一段文字。"""
    match = _GLUED_KEY.match(text)
    if match and match.group(1) in keys:
        return match.group(1), match.group(2)
    return None


def _glued_diagnostic(source: SourceText, glued: tuple[str, str], line: int | None,
                      column: int | None) -> Diagnostic:
    """指向冒号，给出整行的正确写法（连同行首的“- ”）。"""
    colon = (column or 1) + len(glued[0])
    text = source.line(line) if line else None
    if text is not None and text[colon - 1: colon] == ":":
        fixed = f"{text[:colon]} {text[colon:]}".strip()
    else:
        fixed = f"{glued[0]}: {glued[1].strip()}"
    return source.diagnostic(f"冒号后面要空一格：{fixed}", line, colon)


def _glued_problem_keys(source: SourceText, data: dict[str, Any], out: Collector) -> None:
    """存在的问题可以只写一句话，所以“- 内容:人才短缺”不会出错，只会把“内容:”印进报告。"""
    problems = data.get("存在的问题")
    if not isinstance(problems, list):
        return
    for index, problem in enumerate(problems):
        glued = _glued(problem, ("内容", "解决思路")) if isinstance(problem, str) else None
        if glued:
            line, column, _ = locate(data, ("存在的问题", index))
            out.add(_glued_diagnostic(source, glued, line, column))


# ---------------------------------------------------------------- 翻译 pydantic 错误


def translate_errors(loaded: LoadedForm, exc: ValidationError,
                     root: type[BaseModel]) -> list[Diagnostic]:
    """把 pydantic 的全部错误翻译成带位置的中文诊断。``root`` 用于推荐最接近的键。"""
    errors = exc.errors(include_url=False)
    # 把“导语”写成“导言”时，pydantic 同时报“多了导言”和“缺少导语”：只留前一条（它已建议“导语”）
    suggested = {(tuple(e["loc"][:-1]), _suggest(str(e["loc"][-1]), tuple(e["loc"][:-1]), root))
                 for e in errors if e["type"] == "extra_forbidden"}
    return [_translate(loaded.source, loaded.data, err, root) if err["type"] != _KIND_PARTS
            else Diagnostic(str(err["msg"]), code=_KIND_PARTS) for err in errors
            if not (err["type"] == "missing" and (tuple(err["loc"][:-1]), str(err["loc"][-1])) in suggested)]


def _translate(source: SourceText, data: Any, err: Any, root: type[BaseModel]) -> Diagnostic:
    loc: Path_ = tuple(err["loc"])
    kind: str = err["type"]
    ctx = err.get("ctx") or {}
    name = _path_text(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        line, column = locate_key(data, loc)
        return source.diagnostic(_unknown_key_message(key, loc[:-1], root), line, column)
    if kind == "missing":
        line, column, _ = locate(data, loc[:-1])
        where = f"“{_path_text(loc[:-1])}”里" if loc[:-1] else "表单里"
        return source.diagnostic(f"{where}缺少必填项“{loc[-1]}”，请补上。", line, column)
    if kind == "kind_needs_key":  # 这一类型要的键（主题、季度）没写：指到“类型”那一行
        line, column, _ = locate(data, ("类型",))
        return source.diagnostic(f"{ctx.get('message')}。", line, column)
    if kind == "duplicate_key":  # 重复的键：指到第二次出现的“键:”那一行
        line, column, _ = locate(data, ("指标", ctx.get("index", 0), "键"))
        return source.diagnostic(f"指标的键“{ctx.get('key')}”重复了，每个指标的键必须不同。"
                                 "请改掉其中一个（正文里的 {{键}} 引用也要跟着改）。", line, column)
    line, column, _ = locate(data, loc)
    value = err.get("input")
    if kind in ("model_type", "model_attributes_type", "dict_type") and isinstance(value, str):
        glued = _glued(value, _keys_at(loc, root))
        if glued:
            return _glued_diagnostic(source, glued, line, column)
    message = _MESSAGES.get(kind)
    if kind in ("value_error", "assertion_error"):
        text = str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        message = f"“{name}”：{text}。" if name else f"{text}。"
    elif kind in ("enum", "literal_error"):  # 如 密级、紧急程度：把 pydantic 的 'a', 'b' or 'c' 换成中文
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", ""))) or [str(ctx.get("expected", ""))]
        message = f"“{name}”只能是 {'、'.join(choices)} 之一，现在填的是“{_shown(value)}”。"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        message = f"“{name}”的值 {value} 超出了允许范围（{_range_text(kind, ctx)}）。"
    elif message is not None:
        message = message.format(name=name, value=value, **{k: v for k, v in ctx.items()})
    else:  # 没有专门翻译的错误：不把 pydantic 的英文说明给用户看
        message = f"“{name}”填写有误（现在填的是“{_shown(value)}”），请对照 README“怎么填表”里这一项的写法改正。"
    return source.diagnostic(message, line, column)


_MESSAGES = {
    "int_parsing": "“{name}”要填阿拉伯数字的整数，现在填的是“{value}”。",
    "int_parsing_size": "“{name}”的数字太长了（几十位以上），请填一个实际的数字。",
    "int_type": "“{name}”要填整数，现在填的是“{value}”。",
    "int_from_float": "“{name}”要填整数，不能带小数。",
    "decimal_parsing": "“{name}”要填数字，现在填的是“{value}”。",
    "decimal_type": "“{name}”要填数字，现在填的是“{value}”。",
    "string_type": "“{name}”这里应该是一段文字，现在填的是别的（如列表或“键: 值”）。",
    "string_too_short": "“{name}”不能为空，请填写内容。",
    "string_too_long": "“{name}”太长了（最多 {max_length} 个字），请改短。",
    "too_short": "“{name}”至少要填写 {min_length} 项。",
    "list_type": "“{name}”这里应该是一个列表，每一项以“- ”开头另起一行。",
    "model_type": "“{name}”这里应该是若干“键: 值”（如“标题: …”），现在填的是一段文字。",
    "model_attributes_type": "“{name}”这里应该是若干“键: 值”（如“标题: …”）。",
    "dict_type": "“{name}”这里应该是若干“键: 值”。",
    "bool_type": "“{name}”只能填 true 或 false。",
    "bool_parsing": "“{name}”只能填 true 或 false。",
    "date_type": "“{name}”要写成 年-月-日，如 2025-01-07。",
    "date_parsing": "“{name}”要写成 年-月-日，如 2025-01-07。",
    "date_from_datetime_parsing": "“{name}”要写成 年-月-日，如 2025-01-07。",
    "finite_number": "“{name}”要填一个普通的数字。",
}


def _shown(value: Any) -> str:
    """在一行消息里引用写错的值：换行和控制字符换成空格，太长的只取开头。"""
    return brief(" ".join("".join(ch if ch.isprintable() else " " for ch in str(value)).split()))


def _range_text(kind: str, ctx: dict[str, Any]) -> str:
    labels = {"greater_than_equal": "不小于 {ge}", "less_than_equal": "不大于 {le}",
              "greater_than": "大于 {gt}", "less_than": "小于 {lt}"}
    return labels[kind].format(**ctx)


def _path_text(path: Sequence[str | int]) -> str:
    """键路径的中文写法：工作开展情况 第2项 → 要点 第1条。"""
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"第{part + 1}项")
        else:
            parts.append(str(part))
    return " ".join(parts)


def _suggest(key: str, parent: Path_, root: type[BaseModel]) -> str | None:
    """与写错的键最接近的有效键。"""
    valid = _keys_at(parent, root)
    cleaned = key.replace("\u3000", "").replace("：", "").strip()
    if cleaned in valid:
        return cleaned
    guess = difflib.get_close_matches(cleaned, valid, n=1, cutoff=0.3)
    if not guess:
        guess = [v for v in valid if v and (v in cleaned or cleaned in v)][:1]
    return guess[0] if guess else None


def _unknown_key_message(key: str, parent: Path_, root: type[BaseModel]) -> str:
    valid = _keys_at(parent, root)
    cleaned = key.replace("\u3000", "").replace("：", "").strip()
    where = f"“{_path_text(parent)}”里" if parent else "表单最外层"
    if cleaned != key and cleaned in valid:
        return f"{where}的键“{key}”里混进了全角空格或全角冒号，应写作“{cleaned}”。"
    guess = _suggest(key, parent, root)
    suggestion = f"是不是要写“{guess}”？" if guess else ""
    allowed = "、".join(valid)
    return f"{where}没有“{key}”这个键。{suggestion}这里可用的键有：{allowed}。"


def _keys_at(path: Path_, root: type[BaseModel]) -> list[str]:
    """沿模型字段走到路径处，列出那一层允许的中文键。"""
    model: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        field = next((f for f in model.model_fields.values() if f.alias == part), None)
        if field is None:
            return []
        model = _model_in(field.annotation)
        if model is None:
            return []
    return [str(f.alias) for f in model.model_fields.values() if f.alias]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType) or origin is not None:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
