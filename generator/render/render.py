"""渲染阶段：用 ``templates/report/`` 里对应类型的 Jinja 模板生成中间 Markdown，
再解析成 :class:`~generator.render.document.Document`。Word 与 Markdown 都从这一份结构生成。
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from ..errors import Diagnostic, GenError, RenderError
from ..form import numbering
from ..form.models import Form
from ..resources import templates_dir
from .bureau import TEMPLATE_SUFFIX, Bureau, render_context
from .document import Block, Document, escape_markdown, parse_document
from .sandbox import Budget, FolderLoader, GenSandbox, MeteredSandbox, TemplateLimit, run_with_budget
from .template_errors import template_diagnostic


def split_paragraphs(text: str | None) -> list[str]:
    """空行分段；段内的换行（``|`` 文本块里的折行）直接连接，中文不需要空格。

    表单里“空一行表示分段”：YAML 在 ``>``、``>-`` 和不加符号的多行文字里把空一行折成单个换行，
    读取阶段（``loader._paragraph_breaks``）已把它还原成空行，所以这里只认空行。
    """
    if not text:
        return []
    paragraphs: list[str] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip(" \t\u3000") for line in chunk.splitlines()]
        joined = normalize_spaces(_join_lines(lines))
        if joined:
            paragraphs.append(joined)
    return paragraphs


_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’…—"
# 汉字与汉字、汉字与阿拉伯数字之间的空格（多半是 YAML 折行留下的）：公文里不留空格
_FOLD_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}0-9])|(?<=[0-9%])[ \t]+(?=[{_CJK}])")


def normalize_spaces(text: str) -> str:
    """YAML 的折叠文本（>）和多行文字把换行变成空格；汉字、中文标点、数字之间的空格一律去掉。"""
    return _FOLD_SPACE.sub("", text)


def _join_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() \
                and line[0].isalnum():
            out += " "  # 英文单词之间保留空格
        out += line
    return out


def heading_text(title: str) -> str:
    """行内小标题：去掉原有结尾标点，统一以句号结尾。"""
    return numbering.end_with_period(numbering.strip_end_punctuation(title))


def split_first_sentence(text: str) -> tuple[str, str]:
    """第一句（含句号）作小标题，其余作正文。只有一句时整句作小标题。"""
    flat = " ".join(split_paragraphs(text))
    match = re.search(r"[。！？]", flat)
    if not match or match.end() >= len(flat):
        return heading_text(flat), ""
    return flat[: match.end()], flat[match.end():]


def plain_number(value: Decimal) -> str:
    """原样显示填写的数字：去掉多余的 0，不用科学计数法，不加千位分隔符。"""
    text = f"{value.normalize():f}"
    return "0" if text in ("-0", "") else text


def indicator_rows(form: Form, figures: Mapping[str, Any]) -> list[list[str]]:
    """“主要指标完成情况”表的各行：指标 | 单位 | 本期 | 上期 | 同比 | 目标 | 完成情况。

    完成情况用简短写法（“完成96.5%”“超额完成108.3%”），与正文的“完成年度目标任务的96.5%”是同一个数。"""
    from ..errors import GenError

    def derived(figure: Any, name: str) -> str:
        try:
            return figure.completion_cell() if name == "完成率" else str(getattr(figure, name))
        except GenError:
            return "—"

    rows: list[list[str]] = []
    for ind in form.indicators:
        figure = figures[ind.key]
        rows.append([
            ind.name,
            ind.unit or "—",
            plain_number(ind.current),
            plain_number(ind.previous) if ind.previous is not None else "—",
            derived(figure, "同比") if ind.previous is not None else "—",
            plain_number(ind.target) if ind.target is not None else "—",
            derived(figure, "完成率") if ind.target is not None else "—",
        ])
    return rows


def chinese_date(value: dt.date) -> str:
    """成文日期：阿拉伯数字，不编虚位——2025年1月7日。"""
    return f"{value.year}年{value.month}月{value.day}日"


FILTERS: dict[str, Callable[..., Any]] = {
    "md": escape_markdown,
    "md_inline": lambda text: escape_markdown(text, line_start=False),
    "paragraphs": split_paragraphs,
    "level1": numbering.level1,
    "level2": numbering.level2,
    "level3": numbering.level3,
    "level4": numbering.level4,
    "join_points": numbering.join_points,
    "strip_end": numbering.strip_end_punctuation,
    "end_period": numbering.end_with_period,
    "heading_text": heading_text,
    "split_first_sentence": split_first_sentence,
    "cn_date": chinese_date,
}


def _all_filters() -> dict[str, Callable[..., Any]]:
    try:
        from ..indicators.filters import FILTERS as FIGURE_FILTERS
    except ImportError:  # pragma: no cover - 指标模块是包的一部分，缺失即安装损坏
        raise RenderError("指标计算模块缺失，安装可能不完整，请重新安装 gen。") from None
    return {**FILTERS, **FIGURE_FILTERS}


def _builtin_names() -> frozenset[str]:
    return frozenset(f"report/{path.name}" for path in (templates_dir() / "report").glob(f"*{TEMPLATE_SUFFIX}"))


@functools.lru_cache(maxsize=8)
def template_environment(folder: Path | None = None) -> GenSandbox:
    """模板环境（沙箱，见 :mod:`.sandbox`）：每个模板文件夹只建一次，模板编译一次。

    ``folder`` 是单位模板的文件夹：先在它里面找，再找内置的 ``report/`` 模板（只有这些，别的文件一概找不到）。
    """
    roots: list[tuple[Path, frozenset[str] | None]] = [(folder, None)] if folder is not None else []
    roots.append((templates_dir(), _builtin_names()))
    return (MeteredSandbox if folder is not None else GenSandbox)(FolderLoader(roots), _all_filters())


def render_markdown_source(form: Form, *, extra: dict[str, Any] | None = None,
                           bureau: Bureau | None = None) -> str:
    """按表单的“类型”选模板（单位模板文件夹里有这一类型的就用它的），渲染出中间 Markdown。"""
    own = bureau.template_file(form.kind) if bureau else None
    name = own.name if own else f"report/{form.kind.value}{TEMPLATE_SUFFIX}"
    env = template_environment(bureau.folder.resolve() if bureau else None)
    budget = Budget(limited=bureau is not None)
    context = {**render_context(form, bureau), **(extra or {}), "form": form}
    try:
        template = env.get_template(name)
        text = run_with_budget(budget, lambda: template.render(context))
    except (TemplateError, TemplateLimit, RecursionError, ArithmeticError, TypeError, ValueError,
            AttributeError, LookupError, MemoryError, GenError) as exc:
        if isinstance(exc, GenError) and bureau is None:
            raise  # 内置模板里的中文错误（表单内容引起的）照原样报告，与原来相同
        raise RenderError(template_diagnostic(exc, name, bureau)) from None
    bad = _NOT_IN_WORD.search(text)
    if bad is not None:  # 单位模板里的控制字符（或 "\x07" 这样的转义）：Word 放不进，指到模板文件的那一行
        raise RenderError(_bad_character(bad.group(), own, name, bureau))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# Word（XML 1.0）放不进的字符：表单和 模板.yaml 在读入时已经带位置拒绝，这里只会来自模板文件本身
_NOT_IN_WORD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _bad_character(ch: str, own: Path | None, name: str, bureau: Bureau | None) -> Diagnostic:
    file = own if own is not None else (bureau.folder / name if bureau is not None else None)
    line = None
    if own is not None:
        source = own.read_text(encoding="utf-8-sig", errors="replace")
        at = source.find(ch)
        line = source.count("\n", 0, at) + 1 if at >= 0 else None
    who = f"模板“{bureau.spec.name}”" if bureau is not None else f"内置模板 {name}"
    return Diagnostic(f"{who}输出了一个看不见的控制字符（U+{ord(ch):04X}），Word 文件无法保存它。"
                      "请在模板文件里删掉它（多半是从别处复制来的，或写了 \"\\x07\" 这样的转义）。",
                      file=file, line=line)


def render_document(form: Form, *, extra: dict[str, Any] | None = None, bureau: Bureau | None = None) -> Document:
    """渲染并解析；夹在汉字之间的半角标点一律改成全角（表单里的、导入的文字都一样）。
    表单写了“公文:”时附上版头和版记（:func:`.frame.document_frame`）。"""
    from .frame import document_frame

    doc = full_width_document(parse_document(render_markdown_source(form, extra=extra, bureau=bureau)))
    doc.frame = document_frame(form)
    return doc


def full_width_document(doc: Document) -> Document:
    """整份文档（标题、正文各文字块、表格各格）里夹在汉字之间的半角标点改成全角。"""
    from .punctuation import FULL, QUOTES, full_width

    blocks: list[Block] = []
    for block in doc.blocks:
        runs = block.runs
        if any(ch in FULL or ch in QUOTES for run in runs for ch in run.text):
            texts = [run.text for run in runs]
            runs = tuple(
                replace(run, text=full_width(run.text, texts[i - 1] if i else "",
                                             texts[i + 1] if i + 1 < len(texts) else ""))
                for i, run in enumerate(runs))
        rows = tuple(tuple(full_width(cell) for cell in row) for row in block.rows)
        blocks.append(replace(block, runs=runs, rows=rows))
    return Document(blocks, doc.frame)
