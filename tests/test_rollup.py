"""gen rollup：五个县的表单汇总；合计、重算的率、同比都与手算一致；单位不一致、缺指标、率没有公式都有提示。"""

from __future__ import annotations

from pathlib import Path

from conftest import VALID_FORM
from office import spreadsheet_to_csv
from openpyxl import load_workbook

# 每县：体检人数（本期, 上期）、实种剂次（本期, 上期）、应种剂次（本期, 上期）、住院分娩率、签约人数、培训人次
FACTS = {
    "甲县卫生健康委员会": ((15719, 7593), (1981, 1800), (2235, 2000), "99.1", (3200, "人"), 120),
    "乙县卫生健康委员会": ((8200, 8000), (1500, 1450), (1600, 1500), "98.7", (2100, "人"), 80),
    "丙县卫生健康委员会": ((6100, 6500), (900, 950), (1000, 1000), "97.5", (1800, "人次"), 60),
    "丁县卫生健康委员会": ((4300, 4000), (700, 640), (720, 700), "99.4", (900, "人"), None),
    "戊县卫生健康委员会": ((5681, 5407), (1419, 1360), (1445, 1400), "96.0", (1000, "人"), 40),
}


def county_form(unit: str, facts: tuple) -> str:  # type: ignore[type-arg]
    exam, done, due, birth, (signed, signed_unit), trained = facts
    text = f"""\
  - 键: 体检人数
    名称: 城乡居民健康体检人数
    本期: {exam[0]}
    上期: {exam[1]}
    单位: 人
  - 键: 实种剂次
    名称: 实际接种剂次
    本期: {done[0]}
    上期: {done[1]}
    单位: 剂次
  - 键: 应种剂次
    名称: 应种剂次
    本期: {due[0]}
    上期: {due[1]}
    单位: 剂次
  - 键: 接种率
    名称: 适龄儿童疫苗接种率
    公式: 实种剂次 / 应种剂次 * 100
    单位: "%"
  - 键: 住院分娩率
    名称: 住院分娩率
    本期: {birth}
    单位: "%"
  - 键: 签约人数
    名称: 家庭医生签约人数
    本期: {signed}
    单位: {signed_unit}
"""
    if trained is not None:
        text += f"  - 键: 培训人次\n    名称: 培训人次\n    本期: {trained}\n    单位: 人次\n"
    start, end = VALID_FORM.index("指标:\n") + len("指标:\n"), VALID_FORM.index("工作开展情况:")
    return VALID_FORM[:start].replace("贡觉县卫生健康委员会", unit) + text + VALID_FORM[end:]


def write_counties(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for unit, facts in FACTS.items():
        path = folder / f"{unit[:2]}.yaml"
        path.write_text(county_form(unit, facts), encoding="utf-8")
        paths.append(path)
    return paths


# 手算：15719+8200+6100+4300+5681 = 40000；7593+8000+6500+4000+5407 = 31500；增长 8500/31500 = 26.98%
# 实种 1981+1500+900+700+1419 = 6500；应种 2235+1600+1000+720+1445 = 7000；接种率 6500/7000 = 92.857… → 92.86
# 上期 1800+1450+950+640+1360 = 6200；2000+1500+1000+700+1400 = 6600；6200/6600 = 93.939… → 93.94；下降1.08个百分点
# 签约 3200+2100+1800+900+1000 = 9000；培训 120+80+60+40 = 300（丁县没有）
EXPECTED = [
    ["指标", "单位", "甲县卫生健康委员会", "乙县卫生健康委员会", "丙县卫生健康委员会", "丁县卫生健康委员会",
     "戊县卫生健康委员会", "合计", "上期合计", "同比"],
    ["城乡居民健康体检人数", "人", "15719", "8200", "6100", "4300", "5681", "40000", "31500", "增长26.98%"],
    ["实际接种剂次", "剂次", "1981", "1500", "900", "700", "1419", "6500", "6200", "增长4.84%"],
    ["应种剂次", "剂次", "2235", "1600", "1000", "720", "1445", "7000", "6600", "增长6.06%"],
    ["适龄儿童疫苗接种率", "%", "88.64", "93.75", "90", "97.22", "98.2", "92.86", "93.94", "下降1.08个百分点"],
    ["住院分娩率", "%", "99.1", "98.7", "97.5", "99.4", "96", "无法汇总（缺少公式）", "—", "—"],
    ["家庭医生签约人数", "人", "3200", "2100", "1800", "900", "1000", "9000", "—", "—"],
    ["培训人次", "人次", "120", "80", "60", "—", "40", "300", "—", "—"],
]


def test_rollup_totals_and_warnings(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_counties(tmp_path / "县级")
    md = tmp_path / "全市.md"
    result = gen("rollup", str(tmp_path / "县级" / "*.yaml"), "-o", str(md), "-o", str(tmp_path / "全市.xlsx"))
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == "已汇总 5 份表单的 7 个指标，3 条提示。"
    folder = tmp_path / "县级"
    assert result.err.replace(str(folder), "D").splitlines() == [
        # 标准错误不是终端：不画进度条，每读完一份印一行（与 gen report 整批生成相同）
        "[1/5] 已读入：D/丁县.yaml",
        "[2/5] 已读入：D/丙县.yaml",
        "[3/5] 已读入：D/乙县.yaml",
        "[4/5] 已读入：D/戊县.yaml",
        "[5/5] 已读入：D/甲县.yaml",
        "警告：指标“签约人数”的单位不一致：D/丁县.yaml:28 是“人”，D/丙县.yaml:28 是“人次”。"
        "请统一后再汇总（合计是把数字直接相加的）。",
        "警告：指标“培训人次”在 丁县卫生健康委员会（D/丁县.yaml）里没有，合计只包括填了它的 4 份表单。",
        "警告：指标“住院分娩率”（住院分娩率）是率（%），没有公式，各县的率不能相加，合计一栏写了“无法汇总（缺少公式）”。"
        "请在各县表单里给它写公式，如 公式: 分子的键 / 分母的键 * 100，再汇总就能算出全市的率。",
    ]
    lines = md.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# 主要指标汇总表"
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:] if line.startswith("|")]
    assert [rows[0], *rows[2:]] == [sorted_header(EXPECTED[0]), *[sorted_row(r) for r in EXPECTED[1:]]]


