"""字段编辑页的“公文”一组（正式公文的版头和版记，见 :mod:`generator.form.frame`）。

页面上的键写成 ``公文/发文字号``；服务器用 ruamel 往返改写 YAML，注释和写法保留。几个名字的项（发文机关标志、
签发人、抄送机关）在页面上用顿号“、”或换行隔开，一个写成文字，几个写成列表。各项都清空时删去“公文:”，
报告回到不加版头版记的样子。
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..render.bureau import Bureau
from .guard import Refused

PREFIX = "公文/"
FRAME_FIELDS = ("份号", "密级", "保密期限", "紧急程度", "发文机关标志", "发文字号", "签发人", "主送机关",
                "抄送机关", "印发机关", "印发日期", "盖章")
LISTS = ("发文机关标志", "签发人", "抄送机关")


def frame_values(data: Any) -> dict[str, str]:
    """页面上“公文”各项的值（``公文/键`` → 文字）；列表用顿号连起来，盖章为 "true" 或 ""。"""
    frame = data.get("公文") if hasattr(data, "get") else None
    if not isinstance(frame, dict):
        return {}
    values: dict[str, str] = {}
    for key in FRAME_FIELDS:
        value = frame.get(key)
        if isinstance(value, list):
            shown = "、".join(str(item) for item in value if isinstance(item, (str, int)))
        elif isinstance(value, bool):
            shown = "true" if value else ""
        elif isinstance(value, (str, int, dt.date)):
            shown = value.isoformat() if isinstance(value, dt.date) else str(value)
        else:
            continue
        if shown:
            values[PREFIX + key] = shown
    return values


def template_frame_values(bureau: Bureau) -> dict[str, str]:
    """单位模板“公文:”里的各项（表单没写时用它们）：页面上作为框里的灰字提示（``公文/键`` → 提示）。"""
    defaults = bureau.spec.frame
    if defaults is None:
        return {}
    shown = {"发文机关标志": "、".join(defaults.organ_marks), "印发机关": defaults.printer or "",
             "主送机关": defaults.main_recipient or "", "抄送机关": "、".join(defaults.copies_to)}
    hints = {PREFIX + key: f"不写时用模板的：{value}" for key, value in shown.items() if value}
    if defaults.code:
        hints[PREFIX + "发文字号"] = f"可以只写〔年份〕序号号，前面补上模板的机关代字：{defaults.code}"
    return hints


def frame_anchors(data: Any) -> list[tuple[int, str]]:
    """“公文:”下每一项所在的行：页面把检查结果放到那一项下面。"""
    frame = data.get("公文") if hasattr(data, "get") else None
    lc = getattr(frame, "lc", None)
    if not isinstance(frame, dict) or lc is None:
        return []
    anchors: list[tuple[int, str]] = []
    for key in frame:
        if key in FRAME_FIELDS:
            anchors.append((int(lc.key(key)[0]) + 1, PREFIX + str(key)))
    return anchors


def _value(key: str, text: str) -> object:
    if key in LISTS:
        names = [name.strip() for name in re.split(r"[、\n]", text) if name.strip()]
        if len(names) == 1:
            return names[0]
        seq = CommentedSeq(names)
        seq.fa.set_flow_style()  # 写成一行：[甲, 乙]
        return seq
    if key == "盖章":
        if text not in ("true", "false"):
            raise Refused(400, "“盖章”的值应为 true 或 false。")
        return text == "true"
    if key == "印发日期":
        try:
            return dt.date.fromisoformat(text) if len(text) == 10 else text
        except ValueError:
            return text  # 照写，检查会指出来（与“日期”相同）
    if key == "份号" and text.isdigit():
        return text  # 000001 写成文字：不让 YAML 去掉前面的 0
    return text


def set_frame(data: Any, key: str, value: object) -> None:
    """把 ``公文/键`` 改成 ``value``（空文字或 false 表示删去这一项）。``data`` 是 ruamel 读入的表单。"""
    name = key[len(PREFIX):]
    if name not in FRAME_FIELDS:
        raise Refused(400, f"“公文”里没有“{name}”这一项。可以编辑的有 {'、'.join(FRAME_FIELDS)}。")
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise Refused(400, f"“{name}”的值应为文字。")
    text = str(value).strip()
    frame = data.get("公文")
    if frame is not None and not isinstance(frame, dict):
        raise Refused(422, "表单里的“公文”不是“键: 值”的形式。请在“源文件”里修改。")
    if not text or (name == "盖章" and text == "false"):
        if isinstance(frame, dict) and name in frame:
            del frame[name]
            if not frame:
                del data["公文"]
        return
    new = _value(name, text)
    if frame is None:
        frame = CommentedMap()
        data["公文"] = frame
    if name in frame:
        frame[name] = new
        return
    order = FRAME_FIELDS.index(name)
    position = sum(1 for existing in frame if existing in FRAME_FIELDS and FRAME_FIELDS.index(existing) < order)
    frame.insert(position, name, new)
