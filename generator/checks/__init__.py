"""gen check：像市局审核人员那样读内容，找出办事员常犯的错误。

表单（.yaml）和文本报告（.md/.txt，经导入器读入）按“文件:行:列”定位（原文的真实行列，见 :mod:`.position`）；
Word 报告（.docx）没有行号，按“文件 第N段”定位。
逐段规则见 :mod:`.rules`；这里是整篇的规则和运行入口：

| 代码 | 程度 | 检查什么 |
|---|---|---|
| GEN302 | 错误 | 报告里一级、二级序号跳号或重号（中间有一段像是标题和正文写在同一行时降为提示） |
| GEN304 | 警告 | 一级标题末尾有标点 |
| GEN305 | 警告 | 层级跳跃（一、之后直接出现 1.） |
| GEN502 | 警告 | 成文日期早于总结期末（季度：季度末；工作计划、述职报告：早于通常的成文时间） |
| GEN504 | 警告 | 成文日期晚于这一类型通常的成文时间（年度总结到次年 3 月底，其余见 form/kinds.py） |
| GEN503 | 错误 | 标题里的年份与“年度”不同 |
| GEN505 | 错误 | 季度工作总结：标题里的季度与“季度”不同 |
| GEN506 | 警告 | 不是季度工作总结（也不是工作计划、述职报告），标题里却写着一个季度（“第一季度”） |
| GEN601 | 错误 | 报告缺少必需的部分（存在的问题、下一步工作计划；标题是“……工作计划”的不查） |
| GEN602 | 提示 | 某个问题在计划里找不到对应的措施 |
| GEN603 | 警告 | “单位”或“署名”以“工作”“总结”“年”“情况”等结尾，不像机关名称（多半是从标题里多取了字） |
| GEN604 | 警告 | 述职报告里句首写“我局”“我委”等，应为第一人称“本人”“我” |
| GEN701 | 警告 | 同一句话出现了两次（复制粘贴；没有句末标点的短段是标题，重复不算） |
| GEN801–GEN810 | 错误/警告 | 正式公文（表单的“公文:”）的版头、主送机关和版记，见 :mod:`.frame_rules` |
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, Severity
from ..form.kinds import DEBRIEF, PLAN
from ..form.models import Form
from ..form.numbering import CN_NUMERAL, chinese_number, chinese_value
from ..read.loader import LoadedForm, SourceText
from ..read.located import iter_located_strings
from .form_rules import first_person, form_dates, organ_names
from .frame_rules import frame_checks
from .position import Piece, number_at, place
from .rules import ERROR, INFO, WARNING, Hit, blanks, half_width_punctuation, placeholders, point_sequence, text_rules

__all__ = ["Unit", "check_blanks", "check_form", "check_paragraphs", "findings_to_json"]


@dataclass(frozen=True, slots=True)
class Unit:
    """一段要检查的文字和它在文件里的位置。"""

    text: str
    file: Path
    line: int | None
    column: int | None  # 这段文字第一个字的列号（表单）；报告里为 1
    source_line: str | None
    report: bool = False  # 写好的报告里的段落：位置由 pieces 换算
    block: tuple[str, ...] = ()  # 值写成 >- 或 | 时，键所在行之后的各行（文字实际所在的行）
    pieces: tuple[Piece, ...] = ()  # 报告段落来自原文哪几行（文本文件）或哪一段（Word）
    lines: Sequence[str] | None = None  # 文本报告的原文行；Word 报告为 None
    plan: bool = False  # 计划部分的文字：说的是下一年，年份的检查（GEN501）往后放一年


@lru_cache(maxsize=16)
def _occurrences(text: str, fragment: str) -> tuple[int, ...]:
    """``fragment`` 在 ``text`` 里各处（不重叠）的起点；同一段的几条结果共用一次查找（整体线性）。"""
    places: list[int] = []
    at = text.find(fragment)
    while at >= 0:
        places.append(at)
        at = text.find(fragment, at + len(fragment))
    return tuple(places)


def _diagnostic(unit: Unit, hit: Hit) -> Diagnostic:
    if unit.report:
        at = place(unit.text, hit.start, hit.end, unit.pieces or ((0, unit.line or 1, 0),), unit.lines)
        return Diagnostic(hit.message, hit.severity, unit.file, at.line, at.column, at.source_line, hit.code,
                          hit.fix, caret=at.caret, paragraph=at.paragraph)
    line, column, source_line = unit.line, unit.column, unit.source_line
    fragment = unit.text[hit.start: hit.end]
    if source_line is not None and column is not None and fragment:
        # 同一段里同样的字出现几次（一行里几个“xx”）：第几个就指向原文里的第几个，不都指向第一个
        nth = bisect_left(_occurrences(unit.text, fragment), hit.start)
        rows = [(line, source_line, max(0, column - 1))] + [
            ((line or 0) + offset, text, 0) for offset, text in enumerate(unit.block, 1)]
        for row, text, start in rows:
            places = _occurrences(text, fragment)
            places = places[bisect_left(places, start):]
            if nth < len(places):
                line, column, source_line = row, places[nth] + 1, text
                break
            nth -= len(places)
    return Diagnostic(hit.message, hit.severity, unit.file, line, column, source_line, hit.code, hit.fix)


def _run(units: Iterable[Unit], year: int | None) -> list[Diagnostic]:
    """逐段规则、“一是”“二是”的接续、重复的句子：一遍走完（段落可以边生成边检查，不必全部留着）。

    结果按规则分三组依次排列（与分三遍检查的顺序相同）。"""
    rules: list[Diagnostic] = []
    points: list[Diagnostic] = []
    repeated: list[Diagnostic] = []
    seen: dict[str, _First] = {}
    carry = 1
    for unit in units:
        plan_year = year + 1 if year is not None and unit.plan else year
        rules += [_diagnostic(unit, hit) for hit in text_rules(unit.text, plan_year)]
        # 报告里常常一点一段：“二是”接着上一段的“一是”；表单里每段文字各自从“一是”起算
        hits, carry = point_sequence(unit.text, carry if unit.report else 1)
        points += [_diagnostic(unit, hit) for hit in hits]
        if unit.report and not re.match(rf"^{CN_NUMERAL}是", unit.text) and carry > 1 \
                and not re.search(rf"{CN_NUMERAL}是", unit.text):
            carry = 1
        repeated += _repeated_sentences(unit, seen)
    return rules + points + repeated


_SENTENCE = re.compile(r"[^。！？；;!?]+[。！？；;!?]?")
_SENTENCE_NOISE = re.compile(r"[\s，,、。；;！？!?“”\"]")


# 第一次出现的句子在哪里：(行, 报告段落的 pieces（表单为 None）, 报告是不是文本文件, 在段落里的位置)
_First = tuple[int | None, tuple[Piece, ...] | None, bool, int]


_TITLE_LINE = 60  # 没有句末标点、不超过这么多字的一整段是标题（网页上标题常重复出现），不算重复的句子


def _repeated_sentences(unit: Unit, seen: dict[str, _First]) -> list[Diagnostic]:
    """这段里与前面（``seen``：句子 → 第一次出现的位置）完全相同的句子。"""
    out: list[Diagnostic] = []
    if len(unit.text) <= _TITLE_LINE and not re.search(r"[。！？；;!?]", unit.text):
        return out
    for match in _SENTENCE.finditer(unit.text):
        key = _SENTENCE_NOISE.sub("", match.group(0))
        if len(key) < 12:
            continue
        if key in seen:
            line, pieces, text_file, offset = seen[key]
            where = f"第{line}行"
            if pieces is not None:
                number = number_at(pieces or ((0, line or 1, 0),), offset)
                where = f"第{number}行" if text_file else f"第{number}段"
            out.append(_diagnostic(unit, Hit("GEN701", WARNING, match.start(), match.end(),
                                             f"这句话与{where}的一句完全相同，像是复制粘贴时重复了。")))
        else:  # 只记位置，不留整个段落
            seen[key] = (unit.line, unit.pieces if unit.report else None, unit.lines is not None, match.start())
    return out


def _keywords(text: str) -> set[str]:
    stop = {"工作", "进一步", "不断", "加强", "推进", "提升", "能力", "服务", "建设", "问题", "存在", "开展", "部分"}
    chars = re.sub(r"[^\u4e00-\u9fff]", " ", text)
    words = {chars[i: i + 2] for i in range(len(chars) - 1) if " " not in chars[i: i + 2]}
    return {w for w in words if w not in stop}


def _problem_plan_links(problems: list[tuple[Unit, str]], plan_text: str) -> list[Diagnostic]:
    plan_words = _keywords(plan_text)
    out: list[Diagnostic] = []
    for unit, text in problems:
        if not _keywords(text) & plan_words:
            out.append(_diagnostic(unit, Hit("GEN602", INFO, 0, min(len(unit.text), 10),
                                             "这个问题在“下一步工作计划”里找不到对应的措施，审核时常被问到。")))
    return out


# ---------------------------------------------------------------- 表单


def check_form(loaded: LoadedForm, form: Form, *, ignore: Iterable[str] = ()) -> list[Diagnostic]:
    """检查（已代入引用的）表单的内容。位置指向原始 YAML。

    各段文字边找边检查，不全部留在内存里（几万个事项的表单上省下几十 MB）。"""
    source = loaded.source
    problems: list[tuple[Unit, str]] = []
    plain = form.model_dump(by_alias=True, exclude_none=True)
    plan_parts: list[str] = []
    out: list[Diagnostic] = []

    def units() -> Iterator[Unit]:
        for path, text, line, column in iter_located_strings(plain, loaded.data):
            if path[0] in ("单位", "署名"):  # 名称不查数字写法，只查没填的占位符（空白表单的“请补写单位全称”）
                unit = Unit(text, source.path, line, column, source.line(line) if line else None)
                out.extend(_diagnostic(unit, hit) for hit in placeholders(text))
                continue
            if path[0] in ("指标", "指标文件", "日期", "类型", "季度", "样式", "检查"):  # 指标文件是路径，不查占位符
                continue
            # 导出的键路径与原始 YAML 一致（一句话的问题导出为文字，路径同样是“存在的问题 第N项”）
            here = source.line(line) if line else None
            unit = Unit(text, source.path, line, column, here, block=_block_lines(source, line, here),
                        plan=(path[0] == "下一步工作计划" or path[:2] == ("开头", "下一步工作计划"))
                        and form.kind.value != PLAN)  # 工作计划的“年度”就是计划的年份，不再往后放
            if form.kind.value == DEBRIEF and path[0] not in ("述职人", "职务"):
                out.extend(_diagnostic(unit, hit) for hit in first_person(text))
            if path[0] == "存在的问题" and path[-1] != "解决思路":
                problems.append((unit, text))
            if path[0] == "下一步工作计划" or path[:2] == ("开头", "下一步工作计划"):
                plan_parts.append(text)
            yield unit

    found = _run(units(), form.year)
    out += found
    out += _problem_plan_links(problems, "".join(plan_parts))
    out += form_dates(loaded, form)
    out += frame_checks(loaded, form)
    out += organ_names(loaded, form)
    return _filter(out, set(ignore) | set(form.checks.ignore))


def check_blanks(loaded: LoadedForm, *, ignore: Iterable[str] = ()) -> list[Diagnostic]:
    """表单校验没有通过时（还没有 Form、引用也没代入）：只在读进来的每段文字里找没填的占位符（GEN101），
    与校验错误一起报出，办事员不必改完一批再跑一遍才看到下一批。"""
    source = loaded.source
    out: list[Diagnostic] = []
    for path, text, line, column in iter_located_strings(loaded.data, loaded.data):
        if path and path[0] in ("指标", "日期", "类型", "样式", "检查"):
            continue
        here = source.line(line) if line else None
        unit = Unit(text, source.path, line, column, here, block=_block_lines(source, line, here))
        out.extend(_diagnostic(unit, hit) for hit in blanks(text))
    return _filter(out, set(ignore) | _ignored_in(loaded.data))


def _ignored_in(data: Any) -> set[str]:
    settings = data.get("检查") if isinstance(data, dict) else None
    codes = settings.get("忽略") if isinstance(settings, dict) else None
    return {str(code) for code in codes} if isinstance(codes, list) else set()


_BLOCK_HEADER = re.compile(r"(?:^|:\s|-\s)\s*[|>][-+]?\d?\s*(?:#.*)?$")


def _block_lines(source: SourceText, line: int | None, header: str | None) -> tuple[str, ...]:
    """一段文字在键的下面还占了哪几行：值写成 ``>-`` 或 ``|`` 时的文字行，或普通写法的续行，
    一直到缩进不比键深的那一行为止。``header`` 是第 ``line`` 行的原文。"""
    if line is None or header is None:
        return ()
    if _BLOCK_HEADER.search(header):
        indent = len(header) - len(header.lstrip(" "))
    else:  # 普通写法：续行比键（“- ”之后）缩进更深
        indent = len(header) - len(header.lstrip(" -"))
    block: list[str] = []
    number = line + 1
    text = source.line(number)
    while text is not None:
        if text.strip() and len(text) - len(text.lstrip(" ")) <= indent:
            break
        block.append(text)
        number += 1
        text = source.line(number)
    return tuple(block)


# ---------------------------------------------------------------- 写好的报告

_L1 = re.compile(rf"^({CN_NUMERAL})\s*[、.．]\s*(.*)$")
_L2 = re.compile(rf"^[（(]\s*({CN_NUMERAL})\s*[）)]")
_L3 = re.compile(r"^\d{1,2}\s*[、.．](?!\d)")
# 一级标题后面紧跟正文：“二、获得荣誉和奖励:1.……”“三、加强培训。全年……”
_INLINE_HEADING = re.compile(r"^[^。；;，,：:]{2,30}[：:。]")


def _where(unit: Unit) -> str:
    number = number_at(unit.pieces or ((0, unit.line or 1, 0),), 0)
    return f"第{number}行" if unit.lines is not None else f"第{number}段"


def check_paragraphs(paragraphs: Sequence[str], *, file: Path, year: int | None,
                     ignore: Iterable[str] = (), pieces: Sequence[Sequence[Piece]] | None = None,
                     lines: Sequence[str] | None = None, also: Sequence[Diagnostic] = ()) -> list[Diagnostic]:
    """检查写好的报告。

    ``pieces``：每段来自原文的哪几行（文本文件，配合原文行 ``lines`` 给出真实行列）或哪一段
    （Word 文件，``lines`` 为 None，位置写成“第N段”）。不给时按段落顺序从 1 编号。
    ``also``：别处查出的结果（红头的版头、版记），一起过滤、排序。
    """
    places = pieces if pieces is not None else [[(0, number, 0)] for number in range(1, len(paragraphs) + 1)]
    plan = _plan_sections(paragraphs)
    units = [Unit(text, file, number_at(where, 0), 1, None, report=True, pieces=tuple(where), lines=lines,
                  plan=in_plan)
             for text, where, in_plan in zip(paragraphs, places, plan, strict=True)]
    out = _run(units, year) + list(also)
    out += [_diagnostic(unit, hit) for unit in units for hit in half_width_punctuation(unit.text)]
    if any("述职" in unit.text for unit in units[:2]):  # 述职报告（标题里有“述职”）：第一人称（GEN604）
        out += [_diagnostic(unit, hit) for unit in units for hit in first_person(unit.text)]
    out += _report_structure(units)
    if year is not None:
        # 开头几段里像标题的（有“总结”“计划”和年份）：哪一个写着报告年度就对了（网页上的标题常带发布的年份）
        titles = [(unit, re.findall(r"(20\d{2})", unit.text)) for unit in units[:3]
                  if "总结" in unit.text or "计划" in unit.text]
        titles = [(unit, years) for unit, years in titles if years]
        if titles and not any(str(year) in years for _, years in titles):
            unit, years = titles[0]
            out.append(_diagnostic(unit, Hit("GEN503", ERROR, 0, len(unit.text),
                                             f"标题里的年份{years[0]}与报告年度{year}不一致。")))
    return _filter(out, set(ignore))


_PLAN_WORDS = ("计划", "思路", "打算", "安排")


def _plan_sections(paragraphs: Sequence[str]) -> list[bool]:
    """每段是否在计划部分里（一级标题里有“计划”“思路”“打算”“安排”，到下一个一级标题为止）。"""
    out: list[bool] = []
    inside = False
    for text in paragraphs:
        m1 = _L1.match(text)
        if m1 and len(m1.group(2)) <= 40:
            inside = any(word in m1.group(2) for word in _PLAN_WORDS)
        out.append(inside)
    return out


def _report_structure(units: Sequence[Unit]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    expected1, expected2 = 1, 1
    in_level1 = False
    level1_marker = ""  # 最近一个一级标题的序号原文（可能是认不出数值的“〇、”）
    seen_level2 = False
    problems: list[tuple[Unit, str]] = []
    plan_parts: list[str] = []
    section = ""
    doubtful: Unit | None = None  # 上一个一级标题之后，以“X、”开头、却不像标题的长段落
    for unit in units:
        text = unit.text
        m1, m2 = _L1.match(text), _L2.match(text)
        value = chinese_value(m1.group(1)) if m1 else 0
        head = _INLINE_HEADING.match(m1.group(2)) if m1 else None
        inline = bool(m1 and head and head.end() < len(m1.group(2).rstrip()))
        if m1 and len(m1.group(2)) > 40 and not inline and value == expected1:
            inline = True  # 序号正好接得上：是标题和正文写在了同一行
        if m1 and len(m1.group(2)) > 40 and not inline:
            doubtful = unit
        if m1 and (len(m1.group(2)) <= 40 or inline):
            if value != expected1:
                # 中间有一段以序号开头的长段落时，可能是漏认了标题：只作提示，不报错误
                severity, why = (ERROR, "") if doubtful is None else (
                    INFO, f"（前面{_where(doubtful)}以“{doubtful.text[:2]}”开头，如果那是标题，请把标题单独成行）")
                out.append(_diagnostic(unit, Hit("GEN302", severity, 0, len(m1.group(1)) + 1,
                                                 f"一级序号“{m1.group(1)}、”不连续：这里应该是第{expected1}部分。{why}")))
            if not inline and m1.group(2) and m1.group(2)[-1] in "。；，：:;,.":
                out.append(_diagnostic(unit, Hit("GEN304", WARNING, len(text) - 1, len(text),
                                                 "一级标题单独成行，末尾不加标点。")))
            expected1, expected2 = value + 1, 1
            level1_marker = m1.group(1)
            in_level1, seen_level2 = True, False
            section = re.split(r"[：:。]", m1.group(2), maxsplit=1)[0] if inline else m1.group(2)
            doubtful = None
            continue
        if m2:
            value = chinese_value(m2.group(1))
            if value != expected2:
                out.append(_diagnostic(unit, Hit("GEN302", ERROR, 0, m2.end(),
                                                 f"二级序号“{m2.group(0)}”不连续：这里应该是（{chinese_number(expected2)}）。")))
            expected2 = value + 1
            seen_level2 = True
        elif _L3.match(text) and in_level1 and not seen_level2:
            marker = level1_marker + "、"
            out.append(_diagnostic(unit, Hit("GEN305", WARNING, 0, 2,
                                             f"层级跳跃：一级标题“{marker}”之后直接用了“1.”，中间应有“（一）”。")))
            seen_level2 = True
        if "问题" in section or "不足" in section:
            problems.append((unit, text))
        elif "计划" in section or "思路" in section or "打算" in section:
            plan_parts.append(text)
    headings = [u.text for u in units if _L1.match(u.text)]
    # 工作计划（标题以“工作计划”结尾、没有“总结”）没有这两部分：主要任务、保障措施（form/kinds.py）
    plan_only = any(u.text.rstrip().endswith("计划") and "总结" not in u.text for u in units[:3])
    for label, words in () if plan_only else (("存在的问题", ("问题", "不足")),
                                              ("下一步工作计划", ("计划", "思路", "打算", "安排"))):
        if not any(any(w in h for w in words) for h in headings):
            anchor = units[0] if units else Unit("", Path("?"), 1, 1, None, True)
            out.append(_diagnostic(anchor, Hit("GEN601", ERROR, 0, 0, f"报告里没有“{label}”这一部分。")))
    if plan_parts:
        out += _problem_plan_links(problems, "".join(plan_parts))
    return out


def _filter(diagnostics: list[Diagnostic], ignore: set[str]) -> list[Diagnostic]:
    codes = {code.upper() for code in ignore}
    kept = [d for d in diagnostics if d.code not in codes]
    return sorted(kept, key=lambda d: (d.line or d.paragraph or 0, d.column or 0, d.code or ""))


def findings_to_json(diagnostics: Sequence[Diagnostic]) -> list[dict[str, Any]]:
    return [{"severity": d.severity.value, "code": d.code, "file": str(d.file) if d.file else None,
             "line": d.line, "column": d.column, "paragraph": d.paragraph, "message": d.message,
             "fix": d.hint} for d in diagnostics]


def has_errors(diagnostics: Sequence[Diagnostic], *, strict: bool = False) -> bool:
    return any(d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING)
               for d in diagnostics)
