"""读入已完成的报告：.txt / .md（任意常见中文编码）与 .docx，得到按顺序的段落文字。"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from ..errors import Diagnostic, FormError, ImportFailure
from ..read.loader import decode_source, read_limited

MAX_REPORT_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".markdown", ".docx")


@dataclass
class SourceDocument:
    """读入的报告：段落（已去掉首尾空白，空段落保留为空字符串以便识别断页）和表格。"""

    path: Path
    paragraphs: list[str]
    tables: list[list[list[str]]] = field(default_factory=list)
    notices: list[Diagnostic] = field(default_factory=list)
    lines: list[str] | None = None  # 文本文件的原文行（未去空白）；gen check 据此给出列号。Word 文件为 None


# 报告里偶尔夹带的控制字符、单独的代理码和非字符（U+FFFE、U+FFFF）：表单里不允许出现，读入时换成空格
_UNWANTED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


_HTML_COMMENT = re.compile(r"<!--.*?-->")


# gen 写 Markdown 时给符号加的反斜杠（render.document.escape_markdown：\[ \* \# …，行首的 1\. \-）：
# 读回来去掉，否则“〔2025〕”打成的“[2025]”、正文里的“*”都会带着反斜杠进表单，红头也认不出来
_MD_ESCAPE = re.compile(r"\\([\\`*_\[\]{}<>#|!~&.)\-+=])")


def unescape_markdown(text: str) -> str:
    return _MD_ESCAPE.sub(r"\1", text)


def plain_text(text: str) -> str:
    """一段文字：去掉首尾空白，控制字符（含 Tab 和各种换行）换成空格。"""
    return _UNWANTED.sub(" ", text).strip()


def read_document(path: Path) -> SourceDocument:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFailure(Diagnostic(
            f"不认识“{path.name}”的文件类型。gen import 可以读取 .docx、.md 和 .txt 文件；"
            ".doc 和 .wps 文件请先在 WPS 或 Word 里“另存为”.docx。", file=path))
    try:
        raw = read_limited(path, what="报告", limit=MAX_REPORT_BYTES, typical="一份工作总结通常不到 1 MB")
    except FormError as exc:
        raise ImportFailure(exc.diagnostics) from None
    if suffix == ".docx":
        return _read_docx(path, raw)
    try:
        source = decode_source(raw, path, what="报告")
    except FormError as exc:
        raise ImportFailure(exc.diagnostics) from None
    lines = source.text.splitlines()  # 报告按一般文字的分行（\x0c 等也算换行），段落与行号同出一处
    paragraphs = [plain_text(line) for line in lines]
    if suffix in (".md", ".markdown"):  # Markdown 里的 HTML 注释（如 gen 写出的记号）不显示，不是正文
        paragraphs = ["" if _HTML_COMMENT.fullmatch(p) else unescape_markdown(p) for p in paragraphs]
    return SourceDocument(path=path, paragraphs=paragraphs, notices=source.notices, lines=lines)


def _read_docx(path: Path, raw: bytes) -> SourceDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not raw.strip():
        raise ImportFailure(Diagnostic("文件是空的。", file=path))
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise ImportFailure(Diagnostic(
            f"{path.name} 不是有效的 Word（.docx）文件。如果它是旧版 .doc 文件，请在 WPS 或 Word 里"
            "“另存为”.docx 后再导入。", file=path))
    _check_unpacked_size(path, raw)
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile):
        raise ImportFailure(Diagnostic(
            f"{path.name} 虽然是压缩包，但不是 Word 文件（里面没有 Word 正文）。请确认选对了文件。",
            file=path)) from None
    except Exception:  # python-docx 对损坏的文件会抛出各种异常
        raise ImportFailure(Diagnostic(
            f"{path.name} 已损坏，无法读取。请在 WPS 或 Word 里打开后重新保存为 .docx 再导入。",
            file=path)) from None
    paragraphs = _paragraph_texts(document.paragraphs)
    tables = [_table_rows(table._tbl) for table in document.tables]
    return SourceDocument(path=path, paragraphs=paragraphs, tables=tables)


def _paragraph_texts(paragraphs: list[Any]) -> list[str]:
    """各段的文字。gen 把落款前最后一段分成两段写出（前一段分散对齐，后一段不缩进，见
    ``write/word/closing.py``），这里接回一段。"""
    texts: list[str] = []
    split = False
    for p in paragraphs:
        text = plain_text(p.text.replace("\n", ""))
        if split and _style(p) == "GBBody" and _attr(p, "ind", "firstLineChars") == "0":
            texts[-1] += text
        else:
            texts.append(text)
        split = _style(p) == "GBBody" and _attr(p, "jc", "val") == "distribute"
    return texts


def _style(p: Any) -> str | None:
    return _attr(p, "pStyle", "val")


def _attr(p: Any, tag: str, name: str) -> str | None:
    ppr = p._p.pPr
    element = None if ppr is None else ppr.find(qn(f"w:{tag}"))
    return None if element is None else element.get(qn(f"w:{name}"))


# 解压后的大小：正文 XML 超过 8 MB（几百页的文字）或整个包超过 200 MB，不是一份工作总结，
# 多半是损坏或恶意构造的文件（几十 KB 的压缩包可以解出几十 MB）；先看目录，不解压
MAX_BODY_XML = 8 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024


def _check_unpacked_size(path: Path, raw: bytes) -> None:
    try:
        infos = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, ValueError):
        return  # 由 python-docx 给出“已损坏”的说明
    body = sum(i.file_size for i in infos if i.filename == "word/document.xml")
    total = sum(i.file_size for i in infos)
    if body > MAX_BODY_XML or total > MAX_UNPACKED:
        raise ImportFailure(Diagnostic(
            f"{path.name} 解压后太大（正文 {body / 1024 / 1024:.1f} MB，共 {total / 1024 / 1024:.1f} MB），"
            "不像一份工作总结（正文通常不到 1 MB）。请确认选对了文件；"
            "如果是很长的汇编，请只把要导入的那一份另存为 .docx。",
            file=path))


def _table_rows(table: Any) -> list[list[str]]:
    """表格的文字，一行一个列表，按 XML 里实际有的单元格读。

    不用 python-docx 的 ``row.cells``：它按 gridSpan、vMerge 展开合并单元格，遇到损坏的表格
    （第一行就是“续合并”、gridSpan="abc"）会抛出 ValueError，gridSpan="99999999" 更会展开上亿个格子。
    这里每个单元格只读一次，合并与否都不展开：时间只与文件大小成正比。
    单元格里的几段文字用空格连起来（表格只作为注释放进表单，不能带换行）。"""
    rows: list[list[str]] = []
    for tr in table.iterchildren(qn("w:tr")):
        cells: list[str] = []
        for tc in tr.iterchildren(qn("w:tc")):
            texts = (plain_text("".join(t.text or "" for t in p.iter(qn("w:t")))) for p in tc.iter(qn("w:p")))
            cells.append(" ".join(text for text in texts if text))
        rows.append(cells)
    return rows
