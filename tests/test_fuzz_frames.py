"""模糊测试（固定预算）：表单的“公文:”一组（对的和写坏的值）、新类型（季度、工作计划、述职报告）的各部分
有无，以及 gen 生成的红头 .docx 导入回来。约定：要么成功（Word 能被 python-docx 读回），要么是带行号的
中文错误，不出现 pydantic 的英文说明；对的“公文:”生成的红头导入回来各项相同。更长时间的版本见
scripts/fuzz.py（fuzz_frames.py）。"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import minimal_form
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.api import build_report_from_data
from generator.errors import FormError, GenError
from generator.importer import import_report

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

ENGLISH = re.compile(r"Input should|Field required|validation error|Value error|type=")
NASTY = ["\U0001f600", "\x07", "\x0b", "\u200b", "\ufeff", "\u202e", "\t", "𠀀", "{{甲}}", "{%", "〔", "〕", "：",
         "★", "\n", "印发", "抄送：", "签发人：", "文" * 300, "", " "]
text = st.one_of(st.text(st.characters(), max_size=12),
                 st.lists(st.sampled_from(NASTY) | st.text("甲乙县局委文件办公室〔〕2025号", max_size=6),
                          min_size=1, max_size=4).map("".join))
names = st.one_of(text, st.lists(text, max_size=3))
date_value = st.one_of(st.sampled_from(["2025-01-08", "2025-13-45", "2025-02-30", "明天", "2025年1月8日", "0001-01-01"]),
                       st.integers(-5, 30000000), st.booleans(), text)
frame_value: dict[str, st.SearchStrategy[Any]] = {
    "份号": st.one_of(st.sampled_from(["000001", "0000001", "abcdef", "00000１"]), st.integers(-2, 10**7), text),
    "密级": st.one_of(st.sampled_from(["绝密", "机密", "秘密", "内部", "机密★1年"]), text, st.integers()),
    "保密期限": st.one_of(st.sampled_from(["1年", "6个月"]), text),
    "紧急程度": st.one_of(st.sampled_from(["特急", "加急", "急", "特急\n加急"]), text, st.integers()),
    "发文机关标志": names,
    "发文字号": st.one_of(st.sampled_from(["贡卫健发〔2025〕3号", "贡卫健发[2025]3号", "贡卫健发〔2025〕第3号",
                                       "贡卫健发（2025）03号", "〔2025〕3号"]), text),
    "签发人": names,
    "主送机关": st.one_of(st.sampled_from(["市卫生健康委员会"]), text, st.lists(text, max_size=2)),
    "抄送机关": names,
    "印发机关": st.one_of(st.sampled_from(["贡觉县卫生健康委员会办公室"]), text),
    "印发日期": date_value,
    "盖章": st.one_of(st.booleans(), st.sampled_from(["是", "true", 1, None])),
}
frame = st.one_of(
    st.fixed_dictionaries({}, optional=frame_value),
    st.sampled_from(["", None, [], "公文", 3, ["发文字号"], {"未知的项": 1}]),
)


def _clean_outcome(data: dict[str, Any]) -> None:
    try:
        report = build_report_from_data(data)
        report.markdown()
        word = report.docx()
    except FormError as exc:
        for diagnostic in exc.diagnostics:
            assert diagnostic.line is not None, diagnostic.format()
            assert re.search(r"[\u4e00-\u9fff]", diagnostic.message), diagnostic.message
            assert not ENGLISH.search(diagnostic.message), diagnostic.message
        return
    except GenError as exc:
        assert exc.diagnostics, exc
        return
    read = docx.Document(io.BytesIO(word))  # python-docx 读得回
    assert read.paragraphs
    assert zipfile.ZipFile(io.BytesIO(word)).testzip() is None


@FUZZ
@given(frame)
def test_random_frames_render_or_fail_in_chinese(value: Any) -> None:
    _clean_outcome(minimal_form(公文=value))


kinds = st.sampled_from(["季度工作总结", "工作计划", "述职报告"])
part = st.one_of(st.none(), st.just("本人认真履职。"), st.just([{"标题": "加强保障"}]), st.just([]), text)


@FUZZ
@given(kinds, st.fixed_dictionaries({}, optional={
    key: part for key in ("季度", "总体要求", "保障措施", "述职人", "职务", "学习", "廉洁", "工作开展情况", "存在的问题",
                          "下一步工作计划")}), st.one_of(st.none(), frame))
def test_new_kinds_with_parts_present_or_missing(kind: str, parts: dict[str, Any], value: Any) -> None:
    data = minimal_form(类型=kind, **{k: v for k, v in parts.items() if v is not None})
    if value is not None:
        data["公文"] = value
    _clean_outcome(data)


def test_secrecy_and_urgency_choices_are_explained_in_chinese() -> None:
    # 模糊测试发现：密级、紧急程度写错时，消息里是 pydantic 的“Input should be '特急' or '加急'”
    with pytest.raises(FormError) as caught:
        build_report_from_data(minimal_form(公文={"发文字号": "贡卫健发〔2025〕3号", "紧急程度": "急\n件",
                                                "密级": "内部"}))
    messages = [d.message for d in caught.value.diagnostics]
    assert any("“公文 紧急程度”只能是 特急、加急 之一，现在填的是“急 件”" in m for m in messages), messages
    assert any("“公文 密级”只能是 绝密、机密、秘密 之一，现在填的是“内部”" in m for m in messages), messages
    assert all(d.line is not None for d in caught.value.diagnostics)
    assert not any(ENGLISH.search(m) for m in messages), messages


ORGANS = ["县人民政府办公室", "县财政局", "县民政局", "县医疗保障局"]
person = st.text("王李张刘陈明华强伟芳", min_size=2, max_size=3)
valid_frame = st.fixed_dictionaries(
    {"发文字号": st.integers(1, 300).map(lambda n: f"贡卫健发〔2025〕{n}号")},
    optional={"份号": st.integers(1, 999999).map(lambda n: f"{n:06d}"), "紧急程度": st.sampled_from(["特急", "加急"]),
              "发文机关标志": st.sampled_from(["贡觉县卫生健康委员会文件", ["贡觉县卫生健康委员会文件", "县财政局文件"],
                                              ["贡觉县卫生健康委员会", "县财政局"]]),
              "签发人": st.lists(person, min_size=1, max_size=3), "主送机关": st.just("市卫生健康委员会"),
              "盖章": st.booleans()},
).flatmap(lambda head: st.one_of(
    st.just(head),
    st.fixed_dictionaries({"印发机关": st.just("贡觉县卫生健康委员会办公室"),
                           "印发日期": st.sampled_from(["2025-01-07", "2025-01-08", "2025-01-10"])},
                          optional={"抄送机关": st.lists(st.sampled_from(ORGANS), min_size=1, max_size=3,
                                                      unique=True)}).map(lambda tail: {**head, **tail})))


def _plain(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@FUZZ
@given(valid_frame, st.sampled_from(["docx", "md"]))
def test_red_header_comes_back_with_the_same_frame(tmp_path: Path, frame_data: dict[str, Any], suffix: str) -> None:
    import yaml

    report = build_report_from_data(minimal_form(公文=frame_data))
    path = tmp_path / f"红头.{suffix}"
    if suffix == "docx":
        path.write_bytes(report.docx())
        assert docx.Document(str(path)).paragraphs
    else:
        path.write_text(report.markdown(), encoding="utf-8")
    back = yaml.safe_load(import_report(path).yaml())["公文"]
    wanted = {k: _plain(v) for k, v in frame_data.items() if k != "盖章"}
    wanted.setdefault("发文机关标志", ["贡觉县卫生健康委员会文件"])
    got = {k: _plain(v) for k, v in back.items() if k != "盖章"}
    assert got == wanted
