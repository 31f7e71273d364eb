"""模板的沙箱：别的单位给的模板不能读文件、导入模块、取 Python 的内部属性，停不下来的循环和巨大的文字
都在几秒内、有限的内存里停下，报告模板文件、行号和中文原因。"""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from generator.errors import RenderError
from generator.pipeline import build_report

TEMPLATE_YAML = "名称: 试验模板\n适用类型: [年度工作总结]\n"
FORM = """\
单位: 贡觉县卫生健康委员会
年度: 2024
导语: 导语。
工作开展情况:
  - 标题: 开展健康体检
存在的问题:
  - 人才短缺。
下一步工作计划:
  - 标题: 加强人才培养
日期: 2025-01-07
模板: 试验模板
"""


def bureau_form(tmp_path: Path, body: str, *, extra: dict[str, str] | None = None) -> Path:
    """表单旁边的 模板/试验模板/：年度工作总结.md.j2 的第二行起是 ``body``。"""
    folder = tmp_path / "模板" / "试验模板"
    folder.mkdir(parents=True)
    (folder / "模板.yaml").write_text(TEMPLATE_YAML, encoding="utf-8")
    (folder / "年度工作总结.md.j2").write_text("# {{ form.display_title }}\n" + body, encoding="utf-8")
    for name, text in (extra or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    form = tmp_path / "表单.yaml"
    form.write_text(FORM, encoding="utf-8")
    return form


def fails(form: Path, *, seconds: float = 15.0) -> tuple[str, Path | None, int | None]:
    started = time.monotonic()
    with pytest.raises(RenderError) as caught:
        build_report(form)
    assert time.monotonic() - started < seconds
    diagnostic = caught.value.diagnostics[0]
    return diagnostic.message, diagnostic.file, diagnostic.line


def test_a_harmless_bureau_template_renders(tmp_path: Path) -> None:
    form = bureau_form(tmp_path, "正文：{% for it in form.work %}{{ it.title }}{% endfor %}\n")
    assert "正文：开展健康体检" in build_report(form).markdown()


@pytest.mark.parametrize("body", [
    '{% include "/etc/passwd" %}',
    '{% include "../../表单.yaml" %}',
    '{% include "../试验模板/../../表单.yaml" %}',
    '{% import "os" as os %}{{ os.system("true") }}',
    '{% include "styles/gbt9704.yaml" %}',
])
def test_cannot_read_files_or_import_modules(tmp_path: Path, body: str) -> None:
    form = bureau_form(tmp_path, "第二行\n" + body + "\n")
    message, file, line = fails(form)
    assert "模板“试验模板”出错" in message and "找不到模板文件" in message and "不能读别的文件" in message
    assert file == (tmp_path / "模板" / "试验模板" / "年度工作总结.md.j2").resolve() and line == 3


def test_a_symlink_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md.j2"
    secret.write_text("机密", encoding="utf-8")
    form = bureau_form(tmp_path, '{% include "link.md.j2" %}\n')
    (tmp_path / "模板" / "试验模板" / "link.md.j2").symlink_to(secret)
    message, _, line = fails(form)
    assert "找不到模板文件“link.md.j2”" in message and line == 2


def test_an_include_inside_the_folder_works(tmp_path: Path) -> None:
    form = bureau_form(tmp_path, '{% include "片段.md.j2" %}\n', extra={"片段.md.j2": "本单位的片段"})
    assert "本单位的片段" in build_report(form).markdown()


@pytest.mark.parametrize("expression", [
    "form.__class__",
    "form.__class__.__mro__",
    "form.model_dump",
    "form.display_title.__class__.__mro__[1].__subclasses__()",
    "namespace.__init__.__globals__",
    "paragraphs.__globals__",
    "form.work[0].__dict__",
    '"x".format.__globals__',
])
def test_cannot_reach_python_attributes(tmp_path: Path, expression: str) -> None:
    form = bureau_form(tmp_path, "\n{{ " + expression + " }}\n")
    message, file, line = fails(form)
    assert file is not None and file.name == "年度工作总结.md.j2" and line == 3
    assert "不允许" in message or "不存在的对象或属性" in message


@pytest.mark.parametrize("name", ["lipsum", "cycler", "joiner", "config", "request", "os", "open"])
def test_only_documented_globals(tmp_path: Path, name: str) -> None:
    form = bureau_form(tmp_path, "{{ " + name + "() }}\n")
    message, _, line = fails(form)
    assert "不存在的对象或属性" in message and line == 2


@pytest.mark.parametrize("body, reason", [
    ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", "循环走了超过"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "调用自己的层数太多"),
    ("{% for a in [1] recursive %}{{ loop([1]) }}{% endfor %}", "调用自己的层数太多"),
    ("{{ range(10000000) | list | length }}", "range() 最多 100000 个数"),
])
def test_endless_loops_stop(tmp_path: Path, body: str, reason: str) -> None:
    form = bureau_form(tmp_path, body + "\n")
    message, file, line = fails(form)
    assert reason in message and file is not None and line is not None and line >= 2


@pytest.mark.parametrize("body", [
    '{{ "x" * 1000000000 }}',
    '{{ "x" * 100000 * 100000 }}',
    '{{ ["x"] * 1000000000 }}',
    '{{ 10 ** 1000000000 }}',
    '{% set ns = namespace(x=10 ** 1000) %}{% for i in range(40) %}{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x }}',
    '{{ "%1000000000d" % 1 }}',
    '{{ "x".ljust(1000000000) }}',
    '{{ "{:1000000000}".format(1) }}',
    '{{ "x" | center(1000000000) }}',
    '{{ range(100000) | join("x" * 100000) }}',
    '{% set ns = namespace(s="x") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}',
    '{% set ns = namespace(s="x") %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}',
    '{% set s = "x" * 10000000 %}{% for i in range(100000) %}{{ s }}{% endfor %}',
    '{% set L = ["x" * 10000000] * 100000 %}{{ L }}',
    '{% set L = ["x" * 10000000] * 100000 %}{{ L | string | length }}',
    '{% set L = ["x" * 10000000] * 100000 %}{{ L | upper | length }}',
    '{% set L = ["x" * 10000000] * 100000 %}{{ ("" ~ L) | length }}',
    '{% set L = ["x" * 10000000] * 100000 %}{{ L | join | length }}',
    '{% set L = [form] * 100000 %}{{ L | string | length }}',
    '{% set ns = namespace(l=["x" * 1000]) %}{% for i in range(60) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}'
    '{{ ns.l | string | length }}',
    '{% set s = "x" * 10000000 %}{% macro m() %}{% for i in range(100000) %}{{ s }}{% endfor %}{% endmacro %}'
    '{{ m() | length }}',
])
def test_huge_strings_are_refused_in_bounded_memory(tmp_path: Path, body: str) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB（Linux）
    form = bureau_form(tmp_path, body + "\n")
    message, file, line = fails(form)
    assert file is not None and line == 2
    assert any(word in message for word in ("超过", "太大", "不能用 %", "不允许", "不存在", "没有叫")), message
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 400, f"内存涨了 {grown_mb:.0f} MB"


def test_syntax_error_is_located(tmp_path: Path) -> None:
    form = bureau_form(tmp_path, "第二行\n{{ form.unit | }}\n")
    message, file, line = fails(form)
    assert "模板语法错误" in message
    assert file is not None and file.name == "年度工作总结.md.j2" and line == 3


def test_unclosed_block_is_explained(tmp_path: Path) -> None:
    form = bureau_form(tmp_path, "第二行\n{% for x in form.work %}\n没有结束\n")
    message, file, line = fails(form)
    assert "缺少配对的结束标记（如 {% endfor %}" in message
    assert file is not None and file.name == "年度工作总结.md.j2" and line is not None


def test_unknown_filter_is_named(tmp_path: Path) -> None:
    form = bureau_form(tmp_path, "{{ form.unit | attr('x') }}\n")
    message, _, line = fails(form)
    assert "没有叫“attr”的过滤器" in message and line == 2


def test_error_reaches_the_clerk_in_chinese(tmp_path: Path, gen) -> None:  # type: ignore[no-untyped-def]
    form = bureau_form(tmp_path, "\n{{ form.__class__ }}\n")
    result = gen("report", str(form), "-f", "md")
    assert result.code != 0 and "Traceback" not in result.err
    assert "年度工作总结.md.j2:3" in result.err and "模板“试验模板”出错" in result.err
    assert not (tmp_path / "表单.md").exists()


def test_filter_errors_are_located(tmp_path: Path) -> None:
    form = bureau_form(tmp_path, "\n{{ 82 | 同比 }}\n")
    message, _, line = fails(form)
    assert "过滤器“同比”用在数字上时要给出上期" in message and line == 3


def test_slow_loops_stop_at_the_time_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """每一步都很费时（步数远没到上限）的循环：到用时上限就停下。"""
    from generator.render import sandbox

    monkeypatch.setattr(sandbox, "MAX_SECONDS", 1.0)
    form = bureau_form(tmp_path, "{% for a in range(100000) %}{{ range(100000) | list | sort | length }}{% endfor %}\n")
    message, _, line = fails(form, seconds=6.0)
    assert "渲染超过了 1 秒" in message and line == 2
