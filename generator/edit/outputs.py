"""生成之前看一眼同名的输出文件：在 Word、WPS 里改过的或不是 gen 写的，先问办事员（另存为 / 覆盖 / 取消）。

页面上的说法不提命令行的选项；选“另存为”时建议一个还没有的文件名（如 表单-新.docx）。
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..write.ownership import Owner, owner_state


def free_name(target: Path) -> str:
    """同一文件夹里还没有的文件名：表单-新.docx、表单-新2.docx……"""
    for n in range(1, 1000):
        candidate = target.with_stem(f"{target.stem}-新{n if n > 1 else ''}")
        if not candidate.exists():
            return candidate.name
    return target.with_stem(f"{target.stem}-新{n + 1}").name


def ask_first(target: Path) -> dict[str, Any] | None:
    """目标已经存在、而且不是 gen 写的（或写后改过）时，页面要先问办事员：返回给页面的说明；否则 None。"""
    if not target.is_file():
        return None
    state = owner_state(target)
    if state is Owner.GEN:
        return None
    if state is Owner.EDITED:
        why = f"“{target.name}”是之前生成的，但之后在 Word 或 WPS 里改过。直接覆盖会丢掉那些修改。"
    else:
        why = f"文件夹里已经有一个“{target.name}”，它不是由本工具生成的（可能是您原来的报告）。直接覆盖会丢掉它。"
    return {"error": why, "owner": state.value, "target": target.name, "suggested": free_name(target)}
