"""落款前最后一段正文：在预计的行末分成两段，只有最后两行与落款同页。

LibreOffice 不拆分带“与下段同页”（w:keepNext）的段落（整段移到下一页，前一页空出大半）；Word、WPS 只把
这种段落的最后几行移过去。所以 gen 自己决定哪几行跟着落款走：按 :mod:`.lines` 的排法算出这段的回行，
从倒数第二行的开头分成两段（:mod:`.lines` 与 LibreOffice 逐字相同，分段处不再往前让字）——

- 前一段不带保持属性，两端对齐且末行也撑满（``w:jc="distribute"``，分散对齐）：分段处的那一行看上去与段中的行一样；
- 后一段没有首行缩进，“与下段同页”“段中不分页”：它和空行、署名、日期是一条链，总共五六行，哪个软件都能整体移页。

最后一段只有一行时，它前面那段正文按同样的办法分出最后一行（``kept=1``，见 ``keep.lead_index``）。
"""

from __future__ import annotations

from ...render.document import Block, Run
from .lines import Measure, line_starts

KEPT_LINES = 2  # 与落款同页的正文行数（GB/T 9704 7.3.5：落款所在页至少两行正文）


def split_closing(block: Block, measure: Measure, kept: int = KEPT_LINES) -> tuple[Block, Block] | None:
    """``(前一段, 后一段)``，后一段是预计的最后 ``kept`` 行；段落预计不超过 ``kept`` 行、或含换行、制表符时
    不分（返回 None）。"""
    if "\n" in block.text or "\t" in block.text or len(line_starts(block.text, measure)) <= kept:
        return None
    return split_before_line(block, measure, -kept)


def split_before_line(block: Block, measure: Measure, line: int) -> tuple[Block, Block] | None:
    """在预计的第 ``line`` 行（从 0 数；负数从末尾数）的开头分成两段；前一段太短时返回 None。"""
    text = block.text
    starts = line_starts(text, measure)
    if not -len(starts) <= line < len(starts):
        return None
    cut = starts[line]
    if cut <= starts[0] + 4:  # 前一段不到一行的样子：不分
        return None
    return Block(block.kind, slice_runs(block.runs, 0, cut)), Block(block.kind, slice_runs(block.runs, cut, len(text)))


def slice_runs(runs: tuple[Run, ...], begin: int, end: int) -> tuple[Run, ...]:
    """``runs`` 连起来的文字里 ``[begin, end)`` 这一段，保留每块的层级（行内小标题的字体）。"""
    out, offset = [], 0
    for run in runs:
        lo, hi = max(begin, offset), min(end, offset + len(run.text))
        if lo < hi:
            out.append(Run(run.text[lo - offset:hi - offset], run.level))
        offset += len(run.text)
    return tuple(out)
