"""gen 的 Python 接口：命令行只是它外面的一层壳。

读取 → 校验 → 计算 → 渲染 → 写出，每一步一个模块；这里把它们串起来。
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checks.file import check_file as check_file  # 公开接口：gen check 的实现
from .compute import compute
from .errors import ContentError, Diagnostic, OutputError, Severity, StyleError
from .form.models import Form
from .form.reading import load_form_file, parse_form
from .form.unfilled import require_filled
from .form.validate import validate_form
from .gcpause import paused_gc
from .indicators.figures import Figure
from .read.filekind import require_form
from .read.loader import LoadedForm, decode_source
from .read.located import locate
from .render.document import Document
from .render.render import indicator_rows, render_document
from .write.markdown import to_markdown
from .write.output import plan_outputs, preflight, write_generated
from .write.style_profile import StyleProfile, load_profile


@dataclass
class Report:
    """一份已经渲染好的总结：表单、派生数字、中间结构和警告。"""

    source: LoadedForm
    form: Form
    figures: dict[str, Figure]
    document: Document
    warnings: list[Diagnostic]

    def markdown(self) -> str:
        return to_markdown(self.document)

    def docx(self, profile: StyleProfile | None = None, *, marked: bool = False) -> bytes:
        """Word 文件的字节；``marked`` 时带上 gen 的记号（写盘用，见 generator.write.ownership）。"""
        from .write.word import build_docx  # 只在生成 Word 时才导入

        return build_docx(self.document, self.form, profile or load_profile(), marked=marked)


def build_report(path: Path) -> Report:
    """读取表单文件并渲染。"""
    return _build(load_form_file(path))


def build_report_from_data(data: dict[str, Any], *, name: str = "表单.yaml") -> Report:
    """从 Python 字典（中文键，与表单相同）渲染；错误位置指向字典转成 YAML 后的行。"""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.width = sys.maxsize  # 不折行：错误位置与一段文字一一对应，续行也不会以全角空格开头
    buffer = io.StringIO()
    yaml.dump(_plain_for_yaml(data), buffer)
    source = decode_source(buffer.getvalue().encode("utf-8"), Path(name))
    return _build(parse_form(source))


def render_markdown(form: dict[str, Any]) -> str:
    """把表单字典直接渲染成 Markdown 文本。"""
    return build_report_from_data(form).markdown()


def _build(loaded: LoadedForm) -> Report:
    require_filled(loaded)
    form, warnings = validate_form(loaded)
    computed = compute(loaded, form, warnings)
    document = render_document(computed.form, extra={
        "indicator_rows": indicator_rows(computed.form, computed.figures)})
    return Report(source=loaded, form=computed.form, figures=computed.figures,
                  document=document, warnings=computed.warnings)


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


def report_profile(report: Report, override: Path | None) -> StyleProfile:
    """读取这份报告要用的版式。版式文件本身读不进来（找不到、不是普通文件……）时，
    错误指向表单里写“样式”的那一行，办事员知道该改哪里。"""
    try:
        return load_profile(style_path(report, override))
    except StyleError as exc:
        if override is not None or not report.form.style:
            raise
        line, column, _ = locate(report.source.data, ("样式",))
        raise StyleError([
            d if d.line is not None else report.source.source.diagnostic(
                f"“样式”指定的版式文件读不进来：{d.message}", line, column)
            for d in exc.diagnostics]) from None


def style_path(report: Report, override: Path | None) -> Path | None:
    """版式配置：命令行 --style 优先，其次表单的“样式”（相对于表单所在文件夹）。"""
    if override is not None:
        return override
    if report.form.style:
        return report.source.source.path.parent / report.form.style
    return None


@dataclass
class PreparedReport:
    """一份报告在写盘之前的全部内容：输出目标、各格式的字节（PDF 待转换时 ``word`` 是它的 Word 原稿）。"""

    warnings: list[Diagnostic]
    targets: dict[str, Path]
    contents: dict[str, bytes]
    word: bytes | None
    profile: StyleProfile


def prepare_report(path: Path, formats: Sequence[str] = ("docx",), output: Path | str | None = None,
                   *, style: Path | None = None, force: bool = False) -> tuple[Report, PreparedReport]:
    """读表单、检查内容、检查输出目标，在内存里生成 docx 和 md（PDF 只准备好 Word 原稿），不写盘。"""
    with paused_gc():
        return _prepare_report(path, formats, output, style=style, force=force)


def _prepare_report(path: Path, formats: Sequence[str], output: Path | str | None,
                    *, style: Path | None, force: bool) -> tuple[Report, PreparedReport]:
    from .checks import check_form

    notice = require_form(path, "report")
    targets = plan_outputs(path, formats, output)
    report = build_report(path)
    report.warnings[:0] = [notice] if notice else []
    report.warnings += check_form(report.source, report.form)
    errors = [d for d in report.warnings if d.severity is Severity.ERROR]
    if errors and not force:
        raise ContentError(report.warnings)
    preflight(targets.values(), force=force)
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
                 *, style: Path | None = None, force: bool = False) -> tuple[Report, list[Path]]:
    """生成并写出文件，返回报告和写出的绝对路径。

    先在内存里生成全部格式（PDF 由 LibreOffice 在临时文件夹里转换），全部成功后才开始写盘，
    且全部写成或全部不变（见 :func:`output.write_generated`）。不是 gen 写的同名文件不会被覆盖，
    除非 ``force``（它同时表示内容检查有错误时仍然生成）。
    """
    report, prepared = prepare_report(path, formats, output, style=style, force=force)
    if prepared.word is not None:
        from .write.pdf import docx_to_pdf

        prepared.contents["pdf"] = docx_to_pdf(prepared.word, prepared.profile, name=prepared.targets["pdf"].stem)
    files = {target: prepared.contents[fmt] for fmt, target in prepared.targets.items()}
    return report, write_generated(files, force=force)


def write_reports(paths: Sequence[Path], formats: Sequence[str] = ("docx",), output: Path | str | None = None,
                  *, style: Path | None = None, force: bool = False, jobs: int | None = None,
                  progress: Any = None) -> Any:
    """一次生成多份表单（可以给文件夹），见 :func:`generator.batch.write_reports`。"""
    from .batch import write_reports as run

    return run(paths, formats, output, style=style, force=force, jobs=jobs, progress=progress)
