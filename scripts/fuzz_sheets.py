"""scripts/fuzz.py 的指标表格、公式和汇总输入（``--mode sheets``）。

- ``sheet``：表单 + 指标文件（openpyxl 生成的 .xlsx，再随机改坏 zip 里的部分；或 CSV），运行 check 和 report；
- ``formula``：随机的公式（键、数字、加减乘除、括号），用 fractions.Fraction 独立算出应得的数，对照报告里印的数；
- ``rollup``：2–5 个县的表单（有时故意放进应当拒绝的情况：同一份两次、单位相同、年度不同、指标单位不同、
  公式不同、有的县直接填率），运行 gen rollup，用 Fraction 独立求合计，对照汇总表；应当拒绝的必须拒绝、
  不写任何文件；写出的 .xlsx 里不能有公式。
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

Problems = list[tuple[str, str]]
Runner = Callable[[list[str]], tuple[int, str]]

INJECT = ['=HYPERLINK("http://evil.example","点")', "=1+1", "+乙", "-2+3", "@SUM(1)", "\t=1", "=cmd|' /C calc'!A0"]
TEXTS = [*INJECT, "城乡居民健康体检人数", "体检", "合计", "", " ", "x" * 400, "\x0b坏", "a\x01b", "𠀀", "{{体检}}",
         "（）", "1,234", "88.64％", "NaN", "1e400", "-0"]
NUMBERS: list[Any] = [0, 1, 15719, 7593, -5, 0.8864, 1e15, 1e-9, 99999999999999.99, "1,234", "１２３", "12.5%", "abc",
                      "", None, float("inf"), True, 3.14159265358979]
LOCATED = re.compile(r"^\S+?(:\d+(:\d+)?|:[^:!\s]+![A-Z]+\d+|:[A-Z]+\d+)?: 错误：")
ENGLISH_OK = {"xlsx", "yaml", "docx", "Excel", "UTF", "CSV", "Word", "true", "false", "TODO", "FIXME", "sheet",
              "sheets", "worksheets", "sharedStrings", "styles", "xml", "force", "form", "HYPERLINK", "SUM", "calc",
              "http", "evil", "example", "cmd", "NaN", "INF", "xlsm", "gen", "rollup", "report", "check", "YAML",
              "allow", "partial"}
_WORD = re.compile(r"[A-Za-z]{4,}")


def _xlsx(rows: list[list[Any]], rng: random.Random) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if rng.random() < 0.2:  # 隐藏的第一个表（读的应当是后面可见的表）
        sheet.title = "旧"
        sheet.append(["键", "名称", "本期"])
        sheet.append(["体检", "隐藏表的行", 1])
        sheet.sheet_state = "hidden"
        sheet = book.create_sheet("指标")
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    for row in rows:  # 控制字符 openpyxl 写不进（CSV 里才有）
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    if rng.random() < 0.3:
        for cell in sheet["C"][1:]:
            cell.number_format = "0.00%"
    if rng.random() < 0.2:
        sheet["D2"] = "=C2*2"  # 没有缓存值的公式
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _mutate_zip(rng: random.Random, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist()}
    name = rng.choice(sorted(parts))
    xml = parts[name]
    op = rng.randrange(9)
    if op == 0:
        parts[name] = xml[: rng.randrange(len(xml) + 1)]
    elif op == 1:
        at = rng.randrange(len(xml) + 1)
        junk = rng.choice([b"<", b"&", b"\xff", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"</c>"])
        parts[name] = xml[:at] + junk + xml[at:]
    elif op == 2:
        sheet = "xl/worksheets/sheet1.xml"
        if sheet in parts:
            parts[sheet] = re.sub(rb"<v>[^<]*</v>", lambda _m: rng.choice([b"<v>INF</v>", b"<v>abc</v>",
                                  b"<v>1E+400</v>", b"<v>99999</v>", b"<v></v>"]), parts[sheet], count=3)
    elif op == 3:
        del parts[name]
    elif op == 4:
        sheet = "xl/worksheets/sheet1.xml"
        if sheet in parts:
            parts[sheet] = re.sub(rb'r="[A-Z]+\d+"', lambda _m: rng.choice([b'r="ZZZZ99999999"', b'r="A0"', b'r=""']),
                                  parts[sheet], count=2)
    elif op == 5:  # 解压后很大（超过上限）：上限按 zip 目录先查
        parts[name] = xml + b" " * rng.choice((17_000_000, 5_000_000))
    elif op == 6:
        parts[name] = re.sub(rb't="n"', b't="s"', xml, count=2)  # 数字当作共享字符串下标（越界）
    elif op == 7:
        parts[name] = xml.replace(b"<cellStyles", b"<cellStylesX").replace(b"</cellStyles>", b"</cellStylesX>")
    else:
        parts[name] = xml.replace(b'state="hidden"', b'state="veryHidden"').replace(b"<sheet ", b"<chartsheet ", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)
    return out.getvalue()


def _form(unit: str, indicators: list[dict[str, Any]] | None, body: str = "全年工作扎实推进。", **more: Any) -> bytes:
    data: dict[str, Any] = {"单位": unit, "年度": 2024, "日期": "2025-01-07", "导语": "2024年，我委扎实推进各项工作。"}
    data.update(more)
    if indicators is not None:
        data["指标"] = indicators
    data.update({"工作开展情况": [{"标题": "开展工作", "内容": body}], "存在的问题": ["人才短缺。"],
                 "下一步工作计划": [{"标题": "加强人才培养"}]})
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


# ---------------------------------------------------------------- 生成


def sheet_case(rng: random.Random) -> tuple[dict[str, bytes], dict[str, Any]]:
    if rng.random() < 0.4:
        return clean_sheet_case(rng)
    header = ["键", "名称", "本期", "上期", "单位", "公式"]
    if rng.random() < 0.2:
        rng.shuffle(header)
    rows: list[list[Any]] = [header]
    for i in range(rng.choice((1, 2, 5, 30))):
        row = {"键": rng.choice([f"指标{i}", f"指标{i}", "体检", rng.choice(TEXTS)]),
               "名称": rng.choice(TEXTS) or "名称", "本期": rng.choice(NUMBERS), "上期": rng.choice(NUMBERS),
               "单位": rng.choice(["人", "%", "/10万", "=1+1"]),
               "公式": rng.choice([None, None, None, "", "指标0 * 2", "指标0 / 0", "(" * 50 + "1"])}
        rows.append([row[name] for name in header])
    if rng.random() < 0.5:
        name = "指标.xlsx"
        data = _xlsx(rows, rng)
        if rng.random() < 0.5:
            data = _mutate_zip(rng, data)
    else:
        name = "指标.csv"
        text = "\n".join(",".join('"' + str(v if v is not None else "").replace('"', '""') + '"' for v in row)
                         for row in rows) + "\n"
        if rng.random() < 0.1:
            text += '"' + "x" * 140_000 + "\n"  # 超过 csv 模块的字段上限
        data = text.encode(rng.choice(("utf-8", "utf-8-sig", "gb18030")), "replace")
    body = "全年体检{{体检}}。" if rng.random() < 0.3 else "全年工作扎实推进。"
    return {"form.yaml": _form("甲县卫生健康委员会", None, body, 指标文件=name), name: data}, {}


def clean_sheet_case(rng: random.Random) -> tuple[dict[str, bytes], dict[str, Any]]:
    """填对了的表格：“体检”的本期要原样印进报告（百分比格式的单元格读成显示的百分数）。"""
    percent = rng.random() < 0.4
    value = rng.choice((88.64, 12.5, 100, 0.57, 99.99, 7)) if percent else rng.choice((15719, 0, 1, 123456789, 2.5))
    rows: list[list[Any]] = [["键", "名称", "本期", "上期", "单位"],
                             ["体检", rng.choice(INJECT[:5]) + "体检", value / 100 if percent else value, None,
                              "%" if percent else "人"]]
    rows += [[f"指标{i}", f"指标{i}名称", rng.randrange(10 ** 6), rng.randrange(1, 10 ** 6), "人"]
             for i in range(rng.choice((0, 3, 200)))]
    if rng.random() < 0.5:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(_xlsx(rows, random.Random(0))))
        sheet = workbook.worksheets[-1]
        for row in sheet.iter_rows(min_row=2):
            if isinstance(row[1].value, str):
                row[1].data_type = "s"  # 像在 Excel 里以 ' 开头输入的文字
            if percent:
                row[2].number_format = "0.00%"
        buffer = io.BytesIO()
        workbook.save(buffer)
        name, data = "指标.xlsx", buffer.getvalue()
    else:
        shown = [[value if percent and r is rows[1] and c == 2 else v for c, v in enumerate(r)] for r in rows]
        name = "指标.csv"
        data = ("\n".join(",".join('"' + str("" if v is None else v).replace('"', '""') + '"' for v in row)
                           for row in shown) + "\n").encode("utf-8")
    expect = {"value": Decimal(str(value))}
    return {"form.yaml": _form("甲县卫生健康委员会", None, "全年体检{{体检}}。", 指标文件=name), name: data}, expect


def _expression(rng: random.Random, depth: int = 0) -> tuple[str, str]:
    """(gen 的公式写法, Python 的 Fraction 写法)"""
    if depth > 3 or rng.random() < 0.35:
        if rng.random() < 0.6:
            key = rng.choice(("甲", "乙", "丙"))
            return key, f"V['{key}']"
        number = rng.choice(("2", "100", "0.5", "3", "0", "1.25"))
        return number, f"Fraction('{number}')"
    left, right = _expression(rng, depth + 1), _expression(rng, depth + 1)
    op, shown = rng.choice((("+", "+"), ("-", "-"), ("*", rng.choice(("*", "×"))), ("/", rng.choice(("/", "÷")))))
    text = f"{left[0]} {shown} {right[0]}"  # 两边原样拼接：gen 和 Python 按同样的先乘除后加减算
    python = f"{left[1]} {op} {right[1]}"
    if rng.random() < 0.6:
        text, python = f"({text})", f"({python})"
    return text, python


def _round_half_up(value: Fraction, places: int) -> Decimal:
    scaled = abs(value) * 10 ** places
    whole = int(scaled + Fraction(1, 2))
    sign = -1 if value < 0 else 1
    return Decimal(sign * whole).scaleb(-places)


def formula_case(rng: random.Random) -> tuple[dict[str, bytes], dict[str, Any]]:
    values = {key: rng.choice((0, 1, 7, 90, 100, 15719, 31179)) for key in ("甲", "乙", "丙")}
    text, python = _expression(rng)
    places = rng.randrange(0, 5)
    try:
        exact: Fraction | None = eval(python, {"Fraction": Fraction, "V": {k: Fraction(v) for k, v in values.items()}})
    except ZeroDivisionError:
        exact = None
    indicators: list[dict[str, Any]] = [{"键": k, "名称": f"{k}名称", "本期": v, "单位": "人"}
                                        for k, v in values.items()]
    indicators.append({"键": "率", "名称": "率名称", "公式": text, "小数位": places, "允许负数": True,
                       "允许超过100": True})
    expect: dict[str, Any] = {"formula": text}
    if exact is None or abs(exact) >= 10 ** 15:
        expect["error"] = True
    else:
        expect["value"] = _round_half_up(exact, places)
    return {"form.yaml": _form("甲县卫生健康委员会", indicators, "结果：{{率}}。")}, expect


FAULTS = ("none", "none", "none", "same_path", "same_content", "same_unit", "year", "kind", "unit", "formula", "typed",
          "quarter")
QUARTER_DATES = {1: "2024-04-08", 2: "2024-07-08", 3: "2024-10-09", 4: "2025-01-08"}


def rollup_case(rng: random.Random) -> tuple[dict[str, bytes], dict[str, Any]]:
    count = rng.randrange(2, 6)
    rate_unit = rng.choice(("/10万", "‱", "1/10万", "‰"))
    fault = rng.choice(FAULTS)
    quarter = rng.choice((1, 2, 3, 4)) if fault == "quarter" or rng.random() < 0.3 else None  # 季度工作总结的汇总
    names = {key: rng.choice([f"{key}名称", rng.choice(INJECT[:6]) + key])
             for key in ("人数", "资金", "实种", "应种", "接种率", "死亡率")}
    forms: dict[str, bytes] = {}
    counties: list[dict[str, dict[str, Any]]] = []
    for _ in range(count):
        items: dict[str, dict[str, Any]] = {}
        for key, unit in (("人数", "人"), ("资金", "万元")):
            if rng.random() < 0.85:
                current = _amount(rng, key)
                item: dict[str, Any] = {"键": key, "名称": names[key], "本期": current, "单位": unit}
                if rng.random() < 0.7:
                    item["上期"] = _amount(rng, key)
                items[key] = item
        if rng.random() < 0.8:
            due = rng.randrange(1, 40000)
            items["实种"] = {"键": "实种", "名称": names["实种"], "本期": rng.randrange(0, due + 1), "单位": "剂次"}
            items["应种"] = {"键": "应种", "名称": names["应种"], "本期": due, "单位": "剂次"}
            items["接种率"] = {"键": "接种率", "名称": names["接种率"], "公式": "实种 / 应种 * 100", "单位": "%"}
        if rng.random() < 0.5:
            items["死亡率"] = {"键": "死亡率", "名称": names["死亡率"], "本期": rng.choice((12.5, 20.5, 0)),
                            "单位": rate_unit}
        counties.append(items)
    victim = rng.randrange(count)
    extra: dict[str, Any] = {}
    others = [c for i, c in enumerate(counties) if i != victim]
    if fault == "unit" and "资金" in counties[victim] and any("资金" in c for c in others):
        counties[victim]["资金"]["单位"] = "元"
    elif fault == "formula" and "接种率" in counties[victim] and sum("接种率" in c for c in counties) > 1:
        counties[victim]["接种率"]["公式"] = "实种 / 应种 * 10"
    elif fault == "typed" and any("接种率" in c for c in others):
        counties[victim] = {k: v for k, v in counties[victim].items() if k not in ("实种", "应种")}
        counties[victim]["接种率"] = {"键": "接种率", "名称": names["接种率"], "本期": 50, "单位": "%"}
    elif fault in ("unit", "formula", "typed"):
        fault = "none"
    other_quarter = rng.choice([q for q in (1, 2, 3, 4) if q != quarter])
    for c, items in enumerate(counties):
        unit = f"县{c}" if not (fault == "same_unit" and c == victim) else f"县{(c + 1) % count}"
        more: dict[str, Any] = {}
        if fault == "year" and c == victim:
            more["年度"] = 2023
        if quarter is not None:
            q = other_quarter if fault == "quarter" and c == victim else quarter
            more.update({"类型": "季度工作总结", "季度": q, "日期": QUARTER_DATES[q]})
        if fault == "kind" and c == victim:
            more["类型"] = "半年工作总结"
            more.pop("季度", None)
        forms[f"县{c}.yaml"] = _form(unit, list(items.values()) or None, **more)
    if fault == "same_content":
        forms["副本.yaml"] = forms[f"县{victim}.yaml"]
    extra["fault"] = fault
    extra["quarter"] = quarter
    extra["counties"] = counties
    extra["args"] = [*forms]
    extra["same"] = f"县{victim}.yaml" if fault == "same_path" else None
    return forms, extra


def _amount(rng: random.Random, key: str) -> Any:
    if key == "资金":
        return rng.choice((Decimal("5.5"), Decimal("0.01"), Decimal("99999999999999.99"), Decimal("0.00003"),
                           Decimal(rng.randrange(0, 10 ** 6)) / 100))
    return rng.randrange(0, 10 ** rng.choice((1, 3, 6, 12)))


def _decimal(dumper: Any, value: Decimal) -> Any:
    text = format(value, "f")
    if value == value.to_integral_value():
        return dumper.represent_scalar("tag:yaml.org,2002:int", str(int(value)))
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


yaml.SafeDumper.add_representer(Decimal, _decimal)


# ---------------------------------------------------------------- 运行和判断


def _judge(command: str, code: int, err: str, inputs: dict[str, bytes], problems: Problems) -> None:
    if "内部出错" in err or "Traceback" in err or code not in (0, 1, 2):
        problems.append(("崩溃", f"{command}: {err.strip()[:300]}"))
        return
    allowed = ENGLISH_OK | {w for data in inputs.values() if len(data) < 200_000
                            for w in _WORD.findall(data.decode("utf-8", "replace"))}
    allowed |= {w for text in TEXTS for w in _WORD.findall(text)}  # .xlsx 是压缩的：生成时用的文字另外加上
    unquoted = re.sub(r"“[^”]*”", "", err)  # 引号里是办事员自己写的（工作表名、单元格内容）
    english = [w for w in _WORD.findall(unquoted) if w not in allowed and not re.search(rf"/\S*{w}", unquoted)]
    if english:
        problems.append(("英文", f"{command}: {english[:3]} {err.strip()[:200]}"))
    if code == 1:
        errors = [line for line in err.splitlines() if "错误：" in line and not line.startswith(("  ", "["))]
        if not errors:
            problems.append(("没有位置", f"{command}: 退出码 1 却没有错误"))
        for line in errors:
            if not LOCATED.match(line) and not (line.startswith("错误：") and ("（" in line or "“" in line)):
                problems.append(("没有位置", f"{command}: {line[:200]}"))
                break


def _no_formula(path: Path, problems: Problems) -> None:
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/") and re.search(rb"<(\w+:)?f[ >/]", package.read(name)):
                problems.append(("公式单元格", f"{path.name}:{name}"))


def _table(markdown: str) -> dict[str, list[str]]:
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    out: dict[str, list[str]] = {}
    for line in rows[1:]:
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        out.setdefault(cells[0], cells)
    return out


def _expected_totals(counties: list[dict[str, dict[str, Any]]]) -> dict[str, tuple[Any, Any]]:
    """各键的 (本期合计, 上期合计)：相加的指标用 Fraction 相加；全市的率用合计的分子、分母重算；
    率没有公式：无法汇总。"""
    result: dict[str, tuple[Any, Any]] = {}
    keys: dict[str, None] = {}
    for items in counties:
        keys.update(dict.fromkeys(items))
    for key in keys:
        entries = [items[key] for items in counties if key in items]
        if key == "接种率":
            due = sum(Fraction(str(items["应种"]["本期"])) for items in counties if "应种" in items)
            done = sum(Fraction(str(items["实种"]["本期"])) for items in counties if "实种" in items)
            result[key] = (_round_half_up(done / due * 100, 2) if due else "—", "—")
        elif key == "死亡率":
            result[key] = ("无法汇总（缺少公式）", "—")
        else:
            current = sum(Fraction(str(e["本期"])) for e in entries)
            previous = (sum(Fraction(str(e["上期"])) for e in entries)
                        if all("上期" in e for e in entries) else "—")
            result[key] = (current, previous)
    return result


def run_sheet_case(kind: str, files: dict[str, bytes], expect: dict[str, Any], folder: Path, run: Runner) -> Problems:
    problems: Problems = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
    form = folder / "form.yaml"
    if kind == "sheet":
        code, err = run(["check", str(form)])
        _judge("check", code, err, files, problems)
        out = folder / "out.md"
        code, err = run(["report", str(form), "-f", "md", "-o", str(out), "--force"])
        _judge("report", code, err, files, problems)
        if "value" in expect:  # 填对了的表格：必须成功，印出的数就是 Excel 里显示的数
            found = re.search(r"全年体检(-?[\d.]+)", out.read_text(encoding="utf-8")) if code == 0 else None
            if code != 0:
                problems.append(("误拒", err.strip()[:300]))
            elif found is None or Decimal(found.group(1)) != expect["value"]:
                problems.append(("读错", f"印的是 {found and found.group(1)}，表格里显示的是 {expect['value']}"))
        return problems
    if kind == "formula":
        out = folder / "out.md"
        code, err = run(["report", str(form), "-f", "md", "-o", str(out), "--force"])
        _judge("report", code, err, files, problems)
        if expect.get("error"):
            if code == 0:
                problems.append(("算错", f"{expect['formula']}：应当报错（除以 0 或太大），却生成了报告"))
            return problems
        if code != 0:
            problems.append(("误拒", f"{expect['formula']}：{err.strip()[:200]}"))
            return problems
        found = re.search(r"结果：(-?[\d.]+)", out.read_text(encoding="utf-8"))
        if found is None or Decimal(found.group(1)) != expect["value"]:
            problems.append(("算错", f"{expect['formula']}：印的是 {found and found.group(1)}，应为 {expect['value']}"))
        return problems
    outputs = [folder / "全市.md", folder / "全市.xlsx"]
    paths = [str(folder / a) for a in expect["args"]]
    if expect.get("same"):  # 同一份表单换一种写法再给一次：../文件夹/县0.yaml
        paths.append(str(folder / ".." / folder.name / expect["same"]))
    args = ["rollup", *paths, "-o", str(outputs[0]), "-o", str(outputs[1])]
    code, err = run(args)
    _judge("rollup", code, err, files, problems)
    if expect["fault"] != "none":
        if code == 0 or any(o.exists() for o in outputs):
            problems.append(("合计错（没拒绝）", f"{expect['fault']}：{err.strip()[:200]}"))
        return problems
    if code != 0:
        problems.append(("误拒", err.strip()[:300]))
        return problems
    _no_formula(outputs[1], problems)
    table = _table(outputs[0].read_text(encoding="utf-8"))
    names = {item["键"]: item["名称"] for items in expect["counties"] for item in items.values()}
    for key, (current, previous) in _expected_totals(expect["counties"]).items():
        row = table.get(names[key].strip())
        if row is None:
            problems.append(("合计错", f"表里没有“{key}”"))
            continue
        for shown, wanted in ((row[-3], current), (row[-2], previous)):
            ok = shown == wanted if isinstance(wanted, str) else (
                re.fullmatch(r"-?\d+(\.\d+)?", shown) is not None and Fraction(shown) == Fraction(wanted))
            if not ok:
                problems.append(("合计错", f"“{key}”：表里是 {shown}，应为 {wanted}"))
    return problems
