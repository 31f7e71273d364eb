"""SourceText 按需切出一行：与整篇切分成行的结果、行起点完全相同；逐段检查表单时不把全文切成几十万个字符串。"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import VALID_FORM

from generator.checks import check_form
from generator.compute import compute
from generator.form.reading import parse_form as parse_yaml
from generator.form.validate import validate_form
from generator.read.source import SourceText

EDGES = ["", "\n", "a", "a\n", "a\n\n", "\n\na", "a\nb\nc", "a\nb\nc\n", "\n\n\n", "x\n\ny\n\n", "甲\n乙丙\n"]
RANDOM = ["".join(random.Random(seed).choice("ab\n") for _ in range(random.Random(seed).randint(0, 12)))
          for seed in range(500)]


@pytest.mark.parametrize("texts", [EDGES, RANDOM], ids=["edges", "random"])
def test_one_line_at_a_time_matches_splitting_everything(texts: list[str]) -> None:
    for text in texts:
        _same_lines(text)


def _same_lines(text: str) -> None:
    lazy = SourceText(Path("f.yaml"), text, "utf-8")
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    assert [lazy.line(number) for number in range(-1, len(lines) + 3)] == [None, None, *lines, None, None]
    assert "lines" not in lazy.__dict__  # 没有整篇切分
    assert [lazy.position(offset) for offset in range(len(text) + 1)] == [
        (index + 1, offset - starts[index] + 1)
        for offset in range(len(text) + 1)
        for index in [max(i for i, start in enumerate(starts) if start <= offset)]]
    assert lazy.lines == lines
    assert [lazy.line(number) for number in range(len(lines) + 2)] == [None, *lines, None]


def test_checking_a_form_does_not_split_the_whole_text() -> None:
    loaded = parse_yaml(SourceText(Path("f.yaml"), VALID_FORM.replace("人才短缺。", "人才短缺，培训XX人次。"),
                                   "utf-8"))
    computed = compute(loaded, *validate_form(loaded))
    found = check_form(loaded, computed.form)
    assert "lines" not in loaded.source.__dict__
    assert found and found[0].source_line == "  - 人才短缺，培训XX人次。"
