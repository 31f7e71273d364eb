"""指标表格：``指标文件: 指标.xlsx``/.csv 的读入与合并，每种坏单元格的中文消息；``gen init --指标表格`` 的样表。"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import VALID_FORM
from office import spreadsheet_to_csv
from openpyxl import Workbook, load_workbook

from generator.api import build_report
from generator.starter.sheet import TEMPLATE_COLUMNS

HEADER = ["序号", "键", "名称", "本期", "上期", "目标", "单位", "小数位", "公式", "越低越好"]
GOOD = [
    [1, "实种剂次", "实际接种剂次", "1,981", 1800, None, "剂次", None, None, None],
    [2, "应种剂次", "应种剂次", "２２３５", "2000", None, "剂次", None, None, None],
    [None, None, None, None, None, None, None, None, None, None],
    [3, "接种率", "适龄儿童疫苗接种率", None, None, None, "%", 1, "实种剂次 ÷ 应种剂次 × 100", None],
    [4, "死亡率", "婴儿死亡率", 3.2, 4.1, 5, "‰", None, None, "是"],
    [None, "合计", None, 5000, None, None, None, None, None, None],
]


def workbook(path: Path, rows: list[list[Any]], title: str = "2024") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    first = book.create_sheet("说明", 0)  # 指标不在第一个工作表：要按名字找
    first.append(["这张表不是指标"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def form_text(spec: str = "{路径: 指标.xlsx, 工作表: 2024}", body: str = "接种率{{接种率}}，{{接种率.同比}}。") -> str:
    return VALID_FORM.replace("指标:\n", f"指标文件: {spec}\n指标:\n").replace("全年体检{{体检人数}}。", body)


def test_indicators_are_read_from_a_named_sheet(form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workbook(tmp_path / "指标.xlsx", GOOD)
    report = build_report(form_file(form_text()))
    got = {ind.key: ind for ind in report.form.indicators}
    assert list(got) == ["体检人数", "实种剂次", "应种剂次", "接种率", "死亡率"]  # 表单里的在前，合计行不读
    assert got["实种剂次"].current == Decimal(1981) and got["实种剂次"].previous == Decimal(1800)
    assert got["应种剂次"].current == Decimal(2235) and got["应种剂次"].previous == Decimal(2000)
    assert got["接种率"].current == Decimal("88.6") and got["接种率"].previous == Decimal("90.0")
    assert got["死亡率"].lower_better is True and got["死亡率"].target == Decimal(5)
    assert "接种率88.6%，下降1.4个百分点。" in report.markdown()


def test_csv_in_gbk_is_read(form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lines = [",".join(HEADER), '1,实种剂次,实际接种剂次,"1,981",1800,,剂次,,,', "2,应种剂次,应种剂次,2235,2000,,剂次,,,",
             "3,接种率,接种率,,,,%,,实种剂次/应种剂次*100,"]
    (tmp_path / "指标.csv").write_bytes("\r\n".join(lines).encode("gbk"))
    report = build_report(form_file(form_text("指标.csv")))
    assert report.form.indicators[3].current == Decimal("88.64")


BAD_CELLS = {
    "本期不是数字": (["9", "坏", "坏的指标", "abc", None, None, "人", None, None, None],
                "X:2024!D2: 错误：本期要填数字，现在填的是“abc”。"),
    "数字带单位": (["9", "坏", "坏的指标", 12, "82人", None, "人", None, None, None],
               "X:2024!E2: 错误：上期只写数字，“人”请写在“单位”里。"),
    "占位符": (["9", "坏", "坏的指标", "xx", None, None, "人", None, None, None],
            "X:2024!D2: 错误：本期必须是数字，现在还是占位符“xx”，请填上实际数值。"),
    "负数": (["9", "坏", "坏的指标", -3, None, None, "人", None, None, None],
           "X:2024!A2: 错误：本期是负数（-3）。如果确实为负，请在这个指标里加上“允许负数: true”。"),
    "本期空着": (["9", "坏", "坏的指标", None, 5, None, "人", None, None, None],
             "X:2024!D2: 错误：本期不能空着，要填一个数字；由其他指标算出的，在“公式”列写公式。"),
    "小数位": (["9", "坏", "坏的指标", 5, None, None, "人", "两位", None, None],
            "X:2024!H2: 错误：小数位要填 0 到 6 的整数，现在填的是“两位”。"),
    "越低越好": (["9", "坏", "坏的指标", 5, None, None, "人", None, None, "也许"],
             "X:2024!J2: 错误：越低越好填“是”或“否”，现在填的是“也许”。"),
    "没有键": (["9", None, "坏的指标", 5, None, None, "人", None, None, None],
            "X:2024!A2: 错误：这一行（坏的指标）没有填“键”：每个指标要有一个简称，正文里用 {{键}} 引用。"),
    "键不合格": (["9", "坏 的", "坏的指标", 5, None, None, "人", None, None, None],
             "X:2024!B2: 错误：“坏 的”不能作为键：键里只能有汉字、字母、数字和下划线，不能有空格、点或标点，也不能以数字开头。"),
    "与表单重复": (["9", "体检人数", "体检人数", 5, None, None, "人", None, None, None],
              "X:2024!B2: 错误：指标的键“体检人数”在 F:6 已经有了，表格里又有一个。同一个指标只能写在一处，请删掉其中一个。"),
}


@pytest.mark.parametrize("name", list(BAD_CELLS))
def test_bad_cell_is_pinned(name: str, gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    row, expected = BAD_CELLS[name]
    book = workbook(tmp_path / "指标.xlsx", [row])
    path = form_file(form_text(body="全年体检{{体检人数}}。"))
    result = gen("check", str(path))
    assert "Traceback" not in result.err
    assert result.code == 1
    assert result.err.replace(str(book), "X").replace(str(path), "F").splitlines()[0] == expected


def test_same_key_twice_in_the_sheet(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = workbook(tmp_path / "指标.xlsx", [GOOD[0], GOOD[0]])
    path = form_file(form_text(body="全年体检{{体检人数}}。"))
    result = gen("check", str(path))
    assert result.code == 1
    assert result.err.replace(str(book), "X") == (
        "X:2024!B3: 错误：指标的键“实种剂次”在 X:2024!B2 已经有了，表格里又有一个。同一个指标只能写在一处，请删掉其中一个。\n")


FILE_PROBLEMS = {
    "旧格式": ("指标.xls", "D/指标.xls: 错误：这是旧的 Excel 97-2003 格式（.xls），gen 读不了。请在 Excel 或 WPS 里打开它，"
                         "“另存为”Excel 工作簿（.xlsx），再把表单里的文件名改成 .xlsx。"),
    "没有工作表": ("{路径: 指标.xlsx, 工作表: 2023}",
              "D/指标.xlsx: 错误：没有名为“2023”的工作表。现有的工作表：说明、2024。请改正表单里的“工作表”。"),
    "不是表格": ("表单.yaml", "F: 错误：这不是表格文件：指标文件要用 .xlsx 或 .csv。"),
    "坏的文件": ("指标.xls.xlsx", "D/指标.xls.xlsx: 错误：打不开：这不是正常的 .xlsx 文件（可能已损坏，或只是把扩展名改成了 .xlsx）。"
                              "请用 Excel 或 WPS 打开后重新保存为 .xlsx。"),
    "找不到文件": ("指标表.xlsx", "F:4:7: 错误：找不到指标文件“指标表.xlsx”（在表单所在的文件夹 D 里找的）。"
                             "请检查文件名，或把表格放到表单旁边。"),
    "没有表头": ("空.csv", "D/空.csv: 错误：表格是空的：第一行要写表头（键、名称、本期、上期、单位……），下面每行一个指标。"
                        "可以运行 gen init --指标表格 指标.xlsx 生成一份样表。"),
    "表头缺键": ("缺键.csv", "D/缺键.csv:A1: 错误：表头里没有“键”：第一行要写 键、名称、本期、上期、单位 等列名。"),
}


@pytest.mark.parametrize("name", list(FILE_PROBLEMS))
def test_file_problem_is_pinned(name: str, gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec, expected = FILE_PROBLEMS[name]
    workbook(tmp_path / "指标.xlsx", GOOD)
    (tmp_path / "指标.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "指标.xls.xlsx").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "空.csv").write_bytes(b"\r\n,,\r\n")
    (tmp_path / "缺键.csv").write_text("名称,本期\n体检,5\n", encoding="utf-8")
    path = form_file(form_text(spec))
    result = gen("check", str(path))
    assert "Traceback" not in result.err
    assert result.code == 1
    assert result.err.replace(str(path), "F").replace(str(tmp_path), "D").splitlines()[0] == expected


def test_template_reads_back_and_opens_in_calc(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "指标.xlsx"
    result = gen("init", "--指标表格", str(target))
    assert result.code == 0, result.err
    book = load_workbook(target)
    sheet = book.active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header == [name for name, *_ in TEMPLATE_COLUMNS]
    assert sheet.freeze_panes == "A2"
    prompts = {str(v.sqref).split(":")[0][:-1]: v.prompt for v in sheet.data_validations.dataValidation}
    assert prompts["A"] == TEMPLATE_COLUMNS[0][1] and prompts["I"] == TEMPLATE_COLUMNS[8][1]
    assert len(prompts) == len(TEMPLATE_COLUMNS)
    rows = spreadsheet_to_csv(target, tmp_path / "csv")
    assert rows[0] == header
    assert rows[1] == ["" if v is None else str(v) for *_, v in TEMPLATE_COLUMNS]
    again = gen("init", "--指标表格", str(target))
    assert again.code == 1 and "已经存在，没有覆盖它" in again.err


def test_template_example_row_is_a_valid_indicator(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gen("init", "--指标表格", str(tmp_path / "样表.xlsx"))
    text = VALID_FORM.replace("指标:\n  - 键: 体检人数\n    名称: 城乡居民健康体检人数\n    本期: 15719\n"
                              "    上期: 7593\n    单位: 人\n", "指标文件: 样表.xlsx\n")
    report = build_report(form_file(text))
    assert [(i.key, i.current, i.previous) for i in report.form.indicators] == [("体检人数", 15719, 7593)]


def test_formula_problems_in_the_sheet_point_at_the_cell(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [GOOD[0], [5, "零", "零", 0, None, None, "剂次", None, None, None],
            [6, "坏率", "坏率", None, None, None, "%", None, "实种剂次 / 零 * 100", None],
            [7, "未知", "未知", None, None, None, "%", None, "实种剂数 / 零", None],
            [8, "坏数", "坏数", "abc", None, None, "人", None, None, None],
            [9, "跟着坏", "跟着坏", None, None, None, "人", None, "坏数 + 1", None]]
    book = workbook(tmp_path / "指标.xlsx", rows)
    path = form_file(form_text(body="全年体检{{体检人数}}。"))
    result = gen("check", str(path))
    assert result.code == 1
    assert result.err.replace(str(book), "X").splitlines() == [
        "X:2024!D6: 错误：本期要填数字，现在填的是“abc”。",
        "X:2024!I5: 错误：指标“未知”的公式引用了不存在的指标“实种剂数”。是不是“实种剂次”？"
        "已有的指标键：体检人数、实种剂次、零、坏率、未知、跟着坏。",
        "X:2024!I4: 错误：指标“坏率”的公式算本期时除以 0（“零”的本期是 0），请检查填写的数字。",
    ]  # 引用填错的“坏数”的公式不再另报一条


def test_indicator_file_shape_is_one_message(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = form_file(form_text("[指标.xlsx, 2024]"))
    result = gen("check", str(path))
    assert result.code == 1
    assert result.err.replace(str(path), "F") == (
        "F:4:7: 错误：“指标文件”：要写成文件名（如 指标文件: 指标.xlsx），或 {路径: 指标.xlsx, 工作表: 2024}。\n"
        "    指标文件: [指标.xlsx, 2024]\n"
        "              ^\n")
