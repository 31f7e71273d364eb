"""issue 25 的完成标准：gen 生成的红头 .docx 经 gen import 读回，“公文:”各键与表单里写的完全相同。

Word 文件由 generator/write/word 写出（版头、版记来自 wt-frame-word 分支）。示例 贡觉县-2024-报告-红头.yaml
（上行文、加盖印章）之外，再走几种写法：联合行文（发文机关标志排成表格）、涉密加急、下行文（不写发文机关标志，
红头上印的“单位文件”读回来）。Markdown 也读回（只是看不出盖没盖章）。比较的是读回的 YAML 与表单里写的原样。"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, minimal_form

from generator.api import build_report_from_data
from generator.form.reading import load_form_file, parse_form
from generator.importer import import_report
from generator.pipeline import build_report
from generator.read.loader import decode_source

EXAMPLE = REPO / "examples" / "贡觉县-2024-报告-红头.yaml"
CASES: dict[str, dict[str, Any]] = {
    "联合涉密加急": {"份号": "000012", "密级": "秘密", "保密期限": "1年", "紧急程度": "特急",
                   "发文机关标志": ["贡觉县卫生健康委员会文件", "贡觉县财政局文件"], "发文字号": "贡卫健发〔2025〕12号",
                   "签发人": ["张三", "李四"], "主送机关": "昌都市卫生健康委员会",
                   "抄送机关": ["贡觉县人民政府办公室", "昌都市财政局"], "印发机关": "贡觉县卫生健康委员会办公室",
                   "印发日期": "2025-01-09", "盖章": True},
    "下行文": {"发文字号": "贡卫健发〔2025〕7号", "主送机关": "各乡（镇）卫生院", "印发机关": "贡觉县卫生健康委员会办公室",
              "印发日期": "2025-01-07"},
}


def imported_frame(path: Path) -> dict[str, Any]:
    """gen import 写出的表单（YAML 文字）里“公文:”一组，按 gen 读表单的方式读回。"""
    text = import_report(path).yaml()
    data = parse_form(decode_source(text.encode("utf-8"), path.with_suffix(".yaml"))).data
    return plain(data["公文"])


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


@pytest.mark.parametrize("suffix", ["docx", "md"])
def test_red_head_example_imports_back_exactly(tmp_path: Path, suffix: str) -> None:
    report = build_report(EXAMPLE)
    path = tmp_path / f"{EXAMPLE.stem}.{suffix}"
    if suffix == "docx":
        path.write_bytes(report.docx())
    else:
        path.write_text(report.markdown(), encoding="utf-8")
    written = plain(load_form_file(EXAMPLE).data["公文"])
    if suffix == "md":
        written.pop("盖章")  # Markdown 里看不出盖没盖章
    assert imported_frame(path) == written
    assert list(imported_frame(path)) == list(written)  # 键的顺序也相同


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("suffix", ["docx", "md"])
def test_other_frames_import_back(tmp_path: Path, name: str, suffix: str) -> None:
    frame = CASES[name]
    report = build_report_from_data(minimal_form(公文=frame))
    path = tmp_path / f"{name}.{suffix}"
    if suffix == "docx":
        path.write_bytes(report.docx())
    else:
        path.write_text(report.markdown(), encoding="utf-8")
    wanted = dict(frame)
    if "发文机关标志" not in wanted:  # 红头上印的是默认的“单位文件”：读回来写明
        wanted = {"发文机关标志": f"{minimal_form()['单位']}文件", **wanted}
    if suffix == "md":
        wanted.pop("盖章", None)
    assert imported_frame(path) == wanted
    # 正文照常导入：与同一张表单不加“公文:”生成的文件导入的结果相同
    plain_report = build_report_from_data(minimal_form())
    other = tmp_path / f"无红头.{suffix}"
    if suffix == "docx":
        other.write_bytes(plain_report.docx())
    else:
        other.write_text(plain_report.markdown(), encoding="utf-8")
    imported = import_report(path).form
    assert {key: value for key, value in imported.items() if key != "公文"} == import_report(other).form
