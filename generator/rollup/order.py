"""汇总表里各县的先后：命令行上一个个写出的表单按写的顺序；文件夹、通配符（县级/*.yaml）展开的按文件名的
自然顺序——数字按大小（“2-乙县”在“10-甲县”前），汉字按拼音（pypinyin，带声调：“安泽县”在“霍州市”前），
字母不分大小写；拼音、数字都相同时按文件名的字符。与操作系统列文件的顺序无关，哪台电脑上都一样。

要按本地的习惯（如行政区划代码的顺序）排，给文件名加上序号（01-、02-……），或在命令行上逐个写出表单。
"""

from __future__ import annotations

import re
from pathlib import Path

_DIGITS = re.compile(r"(\d+)")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

Piece = tuple[int, int, str]


def natural_key(name: str) -> tuple[tuple[Piece, ...], str]:
    """``name`` 的排序键：数字段按数值，其余按拼音（TONE3：“an1 ze2”）、小写字母；最后是原来的文字。"""
    pieces: list[Piece] = []
    for index, part in enumerate(_DIGITS.split(name)):
        if not part:
            continue
        if index % 2:
            pieces.append((0, int(part), part))
        else:
            pieces.append((1, 0, _spelled(part)))
    return tuple(pieces), name


def _spelled(text: str) -> str:
    if not _HAN.search(text):
        return text.lower()
    from pypinyin import Style, lazy_pinyin  # 只在有汉字时导入（词典要一点时间）

    return " ".join(lazy_pinyin(text.lower(), style=Style.TONE3, neutral_tone_with_five=True))


def natural_sorted(paths: list[Path]) -> list[Path]:
    """按文件名的自然顺序排（见模块说明），文件名相同时按完整路径。"""
    return sorted(paths, key=lambda p: (natural_key(p.name), str(p)))
