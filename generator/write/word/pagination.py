"""预览的分页（:mod:`.pages` 把文档排成段落和行，这里把它们分进一页页）：与 LibreOffice 转出的 PDF 相同。

- 每页 ``capacity`` 个网格行（以千分之一行计；表格的下框线、版头的定高段落有零头）；开始新一节的段落
  （横排的表格前后）另起一页，换成那一节的行数；
- “与下段同页”的一串段落连同下一段的开头放不下时一起移到下一页；可以拆开的段落按行拆
  （Word 文件关掉了孤行控制：``ORPHANS``、``WIDOWS`` 为 1）；
- LibreOffice 对可以拆开的“与下段同页”段落的做法（整段移页、连同它前面的一串移页、放弃太长的一串）见
  :data:`KEPT_PARAGRAPH_MOVES_WHOLE` 和 :func:`_chain_given_up`。
"""

from __future__ import annotations

from collections.abc import Sequence

from .page_types import Line, Para

# LibreOffice：“与下段同页”、可以段中分页的段落，与下一段的开头放不下时，只要整段连同下一段的开头能放进下一页，
# 就整段移过去（Word 只移最后几行）。PDF 上量得（落款前的长段落）；改成 Word 的做法时设为 False
KEPT_PARAGRAPH_MOVES_WHOLE = True


def heights(lines: Sequence[Line]) -> int:
    """几行的高度，千分之一网格行。"""
    return sum(line.height * 1000 + line.extra for line in lines)


def _head(paras: Sequence[Para], index: int) -> int:
    """第 ``index`` 段开头必须与前一段（与下段同页的）排在同一页的网格行数：段中不分页的整段，
    否则开头 ``orphans`` 行；整段带上且这一段也“与下段同页”时，再加下一段的开头。"""
    total = 0
    while index < len(paras):
        para = paras[index]
        whole = para.keep_lines or len(para.lines) <= para.orphans
        total += heights(para.lines if whole else para.lines[:para.orphans])
        if not (whole and para.keep_next):
            break
        index += 1
    return total


def _chain_given_up(paras: Sequence[Para], index: int, first_page: dict[int, int], page: int,
                    capacity: int) -> bool:
    """第 ``index`` 段在一串“与下段同页”的段落中间，而 LibreOffice 已放弃这一串：串首的段落从前一页拆过来，
    或整串（串首各段整段、最后一段的开头）比一页还长。这时不再为它移页（量得：长结束语之后署名、日期可以分在两页）。"""
    if not KEPT_PARAGRAPH_MOVES_WHOLE or index == 0 or not paras[index - 1].keep_next:
        return False
    start = index - 1
    while start > 0 and paras[start - 1].keep_next:
        start -= 1
    if first_page.get(start) != page:
        return True
    end, total = start, 0
    while end < len(paras) and paras[end].keep_next:
        total += heights(paras[end].lines)
        end += 1
    return total + (_head(paras, end) if end < len(paras) else 0) > capacity


def paginate(paras: Sequence[Para], capacity: int) -> list[list[Line]]:
    """把段落排进每页 ``capacity`` 个网格行的页面（开始新一节的段落带着那一节的行数，:attr:`Para.section`）。
    一串“与下段同页”的段落比一页还长时不再强求。"""
    capacity *= 1000  # 以千分之一行计
    pages: list[list[Line]] = [[]]
    used = 0

    def new_page(header: Line | None) -> None:
        nonlocal used
        pages.append([header] if header is not None else [])
        used = heights([header]) if header is not None else 0

    first_page: dict[int, int] = {}  # 各段第一行所在的页
    position: dict[int, int] = {}  # 各段第一行在那一页上的位置（第几行）

    def move_whole(index: int) -> None:
        """第 ``index`` 段整段移到下一页；LibreOffice 把它前面“与下段同页”、整段在这一页上的一串段落一起移过去
        （串首在页顶时不移）。连同它们在新的一页上仍放不下时，这一段再移一页，那一串留在那里（PDF 上量得，
        当时结束语整段“与下段同页”；结束语分成两段写出之后已少见）。"""
        nonlocal used
        page = len(pages) - 1
        start = index
        while start > 0 and paras[start - 1].keep_next and first_page.get(start - 1) == page:
            start -= 1
        if start < index and position[start] > 0:
            moved = pages[-1][position[start]:]
            del pages[-1][position[start]:]
            new_page(None)
            pages[-1].extend(moved)
            used = heights(moved)
            for number in range(start, index):
                first_page[number], position[number] = page + 1, position[number] - position[start]
            first_page[index], position[index] = page + 1, len(moved)
            return
        new_page(None)
        first_page[index], position[index] = page + 1, 0

    for index, para in enumerate(paras):
        if para.section:  # 新的一节（横排的表格前后）：另起一页，每页的行数换成这一节的
            if pages[-1]:
                new_page(None)
            capacity = para.section * 1000
        if para.page_break and pages[-1]:
            new_page(None)
        head = _head(paras, index)
        given_up = _chain_given_up(paras, index, first_page, len(pages) - 1, capacity)
        if used and used + head > capacity >= head and not given_up:
            new_page(None)
        after = _head(paras, index + 1) if para.keep_next and not given_up else 0
        first_page[index], position[index] = len(pages) - 1, len(pages[-1])
        rest = list(para.lines)
        started = False  # 这一段已有几行排在前面的页上（表格续页要重复表头）
        while rest:
            carry = para.header if started else None
            free = capacity - used
            total = heights(rest)
            if total <= free and total + after <= free:
                pages[-1].extend(rest)
                used += total
                break
            if total <= free:
                # 这一段放得下，下一段的开头放不下：把这一段的最后几行（不分页时整段）带到下一页
                whole = para.keep_lines or (KEPT_PARAGRAPH_MOVES_WHOLE and not started and para.header is None)
                keep = len(rest) if whole else max(para.widows, 1)
                if keep >= len(rest) - (0 if started else para.orphans) + 1 or whole:
                    if used and heights(rest) + after <= capacity:
                        if started:
                            new_page(carry)
                        else:
                            move_whole(index)
                        continue
                    pages[-1].extend(rest)
                    used += total
                    break
                if heights(rest[-keep:]) + after > capacity:  # 带过去也放不下：不强求
                    pages[-1].extend(rest)
                    used += total
                    break
                pages[-1].extend(rest[:-keep])
                started = True
                rest = rest[-keep:]
                new_page(para.header)
                continue
            if used and ((para.keep_lines and total <= capacity) or (
                    KEPT_PARAGRAPH_MOVES_WHOLE and para.keep_next and not started and para.header is None)):
                if started:
                    new_page(carry)
                else:
                    move_whole(index)
                continue
            fit = 0
            while fit < len(rest) and heights(rest[:fit + 1]) <= free:
                fit += 1
            fit = min(fit, len(rest) - para.widows)
            if fit < (1 if started else para.orphans):
                if used and used > (heights([carry]) if carry else 0):
                    new_page(carry)
                    continue
                fit = max(fit, 1)
            pages[-1].extend(rest[:fit])
            started = True
            rest = rest[fit:]
            new_page(para.header)
    return [page for page in pages if page]
