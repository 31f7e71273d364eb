"""部分的开头（issue 20）：一级标题和（一）之间的总述导入到“开头”，不变成事项；表单里有注释，提示里有一行；
“开头”按部分印在一级标题之后、（一）之前。"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID_FORM

from generator.importer.structure import title_parts

OPENING = "2022年，全旗卫生健康系统围绕年初确定的目标任务，统筹推进疫情防控和医疗服务，各项工作取得明显成效，主要做了以下工作。"
REPORT = ["某旗卫生健康委员会2022年卫生健康工作总结", "2022年，我委扎实推进各项工作。现总结如下。",
          "一、工作开展情况", OPENING, "（一）加强疫情防控。全年开展核酸检测。", "（二）提升医疗服务。新建科室两个。",
          "二、存在的问题", "人才短缺。", "三、2023年工作计划", "（一）引进人才。全年引进医生。",
          "某旗卫生健康委员会", "2023年1月10日"]


def test_section_opening_goes_to_its_key(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "报告.txt"
    report.write_text("\n\n".join(REPORT) + "\n", encoding="utf-8")
    form = tmp_path / "表单.yaml"
    result = gen("import", str(report), "-o", str(form))
    assert result.code == 0
    text = form.read_text(encoding="utf-8")
    assert "开头:\n  工作开展情况: " + OPENING + "  # 原文（一）或“一是”之前的总述，作为这一部分的开头\n" in text
    assert "单位: 某旗卫生健康委员会  # 从标题读出（标题里的“卫生健康工作”是话题，没有算进单位）；落款也用它，请核对是不是单位全称" in text
    assert "  - 标题: 加强疫情防控\n" in text  # （一）还是第一项
    assert "“工作开展情况”在第一项之前有 1 段总述，放进了“开头”，没有当作事项。" in result.err
    assert "单位“某旗卫生健康委员会”是从标题读出的；标题里的“卫生健康工作”是话题，没有算进单位。" in result.err
    rendered = tmp_path / "表单.md"
    assert gen("report", str(form), "-f", "md", "-o", str(rendered)).code == 0
    markdown = rendered.read_text(encoding="utf-8")
    assert f"## 一、工作开展情况\n\n{OPENING}\n\n**（一）加强疫情防控**。全年开展核酸检测。" in markdown
    assert "\n某旗卫生健康委员会\n\n2023年1月10日\n" in markdown


def test_openings_render_before_the_first_item(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = VALID_FORM.replace("工作开展情况:\n", "开头:\n  工作开展情况: 全年围绕体检开展工作\n"
                              "  存在的问题: 主要有以下问题\n  下一步工作计划: 2025年，我委将继续努力。\n工作开展情况:\n")
    out = tmp_path / "出.md"
    assert gen("report", str(form_file(text)), "-f", "md", "-o", str(out)).code == 0
    markdown = out.read_text(encoding="utf-8")
    assert "## 一、工作开展情况\n\n全年围绕体检开展工作。\n\n**（一）开展健康体检**" in markdown
    assert "## 二、存在的问题\n\n主要有以下问题。\n\n**（一）人才短缺**" in markdown
    assert "## 三、下一步工作计划\n\n2025年，我委将继续努力。\n\n**（一）加强人才培养**" in markdown


def test_inline_numbering_continued_in_paragraphs_is_not_renumbered(tmp_path: Path) -> None:
    """“(1)(2)”写在一段里，接着“(3)(4)”各成一段：原样保留，不重新编成第二个“(1)(2)”。"""
    from generator.importer import import_report

    report = tmp_path / "r.txt"
    report.write_text("\n\n".join([
        "某局2024年工作总结", "2024年，我局扎实工作。现总结如下。", "一、工作开展情况",
        "（一）加强培训。主要做法：(1)集中培训；(2)跟班学习。", "(3)外出进修。选派5人进修。", "(4)线上学习。组织12次。",
        "（二）开展体检。全年体检100人。", "二、存在的问题", "人才短缺。", "三、下一步工作计划", "（一）引进人才。全年引进医生。",
        "某局", "2025年1月10日"]) + "\n", encoding="utf-8")
    work = import_report(report).form["工作开展情况"]
    assert [item["标题"] for item in work] == ["加强培训", "开展体检"]
    assert work[0]["内容"] == "主要做法：(1)集中培训；(2)跟班学习。\n\n(3)外出进修。选派5人进修。\n\n(4)线上学习。组织12次。"
    assert "子项" not in work[0]


def test_joined_and_split_paragraphs_are_reported(tmp_path: Path) -> None:
    """接上的断行、拆开的“标题：正文”都是猜的：写进提示和表单开头的注释。"""
    from generator.importer import import_report

    report = tmp_path / "r.txt"
    report.write_text("\n\n".join([
        "某局2024年工作总结", "2024年，我局扎实工作。现总结如下。",
        "一、工作开展情况：全年开展体检，覆盖全县所有乡镇和村，效果良好，群众满意度明显提升。",
        "（一）开展体检。全年组织城乡居民健康体检，覆盖全县所有乡镇和行政村，体检人数比上年明显增加，群众",
        "满意度较高。", "二、存在的问题", "人才短缺。", "三、下一步工作计划", "（一）引进人才。全年引进医生。"]) + "\n",
        encoding="utf-8")
    imported = import_report(report)
    joined = "接上了 1 处被断开的段落（开头是：（一）开展体检。全年组织），请核对。"
    split = "拆开了 1 处写在同一行的标题和正文（正文开头是：全年开展体检，覆盖全县所），请核对。"
    assert joined in imported.summary_lines() and split in imported.summary_lines()
    assert f"# 注意：{joined}\n" in imported.yaml() and f"# 注意：{split}\n" in imported.yaml()
    assert imported.form["工作开展情况"][0]["内容"].endswith("群众满意度较高。")


@pytest.mark.parametrize("title,parts", [
    ("某旗卫生健康委员会2022年卫生健康工作总结", ("某旗卫生健康委员会", 2022, "年度工作总结", "卫生健康工作")),
    ("2022年某旗卫生健康委员会卫生健康工作总结", ("某旗卫生健康委员会", 2022, "年度工作总结", "卫生健康工作")),
    ("贡觉县卫生健康委员会 2024 年度工作总结", ("贡觉县卫生健康委员会", 2024, "年度工作总结", "")),
    ("县卫健委2021年工作总结和2022年工作计划", ("县卫健委", 2021, "工作总结和工作计划", "")),
    ("中阳县卫生健康局2024年工作总结与2025年工作计划", ("中阳县卫生健康局", 2024, "工作总结和工作计划", "")),
    ("石泉县教育局2023年上半年工作总结", ("石泉县教育局", 2023, "半年工作总结", "")),
])
def test_title_parts(title: str, parts: tuple[str, int, str, str]) -> None:
    assert title_parts(title) == parts
