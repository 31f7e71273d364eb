"""gen rollup 的 .docx：县多、竖版的版心排不下时改用 A4 横版，表格按横版的版心排，数字不回行；县少时仍是竖版。"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from office import render_pdfs
from test_rollup import FACTS, county_form
from test_table_pdf import NUMBER_CHAR, _read

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMES = "甲乙丙丁戊己庚辛壬癸"


def write_many(folder: Path, count: int) -> list[str]:
    """``count`` 个县（甲县、乙县……），事实轮流取 test_rollup 的五个县的。"""
    folder.mkdir()
    facts = list(FACTS.values())
    paths = []
    for i in range(count):
        path = folder / f"{i:02d}.yaml"
        path.write_text(county_form(f"{NAMES[i]}县卫生健康委员会", facts[i % len(facts)]), encoding="utf-8")
        paths.append(str(path))
    return paths


def page_setup(docx: Path) -> tuple[dict[str, str], dict[str, str], int]:
    """pgSz 与 pgMar 的属性（去掉命名空间），以及表格各列宽度之和（缇）。"""
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    sect = root.find(f"{W}body/{W}sectPr")
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    grid = sum(int(col.get(f"{W}w")) for col in root.iter(f"{W}gridCol"))
    return ({k.removeprefix(W): v for k, v in size.attrib.items()},
            {k.removeprefix(W): v for k, v in margins.attrib.items()}, grid)


def test_five_counties_stay_portrait(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "汇总.docx"
    assert gen("rollup", *write_many(tmp_path / "县级", 5), "-o", str(target)).code == 0
    size, margins, grid = page_setup(target)
    assert size == {"w": "11906", "h": "16838"}  # A4 竖版，不写 orient
    assert (margins["top"], margins["bottom"], margins["left"], margins["right"]) == ("2098", "1984", "1587", "1474")
    assert grid == 8844  # 表格占满竖版的版心：210 - 28 - 26 = 156 毫米


@pytest.mark.office
def test_nine_counties_turn_landscape_and_numbers_stay_on_one_line(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openxml_audit import OpenXmlValidator

    target = tmp_path / "汇总.docx"
    result = gen("rollup", *write_many(tmp_path / "县级", 9), "-o", str(target))
    assert result.code == 0, result.err
    size, margins, grid = page_setup(target)
    assert size == {"w": "16838", "h": "11906", "orient": "landscape"}
    # 页边距随纸张转 90 度：左（订口）28 → 上，右 26 → 下，下 35 → 左，上 37 → 右；页脚按新的下边距算
    assert (margins["top"], margins["bottom"], margins["left"], margins["right"]) == ("1587", "1474", "1984", "2098")
    assert margins["footer"] == "937"  # 页码一字线在版心下 7 毫米：(26 - 7) 毫米 - 7 磅 = 1077 - 140 缇
    assert grid == 12756  # 表格按横版的版心排：297 - 35 - 37 = 225 毫米
    audit = OpenXmlValidator(strict=True).validate(target)
    assert audit.is_valid, [e.description for e in audit.errors]

    [pdf], _ = render_pdfs([target], tmp_path)
    pages = _read(pdf)
    assert pages and all(page["height"] < 600 for page in pages)  # 横版：高 595 磅
    header = ["指标", "单位", *[f"{n}县" for n in NAMES[:9]], "合计", "同比"]
    cells = 0
    for number, page in enumerate(pages, 1):
        for table in page["tables"]:
            assert [cell or "" for cell in table[0]] == header, f"第 {number} 页：表头回行或不全"
            for row in table[1:]:
                for cell in row:
                    cells += 1
                    split = re.search(rf"[{NUMBER_CHAR}]\n[{NUMBER_CHAR}]", cell or "")
                    assert split is None, f"第 {number} 页：单元格里的数字被拆成两行：{cell!r}"
    assert cells == 7 * len(header)
