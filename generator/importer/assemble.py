"""把段落装配成表单字典：标题、导语、各部分、署名和日期。规则见 :mod:`.structure`。"""

from __future__ import annotations

import re
from typing import Any

from ..form.numbering import chinese_value, strip_end_punctuation
from .structure import (
    L1,
    L2,
    L3,
    L4,
    UNIT_END,
    Parsed,
    Section,
    _is_title,
    classify,
    derived_title,
    kind_key,
    looks_like_date,
    make_item,
    parse_date,
    parse_subtitle,
    parse_title,
    split_points,
    title_kind,
    title_parts,
)

_LEVELS = {2: L2, 3: L3, 4: L4}
_TERMINAL = "。！？；…!?;"


def parse_items(paragraphs: list[str], level: int = 2) -> tuple[list[str], list[dict[str, Any]]]:
    """按本层序号分组：返回（第一个序号之前的段落，事项列表）。"""
    pattern = _LEVELS[level]
    lead: list[str] = []
    groups: list[tuple[str, list[str]]] = []
    first = next((m for m in map(pattern.match, paragraphs) if m), None)
    if first is not None and _value(first.group(1)) != 1:
        # 序号不从 1 起（“(1)(2)”写在上一段里，这里接着是“(3)(4)”）：原样当作正文，不重新编号
        return list(paragraphs), []
    for text in paragraphs:
        match = pattern.match(text)
        if match:
            groups.append((match.group(2), []))
        elif groups:
            groups[-1][1].append(text)
        else:
            lead.append(text)
    items: list[dict[str, Any]] = []
    for head, body in groups:
        if level < 4:
            sub_lead, children = parse_items(body, level + 1)
        else:
            sub_lead, children = body, []
        item = make_item(head, sub_lead)
        if children:
            item["子项"] = children
        items.append(item)
    return lead, items


def _value(marker: str) -> int:
    return int(marker) if marker.isdigit() else chinese_value(marker)


def count_headings(paragraphs: list[str]) -> tuple[int, int]:
    """源文件里带序号的一级、二级标题个数。"""
    return (sum(1 for p in paragraphs if _heading_match(p)),
            sum(1 for p in paragraphs if L2.match(p)))


def _heading_match(text: str) -> re.Match[str] | None:
    match = L1.match(text)
    if match and len(match.group(2)) <= 40:
        return match
    return None


def _is_unmarked_heading(text: str) -> bool:
    """漏了“二、”的一级标题：短、没有句末标点、不以其他序号开头。"""
    return (len(text) <= 30 and text[-1] not in _TERMINAL and not L2.match(text)
            and not L3.match(text) and not looks_like_date(text))


