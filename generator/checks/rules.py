"""逐段文字的检查规则。每条规则返回 (代码, 严重程度, 起点, 终点, 消息, 改法)。

| 代码 | 程度 | 检查什么 |
|---|---|---|
| GEN101 | 错误 | 没填的占位符：xx、X月X日、***、占着数字的“……”、【】、（）、待补充、请补写、TODO、残留的 {{ }} |
| GEN201 | 错误 | 同比增长率算错（重新计算并给出正确写法，指出“用上期除以本期”的典型错误） |
| GEN202 | 错误 | 两个率之间的变化写成“增长X%”（含“由A%提高到B%，增长C%”“率B%，比上年增长C%”） |
| GEN203 | 错误 | 写出的完成率与前后的数字对不上 |
| GEN204 | 错误 | “共X人，其中Y人”里部分比总数还大 |
| GEN301 | 错误 | “一是、二是……”跳号、重号或顺序颠倒 |
| GEN303 | 警告 | 半角括号序号“(一)”，或“（一）、”多了顿号 |
| GEN306 | 警告 | 夹在汉字之间的半角标点 , ; : ? ! ( )（只查写好的报告；gen report 生成时自动改成全角） |
| GEN401 | 警告 | “××率”后面的数字没有 % 或 ‰ |
| GEN402 | 警告 | 全角数字（１２３） |
| GEN403 | 警告 | 正文数字用了千位分隔符（1,234） |
| GEN404 | 警告 | “3亿4500万”这类混写 |
| GEN405 | 提示 | 计量单位前用了汉字数字（二十五次），应写阿拉伯数字；三家、两项这类数量短语不报 |
| GEN501 | 警告 | 正文里出现比“年度”晚一年以上的年份（计划部分说的是下一年，再往后放一年） |
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..errors import Severity
from ..form.numbering import CN_NUMERAL, chinese_number, chinese_value
from ..indicators.figures import format_number, growth_wording

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Hit:
    code: str
    severity: Severity
    start: int
    end: int
    message: str
    fix: str | None = None


# ---------------------------------------------------------------- GEN101 占位符

_PLACEHOLDERS = [
    (re.compile(r"(?<![A-Za-z\d])(?:[xX]{1,3}|×{1,3}|＊{2,})(?![A-Za-z光射线])"), "“{0}”像是没填的占位符"),
    (re.compile(r"\*{3,}"), "“{0}”像是没填或被屏蔽的内容"),
    (re.compile(r"【\s*】|（\s*）|\(\s*\)|〔\s*〕"), "“{0}”里是空的，像是漏填了内容"),
    (re.compile(r"待补充|待填写|此处填写|请填写|请补写|TODO|FIXME|待定数据"), "“{0}”：这里还没有填写"),
    # “全年体检……人”“……%”：省略号占着数字的位置；句末的“……”、“等等……”是正常的省略，不报
    (re.compile(r"(?:…{2,}|\.{6,})(?=[人次个家万元%％户项所名台亿例份场件天])|^\s*(?:…{1,}|\.{3,})\s*$"),
     "“{0}”像是没填的数字或内容"),
]
_TEMPLATE_MESSAGE = "“{0}”是没有替换掉的模板标记"
_MULTIPLY = re.compile(r"\d\s*[×xX]\s*\d")


# 上面每个占位符写法都至少含有其中一个字符或词：一个也没有的文字不用逐个试
_PLACEHOLDER_SIGN = re.compile(r"[xX×＊*【（(〔…]|\.{3}|待补充|待填写|此处填写|请填写|请补写|TODO|FIXME|待定数据")


def placeholders(text: str) -> Iterator[Hit]:
    yield from blanks(text)
    yield from _template_hits(text)


def blanks(text: str) -> Iterator[Hit]:
    """没填的占位符（xx、***、请补写……），不含残留的模板标记（代入引用之前 ``{{键}}`` 是正常的）。"""
    patterns = _PLACEHOLDERS if _PLACEHOLDER_SIGN.search(text) is not None else []
    marks = list(template_marks(text)) if patterns else []  # {% for x in y %} 里的 x 不是占位符
    starts = [start for start, _ in marks]
    for pattern, message in patterns:
        for match in pattern.finditer(text):
            inside = bisect_right(starts, match.start()) - 1
            if inside >= 0 and match.start() < marks[inside][1]:
                continue
            around = text[max(0, match.start() - 1): match.end() + 1]
            if pattern is _PLACEHOLDERS[0][0] and _MULTIPLY.search(around):
                continue  # 3×4 这类乘号
            text_found = message.format(match.group(0))
            yield Hit("GEN101", ERROR, match.start(), match.end(), f"{text_found}，请填上实际内容。")


def _template_hits(text: str) -> Iterator[Hit]:
    for start, end, closed in _template_scan(text):
        if closed:
            yield Hit("GEN101", ERROR, start, end, f"{_TEMPLATE_MESSAGE.format(text[start:end])}，请填上实际内容。")
        else:
            closer = "}}" if text[start:end] == "{{" else "%}"
            yield Hit("GEN101", ERROR, start, end,
                      f"“{text[start:end]}”后面没有配对的“{closer}”，像是没有替换掉的模板标记，请改成实际内容。")


def template_marks(text: str) -> Iterator[tuple[int, int]]:
    """残留的 ``{{…}}`` 和 ``{%…%}``（同一行内）的位置，线性时间。"""
    return ((start, end) for start, end, closed in _template_scan(text) if closed)


def _template_scan(text: str) -> Iterator[tuple[int, int, bool]]:
    """逐行找模板标记：成对的给出整段 (开头, 结尾, True)；每行每种开头第一个没有结尾的给出 (开头, 开头+2, False)。

    正则 ``\\{\\{.*?\\}\\}`` 在一长串没有闭合的“{{”上是平方级的（每个起点都扫到行尾）；
    这里每行从左到右扫一遍：找最近的开头，再找它之后最近的结尾；找不到结尾，这一行后面就不会再有。"""
    if "{" not in text:
        return
    line_start = 0
    for line in text.split("\n"):
        position = 0
        pending = {"{{": line.find("{{"), "{%": line.find("{%")}
        while True:
            opener = min((at, mark) for mark, at in pending.items() if at >= 0) if any(
                at >= 0 for at in pending.values()) else None
            if opener is None:
                break
            at, mark = opener
            closer = line.find("}}" if mark == "{{" else "%}", at + 2)
            if closer < 0:
                yield line_start + at, line_start + at + 2, False
                pending[mark] = -1  # 这种开头之后再没有结尾
                continue
            yield line_start + at, line_start + closer + 2, True
            position = closer + 2
            # 只重新找落在这次匹配之内的开头：每个位置最多被扫一次
            pending = {m: line.find(m, position) if 0 <= at < position else at for m, at in pending.items()}
        line_start += len(line) + 1


# ---------------------------------------------------------------- GEN201/202 同比


_NUM = r"(\d+(?:\.\d+)?)"
_UNIT = r"(%|％|‰|万元|亿元|元|人次|剂次|人|例|次|家|个|场|份|名|户|所|项|万人)?"
_GROWTH = re.compile(
    rf"(?:较之?|比)(?:去年|上年|上一年|同期|上年同期)[^\d。；]{{0,12}}?{_NUM}\s*{_UNIT}[^\d。；]{{0,8}}?"
    rf"(增长|提高|上升|增加|下降|减少|降低)了?\s*{_NUM}\s*(%|％|个百分点)")
# “由98.9%提高到99.2%，增长0.3%”
_FROM_TO = re.compile(
    rf"由\s*{_NUM}\s*([%％‰])\s*(?:提高|上升|增长|增加|下降|降低|减少)?(?:到|至)\s*{_NUM}\s*([%％‰])"
    rf"[^\d。；]{{0,8}}?(增长|提高|上升|增加|下降|减少|降低)了?\s*{_NUM}\s*([%％])(?!个)")
# 只写了今年的率：“巩固率99.2%，比上年增长0.3%”“同比提高0.3%”
_RATE_THEN_GROWTH = re.compile(
    rf"率[^\d。；，,]{{0,6}}?{_NUM}\s*([%％‰])[，,]?\s*(?:比|较之?)?(?:去年|上年|上一年|上年同期|同期|同比)"
    rf"(增长|提高|上升|增加|下降|减少|降低)了?\s*{_NUM}\s*([%％])(?!个)")
_LAST_NUMBER = re.compile(rf"{_NUM}\s*{_UNIT}(?!.*\d)", re.S)


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def growth_arithmetic(text: str) -> Iterator[Hit]:
    for match in _GROWTH.finditer(text):
        prev_text, prev_unit, verb, stated_text, stated_unit = match.groups()
        sentence_start = max(text.rfind(ch, 0, match.start()) for ch in "。；;") + 1
        # 只看“较”前面 80 个字：本期数总在附近；整句去找会在长串数字上变成平方级
        before = _LAST_NUMBER.search(text[max(sentence_start, match.start() - 80): match.start()])
        if before is None:
            continue
        cur_text, cur_unit = before.group(1), before.group(2) or ""
        unit = prev_unit or cur_unit
        current, previous, stated = Decimal(cur_text), Decimal(prev_text), Decimal(stated_text)
        places = max(2, _places(stated_text))
        rate_values = unit in ("%", "％", "‰")
        if rate_values:  # 百分点之差：保留两个率里最多的小数位
            places = max(_places(cur_text), _places(prev_text), _places(stated_text))
            right = growth_wording(current, previous, unit=unit, places=places)
            if stated_unit in ("%", "％"):
                diff = abs(current - previous)
                if abs(diff - stated) <= Decimal("0.011"):
                    message = (f"两个百分比之间的变化应该用“个百分点”表述，“{verb}{stated_text}%”"
                               "会被理解为相对增长率。")
                else:
                    message = f"{previous}{unit}到{current}{unit}的变化写成了“{verb}{stated_text}%”。"
                yield Hit("GEN202", ERROR, match.start(), match.end(), message, f"应为：{right}")
            continue
        if previous == 0:
            continue
        true_rate = (current - previous) / previous * 100
        tolerance = Decimal(5) / Decimal(10) ** (_places(stated_text) + 1) + Decimal("0.0001")
        rising = verb in ("增长", "提高", "上升", "增加")
        if abs(abs(true_rate) - stated) <= tolerance and rising == (true_rate > 0):
            continue
        right = growth_wording(current, previous, unit=unit, places=places)
        slip = ""
        if current and abs(previous / current * 100 - stated) <= tolerance + Decimal("0.01"):
            slip = "疑似用上期除以本期（" + f"{prev_text}÷{cur_text}）。"
        message = (f"本期{cur_text}{unit}、上期{prev_text}{unit}，实际{right}，"
                   f"文中写的是“{verb}{stated_text}{stated_unit}”。{slip}")
        yield Hit("GEN201", ERROR, match.start(), match.end(), message, f"应为：{right}")


def rate_growth(text: str) -> Iterator[Hit]:
    """两个率之间的变化写成“增长X%”：“由A%提高到B%，增长C%”，或只写了今年的率（“率B%，比上年增长C%”）。"""
    for match in _FROM_TO.finditer(text):
        prev_text, unit, cur_text, _, verb, stated_text, _ = match.groups()
        current, previous = Decimal(cur_text), Decimal(prev_text)
        places = max(_places(cur_text), _places(prev_text), _places(stated_text))
        right = growth_wording(current, previous, unit=unit, places=places)
        yield Hit("GEN202", ERROR, match.start(), match.end(),
                  f"两个百分比之间的变化应该用“个百分点”表述，“{verb}{stated_text}%”会被理解为相对增长率。",
                  f"应为：{right}")
    for match in _RATE_THEN_GROWTH.finditer(text):
        _, unit, verb, stated_text, _ = match.groups()
        points = "个千分点" if unit == "‰" else "个百分点"
        word = {"增长": "提高", "增加": "提高", "减少": "下降", "降低": "下降"}.get(verb, verb)
        yield Hit("GEN202", ERROR, match.start(), match.end(),
                  f"这是一个率，它的变化“{verb}{stated_text}%”会被理解为相对增长率；两个百分比之差要写“个百分点”。",
                  f"应为：{word}{stated_text}{points}（如果{stated_text}是两年的率之差）")


_COMPLETION = re.compile(rf"(?:完成|任务数?|目标)[^\d。；]{{0,10}}{_NUM}\s*{_UNIT}[^\d。；]{{0,12}}?"
                         rf"(?:完成|实际完成|实现)[^\d。；]{{0,8}}?{_NUM}\s*{_UNIT}[^\d。；]{{0,10}}?完成率\s*(?:为|达到|达)?\s*{_NUM}\s*[%％]")


def completion_arithmetic(text: str) -> Iterator[Hit]:
    for match in _COMPLETION.finditer(text):
        target, _, done, _, stated = match.groups()
        if Decimal(target) == 0:
            continue
        true_rate = Decimal(done) / Decimal(target) * 100
        if abs(true_rate - Decimal(stated)) > Decimal("0.06"):
            right = format_number(true_rate, 2)
            yield Hit("GEN203", ERROR, match.start(), match.end(),
                      f"任务{target}、完成{done}，完成率应为{right}%，文中写的是{stated}%。", f"应为：完成率{right}%")


_PART = re.compile(rf"(?:共|合计|总计|累计|总数)[^\d。；]{{0,10}}{_NUM}\s*{_UNIT}"
                   rf"[^。；]{{0,40}}?其中[^\d。；]{{0,12}}{_NUM}\s*{_UNIT}")


def part_of_total(text: str) -> Iterator[Hit]:
    for match in _PART.finditer(text):
        total, total_unit, part, part_unit = match.groups()
        if (part_unit or "") == (total_unit or "") and Decimal(part) > Decimal(total):
            yield Hit("GEN204", ERROR, match.start(), match.end(),
                      f"总数是{total}{total_unit or ''}，“其中”却有{part}{part_unit or ''}，部分比总数还大，请核对。")


# ---------------------------------------------------------------- GEN301/303 序号

_POINT = re.compile(rf"(?:^|(?<=[。；;，,：:]))\s*({CN_NUMERAL})是")


def point_sequence(text: str, expected: int = 1) -> tuple[list[Hit], int]:
    """检查“一是、二是……”；``expected`` 是接着上一段应有的序号（报告里一点一段时跨段连续）。

    返回发现的问题和下一段开头应有的序号。
    """
    hits: list[Hit] = []
    if "是" not in text:
        return hits, expected
    for match in _POINT.finditer(text):
        value = chinese_value(match.group(1))
        if value == 1 and expected != 1:
            expected = 1  # 新的一组“一是……”
        if value != expected:
            problem = "重复了" if value < expected else "跳号了"
            before = f"前面是第{expected - 1}点" if expected > 1 else "前面没有“一是”"
            hits.append(Hit("GEN301", ERROR, match.start(1), match.end(),
                            f"“{match.group(1)}是”{problem}：{before}，这里应该是第{expected}点。",
                            f"应为：{chinese_number(expected)}是"))
        expected = value + 1
    return hits, expected


_HALF_PAREN = re.compile(rf"\(({CN_NUMERAL})\)|（({CN_NUMERAL})）、")


def bracket_style(text: str) -> Iterator[Hit]:
    if "(" not in text and "（" not in text:
        return
    for match in _HALF_PAREN.finditer(text):
        number = match.group(1) or match.group(2)
        yield Hit("GEN303", WARNING, match.start(), match.end(),
                  f"序号“{match.group(0)}”不规范：二级序号用全角括号，括号后不加顿号。", f"应为：（{number}）")


def half_width_punctuation(text: str) -> Iterator[Hit]:
    """GEN306：一段里夹在汉字之间的半角标点，报第一处的位置和总数（网页复制来的文字常常一段几十处）。

    “(一)”这类序号由 GEN303 报告，这里不重复。"""
    from ..render.punctuation import FULL, half_width_marks

    taken = {i for m in _HALF_PAREN.finditer(text) if m.group(1) for i in (m.start(), m.end() - 1)}
    marks = [i for i in half_width_marks(text) if i not in taken]
    if not marks:
        return
    first = marks[0]
    more = f"这一段共有 {len(marks)} 处，" if len(marks) > 1 else ""
    yield Hit("GEN306", WARNING, first, first + 1,
              f"“{text[max(0, first - 4): first + 5]}”里的“{text[first]}”是半角标点，汉字之间要用全角标点；"
              f"{more}gen report 生成时会自动改成全角，原文也请一并改正。", f"应为：{FULL[text[first]]}")


# ---------------------------------------------------------------- GEN40x 数字写法

_RATE_NO_UNIT = re.compile(r"率(?:为|达到|达|是|提升至|提高到|降至)?\s*(\d+(?:\.\d+)?)(?![\d.%％‰]|个百分点|\s*[%％‰])")
_FULLWIDTH = re.compile(r"[０-９]+")
_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d])")
_MIXED = re.compile(r"(?<![\d.])\d+(?:\.\d+)?亿\d+(?:\.\d+)?万")  # 后视：只从数字开头试配（线性）
_CN_COUNT = re.compile(
    r"(?<![一二三四五六七八九十百千万第是每届])"
    r"(?:([一二三四五六七八九十][一二三四五六七八九十百千]+)(人次|次|例|家|场|份|万元|元|剂次|户)"  # 二十五次
    r"|([二三四五六七八九])(人次|例|万元|元|剂次))"  # 三例（“二次供水”“三次产业”是术语，不算）
    # 一位数加量词（三家、两项、五场、四户）是数量短语，不是统计数字，不报
    r"(?!全会|会议|全体会议|党代会|代表大会)")


def number_style(text: str) -> Iterator[Hit]:
    for match in _RATE_NO_UNIT.finditer(text):
        value = match.group(1)
        yield Hit("GEN401", WARNING, match.start(1), match.end(1),
                  f"“{text[max(0, match.start() - 4): match.end()]}”的数字后面没有 % 或 ‰，读者不知道是多少。",
                  f"应为：{value}%（或 {value}‰）")
    for match in _FULLWIDTH.finditer(text):
        half = match.group(0).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        yield Hit("GEN402", WARNING, match.start(), match.end(), f"“{match.group(0)}”是全角数字。", f"应为：{half}")
    for match in _THOUSANDS.finditer(text):
        yield Hit("GEN403", WARNING, match.start(), match.end(),
                  f"“{match.group(0)}”用了千位分隔符，公文正文中的数字不加分隔符。",
                  f"应为：{match.group(0).replace(',', '')}")
    for match in _MIXED.finditer(text):
        yield Hit("GEN404", WARNING, match.start(), match.end(),
                  f"“{match.group(0)}”把亿和万混在一起写，应统一成一个单位（如 3.45亿）。")
    yield from chinese_counts(text)


def chinese_counts(text: str) -> Iterator[Hit]:
    for match in _CN_COUNT.finditer(text):
        yield Hit("GEN405", INFO, match.start(), match.end(),
                  f"“{match.group(0)}”是计数，按 GB/T 15835 宜用阿拉伯数字。")


_YEAR = re.compile(r"(?<![\d—\-～~至到])(?<![—\-～~至到]\d{4})(20\d{2})\s*年")


def late_years(text: str, year: int) -> Iterator[Hit]:
    for match in _YEAR.finditer(text):
        if int(match.group(1)) > year + 1:
            yield Hit("GEN501", WARNING, match.start(), match.end(),
                      f"文中出现{match.group(1)}年，比总结的年度（{year}年）晚一年以上，请核对是否写错。")


_DIGIT = re.compile(r"\d")


def text_rules(text: str, year: int | None) -> Iterator[Hit]:
    r"""除“一是”序号（需要跨段状态，见 point_sequence）以外的逐段规则。

    数字的规则（GEN20x、GEN401–404、GEN501）每一条都要有 ``\d`` 才能配上：没有数字的文字只跑其余几条，
    顺序不变。"""
    yield from placeholders(text)
    if _DIGIT.search(text) is None:
        yield from bracket_style(text)
        yield from chinese_counts(text)
        return
    yield from growth_arithmetic(text)
    yield from rate_growth(text)
    yield from completion_arithmetic(text)
    yield from part_of_total(text)
    yield from bracket_style(text)
    yield from number_style(text)
    if year is not None:
        yield from late_years(text, year)


