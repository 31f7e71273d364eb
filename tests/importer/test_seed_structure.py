"""种子报告导入后渲染（issue 20）：原文每段正文在 Markdown 里正好出现一次，序号按原来的顺序和数值保留
（部分开头的总述没有变成事项），落款是单位名称。种子不在时跳过（CI 里失败）。"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import seed_params

from generator.form.numbering import chinese_value
from generator.form.reading import parse_form
from generator.importer import import_report
from generator.importer.structure import L1, L2, L3, _is_title, looks_like_date, split_heading, split_points
from generator.pipeline import build
from generator.read.loader import decode_source

# 每份种子：落款、原文没有序号、导入时按段猜成事项的个数（导入的提示里说了）
EXPECTED = {
    "000": ("贡觉县卫生健康委员会", 0),
    "001": ("中阳县卫生健康局", 1),  # 漏了“二、”的一级标题，按标题处理（导入时有提示）
    "004": ("县卫健委", 4),  # 计划部分没有（一），“一是……四是”成为（一）到（四）（引言放进“开头”）
}
FILLER = "原文没有这一部分"  # 原文缺少的部分（004 没有“存在的问题”），渲染前补上的一句
_MARK = re.compile(r"\*\*(?:（([一二三四五六七八九十]+)）|(\d{1,2})\.)([^*]*)\*\*")


def _plain(text: str) -> str:
    """比较用：去掉空白、Markdown 记号和标点（渲染时句末标点会补齐，小标题后会加句号）。"""
    text = re.sub(r"[\s*#\\]", "", text)
    text = re.sub(r"^(?:[一二三四五六七八九十]+[、.．,，]|[（(][一二三四五六七八九十\d]+[）)][、.．]?|\d{1,2}[、.．](?!\d))",
                  "", text)
    return re.sub(r"[，,。.；;：:、！!？?“”\"'（）()]", "", text)


def _rendered(path: Path) -> tuple[list[str], str]:
    imported = import_report(path)
    text = imported.yaml().replace("日期: 请补写", "日期: 2025-01-07").replace("  - 请补写", f"  - {FILLER}。")
    report = build(parse_form(decode_source(text.encode("utf-8"), Path("表单.yaml"))))
    return imported.paragraphs, report.markdown()


@pytest.mark.parametrize("path", seed_params())
def test_seed_keeps_every_paragraph_and_its_numbering(path: Path | None) -> None:
    if path is None:
        from conftest import require_seeds

        require_seeds()
        return
    signature, guessed = EXPECTED[path.name[:3]]
    paragraphs, markdown = _rendered(path)
    flat = _plain(markdown)
    first_heading = next(i for i, p in enumerate(paragraphs) if L1.match(p))
    body = [p for i, p in enumerate(paragraphs)
            if not (i < first_heading and _is_title(p)) and not L1.match(p) and not looks_like_date(p)
            and p != signature]
    # 每段正文正好一次（没有丢，没有重复）；“引言。一是……二是……”拆开放的，每一块各一次
    pieces: list[str] = []
    for p in body:
        points = split_points(p)
        pieces += [p] if points is None else [points[0], *points[1]]
    assert [(p[:30], flat.count(_plain(p))) for p in pieces if p and flat.count(_plain(p)) != 1] == []
    # 序号：原文每个（一）、1. 小标题在渲染结果里出现，顺序和数值不变（开头的总述没有挤占序号）
    rendered = [(chinese_value(cn) if cn else int(digit), _plain(title)) for cn, digit, title in _MARK.findall(markdown)
                if title != FILLER]
    titles = {title for _, title in rendered}
    source: list[tuple[int, str]] = []
    for p in paragraphs:
        match = L2.match(p) or L3.match(p) or L1.match(p)
        if match is None:
            continue
        title = _plain(split_heading(match.group(2))[0])
        if match.re is L1 and title not in titles:
            continue  # 一级标题是部分的标题（工作开展情况、存在问题……），不是事项
        value = match.group(1)
        source.append((int(value) if value.isdigit() else chinese_value(value), title))
    found = iter(rendered)
    assert all(any(item == other for other in found) for item in source), (source, rendered)
    assert len(rendered) - len(source) == guessed
    # 落款
    assert markdown.rstrip().splitlines()[-3:] == [signature, "", "2025年1月7日"] or \
        markdown.split("<!--")[0].rstrip().splitlines()[-3:] == [signature, "", "2025年1月7日"]
