"""重新生成 README 里的汇总表图片 docs/rollup-table.png。

用 tests/data/rollup 的五份县级表单运行 ``gen rollup -o 汇总.docx``，LibreOffice 转成 PDF（用仓库的字体替换表，
与测试相同），截取第一页从“附件”到表格底边的部分。需要 LibreOffice、poppler（pdftoppm）和 pdfplumber
（测试依赖里有）。在仓库根目录运行：``python scripts/rollup_picture.py``。
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "rollup"
TARGET = REPO / "docs" / "rollup-table.png"
DPI = 110
PAD = 12  # 四周留白（磅）


def main() -> int:
    import pdfplumber

    from generator.cli.commands import run
    from generator.write.pdf import convert_files, fontconfig_file

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        docx = work / "汇总.docx"
        forms = [str(DATA / f"{name}.yaml") for name in ("甲县", "乙县", "丙县", "丁县", "戊县")]
        if run(["rollup", *forms, "-o", str(docx)]) != 0:
            return 1
        env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file()))
        [pdf] = convert_files([docx], work, env=env)
        with pdfplumber.open(str(pdf)) as document:
            page = document.pages[0]
            [table] = page.find_tables()
            label = next(w for w in page.extract_words() if w["text"] == "附件")
            x0, top = min(float(label["x0"]), table.bbox[0]) - PAD, float(label["top"]) - PAD
            x1, bottom = table.bbox[2] + PAD, table.bbox[3] + PAD
        scale = DPI / 72
        subprocess.run(["pdftoppm", "-png", "-singlefile", "-r", str(DPI), "-f", "1", "-l", "1",
                        "-x", str(round(x0 * scale)), "-y", str(round(top * scale)),
                        "-W", str(round((x1 - x0) * scale)), "-H", str(round((bottom - top) * scale)),
                        str(pdf), str(TARGET.with_suffix(""))], check=True)
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
