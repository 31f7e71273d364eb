"""各步串起来的那一条链，只写这一次：读取 → 校验 → 计算 → 渲染 → 写出。

每一步是下面一层的一个文件夹（:mod:`generator.read`、:mod:`generator.form`、:mod:`generator.compute`、
:mod:`generator.render`、:mod:`generator.write`）；``gen report``、``gen check``、``gen edit``、整批生成和
汇总都从这里取用同一条链，不各写一遍。渲染（Jinja、Markdown 解析）在用到时才导入：``gen check`` 不导入它们。
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .compute import ComputedForm, compute, indicator_names, reference_problems
from .errors import ContentError, Diagnostic, FormError, OutputError, Severity, StyleError
from .form.models import Form
from .form.reading import load_form_file, parse_form
from .form.unfilled import unfilled
from .form.validate import validate_form
from .gcpause import paused_gc
from .indicators.figures import Figure
from .read.filekind import Kind, detect, form_notice, require_form
from .read.loader import LoadedForm, SlipsFound, decode_source
from .read.located import locate
from .write.output import plan_outputs, preflight, write_generated
from .write.style_profile import StyleProfile, load_profile

if TYPE_CHECKING:
    from .render.bureau import Bureau
    from .render.document import Document

__all__ = ["PreparedReport", "Report", "build", "build_report", "build_report_from_data", "check_file",
           "computed", "document_of", "indicator_table", "load_form_file", "one_each", "parse_form", "prepare_report",
           "validated", "with_bureau", "write_report"]


# ---------------------------------------------------------------- 读取 → 校验 → 计算


def validated(loaded: LoadedForm) -> tuple[Form, list[Diagnostic]]:
    """校验一份读入的表单：没填完的“请补写”、格式错误都在这里带位置一次抛出；返回表单和警告。

    “请补写”所在的那一处不再另报“日期格式不对”之类的校验错误（说的是同一件事）。"""
    blanks = unfilled(loaded)
    try:
        checked = validate_form(loaded)
    except FormError as exc:
        raise FormError(one_each(blanks, exc.diagnostics)) from None
    if blanks:
        raise FormError(blanks)
    return checked


def one_each(first: Sequence[Diagnostic], *later: Sequence[Diagnostic]) -> list[Diagnostic]:
    """几组诊断合成一组：``first`` 所在的行上不再报后面各组的问题（多半是同一处错误引起的），
    其余每个位置只报第一条；按行列排好。"""
    lines = {d.line for d in first if d.line is not None}
    out = list(first)
    seen = {(d.line, d.column) for d in first}
    for group in later:
        for d in group:
            if d.line in lines or (d.line is not None and (d.line, d.column) in seen):
                continue
            seen.add((d.line, d.column))
            out.append(d)
    return sorted(out, key=lambda d: (d.line or 0, d.column or 0))


def computed(loaded: LoadedForm, checked: tuple[Form, list[Diagnostic]] | None = None) -> ComputedForm:
    """校验（已经校验过时给出 ``checked``）并计算：代入引用，算出同比、完成率等派生数字。"""
    return compute(loaded, *(checked or validated(loaded)))


# ---------------------------------------------------------------- → 渲染


@dataclass
class Report:
    """一份已经渲染好的总结：表单、派生数字、中间结构和警告。"""

    source: LoadedForm
    form: Form
    figures: dict[str, Figure]
    document: Document
    warnings: list[Diagnostic]
    bureau: Bureau | None = None

    def markdown(self) -> str:
        from .write.markdown import to_markdown

        return to_markdown(self.document)

    def docx(self, profile: StyleProfile | None = None, *, marked: bool = False) -> bytes:
        """Word 文件的字节；``marked`` 时带上 gen 的记号（写盘用，见 generator.write.ownership）。"""
        from .write.word import build_docx  # 只在生成 Word 时才导入

        return build_docx(self.document, self.form, profile or load_profile(), marked=marked)


def indicator_table(result: ComputedForm) -> list[list[str]]:
    """指标表的各行（文字已按表格的写法排好）。"""
    from .render.render import indicator_rows

    return indicator_rows(result.form, result.figures)


def document_of(result: ComputedForm, rows: list[list[str]] | None = None,
                bureau: Bureau | None = None) -> Document:
    """计算好的表单 → 中间结构（模板渲染成带标注的 Markdown，再解析成段落和表格）。
    ``rows`` 是已经算好的 :func:`indicator_table`（编辑页面的表格旁也要用，不算两遍）；
    ``bureau`` 是 :func:`bureau_of` 找到的单位模板。"""
    from .render.render import render_document

    return render_document(result.form, extra={"indicator_rows": indicator_table(result) if rows is None else rows},
                           bureau=bureau)


def bureau_of(loaded: LoadedForm, form: Form, override: str | Path | None = None) -> Bureau | None:
    """这份表单要用的单位模板（命令行 --template 优先，其次表单的“模板”）；没有时为 None。

    找不到模板、模板.yaml 写错、模板不适用于这一类型、表单缺了模板要求的部分，都带位置报错
    （见 generator.render.bureau）。
    """
    if override is not None and Path(override).is_dir():  # 命令行给的路径相对于当前文件夹
        override = Path(override).absolute()
    name = str(override) if override is not None else form.template
    if not name:
        if form.parts:
            line, column = locate(loaded.data, ("增加部分",))[:2]
            raise FormError(loaded.source.diagnostic(
                "“增加部分”只在用单位模板时才有意义：请在表单里写上“模板: 模板名”，或删掉“增加部分”。", line, column))
        return None
    from .render.bureau import find_template, load_template, part_problems

    source = loaded.source
    line, column = locate(loaded.data, ("模板",))[:2] if override is None else (None, None)

    def here(message: str) -> Diagnostic:
        return source.diagnostic(message, line, column) if line is not None else Diagnostic(message, file=source.path)

    try:
        bureau = load_template(find_template(name, source.path.parent))
    except FormError as exc:
        raise FormError([d if d.file is not None else here(d.message) for d in exc.diagnostics]) from None
    if form.kind not in bureau.spec.kinds:
        kinds = "、".join(kind.value for kind in bureau.spec.kinds)
        raise FormError(here(f"模板“{bureau.spec.name}”只适用于{kinds}，这份表单的类型是{form.kind.value}。"
                             "请换一套模板，或在模板.yaml 的“适用类型”里加上它。"))
    problems = [(path, message) for path, message in part_problems(bureau, form)]
    if problems:
        raise FormError([source.diagnostic(message, *locate(loaded.data, path)[:2]) for path, message in problems])
    return bureau


def with_bureau(result: ComputedForm, bureau: Bureau | None) -> ComputedForm:
    """表单的“公文:”补上单位模板的“公文:”（表单写了的优先，见 generator.render.bureau）。"""
    if bureau is None or bureau.spec.frame is None:
        return result
    from .render.bureau import with_template_frame

    return dataclasses.replace(result, form=with_template_frame(result.form, bureau))


def build(loaded: LoadedForm, *, template: str | Path | None = None) -> Report:
    """整条链：读入的表单 → 渲染好的总结。``template``：命令行指定的单位模板。"""
    result = computed(loaded)
    bureau = bureau_of(loaded, result.form, template)
    result = with_bureau(result, bureau)
    return Report(source=loaded, form=result.form, figures=result.figures,
                  document=document_of(result, bureau=bureau), warnings=result.warnings, bureau=bureau)


def build_report(path: Path, *, template: str | Path | None = None) -> Report:
    """读取表单文件并渲染。"""
    return build(read_all(path), template=template)


def read_all(path: Path) -> LoadedForm:
    """读表单；读取阶段有问题时，接着在修好的数据上校验，把读取、校验、引用的问题一起报出（一次报全）。"""
    try:
        return load_form_file(path)
    except SlipsFound as exc:
        if exc.partial is None:
            raise
        names = indicator_names(exc.partial)
        try:
            validated(exc.partial)
        except FormError as more:
            raise FormError(one_each(exc.diagnostics, more.diagnostics,
                                     reference_problems(exc.partial, names))) from None
        raise FormError(one_each(exc.diagnostics, reference_problems(exc.partial, names))) from None


def build_report_from_data(data: dict[str, Any], *, name: str = "表单.yaml") -> Report:
    """从 Python 字典（中文键，与表单相同）渲染；错误位置指向字典转成 YAML 后的行。"""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.width = sys.maxsize  # 不折行：错误位置与一段文字一一对应，续行也不会以全角空格开头
    buffer = io.StringIO()
    yaml.dump(_plain_for_yaml(data), buffer)
    return build(parse_form(decode_source(buffer.getvalue().encode("utf-8"), Path(name))))


def _plain_for_yaml(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain_for_yaml(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_for_yaml(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is not None and not isinstance(value, (str, int, float, bool)):
        return str(value)
    return value


# ---------------------------------------------------------------- 检查（gen check）


def check_file(path: Path, *, ignore: Sequence[str] = ()) -> list[Diagnostic]:
    """检查表单（校验 + 内容检查）或写好的报告（经导入器读入，按段检查）。

    表单格式错误时抛出 :class:`FormError`；内容问题作为诊断返回（含严重程度）。不导入渲染。
    """
    with paused_gc():
        return _check_file(path, ignore=ignore)


def _check_file(path: Path, *, ignore: Sequence[str]) -> list[Diagnostic]:
    from .checks import check_blanks, check_form, check_paragraphs
    from .checks.frame_rules import report_frame_checks

    if detect(path) is Kind.FORM:
        notice = form_notice(path)
        slips: list[Diagnostic] = []
        try:
            loaded = load_form_file(path)  # 循环回收已由 check_file 暂停（见 gcpause）
        except SlipsFound as exc:  # 一次报全：修好打字问题的那几行，接着校验和检查
            if exc.partial is None:
                raise
            loaded, slips = exc.partial, exc.diagnostics
        names = indicator_names(loaded)  # 校验之前取（校验会改动数据）
        try:
            result = computed(loaded)  # 代入前的表单不再留着（大表单上几十 MB）
        except FormError as exc:  # 校验没通过也要报出正文里没填的占位符
            raise FormError(one_each(slips, exc.diagnostics, reference_problems(loaded, names),
                                     check_blanks(loaded, ignore=ignore))) from None
        bureau = bureau_of(loaded, result.form)  # 单位模板找得到、适用，模板要求的部分都填了
        found = result.warnings + check_form(loaded, with_bureau(result, bureau).form, ignore=ignore)
        if slips:
            raise FormError(one_each(slips, found))
        return ([notice] if notice else []) + found
    from .importer import import_report

    imported = import_report(path)
    year = imported.form.get("年度")
    lines = imported.source.lines
    if lines is not None:  # 文本文件：原文序号就是行号 - 1
        pieces = [[(offset, index + 1, skip) for offset, index, skip in origin] for origin in imported.origins]
    else:  # Word：第几段，不计空段落（办事员在 Word 里数得出来的段落）
        numbers = list(itertools.accumulate(1 if p.strip() else 0 for p in imported.source.paragraphs))
        pieces = [[(offset, max(1, numbers[index]), skip) for offset, index, skip in origin]
                  for origin in imported.origins]
    frame = imported.form.get("公文")  # 红头文件：版头、版记同样检查（GEN801–GEN810）
    framed = report_frame_checks(frame, imported.form.get("日期"), imported.frame_places, file=path,
                                 paragraphs=imported.source.paragraphs, lines=lines) if frame else []
    return imported.source.notices + check_paragraphs(
        imported.paragraphs, file=path, year=year if isinstance(year, int) else None, ignore=ignore,
        pieces=pieces, lines=lines, also=framed)


# ---------------------------------------------------------------- → 写出（gen report）


def report_profile(report: Report, override: Path | None) -> StyleProfile:
    """读取这份报告要用的版式。版式文件本身读不进来（找不到、不是普通文件……）时，
    错误指向表单里写“样式”的那一行，办事员知道该改哪里。"""
    try:
        profile = load_profile(style_path(report, override))
    except StyleError as exc:
        if override is not None or not report.form.style:
            raise
        line, column, _ = locate(report.source.data, ("样式",))
        raise StyleError([
            d if d.line is not None else report.source.source.diagnostic(
                f"“样式”指定的版式文件读不进来：{d.message}", line, column)
            for d in exc.diagnostics]) from None
    reference = report.bureau.reference_docx() if report.bureau else None
    if reference is not None:  # 单位的参考 Word 文件：只取字体，版面仍按 GB/T 9704（见 write/word/reference.py）
        from .write.word.reference import read_reference

        report.warnings += read_reference(reference).apply(profile, reference)
    font = report.bureau.spec.body_font if report.bureau else None
    if font:  # 单位模板换正文字体：原来与正文同一字体的（三级标题、表格）一起换
        old = profile.fonts.body
        for name in ("body", "heading2", "heading3", "table"):
            if getattr(profile.fonts, name) == old:
                setattr(profile.fonts, name, font)
    return profile


def style_path(report: Report, override: Path | None) -> Path | None:
    """版式配置：命令行 --style 优先，其次表单的“样式”（相对于表单所在文件夹），再次单位模板里的版式。"""
    if override is not None:
        return override
    if report.form.style:
        return report.source.source.path.parent / report.form.style
    return report.bureau.style_path() if report.bureau else None


@dataclass
class PreparedReport:
    """一份报告在写盘之前的全部内容：输出目标、各格式的字节（PDF 待转换时 ``word`` 是它的 Word 原稿）。"""

    warnings: list[Diagnostic]
    targets: dict[str, Path]
    contents: dict[str, bytes]
    word: bytes | None
    profile: StyleProfile


def prepare_report(path: Path, formats: Sequence[str] = ("docx",), output: Path | str | None = None,
                   *, style: Path | None = None, force: bool = False,
                   overwrite: bool = False,
                   template: str | Path | None = None) -> tuple[Report, PreparedReport]:
    """读表单、检查内容、检查输出目标，在内存里生成 docx 和 md（PDF 只准备好 Word 原稿），不写盘。
    ``overwrite``：覆盖不是 gen 写的（或写后改过的）同名文件，但内容有错误时照样不生成（与 ``force`` 不同）；
    ``template``：单位模板（命令行 --template），优先于表单的“模板”。"""
    with paused_gc():
        return _prepare_report(path, formats, output, style=style, force=force, overwrite=overwrite,
                               template=template)


def _prepare_report(path: Path, formats: Sequence[str], output: Path | str | None,
                    *, style: Path | None, force: bool, overwrite: bool,
                    template: str | Path | None) -> tuple[Report, PreparedReport]:
    from .checks import check_form

    notice = require_form(path, "report")
    targets = plan_outputs(path, formats, output)
    report = build_report(path, template=template)
    report.warnings[:0] = [notice] if notice else []
    report.warnings += check_form(report.source, report.form)
    errors = [d for d in report.warnings if d.severity is Severity.ERROR]
    if errors and not force:
        raise ContentError(report.warnings)
    preflight(targets.values(), force=force or overwrite)
    profile = report_profile(report, style)  # 只要 Markdown 时也读：“样式”写错了照样指出来（默认版式有缓存）
    if "pdf" in targets:
        from .write.pdf import find_soffice

        find_soffice()  # 没有 LibreOffice 时立即说明，不白白生成其他格式
    contents: dict[str, bytes] = {}
    word: bytes | None = None
    for fmt in targets:
        if fmt == "md":
            contents[fmt] = report.markdown().encode("utf-8")
        elif fmt == "docx":
            contents[fmt] = report.docx(profile, marked=True)  # 写盘时不必再解包加记号
        elif fmt == "pdf":
            word = report.docx(profile)
        else:
            raise OutputError(Diagnostic(f"不支持的输出格式：{fmt}。可用的格式有 docx、md、pdf。"))
    return report, PreparedReport(report.warnings, targets, contents, word if "pdf" in targets else None, profile)


def write_report(path: Path, formats: Sequence[str] = ("docx",), output: Path | str | None = None,
                 *, style: Path | None = None, force: bool = False,
                 overwrite: bool = False, template: str | Path | None = None) -> tuple[Report, list[Path]]:
    """生成并写出文件，返回报告和写出的绝对路径。

    先在内存里生成全部格式（PDF 由 LibreOffice 在临时文件夹里转换），全部成功后才开始写盘，
    且全部写成或全部不变（见 :func:`generator.write.output.write_generated`）。不是 gen 写的同名文件不会被覆盖，
    除非 ``force``（它同时表示内容检查有错误时仍然生成）或 ``overwrite``（只表示覆盖，见 :func:`prepare_report`）。
    """
    report, prepared = prepare_report(path, formats, output, style=style, force=force, overwrite=overwrite,
                                      template=template)
    if prepared.word is not None:
        from .write.pdf import docx_to_pdf

        prepared.contents["pdf"] = docx_to_pdf(prepared.word, prepared.profile, name=prepared.targets["pdf"].stem)
    files = {target: prepared.contents[fmt] for fmt, target in prepared.targets.items()}
    return report, write_generated(files, force=force or overwrite)
