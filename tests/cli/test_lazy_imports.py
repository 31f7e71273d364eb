"""启动快：每条命令、每种格式只导入用得到的库（耗时本身在 benchmarks/ 里量，不写进测试）。"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

PROBE = """
import sys
from generator.cli.commands import run
code = run(sys.argv[1:])
heavy = ("docx", "lxml", "rich", "generator.pipeline", "jinja2", "markdown_it")
print(code, *sorted(m for m in heavy if m in sys.modules))
"""


def loaded(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    return result.stdout.splitlines()[-1].split()


def test_help_imports_no_heavy_library() -> None:
    assert loaded("--help") == ["0"]


def test_markdown_report_does_not_import_python_docx_or_rich(tmp_path: Path) -> None:
    assert loaded("report", str(EXAMPLES[0]), "-f", "md", "-o", f"{tmp_path}/") == [
        "0", "generator.pipeline", "jinja2", "markdown_it"]


def test_word_report_needs_neither_python_docx_nor_lxml(tmp_path: Path) -> None:
    assert loaded("report", str(EXAMPLES[0]), "-o", f"{tmp_path}/") == [
        "0", "generator.pipeline", "jinja2", "markdown_it"]


def test_checking_a_form_needs_no_renderer_nor_writer(tmp_path: Path) -> None:
    assert loaded("check", str(EXAMPLES[0])) == ["0", "generator.pipeline"]  # 读、校验、计算、检查；不渲染


def test_template_environment_is_built_once() -> None:
    from generator.render.render import template_environment
    from generator.write.style_profile import load_profile

    assert template_environment() is template_environment()
    assert load_profile() == load_profile() and load_profile() is not load_profile()  # 缓存，但给副本


def test_checking_a_report_needs_no_renderer_nor_writer(tmp_path: Path) -> None:
    report = tmp_path / "报告.md"
    report.write_text("# 某县2024年工作总结\n\n一、主要工作\n\n全年完成培训12次。\n", encoding="utf-8")
    assert not {"jinja2", "markdown_it"} & set(loaded("check", str(report)))  # 读报告要 python-docx，不要渲染


def test_findings_written_to_a_file_need_no_rich(tmp_path: Path) -> None:
    form = tmp_path / "表单.yaml"
    form.write_text(EXAMPLES[0].read_text(encoding="utf-8").replace("2024年，", "２０２４年，", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", PROBE, "check", str(form)], capture_output=True, text=True,
                            check=True)
    assert "[GEN402]" in result.stderr
    assert result.stdout.splitlines()[-1].split() == ["0", "generator.pipeline"]  # 没有 rich
