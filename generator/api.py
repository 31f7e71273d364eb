"""gen 的 Python 接口：每个命令都经过这里，命令行只是它外面的一层壳（参数解析、印出结果）。

这里只有一层很薄的函数，真正的工作在 :mod:`generator.pipeline`（读取 → 校验 → 计算 → 渲染 → 写出）
和各个子包（批量、检查、导入、汇总、编辑、空白表单）。每个函数用到时才导入它的模块：
``gen check`` 不导入模板和渲染，``gen --help`` 更是什么都不导入。
命令行的选项规则（不写 -f 时的默认格式、JSON 输出）也在这里，不在 click 那一层。
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Diagnostic

if TYPE_CHECKING:
    from .batch import BatchResult
    from .batch.console import BatchConsole
    from .importer import ImportResult
    from .pipeline import PreparedReport, Report
    from .rollup.run import RollupResult

__all__ = ["build_report", "build_report_from_data", "check_file", "doctor_report", "editor_start_folder",
           "findings_json", "has_errors", "import_report", "is_form", "output_formats", "prepare_report",
           "remember_folder", "render_markdown", "rollup", "separator_style", "serve_editor", "user_config_dir",
           "wants_json", "with_separators", "write_form", "write_report", "write_reports", "write_schema",
           "write_sheet_template", "write_starter_form"]

FORMATS = ("docx", "md", "pdf")


# ---------------------------------------------------------------- 生成（gen report）


def build_report(path: Path) -> Report:
    """读取表单文件并渲染（不写盘）。"""
    from .pipeline import build_report as run

    return run(path)


def build_report_from_data(data: dict[str, Any], *, name: str = "表单.yaml") -> Report:
    """从 Python 字典（中文键，与表单相同）渲染；错误位置指向字典转成 YAML 后的行。"""
    from .pipeline import build_report_from_data as run

    return run(data, name=name)


def render_markdown(form: dict[str, Any]) -> str:
    """把表单字典直接渲染成 Markdown 文本。"""
    return build_report_from_data(form).markdown()


def prepare_report(path: Path, formats: Sequence[str] = ("docx",), output: Path | str | None = None,
                   *, style: Path | None = None, force: bool = False) -> tuple[Report, PreparedReport]:
    """读表单、检查内容和输出目标，在内存里生成各格式，不写盘（见 :func:`generator.pipeline.prepare_report`）。"""
    from .pipeline import prepare_report as run

    return run(path, formats, output, style=style, force=force)


def write_report(path: Path, formats: Sequence[str] = ("docx",), output: Path | str | None = None,
                 *, style: Path | None = None, force: bool = False,
                 template: str | None = None) -> tuple[Report, list[Path]]:
    """生成并写出一份表单的文件（全部写成或全部不变），返回报告和写出的路径。
    ``template``：单位模板的名字或路径，代替表单里的“模板”。"""
    from .pipeline import write_report as run

    return run(path, formats, output, style=style, force=force, template=template)


def write_reports(paths: Sequence[Path], formats: Sequence[str] = ("docx",), output: Path | str | None = None,
                  *, style: Path | None = None, force: bool = False, jobs: int | None = None,
                  progress: Any = None) -> BatchResult:
    """一次生成多份表单（可以给文件夹），见 :func:`generator.batch.write_reports`。"""
    from .batch import write_reports as run

    return run(paths, formats, output, style=style, force=force, jobs=jobs, progress=progress)


def run_batch(forms: Sequence[Path], formats: Sequence[str], output: str | None, *, style: Path | None,
              force: bool, jobs: int | None, err: Any, out: Any,
              print_diagnostics: Callable[[Sequence[Diagnostic]], None]) -> int:
    """整批生成并在终端上显示进度和汇总，返回退出码（见 :func:`generator.batch.run.run_batch`）。"""
    from .batch.run import run_batch as run

    return run(forms, formats, output, style=style, force=force, jobs=jobs, err=err, out=out,
               print_diagnostics=print_diagnostics)


class OptionProblem(ValueError):
    """命令行选项的值不对（命令行把它印成与 click 相同的“选项的值不对”）。"""


def output_formats(values: Sequence[str], output: str | None) -> list[str]:
    """-f 可以写多次，也可以用逗号隔开：取并集，按第一次出现的顺序。不写 -f 时按 -o 的扩展名，否则 docx。"""
    if not values:
        named_file = output and not output.endswith(("/", "\\")) and not Path(output).is_dir()
        suffix = Path(output).suffix.lower().lstrip(".") if output and named_file else ""
        return [suffix] if suffix in FORMATS else ["docx"]
    formats: list[str] = []
    for value in values:
        for part in value.replace("，", ",").split(","):
            fmt = part.strip().lower().lstrip(".")
            if not fmt:
                continue
            if fmt not in FORMATS:
                raise OptionProblem(f"不认识的格式“{part.strip()}”。可用的格式有 docx、md、pdf，多个用逗号隔开。")
            if fmt not in formats:
                formats.append(fmt)
    if not formats:
        raise OptionProblem("请至少指定一种格式，如 -f docx 或 -f docx,md。")
    return formats


# ---------------------------------------------------------------- 检查（gen check）


def check_file(path: Path, *, ignore: Sequence[str] = ()) -> list[Diagnostic]:
    """检查表单或写好的报告，返回发现的问题（见 :func:`generator.pipeline.check_file`）。"""
    from .pipeline import check_file as run

    return run(path, ignore=ignore)


def is_form(path: Path) -> bool:
    """这个文件是表单（而不是写好的报告）。"""
    from .read.filekind import Kind, detect

    return path.is_file() and detect(path) is Kind.FORM


def has_errors(diagnostics: Sequence[Diagnostic], *, strict: bool = False) -> bool:
    """检查结果算不通过：有错误（``strict`` 时有警告也算）。"""
    from .checks import has_errors as run

    return run(diagnostics, strict=strict)


def findings_json(diagnostics: Sequence[Diagnostic], *, ascii_only: bool = False) -> str:
    """``gen check --format json`` 印出的文字（其他程序读标准输出）。``ascii_only``：汉字写成 ``\\uXXXX``，
    标准输出不是 UTF-8（代码页 936、ascii）时用，这样印出的字节在任何编码下都是同一份合法的 UTF-8 JSON。"""
    from .checks import findings_to_json

    return json.dumps(findings_to_json(diagnostics), ensure_ascii=ascii_only, indent=2)


def wants_json(args: Sequence[str]) -> bool:
    """``gen check --format json``：出了什么错都在标准输出给 JSON（其他程序只读标准输出）。"""
    joined = " ".join(args)
    return "check" in args and ("--format json" in joined or "--format=json" in args)


# ---------------------------------------------------------------- 空白表单、指标表格、JSON Schema


def write_starter_form(target: Path, *, template: str | None = None,
                       kind: str | None = None) -> tuple[Path, list[Diagnostic]]:
    """写出一份带中文说明的空白表单（已有文件不覆盖）；``template``：按这套单位模板（含它增加的部分）；
    ``kind``：类型（gen init --类型），写好这一类型要的键（季度、主题）；工作计划、述职报告有自己的空白表单。"""
    from .form.models import ReportKind
    from .starter import write_starter_form as run

    kinds = {k.value: k for k in ReportKind}
    short = {k.value.removesuffix("工作总结"): k for k in ReportKind}  # “季度”“专项”“半年”也认
    if kind is not None and kind.strip() not in kinds | short:
        raise OptionProblem(f"要写内置的类型：{'、'.join(kinds)}（也可以只写“季度”“专项”“半年”）；现在是“{kind}”。")
    if kind is not None and template is not None:
        raise OptionProblem("--类型 和 --template 只写一个：单位模板的类型写在它的 模板.yaml 里。")
    return run(target, template=template, kind=(kinds | short)[kind.strip()] if kind else None)


# ---------------------------------------------------------------- 单位模板（gen template）


def new_template(name: str, kind: str | None = None, *, reference: Path | None = None) -> Path:
    """新建模板文件夹（见 :func:`generator.starter.template_folder.new_template`）。"""
    from .form.models import ReportKind
    from .starter.template_folder import new_template as run

    kinds = {k.value: k for k in ReportKind}
    if kind is not None and kind not in kinds:
        raise OptionProblem(f"--from 要写内置的类型：{'、'.join(kinds)}；现在是“{kind}”。")
    return run(name, kinds[kind] if kind else ReportKind.ANNUAL, reference=reference)


def list_templates() -> tuple[list[Any], list[Path]]:
    """内置的类型和找到的单位模板，以及查找过的文件夹。"""
    from .starter.template_folder import list_templates as run

    return run()


def check_template(name: str) -> list[Diagnostic]:
    """检查一套单位模板；有错误时抛出 FormError，否则返回提示。"""
    from .starter.template_folder import check_template as run

    return run(name)[1]


def write_sheet_template(target: Path) -> Path:
    """写出一份空的指标表格（.xlsx）。"""
    from .starter.sheet import write_template

    return write_template(target)


def schema_text(*, ascii_only: bool = False) -> str:
    """表单的 JSON Schema（文字）；``ascii_only`` 同 :func:`findings_json`。"""
    from .form.schema import form_schema

    return json.dumps(form_schema(), ensure_ascii=ascii_only, indent=2) + "\n"


def write_schema(target: Path) -> Path:
    """把 JSON Schema 写到文件（写成或不变）。"""
    from .write.output import write_atomic

    return write_atomic(target, schema_text().encode("utf-8"))


# ---------------------------------------------------------------- 导入（gen import）


def import_report(path: Path) -> ImportResult:
    """把写好的报告读成表单（见 :mod:`generator.importer`）。"""
    from .importer import import_report as run

    return run(path)


def default_form_path(report: Path) -> Path:
    from .importer import default_form_path as run

    return run(report)


def write_form(text: str, target: Path, *, force: bool = False) -> Path:
    """写出导入得到的表单（已有文件只在 ``force`` 时覆盖）。"""
    from .importer import write_form as run

    return run(text, target, force=force)


# ---------------------------------------------------------------- 汇总（gen rollup）


def rollup_inputs(patterns: Sequence[str], city_form: Path | None = None) -> list[Path]:
    """要汇总的表单（展开通配符，去掉市本级表单本身）。"""
    from .rollup.run import forms_to_read

    return forms_to_read(patterns, city_form)


def rollup(paths: Sequence[Path], outputs: Sequence[Path], *, city_form: Path | None = None, force: bool = False,
           progress: Callable[[Path, int, int, bool], None] | None = None, partial: bool = False) -> RollupResult:
    """汇总各县表单的指标，写出汇总表（和市本级表单的合计）。``partial``：各县不一致的指标写“无法汇总”，不拒绝。"""
    from .rollup.run import rollup as run

    return run(paths, outputs, city_form=city_form, force=force, progress=progress, partial=partial)


def progress_console(err: Any, out: Any, print_diagnostics: Callable[[Sequence[Diagnostic]], None], total: int,
                     **options: Any) -> BatchConsole:
    """整批生成和汇总共用的进度显示（终端上是进度条，否则每份一行）。"""
    from .batch.console import BatchConsole

    return BatchConsole(err, out, print_diagnostics, total, **options)


# ---------------------------------------------------------------- 编辑（gen edit）


def serve_editor(target: Path, *, port: int = 0, open_browser: bool = True, new_token: bool = False,
                 announce: Callable[[str], None] = print) -> None:
    """启动浏览器里的编辑页面，直到 Ctrl+C（见 :mod:`generator.edit`）。"""
    from .edit import serve

    serve(target, port=port, open_browser=open_browser, new_token=new_token, announce=announce)


# ---------------------------------------------------------------- 体检（gen doctor）、gen-edit、路径的写法


def doctor_report(gen_version: str) -> tuple[list[str], bool]:
    """``gen doctor`` 印出的文字，和这台电脑能不能生成报告（见 :mod:`generator.doctor`）。"""
    from .doctor import probe, report_lines

    return report_lines(probe(gen_version=gen_version))


def editor_start_folder() -> Path:
    """gen-edit 打开的文件夹：上次打开的，否则“文档”文件夹。"""
    from .doctor.places import editor_start_folder as run

    return run()


def remember_folder(folder: Path) -> None:
    """记住 gen-edit 这次打开的文件夹（用户配置文件夹里）。"""
    from .doctor.places import remember_folder as run

    run(folder)


def user_config_dir() -> Path:
    from .resources import user_config_dir as run

    return run()


def separator_style(typed: Sequence[str]) -> str | None:
    """命令行上的路径用的是“/”还是“\\”（见 :func:`generator.write.names.separator_style`）。"""
    from .write.names import separator_style as run

    return run(typed)


def with_separators(path: str, style: str | None) -> str:
    """按用户的写法印出路径（Windows 上用户写 D:/总结 时不换成 D:\\总结）。"""
    import os

    from .write.names import with_separators as run

    return run(path, style, native=os.sep)
