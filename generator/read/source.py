"""读取阶段的第一步：把文件字节变成带行号索引的文字（:class:`SourceText`）。

只读普通文件，边读边限制大小；判断编码（UTF-8、GBK/GB18030、UTF-16）；编码错误指明行和字节。
行的划分与 YAML 解析器完全一致：只有换行符（``\\n``，以及已统一成 ``\\n`` 的 ``\\r\\n``、``\\r``）
分行。``str.splitlines()`` 还会在 ``\\x0b``、``\\x1c``–``\\x1e``、``\\x85``、``\\u2028`` 等处分行，
那样算出的行号与 YAML 报的、编辑器里看到的都对不上，所以这里不用它。
"""

from __future__ import annotations

import codecs
import os
import stat
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import Diagnostic, FormError, Severity

MAX_FORM_BYTES = 5 * 1024 * 1024


@dataclass
class SourceText:
    """读进来的表单原文。行号索引只建一次，按行取原文、按偏移找行列都不重新切分全文。"""

    path: Path
    text: str
    encoding: str
    notices: list[Diagnostic] = field(default_factory=list)

    @cached_property
    def lines(self) -> list[str]:
        """各行原文（与 YAML 的行号一一对应，第 n 行是 ``lines[n - 1]``）。"""
        lines = self.text.split("\n")
        if len(lines) > 1 and lines[-1] == "":
            lines.pop()
        return lines

    @cached_property
    def _starts(self) -> array[int]:
        """每行在全文里的起点：与 :attr:`lines` 一一对应，但不必把全文切成几十万个字符串。"""
        text = self.text
        starts = array("q", [0])
        at = text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        if len(starts) > 1 and starts[-1] == len(text):  # 末尾的换行不另起一行（同 lines）
            starts.pop()
        return starts

    def line(self, number: int) -> str | None:
        """第 ``number`` 行的原文；没有全部切分成行时只切出这一行（大表单上逐段检查时省下十几 MB）。"""
        if "lines" in self.__dict__:
            lines = self.lines
            return lines[number - 1] if 1 <= number <= len(lines) else None
        starts = self._starts
        if not 1 <= number <= len(starts):
            return None
        if number < len(starts):
            return self.text[starts[number - 1]: starts[number] - 1]
        end = len(self.text) - 1 if self.text.endswith("\n") else len(self.text)
        return self.text[starts[number - 1]: end]

    def position(self, offset: int) -> tuple[int, int]:
        """文字中第 ``offset`` 个字符（从 0 起）所在的行和列（都从 1 起）。"""
        index = max(0, bisect_right(self._starts, offset) - 1)
        return index + 1, offset - self._starts[index] + 1

    def yaml_column(self, line: int, column: int) -> int:
        """YAML 报的列（从 1 起）换成字符列：YAML 数列时跳过行内的 U+FEFF。"""
        text = self.line(line)
        if not text or "\ufeff" not in text:
            return column
        seen = 0
        for index, ch in enumerate(text):
            if ch == "\ufeff":
                continue
            seen += 1
            if seen == column:
                return index + 1
        return column

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
        shown = self.line(line) if line else None
        caret = None
        if shown is not None and len(shown) > _LONG_LINE:  # 很长的行只显示出错处前后一段
            at = (column or 1) - 1
            start = max(0, at - _CONTEXT)
            end = at + _CONTEXT
            caret = at - start + 1 + (1 if start else 0)
            shown = ("…" if start else "") + shown[start:end] + ("…" if end < len(shown) else "")
        return Diagnostic(
            message=message,
            severity=severity,
            file=self.path,
            line=line,
            column=column,
            source_line=shown,
            hint=hint,
            code=code,
            caret=caret,
        )


_LONG_LINE = 120
_CONTEXT = 40


# ---------------------------------------------------------------- 读文件


def read_source(path: Path, *, what: str = "表单") -> SourceText:
    """读取文件并判断编码；空文件、二进制文件、过大的文件都给出中文错误。"""
    return decode_source(read_limited(path, what=what), path, what=what)


def read_limited(path: Path, *, what: str, limit: int = MAX_FORM_BYTES,
                 typical: str = "工作总结的表单通常只有几十 KB") -> bytes:
    """读出文件的全部字节：只读普通文件，读的时候就限制大小（设备、管道永远读不完）。

    找不到、是文件夹、不是普通文件、太大、没有权限，都给出中文错误（FormError）。
    """

    def unreadable() -> FormError:
        return FormError(Diagnostic(f"无法读取{what}文件 {path}。请检查文件名和所在文件夹。", file=path))

    try:
        info = path.stat()
    except FileNotFoundError:
        raise FormError(Diagnostic(f"找不到{what}文件：{path}。请检查文件名和所在文件夹。",
                                   file=path)) from None
    except OSError:
        raise unreadable() from None
    if stat.S_ISDIR(info.st_mode):
        raise FormError(Diagnostic(f"{path} 是一个文件夹，不是{what}文件。", file=path))
    if not stat.S_ISREG(info.st_mode):
        raise FormError(Diagnostic(
            f"{path} 不是普通文件（可能是设备或管道），不能作为{what}读取。请选一个保存在磁盘上的文件。",
            file=path))
    def too_large(size: int) -> FormError:
        return FormError(Diagnostic(
            f"{what}文件太大（{size / 1024 / 1024:.1f} MB），超过 {limit // (1024 * 1024)} MB 上限。"
            f"请确认选对了文件：{typical}。", file=path))

    if info.st_size > limit:
        raise too_large(info.st_size)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except PermissionError:
        raise FormError(Diagnostic(f"没有权限读取 {path}。如果文件正在别的程序中打开，请先关闭。",
                                   file=path)) from None
    except OSError:
        raise unreadable() from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # 打开前后被换成了别的东西
            raise FormError(Diagnostic(f"{path} 不是普通文件，不能作为{what}读取。", file=path))
        data = handle.read(limit + 1)
    if len(data) > limit:  # 读的过程中文件变大了
        raise too_large(len(data))
    return data


