"""gen check 读写好的报告：文本文件报真实的行号、列号，Word 报“第N段”；
同一行里的一级标题和正文；率的变化写成“增长X%”；gen import 去掉网页尾巴、保留正文。"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import docx

from generator.importer import import_report


def caret(shown: str, column: int) -> str:
    """插入符那一行：汉字、全角符号在终端里占两列。"""
    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in shown[: column - 1])
    return "    " + " " * width + "^\n"


# 行首两个全角空格、Markdown 标题和加粗：列号按原文行算
MARKDOWN = """\
# 某县卫健委2024年工作总结

　　2024年，我委扎实推进各项工作。现总结如下。

## 一、工作开展情况

**（一）健康体检。**全年体检15719人，较去年7593人，提高了48.3%。
(二)疫苗接种。接种率88.64%，较之去年接种率72.62%，增长16.02%。共开展X次宣传。

## 二、存在的问题

　　基层人才短缺。

## 三、下一步工作计划

　　加强基层人才培养。
"""


def test_text_report_findings_have_real_line_and_column(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "手写稿.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    result = gen("check", str(path))
    assert result.code == 1
    assert result.out == f"{path}：3 个错误，1 个警告，0 条提示。\n"
    line7 = "**（一）健康体检。**全年体检15719人，较去年7593人，提高了48.3%。"
    line8 = "(二)疫苗接种。接种率88.64%，较之去年接种率72.62%，增长16.02%。共开展X次宣传。"
    assert result.err == (
        f"{path}:7:24: 错误：[GEN201] 本期15719人、上期7593人，实际增长107.02%，文中写的是“提高48.3%”。"
        "疑似用上期除以本期（7593÷15719）。\n"
        f"    {line7}\n"
        f"{caret(line7, 24)}"
        "    提示：应为：增长107.02%\n"
        f"{path}:8:1: 警告：[GEN303] 序号“(二)”不规范：二级序号用全角括号，括号后不加顿号。\n"
        f"    {line8}\n"
        "    ^\n"
        "    提示：应为：（二）\n"
        f"{path}:8:19: 错误：[GEN202] 两个百分比之间的变化应该用“个百分点”表述，“增长16.02%”会被理解为相对增长率。\n"
        f"    {line8}\n"
        f"{caret(line8, 19)}"
        "    提示：应为：提高16.02个百分点\n"
        f"{path}:8:45: 错误：[GEN101] “X”像是没填的占位符，请填上实际内容。\n"
        f"    {line8}\n"
        f"{caret(line8, 45)}")
    assert line7[23:25] == "较去" and line8[18:20] == "较之" and line8[44] == "X"


def test_paragraph_joined_across_a_page_break_keeps_each_line(tmp_path: Path) -> None:
    from generator.api import check_file

    body = "一是加强基层医疗机构建设，推进乡镇卫生院标准化改造，持续改善群众就医条件和环境，提升服务能力"
    text = ("某县卫健委2024年工作总结\n一、工作开展情况\n" + body + "\n\n" + "，全年共开展X次义诊。\n"
            "二、存在的问题\n人才短缺。\n三、下一步工作计划\n加强人才培养。\n")
    path = tmp_path / "断页.txt"
    path.write_text(text, encoding="utf-8")
    assert len(import_report(path).paragraphs[2]) > len(body)  # 两行接成了一段
    found = [d for d in check_file(path) if d.code == "GEN101"]
    assert [(d.line, d.column, d.source_line) for d in found] == [(5, 7, "，全年共开展X次义诊。")]


def test_long_line_shows_a_window_around_the_problem(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long_line = ("全年开展健康教育讲座120场，覆盖全县18个乡镇和210个行政村，发放宣传资料3.5万份，"
                 "群众健康素养水平明显提升，家庭医生签约服务稳步推进，共开展X次义诊。")
    text = ("某县卫健委2024年工作总结\n一、工作开展情况\n" + long_line + "\n"
            "二、存在的问题\n人才短缺。\n三、下一步工作计划\n加强人才培养。\n")
    path = tmp_path / "长行.txt"
    path.write_text(text, encoding="utf-8")
    result = gen("check", str(path))
    column = long_line.index("X") + 1
    shown = "…" + long_line[column - 21:]
    assert result.err == (f"{path}:3:{column}: 错误：[GEN101] “X”像是没填的占位符，请填上实际内容。\n"
                          f"    {shown}\n{caret(shown, 22)}")
    assert result.code == 1 and len(long_line) > 60


def test_word_report_findings_say_which_paragraph(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document()
    for text in ("某县卫健委2024年工作总结", "", "2024年，我委扎实推进各项工作。现总结如下。", "一、工作开展情况",
                 "全年共开展X次义诊。", "二、存在的问题", "人才短缺。", "三、下一步工作计划", "加强人才培养。"):
        document.add_paragraph(text)
    path = tmp_path / "报告.docx"
    document.save(str(path))
    result = gen("check", str(path))
    assert result.code == 1
    assert result.err == (f"{path} 第4段: 错误：[GEN101] “X”像是没填的占位符，请填上实际内容。\n"
                          "    第4段：…全年共开展X次义诊。…\n"
                          f"{caret('第4段：…全年共开展X次义诊。…', 11)}")
    as_json = json.loads(gen("check", "--format", "json", str(path)).out)
    assert [(d["line"], d["column"], d["paragraph"]) for d in as_json] == [(None, None, 4)]


HONOURS = """\
某县教育局2024年工作总结
2024年，我局扎实推进各项工作。现总结如下。
一、工作开展情况
（一）抓好教师培训。全年组织培训46场。
二、获得荣誉和奖励:1.我局被评为全省教育系统先进集体；2.多名教师获得省级表彰；3.学生在各类竞赛中获奖120人次。
三、存在的问题
农村学校师资薄弱。
四、下一步工作计划
补充农村学校师资。
"""


def test_heading_followed_by_text_on_the_same_line(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """“二、获得荣誉和奖励:1.……”是标题加正文：后面的“三、”不是跳号；导入时标题和正文分开。"""
    path = tmp_path / "荣誉.txt"
    path.write_text(HONOURS, encoding="utf-8")
    result = gen("check", str(path))
    line5 = HONOURS.splitlines()[4]
    assert result.code == 0
    assert result.err == (f"{path}:5:11: 警告：[GEN305] 层级跳跃：一级标题“二、”之后直接用了“1.”，中间应有“（一）”。\n"
                          f"    {line5}\n{caret(line5, 11)}")
    assert line5[10:12] == "1."
    form = import_report(path).form
    assert form["其他章节"] == [{"标题": "获得荣誉和奖励", "内容": line5.split(":", 1)[1]}]
    assert [item["标题"] for item in form["工作开展情况"]] == ["抓好教师培训"]


def test_doubtful_numbering_gap_is_a_hint_not_an_error(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # “二、”后面是一长段、没有可以当标题的短语：不知道它是不是标题，“四、”的跳号只作提示
    text = HONOURS.replace("二、获得荣誉和奖励:1.我局被评为", "三、我局获得荣誉，被评为").replace(
        "三、存在的问题", "四、存在的问题").replace("四、下一步工作计划", "五、下一步工作计划")
    path = tmp_path / "跳号.txt"
    path.write_text(text, encoding="utf-8")
    result = gen("check", str(path))
    assert result.code == 0
    assert result.err == (
        f"{path}:6:1: 提示：[GEN302] 一级序号“四、”不连续：这里应该是第2部分。"
        "（前面第5行以“三、”开头，如果那是标题，请把标题单独成行）\n"
        "    四、存在的问题\n    ^\n")
    without = text.replace("三、我局获得荣誉，被评为全省教育系统先进集体；2.多名教师获得省级表彰；3.学生在各类竞赛中获奖120人次。\n", "")
    path.write_text(without, encoding="utf-8")
    plain = gen("check", str(path))
    assert plain.code == 1
    assert plain.err.startswith(f"{path}:5:1: 错误：[GEN302] 一级序号“四、”不连续：这里应该是第2部分。\n")


def test_rate_change_typed_as_growth_is_flagged_in_reports_and_forms(gen, tmp_path: Path, form_file) -> None:  # type: ignore[no-untyped-def]
    text = HONOURS.replace("全年组织培训46场。", "义务教育巩固率99.2%，比上年增长0.3%。")
    path = tmp_path / "巩固率.txt"
    path.write_text(text, encoding="utf-8")
    result = gen("check", "--ignore", "GEN305", str(path))
    assert result.code == 1
    assert result.err == (
        f"{path}:4:17: 错误：[GEN202] 这是一个率，它的变化“增长0.3%”会被理解为相对增长率；两个百分比之差要写“个百分点”。\n"
        "    （一）抓好教师培训。义务教育巩固率99.2%，比上年增长0.3%。\n"
        f"{caret('（一）抓好教师培训。义务教育巩固率99.2%，比上年增长0.3%。', 17)}"
        "    提示：应为：提高0.3个百分点（如果0.3是两年的率之差）\n")
    from conftest import VALID_FORM

    form = form_file(VALID_FORM.replace("全年体检{{体检人数}}。", "巩固率由98.9%提高到99.2%，增长0.3%。"))
    checked = gen("check", str(form))
    assert checked.code == 1
    assert checked.err.startswith(
        f"{form}:12:12: 错误：[GEN202] 两个百分比之间的变化应该用“个百分点”表述，“增长0.3%”会被理解为相对增长率。\n")
    assert "    提示：应为：提高0.3个百分点\n" in checked.err


WEB_PAGE = """\
宁远县教育局2024年工作总结
发布时间：2025-01-10 09:30  浏览量：1523
2024年，我局围绕立德树人根本任务，扎实推进各项工作。现将全年工作总结如下。
一、工作开展情况
（一）加强宣传引导。全年在县融媒体平台发布教育信息320条，阅读量5.62万次，其中两篇稿件被省教育厅转载。
（二）抓好教师培训。全年组织教师培训46场，参训教师2100人次。
二、存在的问题
农村学校师资力量仍然薄弱，部分学科教师结构性短缺。
三、下一步工作计划
（一）加强师资队伍建设。补充农村学校紧缺学科教师，完善城乡教师交流机制。
宁远县教育局
2025年1月10日
相关推荐：
宁远县教育局2023年工作总结
宁远县教育局关于做好寒假安全工作的通知
【打印本页】 【关闭窗口】
"""


def test_web_trailer_is_dropped_and_listed_body_text_is_kept(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "网页稿.txt"
    path.write_text(WEB_PAGE, encoding="utf-8")
    result = import_report(path)
    form = result.form
    assert form["日期"] == "2025-01-10" and "其他章节" not in form and "署名" not in form
    assert form["工作开展情况"][0] == {
        "标题": "加强宣传引导", "内容": "全年在县融媒体平台发布教育信息320条，阅读量5.62万次，其中两篇稿件被省教育厅转载。"}
    assert result.dropped == ["发布时间：2025-01-10 09:30  浏览量：1523", "相关推荐：", "宁远县教育局2023年工作总结",
                              "宁远县教育局关于做好寒假安全工作的通知", "【打印本页】 【关闭窗口】"]
    imported = gen("import", str(path))
    assert imported.code == 0
    assert imported.err == (
        "识别出 3 个部分：工作开展情况 2 个事项（0 条要点），存在的问题 1 条，下一步工作计划 1 个事项（0 条要点）。\n"
        "去掉了 5 行网页文字：发布时间：2025-01-10 09:30  浏览量：1523；相关推荐：；宁远县教育局2023年工作总结；"
        "宁远县教育局关于做好寒假安全工作的通知；【打印本页】 【关闭窗口】\n")


def test_trailer_ends_at_body_text() -> None:
    from generator.importer.cleanup import clean

    cleaned = clean(["相关阅读", "某某链接标题", "（一）加强宣传。全年发布信息120条，阅读量1.2万次。", "打印 关闭"])
    assert cleaned.paragraphs == ["（一）加强宣传。全年发布信息120条，阅读量1.2万次。"]
    assert cleaned.dropped == ["相关阅读", "某某链接标题", "打印 关闭"]
    assert cleaned.origins == [[(0, 2, 0)]]


def test_only_headings_that_continue_the_numbering_are_split() -> None:
    from generator.importer.cleanup import clean

    long_tail = "全年组织教师培训46场，参训教师2100人次，培训覆盖全县所有中小学，教师满意度明显提升。"
    cleaned = clean(["一、工作开展情况", "（一）抓好培训。" + long_tail, "二、存在的问题",
                     "一、人才不足。" + long_tail,  # 问题里的列举：序号接不上，不拆
                     "三、加强培训。" + long_tail])  # 接得上“二、”：句号前是标题
    assert cleaned.paragraphs == ["一、工作开展情况", "（一）抓好培训。" + long_tail, "二、存在的问题",
                                  "一、人才不足。" + long_tail, "三、加强培训", long_tail]
    assert cleaned.origins[-2:] == [[(0, 4, 0)], [(0, 4, 7)]]


def test_level_jump_after_a_heading_whose_numeral_is_not_recognised(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """模糊测试发现：“九二、”这类认不出数值的一级序号后面直接写“1.”，曾因“第 0 部分”内部出错。"""
    path = tmp_path / "报告.txt"
    path.write_text("某县教育局2024年工作总结\n九二、工作开展情况\n1.抓好教师培训。\n", encoding="utf-8")
    result = gen("check", str(path))
    assert "内部出错" not in result.err
    assert f"{path}:3:1: 警告：[GEN305] 层级跳跃：一级标题“九二、”之后直接用了“1.”，中间应有“（一）”。" in result.err
