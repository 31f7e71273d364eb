"""命令行契约：输出路径、退出码、中文帮助与用法错误、原子写入、init 与 schema。"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, VALID_FORM


def test_report_defaults_to_docx_next_to_form(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(name="贡觉县-2024.yaml")
    result = gen("report", str(path))
    assert result.code == 0, result.err
    target = path.with_suffix(".docx")
    assert result.out == f"{target}\n"
    assert result.err == ""
    assert target.read_bytes()[:2] == b"PK"
    assert not path.with_suffix(".md").exists()


def test_report_both_formats(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(name="贡觉县-2024.yaml")
    result = gen("report", str(path), "-f", "docx,md")
    assert result.code == 0, result.err
    assert result.out == f"{path.with_suffix('.docx')}\n{path.with_suffix('.md')}\n"
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert markdown.startswith("# 贡觉县卫生健康委员会2024年度工作总结\n")


def test_report_prints_absolute_paths(gen, form_file, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    monkeypatch.chdir(path.parent)
    result = gen("report", path.name, "-f", "md")
    assert result.code == 0, result.err
    assert result.out == f"{path.parent / '表单.md'}\n"
    assert Path(result.out.strip()).is_absolute()


def test_output_directory(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    out_dir = tmp_path / "输出 文件夹"
    result = gen("report", str(path), "-f", "md,docx", "-o", str(out_dir))
    assert result.code == 0, result.err
    assert sorted(p.name for p in out_dir.iterdir()) == ["表单.docx", "表单.md"]
    assert result.out == f"{out_dir / '表单.md'}\n{out_dir / '表单.docx'}\n"


def test_output_file_for_one_format(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    target = tmp_path / "网站稿.md"
    result = gen("report", str(path), "-f", "md", "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_output_file_with_two_formats_is_usage_error(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    result = gen("report", str(path), "-f", "docx,md", "-o", str(tmp_path / "x.docx"))
    assert result.code == 2
    assert result.err == (f"错误：同时生成 docx、md 多种格式时，-o 要给一个文件夹，而不是文件“{tmp_path / 'x.docx'}”。\n"
                          f"    提示：写成 -o {tmp_path / 'x'}/，各种格式的文件都放进这个文件夹\n")


def test_output_must_not_be_the_form(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    before = path.read_bytes()
    result = gen("report", str(path), "-f", "md", "-o", str(path))
    assert result.code == 2
    assert result.err == f"错误：输出文件“{path}”就是表单本身，不能覆盖。请换一个输出文件名。\n"
    assert path.read_bytes() == before


def test_output_suffix_must_match_format(gen, form_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = gen("report", str(form_file()), "-f", "md", "-o", str(tmp_path / "稿.docx"))
    assert result.code == 2
    assert "扩展名应为 .md，与 -f 指定的格式一致" in result.err


def test_unknown_format_is_usage_error(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    result = gen("report", str(form_file()), "-f", "doc")
    assert result.code == 2
    assert result.err == ("用法错误：-f/--format 的值不对：不认识的格式“doc”。可用的格式有 docx、md、pdf，多个用逗号隔开。\n"
                          "运行 gen report --help 查看用法。\n")


def test_unknown_option_is_usage_error(gen) -> None:  # type: ignore[no-untyped-def]
    result = gen("report", "x.yaml", "--fromat", "md")
    assert result.code == 2
    assert result.err == "用法错误：没有 --fromat 这个选项。是不是 --format？\n运行 gen report --help 查看用法。\n"


def test_unknown_command(gen) -> None:  # type: ignore[no-untyped-def]
    result = gen("reprot", "x.yaml")
    assert result.code == 2
    assert result.err.startswith("用法错误：没有“reprot”这个命令。")


def test_invalid_form_writes_nothing(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(VALID_FORM.replace("年度: 2024", "年度: 二〇二四"))
    existing = path.with_suffix(".docx")
    existing.write_bytes(b"old report")
    result = gen("report", str(path), "-f", "docx,md")
    assert result.code == 1
    assert existing.read_bytes() == b"old report"
    assert not path.with_suffix(".md").exists()
    assert sorted(p.name for p in path.parent.iterdir()) == ["表单.docx", "表单.yaml"]


def test_file_open_in_word_gets_close_hint(gen, form_file, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    target = path.with_suffix(".docx")
    assert gen("report", str(path)).code == 0  # 上次生成的，现在正在 WPS 里打开
    before = target.read_bytes()

    def locked(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    result = gen("report", str(path))
    assert result.code == 1
    assert result.err == (f"错误：无法写入“{target}”：文件可能正在 Word 或 WPS 中打开。"
                          f"请先关闭 {target.name} 后重试。\n")
    assert target.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["表单.docx", "表单.yaml"]  # 没有残留临时文件


def test_written_files_get_normal_permissions(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    assert gen("report", str(path)).code == 0
    mode = path.with_suffix(".docx").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_check_valid_form(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    result = gen("check", str(path))
    assert (result.code, result.out, result.err) == (0, f"{path}：表单填写正确。\n", "")
    assert sorted(p.name for p in path.parent.iterdir()) == ["表单.yaml"]


def test_init_never_overwrites(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "表单.yaml"
    target.write_text("我的旧表单", encoding="utf-8")
    result = gen("init", str(target))
    assert result.code == 1
    assert result.err == f"错误：“{target}”已经存在，gen init 不会覆盖它。请换一个文件名，或先把旧文件改名。\n"
    assert target.read_text(encoding="utf-8") == "我的旧表单"


def test_schema_export_is_current(gen) -> None:  # type: ignore[no-untyped-def]
    result = gen("schema")
    assert result.code == 0
    committed = (REPO / "schemas" / "gen-form.schema.json").read_text(encoding="utf-8")
    assert result.out == committed, "schemas/gen-form.schema.json 已过期：运行 gen schema -o schemas/gen-form.schema.json"
    schema = json.loads(result.out)
    assert schema["properties"]["单位"]["title"] == "单位"
    # 必填的部分随类型（form/kinds.py）：工作总结三部分，工作计划、述职报告各有自己的
    summary, plan, debrief = schema["allOf"]
    assert summary["else"]["required"] == ["工作开展情况", "存在的问题", "下一步工作计划"]
    assert plan["if"]["properties"]["类型"]["const"] == "工作计划" and plan["then"]["required"] == ["下一步工作计划"]
    assert plan["then"]["properties"]["工作开展情况"] is False and plan["else"]["properties"]["保障措施"] is False
    assert "述职人" in debrief["then"]["required"] and debrief["else"]["properties"]["述职人"] is False
    assert schema["additionalProperties"] is False


def test_console_script_runs_as_module(form_file) -> None:  # type: ignore[no-untyped-def]
    """真正的进程：退出码来自 main()，错误输出里没有 Traceback。"""
    path = form_file(VALID_FORM.replace("年度: 2024", "年度: 二〇二四"))
    proc = subprocess.run([sys.executable, "-m", "generator", "check", str(path)],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "要写阿拉伯数字，如 2024" in proc.stderr