# ---------------------------------------------------------------- 编码


def decode_source(raw: bytes, path: Path, *, what: str = "表单") -> SourceText:
    if not raw.strip():
        raise FormError(Diagnostic(f"{what}文件是空的。可以运行 gen init 生成一份带说明的空白表单。",
                                   file=path, line=1))
    notices: list[Diagnostic] = []
    text: str | None = None
    encoding = "utf-8"
    if raw.startswith(codecs.BOM_UTF8):  # 文件自己声明了 UTF-8：坏字节就是坏字节
        body = raw[len(codecs.BOM_UTF8):]
        text, encoding = _try_decode(body, "utf-8"), "utf-8-sig"
        if text is None:
            raise _bad_byte(path, body, "utf-8")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _try_decode(raw, "utf-16"), "utf-16"
    elif _looks_utf16(raw):
        enc = "utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be"
        text, encoding = _try_decode(raw, enc), enc
    if text is None:
        if raw.count(b"\x00") > max(8, len(raw) // 500):  # 个别 NUL 混在文字里：当作控制字符，读入时带行列报出
            raise _binary(path, what, raw)
        text = _try_decode(raw, "utf-8")
        if text is None:
            if _mostly_utf8(raw):  # 个别坏字节：按 GBK 硬读只会得到一串乱码
                raise _bad_byte(path, raw, "utf-8")
            text, encoding = _try_decode(raw, "gb18030"), "gb18030"
            if text is None:
                if _control_ratio(raw.decode("gb18030", errors="replace")) > 0.02:
                    raise _binary(path, what, raw)
                raise _bad_byte(path, raw, "gb18030")
    if encoding not in ("utf-8", "utf-8-sig"):
        notices.append(Diagnostic(
            f"文件是按 {encoding.upper()} 编码保存的，已自动识别并读取。"
            "建议另存为 UTF-8 编码，以便在其他电脑上打开时不出乱码。",
            severity=Severity.INFO, file=path))
    if _control_ratio(text) > 0.02:
        raise _binary(path, what, raw)
    return SourceText(path=path, text=text.replace("\r\n", "\n").replace("\r", "\n"),
                      encoding=encoding, notices=notices)


def _try_decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding, errors="strict")
    except UnicodeDecodeError:
        return None


def _mostly_utf8(raw: bytes) -> bool:
    """大部分非 ASCII 字节组成了合法的 UTF-8 字符（GBK 文件几乎没有这样的）。"""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good >= 4 * bad


def _bad_byte(path: Path, raw: bytes, encoding: str) -> FormError:
    """编码错误：指出第几行第几个字、哪个字节。"""
    try:
        raw.decode(encoding, errors="strict")
        start = 0
    except UnicodeDecodeError as exc:
        start = exc.start
    prefix = raw[:start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line = prefix.count(b"\n") + 1
    line_start = max(raw.rfind(b"\n", 0, start), raw.rfind(b"\r", 0, start)) + 1
    ends = [pos for pos in (raw.find(b"\n", start), raw.find(b"\r", start)) if pos >= 0]
    line_end = min(ends) if ends else len(raw)
    column = len(raw[line_start:start].decode(encoding, errors="replace")) + 1
    shown = raw[line_start:line_end].decode(encoding, errors="replace")
    return FormError(Diagnostic(
        f"这里有一个无法识别的字节（0x{raw[start]:02X}）："
        "这个文件既不是有效的 UTF-8 编码，也不是 GBK 编码，多半是复制粘贴时混进了乱码。"
        "请在记事本或 WPS 里删掉这一行里的乱码字符重新输入，然后另存为 UTF-8 编码。",
        file=path, line=line, column=column, source_line=shown))


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


def _binary(path: Path, what: str, raw: bytes) -> FormError:
    """看起来是二进制数据：指出第一个不是文字的字节在哪一行哪一列，办事员能对照着找。"""
    start = next((i for i, b in enumerate(raw) if b < 32 and b not in (9, 10, 13)), 0)
    line_start = max(raw.rfind(b"\n", 0, start), raw.rfind(b"\r", 0, start)) + 1
    prefix = raw[:line_start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    column = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
    return FormError(Diagnostic(
        f"{path.name} 不是文本文件（看起来是二进制数据，从这里起有不是文字的字节 0x{raw[start]:02X}），"
        f"无法作为{what}读取。请用记事本、WPS 或 VS Code 打开 .yaml 表单，确认选对了文件。",
        file=path, line=prefix.count(b"\n") + 1, column=column))
