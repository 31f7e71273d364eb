"""gen 的分页预计（write/word/pages.py，分页用预览的同一个模型 write/word/pagination.py）：任意段落序列都排得完，保持属性得到遵守；收紧的行距确实多排下几行。

预计与 LibreOffice 是否一致，在 tests/pdf/test_page_ends_pdf.py 的渲染里量。"""

from __future__ import annotations

from conftest import minimal_form
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.api import build_report_from_data
from generator.write.style_profile import load_profile
from generator.write.word.body import squeeze_plan
from generator.write.word.pages import MAX_EXTRA, Unit, paginate

PER_PAGE = 22

_UNITS = st.lists(st.builds(Unit, block=st.just(0), part=st.just(""), lines=st.integers(1, 30),
                            keep_next=st.booleans(), keep_lines=st.booleans()), min_size=1, max_size=40)


@given(_UNITS)
@settings(max_examples=300, deadline=None)
def test_pagination_places_every_paragraph_in_order_and_keeps_kept_ones_whole(units: list[Unit]) -> None:
    pos = paginate(units, PER_PAGE)
    assert len(pos) == len(units)
    assert pos == sorted(pos), "段落的先后次序不变"
    for (page, line), unit, following in zip(pos, units, [*pos[1:], None], strict=True):
        assert 0 <= line < PER_PAGE and page >= 0
        if (unit.keep_next or unit.keep_lines) and unit.lines <= PER_PAGE and line > 0:
            assert line + unit.lines <= PER_PAGE, "带保持属性、不超过一页的段落不拆开（从页首排起的除外）"
        if following is not None:
            end = page * PER_PAGE + line + unit.lines
            assert following[0] * PER_PAGE + following[1] >= end, "段落不重叠"


def test_short_chain_moves_with_the_kept_paragraph_before_it() -> None:
    """一级标题（与下段同页）在页末、下一段整块排不下：标题跟着下一段到下一页。"""
    units = [Unit(0, "", 21), Unit(1, "", 1, keep_next=True), Unit(2, "", 3, keep_next=True, keep_lines=True)]
    assert paginate(units, PER_PAGE) == [(0, 0), (1, 0), (1, 1)]


def test_squeezed_pitch_fits_the_extra_lines_on_the_page() -> None:
    """结束语 1–60 句：收紧时 22 行的版心高度排得下 22 + 差的行数（1–MAX_EXTRA 行）。"""
    profile = load_profile()
    height = round(profile.line_pitch * 20) * profile.lines_per_page
    squeezed = 0
    for sentences in range(1, 61):
        report = build_report_from_data(minimal_form(结束语="今后，我们将继续努力。" * sentences))
        squeeze = squeeze_plan(report.document, profile)
        if squeeze is None:
            continue
        squeezed += 1
        extra = height // squeeze.pitch - profile.lines_per_page
        assert 1 <= extra <= MAX_EXTRA
        assert squeeze.pitch * (profile.lines_per_page + extra) <= height
    assert squeezed >= 3, squeezed
