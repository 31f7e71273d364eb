"""读入已完成的报告：.txt / .md（任意常见中文编码）与 .docx，得到按顺序的段落文字。"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Diagnostic, FormError, ImportFailure
from ..loader import decode_source, read_limited

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
    return SourceDocument(path=path, paragraphs=[line.strip() for line in lines],
                          notices=source.notices, lines=lines)


def _read_docx(path: Path, raw: bytes) -> SourceDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not raw.strip():
        raise ImportFailure(Diagnostic("文件是空的。", file=path))
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise ImportFailure(Diagnostic(
            f"{path.name} 不是有效的 Word（.docx）文件。如果它是旧版 .doc 文件，请在 WPS 或 Word 里"
            "“另存为”.docx 后再导入。", file=path))
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
    paragraphs = [p.text.replace("\n", "").strip() for p in document.paragraphs]
    tables = [[[cell.text.strip() for cell in row.cells] for row in table.rows]
              for table in document.tables]
    return SourceDocument(path=path, paragraphs=paragraphs, tables=tables)
