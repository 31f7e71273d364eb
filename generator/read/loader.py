"""读取阶段：把表单文件变成带行列号的 YAML 数据。

只做三件事：按编码把字节读成文字（:mod:`generator.read.source`）、拒绝不安全或无法解析的 YAML
（诊断见 :mod:`generator.read.hints`）、保留每个键和值的位置，供后面的校验阶段报告“文件:行:列”。
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    ScalarEvent,
)
from ruamel.yaml.parser import Parser
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.scanner import Scanner

from ..errors import Diagnostic, FormError
from ..gcpause import paused_gc
from .fastload import MAX_INT_DIGITS, fast_load
from .hints import (
    Keys,
    block_scalar_lines,
    line_problems,
    quote_leading_references,
    quote_percent_units,
    special_start,
)
from .repair import repair
from .source import MAX_FORM_BYTES, SourceText, decode_source, read_limited, read_source
from .syntax import duplicate_key, syntax_error

__all__ = ["MAX_DEPTH", "MAX_FORM_BYTES", "LoadedForm", "SlipsFound", "SourceText", "decode_source",
           "load_form_file", "parse_yaml", "read_limited", "read_source"]

MAX_DEPTH = 40  # 表单最深不过七八层；再深只可能是误输入或恶意输入，解析器会递归到崩溃


@dataclass
class LoadedForm:
    source: SourceText
    data: Any


# ---------------------------------------------------------------- YAML


class _FormConstructor(RoundTripConstructor):
    """日期保持原文（由校验阶段给出中文错误），小数读成 Decimal 以免二进制浮点误差。"""


def _construct_timestamp_as_text(self: RoundTripConstructor, node: Any) -> str:
    return str(node.value)


def _construct_decimal(self: RoundTripConstructor, node: Any) -> Decimal | str:
    text = str(node.value).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return str(node.value)
    return value if value.is_finite() else str(node.value)


def _construct_int(self: RoundTripConstructor, node: Any) -> Any:
    if len(str(node.value)) > MAX_INT_DIGITS:
        return str(node.value)
    return RoundTripConstructor.construct_yaml_int(self, node)


_FormConstructor.add_constructor("tag:yaml.org,2002:int", _construct_int)
_FormConstructor.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)
_FormConstructor.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    # 表单里的注释用不到：不收集注释的扫描器快一倍，行列号照样由往返构造器记下
    yaml.Scanner = Scanner
    yaml.Parser = Parser
    yaml.Constructor = _FormConstructor
    yaml.allow_duplicate_keys = False
    return yaml


def parse_yaml(source: SourceText, *, keys: Keys) -> LoadedForm:
    """解析 YAML；语法错误、锚点/别名、标签、过深的嵌套都变成带位置的中文错误。

    普通的表单由 libyaml 解析（:mod:`generator.read.fastload`）；不寻常的写法和出错的表单走 ruamel：
    组装数据的同时检查每个事件（:class:`_CheckingParser`），出错时再扫一遍事件流，把所有问题一次报全。
    """
    control = control_characters(source)
    if control:  # YAML 读取器遇到这些字符只会报“第几个字节”：按行列报出，换成空格再往下读
        # 先换再加引号：“键: \x85{{甲}}”换成空格后也是以 {{ 开头的值（否则每个这样的行都要多解析一遍）
        text = quote_leading_references(SourceText(source.path, _BAD_CHARACTER.sub(" ", source.text),
                                                   source.encoding))
    else:
        text = quote_leading_references(source)
    if ": %" in text:  # “单位: %”：先加上引号，普通表单才能走快路
        text = quote_percent_units(text, block_scalar_lines(source))
    with paused_gc():  # 与慢路相同：组装只新建对象，大表单上循环回收要占去三分之一的时间
        fast = fast_load(text, MAX_DEPTH)
    if fast is not None:  # 普通的表单：libyaml 一遍读完，结果与下面的 ruamel 完全相同
        data, scan = fast[0], _Scan(source=source, text=text, continued=fast[1])
    else:
        data, scan = _load(source, text)
    if scan.error is not None and "found character '%'" in str(scan.error.problem):
        text = quote_percent_units(scan.text, block_scalar_lines(source) | scan.continued)
        data, scan = _load(source, text)
    found: dict[int, Diagnostic] = {d.line or 0: d for d in control}
    unplaced: list[Diagnostic] = []
    if scan.problems or scan.error is not None or scan.plain_error is not None:
        data, scan = _one_pass(source, scan, keys, found, unplaced)
    for problem in line_problems(source, keys, colons=False, skip=scan.continued):
        # 行首全角空格可能被 YAML 当成键的一部分，解析“成功”也要报出
        found.setdefault(problem.line or 0, problem)
    problems = sorted(found.values(), key=lambda d: (d.line or 0, d.column or 0)) + unplaced
    if problems:
        partial = LoadedForm(source, _paragraph_breaks(data)) if isinstance(data, dict) else None
        raise SlipsFound(problems, partial)
    if data is None:
        raise FormError(source.diagnostic(
            "表单里没有任何内容（只有注释或空行）。请填写 单位、年度 等项目。", 1))
    return LoadedForm(source=source, data=_paragraph_breaks(data))


class SlipsFound(FormError):
    """读取阶段找到的全部打字问题；``partial`` 是修好这些行之后读进来的数据（读不进来时为 None），
    后面的校验和检查可以接着在它上面找问题，一次报全。"""

    def __init__(self, diagnostics: list[Diagnostic], partial: LoadedForm | None) -> None:
        super().__init__(diagnostics)
        self.partial = partial


MAX_ROUNDS = 200  # 一份表单里能一次报出的读取问题的上限（每一轮修好至少一行，再解析一遍）
PARSE_BUDGET = 4_000_000  # 修补时总共最多再解析这么多字（约 1.5 秒）：20 KB 以下的表单仍有 200 轮，更大的少几轮


def _one_pass(source: SourceText, scan: _Scan, keys: Keys, found: dict[int, Diagnostic],
              unplaced: list[Diagnostic]) -> tuple[Any, _Scan]:
    """YAML 出错时：报出这一轮找到的问题，照改法修好那几行（行号不变），再解析，直到读得进来。

    ``found``（行 → 诊断）每行只留第一条；修过的行上再出的问题是修补引起的，不报。
    同一轮里逐行检查找到了问题时，先只修这些行：解析器的错误多半是它们引起的，下一轮还在才报。
    读不进来时返回的数据为 None。"""
    lines = scan.text.split("\n")
    repaired: set[int] = set()
    data: Any = None
    rounds = max(3, min(MAX_ROUNDS, PARSE_BUDGET // max(1, len(scan.text))))
    for _ in range(rounds):
        current = SourceText(source.path, "\n".join(lines), source.encoding)
        error, continued, precise = scan.error, scan.continued, list(scan.problems)
        duplicates = scan.duplicates
        if scan.problems:  # 别名、过深的嵌套会让组装中途停下：再完整扫一遍
            full = _scan(current, current.text)
            precise, error, continued = full.problems or scan.problems, full.error, full.continued
            duplicates = full.duplicates
        if error is None and scan.plain_error is not None:  # 没有位置的 YAML 错误（极少见）
            unplaced.append(source.diagnostic(f"表单不是有效的 YAML：{scan.plain_error}", None))
            return None, scan
        if error is None and not precise:
            return data, scan
        mark = (error.problem_mark or error.context_mark) if error is not None else None
        until = mark.line + 1 if mark else None
        if error is not None and type(error).__name__ == "DuplicateKeyError":
            # 重复的键一次全报出来（组装已经看过全部事件），不必每个键再解析一遍整份表单
            precise += [duplicate_key(current, key, start, line, current.yaml_column(line, column))
                        for key, start, line, column in duplicates]
            until = max([until or 0, *(line for _, _, line, _ in duplicates)])
        slips = line_problems(current, keys, skip=continued, until=until)
        new = [d for d in slips if d.line not in repaired and d.line not in found] + precise
        if error is not None and not new:
            new.append(syntax_error(current, error, keys))
        progress = False
        for problem in new:
            if problem.line is None or problem.line > len(lines):
                if not any(d.message == problem.message for d in unplaced):
                    unplaced.append(problem)
                continue
            if problem.line in repaired or problem.line in found:
                continue
            found[problem.line] = source.diagnostic(problem.message, problem.line, problem.column,
                                                    severity=problem.severity)
            repaired |= repair(lines, problem)
            progress = True
        if not progress:  # 问题出在修过的行上：换成空行再试；已经是空行就读不进来了
            at = mark.line if mark is not None else -1
            if not 0 <= at < len(lines) or not lines[at].strip():
                return None, scan
            lines[at] = ""
            repaired.add(at + 1)
        data, scan = _load(source, "\n".join(lines))
    if scan.error is None and scan.plain_error is None and not scan.problems:
        return data, scan
    unplaced.append(source.diagnostic(
        f"读取问题太多，上面只列出了前 {len(found)} 处。请先改好这些，再运行一次。", None))
    return None, scan


def _load(source: SourceText, text: str) -> tuple[Any, _Scan]:
    yaml = _yaml()
    yaml.Parser = _CheckingParser
    scan = _Scan(source=source, text=text)
    yaml._gen_scan = scan  # type: ignore[attr-defined]  # 解析器从 loader 上取到它
    data = None
    collecting = gc.isenabled()
    gc.disable()  # 解析只新建对象、不产生垃圾环：大表单上循环回收占了三分之一的时间
    try:
        data = yaml.load(text)
    except _TooDeep:
        pass
    except TypeError:  # 括号当键（已记在 problems 里）时 ruamel 构造数据会崩溃
        if not scan.problems:
            raise
    except MarkedYAMLError as exc:
        scan.error = exc
        mark = exc.problem_mark or exc.context_mark
        scan.error_line = mark.line + 1 if mark is not None else None
    except YAMLError as exc:
        scan.plain_error = exc
    finally:
        if collecting:
            gc.enable()
    return data, scan


class _TooDeep(Exception):
    """嵌套过深：在解析器递归到崩溃之前停下。"""


class _CheckingParser(Parser):
    """把交给组装器的每个事件先检查一遍（见 :meth:`_Scan.see`）。不收集注释。"""

    def get_event(self) -> Any:
        event = super().get_event()
        scan: _Scan | None = getattr(self.loader, "_gen_scan", None)
        if scan is not None and not scan.see(event):
            raise _TooDeep
        return event


# 除换行和 Tab 外的 C0/C1 控制字符、DEL、代理码位、U+FFFE/U+FFFF：YAML 和 Word 都容不下
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def control_characters(source: SourceText) -> list[Diagnostic]:
    """YAML 和 Word 都容不下的字符（常见于从网页、Word 或旧系统复制来的文字），每行报第一个。"""
    problems: list[Diagnostic] = []
    last_line = 0
    for match in _BAD_CHARACTER.finditer(source.text):
        line, column = source.position(match.start())
        if line == last_line:
            continue
        last_line = line
        code = ord(match.group())
        kind = "无效字符" if code >= 0xD800 else "控制字符"
        problems.append(source.diagnostic(
            f"这里有一个看不见的{kind}（U+{code:04X}），Word 文件无法保存它。"
            "请删掉这几个字重新输入，或从记事本里复制纯文字粘贴。", line, column))
    return problems


@dataclass
class _Scan:
    """事件流的检查结果：不安全的写法、语法错误、多行文字的续行（逐行检查要跳过）。"""

    source: SourceText
    text: str
    problems: list[Diagnostic] = field(default_factory=list)
    error: MarkedYAMLError | None = None
    plain_error: YAMLError | None = None
    error_line: int | None = None
    continued: set[int] = field(default_factory=set)
    open: list[bool | None] = field(default_factory=list)  # 每层：映射里下一个是不是键；列表为 None
    keys: list[tuple[Any, dict[tuple[str, bool], int]] | None] = field(default_factory=list)  # 每层映射的开始和键
    duplicates: list[tuple[str, Any, int, int]] = field(default_factory=list)  # (键, 映射的开始, 行, 列)

    def see(self, event: Any) -> bool:
        """检查一个事件；嵌套过深时返回 False（不要再往下读）。"""
        source = self.source
        mark = event.start_mark
        line = mark.line + 1
        if isinstance(event, CollectionEndEvent):
            self.open.pop()
            self.keys.pop()
            return True
        is_key = bool(self.open) and self.open[-1] is True
        if is_key and isinstance(event, ScalarEvent) and self.keys[-1] is not None:
            start, seen = self.keys[-1]
            token = (str(event.value), event.style is None)  # 普通写法和加引号的写法分开比（“1”与 1 不同）
            if token in seen:
                self.duplicates.append((str(event.value), start, line, mark.column + 1))
            seen[token] = line
        if self.open and self.open[-1] is not None:
            self.open[-1] = not is_key
        if isinstance(event, ScalarEvent):
            end = event.end_mark
            if end.line > mark.line:
                last = end.line + 1 if end.column > 0 else end.line
                self.continued.update(range(line + 1, last + 1))
        elif isinstance(event, CollectionStartEvent):
            self.open.append(True if isinstance(event, MappingStartEvent) else None)
            self.keys.append((mark, {}) if isinstance(event, MappingStartEvent) else None)
            if len(self.open) > MAX_DEPTH:
                self.problems.append(source.diagnostic(
                    f"这里的列表或“键: 值”嵌套超过了 {MAX_DEPTH} 层，表单用不到这么深。"
                    "请检查是不是多写了“[”“{”或“- ”。", line, source.yaml_column(line, mark.column + 1)))
                return False
            if is_key:  # “{甲: [1]}: 值”：括号被当成了键，ruamel 会在构造时崩溃
                self.problems.append(source.diagnostic(
                    "这里以“{”或“[”开头，YAML 把括号里的部分当成了键。请把整行文字放进一对引号里，"
                    "或者改用中文括号。", line, source.yaml_column(line, mark.column + 1)))
        if isinstance(event, AliasEvent):
            self.problems.append(_alias(source, str(event.anchor), line,
                                        source.yaml_column(line, mark.column + 1)))
        elif isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if event.anchor:
                self.problems.append(source.diagnostic(
                    f"表单里不能用锚点“&{event.anchor}”，请删掉它。", line,
                    source.yaml_column(line, mark.column + 1)))
            tag = getattr(event, "tag", None)
            if tag and tag not in ("!", "?"):
                tag = str(tag).replace("tag:yaml.org,2002:", "!!")
                self.problems.append(source.diagnostic(
                    f"表单里不能用 YAML 标签“{tag}”，请删掉它，只写普通文字和数字。", line,
                    source.yaml_column(line, mark.column + 1)))
        return True


def _scan(source: SourceText, text: str) -> _Scan:
    """只扫描事件流（不组装数据），收集全部问题；在出错时用。"""
    scan = _Scan(source=source, text=text)
    try:
        for event in _yaml().parse(text):
            if not scan.see(event):
                break
    except MarkedYAMLError as exc:
        scan.error = exc
    except YAMLError as exc:
        scan.plain_error = exc
    return scan


def _alias(source: SourceText, name: str, line: int, column: int) -> Diagnostic:
    if re.fullmatch(r"[A-Za-z_][\w-]*", name):
        return source.diagnostic(
            f"表单里不能用别名“*{name}”引用别处的内容，请把内容直接写出来。", line, column)
    return special_start(source, line, column, "*")  # “***名教师”这类没填的占位符


def _paragraph_breaks(value: Any) -> Any:
    """“空一行表示分段”：除 ``|`` 文本块外，YAML 把空一行折成一个换行，这里把它变回段落分隔（空行）。

    ``|`` 文本块保留原来的换行：单个换行是折行，空一行才分段，与其他写法一致。
    """
    if isinstance(value, dict):
        for key, item in value.items():
            new = _paragraph_breaks(item)
            if new is not item:
                value[key] = new
    elif isinstance(value, list):
        for index, item in enumerate(value):
            new = _paragraph_breaks(item)
            if new is not item:
                value[index] = new
    elif isinstance(value, str) and "\n" in value and not isinstance(value, LiteralScalarString):
        return _LONE_NEWLINE.sub("\n\n", str(value))
    return value


_LONE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


def load_form_file(path: Path, *, keys: Keys) -> LoadedForm:
    return parse_yaml(read_source(path), keys=keys)
