"""整批的输入：命令行上给的表单和文件夹，展开成表单列表和跳过的文件。"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..read.filekind import FORM_SUFFIXES, TEXT_SUFFIXES, Kind, detect


def collect(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """返回 (表单, 跳过的文件)。

    直接给的文件都当作表单（与单独运行一样，不是表单时由它自己的错误说明）；给的文件夹只取其中
    一层的表单（.yaml、.yml，以及内容像表单的 .txt、.md），其余文件（Word、图片、gen init 写的
    gen-form.schema.json……）跳过并列出；以“.”开头的隐藏文件和子文件夹不看。同一个文件只生成一次。
    """
    forms: list[Path] = []
    skipped: list[Path] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            forms.append(path)

    for path in paths:
        if not path.is_dir():
            add(path)
            continue
        for entry in sorted(path.iterdir(), key=lambda p: p.name):
            if entry.name.startswith(".") or entry.is_dir():
                continue
            if is_form_file(entry):
                add(entry)
            else:
                skipped.append(entry)
    return forms, skipped


def is_form_file(path: Path) -> bool:
    """文件夹里的这个文件是不是表单：看扩展名，.txt/.md 再看内容。"""
    name = path.name.lower()
    if path.suffix.lower() in FORM_SUFFIXES or name.endswith((".yaml.txt", ".yml.txt")):
        return True
    return path.suffix.lower() in TEXT_SUFFIXES and detect(path) is Kind.FORM
