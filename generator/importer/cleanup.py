"""清理：去掉网页边框文字（面包屑、发布时间、点击量……）、Markdown 标记，接上被分页打断的段落。"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CHROME = [
    re.compile(p) for p in (
        r"^(您?当前的?位置|当前位置)\s*[:：]",
        r"^(首页\s*[>›»]|.*[>›»]\s*$)",
        r"(发布时间|发布日期|时间)\s*[:：]\s*\d{4}",
        r"(点击量|浏览量|阅读量|访问量|浏览次数)\s*[:：]?",
        r"^\S*\s*\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}.*来源",
        r"^来源\s*[:：]",
        r"放大\s*正常\s*缩小",
        r"^字体\s*[:：]?\s*[大中小]",
        r"^(推荐访问|相关推荐|相关阅读|上一篇|下一篇|责任编辑|分享到)",
        r"^(关闭|打印|下载)(\s*(关闭|打印|下载|本页|窗口))+",
        r"下面是小编为大家整理的",
        r"^[【\[]?(完整版|精选|范文|最新)[】\]]?$",
        r"^[\u4e00-\u9fa5]{1,3}\d{6,}$",  # 索引号，如 中卫2024124
        r"^(索引号|发文机关|主题分类|文号)\s*[:：]",
    )
]
_INLINE_CHROME = [re.compile(p) for p in (r"\s*当前隐藏内容免费查看\s*", r"【完整版】")]
_TERMINAL = "。！？；：…”’）)》」』!?;:"
_MARKERS = re.compile(
    r"^(>+\s*)?(#{1,6}\s*)?(\*\*)?\s*("
    r"[一二三四五六七八九十]+\s*[、.．]"
    r"|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]"
    r"|\d{1,2}\s*[、.．](?!\d)"
    r"|[一二三四五六七八九十]+是"
    r")")


@dataclass
class Cleaned:
    paragraphs: list[str]
    dropped: list[str] = field(default_factory=list)


def is_chrome(line: str) -> bool:
    return any(p.search(line) for p in _CHROME)


def strip_markup(line: str) -> str:
    """去掉 Markdown 标题符号、引用符号、加粗星号。"""
    line = re.sub(r"^>+\s*", "", line)
    line = re.sub(r"^#{1,6}\s+", "", line)
    line = line.replace("****", "")  # 两段加粗紧挨着：“**（六）……。****一**是”
    line = re.sub(r"(?<!\*)\*\*(?!\*)(.+?)(?<!\*)\*\*(?!\*)", r"\1", line)  # 加粗；“党***”这类原文不动
    for pattern in _INLINE_CHROME:
        line = pattern.sub("", line)
    return line.strip()


def starts_with_marker(line: str) -> bool:
    return bool(_MARKERS.match(line))


def clean(lines: list[str]) -> Cleaned:
    """返回去掉边框文字、接好断行的段落（不再有空段落）。"""
    dropped: list[str] = []
    kept: list[tuple[str, bool]] = []  # (文字, 前面是否有空行)
    gap = True
    for raw in lines:
        if not raw.strip():
            gap = True
            continue
        if is_chrome(raw):
            dropped.append(raw.strip())
            continue
        text = strip_markup(raw)
        if not text:
            continue
        kept.append((text, gap))
        gap = False
    merged: list[str] = []
    for text, _ in kept:
        if merged and _continues(merged[-1], text):
            merged[-1] += text
        else:
            merged.append(text)
    return Cleaned(paragraphs=merged, dropped=dropped)


def _continues(previous: str, text: str) -> bool:
    """分页把一句话断成两段：上一段没有结尾标点、像正文（较长或以“是”结尾），这一段不是新的层次。"""
    if not previous or previous[-1] in _TERMINAL or starts_with_marker(text):
        return False
    if not ("\u4e00" <= previous[-1] <= "\u9fff" or previous[-1] in "，、,"):
        return False  # 以数字、% 结尾多半是漏了标点的完整句子，不是被分页打断
    if len(text) <= 30 and text[-1] not in _TERMINAL:
        return False  # 下一段像标题
    if re.fullmatch(r"[\d年月日\s]+", text) or re.fullmatch(r"[\d年月日\s]+", previous):
        return False
    body_like = len(previous) >= 40 or re.search(r"[一二三四五六七八九十]+是$", previous) is not None
    return body_like
