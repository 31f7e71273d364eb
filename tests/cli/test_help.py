"""帮助全部是中文，且只有一个来源——click 的命令定义：gen -h 由它写成 generator/cli/help.txt（这里检查没有过期、
快路印的正是它）；各子命令的 -h 检查中文的分节、说明和每个参数、选项都在，不另抄一份 click 的输出。"""

from __future__ import annotations

import re

import pytest
from conftest import REPO


def shipped_help() -> str:
    from generator.cli.launch import HELP_FILE

    with open(HELP_FILE, encoding="utf-8") as file:
        return file.read()


def _commands() -> dict[str, object]:
    from generator.cli.commands import cli

    return dict(cli.commands)


def _english_free(text: str) -> None:
    for english in ("Usage", "Options", "Arguments", "Positional", "Commands", "FORM", "REPORT", "FILE", "TEXT",
                    "PATH", "[default", "Show this message"):
        assert english not in text, english


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_subcommand_help_is_chinese_and_complete(command: str, gen, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """子命令的 -h 由 click 的定义排出（不在这里另抄一份）：中文的用法行和分节，说明的第一句，
    每个参数、每个选项都在，而且各有中文说明。"""
    import click

    definition = _commands()[command]
    assert isinstance(definition, click.Command)
    monkeypatch.setenv("COLUMNS", "80")
    result = gen(command, "-h")
    assert (result.code, result.err) == (0, "")
    text = result.out
    assert text.startswith(f"用法：gen {command} ")
    assert (definition.help or "").strip().splitlines()[0] in text
    arguments = [p for p in definition.params if isinstance(p, click.Argument)]
    options = [p for p in definition.params if isinstance(p, click.Option)]
    assert ("\n参数：\n" in text) == bool(arguments) or isinstance(definition, click.Group)
    assert "\n选项：\n" in text and "  -h, --help" in text and "显示本帮助并退出。" in text
    for option in options:
        assert any(flag in text for flag in option.opts), option.opts
        assert option.help and re.search("[\u4e00-\u9fff]", option.help), option.opts
    for argument in arguments:
        assert str(argument.metavar or "").strip("[]…") in text
    _english_free(text)


def test_no_english_placeholders_in_the_shipped_help() -> None:
    _english_free(shipped_help())


def test_missing_argument_names_it_in_chinese(gen) -> None:  # type: ignore[no-untyped-def]
    result = gen("report")
    assert result.code == 2
    assert result.err == "用法错误：缺少参数“表单”（文件名）。\n运行 gen report --help 查看用法。\n"


def test_shipped_help_is_what_click_prints_now() -> None:
    """help.txt 与 click 按现在的命令定义印出的 gen -h 逐字相同：改了命令或说明而没有重写它，这里失败。"""
    from generator.cli.help_text import WRITE_COMMAND, click_help

    assert shipped_help() == click_help(), f"generator/cli/help.txt 已过期，运行 {WRITE_COMMAND} 重写它"


def test_write_writes_click_help_with_unix_newlines(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from generator.cli.help_text import click_help, write

    target = tmp_path / "help.txt"
    assert write(str(target)) is True
    assert target.read_bytes() == click_help().encode("utf-8")  # 每个平台上写出的文件都一样（换行是 \n）
    assert write(str(target)) is False  # 没有变化时不重写


_PROBE = """
import os, sys
sys.argv = ["gen", *sys.argv[1:]]
from generator.cli import launch
if os.environ.get("PROBE_HELP_FILE"):
    launch.HELP_FILE = os.environ["PROBE_HELP_FILE"]
try:
    launch.main()
except SystemExit as exc:
    print("exit", exc.code, "click" in sys.modules, file=sys.stderr)
"""


def _launch(*args: str, columns: str, help_file: str = "") -> tuple[str, str]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": columns, "PROBE_HELP_FILE": help_file}
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, encoding="utf-8",
                          env=env, check=True)
    return done.stdout, done.stderr.strip()


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_on_a_wide_terminal_needs_no_click(flag: str) -> None:
    assert _launch(flag, columns="120") == (shipped_help(), "exit 0 False")


def test_without_the_help_file_click_prints_the_help(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from generator.cli.help_text import click_help

    out, status = _launch("--help", columns="120", help_file=str(tmp_path / "没有这个文件.txt"))
    assert (out, status) == (click_help(), "exit 0 True")


def test_help_on_a_narrow_terminal_is_wrapped_by_click() -> None:
    out, status = _launch("--help", columns="50")
    assert status == "exit 0 True"
    assert "  gen：把填好的表单（.yaml）生成符合 GB/T 9704-2012\n  的工作总结（Word、Markdown）。\n" in out


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_needs_no_click_and_comes_from_pyproject(flag: str) -> None:
    import re

    declared = re.search(r'^version = "([^"]+)"', (REPO / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert declared is not None
    assert _launch(flag, columns="120") == (f"gen {declared.group(1)}\n", "exit 0 False")


def test_other_commands_go_through_click() -> None:
    out, status = _launch("schema", columns="120")
    assert status == "exit 0 True" and out.startswith("{")