ORDER = sorted(range(5), key=lambda i: [*FACTS][i][:2])  # 文件按名字排序：丁、丙、乙、戊、甲


def sorted_header(header: list[str]) -> list[str]:
    return [*header[:2], *[header[2 + i] for i in ORDER], *header[7:]]


def sorted_row(row: list[str]) -> list[str]:
    return sorted_header(row)


def test_rollup_xlsx_opens_in_calc(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = write_counties(tmp_path / "县级")
    target = tmp_path / "全市指标汇总.xlsx"
    assert gen("rollup", *map(str, paths), "-o", str(target)).code == 0
    book = load_workbook(target)
    sheet = book["汇总"]
    assert sheet.freeze_panes == "B2"
    assert sheet["H5"].number_format == "0.00" and sheet["H2"].number_format == "0"
    assert [row[0].value for row in book["提示"].iter_rows(min_row=2)] != []
    rows = spreadsheet_to_csv(target, tmp_path / "csv")
    assert [r for r in rows if any(r)] == [EXPECTED[0], *csv_form(EXPECTED[1:])]  # 按命令行上的顺序
    again = gen("rollup", *map(str, paths), "-o", str(target))
    assert again.code == 0  # gen 自己写的汇总表可以重新生成


def csv_form(rows: list[list[str]]) -> list[list[str]]:
    """Calc 按数字格式显示：88.64 → 88.64，98.2 在两位小数的行里是 98.20。"""
    out = []
    for row in rows:
        places = max((len(v.split(".")[1]) for v in row[2:9] if v.replace(".", "").isdigit() and "." in v),
                     default=0)
        out.append([f"{float(v):.{places}f}" if i >= 2 and v.replace(".", "").isdigit() else v
                    for i, v in enumerate(row)])
    return out


def test_rollup_needs_two_forms_and_known_suffix(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = write_counties(tmp_path / "县级")
    one = gen("rollup", str(paths[0]))
    assert one.code == 2
    assert one.err == "错误：汇总至少要两份表单，如 gen rollup 县级/*.yaml -o 全市指标汇总.xlsx。\n"
    bad = gen("rollup", *map(str, paths), "-o", str(tmp_path / "x.pdf"))
    assert bad.code == 2
    assert bad.err == f"错误：输出文件“{tmp_path / 'x.pdf'}”的扩展名要是 .xlsx、.docx、.md 之一，汇总表按扩展名决定格式。\n"


CITY = """\
# 市本级表单：合计由 gen rollup 写入
单位: 某市卫生健康委员会
年度: 2024
导语: 2024年，我委扎实推进各项工作。现总结如下。
指标:
  # 下面这个数是办事员自己填的，与合计不同
  - 键: 体检人数
    名称: 城乡居民健康体检人数
    本期: 39000   # 快报数
    单位: 人
  - 键: 签约人数
    名称: 家庭医生签约人数
    单位: 人
    本期: 9000
  - 键: 接种率
    名称: 适龄儿童疫苗接种率
    公式: 实种剂次 / 应种剂次 * 100
    单位: "%"
工作开展情况:
  - 标题: 开展健康体检
    内容: 全年体检{{体检人数}}。
存在的问题:
  - 人才短缺。
下一步工作计划:
  - 标题: 加强人才培养
日期: 2025-01-07
"""


def test_rollup_writes_totals_into_the_city_form(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_counties(tmp_path / "县级")
    city = tmp_path / "市本级.yaml"
    city.write_text(CITY, encoding="utf-8")
    args = ("rollup", str(tmp_path / "县级" / "*.yaml"), "-o", str(tmp_path / "汇总.xlsx"), "--form", str(city))
    result = gen(*args)
    assert result.code == 0, result.err
    assert result.err.replace(str(city), "C").splitlines()[-3:] == [
        "C:9:9: 警告：指标“体检人数”的本期填的是 39000，各县合计是 40000，没有改动。要换成合计，请加 --force。",
        "        本期: 39000   # 快报数",
        "              ^"]
    assert result.out.splitlines()[-1] == f"{city}：写入了 6 项，1 项与已填的数不同，没有改动。"
    text = city.read_text(encoding="utf-8")
    # 注释、顺序、办事员的数都在；签约人数的上期合计没有（丙县单位不同也照加，但各县都没有上期）
    assert text.startswith("# 市本级表单：合计由 gen rollup 写入\n")
    assert "  # 下面这个数是办事员自己填的，与合计不同\n" in text
    assert "    本期: 39000   # 快报数\n    上期: 31500\n    单位: 人\n" in text
    assert "  - 键: 签约人数\n    名称: 家庭医生签约人数\n    单位: 人\n    本期: 9000\n" in text
    assert "    公式: 实种剂次 / 应种剂次 * 100\n    单位: \"%\"\n  - 键: 实种剂次\n" in text
    assert "  - 键: 培训人次\n    名称: 培训人次\n    本期: 300\n    单位: 人次\n" in text
    assert "住院分娩率" not in text  # 率没有公式：不写
    assert gen("check", str(city)).code == 0
    forced = gen(*args, "--force")
    assert forced.code == 0, forced.err
    assert "    本期: 40000   # 快报数\n" in city.read_text(encoding="utf-8")
    assert forced.out.splitlines()[-1] == f"{city}：写入了 1 项。"


def test_rollup_docx_is_a_valid_attachment(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx
    from openxml_audit import OpenXmlValidator

    write_counties(tmp_path / "县级")
    target = tmp_path / "汇总.docx"
    assert gen("rollup", str(tmp_path / "县级" / "*.yaml"), "-o", str(target)).code == 0
    result = OpenXmlValidator(strict=True).validate(target)
    assert result.is_valid, [e.description for e in result.errors]
    word = docx.Document(str(target))
    assert [p.text for p in word.paragraphs if p.text] == ["附件", "主要指标汇总表"]
    rows = [[cell.text for cell in row.cells] for row in word.tables[0].rows]
    assert rows[0] == ["指标", "单位", "丁县", "丙县", "乙县", "戊县", "甲县", "合计", "同比"]
    assert rows[4] == ["适龄儿童疫苗接种率", "%", "97.22", "90", "93.75", "98.2", "88.64", "92.86", "下降1.08个百分点"]
    assert rows[5][-2:] == ["无法汇总", "—"]


def test_short_names_keep_the_county_character() -> None:
    from generator.rollup.word import short_names

    assert short_names(["贡觉县卫生健康委员会", "江达县卫生健康委员会"]) == ["贡觉县", "江达县"]
    assert short_names(["城关区教育局", "贡觉县教育局"]) == ["城关区", "贡觉县"]
    assert short_names(["甲", "乙"]) == ["甲", "乙"]


def test_rollup_progress_names_the_form_with_errors(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = write_counties(tmp_path / "县级")
    broken = paths[1]  # 乙县
    broken.write_text(broken.read_text(encoding="utf-8").replace("本期: 8200", "本期: 八千二"), encoding="utf-8")
    result = gen("rollup", *map(str, paths), "-o", str(tmp_path / "汇总.md"))
    assert result.code == 1
    lines = result.err.replace(str(tmp_path / "县级"), "D").splitlines()
    assert lines[:5] == ["[1/5] 已读入：D/甲县.yaml", "[2/5] 有错误：D/乙县.yaml", "[3/5] 已读入：D/丙县.yaml",
                         "[4/5] 已读入：D/丁县.yaml", "[5/5] 已读入：D/戊县.yaml"]
    assert lines[5].startswith("D/乙县.yaml:")  # 然后是乙县的错误，带行号
    assert result.out == ""
    assert not (tmp_path / "汇总.md").exists()


def test_rollup_progress_bar_on_a_terminal() -> None:
    """终端上画进度条（与 gen report 整批生成是同一个），字样是“读入中”，不印逐行的纯文字。"""
    import io

    from rich.console import Console

    from generator.batch.console import BatchConsole
    from generator.cli import print_diagnostics

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100, highlight=False, soft_wrap=True)
    console = BatchConsole(terminal, terminal, print_diagnostics, 3, label="读入中", states=("已读入", "有错误"))
    with console.running():
        for done in (1, 2, 3):
            console.advance(Path(f"{done}.yaml"), done, 3, failed=done == 2)
    drawn = screen.getvalue()
    assert "读入中" in drawn and "3/3" in drawn and "剩余" in drawn
    assert "[2/3]" not in drawn and "有错误" not in drawn
