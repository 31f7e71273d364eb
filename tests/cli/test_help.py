"""帮助全部是中文：每个子命令的 -h 逐字钉死（80 列终端）；gen -h 由 click 的命令定义写成 generator/cli/help.txt，
这里只检查那个文件没有过期、快路印的正是它。"""

from __future__ import annotations

import pytest
from conftest import REPO

HELP = {
    "report": """\
用法：gen report [选项] 表单

  根据表单生成工作总结（Word、Markdown 或 PDF）。

参数：
  表单  填好的表单文件（.yaml），如 贡觉县-2025.yaml；可以给多份，或给文件夹（
        生成其中全部表单）。

选项：
  -f, --format 格式         输出格式：docx、md、pdf（需要 LibreOffice）。多种
                            格式用逗号隔开（-f docx,md）或写多次（-f docx -f
                            md）。不写时按 -o 的扩展名，否则为 docx。
  -o, --output 文件或文件夹
                            输出到哪里。已有的文件夹、末尾带 / 或没有扩展名的
                            名字当作文件夹；以 .docx、.md、.pdf 结尾的当作文件
                            名（只生成一种格式时）。默认与表单同名、放在同一文
                            件夹。
  --style 版式.yaml         版式配置文件（YAML），默认使用 GB/T 9704-2012。
  --force                   内容检查发现错误时仍然生成文件；同名文件不是 gen
                            生成的（或生成后改过）时也覆盖它。
  -j, --jobs 份数           一次生成多份表单时，同时生成几份。默认与 CPU 核数
                            相同；1 表示逐份生成。
  --template 模板           改用这套单位模板（模板名或模板文件夹的路径），不用
                            表单里写的“模板”。
  -h, --help                显示本帮助并退出。
""",
    "check": """\
用法：gen check [选项] 文件

  检查表单（.yaml）或写好的报告（.docx、.md、.txt），不生成任何文件。

  一次列出全部问题，每条带行、列和改法：
  表单的写法（冒号、缩进、引号、Tab、少了“- ”）和必填项；
  没换掉的“请补写”和 xx、X、***；算错的同比、完成率和部分与总数；
  序号跳号、半角括号；数字写法；超出年度的年份；
  成文日期早于期末或晚于通常的成文时间；单位、署名不像机关名称；
  缺少的部分；重复的句子。代码（GEN101……）见 README“报送前检查”。

参数：
  文件  要检查的表单（.yaml），或写好的报告（.docx、.md、.txt）。

选项：
  --format text|json  结果的格式：text 给人看（默认），json 给其他程序用。
  --strict            有警告也算不通过（退出码 1）。
  --ignore 代码       不做的检查项代码，逗号隔开，如 GEN405,GEN602。
  -h, --help          显示本帮助并退出。
""",
    "edit": """\
用法：gen edit [选项] [表单或文件夹]

  在浏览器里填写表单：边填边检查、看 A4 预览、保存和生成。

参数：
  [表单或文件夹]  要编辑的表单（.yaml），或表单所在的文件夹（可以在页面上新建
                  表单）。不写时为当前文件夹。

选项：
  --port 端口   使用的端口（1–65535）。不写时沿用上次的端口，被占用就另找一个
                空闲端口。
  --no-browser  不自动打开浏览器，只显示网址。
  --new-token   换一个新的访问令牌，原来打开的页面随之失效。
  -h, --help    显示本帮助并退出。
""",
    "init": """\
用法：gen init [选项] [表单]

  生成一份带中文说明的空白表单，已有文件不会被覆盖。

参数：
  [表单]  要生成的表单文件名（.yaml），不写时为 工作总结.yaml。

选项：
  --指标表格 指标.xlsx  改为生成一份空的指标表格（.xlsx：表头、每列的填写提示
                        和一行示例），填好后在表单里写 指标文件: 指标.xlsx。
  --template 模板       按这套单位模板生成：表单里写上“模板”，并列出模板增加的
                        部分（名字或文件夹路径）。
  -h, --help            显示本帮助并退出。
""",
    "import": """\
用法：gen import [选项] 报告

  把已有的报告（.docx、.md、.txt）转成表单，方便在去年的基础上修改。

参数：
  报告  写好的报告：Word 文件（.docx），或网页上复制下来的文字（.md、.txt）。

选项：
  -o, --output 表单.yaml  写出的表单文件。默认是报告名加“-表单.yaml”，如 石泉
                          县-2023-表单.yaml。
  --force                 表单文件已存在时覆盖它。
  -h, --help              显示本帮助并退出。
""",
    "schema": """\
用法：gen schema [选项]

  输出表单的 JSON Schema（供 VS Code 等编辑器提示和校验）。

选项：
  -o, --output 文件  把 JSON Schema 写到这个文件；不指定则打印出来。
  -h, --help         显示本帮助并退出。
""",
}


def shipped_help() -> str:
    from generator.cli.launch import HELP_FILE

    with open(HELP_FILE, encoding="utf-8") as file:
        return file.read()


@pytest.mark.parametrize("command", list(HELP))
def test_help_text_is_fully_chinese(command: str, gen, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "80")
    result = gen(command, "-h")
    assert result.code == 0
    assert result.out == HELP[command]
    assert result.err == ""


def test_no_english_placeholders_in_any_help() -> None:
    for text in [shipped_help(), *HELP.values()]:
        for english in ("Usage", "Options", "Arguments", "Positional", "FORM", "REPORT", "FILE", "TEXT",
                        "PATH", "[default"):
            assert english not in text


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
