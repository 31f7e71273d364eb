"""清理：去掉网页边框文字（面包屑、发布时间、点击量……）、Markdown 标记，接上被分页打断的段落。

两条保护正文的规则：
- 有正文结构的段落（以序号开头，或有两句以上）绝不当作网页文字去掉，即使里面有“阅读量”“发布时间”这类词；
- 文末的“相关推荐：”“相关阅读”之后是推荐链接，连同“【打印本页】【关闭窗口】”一起去掉，直到再遇到有正文结构的段落。
去掉的每一行都记在 :attr:`Cleaned.dropped` 里，导入时列给办事员看。

每个清理后的段落都记着它来自原文的哪几行（:attr:`Cleaned.origins`），gen check 据此报告真实的行号、列号。
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..form.numbering import chinese_value

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
        r"^(推荐访问|相关推荐|相关阅读|相关链接|推荐阅读|上一篇|下一篇|责任编辑|分享到)",
        r"^(关闭|打印|下载)(\s*(关闭|打印|下载|本页|窗口))+",
        r"^(\s*[【\[［]\s*(打印本页|关闭窗口|打印|关闭|返回顶部|收藏本页|加入收藏|分享|纠错)\s*[】\]］])+\s*$",
        r"下面是小编为大家整理的",
        r"^[【\[]?(完整版|精选|范文|最新)[】\]]?$",
        r"^[\u4e00-\u9fa5]{1,3}\d{6,}$",  # 索引号，如 中卫2024124
        r"^(索引号|发文机关|主题分类|文号)\s*[:：]",
    )
]
# 两边的空白限定长度：不限长的 \s* 在一长串空白上是平方级（模糊测试发现）
_INLINE_CHROME = [re.compile(p) for p in (r"[ \t\u3000]{0,20}当前隐藏内容免费查看[ \t\u3000]{0,20}", r"【完整版】")]
_TERMINAL = "。！？；：…”’）)》」』!?;:"
_MARKERS = re.compile(
    r"^(>+\s*)?(#{1,6}\s*)?(\*\*)?\s*("
    r"[一二三四五六七八九十]+\s*[、.．]"
    r"|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]"
    r"|\d{1,2}\s*[、.．](?!\d)"
    r"|[一二三四五六七八九十]+是"
    r")")


# 文末推荐链接区的开头：其后的短行（链接标题）都是网页文字
_TRAILER = re.compile(r"^(相关推荐|相关阅读|相关链接|推荐阅读|相关文章|猜你喜欢|热点推荐)\s*[:：]?")
_SENTENCE_END = re.compile(r"[。！？!?]")

# (在清理后段落里的起点, 原文段落的序号（从 0 起；文本文件里就是行号 - 1）, 这块文字前面原文行里还有几个字)
# 第三项通常是 0；同一行拆成标题和正文时，正文那块跳过标题
Origin = tuple[int, int, int]


@dataclass
class Cleaned:
    paragraphs: list[str]
    dropped: list[str] = field(default_factory=list)
    origins: list[list[Origin]] = field(default_factory=list)  # 与 paragraphs 一一对应


def has_body_structure(line: str) -> bool:
    """像正文：以序号开头（一、（一）1. 一是），或有两句以上。这样的段落不是网页文字。"""
    text = line.strip()
    return starts_with_marker(text) or len(_SENTENCE_END.findall(text.rstrip("。！？!? "))) >= 1


def is_chrome(line: str) -> bool:
    return not has_body_structure(line) and any(p.search(line) for p in _CHROME)


def strip_markup(line: str) -> str:
    """去掉 Markdown 标题符号、引用符号、加粗星号。"""
    return _stripped(line)[0]


def _stripped(line: str) -> tuple[str, list[tuple[int, int]]]:
    """:func:`strip_markup`，另外给出行内去掉的网页文字：(在结果里的位置, 去掉了几个字)，
    好让 gen check 把后面的问题指回原文的列。"""
    line = re.sub(r"^>+\s*", "", line)
    line = re.sub(r"^#{1,6}\s+", "", line)
    line = line.replace("****", "")  # 两段加粗紧挨着：“**（六）……。****一**是”
    # 加粗；“党***”这类原文不动。加粗的文字里不含“*”：每个开头最多扫到下一个“*”，整行是线性的
    line = re.sub(r"(?<!\*)\*\*([^*]+)\*\*(?!\*)", r"\1", line)
    gaps: list[tuple[int, int]] = []
    for pattern in _INLINE_CHROME:
        pieces: list[str] = []
        last = 0
        for match in pattern.finditer(line):
            pieces.append(line[last: match.start()])
            gaps.append((sum(map(len, pieces)), match.end() - match.start()))
            last = match.end()
        line = "".join(pieces) + line[last:] if pieces else line
    lead = len(line) - len(line.lstrip())
    return line.strip(), [(max(0, at - lead), length) for at, length in sorted(gaps)]


def starts_with_marker(line: str) -> bool:
    return bool(_MARKERS.match(line))


def clean(lines: list[str]) -> Cleaned:
    """返回去掉边框文字、接好断行的段落（不再有空段落），以及每段来自原文哪几行。"""
    dropped: list[str] = []
    kept: list[tuple[str, int, list[tuple[int, int]]]] = []  # (文字, 原文序号, 行内去掉的文字)
    trailer = False
    for index, raw in enumerate(lines):
        if not raw.strip():
            continue
        if trailer and (has_body_structure(raw) or len(raw.strip()) > 40):
            trailer = False  # 推荐链接之后又出现了正文
        if trailer or is_chrome(raw):
            dropped.append(raw.strip())
            trailer = trailer or bool(_TRAILER.match(raw.strip()))
            continue
        text, gaps = _stripped(raw)
        if not text:
            continue
        kept.append((text, index, gaps))
    merged: list[str] = []
    origins: list[list[Origin]] = []
    level1 = 1  # 下一个一级标题应有的序号：只拆序号接得上的，正文里“一、……”式的列举不拆
    for text, index, gaps in kept:
        if merged and _continues(merged[-1], text):
            origins[-1] += _with_gaps(len(merged[-1]), index, gaps)
            merged[-1] += text
            continue
        parts = split_inline_heading(text, level1)
        for part in parts:
            merged.append(part)
            origins.append(_with_gaps(0, index, gaps) if len(parts) == 1
                           else [(0, index, text.find(part) if part is not parts[0] else 0)])
        level1 = _next_level1(parts[0], level1)
    return Cleaned(paragraphs=merged, dropped=dropped, origins=origins)


def _with_gaps(begin: int, index: int, gaps: list[tuple[int, int]]) -> list[Origin]:
    """一行原文在段落里的几块：行内每去掉一段网页文字，后面的字在原文里就往后挪这么多。"""
    pieces: list[Origin] = [(begin, index, 0)]
    removed = 0
    for at, length in gaps:
        removed += length
        pieces.append((begin + at, index, at + removed))
    return pieces


_LEVEL1 = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]\s*(.*)$")


def _next_level1(text: str, current: int) -> int:
    match = _LEVEL1.match(text)
    if match and len(match.group(2)) <= 40:
        return chinese_value(match.group(1)) + 1
    return current


# 一级标题和正文写在同一行：“二、获得荣誉和奖励:1.……”→ 标题“二、获得荣誉和奖励”，正文另起一段
_INLINE_HEADING = re.compile(r"^([一二三四五六七八九十]+\s*[、.．]\s*[^。；;，,：:、]{2,30})[：:]\s*(\S.*)$")


# 较长的一段以“三、加强培训。”开头：句号前的短语是标题（短的一段整段是标题，由结构识别处理）
_INLINE_HEADING_PERIOD = re.compile(r"^([一二三四五六七八九十]+\s*[、.．]\s*[^。；;，,：:、]{2,20})。\s*(\S.*)$")


def split_inline_heading(text: str, expected: int | None = None) -> list[str]:
    """拆开同一行的一级标题和正文；给了 ``expected`` 时，只拆序号正好是它的（接得上前一个一级标题）。"""
    match = _INLINE_HEADING.match(text)
    if match is None and len(text) > 40:
        match = _INLINE_HEADING_PERIOD.match(text)
    if match is None:
        return [text]
    number = _LEVEL1.match(text)
    if expected is not None and number is not None and chinese_value(number.group(1)) != expected:
        return [text]
    return [match.group(1).rstrip(), match.group(2)]


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
