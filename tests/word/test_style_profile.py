"""版式配置：默认配置就是 GB/T 9704 的数字；换一个配置文件，Word 输出跟着变；配置写错了给中文提示。"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES

from generator.api import build_report, write_report
from generator.errors import StyleError
from generator.write.style_profile import default_profile_path, load_profile


def test_default_profile_is_gbt9704() -> None:
    profile = load_profile()
    assert (profile.paper.width, profile.paper.height) == (210, 297)
    margins = profile.margins
    assert (margins.top, margins.bottom, margins.left, margins.right) == (37, 35, 28, 26)
    assert (profile.lines_per_page, profile.chars_per_line) == (22, 28)
    assert profile.line_pitch == Decimal("28.95")
    # 22 行 × 28.95 磅 ≈ 225 毫米版心高；28 字 × (16 − 0.25) 磅 ≤ 156 毫米版心宽
    assert abs(22 * profile.line_pitch / 72 * Decimal("25.4") - 225) < 1
    assert 28 * (profile.sizes.body + profile.char_spacing) <= 156 / Decimal("25.4") * 72
    assert profile.fonts.body == "仿宋_GB2312" and profile.fonts.title == "方正小标宋简体"
    assert profile.fonts.heading1 == "黑体" and profile.fonts.heading2 == "楷体_GB2312"
    assert (profile.sizes.title, profile.sizes.body, profile.sizes.page_number) == (22, 16, 14)
    assert profile.sizes.table <= 14


def _local_profile(tmp_path: Path) -> Path:
    text = default_profile_path().read_text(encoding="utf-8").replace("仿宋_GB2312", "方正仿宋_GBK")
    path = tmp_path / "本地版式.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_style_option_changes_the_fonts(tmp_path: Path) -> None:
    _, written = write_report(EXAMPLES[0], ["docx"], tmp_path / "out", style=_local_profile(tmp_path))
    with zipfile.ZipFile(io.BytesIO(written[0].read_bytes())) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    assert "方正仿宋_GBK" in styles and "仿宋_GB2312" not in styles


def test_form_key_points_at_profile(tmp_path: Path) -> None:
    _local_profile(tmp_path)
    form = tmp_path / "表单.yaml"
    form.write_text(EXAMPLES[0].read_text(encoding="utf-8") + "\n样式: 本地版式.yaml\n", encoding="utf-8")
    report = build_report(form)
    assert report.form.style == "本地版式.yaml"
    _, written = write_report(form, ["docx"], tmp_path / "out")
    with zipfile.ZipFile(written[0]) as archive:
        assert "方正仿宋_GBK" in archive.read("word/styles.xml").decode("utf-8")


@pytest.mark.parametrize(("change", "expected"), [
    (("每页行数: 22", "每页行数: 二十二"), "每页行数"),
    (("行距: 28.95", "行距: -3"), "行距"),
    (("  正文: 仿宋_GB2312", "  正文: ''"), "正文"),
    (("纸张:", "纸型:"), "纸"),
])
def test_invalid_profile_gets_chinese_error(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    text = default_profile_path().read_text(encoding="utf-8")
    assert change[0] in text
    path = tmp_path / "坏版式.yaml"
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(StyleError) as info:
        load_profile(path)
    message = info.value.message
    assert expected in message and str(path) in message
    assert info.value.diagnostics[0].line is not None, "错误要指出行号"
    assert "Traceback" not in message and "validation error" not in message


def test_missing_profile_file(tmp_path: Path) -> None:
    with pytest.raises(StyleError) as info:
        load_profile(tmp_path / "没有这个文件.yaml")
    assert "没有这个文件.yaml" in info.value.message


def test_cli_reports_bad_style(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "坏版式.yaml"
    bad.write_text("名称: 坏\n纸张: 1\n", encoding="utf-8")
    result = gen("report", str(EXAMPLES[0]), "--style", str(bad), "-o", str(tmp_path / "out"))
    assert result.code == 1
    assert "坏版式.yaml" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "out").exists()
