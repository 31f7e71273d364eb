"""gen import：种子报告的保真度、示例的往返、网页边框与断行、格式错误的输入。"""

from __future__ import annotations

import copy
import difflib
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, require_seeds, seed, seed_params

from generator.api import build_report, render_markdown
from generator.importer import import_report
from generator.importer.cleanup import clean
from generator.importer.structure import classify

_MARKER = re.compile(r"[（(]\s*[一二三四五六七八九十\d]+\s*[）)][、.．]?|[一二三四五六七八九十]+[、.．]"
                     r"|(?<![\d.])\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]+是|解决思路[：:]")


def normalise(text: str) -> str:
    """比较正文时忽略：序号、空白、Markdown 符号、标点（渲染时统一补的句号和分号）。"""
    text = _MARKER.sub("", text)
    text = re.sub(r"[#*\\>|]", "", text)
    return re.sub(r"[\s。；;，,、：:！!？?]", "", text)


def kept_ratio(source: str, output: str) -> float:
    """源文（按顺序）有多少字在输出里：最长公共子序列的近似（匹配块之和）。"""
    matcher = difflib.SequenceMatcher(None, source, output, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(source))


def renderable(form: dict[str, Any]) -> dict[str, Any]:
    """补上原文没有的必填项，使导入结果可以渲染（导出的 YAML 里这些地方留给办事员填写）。"""
    form = copy.deepcopy(form)
    form["日期"] = form.get("日期") or "2025-01-07"
    form["存在的问题"] = form.get("存在的问题") or ["（原文没有这一部分）"]
    return form


def source_body(path: Path, dropped: list[str]) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line.strip() not in set(dropped))


@pytest.mark.parametrize("path", seed_params())
def test_seed_prose_is_kept(path: Path | None) -> None:
    require_seeds()
    assert path is not None
    result = import_report(path)
    markdown = render_markdown(renderable(result.form))
    source = normalise(source_body(path, result.dropped))
    ratio = kept_ratio(source, normalise(markdown))
    assert ratio >= 0.98, f"{path.name} 只保留了 {ratio:.2%} 的正文"


@pytest.mark.parametrize("path", seed_params())
def test_seed_headings_survive(path: Path | None) -> None:
    """源文的每个一级、二级标题都成为输出里的标题（问题、计划两部分改用标准名称）。"""
    require_seeds()
    assert path is not None
    result = import_report(path)
    markdown = render_markdown(renderable(result.form))
    out_headings = {normalise(h) for h in re.findall(r"^## (.+)$|\*\*(.+?)\*\*", markdown, flags=re.M)
                    for h in h if h}
    source_l1 = [m.group(2) for p in result.paragraphs if (m := re.match(r"^([一二三四五六七八九十]+)[、.．]\s*(.{1,40})$", p))]
    source_l2 = [re.split(r"[。：:]", m.group(1))[0] for p in result.paragraphs
                 if (m := re.match(r"^[（(][一二三四五六七八九十]+[）)][、.．]?\s*(.*)$", p))]
    assert result.level1 == len(source_l1) and result.level2 == len(source_l2)
    for heading in source_l1:
        if classify(heading) == "其他":  # 成绩、问题、计划三部分改用标准名称
            assert normalise(heading) in out_headings, heading
    for heading in source_l2:
        assert normalise(heading) in out_headings, heading
    # 输出标题数 ≥ 源文标题数：没有标题被并进正文
    assert len(out_headings) >= len(set(map(normalise, source_l2)))


def test_seed_000_details() -> None:
    result = import_report(seed("000_3ef0eedd751624b0.txt"))
    form = result.form
    assert (form["单位"], form["年度"]) == ("贡觉县卫生健康委员会", 2024)
    assert "类型" not in form and "标题" not in form  # 标题与自动生成的一致
    titles = [item["标题"] for item in form["工作开展情况"]]
    assert len(titles) == 8 and titles[1] == "加强县域医共体建设，推动医疗资源均衡配置"
    points = form["工作开展情况"][1]["要点"]
    assert len(points) == 5
    assert points[4].startswith("通过县中心医院与各乡镇分院")  # “五是”与分页后的下一段接上了
    fifth = form["工作开展情况"][3]["要点"][4]
    assert "放射科" in fifth  # “放 / 射科”被分页打断后接上
    assert len(form["工作开展情况"][5]["要点"]) == 3  # “**一**是”加粗序号
    assert len(form["存在的问题"]) == 3
    assert form["存在的问题"][2].endswith("影响了医疗服务的效率和质量")
    assert len(form["下一步工作计划"]) == 3
    assert "没有找到成文日期，请在表单里填写“日期”。" in result.notes


