"""表单整体的规则：成文日期（GEN502、GEN504，随类型：form/kinds.py 的 date_window）、标题年份（GEN503）、
标题里的季度（GEN505、GEN506）、单位和署名像不像机关名称（GEN603）、述职报告的第一人称（GEN604）。

代码表见 :mod:`generator.checks`。
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..errors import Diagnostic, Severity
from ..form.dates import cn_day
from ..form.kinds import DEBRIEF, PLAN, date_window, period_name
from ..form.kinds import period_end as kind_period_end
from ..form.models import Form, ReportKind
from ..form.organ import NOT_ORGAN_END, split_organ
from ..form.periods import quarter_name, title_quarter
from ..read.loader import LoadedForm
from ..read.located import locate
from .rules import Hit

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def period_end(form: Form) -> dt.date:
    return kind_period_end(form.kind.value, form.year, form.quarter)


def form_dates(loaded: LoadedForm, form: Form) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    source = loaded.source
    start, end = date_window(form.kind.value, form.year, form.quarter)
    ahead = form.kind.value in (PLAN, DEBRIEF)  # 计划写在年度之前，述职在年末：没有“总结期末”
    if not ahead and form.date < period_end(form):
        line, column, _ = locate(loaded.data, ("日期",))
        out.append(source.diagnostic(
            f"成文日期 {form.date.isoformat()} 早于总结期末（{period_end(form).isoformat()}），请核对日期或年度。",
            line, column, severity=WARNING, code="GEN502"))
    elif ahead and form.date < start:
        line, column, _ = locate(loaded.data, ("日期",))
        out.append(source.diagnostic(
            f"成文日期 {form.date.isoformat()} 早于{form.year}年{form.kind.value}通常的成文时间"
            f"（{cn_day(start)}至{cn_day(end)}），请核对日期或年度。", line, column, severity=WARNING,
            code="GEN502", hint=f"应为：{cn_day(start)}至{cn_day(end)}之间的日期，或改“年度”"))
    name = period_name(form.kind.value, form.quarter)
    if form.date > end:
        line, column, _ = locate(loaded.data, ("日期",))
        out.append(source.diagnostic(
            f"成文日期 {form.date.isoformat()} 晚于{form.year}年{name}通常的成文时间"
            f"（{cn_day(start)}至{cn_day(end)}），请核对日期或年度。", line, column, severity=WARNING,
            code="GEN504", hint=f"应为：{cn_day(start)}至{cn_day(end)}之间的日期，或改“年度”"))
    if form.title:
        years = re.findall(r"(20\d{2})\s*年", form.title)
        if years and int(years[0]) != form.year:
            line, column, _ = locate(loaded.data, ("标题",))
            out.append(source.diagnostic(
                f"标题里的年份是{years[0]}年，而“年度”填的是{form.year}。", line, column,
                severity=ERROR, code="GEN503", hint=f"应为：标题里写{form.year}年，或改“年度”"))
        out += title_quarter_rules(loaded, form, form.title)
    return out


def title_quarter_rules(loaded: LoadedForm, form: Form, title: str) -> list[Diagnostic]:
    """标题里的季度与“季度”不同（GEN505）；不是季度工作总结，标题却写着一个季度（GEN506）。"""
    said = title_quarter(re.sub(r"\s+", "", title))
    if said is None:
        return []
    line, column, _ = locate(loaded.data, ("标题",))
    if form.kind is ReportKind.QUARTER and form.quarter and said != form.quarter:
        return [loaded.source.diagnostic(
            f"标题里写的是{quarter_name(said)}，而“季度”填的是{form.quarter}（{form.quarter_name}）。", line, column,
            severity=ERROR, code="GEN505", hint=f"应为：标题里写{form.quarter_name}，或把“季度”改为 {said}")]
    if form.kind not in (ReportKind.QUARTER, ReportKind.PLAN, ReportKind.DEBRIEF):  # 季度的工作计划另当别论
        return [loaded.source.diagnostic(
            f"标题里写的是{quarter_name(said)}，而“类型”是{form.kind.value}：期末、成文时间和各部分的名称都按"
            f"{form.kind.value}处理。", line, column, severity=WARNING, code="GEN506",
            hint=f"应为：类型: 季度工作总结 和 季度: {said}，或改标题")]
    return []


def organ_names(loaded: LoadedForm, form: Form) -> list[Diagnostic]:
    """“单位”“署名”要是机关的名称：以“工作”“总结”“年”“情况”结尾的，多半是从标题里多取了字。"""
    out: list[Diagnostic] = []
    for key, value in (("单位", form.unit), ("署名", form.signature)):
        match = NOT_ORGAN_END.search(value or "")
        if value is None or match is None:
            continue
        line, column, _ = locate(loaded.data, (key,))
        out.append(loaded.source.diagnostic(
            f"“{key}”填的是“{value}”，末尾的“{match.group(1)}”不是机关名称的一部分，落款会印成这样。"
            f"请写单位全称，如 贡觉县卫生健康委员会。", line, column, severity=WARNING, code="GEN603",
            hint=f"应为：{split_organ(value)[0]}" if split_organ(value)[1] else None))
    return out


# 述职报告是个人向组织汇报：句首以单位作主语（“我局组织……”）多半是从单位总结里搬来的
_ORGAN_SUBJECT = re.compile(r"(?:^|(?<=[。；！？，：]))(我局|我委|我院|我中心|我单位|本局|本委|本单位)")


def first_person(text: str) -> Iterator[Hit]:
    """GEN604：述职报告里句首的“我局”“我委”……，应为“本人”“我”（第一人称）。"""
    for match in _ORGAN_SUBJECT.finditer(text):
        yield Hit("GEN604", WARNING, match.start(), match.end(),
                  f"述职报告是述职人本人的汇报，用第一人称“本人”“我”；句首的“{match.group(1)}”说的是单位，"
                  "像是从单位的工作总结里搬来的。", "应为：本人（或 我）；说的确实是单位时，写成“带领全局干部职工……”")