def build_form(paragraphs: list[str]) -> Parsed:
    parsed = Parsed(form={})
    form = parsed.form
    paragraphs = _first_report(paragraphs, parsed)

    # 标题
    first_heading = next((i for i, p in enumerate(paragraphs) if _heading_match(p)), len(paragraphs))
    candidates = [i for i, p in enumerate(paragraphs[: min(first_heading, 10)]) if _is_title(p)]
    good = [i for i in candidates if all(parse_title(paragraphs[i])[:2])]
    title_index = (good or candidates or [-1])[-1]
    unit, year, _, _ = (title_parts(paragraphs[title_index]) if title_index >= 0 else ("", None, "", ""))
    kind, topic, subject, quarter = (title_kind(paragraphs[title_index]) if title_index >= 0
                                     else ("年度工作总结", "", "", None))
    parsed.original_title = paragraphs[title_index] if title_index >= 0 else ""
    topic = "" if subject else topic  # 专项工作总结：话题就是“主题”，下面单独写
    if unit:
        form["单位"] = unit
        guess = f"从标题读出（标题里的“{topic}”是话题，没有算进单位）" if topic else "从标题读出"
        parsed.comments.append((("单位",), f"{guess}；落款也用它，请核对是不是单位全称"))
        if topic:
            parsed.notes.append(f"单位“{unit}”是从标题读出的；标题里的“{topic}”是话题，没有算进单位。")
    if year:
        form["年度"] = year
    if kind != "年度工作总结":
        form["类型"] = kind
    if subject:
        form["主题"] = subject
        parsed.comments.append((("主题",), "从标题读出：标题里单位之后、“工作总结”之前的词，请核对"))
    if quarter:
        form["季度"] = quarter
    if unit and year and re.sub(r"\s+", "", parsed.original_title) != derived_title(unit, year, kind, subject,
                                                                                     quarter):
        form["标题"] = re.sub(r"\s+", "", parsed.original_title)

    # 落款
    body = paragraphs[title_index + 1:]
    reporter = _reporter(kind, body, form, parsed)
    if reporter:
        body = body[1:]
    signature, date, garbled, body = _take_signature(body, form.get("单位", unit), reporter)
    if signature and signature not in (form.get("单位"), reporter):
        form["署名"] = signature
    form["日期"] = date or ""
    if garbled:
        parsed.notes.append(f"原文末尾的日期“{garbled}”无法识别，请在表单里填写“日期”。")
    elif date is None:
        parsed.notes.append("没有找到成文日期，请在表单里填写“日期”。")

    # 导语与各部分
    intro: list[str] = []
    sections: list[Section] = []
    for text in body:
        match = _heading_match(text)
        if match:
            sections.append(Section(strip_end_punctuation(match.group(2)), marked=True))
        elif sections and _is_unmarked_heading(text) and _looks_like_section_start(body, text):
            sections.append(Section(strip_end_punctuation(text), marked=False))
            parsed.notes.append(f"“{text}”前面缺少一级序号，已按一级标题处理。")
        elif sections:
            sections[-1].paragraphs.append(text)
        elif not (_is_title(text) or text == unit or text == form.get("署名")):
            intro.append(text)
    parsed.level1_count = len(sections)
    if intro:
        form["导语"] = "\n\n".join(intro)
    if kind == "述职报告" and "年度" not in form:  # 标题里没有年份：导语里的第一个年份（“2024年，本人……”）
        found = re.search(r"(20\d{2})\s*年", form.get("导语", ""))
        if found:
            form["年度"] = int(found.group(1))
    if kind in ("工作计划", "述职报告"):
        _place_kind_sections(kind, sections, form, parsed)
    else:
        _place_sections(sections, form, parsed)
    return parsed


def _reporter(kind: str, body: list[str], form: dict[str, Any], parsed: Parsed) -> str | None:
    """述职报告标题下面的一行（单位、职务、述职人）→ 单位、职务、述职人；返回述职人。"""
    found = parse_subtitle(body[0]) if kind == "述职报告" and body else None
    if found is None:
        return None
    unit, post, name = found
    if unit and "单位" not in form:
        form["单位"] = unit
        parsed.comments.append((("单位",), "从标题下面一行读出，请核对是不是单位全称"))
    if post:
        form["职务"] = post
    form["述职人"] = name
    return name


_TEXT_PARTS = ("总体要求", "学习", "廉洁")  # 工作计划、述职报告里写成一段文字的部分


def _place_kind_sections(kind: str, sections: list[Section], form: dict[str, Any], parsed: Parsed) -> None:
    """工作计划、述职报告：各一级标题按名称归入表单的键（structure.KIND_HEADINGS）。"""
    openings: dict[str, str] = {}
    others: list[dict[str, Any]] = []
    for index, section in enumerate(sections):
        key = kind_key(kind, section.heading)
        paragraphs = section.paragraphs
        if index == len(sections) - 1 and key in ("下一步工作计划", "保障措施"):
            paragraphs, closing = _split_closing(paragraphs)
            if closing:
                form["结束语"] = "\n\n".join(closing)
        if key in _TEXT_PARTS:
            form[key] = "\n\n".join(paragraphs)
            continue
        lead, items = parse_items(paragraphs)
        parsed.level2_count += len(items)
        if key in ("工作开展情况", "存在的问题", "下一步工作计划") and key not in form:
            lead = _opening(key, lead, items, openings, parsed)
        if key == "存在的问题":
            form.setdefault(key, []).extend(_problems(lead, items))
        elif key != "其他":
            form.setdefault(key, []).extend(_with_lead(lead, items))
        elif lead or items:
            others.append({"标题": section.heading, **({"内容": "\n\n".join(lead)} if lead else {}),
                           **({"事项": items} if items else {})})
        else:
            parsed.unplaced.append(section.heading)
    if openings:
        form["开头"] = openings
    if others:
        form["其他章节"] = others


