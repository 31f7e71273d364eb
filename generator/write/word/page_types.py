"""预览的版面模型里的行、段落和排好的页（:mod:`.pages` 排，:mod:`.preview` 写成 HTML）。"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ...render.document import Run

ORPHANS = 1  # 段落留在页末的最少行数（Word 文件：w:widowControl 为 0，即不控制）
WIDOWS = 1  # 段落移到下一页的最少行数


@dataclass(frozen=True)
class Line:
    """版面上的一行（或表格的一行）。"""

    # CSS 类：title subtitle h1 p signature date attachment attachment-title blank row recipient，
    # 版头的 frame-line frame-space frame-mark frame-number frame-signers frame-rule，版记的 record record-printer
    kind: str
    runs: tuple[Run, ...] = ()
    height: int = 1  # 占几个网格行
    extra: int = 0  # 另外多占的高度（千分之一行）：表格的下框线，LibreOffice 把它算在行高之外
    first: bool = False  # 段落的第一行（首行缩进二字）
    last: bool = True  # 段落的最后一行（不两端对齐）
    indent: Decimal = Decimal(0)  # 左边空几个字（落款）
    cells: tuple[str, ...] = ()  # 表格的一行
    table: int = -1  # 属于第几个表格（同一页里连续的行合成一个表格）
    header: bool = False  # 表头（每页重复）
    para: int = -1  # 属于第几段（:func:`flow` 的顺序）
    size: Decimal | None = None  # 另定的字号（磅）：发文机关标志
    twips: int = 0  # 不对齐网格、定高的行（版头各段）的高度（缇）；0 为按网格行

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs) if self.runs else "".join(self.cells)


@dataclass
class Para:
    """一段（或一个表格）：各行，以及分页时的规矩。"""

    lines: list[Line]
    keep_next: bool = False  # 与下段同页
    keep_lines: bool = False  # 段中不分页
    page_break: bool = False  # 段前分页
    header: Line | None = None  # 表格：在每个续页顶上重复的表头
    orphans: int = ORPHANS
    widows: int = WIDOWS
    section: int = 0  # 这一段开始新的一节（另起一页）：这一节每页的行数；0 为不开始新节
    wide: bool = False  # 在横版的一节里（横排的表格）


@dataclass
class Pages:
    pages: list[list[Line]] = field(default_factory=list)
    widths: dict[int, list[int]] = field(default_factory=dict)  # 各表格的列宽（缇）
    sizes: dict[int, Decimal] = field(default_factory=dict)  # 各表格的字号（磅）
    wide: set[int] = field(default_factory=set)  # 横版的页（从 0 起）
    record: int = -1  # 版记排在第几页（从 0 起；-1：没有版记）
    # 版记怎样排到偶数页（GB/T 9704 7.5，write/word/body.py 照此写 Word 文件）：
    # ""：不用调整；"page"：版记前分页，版记单独在下一页（编页码）；
    # "blank"：版记前另起一节，空白页和版记页都不编页码
    record_break: str = ""
    unnumbered: set[int] = field(default_factory=set)  # 不编页码的页（从 0 起）
