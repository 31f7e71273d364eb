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
from ..form.organ import ORGAN_END, split_organ
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


# 作为正式公文报上级的总结，标题常写成报告：“某某县卫生健康委员会关于2024年度工作情况的报告”
_REPORT_TITLE = re.compile(r"^(?P<unit>\S+?)关于(?P<rest>\S*?20\d{2}\S*?(?:工作|情况)\S*?)的报告$")


def _is_title(text: str) -> bool:
    if len(text) <= 60 and _REPORT_TITLE.match(re.sub(r"\s+", "", text)):
        return True
    return len(text) <= 60 and ("总结" in text or "计划" in text or "述职" in text) and not text.endswith("。")


def parse_title(title: str) -> tuple[str, int | None, str]:
    """从标题读出 单位、年度、类型。"""
    unit, year, kind, _ = title_parts(title)
    return unit, year, kind


def title_parts(title: str) -> tuple[str, int | None, str, str]:
    """从标题读出 单位、年度、类型和话题：“某旗卫生健康委员会2022年卫生健康工作总结”→
    (某旗卫生健康委员会, 2022, 年度工作总结, 卫生健康工作)；“2022年某局卫生健康工作总结”同样。"""
    compact = re.sub(r"\s+", "", title)
    report = _REPORT_TITLE.match(compact)
    if report:  # “某局关于2024年度工作情况的报告”：单位在“关于”之前
        unit, topic = split_organ(report["unit"])
        year_found = YEAR.search(report["rest"])
        return unit, int(year_found.group(1)) if year_found else None, \
            "半年工作总结" if "半年" in report["rest"] else "年度工作总结", topic
    kind = "年度工作总结"
    if "计划" in compact and "总结" not in compact:  # “2025年第一季度工作计划”也是工作计划，不是季度总结
        kind = "工作计划"
    elif title_quarter(compact):
        kind = "季度工作总结"
        compact = QUARTER_IN_TITLE.sub("", compact, count=1)  # 单位、话题里不带“第一季度”
    elif "上半年" in compact or "半年" in compact:
        kind = "半年工作总结"
    elif "计划" in compact:
        kind = "工作总结和工作计划"
    match = YEAR.search(compact)
    year = int(match.group(1)) if match else None
    if "述职" in compact:  # “述职报告”“2024年度述职报告”：单位、述职人在标题下面一行（parse_subtitle）
        return "", year, "述职报告", ""
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
    if kind == "述职报告":
        return "述职报告"
    if kind == "工作计划":
        return f"{unit}{year}年工作计划"
    if kind == "专项工作总结":
        return f"{unit}{year}年{subject}工作总结"
    if kind == "季度工作总结" and quarter:
        return f"{unit}{year}年{quarter_name(quarter)}工作总结"
    if kind == "半年工作总结":
        return f"{unit}{year}年上半年工作总结"
    if kind == "工作总结和工作计划":
        return f"{unit}{year}年工作总结和{year + 1}年工作计划"
    return f"{unit}{year}年度工作总结"


_SUBTITLE = re.compile(r"^(?:(\S{2,40}?)[\s\u3000]+)?([\u4e00-\u9fff·]{2,5})$")


def parse_subtitle(text: str) -> tuple[str, str, str] | None:
    """述职报告标题下面的一行“贡觉县卫生健康委员会主任　张明”→ (单位, 职务, 述职人)；不像时 None。"""
    match = _SUBTITLE.match(text.strip())
    if match is None:
        return None
    head = match.group(1) or ""  # 只写了姓名（表单没有职务时）：单位、职务请补写
    # 职务也常以机关名称的字开头或结尾（局长、院长、党委书记）：取第一个后面跟着职务写法的机关名称结尾
    cut = next((m.end() for m in re.finditer(ORGAN_END, head) if head[m.end():].startswith(_POSTS)), None)
    unit, post = (head[:cut], head[cut:]) if cut else split_organ(head)
    return unit, post, match.group(2)


_POSTS = ("党组", "党委", "党总支", "党支部", "副", "主任", "书记", "局长", "院长", "所长", "站长", "主席", "部长",
          "处长", "科长", "队长", "社长", "厅长", "委员", "调研员", "负责人", "总", "一级", "二级", "三级", "四级")


# 工作计划、述职报告的一级标题 → 表单的键（按顺序找第一个含有其中某个词的；都不含的是其他章节）
KIND_HEADINGS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "工作计划": (("总体要求", ("总体要求", "指导思想", "总体思路", "目标")), ("保障措施", ("保障",)),
               ("下一步工作计划", ("任务", "重点", "工作", "计划"))),
    "述职报告": (("学习", ("学习",)), ("廉洁", ("廉洁", "廉政", "纪律")), ("存在的问题", ("不足", "问题")),
               ("下一步工作计划", ("打算", "计划", "努力方向", "下一步")),
               ("工作开展情况", ("履职", "尽责", "工作", "职责"))),
}


def kind_key(kind: str, heading: str) -> str:
    return next((key for key, words in KIND_HEADINGS[kind] if any(w in heading for w in words)), "其他")


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
