"""gen check：每条规则都有“会报”和“不误报”的测试；种子 000 的四处错误；示例零误报；命令行。"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, VALID_FORM, seed

from generator.checks import check_paragraphs
from generator.checks.rules import number_style, placeholders, point_sequence, text_rules


def codes(text: str, year: int | None = 2024) -> list[str]:
    hits = list(text_rules(text, year)) + point_sequence(text)[0]
    return sorted(h.code for h in hits)


# 每条：(代码, 会报的文字, 同类但正确、不该报的文字)
CASES = [
    ("GEN101", "共开展X次培训", "开展X光和CT检查，3×4的场地"),
    ("GEN101", "截至XX月底", "截至10月底"),
    ("GEN101", "坚决落实党***重大决策部署", "坚决落实党中央重大决策部署"),
    ("GEN101", "印发了【】号文件", "印发了【2024】3号文件"),
    ("GEN101", "召开（）次会议", "召开（扩大）会议"),
    ("GEN101", "资金（待补充）万元", "资金已补充到位"),
    ("GEN101", "此处填写数字", "填写了统计表"),
    ("GEN101", "TODO 补数字", "全部完成"),
    ("GEN101", "体检{{体检人数}}", "体检15719人"),
    ("GEN101", "体检{{体检人数 人", "体检{15719}人"),
    ("GEN101", "{% if 完成 %}达标", "{达标}"),
    ("GEN201", "确诊82人，较之去年47人，增长了57.31%。", "确诊82人，较之去年47人，增长了74.47%。"),
    ("GEN201", "体检100人，较去年120人，增长了20%。", "体检100人，较去年120人，下降了16.67%。"),
    ("GEN202", "接种率88.64%，较之去年接种率72.62%，增长16.02%。", "接种率88.64%，较之去年接种率72.62%，提高16.02个百分点。"),
    ("GEN203", "任务数200例，实际完成150例，完成率80%。", "任务数200例，实际完成150例，完成率75%。"),
    ("GEN204", "共招聘8人，其中研究生12人。", "共招聘8人，其中研究生1人。"),
    ("GEN301", "一是加强培训；三是加强宣传。", "一是加强培训；二是加强宣传；三是强化考核。"),
    ("GEN301", "一是加强培训；二是加强宣传；二是强化考核。", "一是加强培训；二是加强宣传。"),
    ("GEN303", "(一)加强培训。", "（一）加强培训。"),
    ("GEN303", "（一）、加强培训。", "（一）加强培训。"),
    ("GEN401", "千人口献血率达到9.09，", "千人口献血率达到9.09‰，"),
    ("GEN402", "培训１２次", "培训12次"),
    ("GEN403", "投入资金2,629,234元", "投入资金2629234元，约2.5万元"),
    ("GEN404", "总投资3亿4500万元", "总投资3.45亿元"),
    ("GEN405", "共开展二十五次培训", "召开十届六次全会，落实“三会一课”，二次供水"),
    ("GEN501", "计划2030年建成", "2025—2027年确定为儿科服务年，2025年建成"),
]


@pytest.mark.parametrize("code,bad,good", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_and_stays_quiet(code: str, bad: str, good: str) -> None:
    assert code in codes(bad), bad
    assert code not in codes(good), good


def test_unclosed_template_mark_is_reported_once_per_line() -> None:
    hits = [h for h in text_rules("体检{{人数，{{次数。\n接种{%剂次", 2024) if h.code == "GEN101"]
    assert [(h.start, h.end, h.message) for h in hits] == [
        (2, 4, "“{{”后面没有配对的“}}”，像是没有替换掉的模板标记，请改成实际内容。"),
        (15, 17, "“{%”后面没有配对的“%}”，像是没有替换掉的模板标记，请改成实际内容。"),
    ]


def test_growth_rule_gives_the_fix() -> None:
    hit = next(h for h in text_rules("确诊82人，较之去年47人，增长了57.31%。", 2024) if h.code == "GEN201")
    assert hit.fix == "应为：增长74.47%"
    assert "疑似用上期除以本期（47÷82）" in hit.message
    decline = next(h for h in text_rules("体检100人，较去年120人，增长了20%。", 2024) if h.code == "GEN201")
    assert decline.fix == "应为：下降16.67%"


def test_clean_text_has_no_findings() -> None:
    text = ("全年体检15719人，较去年7593人增长107.02%；接种率88.64%，比上年提高16.02个百分点。"
            "一是加强培训；二是加强宣传；三是强化考核。")
    assert codes(text) == []
    assert list(placeholders("X光、X射线、CT检查")) == []
    assert list(number_style("一号管三天、四个意识、五个针对、两个维护")) == []


def seed_paragraphs(name: str) -> list[str]:
    from generator.importer import import_report

    return import_report(seed(name)).paragraphs


def test_seed_000_growth_errors_are_found_with_fixes() -> None:
    findings = check_paragraphs(seed_paragraphs("000_3ef0eedd751624b0.txt"),
                                file=Path("000.txt"), year=2024)
    growth = [(d.code, d.hint) for d in findings if d.code in ("GEN201", "GEN202")]
    assert growth == [("GEN201", "应为：增长74.47%"), ("GEN201", "应为：增长107.02%"),
                      ("GEN201", "应为：增长74.28%"), ("GEN202", "应为：提高16.02个百分点")]
    slips = [d.message for d in findings if d.code == "GEN201"]
    assert all("疑似用上期除以本期" in m for m in slips)
    assert sum(1 for d in findings if d.code == "GEN303") == 5  # 半角 (二) 等


def test_seed_004_placeholders_and_missing_section() -> None:
    findings = check_paragraphs(seed_paragraphs("004_83c7fe2b20513d92.txt"),
                                file=Path("004.txt"), year=2021)
    found = {d.code for d in findings}
    assert {"GEN101", "GEN601"} <= found
    assert sum(1 for d in findings if d.code == "GEN101") > 100
    assert not any(d.code == "GEN301" for d in findings)  # “一是”“二是”各成一段，跨段连续


def test_seed_001_numbering_and_rates() -> None:
    findings = check_paragraphs(seed_paragraphs("001_e4528b115fa46040.txt"),
                                file=Path("001.txt"), year=2024)
    assert [d.message for d in findings if d.code == "GEN302"] == ["一级序号“三、”不连续：这里应该是第2部分。"]
    assert sum(1 for d in findings if d.code == "GEN401") == 2


def test_report_structure_rules() -> None:
    paragraphs = ["某局2024年工作总结", "导语。", "一、工作开展情况。", "1.加强培训。", "（二）加强宣传。",
                  "（二）再次加强。", "二、存在的问题", "人手不足，设备老化，信息化水平低。",
                  "二、下一步工作计划", "（一）组织开展学习活动。",
                  "今年组织学习25次，效果明显，群众满意。", "今年组织学习25次，效果明显，群众满意。"]
    findings = check_paragraphs(paragraphs, file=Path("r.txt"), year=2024)
    got = {d.code for d in findings}
    assert {"GEN302", "GEN304", "GEN305", "GEN602", "GEN701"} <= got
    clean = ["某局2024年工作总结", "导语。", "一、工作开展情况", "（一）加强培训。", "二、存在的问题",
             "培训不足。", "三、下一步工作计划", "（一）加强培训。"]
    assert check_paragraphs(clean, file=Path("r.txt"), year=2024) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_pass_strict(example: Path, gen) -> None:  # type: ignore[no-untyped-def]
    result = gen("check", "--strict", str(example))
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out == f"{example}：表单填写正确。\n"


def form_with(text: str) -> str:
    return VALID_FORM.replace("全年体检{{体检人数}}。", text)


def test_form_findings_point_at_line_and_column(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(form_with("共开展X次培训。"))
    result = gen("check", str(path))
    assert result.code == 1
    assert result.err.replace(str(path), "F").startswith(
        "F:12:12: 错误：[GEN101] “X”像是没填的占位符，请填上实际内容。\n"
        "        内容: 共开展X次培训。\n"
        "                    ^\n")
    assert result.out == f"{path}：1 个错误，0 个警告，0 条提示。\n"


def test_json_output(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(form_with("确诊82人，较之去年47人，增长了57.31%。"))
    result = gen("check", "--format", "json", str(path))
    assert result.code == 1
    findings = json.loads(result.out)
    assert findings == [{"severity": "错误", "code": "GEN201", "file": str(path), "line": 12,
                         "column": findings[0]["column"], "paragraph": None, "message": findings[0]["message"],
                         "fix": "应为：增长74.47%"}]
    assert findings[0]["column"] > 10


def test_strict_and_ignore(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(form_with("培训１２次。"))
    assert gen("check", str(path)).code == 0  # 只有警告
    assert gen("check", "--strict", str(path)).code == 1
    assert gen("check", "--strict", "--ignore", "GEN402", str(path)).code == 0
    ignored = form_file(form_with("培训１２次。") + "检查:\n  忽略: [GEN402]\n", name="忽略.yaml")
    assert gen("check", "--strict", str(ignored)).code == 0


def test_bad_ignore_code_is_a_form_error(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM + "检查:\n  忽略: [全角]\n")
    result = gen("check", str(path))
    assert result.code == 1
    assert "“全角”不是检查项代码，代码形如 GEN203" in result.err


def test_report_stops_on_content_errors_unless_forced(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(form_with("确诊82人，较之去年47人，增长了57.31%。"))
    stopped = gen("report", str(path))
    assert stopped.code == 1
    assert "[GEN201]" in stopped.err and "没有生成文件" in stopped.err
    assert not path.with_suffix(".docx").exists()
    forced = gen("report", "--force", str(path))
    assert forced.code == 0
    assert "[GEN201]" in forced.err
    assert path.with_suffix(".docx").exists()


def test_report_prints_warnings_and_writes(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(form_with("培训１２次。"))
    result = gen("report", str(path))
    assert result.code == 0
    assert "[GEN402]" in result.err
    assert path.with_suffix(".docx").exists()


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx"])
def test_check_finished_reports(suffix: str, gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from generator.api import build_report

    report = build_report(EXAMPLES[0])
    path = tmp_path / f"报告{suffix}"
    if suffix == ".docx":
        path.write_bytes(report.docx())
    else:
        path.write_text(report.markdown(), encoding="utf-8")
    result = gen("check", "--strict", str(path))
    assert result.code == 0, result.err
    assert result.out == f"{path}：没有发现问题。\n"


def test_check_seed_report(gen) -> None:  # type: ignore[no-untyped-def]
    seeded = gen("check", str(seed("000_3ef0eedd751624b0.txt")))
    assert seeded.code == 1
    assert seeded.out.endswith("：4 个错误，5 个警告，0 条提示。\n")