def test_seed_001_details() -> None:
    result = import_report(seed("001_e4528b115fa46040.txt"))
    form = result.form
    assert (form["单位"], form["年度"], form["类型"]) == ("中阳县卫生健康局", 2024, "工作总结和工作计划")
    assert form["标题"] == "中阳县卫生健康局2024年工作总结与2025年工作计划"
    assert any("您当前的位置" in line for line in result.dropped)
    assert any("放大 正常 缩小" in line for line in result.dropped)
    assert "中卫2024124" in result.dropped and "相关推荐" in result.dropped
    work_titles = [item["标题"] for item in form["工作开展情况"]]
    assert "强化基层工作,持续巩固健康扶贫成果" in work_titles  # 漏了“二、”的一级标题
    assert len(form["工作开展情况"][0]["子项"]) == 6
    assert len(form["存在的问题"]) == 3 and len(form["下一步工作计划"]) == 9
    assert "原文末尾的日期“202517”无法识别，请在表单里填写“日期”。" in result.notes
    assert "署名" not in form  # 落款与单位相同


def test_seed_004_details() -> None:
    result = import_report(seed("004_83c7fe2b20513d92.txt"))
    form = result.form
    assert (form["单位"], form["年度"], form["类型"]) == ("县卫健委", 2021, "工作总结和工作计划")
    assert any("下面是小编" in line for line in result.dropped)
    assert any("推荐访问" in line for line in result.dropped)
    text = "\n".join(result.paragraphs)
    assert "当前隐藏内容免费查看" not in text and "【完整版】" not in text
    assert "一是健全指挥体系" in text  # 行内的网页文字去掉，正文保留
    assert "党***重大决策部署" in text  # 原文的星号不被当成加粗
    assert len(form["工作开展情况"]) == 9
    assert form["存在的问题"] == []
    # “一是”之前的引言是计划部分的开头，不是第一项（issue 20）
    assert form["开头"]["下一步工作计划"].startswith("2022年,县卫健委将继续按照")
    assert [item["标题"][:8] for item in form["下一步工作计划"]] == [
        "继续落实常态化疫", "继续推进深化医改", "继续加快重点项目", "继续狠抓党风廉政"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_round_trip_through_word(example: Path, tmp_path: Path) -> None:
    report = build_report(example)
    docx_path = tmp_path / f"{example.stem}.docx"
    docx_path.write_bytes(report.docx())
    imported = import_report(docx_path).form
    original = report.form

    def same(a: str | None, b: str | None) -> None:
        assert normalise(a or "") == normalise(b or "")

    assert imported["单位"] == original.unit and imported["年度"] == original.year
    assert imported.get("类型", "年度工作总结") == original.kind.value
    assert imported.get("主题") == original.topic and imported.get("季度") == original.quarter
    assert imported.get("标题") == original.title  # 表单没写标题（与自动生成的相同）时不写进表单
    assert imported["日期"] == original.date.isoformat()
    same(imported["导语"], original.intro)
    same(imported.get("基本情况"), original.overview)
    same(imported.get("结束语"), original.closing)

    def compare_items(got: list[dict[str, Any]], want: list[Any]) -> None:
        assert [normalise(g["标题"]) for g in got] == [normalise(w.title) for w in want]
        for g, w in zip(got, want, strict=True):
            same(g.get("内容"), w.content)
            assert [normalise(p) for p in g.get("要点", [])] == [normalise(p) for p in w.points]
            compare_items(g.get("子项", []), w.children)

    compare_items(imported.get("工作开展情况", []), original.work)
    compare_items(imported["下一步工作计划"], original.plans)
    compare_items(imported.get("保障措施", []), original.safeguards)  # 工作计划
    for key, want in (("总体要求", original.requirements), ("学习", original.study), ("廉洁", original.integrity),
                      ("述职人", original.reporter), ("职务", original.post)):  # 工作计划、述职报告的键
        same(imported.get(key), want)
    assert original.kind.value not in ("工作计划", "述职报告") or "署名" not in imported  # 落款就是单位或述职人
    others = [s for s in imported.get("其他章节", []) if s["标题"] != "主要指标完成情况"]
    assert [s["标题"] for s in others] == [s.title for s in original.other_sections]
    for got, want in zip(others, original.other_sections, strict=True):
        same(got.get("内容"), want.content)
        compare_items(got.get("事项", []), want.items)
    problems = imported.get("存在的问题", [])
    assert len(problems) == len(original.problems)
    for got, want in zip(problems, original.problems, strict=True):
        content = got if isinstance(got, str) else got["内容"]
        same(content, want.content)
        same(None if isinstance(got, str) else got.get("解决思路"), want.solution)


def test_markdown_import(tmp_path: Path) -> None:
    path = tmp_path / "网站稿.md"
    path.write_text(build_report(EXAMPLES[0]).markdown(), encoding="utf-8")
    form = import_report(path).form
    assert form["单位"] and form["工作开展情况"]


def test_chrome_and_line_joining() -> None:
    cleaned = clean(["您当前的位置: 首页 > 工作", "时间:2022-05-31 17:40:02 浏览量:", "",
                     "一是开展培训" + "这是一段很长的正文" * 4 + "五是", "", "组织学习。", "", "二、存在的问题",
                     "打印 关闭"])
    assert cleaned.paragraphs == ["一是开展培训" + "这是一段很长的正文" * 4 + "五是组织学习。", "二、存在的问题"]
    assert len(cleaned.dropped) == 3


def test_several_reports_in_one_file(tmp_path: Path) -> None:
    one = build_report(EXAMPLES[0]).markdown()
    path = tmp_path / "两份.md"
    path.write_text(one + "\n\n" + one, encoding="utf-8")
    result = import_report(path)
    assert any("只导入了第一份" in note for note in result.notes)
    assert len(result.form["工作开展情况"]) == len(build_report(EXAMPLES[0]).form.work)


@pytest.mark.parametrize("name,content,message,code", [
    ("空.txt", b"", "文件是空的", 1),
    ("二进制.txt", bytes(range(256)) * 40, "不是文本文件", 1),
    ("假的.docx", b"not a zip at all", "不是有效的 Word（.docx）文件", 1),
    ("旧版.doc", b"\xd0\xcf\x11\xe0", "“旧版.doc”是旧版 Word 或 WPS 文件，gen 读不了。", 2),
])
def test_malformed_input(name: str, content: bytes, message: str, code: int, gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(content)
    result = gen("import", str(path))
    assert result.code == code
    assert message in result.err
    assert "Traceback" not in result.err
    assert not path.with_name(path.stem + "-表单.yaml").exists()


def test_zip_that_is_not_word(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "照片.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff")
    result = gen("import", str(path))
    assert result.code == 1
    assert "不是 Word 文件" in result.err and "Traceback" not in result.err


def test_huge_text_file(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "巨大.txt"
    path.write_bytes(("一、工作开展情况\n" * 2_000_000).encode("utf-8"))
    result = gen("import", str(path))
    assert result.code == 1
    assert "超过 20 MB 上限" in result.err


def test_import_cli_writes_form_that_check_understands(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "中阳县.txt"
    report.write_bytes(seed("001_e4528b115fa46040.txt").read_bytes())
    result = gen("import", str(report))
    form = tmp_path / "中阳县-表单.yaml"
    assert result.code == 0
    assert result.out == f"{form}\n"
    assert result.err.startswith("识别出 3 个部分：工作开展情况 13 个事项")
    again = gen("import", str(report))
    assert again.code == 1 and "没有覆盖它" in again.err
    checked = gen("check", str(form))
    assert checked.code == 1  # 日期无法识别，留给办事员
    assert checked.err.replace(str(form), "F") == (
        "F:9:5: 错误：“日期”还没有填写：这是 gen import 在原文里没有找到、留给你补写的地方。"
        "请把“请补写”换成成文日期，格式如 2025-01-07。\n"
        "    日期: 请补写  # 请填写成文日期，格式如 2025-01-07\n"
        "          ^\n")
    text = form.read_text(encoding="utf-8").replace("日期: 请补写", "日期: 2025-01-07")
    form.write_text(text, encoding="utf-8")
    assert gen("check", str(form)).code == 0
    assert gen("import", str(report), "--force").code == 0
