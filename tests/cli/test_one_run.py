"""一次找全（issue 20）：一份表单里每种打字问题各一处，一次 ``gen check`` 全部报出，各在自己的行列，各报一次。"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import VALID_FORM

# 每行一种问题（注释里是这一行的问题；没有注释的行是对的）
SLIPS = [
    "单位:贡觉县卫生健康委员会",  # 冒号后没空格
    "年度：2024",  # 全角冒号
    '导语: "双减"工作扎实推进。',  # 值以引号开头
    "基本情况: 全县共有xx个乡镇卫生院。",  # 占位符 xx（内容检查 GEN101）
    "指标:",
    "  - 键: 体检人数",
    "    名称: 城乡居民健康体检人数",
    "    本期: 95%",  # 本期写了 %
    "    上期: 7593",
    "    单位: 人",
    "工作开展情况:",
    "  - 标题: 开展健康体检",
    "\t内容: 全年开展体检。",  # Tab 缩进
    "  - 标题 加强疾病防控",  # 少了冒号
    "    内容: 时间: 全年开展培训。",  # 值里有冒号加空格
    "  - 标题: 推进信息化",
    "    内容: [重点]建成平台。",  # 值以方括号开头
    "  - 标题: 落实惠民政策",
    "    内容: ***名群众受益。",  # 星号占位符
    "  - 标题: 基层能力建设",
    "     内容: 新建标准化村卫生室。",  # 多缩进了一格
    "  - 标题: 家庭医生签约",
    "    内容: 签约{{体检人次}}人。",  # 引用了不存在的指标
    "  - 标题: 健康教育",
    "    内容: 请补写",  # 导入留下的空位
    "  - 标题: 爱国卫生",
    "    内容: 开展活动，",
    "    覆盖全县。",  # 续行没缩进
    "存在的问题:",
    "  - 人才短缺。",
    "  经费不足。",  # 少了“- ”
    "  - @专业人员少。",  # 值以 @ 开头
    "  - 设备\x07老化。",  # 控制字符
    "下一步工作计划:",
    "  - 标题: 加强人才培养",
    "    内同: 开展培训。",  # 未知的键
    "\u3000结束语: 特此报告。",  # 全角空格缩进
    "署名: 贡觉县卫生健康委员会",
    "日期: 2025-02-30",  # 不存在的日期
    "单位: 另一个单位",  # 重复的键
]

EXPECTED = [
    "1:3: 错误：冒号后面要空一格：单位: 贡觉县卫生健康委员会",
    "2:3: 错误：“年度”后面用了全角冒号“：”。键和值之间要用半角冒号加一个空格，例如“年度: …”。",
    "3:5: 错误：这一行的值以引号开头，YAML 只把这对引号里的文字当作值，后面的“工作扎实推进。”就多出来了。"
    "值以引号开头时，要把整个值放进一对引号里，改成：导语: '\"双减\"工作扎实推进。'",
    "4:11: 错误：[GEN101] “xx”像是没填的占位符，请填上实际内容。",
    "8:9: 错误：“指标 第1项 本期”：本期只写数字，百分号写在“单位”里（单位: %）。",
    "13:1: 错误：这一行用 Tab 键缩进了。YAML 只认半角空格缩进，请把行首的 Tab 换成空格（通常是两个）。",
    "14:7: 错误：“标题”后面少了冒号，应写作：标题: 加强疾病防控",
    "15:11: 错误：这一行的值里有“冒号加空格”，YAML 会把它当成又一个键。请改用中文冒号“：”，"
    "或者把整个值放进一对引号里：内容: '时间: 全年开展培训。'",
    "17:9: 错误：这一行的值以“[”开头，YAML 会把括号里的部分当成列表，后面的“建成平台。”就多出来了。"
    "值以“[”或“{”开头时，要把整个值放进一对引号里，改成：内容: '[重点]建成平台。'",
    "19:9: 错误：值开头的“*”在 YAML 里有特殊含义。“***名群众受益。”看起来是没填的占位符，请填上实际内容；"
    "如果确实要以“*”开头，请把整个值放进引号里：内容: '***名群众受益。'",
    "21:6: 错误：这一行缩进了 5 格，和上一行（第 20 行）的“标题”（4 格）对不齐。同一项里的键要上下对齐，请改成 4 格。",
    "23:13: 错误：引用了不存在的指标“体检人次”。是不是“体检人数”？已有的指标键：体检人数。",
    "25:9: 错误：“工作开展情况 第7项 内容”还没有填写：这是 gen import 在原文里没有找到、留给你补写的地方。"
    "请把“请补写”换成这里的文字。",
    "28:5: 错误：这一行像是接着上一行“内容”的文字，但没有缩进。接着写的行要比“内容”多缩进两格（或者直接接到上一行末尾）。",
    "31:3: 错误：这一条前面少了“- ”。列表里的每一条都要以“- ”开头，与第 30 行的“- ”对齐，改成：- 经费不足。",
    "32:5: 错误：值不能以“@”开头（它在 YAML 里有特殊含义）。请把整个值放进一对引号里，改成：- '@专业人员少。'",
    "33:7: 错误：这里有一个看不见的控制字符（U+0007），Word 文件无法保存它。请删掉这几个字重新输入，或从记事本里复制纯文字粘贴。",
    "36:5: 错误：“下一步工作计划 第1项”里没有“内同”这个键。是不是要写“内容”？这里可用的键有：标题、内容、要点、子项。",
    "37:1: 错误：这一行行首有全角空格（中文输入法下的空格）。请删掉它，改用半角空格缩进。",
    "39:5: 错误：“日期”：2025-02-30 这一天不存在（2月没有30日）。",
    "40:1: 错误：键“单位”在同一层里出现了两次。请删掉或合并其中一个。",
]


def test_every_slip_is_reported_in_one_run(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file("\n".join(SLIPS) + "\n")
    result = gen("check", str(path))
    assert result.code == 1
    assert "Traceback" not in result.err + result.out
    prefix = f"{path}:"
    found = [line[len(prefix):] for line in result.err.splitlines() if line.startswith(prefix)]
    assert found == EXPECTED
    assert len({line.split(":")[0] for line in found}) == len(found) == 21  # 每处一次，各在自己的行


def test_every_slip_is_reported_in_one_run_as_json(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file("\n".join(SLIPS) + "\n")
    result = gen("check", "--format", "json", str(path))
    assert result.code == 1
    places = [(f["line"], f["column"]) for f in json.loads(result.out)]
    assert places == [tuple(int(n) for n in e.split(":")[:2]) for e in EXPECTED]


def test_a_slip_early_does_not_hide_one_late(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    """第 1 行的问题不挡住第 60 行的问题。"""
    body = ["单位:贡觉县卫生健康委员会", "年度: 2024", "导语: 导语。", "工作开展情况:"]
    for index in range(30):
        body += [f"  - 标题: 第{index + 1}项工作", "    内容: 全年开展工作。"]
    body[59] = "\t内容: 全年开展工作。"
    body += ["存在的问题:", "  - 人才短缺。", "下一步工作计划:", "  - 标题: 加强人才培养", "日期: 2025-01-07"]
    path = form_file("\n".join(body) + "\n")
    result = gen("check", str(path))
    assert result.code == 1
    lines = [line.split(" ")[0].replace(str(path), "F") for line in result.err.splitlines()
             if line.startswith(str(path))]
    assert lines == ["F:1:3:", "F:60:1:"]


def test_several_placeholders_on_one_line_each_at_its_column(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    form = VALID_FORM.replace("内容: 全年体检{{体检人数}}。", "内容: 新建X个、改建X个、扩建xx个站点，投入***万元。")
    path = form_file(form)
    result = gen("check", "--format", "json", str(path))
    found = [(f["line"], f["column"], f["message"]) for f in json.loads(result.out) if f["code"] == "GEN101"]
    assert found == [
        (12, 11, "“X”像是没填的占位符，请填上实际内容。"),
        (12, 16, "“X”像是没填的占位符，请填上实际内容。"),
        (12, 21, "“xx”像是没填的占位符，请填上实际内容。"),
        (12, 29, "“***”像是没填或被屏蔽的内容，请填上实际内容。"),
    ]


def _report_with_forty_placeholders(tmp_path: Path, *, dated: bool) -> Path:
    line = "全年新建X个站点，改建xx个，扩建X个，投入***万元，服务XX人次，第{}批。"
    paragraphs = ["贡觉县卫生健康委员会2024年工作总结", "2024年，我委扎实推进各项工作。现总结如下。",
                  "一、工作开展情况", "（一）开展健康体检", *(line.format(n) for n in range(1, 5)),
                  "（二）加强疾病防控", *(line.format(n) for n in range(5, 9)),
                  "二、存在的问题", "人才短缺。", "三、下一步工作计划", "加强人才培养。", "贡觉县卫生健康委员会"]
    if dated:
        paragraphs.append("2025年1月7日")
    path = tmp_path / "报告.txt"
    path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("dated", [True, False], ids=["有日期", "日期要补写"])
def test_imported_report_with_forty_placeholders(gen, tmp_path: Path, dated: bool) -> None:  # type: ignore[no-untyped-def]
    """导入的报告里 40 个占位符：一次报出 40 条，40 个不同的位置；没有日期时“请补写”同一次报出。"""
    form = tmp_path / "表单.yaml"
    assert gen("import", str(_report_with_forty_placeholders(tmp_path, dated=dated)), "-o", str(form)).code == 0
    result = gen("check", "--format", "json", str(form))
    assert result.code == 1
    findings = json.loads(result.out)
    blanks = [(f["line"], f["column"]) for f in findings if f["code"] == "GEN101"]
    assert len(blanks) == len(set(blanks)) == 40
    others = [f["message"] for f in findings if f["code"] != "GEN101"]
    assert others == ([] if dated else [
        "“日期”还没有填写：这是 gen import 在原文里没有找到、留给你补写的地方。请把“请补写”换成成文日期，格式如 2025-01-07。"])
    text = gen("check", str(form))
    assert text.err.count("像是没填") == 40


def test_report_lists_the_same_problems_in_one_run(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """gen report 也一次报全（内容检查 GEN101 要等表单读得进来才做，其余与 gen check 相同），不写任何文件。"""
    path = form_file("\n".join(SLIPS) + "\n")
    result = gen("report", str(path), "-f", "md", "-o", str(tmp_path / "出.md"))
    assert result.code == 1
    prefix = f"{path}:"
    found = [line[len(prefix):] for line in result.err.splitlines() if line.startswith(prefix)]
    assert found == [line for line in EXPECTED if "GEN101" not in line]
    assert not (tmp_path / "出.md").exists()


def test_too_many_reading_problems_stop_with_a_note(gen, form_file, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """每处要单独解析一遍才找得到的问题（值里有“冒号加空格”）太多时：列出前面的（上限 MAX_ROUNDS 处，这里调成 20）
    并说明，不无休止地读下去。"""
    import generator.read.loader

    monkeypatch.setattr(generator.read.loader, "MAX_ROUNDS", 20)
    items = "".join(f"  - 标题: 第{n}项\n    内容: 时间: 全年开展工作。\n" for n in range(1, 31))
    text = VALID_FORM.replace("工作开展情况:\n  - 标题: 开展健康体检\n    内容: 全年体检{{体检人数}}。\n",
                              "工作开展情况:\n" + items)
    result = gen("check", str(form_file(text)))
    assert result.code == 1
    assert result.err.count("这一行的值里有“冒号加空格”") == 20
    assert "读取问题太多，上面只列出了前 20 处。请先改好这些，再运行一次。" in result.err
