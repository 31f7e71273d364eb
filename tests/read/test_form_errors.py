"""每种表单错误：中文消息、行号和插入符都钉死；任何输入都不出现 Traceback。"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID_FORM


def check(gen, path: Path):  # type: ignore[no-untyped-def]
    result = gen("check", str(path))
    assert "Traceback" not in result.err + result.out
    return result


def first_error(err: str, path: Path) -> str:
    """去掉文件路径前缀，便于钉死消息。"""
    return err.replace(str(path), "F")


CASES = {
    "YAML 语法": (
        VALID_FORM.replace("年度: 2024", '年度: 2024\n  导语: "x'),
        "F:3:3: 错误：这一行缩进了 2 格，和上一行（第 2 行）的“年度”（0 格）对不齐。同一项里的键要上下对齐，请改成 0 格。\n"
        '      导语: "x\n'
        "      ^\n",
    ),
    "全角冒号": (
        VALID_FORM.replace("年度: 2024", "年度：2024"),
        "F:2:3: 错误：“年度”后面用了全角冒号“：”。键和值之间要用半角冒号加一个空格，例如“年度: …”。\n"
        "    年度：2024\n"
        "        ^\n",
    ),
    "全角空格缩进": (
        VALID_FORM.replace("年度: 2024", "\u3000年度: 2024"),
        "F:2:1: 错误：这一行行首有全角空格（中文输入法下的空格）。请删掉它，改用半角空格缩进。\n"
        "    \u3000年度: 2024\n"
        "    ^\n",
    ),
    "Tab 缩进": (
        VALID_FORM.replace("    内容: 全年", "\t内容: 全年"),
        "F:12:1: 错误：这一行用 Tab 键缩进了。YAML 只认半角空格缩进，请把行首的 Tab 换成空格（通常是两个）。\n"
        "        内容: 全年体检{{体检人数}}。\n"  # Tab 显示为四个空格
        "    ^\n",
    ),
    "缺少必填项": (
        VALID_FORM.replace("日期: 2025-01-07\n", ""),
        "F:1:1: 错误：表单里缺少必填项“日期”，请补上。\n"
        "    单位: 贡觉县卫生健康委员会\n"
        "    ^\n",
    ),
    "类型不对": (
        VALID_FORM.replace("年度: 2024", "年度: 二〇二四"),
        "F:2:5: 错误：“年度”：要写阿拉伯数字，如 2024。\n"
        "    年度: 二〇二四\n"
        "          ^\n",
    ),
    "未知键": (
        VALID_FORM.replace("导语:", "导言:"),
        "F:3:1: 错误：表单最外层没有“导言”这个键。是不是要写“导语”？这里可用的键有：单位、年度、类型、主题、季度、标题、导语、"
        "基本情况、指标、指标文件、小数位、指标表、开头、述职人、职务、学习、总体要求、工作开展情况、其他章节、廉洁、存在的问题、"
        "下一步工作计划、保障措施、结束语、署名、日期、检查、样式、模板、增加部分、公文。\n"
        "    导言: 2024年，我委扎实推进各项工作。现总结如下。\n"
        "    ^\n",
    ),
    "嵌套的未知键": (
        VALID_FORM.replace("    内容: 全年", "    内同: 全年"),
        "F:12:5: 错误：“工作开展情况 第1项”里没有“内同”这个键。是不是要写“内容”？这里可用的键有：标题、内容、要点、子项。\n"
        "        内同: 全年体检{{体检人数}}。\n"
        "        ^\n",
    ),
    "重复的键": (
        VALID_FORM + "单位: 另一个单位\n",
        "F:18:1: 错误：键“单位”在同一层里出现了两次。请删掉或合并其中一个。\n"
        "    单位: 另一个单位\n"
        "    ^\n",
    ),
    "不存在的日期": (
        VALID_FORM.replace("2025-01-07", "2025-02-30"),
        "F:17:5: 错误：“日期”：2025-02-30 这一天不存在（2月没有30日）。\n"
        "    日期: 2025-02-30\n"
        "          ^\n",
    ),
    "日期写法": (
        VALID_FORM.replace("2025-01-07", "2025年1月"),
        "F:17:5: 错误：“日期”：要写成 年-月-日，如 2025-01-07。\n"
        "    日期: 2025年1月\n"
        "          ^\n",
    ),
    "未知引用": (
        VALID_FORM.replace("{{体检人数}}", "{{体检人次}}"),
        "F:12:15: 错误：引用了不存在的指标“体检人次”。是不是“体检人数”？已有的指标键：体检人数。\n"
        "        内容: 全年体检{{体检人次}}。\n"
        "                        ^\n",
    ),
    "模板语句": (
        VALID_FORM.replace("{{体检人数}}", "{% for x in y %}{% endfor %}"),
        "F:12:13: 错误：正文里只能写 {{键}} 这样的指标引用，不能写 {% … %} 之类的模板语句。\n"
        "        内容: 全年体检{% for x in y %}{% endfor %}。\n"
        "                      ^\n",
    ),
    "控制字符": (
        VALID_FORM.replace("人才短缺。", "人才\x07短缺。"),
        "F:14:7: 错误：这里有一个看不见的控制字符（U+0007），Word 文件无法保存它。请删掉这几个字重新输入，或从记事本里复制纯文字粘贴。\n"
        "      - 人才\u2407短缺。\n"
        "            ^\n",
    ),
    "锚点和别名": (
        VALID_FORM.replace("单位: 贡觉县卫生健康委员会", "单位: &u 贡觉县卫生健康委员会\n署名: *u"),
        "F:1:5: 错误：表单里不能用锚点“&u”，请删掉它。\n"
        "    单位: &u 贡觉县卫生健康委员会\n"
        "          ^\n"
        "F:2:5: 错误：表单里不能用别名“*u”引用别处的内容，请把内容直接写出来。\n"
        "    署名: *u\n"
        "          ^\n",
    ),
    "YAML 标签": (
        VALID_FORM.replace("年度: 2024", "年度: !!python/object:os.system 2024"),
        "F:2:5: 错误：表单里不能用 YAML 标签“!!python/object:os.system”，请删掉它，只写普通文字和数字。\n"
        "    年度: !!python/object:os.system 2024\n"
        "          ^\n",
    ),
    "空列表": (
        VALID_FORM.replace("存在的问题:\n  - 人才短缺。\n", "存在的问题: []\n"),
        "F:13:8: 错误：“存在的问题”至少要填写 1 项。\n"
        "    存在的问题: []\n"
        "                ^\n",
    ),
}

# 办事员最常见的打字问题（issue 11）：指向要改的那一行，说清楚怎么改
SLIPS = {
    "冒号后没空格（中间一行）": (
        VALID_FORM.replace("导语: 2024年", "导语:2024年"),
        "F:3:3: 错误：冒号后面要空一格：导语: 2024年，我委扎实推进各项工作。现总结如下。\n"
        "    导语:2024年，我委扎实推进各项工作。现总结如下。\n"
        "        ^\n",
    ),
    "冒号后没空格（第一行）": (
        VALID_FORM.replace("单位: 贡觉县", "单位:贡觉县"),
        "F:1:3: 错误：冒号后面要空一格：单位: 贡觉县卫生健康委员会\n"
        "    单位:贡觉县卫生健康委员会\n"
        "        ^\n",
    ),
    "冒号后没空格（最后一行）": (
        VALID_FORM.replace("日期: 2025-01-07", "日期:2025-01-07"),
        "F:17:3: 错误：冒号后面要空一格：日期: 2025-01-07\n"
        "    日期:2025-01-07\n"
        "        ^\n",
    ),
    "冒号后没空格（列表项）": (
        VALID_FORM.replace("  - 标题: 加强人才培养", "  - 标题:加强人才培养"),
        "F:16:7: 错误：冒号后面要空一格：- 标题: 加强人才培养\n"
        "      - 标题:加强人才培养\n"
        "            ^\n",
    ),
    "冒号后没空格（问题）": (
        VALID_FORM.replace("  - 人才短缺。", "  - 内容:人才短缺。"),
        "F:14:7: 错误：冒号后面要空一格：- 内容: 人才短缺。\n"
        "      - 内容:人才短缺。\n"
        "            ^\n",
    ),
    "冒号后没空格（表单没有的键）": (
        VALID_FORM.replace("年度: 2024", "年度: 2024\n备注:无"),
        "F:3:3: 错误：冒号后面要空一格：备注: 无\n"
        "    备注:无\n"
        "        ^\n",
    ),
    "少了冒号": (
        VALID_FORM.replace("年度: 2024", "年度 2024"),
        "F:2:3: 错误：“年度”后面少了冒号，应写作：年度: 2024\n"
        "    年度 2024\n"
        "        ^\n",
    ),
    "事项少了短横线（重复的键）": (
        VALID_FORM.replace("  - 标题: 加强人才培养\n",
                           "  - 标题: 加强人才培养\n    内容: 开展培训。\n    标题: 加强队伍建设\n"),
        "F:18:5: 错误：这里像是新的一项，但前面少了“- ”，所以“标题”重复了。新的一项要以“- ”开头，"
        "与第 16 行的“- ”对齐（第 3 列），改成：- 标题: 加强队伍建设\n"
        "        标题: 加强队伍建设\n"
        "        ^\n",
    ),
    "事项少了短横线（与短横线对齐）": (
        VALID_FORM.replace("  - 标题: 加强人才培养\n",
                           "  - 标题: 加强人才培养\n    内容: 开展培训。\n  标题: 加强队伍建设\n"),
        "F:18:3: 错误：这一条前面少了“- ”。列表里的每一条都要以“- ”开头，与第 16 行的“- ”对齐，"
        "改成：- 标题: 加强队伍建设\n"
        "      标题: 加强队伍建设\n"
        "      ^\n",
    ),
    "问题少了短横线": (
        VALID_FORM.replace("  - 人才短缺。\n", "  - 人才短缺。\n  经费不足。\n"),
        "F:15:3: 错误：这一条前面少了“- ”。列表里的每一条都要以“- ”开头，与第 14 行的“- ”对齐，"
        "改成：- 经费不足。\n"
        "      经费不足。\n"
        "      ^\n",
    ),
    "问题少了短横线且没缩进": (
        VALID_FORM.replace("  - 人才短缺。\n", "  - 人才短缺。\n经费不足。\n"),
        "F:15:1: 错误：这一行既不是“键: 值”，也不是以“- ”开头的一条。如果它是新的一条，请写成“- 经费不足。”，"
        "并与第 14 行的“- ”对齐；如果它接着上一条，请缩进到与上一条的文字对齐。\n"
        "    经费不足。\n"
        "    ^\n",
    ),
    "续行没缩进": (
        VALID_FORM.replace("各项工作。现总结如下。", "各项工作。\n现总结如下。"),
        "F:4:1: 错误：这一行像是接着上一行“导语”的文字，但没有缩进。接着写的行要比“导语”多缩进两格"
        "（或者直接接到上一行末尾）。\n"
        "    现总结如下。\n"
        "    ^\n",
    ),
    "续行没缩进（事项里）": (
        VALID_FORM.replace("    内容: 全年体检{{体检人数}}。", "    内容: 全年体检{{体检人数}}，\n    比上年增长。"),
        "F:13:5: 错误：这一行像是接着上一行“内容”的文字，但没有缩进。接着写的行要比“内容”多缩进两格"
        "（或者直接接到上一行末尾）。\n"
        "        比上年增长。\n"
        "        ^\n",
    ),
    "续行没缩进（退到短横线）": (
        VALID_FORM.replace("    内容: 全年体检{{体检人数}}。", "    内容: 全年体检{{体检人数}}，\n  比上年增长。"),
        "F:13:3: 错误：这一行像是接着上一行“内容”的文字，但没有缩进。接着写的行要比“内容”多缩进两格"
        "（或者直接接到上一行末尾）。\n"
        "      比上年增长。\n"
        "      ^\n",
    ),
    "值以引号开头": (
        VALID_FORM.replace("    内容: 全年", '    内容: "双减"全年'),
        "F:12:9: 错误：这一行的值以引号开头，YAML 只把这对引号里的文字当作值，后面的“全年体检{{体检人数}}”就多出来了。"
        "值以引号开头时，要把整个值放进一对引号里，改成：内容: \'\"双减\"全年体检{{体检人数}}。\'\n"
        '        内容: "双减"全年体检{{体检人数}}。\n'
        "              ^\n",
    ),
    "值以方括号开头": (
        VALID_FORM.replace("    内容: 全年", "    内容: [重点]全年"),
        "F:12:9: 错误：这一行的值以“[”开头，YAML 会把括号里的部分当成列表，后面的“全年体检{{体检人数}}”就多出来了。"
        "值以“[”或“{”开头时，要把整个值放进一对引号里，改成：内容: \'[重点]全年体检{{体检人数}}。\'\n"
        "        内容: [重点]全年体检{{体检人数}}。\n"
        "              ^\n",
    ),
    "星号占位符": (
        VALID_FORM.replace("    内容: 全年体检{{体检人数}}。", "    内容: ***名教师"),
        "F:12:9: 错误：值开头的“*”在 YAML 里有特殊含义。“***名教师”看起来是没填的占位符，请填上实际内容；"
        "如果确实要以“*”开头，请把整个值放进引号里：内容: \'***名教师\'\n"
        "        内容: ***名教师\n"
        "              ^\n",
    ),
    "值以@开头": (
        VALID_FORM.replace("    内容: 全年", "    内容: @全年"),
        "F:12:9: 错误：值不能以“@”开头（它在 YAML 里有特殊含义）。请把整个值放进一对引号里，"
        "改成：内容: \'@全年体检{{体检人数}}。\'\n"
        "        内容: @全年体检{{体检人数}}。\n"
        "              ^\n",
    ),
    "值以引用开头且有续行": (
        VALID_FORM.replace("    内容: 全年体检{{体检人数}}。", "    内容: {{体检人数}}是全年\n      体检人数。"),
        "F:12:9: 错误：这一行的值以“{”开头，YAML 会把括号里的部分当成“键: 值”，后面的“是全年”就多出来了。"
        "值以“[”或“{”开头时，要把整个值放进一对引号里，改成：内容: \'{{体检人数}}是全年\'\n"
        "        内容: {{体检人数}}是全年\n"
        "              ^\n",
    ),
    "引号没有结束": (
        VALID_FORM.replace("导语: 2024年", '导语: "2024年'),
        "F:3:5: 错误：这里开始的引号没有结束（后面找不到配对的引号）。请在值的末尾补上引号；"
        "正文里的引号最好用中文引号“”。\n"
        '    导语: "2024年，我委扎实推进各项工作。现总结如下。\n'
        "          ^\n",
    ),
    "值里有冒号加空格": (
        VALID_FORM.replace("    内容: 全年", "    内容: 时间: 全年"),
        "F:12:11: 错误：这一行的值里有“冒号加空格”，YAML 会把它当成又一个键。请改用中文冒号“：”，"
        "或者把整个值放进一对引号里：内容: \'时间: 全年体检{{体检人数}}。\'\n"
        "        内容: 时间: 全年体检{{体检人数}}。\n"
        "                  ^\n",
    ),
    "单位一行写不下": (
        VALID_FORM.replace("单位: 贡觉县卫生健康委员会", '单位: "贡觉县卫生健康委员会\\n- 办公室"'),
        "F:1:5: 错误：“单位”：只能写一行，请去掉其中的换行。\n"
        '    单位: "贡觉县卫生健康委员会\\n- 办公室"\n'
        "          ^\n",
    ),
    "事项标题一行写不下": (
        VALID_FORM.replace("  - 标题: 开展健康体检", '  - 标题: "开展健康体检\\n# 标题"'),
        "F:11:9: 错误：“工作开展情况 第1项 标题”：只能写一行，请去掉其中的换行。\n"
        '      - 标题: "开展健康体检\\n# 标题"\n'
        "              ^\n",
    ),
}
CASES.update(SLIPS)


@pytest.mark.parametrize("name", list(CASES))
def test_form_error_message_is_pinned(name: str, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text, expected = CASES[name]
    path = form_file(text)
    result = check(gen, path)
    assert result.code == 1
    assert result.out == ""
    assert first_error(result.err, path) == expected


def test_all_errors_are_reported_at_once(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    text = (VALID_FORM.replace("年度: 2024", "年度: 1999")
            .replace("导语:", "导言:")
            .replace("2025-01-07", "2025-13-01"))
    path = form_file(text)
    result = check(gen, path)
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if line.startswith(str(path))]
    assert [line.split(": ")[0].replace(str(path), "F") for line in lines] == ["F:2:5", "F:3:1", "F:17:5"]
    assert "超出了允许范围（不小于 2000）" in lines[0]
    assert "月份只能是 1 到 12" in lines[2]


@pytest.mark.parametrize("encoding,label", [("gb18030", "GB18030"), ("utf-16", "UTF-16"),
                                            ("utf-8-sig", None)])
def test_other_encodings_are_read(encoding: str, label: str | None, gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(encoding=encoding)
    result = check(gen, path)
    assert result.code == 0, result.err
    assert result.out == f"{path}：表单填写正确。\n"
    if label:
        assert result.err == (f"{path}: 提示：文件是按 {label} 编码保存的，已自动识别并读取。"
                              "建议另存为 UTF-8 编码，以便在其他电脑上打开时不出乱码。\n")
    else:
        assert result.err == ""


def test_empty_file(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file("")
    result = check(gen, path)
    assert result.code == 1
    assert result.err == f"{path}:1: 错误：表单文件是空的。可以运行 gen init 生成一份带说明的空白表单。\n"


def test_comments_only(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file("# 只有注释\n")
    result = check(gen, path)
    assert result.code == 1
    assert "表单里没有任何内容（只有注释或空行）" in result.err


def test_binary_file(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file("")
    path.write_bytes(bytes(range(256)) * 8)
    result = check(gen, path)
    assert result.code == 1
    assert result.err == (f"{path}:1:1: 错误：表单.yaml 不是文本文件（看起来是二进制数据，从这里起有不是文字的字节 0x00），"
                          "无法作为表单读取。请用记事本、WPS 或 VS Code 打开 .yaml 表单，确认选对了文件。\n")


def test_binary_garbage_inside_text_is_located(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    """文字里夹了一大段控制字符：仍说“不是文本文件”，但指出从哪一行哪一列开始。"""
    path = form_file("")
    path.write_bytes("单位: 贡觉县\n年度: 20".encode() + bytes(range(1, 32)) * 4 + b"\n")
    result = check(gen, path)
    assert result.code == 1
    assert result.err.startswith(f"{path}:2:7: 错误：表单.yaml 不是文本文件（看起来是二进制数据，从这里起有不是文字的字节 0x01）")


def test_single_nul_byte_is_an_invisible_character(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    """一个 NUL 字节混在正常的表单里：按看不见的控制字符报出行列，而不是“不是文本文件”。"""
    path = form_file(VALID_FORM.replace("开展健康体检", "开展健康\x00体检"))
    result = check(gen, path)
    assert result.code == 1
    assert "不是文本文件" not in result.err
    assert result.err.startswith(f"{path}:11:13: 错误：这里有一个看不见的控制字符（U+0000）"), result.err


def test_too_large(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file("单位: x\n" * 700_000)
    result = check(gen, path)
    assert result.code == 1
    assert "超过 5 MB 上限" in result.err


def test_missing_file(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "没有这个文件.yaml"
    result = check(gen, path)
    assert result.code == 1
    assert result.err == f"{path}: 错误：找不到表单文件：{path}。请检查文件名和所在文件夹。\n"


def test_top_level_list(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file("- 单位\n- 年度\n")
    result = check(gen, path)
    assert result.code == 1
    assert "表单的最外层应该是若干“键: 值”" in result.err


def test_typed_numbering_is_removed_with_warning(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM.replace("标题: 开展健康体检", "标题: （一）开展健康体检"))
    result = gen("report", str(path), "-f", "md")
    assert result.code == 0
    assert first_error(result.err, path) == (
        "F:11:9: 警告：开头的“（一）”已去掉：序号由 gen 自动编排，不用手写。\n"
        "      - 标题: （一）开展健康体检\n"
        "              ^\n")
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "**（一）开展健康体检**。" in markdown
    assert "（一）（一）" not in markdown


def test_debug_shows_traceback_only_with_flag(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM.replace("年度: 2024", "年度: 二〇二四"))
    plain = gen("check", str(path))
    debug = gen("--debug", "check", str(path))
    assert "Traceback" not in plain.err
    assert "Traceback" in debug.err
    assert plain.code == debug.code == 1
