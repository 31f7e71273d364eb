"""从清理好的段落识别报告结构，得到表单字典（中文键，与 gen report 的表单相同）。

识别规则：
- 标题：开头几段里同时含单位和年份、含“总结”或“计划”的最后一段；从中读出 单位、年度、类型
  （季度工作总结还有季度，专项工作总结还有主题，见 :mod:`.kinds`）。
- 一级标题（一、 一. 或漏了序号的短行）按意思归类：成绩类 → 工作开展情况；问题类 → 存在的问题；
  计划类 → 下一步工作计划；基本情况 → 基本情况；其余 → 其他章节。
  工作开展情况之前、标题之后的段落是导语。像种子 001 那样成绩分成好几个一级标题时，
  每个成绩类一级标题成为“工作开展情况”的一个事项，它下面的（一）（二）成为子项。
- （一）(一)（一）、 开头的段落是二级事项，第一个句号前是小标题；1. 1、 是子项，（1）是再下一层。
- 事项正文整段是“一是……二是……”时转成要点。
- 末尾的单位名和日期是署名、日期；计划之后的无序号段落是结束语。
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..form.dates import iso_date
from ..form.numbering import CN_NUMERAL, chinese_value, strip_end_punctuation
from ..form.organ import split_organ
from ..form.periods import quarter_name
from .kinds import QUARTER_IN_TITLE, special_topic, title_quarter

L1 = re.compile(rf"^\s*({CN_NUMERAL})\s*[、.．,，]\s*(.*)$")
L2 = re.compile(rf"^\s*[（(]\s*({CN_NUMERAL})\s*[）)]\s*[、.．]?\s*(.*)$")
L3 = re.compile(r"^\s*(\d{1,2})\s*[、.．](?!\d)\s*(.*)$")
L4 = re.compile(r"^\s*[（(]\s*(\d{1,2})\s*[）)]\s*[、.．]?\s*(.*)$")
POINT = re.compile(rf"({CN_NUMERAL})是")
YEAR = re.compile(r"(20\d{2})\s*年?")
UNIT_END = re.compile(r"(局|委|委员会|院|府|办|中心|站|所|厅|部|处|科|队|社|会|公司)$")

ACHIEVE = ("工作开展情况", "主要工作", "工作总结", "落实情况", "做法", "成效", "工作情况", "年工作", "取得",
           "季度工作")
PROBLEM = ("问题", "不足", "短板", "困难")
PLAN = ("计划", "工作思路", "工作安排", "打算", "下一步", "下步", "展望")


@dataclass
class Section:
    heading: str
    marked: bool
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Parsed:
    form: dict[str, Any]
    notes: list[str] = field(default_factory=list)  # 给办事员的提示（中文）
    comments: list[tuple[tuple[str | int, ...], str]] = field(default_factory=list)  # 写在表单里某一处的注释
    unplaced: list[str] = field(default_factory=list)
    original_title: str = ""
    level1_count: int = 0
    level2_count: int = 0


def classify(heading: str) -> str:
    if "基本情况" in heading:
        return "基本情况"
    if any(word in heading for word in PROBLEM):
        return "存在的问题"
    if any(word in heading for word in PLAN) and "工作总结" not in heading:
        return "下一步工作计划"
    if any(word in heading for word in ACHIEVE):
        return "工作开展情况"
    return "其他"


def _is_title(text: str) -> bool:
    return len(text) <= 60 and ("总结" in text or "计划" in text) and not text.endswith("。")


def parse_title(title: str) -> tuple[str, int | None, str]:
    """从标题读出 单位、年度、类型。"""
    unit, year, kind, _ = title_parts(title)
    return unit, year, kind


def title_parts(title: str) -> tuple[str, int | None, str, str]:
    """从标题读出 单位、年度、类型和话题：“某旗卫生健康委员会2022年卫生健康工作总结”→
    (某旗卫生健康委员会, 2022, 年度工作总结, 卫生健康工作)；“2022年某局卫生健康工作总结”同样。"""
    compact = re.sub(r"\s+", "", title)
    kind = "年度工作总结"
    if title_quarter(compact):
        kind = "季度工作总结"
        compact = QUARTER_IN_TITLE.sub("", compact, count=1)  # 单位、话题里不带“第一季度”
    elif "上半年" in compact or "半年" in compact:
        kind = "半年工作总结"
    elif "计划" in compact and "总结" in compact:
        kind = "工作总结和工作计划"
    match = YEAR.search(compact)
    year = int(match.group(1)) if match else None
    unit = compact[: match.start()] if match else re.sub(r"(工作总结|工作计划).*$", "", compact)
    if not unit and match:  # “2024年XX局工作总结”
        unit = re.sub(r"^(度|上半年|年度)?", "", compact[match.end():])
        unit = re.split(r"(?:20\d{2}|工作总结|上半年|年度|工作计划)", unit)[0]
    unit, topic = split_organ(unit.strip("，,、 "))
    after = re.sub(r"^(?:度|年度|上半年|半年)", "", compact[match.end():]) if match else ""
    named = re.match(r"^(.*?)(?:工作)?(?:总结|计划)", after)
    if not topic and named and named.group(1) and not named.group(1).startswith(unit or "\0"):
        topic = named.group(1)  # “某局2022年卫生健康工作总结”：年份之后、“工作总结”之前
    if topic and not topic.endswith("工作") and topic + "工作" in compact:
        topic += "工作"
    return unit.strip("，,、 "), year, kind, topic.strip("，,、 ")


def title_kind(title: str) -> tuple[str, str, str, int | None]:
    """标题 → (类型, 话题, 主题, 季度)：话题是单位之外、“工作总结”之前的词；它是一个专项主题时类型为
    专项工作总结（规则见 :mod:`.kinds`）。"""
    unit, _, kind, topic = title_parts(title)
    quarter = title_quarter(re.sub(r"\s+", "", title)) if kind == "季度工作总结" else None
    subject = special_topic(unit, topic) if kind == "年度工作总结" and topic else None
    if subject:
        return "专项工作总结", topic, subject, None
    return kind, topic, "", quarter


def derived_title(unit: str, year: int, kind: str, subject: str = "", quarter: int | None = None) -> str:
    if kind == "专项工作总结":
        return f"{unit}{year}年{subject}工作总结"
    if kind == "季度工作总结" and quarter:
        return f"{unit}{year}年{quarter_name(quarter)}工作总结"
    if kind == "半年工作总结":
        return f"{unit}{year}年上半年工作总结"
    if kind == "工作总结和工作计划":
        return f"{unit}{year}年工作总结和{year + 1}年工作计划"
    return f"{unit}{year}年度工作总结"


def parse_date(text: str) -> str | None:
    """报告末尾的日期行 → 2026-01-09；规则与表单的“日期”相同（generator.form.dates）。"""
    return iso_date(text)


def looks_like_date(text: str) -> bool:
    compact = re.sub(r"\s+", "", text)
    return bool(re.fullmatch(r"\d{4}[年\-./]?\d{0,2}[月\-./]?\d{0,2}日?", compact)) and len(compact) >= 5


def split_heading(text: str) -> tuple[str, str]:
    """行内小标题：第一个句号（或冒号）之前；没有句号时整段是标题。"""
    match = re.search(r"[。：:]", text)
    if not match:
        return strip_end_punctuation(text), ""
    return strip_end_punctuation(text[: match.start()]), text[match.end():].strip()


def split_points(text: str) -> tuple[str, list[str]] | None:
    """整段是“（引言）一是……；二是……”时返回 (引言, 要点)，否则 None。"""
    starts: list[int] = []
    expected = 1
    for match in POINT.finditer(text):
        at_boundary = match.start() == 0 or text[match.start() - 1] in "。；;，,：:"
        if chinese_value(match.group(1)) == expected and at_boundary:
            starts.append(match.start())
            expected += 1
    if len(starts) < 2:
        return None
    intro = text[: starts[0]]
    points = [strip_end_punctuation(text[a:b].strip()) for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    points = [POINT.sub("", p, count=1).lstrip("，,：:") for p in points]
    return intro.strip(), [p for p in points if p]


def make_item(text: str, following: list[str]) -> dict[str, Any]:
    """一段（一）……加上紧随其后的无序号段落 → 事项。"""
    title, rest = split_heading(text)
    following = [p for p in following if p]
    if not title and not rest and following:  # 序号单独占一行（“（一）”），小标题在下一段
        title, rest = split_heading(following[0])
        following = following[1:]
    paragraphs = [p for p in [rest, *following] if p]
    item: dict[str, Any] = {"标题": title}
    if len(paragraphs) == 1:
        points = split_points(paragraphs[0])
        if points is not None:
            intro, items = points
            if intro:
                item["内容"] = intro
            item["要点"] = items
            return item
    if paragraphs:
        item["内容"] = "\n\n".join(paragraphs)
    return item