def _looks_like_section_start(body: list[str], text: str) -> bool:
    index = body.index(text)
    following = body[index + 1] if index + 1 < len(body) else ""
    return bool(following) and len(following) > len(text)


def _first_report(paragraphs: list[str], parsed: Parsed) -> list[str]:
    """一个文件里贴了几份报告时，只导入第一份。"""
    seen_body = False
    for index, text in enumerate(paragraphs):
        if _heading_match(text):
            seen_body = True
        elif seen_body and _is_title(text) and re.search(r"20\d{2}", text) and index + 1 < len(paragraphs):
            rest = paragraphs[index + 1:]
            if any(_heading_match(p) for p in rest):
                parsed.notes.append(f"文件里还有另一份报告（从“{text}”开始），只导入了第一份。")
                return paragraphs[:index]
    return paragraphs


_ATTACHMENT = re.compile(r"附件\s*\d*")
_ATTACHMENT_NOTE = re.compile(r"附件\s*\d*[：:]")


def _take_signature(body: list[str], unit: str,
                    reporter: str | None = None) -> tuple[str | None, str | None, str | None, list[str]]:
    signature: str | None = None
    date: str | None = None
    # GB/T 9704 7.3.7：落款之后另起一页的附件（“附件”二字单独成段）不属于正文
    body = next((body[:i] for i in range(1, len(body))
                 if _ATTACHMENT.fullmatch(body[i]) and looks_like_date(body[i - 1])), body)
    end = len(body)
    if end and looks_like_date(body[end - 1]):
        date = parse_date(body[end - 1])
        garbled = body[end - 1] if date is None else None
        end -= 1
    else:
        garbled = None
    if end and len(body[end - 1]) <= 30 and (UNIT_END.search(body[end - 1]) or body[end - 1] in (unit, reporter)):
        signature = body[end - 1]
        end -= 1
    while end and _ATTACHMENT_NOTE.match(body[end - 1]):  # 附件说明（7.3.4）
        end -= 1
    return signature, date, garbled, body[:end]


def _place_sections(sections: list[Section], form: dict[str, Any], parsed: Parsed) -> None:
    kinds = [classify(s.heading) for s in sections]
    work_like = [i for i, k in enumerate(kinds) if k in ("工作开展情况", "其他")]
    thematic = bool(work_like) and kinds[work_like[0]] == "其他"
    work: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    problems: list[Any] = []
    plans: list[dict[str, Any]] = []
    closing: list[str] = []
    openings: dict[str, str] = {}
    first_tail = min([i for i, k in enumerate(kinds) if k in ("存在的问题", "下一步工作计划")]
                     or [len(sections)])
    for index, (section, kind) in enumerate(zip(sections, kinds, strict=True)):
        paragraphs = section.paragraphs
        if kind == "下一步工作计划":
            paragraphs, closing = _split_closing(paragraphs)
        lead, items = parse_items(paragraphs)
        parsed.level2_count += len(items)
        if kind in ("存在的问题", "下一步工作计划") or (kind == "工作开展情况" and not work):
            lead = _opening(kind, lead, items, openings, parsed)
        if kind == "基本情况":
            form["基本情况"] = "\n\n".join(section.paragraphs)
        elif kind == "存在的问题":
            problems.extend(_problems(lead, items))
        elif kind == "下一步工作计划":
            plans.extend(_with_lead(lead, items))
        elif thematic and kind == "其他" and index < first_tail:
            # 成绩分成几个专题一级标题：每个专题成为一个事项，原来的（一）成为子项
            item = make_item(section.heading, lead)
            if items:
                item["子项"] = items
            work.append(item)
        elif kind == "工作开展情况" and not work:
            work.extend(_with_lead(lead, items))
        else:
            extra: dict[str, Any] = {"标题": section.heading}
            if lead:
                extra["内容"] = "\n\n".join(lead)
            if items:
                extra["事项"] = items
            if lead or items:
                others.append(extra)
            else:
                parsed.unplaced.append(section.heading)
    if openings:
        form["开头"] = openings
    if work:
        form["工作开展情况"] = work
    if others:
        form["其他章节"] = others
    form["存在的问题"] = problems
    form["下一步工作计划"] = plans
    if closing:
        form["结束语"] = "\n\n".join(closing)


