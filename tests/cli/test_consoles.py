"""任何控制台都能用：代码页 936（GBK）、cp936、ascii、输出重定向到文件、LANG=C。

每条命令在子进程里走真正的入口（``generator.cli.launch.main``），表单里有 GBK 编不下的字（表情符号、
生僻字 𠀀 𬌗）：不能抛出 UnicodeEncodeError（那会变成“gen 内部出错”），退出码与 UTF-8 控制台上相同；
``--format json`` 在标准输出上总是合法的 UTF-8 JSON。
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, VALID_FORM

ODD = "😀𠀀𬌗"  # GBK、ascii 都编不下

# 一个子进程依次运行全部命令（每条都经过 launch.main，与 gen.exe 相同），把各条的退出码写进文件
PROBE = """
import json, sys
from generator.cli import launch
codes = []
for args in json.loads(sys.argv[1]):
    sys.argv = ["gen", *args]
    try:
        launch.main()
    except SystemExit as exc:
        codes.append(exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1))
    sys.stdout.flush(); sys.stderr.flush()
with open(CODES, "w", encoding="utf-8") as file:
    json.dump(codes, file)
"""


def _commands(folder: Path) -> list[list[str]]:
    county = VALID_FORM.replace("单位: 贡觉县卫生健康委员会", f"单位: 贡觉县卫生健康委员会{ODD}")
    county = county.replace("内容: 全年体检", f"内容: 全年在{ODD}乡体检")
    (folder / f"县{ODD}.yaml").write_text(county, encoding="utf-8")
    (folder / "乙县.yaml").write_text(VALID_FORM.replace("贡觉县", "乙县"), encoding="utf-8")
    broken = folder / f"坏{ODD}.yaml"
    broken.write_text(f"单位 {ODD}\n年度: 2024\n", encoding="utf-8")
    batch = folder / f"批量{ODD}"
    batch.mkdir()
    (batch / f"甲{ODD}.yaml").write_text(county, encoding="utf-8")
    (batch / "乙县.yaml").write_text(VALID_FORM.replace("贡觉县", "乙县"), encoding="utf-8")
    form = str(folder / f"县{ODD}.yaml")
    out = folder / "输出"
    return [
        ["--help"], ["--version"], ["edit", "--help"], ["report", "--help"],
        ["report", form, "-f", "docx,md", "-o", f"{out}/"],
        ["report", str(batch), "-f", "md", "-j", "1", "-o", f"{folder}/批量输出/"],  # 整批：进度和汇总
        ["report", str(broken)],  # 表单写错：退出码 1，错误里有原文行（带表情符号）
        ["report", str(folder / f"没有{ODD}.yaml")],
        ["check", form], ["check", str(broken)],
        ["check", form, "--format", "json"], ["check", str(broken), "--format", "json"],
        ["init", str(folder / f"新{ODD}.yaml")],
        ["import", str(out / f"县{ODD}.docx"), "-o", str(folder / f"导入{ODD}.yaml")],
        ["rollup", form, str(folder / "乙县.yaml"), "-o", str(folder / f"汇总{ODD}.md")],
        ["schema"], ["doctor"], ["no-such-command"],
    ]


def _run(folder: Path, env_changes: dict[str, str], *, to_file: bool = False) -> tuple[list[int], bytes, bytes]:
    folder.mkdir()
    commands = _commands(folder)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "COLUMNS")}
    env.update(env_changes, PYTHONPATH=str(REPO), COLUMNS="120")
    codes_file = folder / "codes.json"
    script = PROBE.replace("CODES", repr(str(codes_file)))
    out_path, err_path = folder / "stdout.txt", folder / "stderr.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        if to_file:
            subprocess.run([sys.executable, "-c", script, json.dumps(commands)], stdout=out, stderr=err,
                           env=env, cwd=folder, timeout=300, check=False)
        else:
            result = subprocess.run([sys.executable, "-c", script, json.dumps(commands)], capture_output=True,
                                    env=env, cwd=folder, timeout=300, check=False)
            out.write(result.stdout)
            err.write(result.stderr)
    codes = json.loads(codes_file.read_text(encoding="utf-8")) if codes_file.exists() else []
    return codes, out_path.read_bytes(), err_path.read_bytes()


@pytest.fixture(scope="module")
def utf8_codes(tmp_path_factory: pytest.TempPathFactory) -> list[int]:
    codes, _out, err = _run(tmp_path_factory.mktemp("utf8") / "控制台", {"PYTHONIOENCODING": "utf-8"})
    assert b"Traceback" not in err, err.decode("utf-8", "replace")
    return codes


def test_utf8_console_baseline(utf8_codes: list[int]) -> None:
    # --help --version edit/report --help · report 成功、整批、表单写错、找不到 · check 通过、写错 · json 同上
    # · init · import · rollup · schema · doctor · 没有这个命令
    assert utf8_codes == [0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 2]


@pytest.mark.parametrize(("name", "env", "to_file"), [
    ("gbk", {"PYTHONIOENCODING": "gbk"}, False),
    ("cp936", {"PYTHONIOENCODING": "cp936"}, False),
    ("ascii", {"PYTHONIOENCODING": "ascii"}, False),
    ("LANG=C 重定向到文件", {"LANG": "C", "LC_ALL": "C"}, True),
    ("gbk 重定向到文件", {"PYTHONIOENCODING": "gbk"}, True),
])
def test_every_command_degrades_gracefully(name: str, env: dict[str, str], to_file: bool, utf8_codes: list[int],
                                           tmp_path: Path) -> None:
    codes, out, err = _run(tmp_path / "控制台", env, to_file=to_file)
    text = err.decode("utf-8", "replace") + out.decode("utf-8", "replace")
    assert "Traceback" not in text and "UnicodeEncodeError" not in text, text[-2000:]
    assert codes == utf8_codes, text[-2000:]
    encoding = env.get("PYTHONIOENCODING", "utf-8")
    if encoding == "ascii":  # click 把编码为 ascii 的流当作没设好，改用 UTF-8；rich 按 ascii 写“?”：合起来仍是 UTF-8
        assert "??no-such-command??" in err.decode("utf-8") and "gen --help" in err.decode("utf-8")
        return
    # 印出的是这个编码的合法字节（编不下的字换成了“?”）
    assert "没有“no-such-command”这个命令" in err.decode(encoding)
    assert "已生成空白表单" in out.decode(encoding)
    if encoding == "gbk":
        assert "县???.docx" in out.decode(encoding) and "坏???.yaml:1:3: 错误" in err.decode(encoding)


@pytest.mark.parametrize("encoding", ["gbk", "cp936", "ascii", "utf-8"])
def test_json_on_stdout_is_utf8_whatever_the_console(encoding: str, tmp_path: Path) -> None:
    form = tmp_path / f"县{ODD}.yaml"
    form.write_text(f"单位 {ODD}\n年度: 2024\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUTF8"}
    env.update(PYTHONIOENCODING=encoding, PYTHONPATH=str(REPO))
    for args in (["check", str(form), "--format", "json"], ["schema"]):
        result = subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, env=env,
                                timeout=120, check=False)
        data = json.loads(result.stdout.decode("utf-8"))  # 严格按 UTF-8 解码
        if args[0] == "check":
            assert result.returncode == 1
            assert data[0]["file"] == str(form)  # 表情符号和生僻字原样回来，没有变成“?”
            assert data[0]["severity"] == "错误" and data[0]["line"] == 1  # 少了冒号的那一行
        else:
            assert result.returncode == 0 and "$defs" in data


def test_tolerant_streams_leave_utf8_alone_and_replace_elsewhere() -> None:
    script = ("import sys; from generator.cli.streams import tolerant_streams, stdout_is_utf8; tolerant_streams(); "
              f"print(stdout_is_utf8(), sys.stdout.errors); print({ODD!r}); print('中文')")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for encoding, expected in (("gbk", "False replace\n???\n中文\n"), ("utf-8", f"True strict\n{ODD}\n中文\n")):
        result = subprocess.run([sys.executable, "-c", script], capture_output=True,
                                env={**env, "PYTHONIOENCODING": encoding}, check=True, timeout=60)
        assert result.stdout.decode(encoding).replace("\r\n", "\n") == expected
