"""对照组：只用 python-docx、写同样内容的最简脚本（不校验、不检查、不排版式）。

读 gen 生成的 Markdown（标题、一级标题、段落、表格），用 python-docx 自带的模板写成 .docx。
用法：python benchmarks/bare_docx.py 报告.md 输出.docx
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx


def write(markdown: str, target: Path) -> None:
    document = docx.Document()
    rows: list[list[str]] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                rows.append(cells)
            continue
        if rows:
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for row, cells in zip(table.rows, rows, strict=False):
                for cell, text in zip(row.cells, cells, strict=False):
                    cell.text = text
            rows = []
        if line.startswith("# "):
            document.add_heading(line[2:], level=0)
        elif line.startswith("## "):
            document.add_heading(line[3:], level=1)
        elif line.strip() and not line.startswith("<!--"):
            document.add_paragraph(line)
    document.save(str(target))


if __name__ == "__main__":
    write(Path(sys.argv[1]).read_text(encoding="utf-8"), Path(sys.argv[2]))
