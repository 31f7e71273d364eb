"""gen rollup 的 .docx：县少时 A4 竖版；竖版排不下改横版；横版也排不下先把表格字号改小（小四 → 五号，
仍是仿宋），再排不下就按县拆成几张表（后面的标“续表”，每张都有“指标”“单位”，合计、同比在最后一张）。
数字和表头始终不回行（LibreOffice 转成 PDF 后检查），文件通过 openxml-audit 校验。
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from office import NUMBER_CHAR, read_table_pages, render_pdfs
from test_rollup import COUNTIES, county_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMES = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月"
INDICATORS = 8  # tests/data/rollup 的表单合起来有 8 个指标


def write_many(folder: Path, count: int) -> list[str]:
    """``count`` 个县（甲县、乙县……），数字轮流取 tests/data/rollup 的五个县的。"""
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"{i:02d}.yaml"
        path.write_text(county_text(COUNTIES[i % 5], f"{NAMES[i]}县卫生健康委员会"), encoding="utf-8")
        paths.append(str(path))
    return paths


def page_setup(docx: Path) -> tuple[dict[str, str], dict[str, str], list[int], list[str]]:
    """pgSz 与 pgMar 的属性（去掉命名空间）、每张表各列宽度之和（缇）、表格字号（半磅）和正文各段文字。"""
    from lxml import etree

    package = zipfile.ZipFile(docx)
    root = etree.fromstring(package.read("word/document.xml"))
    sect = root.find(f"{W}body/{W}sectPr")
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    grids = [sum(int(col.get(f"{W}w")) for col in grid.iter(f"{W}gridCol")) for grid in root.iter(f"{W}tblGrid")]
    styles = etree.fromstring(package.read("word/styles.xml"))
    [table_style] = [s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "GBTableText"]
    table_size = table_style.find(f"{W}rPr/{W}sz").get(f"{W}val")
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.find(f"{W}body")
                  if p.tag == f"{W}p"]
    return ({k.removeprefix(W): v for k, v in size.attrib.items()},
            {k.removeprefix(W): v for k, v in margins.attrib.items()}, grids,
            [table_size, *[p for p in paragraphs if p]])


def test_three_counties_stay_portrait(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "汇总.docx"
    assert gen("rollup", *write_many(tmp_path / "县级", 3), "-o", str(target)).code == 0
    size, margins, grids, text = page_setup(target)
    assert size == {"w": "11906", "h": "16838"}  # A4 竖版，不写 orient
    assert (margins["top"], margins["bottom"], margins["left"], margins["right"]) == ("2098", "1984", "1587", "1474")
    assert grids == [8844]  # 一张表，占满竖版的版心：210 - 28 - 26 = 156 毫米
    assert text == ["24", "附件", "主要指标汇总表"]  # 小四（12 磅 = 24 半磅）


# 县数 → 表格字号（半磅）和每张表的县数。竖版版心 156 毫米 = 8844 缇，横版 225 毫米 = 12756 缇；
# 各列最小宽度（“指标”一列至少六个字宽，与报告的指标表相同）按一行统一的小数位量：惠民补助资金一行有 54977.36，
# 这一行各县都写两位小数（567900.00），数字列因此比原样显示宽。
# 五个县：竖版排不下，横版小四排得下；七、八个县五号也排不下，拆成两张，两种字号都是两张时取大的（小四）；
# 十五个县小四、五号都是三张：取小四；三十个县小四六张、五号五张：取张数少的五号
LAYOUTS = {
    5: ("24", [5]),
    8: ("24", [4, 4]),
    9: ("24", [5, 4]),
    15: ("24", [5, 5, 5]),
    30: ("21", [6, 6, 6, 6, 6]),
}


@pytest.mark.office
def test_many_counties_turn_landscape_shrink_then_split(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openxml_audit import OpenXmlValidator

    targets = {}
    for count in LAYOUTS:
        target = tmp_path / f"{count}县.docx"
        result = gen("rollup", *write_many(tmp_path / f"县级{count}", count), "-o", str(target))
        assert result.code == 0, result.err
        targets[count] = target
        size, margins, grids, text = page_setup(target)
        assert size == {"w": "16838", "h": "11906", "orient": "landscape"}
        # 页边距随纸张转 90 度：左（订口）28 → 上，右 26 → 下，下 35 → 左，上 37 → 右；页脚按新的下边距算
        assert (margins["top"], margins["bottom"], margins["left"], margins["right"]) == ("1587", "1474", "1984",
                                                                                          "2098")
        assert margins["footer"] == "937"  # 页码一字线在版心下 7 毫米：(26 - 7) 毫米 - 7 磅 = 1077 - 140 缇
        table_size, parts = LAYOUTS[count]
        assert grids == [12756] * len(parts)  # 每张表都按横版的版心排：297 - 35 - 37 = 225 毫米
        assert text == [table_size, "附件", "主要指标汇总表", *["续表"] * (len(parts) - 1)]
        audit = OpenXmlValidator(strict=True).validate(target)
        assert audit.is_valid, [e.description for e in audit.errors]

    pdfs, _ = render_pdfs(list(targets.values()), tmp_path)
    for (count, (_, parts)), pdf in zip(LAYOUTS.items(), pdfs, strict=True):
        pages = read_table_pages(pdf)
        assert pages and all(page["height"] < 600 for page in pages)  # 横版：高 595 磅
        counties = iter(f"{n}县" for n in NAMES[:count])
        expected = [["指标", "单位", *[next(counties) for _ in range(k)]] for k in parts]
        expected[-1] += ["合计", "同比"]
        seen: list[list[str]] = []
        cells = 0
        for number, page in enumerate(pages, 1):
            for table in page["tables"]:
                header = [cell or "" for cell in table[0]]
                assert header in expected, f"{count} 个县，第 {number} 页：表头回行或不全：{header}"
                if not seen or seen[-1] != header:  # 一张表排到下一页时表头重复，算同一张
                    seen.append(header)
                for row in table[1:]:
                    for cell in row:
                        cells += 1
                        split = re.search(rf"[{NUMBER_CHAR}]\n[{NUMBER_CHAR}]", cell or "")
                        assert split is None, f"{count} 个县，第 {number} 页：单元格里的数字被拆成两行：{cell!r}"
        assert seen == expected, f"{count} 个县：各张表依次排列，县不重复、不遗漏"
        assert cells == INDICATORS * sum(len(h) for h in expected)
