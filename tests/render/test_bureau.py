"""单位模板：改名的部分、加的部分、结束语、正文字体出现在 .md 和 .docx 里，序号自动接着编；
gen init --template 的空白表单含加的部分，gen check 要它。没有“模板”的表单与原来逐字相同（金样测试）。"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from bureau_case import HEADINGS, NAME, PART, build_case

from generator.errors import FormError
from generator.pipeline import build_report, prepare_report


def test_markdown_has_the_bureau_headings_in_order(tmp_path: Path) -> None:
    markdown = build_report(build_case(tmp_path)).markdown()
    headings = re.findall(r"^## (.+)$", markdown, re.M)
    assert headings == HEADINGS
    plans = markdown.index("## 三、2025年工作思路")
    assert markdown[plans:].split("\n\n")[1] == "2025年，我委将重点抓好以下几项工作。"
    tail = markdown[markdown.index("## 四、意见建议"):]
    assert PART in tail
    closing = tail.index("我委将以更加务实的作风，推动卫生健康事业高质量发展。")
    assert tail.index(PART) < closing < tail.index("贡觉县卫生健康委员会\n")


def test_docx_has_headings_and_body_font(tmp_path: Path) -> None:
    form = build_case(tmp_path)
    report, prepared = prepare_report(form, ("docx",))
    data = prepared.contents["docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        document = package.read("word/document.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
    for heading in HEADINGS:
        assert f"<w:t>{heading}</w:t>" in document or heading in document
    assert 'w:eastAsia="方正仿宋_GBK"' in styles and "仿宋_GB2312" not in styles
    assert prepared.profile.fonts.body == "方正仿宋_GBK" and prepared.profile.fonts.heading1 == "黑体"
    assert report.bureau is not None and report.bureau.spec.name == NAME


def test_command_line_template_overrides_the_form(tmp_path: Path, gen) -> None:  # type: ignore[no-untyped-def]
    form = build_case(tmp_path)
    text = form.read_text(encoding="utf-8").replace(f"模板: {NAME}\n", "")
    plain = tmp_path / "无模板.yaml"
    plain.write_text(text, encoding="utf-8")
    result = gen("report", str(plain), "-f", "md", "--template", str(tmp_path / "模板" / NAME))
    assert result.code == 0, result.err
    assert "## 四、意见建议" in (tmp_path / "无模板.md").read_text(encoding="utf-8")


def test_init_skeleton_contains_the_added_part_and_check_asks_for_it(tmp_path: Path, gen) -> None:  # type: ignore[no-untyped-def]
    build_case(tmp_path)
    result = gen("init", str(tmp_path / "新表单.yaml"), "--template", NAME)
    assert result.code == 0, result.err
    skeleton = (tmp_path / "新表单.yaml").read_text(encoding="utf-8")
    assert f"\n模板: {NAME}\n" in skeleton and "\n增加部分:\n" in skeleton
    assert "  意见建议: 请补写意见建议的内容\n" in skeleton
    line = skeleton.splitlines().index("  意见建议: 请补写意见建议的内容") + 1
    result = gen("check", str(tmp_path / "新表单.yaml"))
    assert result.code == 1
    assert f"新表单.yaml:{line}:" in result.err and "GEN101" in result.err


def test_check_asks_for_a_missing_required_part(tmp_path: Path, gen) -> None:  # type: ignore[no-untyped-def]
    form = build_case(tmp_path)
    text = form.read_text(encoding="utf-8")
    form.write_text(text[: text.index("增加部分:")], encoding="utf-8")
    line = text[: text.index(f"模板: {NAME}")].count("\n") + 1
    result = gen("check", str(form))
    assert result.code == 1
    assert f"{form.name}:{line}:5: 错误：模板“我局模板”要求填写“意见建议”" in result.err


def test_unknown_part_and_wrong_kind_are_located(tmp_path: Path) -> None:
    form = build_case(tmp_path)
    text = form.read_text(encoding="utf-8")
    form.write_text(text.replace("  意见建议:", "  意见和建议:"), encoding="utf-8")
    try:
        build_report(form)
    except FormError as exc:
        messages = [d.message for d in exc.diagnostics]
        assert any("没有“意见和建议”这一部分，它增加的部分有：意见建议" in m for m in messages), messages
        assert all(d.line is not None for d in exc.diagnostics)
    else:
        raise AssertionError("应当报错")
    form.write_text(text.replace("类型: 年度工作总结", "类型: 半年工作总结"), encoding="utf-8")
    try:
        build_report(form)
    except FormError as exc:
        assert "只适用于年度工作总结，这份表单的类型是半年工作总结" in exc.diagnostics[0].message
        assert exc.diagnostics[0].line == text[: text.index(f"模板: {NAME}")].count("\n") + 1
    else:
        raise AssertionError("应当报错")


def test_missing_template_names_the_places_searched(tmp_path: Path) -> None:
    form = build_case(tmp_path)
    form.write_text(form.read_text(encoding="utf-8").replace(f"模板: {NAME}", "模板: 别的模板"), encoding="utf-8")
    try:
        build_report(form)
    except FormError as exc:
        d = exc.diagnostics[0]
        assert "找不到模板“别的模板”" in d.message and str(tmp_path / "模板" / "别的模板") in d.message
        assert d.line is not None
    else:
        raise AssertionError("应当报错")


def test_parts_without_a_template_are_refused(tmp_path: Path) -> None:
    form = build_case(tmp_path)
    form.write_text(form.read_text(encoding="utf-8").replace(f"模板: {NAME}\n", ""), encoding="utf-8")
    try:
        build_report(form)
    except FormError as exc:
        assert "“增加部分”只在用单位模板时才有意义" in exc.diagnostics[0].message
    else:
        raise AssertionError("应当报错")


def test_template_by_path_and_from_the_user_config_dir(tmp_path: Path, monkeypatch, gen) -> None:  # type: ignore[no-untyped-def]
    form = build_case(tmp_path / "表单")
    shared = tmp_path / "共用"
    (tmp_path / "表单" / "模板").rename(shared)
    text = form.read_text(encoding="utf-8")
    form.write_text(text.replace(f"模板: {NAME}", f"模板: ../共用/{NAME}"), encoding="utf-8")
    assert re.findall(r"^## (.+)$", build_report(form).markdown(), re.M) == HEADINGS
    config = tmp_path / "配置"
    (config / "gen").mkdir(parents=True)
    shared.rename(config / "gen" / "模板")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.delenv("APPDATA", raising=False)
    form.write_text(text, encoding="utf-8")
    assert re.findall(r"^## (.+)$", build_report(form).markdown(), re.M) == HEADINGS


def test_init_with_a_template_path_writes_it_relative_to_the_form(tmp_path: Path, monkeypatch, gen) -> None:  # type: ignore[no-untyped-def]
    build_case(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = gen("init", "子文件夹/新表单.yaml", "--template", f"模板/{NAME}")
    assert result.code == 0, result.err
    skeleton = (tmp_path / "子文件夹" / "新表单.yaml").read_text(encoding="utf-8")
    assert f"\n模板: ../模板/{NAME}\n" in skeleton
