"""字段编辑页上各部分的结构：事项、其他章节、存在的问题的文字、生成时的序号和所在的行。

序号与 templates/report/_macros.md.j2 的编排相同（一、 /（一）/ 1. /（1）/ 一是），页面上只显示、不让填写。
``anchors`` 列出每个键、每一项开始的行，页面据此把检查结果放到它所属的那一项下面。
"""

from __future__ import annotations

from typing import Any

from ..form.kinds import DEBRIEF, NOT_IN, ONLY_FOR, PLAN, QUARTER, REQUIRED, SECTION_NAMES, SUMMARY_PARTS, TOPIC
from ..form.numbering import level1, level2, level3, level4, ordinal_point
from ..form.periods import parse_quarter, quarter_headings
from .tree import OPENINGS, SECTIONS

_LEVELS = (level2, level3, level4)


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    return str(value) if isinstance(value, (str, int, float)) else None


def _line(node: Any, part: str | int) -> int | None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        return int((lc.item(part) if isinstance(part, int) else lc.key(part))[0]) + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return None


class _Builder:
    def __init__(self) -> None:
        self.anchors: list[tuple[int, str]] = []

    def anchor(self, node: Any, part: str | int, ident: str) -> None:
        line = _line(node, part)
        if line:
            self.anchors.append((line, ident))

    def keys(self, node: dict[Any, Any], ident: str) -> None:
        """这一项的每个键也记一个锚：子项之后的要点、内容里的问题仍算这一项的。"""
        for key in node:
            self.anchor(node, key, ident)

    def item(self, node: Any, path: list[Any], depth: int, n: int) -> dict[str, Any]:
        ident = "/".join(str(p) for p in path)
        number = _LEVELS[min(depth, len(_LEVELS) - 1)](n)
        if not isinstance(node, dict):
            return {"path": path, "id": ident, "number": number, "editable": False, "text": str(node)[:80]}
        self.keys(node, ident)
        result: dict[str, Any] = {"path": path, "id": ident, "number": number, "editable": True,
                                  "标题": _text(node.get("标题")), "内容": _text(node.get("内容"))}
        points = node.get("要点")
        if isinstance(points, list):
            result["要点"] = [_text(p) or "" for p in points]
            result["要点序号"] = [ordinal_point(k) for k in range(1, len(points) + 1)]
        children = node.get("子项")
        if isinstance(children, list) and depth + 1 < len(_LEVELS):
            result["子项"] = [self.item(child, [*path, "子项", k], depth + 1, k + 1)
                            for k, child in enumerate(children)]
            for k in range(len(children)):
                self.anchor(children, k, f"{ident}/子项/{k}")
        return result

    def items(self, data: Any, key: str, path: list[Any] | None = None) -> list[dict[str, Any]]:
        found = data.get(key)
        if not isinstance(found, list):
            return []
        path = path or [key]
        for k in range(len(found)):
            self.anchor(found, k, "/".join(str(p) for p in [*path, k]))
        return [self.item(node, [*path, k], 0, k + 1) for k, node in enumerate(found)]


