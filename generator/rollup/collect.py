"""汇总的第一步：读入各县的表单，按“键”对齐指标，找出单位、名称不一致和缺少的指标。"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Diagnostic, FormError, GenError, Severity, display_width
from ..form.reading import load_form_file
from ..form.validate import validate_form
from ..indicators.model import Indicator
from ..indicators.sheets import sheet_spec
from ..read.located import locate


@dataclass
class County:
    """一份表单：单位名称（表格的列名）和其中的指标。"""

    path: Path
    name: str
    indicators: dict[str, Indicator]
    places: dict[str, str]  # 键 → “文件:行”
    date: dt.date  # 表单的成文日期（汇总表 Word 文件的日期属性取最晚的一个）
    year: int = 0
    kind: str = ""
    heads: dict[str, str] = field(default_factory=dict)  # 单位、年度、类型 → “文件:行”
    digest: str = ""  # 文件内容的 SHA-256：同一份表单换了名字也认得出来
    sheets: list[Path] = field(default_factory=list)  # 表单引用的指标文件（输出不能覆盖它）


@dataclass
class Collected:
    counties: list[County]
    keys: list[str]  # 按第一次出现的顺序
    warnings: list[Diagnostic] = field(default_factory=list)

    def entries(self, key: str) -> list[Indicator | None]:
        return [county.indicators.get(key) for county in self.counties]


class FormsUnreadable(FormError):
    """有表单读不进：不汇总（少一个县，全市合计就悄悄偏小），列出每份的错误和一张汇总表。"""

    def __init__(self, diagnostics: list[Diagnostic], failed: list[tuple[Path, Diagnostic]], total: int) -> None:
        super().__init__(diagnostics)
        self.failed = failed
        self.total = total

    def closing_lines(self) -> list[str]:
        """与 gen report 整批生成的汇总表同样的格式：成功、失败各几份，每份失败的第一个错误。"""
        rows = [(str(path), _first(diagnostic)) for path, diagnostic in self.failed]
        width = max(display_width(form) for form, _ in [("表单", ""), *rows])
        lines = [f"共 {self.total} 份表单：读入 {self.total - len(rows)} 份，失败 {len(rows)} 份。",
                 f"  结果  {_pad('表单', width)}  第一个错误"]
        lines += [f"  失败  {_pad(form, width)}  {reason}" for form, reason in rows]
        lines.append("有表单读不进，没有汇总，也没有写出任何文件：少了哪个县，全市合计就会偏小。"
                     "请改正上面的错误后重新运行。")
        return lines


def _first(diagnostic: Diagnostic) -> str:
    message = diagnostic.message.partition("\n")[0]
    return f"{diagnostic.location}: {message}" if diagnostic.location else message


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


Progress = Callable[[Path, int, int, bool], None]
"""每读完一份表单调用：``progress(表单, 已读份数, 总份数, 是否有错误)``。"""


def read_counties(paths: Sequence[Path], progress: Progress | None = None) -> list[County]:
    """逐份读入；有错误的表单一起报告（每份都带自己的文件和行号），不汇总。"""
    counties: list[County] = []
    problems: list[Diagnostic] = []
    failed: list[tuple[Path, Diagnostic]] = []
    for done, path in enumerate(paths, 1):
        try:
            loaded = load_form_file(path)
            form, _warnings = validate_form(loaded)
        except GenError as exc:
            problems.extend(exc.diagnostics)
            errors = [d for d in exc.diagnostics if d.severity is Severity.ERROR] or exc.diagnostics
            failed.append((path, errors[0]))
            if progress:
                progress(path, done, len(paths), True)
            continue
        if progress:
            progress(path, done, len(paths), False)
        places: dict[str, str] = {}
        for index, indicator in enumerate(form.indicators):
            line, _, exact = locate(loaded.data, ("指标", index, "键"))
            places[indicator.key] = f"{path}:{line}" if exact else str(path)
        heads = {}
        for head, key in (("单位", "单位"), ("年度", "年度"), ("类型", "季度" if form.quarter else "类型")):
            line, _, exact = locate(loaded.data, (key,))
            heads[head] = f"{path}:{line}" if exact else str(path)
        # 不同季度、不同主题的数也不能相加：类型里带上季度或主题
        kind = form.kind.value + (f"（{form.quarter_name}）" if form.quarter else "") + (
            f"（主题：{form.topic}）" if form.topic else "")
        sheets = sheet_paths(path, loaded.data)
        digest = hashlib.sha256(loaded.source.text.encode("utf-8")).hexdigest()
        counties.append(County(path, form.unit, {i.key: i for i in form.indicators}, places, form.date,
                               form.year, kind, heads, digest, sheets))
    if failed:
        raise FormsUnreadable(problems, failed, len(paths))
    return counties


def sheet_paths(form: Path, data: object) -> list[Path]:
    """表单里“指标文件”指向的表格（相对表单所在的文件夹）。"""
    if not isinstance(data, dict) or data.get("指标文件") is None:
        return []
    spec = sheet_spec(data["指标文件"])
    return [] if isinstance(spec, str) else [form.parent / spec[0]]


def collect(counties: list[County]) -> Collected:
    """按键对齐，并列出不一致之处（警告）。"""
    keys: dict[str, None] = {}
    for county in counties:
        keys.update(dict.fromkeys(county.indicators))
    result = Collected(counties, list(keys))
    for key in result.keys:
        present = [(c, c.indicators[key]) for c in counties if key in c.indicators]
        first_county, first = present[0]
        for county, indicator in present[1:]:
            for label, mine, theirs in (("名称", first.name, indicator.name),):
                if mine.strip() != theirs.strip():
                    result.warnings.append(Diagnostic(
                        f"指标“{key}”的{label}不一致：{first_county.places[key]} 是“{mine}”，"
                        f"{county.places[key]} 是“{theirs}”。请统一后再汇总"
                        + ("（合计是把数字直接相加的）。" if label == "单位" else "。"),
                        severity=Severity.WARNING))
        missing = [c for c in counties if key not in c.indicators]
        if missing:
            names = "、".join(f"{c.name}（{c.path}）" for c in missing)
            result.warnings.append(Diagnostic(
                f"指标“{key}”在 {names}里没有，合计只包括填了它的 {len(present)} 份表单。",
                severity=Severity.WARNING))
    return result
