"""读取阶段：把表单文件变成带行列号的 YAML 数据。

只做三件事：按编码把字节读成文字、拒绝不安全或无法解析的 YAML、
保留每个键和值的位置，供后面的校验阶段报告“文件:行:列”。
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from .errors import Diagnostic, FormError, Severity

MAX_FORM_BYTES = 5 * 1024 * 1024


@dataclass
class SourceText:
    """读进来的表单原文。``lines`` 用于给诊断配上原文行。"""

    path: Path
    text: str
    encoding: str
    notices: list[Diagnostic] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def line(self, number: int) -> str | None:
        lines = self.lines
        if 1 <= number <= len(lines):
            return lines[number - 1]
        return None

    def diagnostic(
        self,
        message: str,
        line: int | None,
        column: int | None = None,
        *,
        severity: Severity = Severity.ERROR,
        hint: str | None = None,
        code: str | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            message=message,
            severity=severity,
            file=self.path,
            line=line,
            column=column,
            source_line=self.line(line) if line else None,
            hint=hint,
            code=code,
        )


@dataclass
class LoadedForm:
    source: SourceText
    data: Any


# ---------------------------------------------------------------- 编码


def read_source(path: Path, *, what: str = "表单") -> SourceText:
    """读取文件并判断编码；空文件、二进制文件、过大的文件都给出中文错误。"""
    return decode_source(read_limited(path, what=what), path, what=what)


def read_limited(path: Path, *, what: str, limit: int = MAX_FORM_BYTES,
                 typical: str = "工作总结的表单通常只有几十 KB") -> bytes:
    """读出文件的全部字节：找不到、是文件夹、太大、没有权限，都给出中文错误（FormError）。"""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FormError(Diagnostic(f"找不到{what}文件：{path}。请检查文件名和所在文件夹。",
                                   file=path)) from None
    if path.is_dir():
        raise FormError(Diagnostic(f"{path} 是一个文件夹，不是{what}文件。", file=path))
    if size > limit:
        raise FormError(Diagnostic(
            f"{what}文件太大（{size / 1024 / 1024:.1f} MB），超过 {limit // (1024 * 1024)} MB 上限。"
            f"请确认选对了文件：{typical}。", file=path))
    try:
        return path.read_bytes()
    except PermissionError:
        raise FormError(Diagnostic(f"没有权限读取 {path}。如果文件正在别的程序中打开，请先关闭。",
                                   file=path)) from None


def decode_source(raw: bytes, path: Path, *, what: str = "表单") -> SourceText:
    if not raw.strip():
        raise FormError(Diagnostic(f"{what}文件是空的。可以运行 gen init 生成一份带说明的空白表单。",
                                   file=path, line=1))
    notices: list[Diagnostic] = []
    text: str | None = None
    encoding = "utf-8"
    if raw.startswith(codecs.BOM_UTF8):
        text, encoding = raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _try_decode(raw, "utf-16"), "utf-16"
    elif _looks_utf16(raw):
        enc = "utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be"
        text, encoding = _try_decode(raw, enc), enc
    if text is None:
        if b"\x00" in raw:
            raise _binary(path, what)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = _try_decode(raw, "gb18030")
            if text is None:
                raise _binary(path, what) from None
            encoding = "gb18030"
    if encoding not in ("utf-8", "utf-8-sig"):
        notices.append(Diagnostic(
            f"文件是按 {encoding.upper()} 编码保存的，已自动识别并读取。"
            "建议另存为 UTF-8 编码，以便在其他电脑上打开时不出乱码。",
            severity=Severity.INFO, file=path))
    if _control_ratio(text) > 0.02:
        raise _binary(path, what)
    return SourceText(path=path, text=text.replace("\r\n", "\n").replace("\r", "\n"),
                      encoding=encoding, notices=notices)


def _try_decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding, errors="strict")
    except UnicodeDecodeError:
        return None


def _looks_utf16(raw: bytes) -> bool:
    sample = raw[:400]
    if len(sample) < 4:
        return False
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    return max(even_nul, odd_nul) > half * 0.3 and min(even_nul, odd_nul) < half * 0.05


def _control_ratio(text: str) -> float:
    bad = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t")
    return bad / max(1, min(len(text), 20000))


def _binary(path: Path, what: str) -> FormError:
    return FormError(Diagnostic(
        f"{path.name} 不是文本文件（看起来是二进制数据），无法作为{what}读取。"
        "请用记事本、WPS 或 VS Code 打开 .yaml 表单，确认选对了文件。", file=path))


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


_FormConstructor.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)
_FormConstructor.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _FormConstructor
    yaml.allow_duplicate_keys = False
    return yaml


_FULLWIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s:：#][^:：#]{0,20}?)\s*：")


def parse_yaml(source: SourceText) -> LoadedForm:
    """解析 YAML；语法错误、锚点/别名、标签都变成带位置的中文错误。"""
    control = _control_characters(source)
    if control:  # YAML 读取器遇到控制字符只会报“第几个字节”，这里先按行列报出
        raise FormError(control)
    yaml = _yaml()
    try:
        _reject_unsafe(yaml, source)
        data = yaml.load(source.text)
    except FormError as exc:
        raise FormError(_merge(_line_problems(source), exc.diagnostics)) from None
    except MarkedYAMLError as exc:
        # 全角冒号、Tab 等逐行问题往往引起后面一串语法错误：只报根源
        raise FormError(_merge(_line_problems(source), [_syntax_error(source, exc)])) from None
    except YAMLError as exc:  # 没有位置的 YAML 错误（极少见）
        raise FormError(_merge(_line_problems(source), [source.diagnostic(
            f"表单不是有效的 YAML：{exc}", None)])) from None
    indents = _line_problems(source, colons=False)
    if indents:  # 行首全角空格可能被 YAML 当成键的一部分，解析“成功”也要报出
        raise FormError(indents)
    if data is None:
        raise FormError(source.diagnostic(
            "表单里没有任何内容（只有注释或空行）。请填写 单位、年度 等项目。", 1))
    return LoadedForm(source=source, data=data)


def _merge(first: list[Diagnostic], second: list[Diagnostic]) -> list[Diagnostic]:
    """逐行问题在前；其后的 YAML 错误多半是它们引起的连锁反应，不再重复报告。"""
    first_line = min((d.line or 0 for d in first), default=None)
    kept = [d for d in second if first_line is None or (d.line or 0) < first_line]
    return sorted(first + kept,
                  key=lambda d: (d.line or 0, d.column or 0))


def _control_characters(source: SourceText) -> list[Diagnostic]:
    """YAML 和 Word 都容不下的控制字符（常见于从网页或旧系统复制来的文字）。"""
    problems: list[Diagnostic] = []
    for number, line in enumerate(source.lines, start=1):
        for column, ch in enumerate(line, start=1):
            if (ord(ch) < 32 and ch != "\t") or ord(ch) == 0x7F or 0x80 <= ord(ch) < 0xA0:
                problems.append(source.diagnostic(
                    f"这里有一个看不见的控制字符（U+{ord(ch):04X}），Word 文件无法保存它。"
                    "请删掉这几个字重新输入，或从记事本里复制纯文字粘贴。", number, column))
                break
    return problems


def _line_problems(source: SourceText, *, colons: bool = True) -> list[Diagnostic]:
    """逐行找办事员最常见的排版错误：全角冒号、Tab 或全角空格缩进。

    全角冒号只在 YAML 解析失败时才查（``colons``）：多行文字的续行里出现“：”是正常的。
    """
    problems: list[Diagnostic] = []
    block_indent: int | None = None
    for number, line in enumerate(source.lines, start=1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped or indent > block_indent:
                continue  # 仍在 | 或 > 文本块内，内容原样保留
            block_indent = None
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
        match = _FULLWIDTH_KEY.match(line) if colons else None
        if match and ":" not in line[: match.end()]:
            problems.append(source.diagnostic(
                f"“{match.group(2)}”后面用了全角冒号“：”。键和值之间要用半角冒号加一个空格，"
                f"例如“{match.group(2)}: …”。",
                number, match.end()))
            continue
        if re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", line):
            block_indent = indent
    return problems


def _syntax_error(source: SourceText, exc: MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    problem = (exc.problem or "") + " " + (exc.context or "")
    if "found duplicate key" in problem or type(exc).__name__ == "DuplicateKeyError":
        key = _quoted(str(exc.problem)) or "同一个键"
        mark = exc.problem_mark or mark
        line = mark.line + 1 if mark is not None else line
        column = mark.column + 1 if mark is not None else column
        return source.diagnostic(
            f"键“{key}”在同一层里出现了两次。请删掉或合并其中一个。", line, column)
    message = _SYNTAX_HINTS.get(_syntax_kind(problem), "这里的 YAML 格式不对")
    return source.diagnostic(
        f"{message}。请检查这一行和上一行的冒号、缩进和引号。", line, column)


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
    "found undefined alias": "这里用了别名（*名字），表单不支持",
    "while scanning a quoted scalar": "引号没有成对",
    "expected <block end>": "缩进对不齐",
}


def _reject_unsafe(yaml: YAML, source: SourceText) -> None:
    """在构造数据之前扫描事件流：不允许锚点、别名和显式标签。"""
    problems: list[Diagnostic] = []
    for event in yaml.parse(source.text):
        mark = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        if isinstance(event, AliasEvent):
            problems.append(source.diagnostic(
                f"表单里不能用别名“*{event.anchor}”引用别处的内容，请把内容直接写出来。", line, column))
        elif isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if event.anchor:
                problems.append(source.diagnostic(
                    f"表单里不能用锚点“&{event.anchor}”，请删掉它。", line, column))
            tag = getattr(event, "tag", None)
            if tag and tag not in ("!", "?"):
                tag = str(tag).replace("tag:yaml.org,2002:", "!!")
                problems.append(source.diagnostic(
                    f"表单里不能用 YAML 标签“{tag}”，请删掉它，只写普通文字和数字。", line, column))
    if problems:
        raise FormError(problems)


def load_form_file(path: Path) -> LoadedForm:
    return parse_yaml(read_source(path))