def section_tree(data: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """各部分的结构和锚（行号从 1 起，按行排好）。"""
    build = _Builder()
    tree: dict[str, Any] = {key: build.items(data, key) for key in ("工作开展情况", "下一步工作计划", "保障措施")}
    sections = data.get("其他章节")
    tree["其他章节"] = []
    if isinstance(sections, list):
        for k, node in enumerate(sections):
            ident = f"其他章节/{k}"
            build.anchor(sections, k, ident)
            entry: dict[str, Any] = {"path": ["其他章节", k], "id": ident, "editable": isinstance(node, dict)}
            if isinstance(node, dict):
                build.keys(node, ident)
                entry |= {"标题": _text(node.get("标题")), "内容": _text(node.get("内容")),
                          "事项": build.items(node, "事项", ["其他章节", k, "事项"])}
            tree["其他章节"].append(entry)
    problems = data.get("存在的问题")
    tree["存在的问题"] = []
    if isinstance(problems, list):
        plain = all(isinstance(p, str) for p in problems) and len(problems) > 1
        for k, node in enumerate(problems):
            ident = f"存在的问题/{k}"
            build.anchor(problems, k, ident)
            entry = {"path": ["存在的问题", k], "id": ident,
                     "number": ordinal_point(k + 1) if plain else level2(k + 1)}
            if isinstance(node, dict):
                build.keys(node, ident)
                entry |= {"editable": True, "内容": _text(node.get("内容")), "解决思路": _text(node.get("解决思路"))}
            else:
                entry |= {"editable": isinstance(node, str), "内容": _text(node), "解决思路": None}
            tree["存在的问题"].append(entry)
    openings = data.get("开头")
    tree["开头"] = {}
    if isinstance(openings, dict):  # 各部分的开头一段（页面上在事项之上）
        for part in OPENINGS:
            tree["开头"][part] = _text(openings.get(part))
            build.anchor(openings, part, f"开头/{part}")
    tree["numbers"] = heading_numbers(data)
    tree["headings"] = heading_titles(data)
    kind = data.get("类型")
    tree["kind"] = str(kind) if isinstance(kind, str) else "年度工作总结"
    tree["parts"] = kind_parts(tree["kind"])
    return tree, sorted(build.anchors)


def kind_parts(kind: str) -> dict[str, list[str]]:
    """这一类型在页面上的样子（form/kinds.py）：必填的键、不显示的键（别的类型才有的、这一类型没有的）。"""
    hidden = [*NOT_IN.get(kind, ()), *(key for key, owner in ONLY_FOR.items() if owner != kind)]
    hidden += [key for key, owner in (("主题", TOPIC), ("季度", QUARTER)) if owner != kind]
    return {"required": list(REQUIRED.get(kind, SUMMARY_PARTS)), "hidden": hidden}


def heading_titles(data: dict[str, Any]) -> dict[str, str]:
    """两串事项的一级标题随类型而变（templates/report/*.md.j2）：如“2024年工作开展情况”“上半年工作开展情况”。"""
    kind = data.get("类型")
    year = data.get("年度")
    if isinstance(kind, str) and kind in SECTION_NAMES:  # 工作计划、述职报告：内置模板的名称
        return {**SECTION_NAMES[kind]}
    if kind == "半年工作总结":
        return {"工作开展情况": "上半年工作开展情况", "下一步工作计划": "下半年工作计划"}
    quarter = parse_quarter(data.get("季度"))
    if kind == "季度工作总结" and quarter and isinstance(year, int) and not isinstance(year, bool):
        work, plans = quarter_headings(year, quarter)
        return {"工作开展情况": work, "下一步工作计划": plans}
    if kind == "工作总结和工作计划" and isinstance(year, int) and not isinstance(year, bool):
        return {"工作开展情况": f"{year}年工作开展情况", "下一步工作计划": f"{year + 1}年工作计划"}
    return {"工作开展情况": "工作开展情况", "下一步工作计划": "下一步工作计划"}


def heading_numbers(data: dict[str, Any]) -> dict[str, str]:
    """一级标题的序号，与模板相同：基本情况（有时）、工作开展情况、正文里的指标表、其他章节、存在的问题、计划。"""
    numbers: dict[str, str] = {}
    n = 0
    kind = data.get("类型")
    if kind in (PLAN, DEBRIEF):
        return _kind_numbers(data, str(kind))
    if data.get("基本情况"):
        n += 1
        numbers["基本情况"] = level1(n)
    n += 1
    numbers["工作开展情况"] = level1(n)
    if data.get("指标表") == "正文" and (data.get("指标") or data.get("指标文件")):
        n += 1
    sections = data.get("其他章节")
    for k in range(len(sections) if isinstance(sections, list) else 0):
        n += 1
        numbers[f"其他章节/{k}"] = level1(n)
    numbers["存在的问题"] = level1(n + 1)
    numbers["下一步工作计划"] = level1(n + 2)
    return numbers


def _kind_numbers(data: dict[str, Any], kind: str) -> dict[str, str]:
    """工作计划、述职报告的一级序号（templates/report/工作计划.md.j2、述职报告.md.j2）。"""
    sections = data.get("其他章节")
    others = [f"其他章节/{k}" for k in range(len(sections) if isinstance(sections, list) else 0)]
    table = ["表"] if data.get("指标表") == "正文" and (data.get("指标") or data.get("指标文件")) else []
    if kind == PLAN:
        order = [*(["总体要求"] if data.get("总体要求") else []), "下一步工作计划", *table, *others,
                 *(["保障措施"] if data.get("保障措施") else [])]
    else:
        order = ["学习", "工作开展情况", *table, *others, "廉洁", "存在的问题", "下一步工作计划"]
    return {key: level1(n) for n, key in enumerate(order, 1) if key != "表"}


__all__ = ["SECTIONS", "section_tree"]
