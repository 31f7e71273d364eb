"""gen check 里随类型而变的规则（issue 23）：工作计划、述职报告的成文时间（GEN502、GEN504），
述职报告的第一人称（GEN604），工作计划的年份（GEN501），以及 gen init --类型 的空白表单。"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import REPO

from generator.starter import starter_text

PLAN = """\
单位: 中阳县卫生健康局
年度: 2025
类型: 工作计划
日期: {date}
导语: 为做好2025年工作，制定本计划。
下一步工作计划:
  - 标题: 推进医院等级提升
    内容: {text}
"""

DEBRIEF = """\
单位: 贡觉县卫生健康委员会
年度: 2024
类型: 述职报告
述职人: 张明
日期: {date}
导语: 2024年，本人认真履行岗位职责。
学习: 本人坚持学习。
工作开展情况:
  - 标题: 推进医共体建设
    内容: {text}
廉洁: 本人严守纪律。
存在的问题:
  - 调研不够深入
下一步工作计划:
  - 标题: 加强调研
"""


def findings(gen, form_file, text: str, *codes: str) -> list[tuple[str, int, int, str, str | None]]:  # type: ignore[no-untyped-def]
    result = gen("check", "--format", "json", str(form_file(text)))
    return [(f["code"], f["line"], f["column"], f["message"], f["fix"]) for f in json.loads(result.out)
            if f["code"] in codes]


@pytest.mark.parametrize("date", ["2024-10-01", "2024-12-20", "2025-01-10", "2025-03-31"])
def test_plan_written_before_or_early_in_its_year_passes(gen, form_file, date: str) -> None:  # type: ignore[no-untyped-def]
    assert findings(gen, form_file, PLAN.format(date=date, text="内容。"), "GEN502", "GEN504") == []


def test_plan_dated_after_march_of_its_year(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    assert findings(gen, form_file, PLAN.format(date="2025-12-31", text="内容。"), "GEN502", "GEN504") == [(
        "GEN504", 4, 5,
        "成文日期 2025-12-31 晚于2025年工作计划通常的成文时间（2024年10月1日至2025年3月31日），请核对日期或年度。",
        "应为：2024年10月1日至2025年3月31日之间的日期，或改“年度”")]


def test_plan_dated_a_year_early(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    assert findings(gen, form_file, PLAN.format(date="2024-01-10", text="内容。"), "GEN502", "GEN504") == [(
        "GEN502", 4, 5,
        "成文日期 2024-01-10 早于2025年工作计划通常的成文时间（2024年10月1日至2025年3月31日），请核对日期或年度。",
        "应为：2024年10月1日至2025年3月31日之间的日期，或改“年度”")]


@pytest.mark.parametrize("date, codes", [("2024-11-01", []), ("2024-12-20", []), ("2025-03-31", []),
                                         ("2024-06-30", ["GEN502"]), ("2025-06-01", ["GEN504"])])
def test_debrief_date_window(gen, form_file, date: str, codes: list[str]) -> None:  # type: ignore[no-untyped-def]
    found = findings(gen, form_file, DEBRIEF.format(date=date, text="内容。"), "GEN502", "GEN504")
    assert [code for code, *_ in found] == codes
    assert all("（2024年11月1日至2025年3月31日）" in message for _, _, _, message, _ in found)


def test_plan_years(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    """工作计划的“年度”就是计划的年份（GEN501 不像总结的计划部分那样往后放一年）；
    “到2027年”“2025年至2027年”这类目标年份不算写错，单独出现晚一年以上的年份才提醒。"""
    text = PLAN.format(date="2025-01-10", text="2025年至2027年为服务年，到2027年全部完成，2026年启动，2028年验收。")
    found = findings(gen, form_file, text, "GEN501")
    assert [(line, message) for _, line, _, message, _ in found] == [
        (8, "文中出现2028年，比总结的年度（2025年）晚一年以上，请核对是否写错。")]


def test_debrief_flags_the_organ_as_subject(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = DEBRIEF.format(date="2025-01-15", text="我局组织体检。全年，我委召开推进会5次；本人带领我局干部职工推进。")
    found = findings(gen, form_file, text, "GEN604")
    assert [(line, column) for _, line, column, _, _ in found] == [(10, 9), (10, 19)]
    _, _, _, message, fix = found[0]
    assert message == ("述职报告是述职人本人的汇报，用第一人称“本人”“我”；句首的“我局”说的是单位，"
                       "像是从单位的工作总结里搬来的。")
    assert fix == "应为：本人（或 我）；说的确实是单位时，写成“带领全局干部职工……”"


def test_first_person_rule_is_only_for_debriefs(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    plan = PLAN.format(date="2025-01-10", text="我局组织体检。")
    assert findings(gen, form_file, plan, "GEN604") == []


def test_debrief_first_person_can_be_ignored(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = DEBRIEF.format(date="2025-01-15", text="我局组织体检。") + "检查:\n  忽略: [GEN604]\n"
    assert findings(gen, form_file, text, "GEN604") == []


@pytest.mark.parametrize("example", ["中阳县-2025-工作计划.yaml", "张明-2024-述职报告.yaml"])
def test_examples_pass_check(gen, example: str) -> None:  # type: ignore[no-untyped-def]
    result = gen("check", str(REPO / "examples" / example))
    assert result.code == 0 and result.out.strip().endswith("表单填写正确。")


# ---------------------------------------------------------------- gen init --类型


@pytest.mark.parametrize("kind", ["工作计划", "述职报告", "专项工作总结", "半年工作总结", "工作总结和工作计划",
                                  "季度工作总结", "年度工作总结"])
def test_init_skeleton_passes_after_filling(kind: str, gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{kind}.yaml"
    assert gen("init", str(path), "--类型", kind).code == 0
    text = path.read_text(encoding="utf-8")
    assert f"\n类型: {kind}\n" in text
    unfilled = gen("check", "--format", "json", str(path))
    assert unfilled.code == 1 and {f["code"] for f in json.loads(unfilled.out)} == {"GEN101"}
    path.write_text(re.sub(r"请补写[^\n]*", "示例内容。", text), encoding="utf-8")
    filled = gen("check", "--format", "json", str(path))
    assert [f for f in json.loads(filled.out) if f["severity"] == "错误"] == []
    assert gen("report", str(path), "-f", "md").code == 0


def test_init_rejects_an_unknown_kind(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = gen("init", str(tmp_path / "x.yaml"), "--类型", "月报")
    assert result.code == 2 and "--类型 的值不对：要写内置的类型：年度工作总结、" in result.err and "现在是“月报”" in result.err
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("today, year, date", [
    (dt.date(2026, 12, 5), 2027, "2026-12-05"),  # 年底写明年的计划：今天
    (dt.date(2026, 2, 10), 2026, "2026-02-10"),  # 年初写当年的计划
    (dt.date(2026, 5, 10), 2026, "2026-03-31"),  # 5 月补写：通常时间的最后一天
])
def test_init_plan_year_and_date(today: dt.date, year: int, date: str) -> None:
    text = starter_text(today, kind="工作计划")
    assert f"年度: {year}\n" in text and f"日期: {date}\n" in text


@pytest.mark.parametrize("example", ["中阳县-2025-工作计划", "张明-2024-述职报告"])
def test_rendered_reports_of_the_new_kinds_pass_check(example: str, gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """生成的 Word、Markdown 再用 gen check 读：工作计划没有“存在的问题”不算缺（GEN601），述职报告的“不足”“打算”认得出。"""
    assert gen("report", str(REPO / "examples" / f"{example}.yaml"), "-f", "docx,md", "-o", str(tmp_path)).code == 0
    for suffix in (".docx", ".md"):
        result = gen("check", "--format", "json", str(tmp_path / f"{example}{suffix}"))
        assert result.code == 0 and json.loads(result.out) == [], result.out


def test_summary_report_without_problems_still_flagged(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "总结.md"
    path.write_text("# 某县卫生健康局2024年工作总结\n\n2024年工作如下。\n\n## 一、工作开展情况\n\n开展体检。\n",
                    encoding="utf-8")
    codes = [f["code"] for f in json.loads(gen("check", "--format", "json", str(path)).out)]
    assert codes.count("GEN601") == 2


def test_written_debrief_report_is_checked_for_the_first_person(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "述职.md"
    path.write_text("# 述职报告\n\n2024年，我局认真履行职责。\n\n## 一、履职情况\n\n本人带领我局干部职工推进工作。\n",
                    encoding="utf-8")
    found = [(f["code"], f["line"], f["column"]) for f in json.loads(gen("check", "--format", "json", str(path)).out)
             if f["code"] == "GEN604"]
    assert found == [("GEN604", 3, 7)]
    summary = tmp_path / "总结.md"
    summary.write_text(path.read_text(encoding="utf-8").replace("# 述职报告", "# 某局2024年工作总结"), encoding="utf-8")
    assert "GEN604" not in gen("check", "--format", "json", str(summary)).out


# ---------------------------------------------------------------- 各类型共用的规则（合并 wt-kinds-a 与 wt-kinds-b 之后）


@pytest.mark.parametrize("kind, quarter, window", [
    ("年度工作总结", None, (dt.date(2024, 12, 31), dt.date(2025, 3, 31))),
    ("半年工作总结", None, (dt.date(2024, 6, 30), dt.date(2024, 9, 30))),
    ("季度工作总结", 2, (dt.date(2024, 6, 30), dt.date(2024, 7, 31))),
    ("季度工作总结", 4, (dt.date(2024, 12, 31), dt.date(2025, 1, 31))),
    ("工作计划", None, (dt.date(2023, 10, 1), dt.date(2024, 3, 31))),
    ("述职报告", None, (dt.date(2024, 11, 1), dt.date(2025, 3, 31))),
])
def test_one_date_window_for_every_kind(kind: str, quarter: int | None, window: tuple[dt.date, dt.date]) -> None:
    from generator.form.kinds import date_window

    assert date_window(kind, 2024, quarter) == window


def test_init_with_a_kind_and_a_template_is_refused(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = gen("init", str(tmp_path / "x.yaml"), "--类型", "季度", "--template", "我局模板")
    assert result.code == 2 and "只写一个" in result.err
    assert not (tmp_path / "x.yaml").exists()


def test_kind_option_has_an_english_alias(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "季度.yaml"
    assert gen("init", str(target), "--kind", "季度").code == 0
    assert "\n类型: 季度工作总结\n" in target.read_text(encoding="utf-8")


def test_a_quarter_in_a_plan_title_is_not_gen506(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    plan = PLAN.format(date="2024-12-20", text="内容。").replace(
        "类型: 工作计划", "类型: 工作计划\n标题: 中阳县卫生健康局2025年第一季度工作计划")
    result = gen("check", "--format", "json", str(form_file(plan)))
    assert "GEN506" not in {f["code"] for f in json.loads(result.out)}


def test_quarter_plan_titles_import_as_plans() -> None:
    from generator.importer.structure import title_kind

    assert title_kind("中阳县卫生健康局2025年第一季度工作计划")[0] == "工作计划"
    assert title_kind("中阳县卫生健康局2025年第一季度工作总结")[0] == "季度工作总结"
