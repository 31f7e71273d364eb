"""正式公文的版头、主送机关和版记（表单的“公文:”，GB/T 9704-2012 §7.2–§7.4）：GEN801–GEN810。

| 代码 | 程度 | 检查什么 |
|---|---|---|
| GEN801 | 错误 | 发文字号不是“机关代字〔年份〕序号号”：括号不是〔〕、年份不是 4 位、序号前有 0 或“第”、缺代字或“号” |
| GEN802 | 错误 | 发文字号里的年份与成文日期（“日期”）的年份不同 |
| GEN803 | 错误 | 写了签发人（上行文）却没写主送机关 |
| GEN804 | 错误 | 印发日期早于成文日期 |
| GEN805 | 警告 | 印发日期比成文日期晚 30 天以上 |
| GEN806 | 错误 | 写了保密期限却没写密级 |
| GEN807 | 错误 | 份号不是 6 位阿拉伯数字 |
| GEN808 | 警告 | 发文机关标志不以“文件”结尾 |
| GEN809 | 警告 | 抄送机关里有主送机关 |
| GEN810 | 错误 | 版记不全：写了抄送机关、印发机关、印发日期中的一项，却缺印发机关或印发日期 |

值可能来自单位模板的 ``模板.yaml``（“公文:”一组，表单里写的优先）：
表单里没写的那一项指向表单的“模板:”一行，并说明来自模板。
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from ..errors import Diagnostic, Severity
from ..form.dates import cn_day
from ..form.frame import Frame
from ..form.models import Form
from ..read.loader import LoadedForm
from ..read.located import locate

ERROR, WARNING = Severity.ERROR, Severity.WARNING

PRINT_DELAY = 30  # 印发日期晚于成文日期这么多天以上：提醒核对（通常当天或几天之内印发）

# 发文字号：机关代字〔年份〕序号号
NUMBER = re.compile(r"^(?P<code>[^\s〔〕\[\]()（）【】{}<>]+)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号$")
# 宽松的写法：括号可以是 [] () （） 【】 〔〕 {}，年份位数不限，序号前可以有“第”和 0
_LOOSE = re.compile(r"^(?P<code>[^\s〔〕\[\]()（）【】{}<>]*)\s*(?P<open>[〔\[(（【{<])\s*(?P<year>\d+)\s*"
                    r"(?P<close>[〕\])）】}>])\s*(?P<di>第?)\s*(?P<seq>\d+)\s*(?P<hao>号?)$")


@dataclass(frozen=True)
class NumberParts:
    """一个发文字号认出来的各部分（写法不一定对）。"""

    code: str
    year: str
    seq: str
    problems: tuple[str, ...]

    def fixed(self, year: int | None = None) -> str | None:
        """改对了的写法；机关代字缺了、年份认不出时为 None。"""
        if not self.code:
            return None
        shown = str(year) if year is not None else self.year
        if len(shown) == 2:
            shown = "20" + shown
        if len(shown) != 4:
            return None
        return f"{self.code}〔{shown}〕{int(self.seq)}号"


def parse_number(text: str) -> NumberParts | None:
    """拆开一个发文字号，列出写法上的毛病；完全不像发文字号时为 None。"""
    text = text.strip()
    match = NUMBER.match(text)
    if match:
        return NumberParts(match["code"], match["year"], match["seq"], ())
    loose = _LOOSE.match(text)
    if loose is None:
        return None
    problems: list[str] = []
    if not loose["code"]:
        problems.append("前面缺少机关代字（如 某卫健发）")
    if (loose["open"], loose["close"]) != ("〔", "〕"):
        problems.append(f"年份要用六角括号〔〕括起来，不能用“{loose['open']}{loose['close']}”")
    if len(loose["year"]) != 4:
        problems.append(f"年份要写全 4 位，如〔2025〕，不能写“{loose['year']}”")
    if loose["di"]:
        problems.append("序号前不加“第”")
    if loose["seq"].startswith("0"):
        problems.append(f"序号不编虚位，“{loose['seq']}”要写成“{int(loose['seq'])}”")
    if int(loose["seq"]) == 0:
        problems.append("序号从 1 编起")
    if not loose["hao"]:
        problems.append("序号后面要有“号”字")
    if text != text.replace(" ", "").replace("\u3000", ""):
        problems.append("中间不留空格")
    return NumberParts(loose["code"], loose["year"], loose["seq"], tuple(problems) or ("写法不规范",))


class _Place:
    """表单里“公文”各项的位置；值来自单位模板时指向“模板:”那一行。"""

    def __init__(self, loaded: LoadedForm) -> None:
        self.loaded = loaded

    def written(self, key: str) -> bool:
        return locate(self.loaded.data, ("公文", key))[2]

    def __call__(self, key: str, message: str, code: str, severity: Severity = ERROR,
                 hint: str | None = None) -> Diagnostic:
        data = self.loaded.data
        if not self.written(key):
            line, column, found = locate(data, ("模板",))
            if found:
                message += f"（“{key}”来自单位模板的 模板.yaml，可以在表单的“公文:”下面写上“{key}”改掉它）"
            else:
                line, column, _ = locate(data, ("公文",))
        else:
            line, column, _ = locate(data, ("公文", key))
        return self.loaded.source.diagnostic(message, line, column, severity=severity, hint=hint, code=code)


class _At(Protocol):
    def __call__(self, key: str, message: str, code: str, severity: Severity = ERROR,
                 hint: str | None = None) -> Diagnostic: ...


def frame_checks(loaded: LoadedForm, form: Form) -> list[Diagnostic]:
    """“公文:”一组各项的写法和彼此、与成文日期的关系。没有“公文:”时什么也不查。"""
    frame = form.frame
    if frame is None:
        return []
    return frame_findings(frame, form.date, _Place(loaded))


def report_frame_checks(keys: dict[str, Any], date_text: object, places: dict[str, int], *, file: Path,
                        paragraphs: Sequence[str], lines: Sequence[str] | None) -> list[Diagnostic]:
    """写好的报告（经 gen import 认出的版头、版记，见 generator.importer.frame）：同样的规则。

    ``places``：各项所在的段落（原文的第几段，从 0 起）；文本文件按行列，Word 文件按“第N段”（不计空段落）。"""
    try:
        frame = Frame.model_validate(keys)
    except ValidationError:
        return []
    try:
        date = dt.date.fromisoformat(str(date_text)) if date_text else None
    except ValueError:
        date = None

    def at(key: str, message: str, code: str, severity: Severity = ERROR, hint: str | None = None) -> Diagnostic:
        index = places.get(key, places.get("发文字号"))
        if index is None:
            return Diagnostic(message, severity, file, code=code, hint=hint)
        if lines is not None:
            return Diagnostic(message, severity, file, index + 1, 1, lines[index], code, hint)
        number = sum(1 for text in paragraphs[: index + 1] if text.strip())
        return Diagnostic(message, severity, file, code=code, hint=hint, paragraph=number)

    return frame_findings(frame, date, at)


def frame_findings(frame: Frame, date: dt.date | None, at: _At) -> list[Diagnostic]:
    """各条规则；``at(键, 消息, 代码, 程度, 改法)`` 给出定位好的诊断。没有成文日期时不查与它有关的几条。"""
    out = _number(frame, date, at)
    if frame.upward and not frame.main_recipient:
        out.append(at("签发人", "写了“签发人”就是上行文（报上级机关），上行文必须写“主送机关”。", "GEN803",
                      hint="在“公文:”下面加一行 主送机关: 上级机关的全称或规范化简称，如 市卫生健康委员会"))
    out += _print_date(frame, date, at)
    if frame.secrecy_term and not frame.secrecy:
        out.append(at("保密期限", f"写了“保密期限: {frame.secrecy_term}”却没写“密级”：保密期限只和密级一起标注。",
                      "GEN806", hint="加上 密级: 秘密（或 机密、绝密），不涉密就删掉“保密期限”"))
    if frame.copy_number is not None and not re.fullmatch(r"\d{6}", frame.copy_number):
        digits = re.sub(r"\D", "", frame.copy_number)
        hint = f"应为：{int(digits):06d}" if digits and len(digits) <= 6 else "份号写 6 位阿拉伯数字，如 000001"
        out.append(at("份号", f"份号“{frame.copy_number}”不是 6 位阿拉伯数字（GB/T 9704 7.2.1）。", "GEN807",
                      hint=hint))
    for mark in frame.organ_marks:
        if not mark.endswith("文件"):
            out.append(at("发文机关标志", f"发文机关标志“{mark}”没有以“文件”结尾；通常写机关名称加“文件”二字。",
                          "GEN808", WARNING, hint=f"应为：{mark}文件（确实不加“文件”的可以忽略这一条）"))
    if frame.main_recipient and frame.main_recipient in frame.copies_to:
        out.append(at("抄送机关", f"“{frame.main_recipient}”已经是主送机关，又写在了抄送机关里。", "GEN809",
                      WARNING, hint=f"从“抄送机关”里删掉“{frame.main_recipient}”"))
    out += _imprint(frame, at)
    return out


def _number(frame: Frame, date: dt.date | None, at: _At) -> list[Diagnostic]:
    if frame.number is None:
        return []
    parts = parse_number(frame.number)
    if parts is None:
        return [at("发文字号", f"发文字号“{frame.number}”认不出来：应写成 机关代字〔年份〕序号号。", "GEN801",
                   hint=f"如 某卫健发〔{date.year if date else 2025}〕3号：六角括号，年份 4 位，序号不编虚位、"
                        "不加“第”")]
    out: list[Diagnostic] = []
    if parts.problems:
        fixed = parts.fixed(date.year if date else None)  # 年份也按成文日期改（与 GEN802 的改法一致）
        out.append(at("发文字号", f"发文字号“{frame.number}”：" + "；".join(parts.problems) + "。", "GEN801",
                      hint=f"应为：{fixed}" if fixed else "写成 机关代字〔年份〕序号号，如 某卫健发〔2025〕3号"))
    year = int(parts.year) if len(parts.year) == 4 else 2000 + int(parts.year) if len(parts.year) == 2 else None
    if date is not None and year is not None and year != date.year:
        fixed = parts.fixed(date.year)
        out.append(at("发文字号", f"发文字号里的年份是{parts.year}，成文日期（“日期”）是{cn_day(date)}，"
                                  "两者应当是同一年。", "GEN802",
                      hint=f"应为：{fixed}，或改“日期”" if fixed else "改发文字号的年份或“日期”"))
    return out


def _print_date(frame: Frame, date: dt.date | None, at: _At) -> list[Diagnostic]:
    printed = frame.print_date
    if printed is None or date is None:
        return []
    if printed < date:
        return [at("印发日期", f"印发日期{cn_day(printed)}早于成文日期{cn_day(date)}：公文先成文后印发。", "GEN804",
                   hint=f"应为：{date.isoformat()} 或之后的日期，或改“日期”")]
    if (printed - date).days > PRINT_DELAY:
        return [at("印发日期", f"印发日期{cn_day(printed)}比成文日期{cn_day(date)}晚了{(printed - date).days}天，"
                               "通常成文后几天之内就印发，请核对。", "GEN805", WARNING,
                   hint=f"应为：{date.isoformat()} 之后{PRINT_DELAY}天之内的日期，或改“日期”")]
    return []


def _imprint(frame: Frame, at: _At) -> list[Diagnostic]:
    """版记（GB/T 9704 7.4）：写了其中一项，印发机关和印发日期就都要有（版记的最后一行）。"""
    given: Sequence[tuple[str, object]] = (("抄送机关", frame.copies_to), ("印发机关", frame.printer),
                                           ("印发日期", frame.print_date))
    written = [key for key, value in given if value]
    missing = [key for key in ("印发机关", "印发日期") if key not in written]
    if not written or not missing:
        return []
    what = "和".join(missing)
    example = {"印发机关": "印发机关: 某某县卫生健康委员会办公室", "印发日期": "印发日期: 2025-01-08"}
    return [at(written[0], f"写了“{'”“'.join(written)}”，版记就要排出来，版记的最后一行是印发机关和印发日期："
                           f"还缺“{what}”（GB/T 9704 7.4.3）。", "GEN810",
               hint="在“公文:”下面加上 " + "，".join(example[key] for key in missing))]
