"""生成之前看一眼同名的输出文件：在 Word、WPS 里改过的或不是 gen 写的，先问办事员（另存为 / 覆盖 / 取消）；
只读的只能另存为（或取消）。

页面上的说法不提命令行的选项；选“另存为”时建议一个还没有的文件名（如 表单-新.docx）。
"""

from __future__ import annotations

import stat
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
    if not target.exists():
        return None
    if not target.is_file():  # 同名的文件夹（或别的特殊文件）：不能写成它，只能另存为
        why = f"文件夹里有一个也叫“{target.name}”的文件夹（或特殊文件），不能把报告写成它。请另存为一个新的文件名。"
        return _only_save_as(target, why, "folder")
    if not target.stat().st_mode & stat.S_IWUSR:  # 只读（Windows 的“只读”属性也是这样）：只能另存为
        why = (f"“{target.name}”是只读文件，不能覆盖。请另存为一个新的文件名；"
               "一定要用原来的文件名，请先在文件属性里去掉“只读”，再生成一次。")
        return _only_save_as(target, why, "readonly")
    state = owner_state(target)
    if state is Owner.GEN:
        return None
    if state is Owner.EDITED:
        why = f"“{target.name}”是之前生成的，但之后在 Word 或 WPS 里改过。直接覆盖会丢掉那些修改。"
    else:
        why = f"文件夹里已经有一个“{target.name}”，它不是由本工具生成的（可能是您原来的报告）。直接覆盖会丢掉它。"
    return {"error": why, "owner": state.value, "target": target.name, "suggested": free_name(target),
            "can_overwrite": True}


def _only_save_as(target: Path, why: str, owner: str) -> dict[str, Any]:
    return {"error": why, "owner": owner, "target": target.name, "suggested": free_name(target),
            "can_overwrite": False}
