"""测试共用：用真实的办公软件（LibreOffice）把 .docx 转成 PDF，再从 PDF 里读出版式。

没有 LibreOffice 时：本地跳过这些测试；CI=true 时判为失败（CI 必须真正渲染）。
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import Report
from generator.write.pdf import convert_files, fontconfig_file
from generator.write.style_profile import StyleProfile
from generator.write.word.body import squeeze_plan
from generator.write.word.pages import MAX_EXTRA

MM = 72 / 25.4  # 每毫米多少磅


def squeezed_page(report: Report, profile: StyleProfile) -> tuple[int, float, int]:
    """gen 收紧行距的那一页（GB/T 9704 7.3.5，write/word/pages.py）：（页码，行距磅数，最多排几行）；
    没有收紧时页码为 0。这一页不在网格上，最多排 22 + MAX_EXTRA 行。"""
    squeeze = squeeze_plan(report.document, profile)
    if squeeze is None:
        return 0, float(profile.line_pitch), profile.lines_per_page
    return squeeze.page + 1, squeeze.pitch / 20, profile.lines_per_page + MAX_EXTRA


def require_tool(name: str) -> str:
    """返回外部程序路径；缺少时 CI 里失败、本地跳过。"""
    found = shutil.which(name)
    if found is None:
        message = f"需要 {name}（LibreOffice / poppler-utils），但没有安装"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true：{message}。.ci/run 应当安装它。", pytrace=False)
        pytest.skip(message)
    return found


def render_pdfs(documents: Sequence[Path], outdir: Path) -> tuple[list[Path], float]:
    """用 LibreOffice 一次转换全部文件；返回 PDF 路径和耗时（秒）。

    总是使用仓库里的字体替换表，使渲染结果不取决于机器上装了哪些中文字体。
    """
    soffice = Path(require_tool("soffice"))
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file()))
    started = time.monotonic()
    pdfs = convert_files(documents, outdir, env=env, soffice=soffice)
    return pdfs, time.monotonic() - started


def pdf_fonts(pdf: Path) -> list[str]:
    """pdffonts 列出的字体名（去掉子集前缀）。"""
    tool = require_tool("pdffonts")
    out = subprocess.run([tool, str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    return [name.split("+", 1)[-1] for name in names]


def pdf_text(pdf: Path) -> str:
    tool = require_tool("pdftotext")
    return subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@dataclass(frozen=True)
class Line:
    """PDF 里的一行字：位置以磅为单位，原点在页面左上角。"""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str
    char_x0: tuple[float, ...]


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    tables: tuple[tuple[tuple[str, ...], ...], ...] = ()  # 由表格线围成的表格，单元格文字已去掉换行


def read_pages(pdf: Path) -> list[Page]:
    """用 pdfplumber 把每页的字符按基线归并成行。"""
    pdfplumber = pytest.importorskip("pdfplumber")
    pages: list[Page] = []
    with pdfplumber.open(str(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            rows: dict[int, list[dict[str, object]]] = {}
            for char in page.chars:
                rows.setdefault(round(float(char["bottom"])), []).append(char)
            lines = []
            for key in sorted(rows):
                chars = sorted(rows[key], key=lambda c: float(c["x0"]))  # type: ignore[arg-type]
                visible = [c for c in chars if str(c["text"]).strip()]
                if not visible:
                    continue
                lines.append(Line(
                    text="".join(str(c["text"]) for c in chars).strip(),
                    x0=float(visible[0]["x0"]),  # type: ignore[arg-type]
                    x1=float(visible[-1]["x1"]),  # type: ignore[arg-type]
                    top=min(float(c["top"]) for c in visible),  # type: ignore[arg-type]
                    bottom=max(float(c["bottom"]) for c in visible),  # type: ignore[arg-type]
                    size=max(float(c["size"]) for c in visible),  # type: ignore[arg-type]
                    fontname=str(visible[0]["fontname"]),
                    char_x0=tuple(float(c["x0"]) for c in visible),  # type: ignore[arg-type]
                ))
            tables = tuple(tuple(tuple("".join((cell or "").split()) for cell in row) for row in table)
                           for table in page.extract_tables())
            pages.append(Page(number, float(page.width), float(page.height), tuple(lines), tables))
    return pages


def spreadsheet_to_csv(workbook: Path, outdir: Path) -> list[list[str]]:
    """用 LibreOffice Calc（无界面）把 .xlsx 的第一个工作表转成 CSV（UTF-8），读回各行。"""
    import csv
    import tempfile

    soffice = require_tool("soffice")
    if not any(Path(soffice).resolve().parent.glob("libsc*lo.*")):
        message = "需要 LibreOffice Calc（libreoffice-calc-nogui），但只装了 Writer"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true：{message}。.ci/run 应当安装它。", pytrace=False)
        pytest.skip(message)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gen-lo-profile-") as profile:
        subprocess.run([soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault",
                        f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(outdir),
                        str(workbook)], capture_output=True, timeout=120, check=False)
    target = outdir / f"{workbook.stem}.csv"
    assert target.is_file(), f"LibreOffice 没有把 {workbook.name} 转成 CSV"
    with target.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))

NUMBER_CHAR = "0123456789.%"  # 表格里的数字由这些字组成（量“数字不回行”用）


def read_table_pages(pdf: Path) -> list[dict[str, Any]]:
    """PDF 每页的文字行（文字、底边、字号、左右）、表格（原样的单元格文字）和表格的行线。"""
    pdfplumber = pytest.importorskip("pdfplumber")
    pages = []
    with pdfplumber.open(str(pdf)) as document:
        for page in document.pages:
            rows: dict[int, list[dict[str, Any]]] = {}
            for char in page.chars:
                rows.setdefault(round(float(char["bottom"])), []).append(char)
            lines = []
            for key in sorted(rows):
                chars = sorted(rows[key], key=lambda c: float(c["x0"]))
                text = "".join(str(c["text"]) for c in chars).strip()
                if text:
                    lines.append((text, max(float(c["bottom"]) for c in chars),
                                  max(float(c["size"]) for c in chars),
                                  min(float(c["x0"]) for c in chars if str(c["text"]).strip()),
                                  max(float(c["x1"]) for c in chars if str(c["text"]).strip())))
            found = page.find_tables()
            tables = [table.extract() for table in found]
            row_edges = [sorted({round(float(cell[1]), 2) for cell in table.cells}
                                | {round(float(cell[3]), 2) for cell in table.cells}) for table in found]
            pages.append({"lines": lines, "tables": tables, "row_edges": row_edges,
                          "height": float(page.height)})
    return pages
