"""分页规矩的唯一出处：每一段的“与下段同页”“段中不分页”。

``body.py`` 写进 Word 文件的保持属性、``pages.py`` 预计落款页（GB/T 9704 7.3.5 的收紧）和预览的版面模型
（``page_flow.py``）都从这里取，改分页规矩只改这里。
"""

from __future__ import annotations

from collections.abc import Sequence

from ...render.document import Block, BlockKind
from ..style_profile import StyleProfile
from .closing import KEPT_LINES
from .lines import Measure, line_starts

Rule = tuple[bool, bool]  # （与下段同页, 段中不分页）

# 不是块的段落的规矩：标题（副标题）下的空行；落款、附件说明前的空行（加盖印章时两行）；
# 正式公文的版头（整体不拆开）、主送机关（write/word/frame.py 的 _paragraph）；分成两段写出的结束语的后一段
BLANK_AFTER_TITLE: Rule = (False, False)
BLANK_BEFORE_CLOSING: Rule = (True, True)
CLOSING_TAIL: Rule = (True, True)
FRAME_RULES: dict[str, Rule] = {"head": (True, True), "recipient": (True, False)}


def heading_only(block: Block) -> bool:
    """段落只有一个行内小标题（“（一）加强队伍建设。”），正文在它的子项里。"""
    return len(block.runs) == 1 and block.runs[0].level >= 2


def kept_whole(block: Block) -> Rule:
    """随落款走、却不分成两段的段落（预计不超过要带的行数，或含换行、制表符）的规矩：
    含换行、制表符的段落可能很长，允许段中分页。"""
    return True, "\n" not in block.text and "\t" not in block.text


def closing_index(blocks: Sequence[Block]) -> int:
    """落款之前的最后一段正文：它与附件说明、署名、日期排在同一页。"""
    end = next((i for i, b in enumerate(blocks)
                if b.kind in (BlockKind.ATTACHMENT_NOTE, BlockKind.SIGNATURE)), len(blocks))
    return next((i for i in range(end - 1, -1, -1) if blocks[i].kind is BlockKind.PARAGRAPH), -1)


def lead_index(blocks: Sequence[Block], closing: int, profile: StyleProfile) -> int:
    """最后一段只有一行（如“特此报告。”）时，它前面的正文段落：这一段的最后一行也随落款走，落款页上才有两行正文。"""
    if closing < 1 or "\n" in blocks[closing].text or len(line_starts(blocks[closing].text, Measure.of(profile))) > 1:
        return -1
    before = blocks[closing - 1]
    return closing - 1 if before.kind is BlockKind.PARAGRAPH and not heading_only(before) else -1


def kept_tails(blocks: Sequence[Block], profile: StyleProfile) -> dict[int, int]:
    """落款前要分出最后几行随落款走的段落：{块的序号: 行数}（正文最后一段 2 行；它只有一行时，前一段 1 行）。"""
    closing = closing_index(blocks)
    lead = lead_index(blocks, closing, profile)
    return {index: kept for index, kept in ((closing, KEPT_LINES), (lead, 1)) if index >= 0}


def keep_rules(blocks: Sequence[Block], profile: StyleProfile) -> list[Rule]:
    """每一块的（与下段同页, 段中不分页）：

    - 标题、副标题、一级标题、附件说明、署名、“附件”二字和附件标题：与下段同页（标题、一级标题、“附件”二字、
      附件标题的写在 Word 的样式里，styles.py）；
    - 只有行内小标题、正文在子项里的段落：与下段同页、段中不分页；
    - 落款之前的最后一段正文（它只有一行时，还有前一段）：与下段同页，段中不分页（含换行、制表符的除外，
      :func:`kept_whole`）；要分出最后几行的分成两段写出（``closing.py``，前一段不带保持属性，后一段
      :data:`CLOSING_TAIL`）；
    - 附件说明、署名、日期：段中不分页。
    """
    tails = kept_tails(blocks, profile)
    rules: list[Rule] = []
    for index, block in enumerate(blocks):
        kind = block.kind
        if kind is BlockKind.PARAGRAPH and index in tails:
            rules.append(kept_whole(block))  # 分成两段写出时，前一段不带保持属性，后一段 CLOSING_TAIL
        elif kind is BlockKind.PARAGRAPH:
            kept = heading_only(block)
            rules.append((kept, kept))
        elif kind in (BlockKind.ATTACHMENT_NOTE, BlockKind.SIGNATURE):
            rules.append((True, True))
        elif kind is BlockKind.DATE:
            rules.append((False, True))
        elif kind in (BlockKind.TITLE, BlockKind.SUBTITLE, BlockKind.HEADING1, BlockKind.ATTACHMENT,
                      BlockKind.ATTACHMENT_TITLE):
            rules.append((True, False))
        else:
            rules.append((False, False))
    return rules
