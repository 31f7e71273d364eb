"""汇总不能如实相加时拒绝：每条原因写明文件:行和涉及的县，退出码非 0，不写出任何文件；输出不覆盖任何输入。"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import minimal_form


def county(folder: Path, name: str, unit: str, indicators: list[dict[str, Any]], **changes: Any) -> Path:
    """写一份县级表单（单位“<unit>”），返回路径。"""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    data = minimal_form(单位=unit, 指标=indicators, **changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def people(current: int, unit: str = "人") -> dict[str, Any]:
    return {"键": "体检人数", "名称": "城乡居民健康体检人数", "本期": current, "上期": 100, "单位": unit}


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def refused(result: Any, outputs: list[Path]) -> str:
    """拒绝的共同点：退出码 1，没有内部出错、没有调用栈，最后一行说明没有写出文件，输出一个也不存在。"""
    assert result.code == 1, result.err
    assert "Traceback" not in result.err and "内部出错" not in result.err
    assert "没有汇总，也没有写出任何文件" in result.err or "不能覆盖" in result.err
    for output in outputs:
        assert not output.exists(), output
    assert not [p for p in outputs[0].parent.iterdir() if p.name.startswith(".gen-tmp.")]
    return str(result.err)


@pytest.fixture
def outputs(tmp_path: Path) -> list[Path]:
    return [tmp_path / "全市.xlsx", tmp_path / "全市.md", tmp_path / "全市.docx"]


def run(gen: Any, forms: list[str], outputs: list[Path], *extra: str) -> Any:
    args = [item for output in outputs for item in ("-o", str(output))]
    return gen("rollup", *forms, *args, *extra)


@pytest.mark.parametrize("spelling", ["absolute", "dotdot", "symlink", "copy"])
def test_same_form_twice(gen, tmp_path: Path, outputs: list[Path], spelling: str,  # type: ignore[no-untyped-def]
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    county(tmp_path / "县级", "甲.yaml", "甲县", [people(100)])
    a, b = Path("县级/甲.yaml"), county(tmp_path / "县级", "乙.yaml", "乙县", [people(200)])
    if spelling == "absolute":
        again = str(a.absolute())  # 复现 04：a.yaml $PWD/a.yaml
    elif spelling == "dotdot":
        again = str(tmp_path / "县级" / ".." / "县级" / "甲.yaml")
    elif spelling == "symlink":
        link = tmp_path / "链接.yaml"
        os.symlink(a.absolute(), link)
        again = str(link)
    else:
        copy = tmp_path / "副本.yaml"
        copy.write_bytes(a.read_bytes())
        again = str(copy)
    err = refused(run(gen, [str(a), str(b), again], outputs), outputs)
    why = "内容完全相同" if spelling == "copy" else "是同一个文件"
    assert f"“{a}”和“{again}”{why}：同一份表单给了两次，合计会把甲县算两遍。" in err


def test_two_forms_with_the_same_unit(gen, tmp_path: Path, outputs: list[Path]) -> None:  # type: ignore[no-untyped-def]
    a = county(tmp_path, "甲-原稿.yaml", "甲县", [people(100)])
    b = county(tmp_path, "甲-修改稿.yaml", "甲县", [people(111)])
    err = refused(run(gen, [str(a), str(b)], outputs), outputs)
    assert f"两份表单的单位都是“甲县”：{a}:1 和 {b}:1。" in err


@pytest.mark.parametrize(("field", "first", "second"), [("年度", 2024, 2023), ("类型", "年度工作总结", "半年工作总结")])
def test_mixed_year_or_kind(gen, tmp_path: Path, outputs: list[Path],  # type: ignore[no-untyped-def]
                            field: str, first: Any, second: Any) -> None:
    a = county(tmp_path, "甲.yaml", "甲县", [people(100)], **{field: first})
    b = county(tmp_path, "乙.yaml", "乙县", [people(200)], **{field: second})
    err = refused(run(gen, [str(a), str(b)], outputs), outputs)
    assert (f"各县表单的{field}不同，不能放在一起汇总（{first}：甲县（{a}:{line_of(a, field + ':')}）；"
            f"{second}：乙县（{b}:{line_of(b, field + ':')}））") in err


def test_unit_differs_between_counties(gen, tmp_path: Path, outputs: list[Path]) -> None:  # type: ignore[no-untyped-def]
    money = {"键": "资金", "名称": "惠民资金", "本期": 5}
    a = county(tmp_path, "甲.yaml", "甲县", [people(100), {**money, "单位": "万元"}])
    b = county(tmp_path, "乙.yaml", "乙县", [people(200), {**money, "本期": 50000, "单位": "元"}])
    err = refused(run(gen, [str(a), str(b)], outputs), outputs)
    assert (f"指标“资金”各县的单位不同（“万元”：甲县（{a}:{line_of(a, '键: 资金')}）；"
            f"“元”：乙县（{b}:{line_of(b, '键: 资金')}）），数字不能直接相加。") in err


@pytest.mark.parametrize("unit", ["/10万", "1/10万", "‱", "‰", "%", "元/人", "每千人口床位数"])
def test_rate_like_unit_without_formula_is_not_summed(gen, tmp_path: Path, unit: str) -> None:  # type: ignore[no-untyped-def]
    rate = {"键": "死亡率", "名称": "孕产妇死亡率", "上期": 20, "单位": unit}
    a = county(tmp_path, "甲.yaml", "甲县", [{**rate, "本期": 12.5}])
    b = county(tmp_path, "乙.yaml", "乙县", [{**rate, "本期": 20.5}])
    md = tmp_path / "全市.md"
    result = gen("rollup", str(a), str(b), "-o", str(md))
    assert result.code == 0, result.err
    assert f"指标“死亡率”（孕产妇死亡率）的单位是“{unit}”（率或人均数），没有公式，各县的数不能相加" in result.err
    row = next(line for line in md.read_text(encoding="utf-8").splitlines() if "孕产妇死亡率" in line)
    assert [c.strip() for c in row.strip("|").split("|")][4:] == ["无法汇总（缺少公式）", "—", "—"]
    assert "33" not in row


def vaccine(formula: str | None, current: int | None = None) -> list[dict[str, Any]]:
    rate: dict[str, Any] = {"键": "接种率", "名称": "接种率", "单位": "%"}
    if formula:
        rate["公式"] = formula
    else:
        rate["本期"] = current
    return [{"键": "实种", "名称": "实种剂次", "本期": 90, "单位": "剂次"},
            {"键": "应种", "名称": "应种剂次", "本期": 100, "单位": "剂次"}, rate]


def test_counties_disagree_on_formula(gen, tmp_path: Path, outputs: list[Path]) -> None:  # type: ignore[no-untyped-def]
    a = county(tmp_path, "甲.yaml", "甲县", vaccine("实种 / 应种 * 100"))
    b = county(tmp_path, "乙.yaml", "乙县", vaccine("应种 / 实种 * 10"))
    err = refused(run(gen, [str(a), str(b)], outputs), outputs)
    line = line_of(a, "键: 接种率")
    assert (f"指标“接种率”各县的公式不同（实种/应种*100：甲县（{a}:{line}）；应种/实种*10：乙县（{b}:{line}）），"
            "全市的数只能用同一个公式算出。") in err


def test_some_counties_type_the_rate(gen, tmp_path: Path, outputs: list[Path]) -> None:  # type: ignore[no-untyped-def]
    a = county(tmp_path, "甲.yaml", "甲县", vaccine("实种 / 应种 * 100"))
    b = county(tmp_path, "乙.yaml", "乙县", [{"键": "接种率", "名称": "接种率", "本期": 50, "单位": "%"}])
    err = refused(run(gen, [str(a), str(b)], outputs), outputs)
    assert (f"指标“接种率”在 甲县（{a}:{line_of(a, '键: 接种率')}） 由公式算出，在 乙县（{b}:{line_of(b, '键: 接种率')}）"
            " 却直接填了数。") in err


def test_every_cause_is_listed_at_once(gen, tmp_path: Path, outputs: list[Path]) -> None:  # type: ignore[no-untyped-def]
    a = county(tmp_path, "甲.yaml", "甲县", [people(100, "人")], 年度=2024)
    b = county(tmp_path, "乙.yaml", "乙县", [people(200, "户")], 年度=2023)
    err = refused(run(gen, [str(a), str(b)], outputs), outputs)
    assert "各县表单的年度不同" in err and "指标“体检人数”各县的单位不同" in err


# ---------------------------------------------------------------- 输出不覆盖输入；全部成功或什么也不写


@pytest.mark.parametrize("how", ["same", "absolute", "symlink"])
def test_output_is_an_input_form(gen, tmp_path: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    """复现 09：-o 是输入的县级表单（.md 表单），加了 --force 也不覆盖。"""
    a = county(tmp_path, "a.yaml", "甲县", [people(100)])
    b = county(tmp_path, "b.md", "乙县", [people(200)])
    before = b.read_bytes()
    target = {"same": b, "absolute": b.absolute(), "symlink": tmp_path / "link.md"}[how]
    if how == "symlink":
        os.symlink(b, target)
    result = gen("rollup", str(a), str(b), "-o", str(target), "--force")
    assert result.code != 0 and "Traceback" not in result.err
    assert f"就是输入的县级表单“{b}”，不能覆盖它（加了 --force 也不行）" in result.err
    assert b.read_bytes() == before


def test_output_is_the_city_form(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """复现 09b：-o city.md --form city.md --force：市本级表单原样保留，没有写出任何文件。"""
    a = county(tmp_path, "a.yaml", "甲县", [people(100)])
    b = county(tmp_path, "b.yaml", "乙县", [people(200)])
    city = county(tmp_path, "city.md", "市卫生健康委员会", [people(1)])
    before = city.read_bytes()
    xlsx = tmp_path / "o.xlsx"
    result = gen("rollup", str(a), str(b), "-o", str(xlsx), "-o", str(city), "--form", str(city), "--force")
    assert result.code != 0
    assert f"输出文件“{city}”就是市本级表单（--form）“{city}”，不能覆盖它" in result.err
    assert city.read_bytes() == before and not xlsx.exists()


def test_output_is_an_indicator_sheet(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = county(tmp_path, "a.yaml", "甲县", [people(100)])
    b = county(tmp_path, "b.yaml", "乙县", [], 指标文件="指标.xlsx")
    from generator.starter.sheet import template_bytes

    sheet = b.with_name("指标.xlsx")
    sheet.write_bytes(template_bytes())
    before = sheet.read_bytes()
    result = gen("rollup", str(a), str(b), "-o", str(tmp_path / "." / "指标.xlsx"), "--force")
    assert result.code != 0
    assert f"就是乙县的指标文件“{sheet}”，不能覆盖它" in result.err
    assert sheet.read_bytes() == before


@pytest.mark.parametrize("problem", ["missing", "broken_yaml", "not_a_list", "read_only"])
def test_city_form_error_writes_nothing(gen, tmp_path: Path, outputs: list[Path], problem: str) -> None:  # type: ignore[no-untyped-def]
    """复现 10：--form 有问题时一个输出也不写（以前先写出 o.xlsx 再报错）。"""
    a = county(tmp_path, "a.yaml", "甲县", [people(100)])
    b = county(tmp_path, "b.yaml", "乙县", [people(200)])
    city = tmp_path / "city.yaml"
    if problem == "broken_yaml":
        city.write_text("单位: [\n", encoding="utf-8")
    elif problem == "not_a_list":
        county(tmp_path, "city.yaml", "市", [])
        city.write_text(city.read_text(encoding="utf-8").replace("指标: []", "指标: 12"), encoding="utf-8")
    elif problem == "read_only":
        county(tmp_path, "city.yaml", "市", [])
        city.chmod(0o444)
    result = run(gen, [str(a), str(b)], outputs, "--form", str(city))
    assert result.code != 0 and "Traceback" not in result.err and "内部出错" not in result.err
    if problem == "read_only" and os.geteuid() == 0:
        pass  # root 能写只读文件：这时写回成功也不算错，但要么全写要么全不写
    else:
        assert all(not o.exists() for o in outputs), result.err
    assert all(o.exists() for o in outputs) or all(not o.exists() for o in outputs)


# ---------------------------------------------------------------- --跳过不一致：标出跳过的指标，不藏进数字


def test_partial_marks_the_inconsistent_key(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = county(tmp_path, "甲.yaml", "甲县", [people(100), *vaccine("实种 / 应种 * 100")])
    b = county(tmp_path, "乙.yaml", "乙县", [people(200), *vaccine("应种 / 实种 * 10")])
    md, docx = tmp_path / "全市.md", tmp_path / "全市.docx"
    refusal = gen("rollup", str(a), str(b), "-o", str(md))
    assert refusal.code == 1 and "提示：要先汇总其余的指标，可以加 --跳过不一致（--allow-partial）" in refusal.err
    assert not md.exists()
    result = gen("rollup", str(a), str(b), "-o", str(md), "-o", str(docx), "--跳过不一致")
    assert result.code == 0, result.err
    assert "警告：指标“接种率”各县的公式不同" in result.err and "这个指标的合计一栏写了“无法汇总”。" in result.err
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.strip("|").split("|")]
            for line in md.read_text(encoding="utf-8").splitlines() if line.startswith("| ")}
    assert rows["接种率"][4:] == ["无法汇总（各县不一致）", "—", "—"]
    assert rows["城乡居民健康体检人数"][4:6] == ["300", "200"]  # 其余指标照常合计
    assert "指标“接种率”各县的公式不同" in md.read_text(encoding="utf-8")  # 原因写在汇总表里


def test_partial_still_refuses_whole_form_problems(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = county(tmp_path, "甲.yaml", "甲县", [people(100)], 年度=2024)
    b = county(tmp_path, "乙.yaml", "乙县", [people(200)], 年度=2023)
    md = tmp_path / "全市.md"
    result = gen("rollup", str(a), str(b), "-o", str(md), "--allow-partial")
    assert result.code == 1 and "各县表单的年度不同" in result.err and not md.exists()


@pytest.mark.parametrize("changes_a, changes_b, shown", [
    ({"类型": "季度工作总结", "季度": 1}, {"类型": "季度工作总结", "季度": "第二季度"},
     ("季度工作总结（第一季度）：甲县", "季度工作总结（第二季度）：乙县")),
    ({"类型": "专项工作总结", "主题": "爱国卫生运动"}, {"类型": "专项工作总结", "主题": "安全生产"},
     ("专项工作总结（主题：爱国卫生运动）：甲县", "专项工作总结（主题：安全生产）：乙县")),
])
def test_different_quarters_or_topics_are_not_added(gen, tmp_path: Path, outputs: list[Path],  # type: ignore[no-untyped-def]
                                                    changes_a: dict[str, Any], changes_b: dict[str, Any],
                                                    shown: tuple[str, str]) -> None:
    """issue 23：第一季度和第二季度的数、两个不同主题的数不能相加。"""
    a = county(tmp_path, "甲.yaml", "甲县", [people(100)], 日期="2024-04-10", **changes_a)
    b = county(tmp_path, "乙.yaml", "乙县", [people(200)], 日期="2024-07-10", **changes_b)
    err = refused(run(gen, [str(a), str(b)], outputs), outputs)
    assert "各县表单的类型不同，不能放在一起汇总" in err
    assert all(text in err for text in shown), err
    if "季度" in changes_a:
        assert f"甲县（{a}:{line_of(a, '季度:')}）" in err


def test_same_quarter_is_added(gen, tmp_path: Path, outputs: list[Path]) -> None:  # type: ignore[no-untyped-def]
    forms = [str(county(tmp_path, f"{name}.yaml", name, [people(count)], 类型="季度工作总结", 季度=quarter,
                        日期="2024-04-10"))
             for name, count, quarter in (("甲县", 100, 1), ("乙县", 200, "第一季度"))]
    result = run(gen, forms, outputs)
    assert result.code == 0, result.err
    assert "| 城乡居民健康体检人数 |" in outputs[1].read_text(encoding="utf-8")
    assert "300" in outputs[1].read_text(encoding="utf-8")
