"""gen rollup：五个县的表单汇总；合计、重算的率、同比都与手算一致；单位不一致、缺指标、率没有公式都有提示。

五份县级表单在 tests/data/rollup/（数字取自 ../shared/seeds/ 的种子报告，出处写在每行的注释里，
由 test_rollup_seeds.py 核对）；这里的测试只用这份副本，不需要 ../shared。
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from conftest import REPO
from office import spreadsheet_to_csv
from openpyxl import load_workbook

DATA = REPO / "tests" / "data" / "rollup"
COUNTIES = ("甲县", "乙县", "丙县", "丁县", "戊县")  # 命令行上的顺序


def county_text(county: str, unit: str | None = None) -> str:
    """一个县的表单原文；``unit`` 换掉单位名称（县多时轮流用这五个县的数）。"""
    text = (DATA / f"{county}.yaml").read_text(encoding="utf-8")
    return text if unit is None else text.replace(f"单位: {county}卫生健康委员会", f"单位: {unit}")


def write_counties(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for county in COUNTIES:
        path = folder / f"{county}.yaml"
        shutil.copyfile(DATA / f"{county}.yaml", path)
        paths.append(path)
    return paths


# 手算（甲 + 乙 + 丙 + 丁 + 戊）：
# 体检人数 本期 15719 + 6051 + 2500 + 1567 + 969 = 26806；上期 7593 + 5257 + 1500 + 1259 + 556 = 16165；
#   同比 (26806 - 16165) / 16165 = 10641 / 16165 = 0.658274… → 增长65.83%
# 实种剂次 27637 + 655 + 106 + 5257 + 400 = 34055；应种剂次 31179 + 658 + 110 + 6051 + 460 = 38458
# 接种率（公式，用相加后的剂次重算）34055 / 38458 × 100 = 88.5511… → 88.55
#   （各县的率：27637/31179 = 88.6397… → 88.64，655/658 → 99.54，106/110 → 96.36，5257/6051 → 86.88，
#   400/460 → 86.96；它们的平均数 91.676 不是全市的率）
# 签约人数 17518 + 6961 + 1644 + 1000 + 324 = 27447（单位不同的，如“户”和“人”，拒绝汇总：见 test_refusals.py）
# 培训人次 400 + 147 + 543 + 139 = 1229（丁县没有这个指标）
# 监测率是率、没有公式：不相加
# 惠民资金 567900 + 436440 + 57540 + 115240 + 54977.36 = 1232097.36
EXPECTED = [
    ["指标", "单位", *[f"{c}卫生健康委员会" for c in COUNTIES], "合计", "上期合计", "同比"],
    ["城乡居民健康体检人数", "人", "15719", "6051", "2500", "1567", "969", "26806", "16165", "增长65.83%"],
    ["实种剂次", "剂次", "27637", "655", "106", "5257", "400", "34055", "—", "—"],
    ["应种剂次", "剂次", "31179", "658", "110", "6051", "460", "38458", "—", "—"],
    ["免疫规划疫苗接种率", "%", "88.64", "99.54", "96.36", "86.88", "86.96", "88.55", "—", "—"],
    ["家庭医生签约人数", "人", "17518", "6961", "1644", "1000", "324", "27447", "—", "—"],
    ["基层医务人员培训人次", "人次", "400", "147", "543", "—", "139", "1229", "—", "—"],
    ["青少年脊柱弯曲异常监测率", "%", "91.5", "90", "100", "72.62", "88.64", "无法汇总（缺少公式）", "—", "—"],
    ["惠民补助资金", "元", "567900", "436440", "57540", "115240", "54977.36", "1232097.36", "—", "—"],
]


def test_city_rate_is_recomputed_from_summed_counts(tmp_path: Path) -> None:
    """全市接种率 = 相加后的实种剂次 ÷ 相加后的应种剂次（用分数精确计算，再四舍五入到两位）。"""
    from generator.rollup import collect, read_counties, totals

    result, _ = totals(collect(read_counties(write_counties(tmp_path / "县级"))))
    exact = Fraction(27637 + 655 + 106 + 5257 + 400, 31179 + 658 + 110 + 6051 + 460) * 100
    assert exact == Fraction(3405500, 38458)
    rounded = Fraction(int(exact * 100 + Fraction(1, 2)), 100)  # 四舍五入到 0.01
    assert result["接种率"].values["本期"] == Decimal(rounded.numerator) / rounded.denominator == Decimal("88.55")
    county_rates = [Fraction(27637, 31179), Fraction(655, 658), Fraction(106, 110), Fraction(5257, 6051),
                    Fraction(400, 460)]
    assert round(sum(county_rates) / 5 * 100, 2) != Decimal("88.55")  # 各县率的平均数是错的
    assert result["惠民资金"].values["本期"] == Decimal("1232097.36")
    assert result["监测率"].problem == "无法汇总（缺少公式）" and result["监测率"].values["本期"] is None


def test_rollup_totals_and_warnings(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_counties(tmp_path / "县级")
    md = tmp_path / "全市.md"
    result = gen("rollup", str(tmp_path / "县级" / "*.yaml"), "-o", str(md), "-o", str(tmp_path / "全市.xlsx"))
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == "已汇总 5 份表单的 8 个指标，2 条提示。"
    folder = tmp_path / "县级"
    assert result.err.replace(str(folder), "D").splitlines() == [
        # 标准错误不是终端：不画进度条，每读完一份印一行（与 gen report 整批生成相同）
        # 通配符展开的文件按拼音排：丙 bing、丁 ding、甲 jia、戊 wu、乙 yi（不按字符的编码）
        "[1/5] 已读入：D/丙县.yaml",
        "[2/5] 已读入：D/丁县.yaml",
        "[3/5] 已读入：D/甲县.yaml",
        "[4/5] 已读入：D/戊县.yaml",
        "[5/5] 已读入：D/乙县.yaml",
        "警告：指标“培训人次”在 丁县卫生健康委员会（D/丁县.yaml）里没有，合计只包括填了它的 4 份表单。",
        "警告：指标“监测率”（青少年脊柱弯曲异常监测率）的单位是“%”（率或人均数），没有公式，各县的数不能相加，合计一栏写了"
        "“无法汇总（缺少公式）”。请在各县表单里给它写公式，如 公式: 分子的键 / 分母的键 * 100，再汇总就能算出全市的率。",
    ]
    lines = md.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# 主要指标汇总表"
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:] if line.startswith("|")]
    # 文件按拼音读入（丙、丁、甲、戊、乙）；指标按第一份（丙县）的顺序；一行的数字小数位相同
    expected = [same_places(EXPECTED[i]) for i in range(1, 9)]
    assert [rows[0], *rows[2:]] == [sorted_header(EXPECTED[0]), *[sorted_row(r) for r in expected]]


ORDER = [COUNTIES.index(c) for c in ("丙县", "丁县", "甲县", "戊县", "乙县")]  # 按拼音


def same_places(row: list[str]) -> list[str]:
    """一行里的数字都写成这一行最多的小数位（91.5、90 与 72.62 同行时：91.50、90.00）。"""
    numbers = [cell for cell in row if re.fullmatch(r"-?\d+(\.\d+)?", cell)]
    places = max((len(cell.partition(".")[2]) for cell in numbers), default=0)
    return [f"{Decimal(cell):.{places}f}" if cell in numbers else cell for cell in row]


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
    本期: 27447
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
        "C:9:9: 警告：指标“体检人数”的本期填的是 39000，各县合计是 26806，没有改动。要换成合计，请加 --force。",
        "        本期: 39000   # 快报数",
        "              ^"]
    assert result.out.splitlines()[-1] == f"{city}：写入了 5 项，1 项与已填的数不同，没有改动。"
    text = city.read_text(encoding="utf-8")
    # 注释、顺序、办事员的数都在；写入：体检人数的上期，新加实种剂次、应种剂次、培训人次、惠民资金（只有本期）；
    # 签约人数已填的数等于合计（乙县单位不同也照加），不动
    assert text.startswith("# 市本级表单：合计由 gen rollup 写入\n")
    assert "  # 下面这个数是办事员自己填的，与合计不同\n" in text
    assert "    本期: 39000   # 快报数\n    上期: 16165\n    单位: 人\n" in text
    assert "  - 键: 签约人数\n    名称: 家庭医生签约人数\n    单位: 人\n    本期: 27447\n" in text
    assert "    公式: 实种剂次 / 应种剂次 * 100\n    单位: \"%\"\n  - 键: 实种剂次\n" in text
    assert "  - 键: 培训人次\n    名称: 基层医务人员培训人次\n    本期: 1229\n    单位: 人次\n" in text
    assert "  - 键: 惠民资金\n    名称: 惠民补助资金\n    本期: 1232097.36\n    单位: 元\n" in text
    assert "监测率" not in text  # 率没有公式：不写
    assert gen("check", str(city)).code == 0
    forced = gen(*args, "--force")
    assert forced.code == 0, forced.err
    assert "    本期: 26806   # 快报数\n" in city.read_text(encoding="utf-8")
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
    # 指标名称可能在词与词之间回行（显式换行）
    rows = [[cell.text.replace("\n", "") for cell in row.cells] for row in word.tables[0].rows]
    assert rows[0] == ["指标", "单位", "丙县", "丁县", "甲县", "戊县", "乙县", "合计", "同比"]  # 按拼音
    assert rows[4] == ["免疫规划疫苗接种率", "%", "96.36", "86.88", "88.64", "86.96", "99.54", "88.55", "—"]
    # 一行的数字小数位相同：91.5、90、100 与 72.62 同行
    assert rows[7] == ["青少年脊柱弯曲异常监测率", "%", "100.00", "72.62", "91.50", "88.64", "90.00", "无法汇总", "—"]


def test_short_names_keep_the_county_character() -> None:
    from generator.rollup.word import short_names

    assert short_names(["贡觉县卫生健康委员会", "江达县卫生健康委员会"]) == ["贡觉县", "江达县"]
    assert short_names(["城关区教育局", "贡觉县教育局"]) == ["城关区", "贡觉县"]
    assert short_names(["甲", "乙"]) == ["甲", "乙"]


def test_rollup_refuses_when_a_form_has_errors(gen, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """一份表单读不进就不汇总（少一个县，合计悄悄偏小）：进度、各份的错误，最后是与整批生成相同的汇总表。"""
    monkeypatch.chdir(tmp_path)  # 相对路径：汇总表的列宽与临时文件夹的长短无关
    paths = [path.relative_to(tmp_path) for path in write_counties(tmp_path / "县级")]
    for path, old, new in ((paths[1], "本期: 6051", "本期: 六千零五十一"), (paths[2], "年度: 2024", "年度: 二〇二四")):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = gen("rollup", *map(str, paths), "-o", "汇总.md")
    assert result.code == 1
    assert result.err.splitlines() == [
        "[1/5] 已读入：县级/甲县.yaml",
        "[2/5] 有错误：县级/乙县.yaml",
        "[3/5] 有错误：县级/丙县.yaml",
        "[4/5] 已读入：县级/丁县.yaml",
        "[5/5] 已读入：县级/戊县.yaml",
        "县级/乙县.yaml:9:9: 错误：“指标 第1项 本期”：本期要填数字，现在填的是“六千零五十一”。",
        "        本期: 六千零五十一   # 001：一号管三天人数",
        "              ^",
        "县级/丙县.yaml:4:5: 错误：“年度”：要写阿拉伯数字，如 2024。",
        "    年度: 二〇二四",
        "          ^",
        "共 5 份表单：读入 3 份，失败 2 份。",
        "  结果  表单            第一个错误",
        "  失败  县级/乙县.yaml  县级/乙县.yaml:9:9: “指标 第1项 本期”：本期要填数字，现在填的是“六千零五十一”。",
        "  失败  县级/丙县.yaml  县级/丙县.yaml:4:5: “年度”：要写阿拉伯数字，如 2024。",
        "有表单读不进，没有汇总，也没有写出任何文件：少了哪个县，全市合计就会偏小。请改正上面的错误后重新运行。",
    ]
    assert result.out == ""
    assert not (tmp_path / "汇总.md").exists()


def test_rollup_progress_bar_on_a_terminal() -> None:
    """终端上画进度条（与 gen report 整批生成是同一个），字样是“读入中”，不印逐行的纯文字。"""
    import io

    from rich.console import Console

    from generator.batch.console import BatchConsole
    from generator.cli.commands import print_diagnostics

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100, highlight=False, soft_wrap=True)
    console = BatchConsole(terminal, terminal, print_diagnostics, 3, label="读入中", states=("已读入", "有错误"))
    with console.running():
        for done in (1, 2, 3):
            console.advance(Path(f"{done}.yaml"), done, 3, failed=done == 2)
    drawn = screen.getvalue()
    assert "读入中" in drawn and "3/3" in drawn and "剩余" in drawn
    assert "[2/3]" not in drawn and "有错误" not in drawn


def test_readme_excerpt_and_picture_are_current(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """README 里汇总表的节选与这五份表单的汇总结果一致（前两个县、“…”、合计、上期合计、同比），图片在。"""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### 市级单位：汇总各县的指标"):]
    section = section[:section.index("\n## ")]
    picture = "](docs/rollup-table.png)"
    assert picture in section and (REPO / "docs" / "rollup-table.png").stat().st_size > 10_000
    excerpt = [[cell.strip() for cell in line.strip("|").split("|")] for line in section.splitlines()
               if line.startswith("| ") and "…" in line]
    assert excerpt[0] == ["指标", "单位", "甲县", "乙县", "…", "合计", "上期合计", "同比"]
    md = tmp_path / "汇总.md"
    assert gen("rollup", *map(str, write_counties(tmp_path / "县级")), "-o", str(md)).code == 0
    rows = {row[0]: row for row in ([cell.strip() for cell in line.strip("|").split("|")]
                                    for line in md.read_text(encoding="utf-8").splitlines() if line.startswith("| "))}
    assert len(excerpt) == 4
    for row in excerpt[1:]:
        full = rows[row[0]]
        assert row == [*full[:4], "…", *full[-3:]], row[0]