def _opening(kind: str, lead: list[str], items: list[dict[str, Any]], openings: dict[str, str],
             parsed: Parsed) -> list[str]:
    """一级标题之后、第一个（一）之前的总述是这一部分的开头（写进“开头”，不变成事项，不挤占序号）：
    有（一）时，（一）之前不含“一是”的段落；“一是”之前的引言（“2022年，我委将……。一是……”）也是。
    返回剩下的、要当作内容的段落。"""
    opening = [text for text in lead if split_points(text) is None] if items else []
    rest = [text for text in lead if text not in opening]
    if rest and not opening:
        points = split_points(rest[0])
        if points is not None and points[0]:
            opening = [points[0]]
            rest[0] = rest[0][rest[0].index(points[0]) + len(points[0]):].strip()
    if opening:
        openings[kind] = "\n\n".join(opening)
        parsed.comments.append((("开头", kind), "原文（一）或“一是”之前的总述，作为这一部分的开头"))
        parsed.notes.append(f"“{kind}”在第一项之前有 {len(opening)} 段总述，放进了“开头”，没有当作事项。")
    if rest and not items and kind != "存在的问题":
        parsed.notes.append(f"“{kind}”里没有（一）（二）序号：按“一是、二是”或每段导入成事项，"
                            "以第一句为小标题（是猜的，请核对）。")
    return rest


def _with_lead(lead: list[str], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """部分开头没有序号的段落：含“一是……”的拆成事项，其余作为一个以首句为标题的事项。"""
    result: list[dict[str, Any]] = []
    for text in lead:
        points = split_points(text)
        if points is not None:
            intro, parts = points
            if intro:
                result.append(make_item(intro, []))
            result.extend(make_item(part, []) for part in parts)
        else:
            result.append(make_item(text, []))
    return result + items


def _problems(lead: list[str], items: list[dict[str, Any]]) -> list[Any]:
    problems: list[Any] = []
    for text in lead:
        points = split_points(text)
        if points is not None:
            intro, parts = points
            problems.extend([intro] if intro else [])
            problems.extend(parts)
        else:
            problems.append(text)
    for item in items:
        content = item["标题"] + "。" + (item.get("内容") or "")
        if item.get("要点"):
            content += "；".join(item["要点"]) + "。"
        solution = None
        match = re.search(r"解决思路[：:]", content)
        if match:
            content, solution = content[: match.start()], content[match.end():]
        entry: dict[str, Any] = {"内容": content.strip()}
        if solution:
            entry["解决思路"] = strip_end_punctuation(solution.strip()) + "。"
        problems.append(entry)  # 原文带（一）序号：写成“内容”，渲染时保留小标题
    return problems


def _split_closing(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """计划部分最后、不带序号、以“2025年……”“今后……”等开头的段落是结束语。"""
    body = list(paragraphs)
    tail: list[str] = []
    while (len(body) > 1 and _is_closing(body[-1]) and not L2.match(body[-1])
           and any(L2.match(p) for p in body[:-1])):
        tail.insert(0, body.pop())
    return body, tail


def _is_closing(text: str) -> bool:
    return bool(re.match(r"^(20\d{2}年|今后|下一步|下半年|新的一年|我们将|我局将|我委将)", text))
