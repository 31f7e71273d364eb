"""表单的“公文:”一组 → 中间结构里的 :class:`~generator.render.document.Frame`（版头、主送机关、版记的文字）。

文字按 GB/T 9704-2012 排好：密级和保密期限之间加“★”（7.2.2），印发日期写成“2025年1月8日”（7.4.3），
联合行文各机关名称都带“文件”时，“文件”二字只排一次、放在名称右侧（7.2.4）。夹在汉字之间的半角标点改成全角。
"""

from __future__ import annotations

from ..form.models import Form
from .document import Frame
from .punctuation import full_width

_SUFFIX = "文件"


def document_frame(form: Form) -> Frame | None:
    """表单没写“公文:”时为 None（版式与以前相同）。"""
    frame = form.frame
    if frame is None:
        return None
    head = []
    if frame.copy_number:
        head.append(frame.copy_number.strip())
    if frame.secrecy:
        term = (frame.secrecy_term or "").strip()
        head.append(f"{frame.secrecy}★{term}" if term else frame.secrecy)
    if frame.urgency:
        head.append(frame.urgency)
    marks = [_clean(mark) for mark in frame.marks(form.unit)]
    suffix = ""
    if len(marks) > 1 and all(mark.endswith(_SUFFIX) and len(mark) > len(_SUFFIX) for mark in marks):
        marks = [mark[: -len(_SUFFIX)] for mark in marks]
        suffix = _SUFFIX
    date = frame.print_date
    return Frame(
        head_lines=tuple(head), marks=tuple(marks), mark_suffix=suffix,
        number=_clean(frame.number or ""), signers=tuple(_clean(name) for name in frame.signers),
        recipient=_clean(frame.main_recipient or "").rstrip("：:"),
        copies_to=tuple(_clean(name).rstrip("。，、,.") for name in frame.copies_to),
        printer=_clean(frame.printer or ""),
        print_date=f"{date.year}年{date.month}月{date.day}日" if date else "",
        sealed=frame.sealed)


def _clean(text: str) -> str:
    return full_width(text.strip())
