"""渲染结果的中间结构：Word 和 Markdown 两种输出都由它生成。

模板渲染出带少量标注的 Markdown，:func:`parse_document` 把它解析成一串 :class:`Block`。
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin

from ..errors import RenderError


class BlockKind(str, Enum):
    TITLE = "标题"
    SUBTITLE = "副标题"  # 标题下面居中的一行：述职报告的单位、职务和述职人
    HEADING1 = "一级标题"
    PARAGRAPH = "正文"
    SIGNATURE = "署名"
    DATE = "日期"
    TABLE = "表格"
    ATTACHMENT_NOTE = "附件说明"  # 正文之后、落款之前：“附件：主要指标完成情况表”
    ATTACHMENT = "附件"  # 落款之后另起一页：左上角“附件”二字
    ATTACHMENT_TITLE = "附件标题"  # 附件页第三行居中的附件名称


# 段首“行内小标题”的层级：二级（一）用楷体，三级 1. 与四级（1）用仿宋
RUN_LEVELS = {"二级": 2, "三级": 3, "四级": 4}


@dataclass(frozen=True)
class Run:
    """一段连续文字。``level`` 为 0 表示正文，2/3/4 表示行内小标题。"""

    text: str
    level: int = 0


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    runs: tuple[Run, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()  # 表格：第一行是表头

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def heading_run(self) -> Run | None:
        return self.runs[0] if self.runs and self.runs[0].level else None


@dataclass(frozen=True)
class Frame:
    """正式公文的版头、主送机关、落款方式和版记（GB/T 9704-2012 7.2、7.3.2、7.3.5、7.4），文字已排好。

    由表单的“公文:”一组生成（:func:`generator.render.frame.document_frame`）；不写时 :attr:`Document.frame` 为 None，
    输出与以前逐字节相同。"""

    head_lines: tuple[str, ...] = ()  # 版心左上角：份号、“密级★保密期限”、紧急程度，自上而下
    marks: tuple[str, ...] = ()  # 发文机关标志的各行（联合行文：主办机关在前）
    mark_suffix: str = ""  # 联合行文的“文件”二字：排在机关名称右侧、上下居中；单行标志时为空（已含在 marks 里）
    number: str = ""  # 发文字号
    signers: tuple[str, ...] = ()  # 签发人姓名；有签发人即上行文
    recipient: str = ""  # 主送机关（不含冒号）
    copies_to: tuple[str, ...] = ()  # 抄送机关
    printer: str = ""  # 印发机关
    print_date: str = ""  # 印发日期，如 2025年1月8日
    sealed: bool = False  # 加盖印章（7.3.5.1）

    @property
    def upward(self) -> bool:
        return bool(self.signers)

    @property
    def has_record(self) -> bool:
        """有没有版记（抄送机关、印发机关或印发日期）。"""
        return bool(self.copies_to or self.printer or self.print_date)


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    frame: Frame | None = None

    @property
    def title(self) -> str:
        return next((b.text for b in self.blocks if b.kind is BlockKind.TITLE), "")

    def of_kind(self, kind: BlockKind) -> list[Block]:
        return [b for b in self.blocks if b.kind is kind]


_PARAGRAPH_CLASSES = {"副标题": BlockKind.SUBTITLE, "署名": BlockKind.SIGNATURE, "日期": BlockKind.DATE,
                      "附件说明": BlockKind.ATTACHMENT_NOTE, "附件": BlockKind.ATTACHMENT,
                      "附件标题": BlockKind.ATTACHMENT_TITLE}


def _parser() -> MarkdownIt:
    return (MarkdownIt("commonmark", {"html": False})
            .enable("table")
            .use(attrs_block_plugin)
            .use(attrs_plugin, spans=True))


CHUNK_BLOCKS = 2000  # 每次交给 markdown-it 的段数：几万段的文档不必把全部记号同时留在内存里（8 万段约 200 MB）


def parse_document(markdown: str) -> Document:
    """把模板输出的 Markdown 解析成 :class:`Document`。遇到不认识的结构即报错。

    按空行分成若干块依次解析：模板输出的段落、标题、表格都不跨空行，分块与整篇一次解析的结果相同。"""
    parser = _parser()
    doc = Document()
    for first_line, chunk in _chunks(markdown):
        _add_blocks(doc, parser.parse(chunk), first_line)
    return doc


def _chunks(markdown: str) -> Iterator[tuple[int, str]]:
    """(这块第一行前面有几行, 这块文字)：每块含 :data:`CHUNK_BLOCKS` 个空行，在空行之后切开。"""
    start, line = 0, 0
    while start < len(markdown):
        end = start
        for _ in range(CHUNK_BLOCKS):
            at = markdown.find("\n\n", end)
            if at < 0:
                end = len(markdown)
                break
            end = at + 2
        yield line, markdown[start:end]
        line += markdown.count("\n", start, end)
        start = end


def _add_blocks(doc: Document, tokens: list[Token], first_line: int) -> None:
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            kind = BlockKind.TITLE if token.tag == "h1" else BlockKind.HEADING1
            doc.blocks.append(Block(kind, _runs(tokens[index + 1])))
            index += 3
        elif token.type == "paragraph_open":
            kind = _PARAGRAPH_CLASSES.get(str(token.attrs.get("class", "")), BlockKind.PARAGRAPH)
            doc.blocks.append(Block(kind, _runs(tokens[index + 1])))
            index += 3
        elif token.type == "table_open":
            end = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
            doc.blocks.append(Block(BlockKind.TABLE, rows=_table_rows(tokens[index:end])))
            index = end + 1
        else:
            raise RenderError(f"模板输出了无法识别的结构：{token.type}（第 {_line(token, first_line)} 行）。"
                              "这是模板的问题，请联系维护人员。")


def _line(token: Token, first_line: int = 0) -> int:
    return token.map[0] + 1 + first_line if token.map else 0


def _runs(inline: Token) -> tuple[Run, ...]:
    runs: list[Run] = []
    level = 0
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            text = "".join(buffer)
            if runs and runs[-1].level == level:
                runs[-1] = Run(runs[-1].text + text, level)
            else:
                runs.append(Run(text, level))
            buffer.clear()

    for child in inline.children or []:
        if child.type == "span_open":
            flush()
            level = RUN_LEVELS.get(str(child.attrs.get("class", "")), 0)
        elif child.type == "span_close":
            flush()
            level = 0
        elif child.type in ("text", "code_inline"):
            buffer.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            continue  # 中文段落内换行不留空格
        elif child.type in ("strong_open", "strong_close", "em_open", "em_close"):
            continue
        else:
            raise RenderError(f"模板输出了无法识别的行内结构：{child.type}。")
    flush()
    return tuple(runs)


def _table_rows(tokens: list[Token]) -> tuple[tuple[str, ...], ...]:
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type == "inline":
            row.append("".join(run.text for run in _runs(token)))
        elif token.type == "tr_close":
            rows.append(tuple(row))
    return tuple(rows)


_MD_SPECIAL = set("\\`*_[]{}<>#|!~&")


# 只从一串空白的开头试（后顾断言）：一长串空格后面没有换行时不会从每个位置重扫一遍（平方级）
_LINE_BREAK = re.compile(r"(?<![ \t\u3000])[ \t\u3000]*[\r\n]\s*")


def _join_break(match: re.Match[str]) -> str:
    """中文接起来不加空格；两边都是英文字母或数字时留一个空格。"""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return " " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else ""


def escape_markdown(text: str, *, line_start: bool = True) -> str:
    """办事员文字进入 Markdown 前的转义：所有可能被当成标记的符号都加反斜杠。

    ``line_start`` 为真时，文字位于行首，还要防止“1.”“- ”被当成列表。
    文字里的换行（多段的“解决思路”之类）一律接成一行：办事员的文字只能是一段的内容，
    不能在 Markdown 里另起一行变成列表、标题或新的段落（分段由模板的 paragraphs 过滤器负责）。
    """
    if "\n" in text or "\r" in text:
        text = _LINE_BREAK.sub(_join_break, text.strip())
    out: list[str] = []
    digits = next((i for i, ch in enumerate(text) if not ch.isdigit()), len(text))  # 开头连续几个数字
    for index, ch in enumerate(text):
        if ch in _MD_SPECIAL:
            out.append("\\" + ch)
        elif line_start and ch in ".)" and 0 < index <= digits:
            out.append("\\" + ch)  # 行首“1.”不能变成有序列表
        elif line_start and ch in "-+=" and index == 0:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)
