"""模糊测试发现（scripts/fuzz.py 红头往返）：gen 写 Markdown 时给 [ ] * # 等加反斜杠，gen import 读 .md 时没有去掉：
发文字号打成“[2025]”的红头整个认不出来（连带述职人也找不到），正文里的“[注]”“1*2”带着反斜杠进了表单。"""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import minimal_form

from generator.api import build_report_from_data
from generator.importer import import_report
from generator.importer.readers import unescape_markdown


def test_unescape_only_removes_the_backslashes_gen_adds() -> None:
    assert unescape_markdown(r"贡卫健发\[2025\]3号") == "贡卫健发[2025]3号"
    assert unescape_markdown(r"完成1\*2项，\#话题\#，1\.5") == "完成1*2项，#话题#，1.5"
    assert unescape_markdown(r"路径 C:\temp \\ 反斜杠") == r"路径 C:\temp \ 反斜杠"


def test_markdown_red_header_with_a_mistyped_number_comes_back(tmp_path: Path) -> None:
    form = minimal_form(
        类型="述职报告", 述职人="张明", 职务="主任", 学习="认真学习。", 廉洁="严守纪律。",
        导语="本人工作[注]扎实推进，完成1*2项。",
        公文={"发文字号": "贡卫健报[2025]3号", "签发人": "扎西", "主送机关": "市卫生健康委员会",
              "印发机关": "贡觉县卫生健康委员会办公室", "印发日期": "2025-01-08"})
    markdown = build_report_from_data(form).markdown()
    assert r"贡卫健报\[2025\]3号" in markdown  # gen 写出的 Markdown 确实转义了
    path = tmp_path / "述职.md"
    path.write_text(markdown, encoding="utf-8")
    back = yaml.safe_load(import_report(path).yaml())
    assert back["公文"]["发文字号"] == "贡卫健报[2025]3号"
    assert back["公文"]["主送机关"] == "市卫生健康委员会"
    assert back["述职人"] == "张明" and back["职务"] == "主任"
    assert back["导语"] == "本人工作[注]扎实推进，完成1*2项。"
