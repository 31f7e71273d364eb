"""预览的版面模型在 ``generator/write/word`` 里（:mod:`..write.word.page_flow` 排成段落和行，
:mod:`..write.word.pagination` 分页，:mod:`..write.word.keep` 分页规矩）：与 Word 文件、落款页的预计用同一个模型。
这里只转出预览（:mod:`.preview`）用到的名字。"""

from __future__ import annotations

from ..write.word.keep import keep_rules
from ..write.word.page_flow import flow, layout, section_lines
from ..write.word.page_types import ORPHANS, WIDOWS, Line, Pages, Para
from ..write.word.pagination import KEPT_PARAGRAPH_MOVES_WHOLE, heights, paginate

__all__ = ["KEPT_PARAGRAPH_MOVES_WHOLE", "ORPHANS", "WIDOWS", "Line", "Pages", "Para", "flow", "heights",
           "keep_rules", "layout", "paginate", "section_lines"]
