"""落款前最后一段在倒数第二行前分成两段（write/word/closing.py）：回行的估计、分段、XML、导入时接回。"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from conftest import minimal_form
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.api import build_report_from_data
from generator.importer import import_report
from generator.render.document import Block, BlockKind, Run
from generator.write.style_profile import load_profile
from generator.write.word.closing import KEPT_LINES, split_closing
from generator.write.word.lines import NO_LINE_END, NO_LINE_START, Measure, line_starts

LINE = Measure.of(load_profile())  # 默认版式：版心 156 毫米，每字 15.75 磅，约 28.08 字
SENTENCE = "乡镇卫生院按期完成设备更新和人员培训，就医条件持续改善。"  # 28 字：正好一整行
FIRST = "今后，我们将继续完善基础设施，推动各项工作稳步推进。"  # 26 字 + 首行缩进二字 = 一整行


def test_full_lines_of_chinese_break_where_the_sentences_end() -> None:
    assert len(SENTENCE) == 28 and len(FIRST) == 26
    text = FIRST + SENTENCE * 3
    assert line_starts(text, LINE) == [0, 26, 54, 82]


def test_punctuation_never_starts_a_line_and_numbers_stay_whole() -> None:
    text = "为" * 26 + "，" + "人" * 10 + "比上年增长13.55%，" + "好" * 40
    starts = line_starts(text, LINE)
    assert starts[1] == 25  # “，”排不下也不排在行首：前一个字一起移到下一行
    assert all(text[s] not in NO_LINE_START and text[s - 1] not in NO_LINE_END for s in starts[1:])
    assert all(not (text[s - 1].isdigit() and text[s].isdigit()) for s in starts[1:])


@given(st.text(alphabet=st.sampled_from(list("全面推进健康县城建设，持续改善群众就医体验。（一）“两癌”12.5%abc、；— ")),
               min_size=1, max_size=400))
@settings(max_examples=300, deadline=None)
def test_split_keeps_every_character_and_the_last_lines(text: str) -> None:
    """任意文字：两段连起来就是原文，层级不丢；后一段就是预计的最后两行，分段处不在标点前、不拆数字。"""
    block = Block(BlockKind.PARAGRAPH, (Run(text[:3], 2), Run(text[3:])) if len(text) > 3 else (Run(text),))
    starts = line_starts(text, LINE)
    assert starts[0] == 0 and starts == sorted(set(starts)) and starts[-1] < len(text)
    parts = split_closing(block, LINE)
    if parts is None:
        assert len(starts) <= KEPT_LINES or len(text) < 40
        return
    head, tail = parts
    assert head.text + tail.text == text
    assert _levels(head.runs + tail.runs) == _levels(block.runs)  # 行内小标题的每个字仍是小标题
    cut = len(head.text)
    assert text[cut] not in NO_LINE_START and text[cut - 1] not in NO_LINE_END
    assert cut == starts[-KEPT_LINES]  # 分段处就是预计的行首（断行模型与 LibreOffice 逐字相同，不往前让字）
    assert len(line_starts(head.text, LINE)) == len(starts) - KEPT_LINES  # 前一段单独排不多出一行


def _levels(runs: tuple[Run, ...]) -> list[int]:
    return [run.level for run in runs for _ in run.text]


def _paragraphs(data: dict[str, object]) -> list[docx.text.paragraph.Paragraph]:
    return list(docx.Document(io.BytesIO(build_report_from_data(data).docx())).paragraphs)


def test_only_the_last_two_lines_keep_with_the_signature_in_the_xml() -> None:
    closing = FIRST + SENTENCE * 5
    paragraphs = _paragraphs(minimal_form(结束语=closing))
    [head] = [p for p in paragraphs if p.text.startswith(FIRST)]
    tail = paragraphs[paragraphs.index(head) + 1]
    assert head.text + tail.text == closing and tail.text == SENTENCE * 2
    assert not head.paragraph_format.keep_with_next and not head.paragraph_format.keep_together
    assert head.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.DISTRIBUTE
    assert tail.paragraph_format.keep_with_next and tail.paragraph_format.keep_together
    assert tail.paragraph_format.first_line_indent == 0


def test_short_closing_is_one_kept_paragraph() -> None:
    closing = FIRST + SENTENCE
    paragraphs = _paragraphs(minimal_form(结束语=closing))
    [whole] = [p for p in paragraphs if p.text == closing]
    assert whole.paragraph_format.keep_with_next and whole.paragraph_format.keep_together


def test_import_joins_the_two_parts_even_after_a_full_stop(tmp_path: Path) -> None:
    """前一段以句号结束（分段处正好是句末）：导入时仍接回一段，不当作两段话。"""
    closing = FIRST + SENTENCE * 4
    path = tmp_path / "分段.docx"
    path.write_bytes(build_report_from_data(minimal_form(结束语=closing)).docx())
    assert import_report(path).form["结束语"] == closing


def test_one_line_closing_takes_the_last_line_of_the_paragraph_before() -> None:
    """结束语只有一行（“特此报告。”）：前一段的最后一行单独成段，也“与下段同页”，落款页上才有两行正文。"""
    content = FIRST + SENTENCE * 3
    plans = [{"标题": "加强队伍建设", "内容": content}]
    paragraphs = _paragraphs(minimal_form(下一步工作计划=plans, 结束语="特此报告。"))
    [closing] = [p for p in paragraphs if p.text == "特此报告。"]
    tail = paragraphs[paragraphs.index(closing) - 1]
    head = paragraphs[paragraphs.index(closing) - 2]
    whole = "（一）加强队伍建设。" + content
    assert head.text + tail.text == whole and tail.text == whole[line_starts(whole, LINE)[-1]:]
    assert head.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.DISTRIBUTE
    assert not head.paragraph_format.keep_with_next
    assert tail.paragraph_format.keep_with_next and tail.paragraph_format.keep_together
    assert closing.paragraph_format.keep_with_next and closing.paragraph_format.keep_together


def test_import_joins_the_paragraph_before_a_one_line_closing(tmp_path: Path) -> None:
    content = FIRST + SENTENCE * 3
    plans = [{"标题": "加强队伍建设", "内容": content}]
    path = tmp_path / "特此报告.docx"
    path.write_bytes(build_report_from_data(minimal_form(下一步工作计划=plans, 结束语="特此报告。")).docx())
    form = import_report(path).form
    assert form["下一步工作计划"][0]["内容"].split("\n\n")[0] == content  # 一段，没有在最后一行前断开


def test_split_paragraphs_pass_the_ooxml_validator(tmp_path: Path) -> None:
    """分散对齐、首行缩进字符数为 0、两段都带保持属性：openxml-audit --policy strict 零错误。"""
    from openxml_audit import OpenXmlValidator

    plans = [{"标题": "加强队伍建设", "内容": FIRST + SENTENCE * 3}]
    forms = {"长结束语": minimal_form(结束语=FIRST + SENTENCE * 5),
             "特此报告": minimal_form(下一步工作计划=plans, 结束语="特此报告。")}
    validator = OpenXmlValidator(strict=True)
    for name, data in forms.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(build_report_from_data(data).docx())
        assert any(p.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.DISTRIBUTE
                   for p in docx.Document(str(path)).paragraphs), name
        result = validator.validate(path)
        errors = [f"{e.description}（{e.part_uri} {e.path}）" for e in result.errors]
        assert result.is_valid and errors == [], f"{name}：{errors}"
