"""避头尾的字符表（generator/write/word/lines.py 的 NO_LINE_START、NO_LINE_END）与 LibreOffice 相同：

原先 Word 这边的估计另有一张表，多出的字（全角的＂＇．］｝～，°、¢、〃、〝〞，＄￥［｛ 等）在 LibreOffice 里
都能排在行首、行末。每个字放在一段的分行处，一次渲染，PDF 的分行与模型（line_starts）预计的相同。
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import minimal_form
from office import read_pages, render_pdfs

from generator.api import build_report_from_data
from generator.write.style_profile import load_profile
from generator.write.word.lines import NO_LINE_END, NO_LINE_START, Measure, line_starts

# 原先的表里有、现在的表里没有的字（在 LibreOffice 里不避头、不避尾）
FREE_AT_START = "¢°〃〆〞﹚﹜＂＇．］｝～"
FREE_AT_END = "$£¥·〝﹙﹛＄［｛￡￥"


def _cases() -> dict[str, str]:
    cases = {f"行首{ord(ch):04x}": "测" * 26 + ch + "试" * 30 + "。" for ch in FREE_AT_START}  # 第二行的第一个字
    cases |= {f"行末{ord(ch):04x}": "测" * 25 + ch + "试" * 30 + "。" for ch in FREE_AT_END}  # 第一行的最后一个字
    return cases


def test_the_characters_are_not_in_the_tables() -> None:
    assert not set(FREE_AT_START) & NO_LINE_START and not set(FREE_AT_END) & NO_LINE_END


@pytest.mark.office
def test_libreoffice_breaks_where_the_model_does(tmp_path: Path) -> None:
    measure = Measure.of(load_profile())
    cases = _cases()
    paths = []
    for name, text in cases.items():
        paths.append(tmp_path / f"{name}.docx")
        paths[-1].write_bytes(build_report_from_data(minimal_form(结束语=text)).docx())
    pdfs, _ = render_pdfs(paths, tmp_path)
    assert len(pdfs) == len(cases)
    problems = []
    for pdf in pdfs:
        text = cases[pdf.stem]
        lines = ["".join(line.text.split()) for page in read_pages(pdf) for line in page.lines]
        start = lines.index(next(line for line in lines if line.startswith("测" * 20)))
        starts = line_starts(text, measure)
        expected = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
        if lines[start:start + len(expected)] != expected:
            problems.append(f"{pdf.stem}：PDF {lines[start:start + len(expected)]}，预计 {expected}")
    assert not problems, "\n".join(problems)
