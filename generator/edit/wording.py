"""编辑页面上的说法：不出现命令行的词（-o、--force、“运行：gen report …”、“命令行”）。

检查、生成、写盘的消息与命令行共用（一字不差的规则只写一次），其中给命令行用户的办法（“请用 -o 另起一个文件名”）
在页面上换成页面上能做的事（“另存为”“把表单放到可以写入的文件夹里”）。:func:`for_page` 先按下面的对照表改写，
剩下仍带命令行词的分句整句去掉；服务器发给页面的每个 ``error``、``message``、``hint`` 都经过它（``app.page_json``）。
``tests/edit/test_edit_wording.py`` 把下层所有带命令行词的消息都过一遍，断言改写后一个不剩。
"""

from __future__ import annotations

import re
from typing import Any

# 命令行的词：选项（-o、-f、--force、--指标表格）、“命令行”、gen 的子命令、终端里的安装命令
CLI_WORDS = re.compile(
    r"(?<![\w.+/])--?[A-Za-z\u4e00-\u9fff]|命令行|PowerShell|sudo |apt install|"
    r"(?<![A-Za-z])gen\s+(?:report|check|init|edit|import|rollup|batch|doctor|template|schema)\b|\bgen-edit\b")

_RULES: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern), replacement) for pattern, replacement in [
    (r"请用 -o 另起一个文件名（如 -o ([^）]+)），或先把原来的文件改名；确定要覆盖它，请加 --force。",
     r"请另存为一个新的文件名（如 \1），或先把原来的文件改名。"),
    (r"请用 -o 写到别的文件夹，例如桌面或“文档”。",
     "请把表单复制到可以写入的文件夹（例如桌面或“文档”）里，再从那里打开。"),
    (r"请用 -o 给一个短一些的文件名。", "请另存为一个短一些的文件名，或把表单改成短一些的名字。"),
    (r"请用 -o 指定别的文件名（如 -o ([^）]+)）", r"请另存为别的文件名（如 \1）"),
    (r"请用 -o (?:指定|换一个输出|换一个)(?:别的)?文件名。", "请另存为别的文件名。"),
    (r"或用 -o 写到别的文件名。", "或另存为别的文件名。"),
    (r"（加了 --force 也不行）", ""),
    (r"（-f docx）", ""),
    (r"），或运行 sudo apt install ([\w-]+)（[^）]*）", r"；统信 UOS、麒麟等请让管理员安装 \1）"),
    (r"，?或运行 sudo apt install ([\w-]+)（[^）]*）", r"（统信 UOS、麒麟等请让管理员安装 \1）"),
    (r"gen report 生成时", "生成时"),
    (r"[，；]?再?运行：gen \w+(?: 或 gen \w+)?(?: [^；。，\s]+)?", ""),
    (r" ?gen import 在原文里没有找到", "导入时在原文里没有找到"),
    (r"可以运行 gen init 生成一份带说明的空白表单。", "可以打开表单所在的文件夹，在页面上新建一份带说明的空白表单。"),
    (r"可以运行 gen init --指标表格 指标\.xlsx 生成一份样表。", "表格的写法见使用说明的“指标表格”一节。"),
    (r"请检查路径，或用 gen template new 新建一套模板。", "请检查表单里“模板”写的路径。"),
    (r"请用 gen template list 看有哪些模板，或用 gen template new \S+ 新建。",
     "请检查表单里“模板”写的名字，或把这套模板放进表单旁边的“模板”文件夹。"),
    (r"（gen template check 可以先检查一遍）", ""),
    (r"，?gen init 不会覆盖它", "，不会覆盖它"),
    (r"gen edit 启动时显示的", "编辑程序启动时显示的"),
]]
_CLAUSE = re.compile(r"[^。；;]*(?:[。；;]|$)")


def for_page(message: str) -> str:
    """给页面看的说法：按对照表改写，仍带命令行词的分句去掉（整句都是时只去掉那几个词）。"""
    if not CLI_WORDS.search(message):
        return message
    for pattern, replacement in _RULES:
        message = pattern.sub(replacement, message)
    if not CLI_WORDS.search(message):
        return message
    kept = "".join(clause for clause in _CLAUSE.findall(message) if clause and not CLI_WORDS.search(clause)).strip()
    if kept:
        message = kept[:-1] + "。" if kept.endswith(("；", ";")) else kept
    while CLI_WORDS.search(message):  # 去掉一处可能露出另一处（“-c-c”）：去到没有为止，每次至少短一个字
        message = CLI_WORDS.sub("", message)
    return message


_KEYS = ("error", "message", "hint")


def page_json(data: Any) -> Any:
    """把要发给页面的 JSON 里每个 ``error``、``message``、``hint`` 换成页面上的说法（表单文字等别的键不动）。"""
    if isinstance(data, dict):
        return {key: for_page(value) if key in _KEYS and isinstance(value, str) else page_json(value)
                for key, value in data.items()}
    if isinstance(data, list):
        return [page_json(item) for item in data]
    return data
