"""认出正式公文（红头）的版头、主送机关和版记，填进表单的“公文:”（GB/T 9704-2012 §7.2–§7.4）。

只看文字和位置，不看颜色：

- 版头：开头十几段里有一行发文字号（``机关代字〔2025〕3号``，后面可以跟“签发人：姓名”）。它上面的
  6 位数字是份号，“秘密★1年”是密级和保密期限，“特急”“加急”是紧急程度，“签发人：”一行是签发人，
  其余的短行是发文机关标志（一行一个）；
- 主送机关：发文字号之后、标题下面紧接着的一行以“：”结尾的机关名称；
- 版记：末尾几段（或末尾的表格）里的“抄送：……。”和“××办公室  2025年1月8日印发”。

认出的各段从正文里去掉（换成空段，行号不变），其余照常导入；没有发文字号、也没有版记的文件原样导入。
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..form.numbering import CN_NUMERAL

# 发文字号：年份的括号常被打成 [] () （） 【】，序号前加了“第”或 0——照原样读进表单，gen check 再指出来
_NUMBER = r"[^\s〔〕\[\]()（）【】{}<>：:，。]{1,15}[〔\[(（【]\d{2,4}[〕\])）】]第?\d{1,5}号"
# 发文字号一行：上行文右边是“签发人：姓名”（几位签发人时，这一行只有最后一行的姓名）
_NUMBER_LINE = re.compile(rf"^(?P<number>{_NUMBER})(?:(?:\s*签发人[：:]|\s+)\s*(?P<names>[^：:]*))?$")
_SIGNERS = re.compile(r"^签发人[：:]\s*(?P<names>.*)$")
_COPY = re.compile(r"^\d{6}$")
_SECRECY = re.compile(r"^(?P<level>绝密|机密|秘密)(?:\s*★\s*(?P<term>\S.*))?$")
_URGENCY = re.compile(r"^(特急|加急)$")
_MARK = re.compile(r"^[^。！？；，,.!?;：:]{2,40}$")
_NAMES = re.compile(r"^[\u4e00-\u9fff·]{2,6}(?:[\s、]+[\u4e00-\u9fff·]{2,6})*$")
_RECIPIENT = re.compile(rf"^(?!{CN_NUMERAL}[、.．]|[（(])(?P<name>[^。！？；;!?：:]{{2,60}})[：:]$")
_CC = re.compile(r"^抄\s*送[：:]\s*(?P<names>.+?)[。.]?$")
_PRINTED = re.compile(r"^(?P<printer>\S.*?\D)\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
                      r"\s*印\s*发$")

_RULE = re.compile(r"^(?:[-—_=*]\s*){3,}$")

HEAD = 12  # 版头在开头这么多段（不计空段）之内
TAIL = 8  # 版记在末尾这么多段之内


@dataclass
class FoundFrame:
    """认出的“公文:”各项（中文键，与表单相同）和要从正文里去掉的段落。"""

    keys: dict[str, Any] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)
    tables: set[int] = field(default_factory=set)  # 只有版记的表格（不再作为注释放进表单）
    places: dict[str, int] = field(default_factory=dict)  # 各项所在的段落（gen check 据此定位）


def _split_names(text: str) -> list[str]:
    return [name for name in re.split(r"[\s、，,]+", text.strip()) if name]


ORDER = ("份号", "密级", "保密期限", "紧急程度", "发文机关标志", "发文字号", "签发人", "主送机关", "抄送机关",
         "印发机关", "印发日期", "盖章")


def find_frame(paragraphs: list[str], tables: list[list[list[str]]] | None = None, *,
               word: bool = False) -> FoundFrame:
    """认出版头、主送机关、版记；什么也没有时 ``keys`` 是空的。

    ``word``：段落来自 Word 文件（空段落就是空行）。有版头的 Word 文件里，落款上面空了两行以上的，
    是给印章留的位置：盖章（GB/T 9704 7.3.5.1）。"""
    found = FoundFrame()
    filled = [index for index, text in enumerate(paragraphs) if text.strip()]
    number_at = _head(paragraphs, filled, found)
    if number_at is not None:
        _recipient(paragraphs, [i for i in filled if i > number_at], found)
        if "发文机关标志" not in found.keys and tables:
            _mark_table(tables, found)
    _imprint(paragraphs, filled, tables or [], found)
    if number_at is not None and word and _seal_space(paragraphs, [i for i in filled if i not in found.used]):
        found.keys["盖章"] = True
    # 键按表单里的顺序；只有一个名字的写成文字（与办事员的写法、编辑页写出的一样），几个的写成列表
    found.keys = {key: _one_or_list(found.keys[key]) for key in ORDER if key in found.keys}
    return found


def _one_or_list(value: Any) -> Any:
    return value[0] if isinstance(value, list) and len(value) == 1 else value


_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")


def _seal_space(paragraphs: list[str], body: list[int]) -> bool:
    """落款（署名和成文日期）上面空了几行：最后一个成文日期、它上面的署名、再上面一段正文之间的空段落。"""
    dates = [at for at, index in enumerate(body) if _DATE_LINE.match(paragraphs[index].strip())]
    if not dates or dates[-1] < 2:
        return False
    signature, above = body[dates[-1] - 1], body[dates[-1] - 2]
    return signature - above - 1 >= 2


def _mark_table(tables: list[list[list[str]]], found: FoundFrame) -> None:
    """联合行文的发文机关标志排成表格（Word）：左列各机关名称，右列合并的“文件”二字。只看第一个表格。"""
    rows = [[" ".join(cell.split()) for cell in row] for row in tables[0]]
    names: list[str] = []
    suffix = False
    for row in rows:
        cells = [cell for cell in row if cell]
        if not cells:
            continue
        if not _MARK.match(cells[0]) or any(cell != "文件" for cell in cells[1:]):
            return
        suffix = suffix or len(cells) > 1
        names.append(re.sub(r"\s+", "", cells[0]))
    if names and suffix:
        found.keys["发文机关标志"] = [name + "文件" for name in names]
        found.tables.add(0)


def _marks(text: str) -> list[str]:
    """一行发文机关标志：联合行文的几个机关名称排在一行、用空格隔开时，“文件”二字只在最后出现一次。"""
    parts = text.split()
    if len(parts) > 1 and parts[-1] == "文件":
        return [part + "文件" for part in parts[:-1]]
    return parts


def _number_line(text: str) -> re.Match[str] | None:
    match = _NUMBER_LINE.match(text.strip())
    if match is None or (match["names"] and not _NAMES.match(match["names"].strip())):
        return None
    return match


def _head(paragraphs: list[str], filled: list[int], found: FoundFrame) -> int | None:
    """版头：返回发文字号那一段的序号；没有发文字号时为 None（什么也不填）。"""
    head = filled[:HEAD]
    number_at = next((i for i in head if _number_line(paragraphs[i])), None)
    if number_at is None:
        return None
    keys: dict[str, Any] = {}
    places: dict[str, int] = {}
    marks: list[str] = []
    signers: list[str] = []
    for index in [i for i in head if i < number_at]:
        text = paragraphs[index].strip()
        secrecy = _SECRECY.match(text)
        signer = _SIGNERS.match(text)
        if _COPY.match(text):
            keys["份号"] = text
            places["份号"] = index
        elif secrecy:
            keys["密级"] = secrecy["level"]
            places["密级"] = places["保密期限"] = index
            if secrecy["term"]:
                keys["保密期限"] = secrecy["term"].strip()
        elif _URGENCY.match(text):
            keys["紧急程度"] = text
            places["紧急程度"] = index
        elif signer:
            signers += _split_names(signer["names"])
            places["签发人"] = index
        elif signers and _NAMES.match(text):  # 几位签发人：姓名排成几行
            signers += _split_names(text)
        elif _MARK.match(text) and not signers:
            marks += _marks(text)
            places.setdefault("发文机关标志", index)
        else:
            return None  # 发文字号上面有一段正文：不是版头
    line = _number_line(paragraphs[number_at])
    assert line is not None
    signers += _split_names(line["names"] or "")
    found.keys.update(keys)
    found.places.update({"签发人": number_at, **places, "发文字号": number_at})
    if marks:
        found.keys["发文机关标志"] = marks
    found.keys["发文字号"] = line["number"]
    if signers:
        found.keys["签发人"] = signers
    found.used.update(i for i in head if i <= number_at)
    return number_at


def _recipient(paragraphs: list[str], after: list[int], found: FoundFrame) -> None:
    """主送机关：标题（一两段）下面紧接着的一行“××：”。"""
    for index in after[1:3]:
        match = _RECIPIENT.match(paragraphs[index].strip())
        if match and not re.search(r"如下|现将|总结|报告", match["name"]):
            found.keys["主送机关"] = re.sub(r"\s+", "", match["name"])
            found.places["主送机关"] = index
            found.used.add(index)
            return


def _imprint_line(text: str, keys: dict[str, Any]) -> bool:
    copies, printed = _CC.match(text), _PRINTED.match(text)
    if copies:
        keys["抄送机关"] = _split_names(copies["names"])
    elif printed:
        try:
            day = dt.date(int(printed["y"]), int(printed["m"]), int(printed["d"]))
        except ValueError:
            return False
        keys["印发机关"] = re.sub(r"\s+", "", printed["printer"])
        keys["印发日期"] = day.isoformat()
    return bool(copies or printed)


def _imprint(paragraphs: list[str], filled: list[int], tables: list[list[list[str]]], found: FoundFrame) -> None:
    """版记：末尾几段里的“抄送：”和“……印发”，或只有这两样的表格。"""
    keys: dict[str, Any] = {}
    tail = filled[-TAIL:]
    for at, index in enumerate(tail):
        if index not in found.used and _imprint_line(paragraphs[index].strip(), keys):
            found.used.add(index)
            found.places.update({key: index for key in keys if key not in found.places})
            before = tail[at - 1] if at else None
            if before is not None and _RULE.match(paragraphs[before].strip()):
                found.used.add(before)  # 版记上面的分隔线（Markdown 的 ---）
    for number, table in enumerate(tables):
        rows = [" ".join(" ".join(cell.split()) for cell in row if cell.strip()) for row in table]
        rows = [row for row in rows if row]
        trial: dict[str, Any] = {}
        if rows and all(_imprint_line(row, trial) for row in rows):
            keys.update(trial)
            found.tables.add(number)
    found.keys.update(keys)


def frame_parts(keys: dict[str, Any]) -> list[str]:
    """认出了哪几部分（写进导入的说明）。"""
    parts = [("版头", ("份号", "密级", "紧急程度", "发文机关标志", "发文字号", "签发人")), ("主送机关", ("主送机关",)),
             ("版记", ("抄送机关", "印发机关", "印发日期"))]
    return [name for name, names in parts if any(key in keys for key in names)]
