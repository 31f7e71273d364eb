"""gen-edit（双击打开的编辑器）：打开上次用过的文件夹，没有时打开“文档”文件夹，并记住这次的。"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO

from generator import api
from generator.cli import gui


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "张三"
    (home / "文档").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    return home


def _open(monkeypatch: pytest.MonkeyPatch, *argv: str) -> list[Path]:
    opened: list[Path] = []
    monkeypatch.setattr(api, "serve_editor", lambda target, **_: opened.append(target))
    monkeypatch.setattr(sys, "argv", ["gen-edit", *argv])
    gui.main()
    return opened


def test_first_start_opens_documents_then_the_last_folder(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _open(monkeypatch) == [home / "文档"]
    other = home / "桌面" / "2025 总结"
    other.mkdir(parents=True)
    assert _open(monkeypatch, str(other)) == [other]  # 拖到 gen-edit 上的文件夹
    assert (home / ".config" / "gen" / "设置.json").is_file()
    assert _open(monkeypatch) == [other]  # 下次双击：上次的文件夹
    other.rmdir()
    assert _open(monkeypatch) == [home / "文档"]  # 文件夹不在了：回到“文档”


def test_broken_settings_fall_back_to_documents(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = home / ".config" / "gen" / "设置.json"
    settings.parent.mkdir(parents=True)
    settings.write_text("{不是 JSON", encoding="utf-8")
    assert _open(monkeypatch) == [home / "文档"]


def test_without_a_console_output_goes_to_a_log(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)

    def serve(target: Path, *, announce, **_) -> None:  # type: ignore[no-untyped-def]
        announce("编辑页面：http://127.0.0.1:1/?token=x")

    monkeypatch.setattr(api, "serve_editor", serve)
    monkeypatch.setattr(sys, "argv", ["gen-edit"])
    gui.main()
    sys.stdout.flush()
    assert (home / ".config" / "gen" / "gen-edit.log").read_text(encoding="utf-8") == \
        "编辑页面：http://127.0.0.1:1/?token=x\n"


def test_gen_edit_is_a_gui_script() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 起
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["gui-scripts"] == {"gen-edit": "generator.cli.gui:main"}
    assert project["scripts"] == {"gen": "generator.cli.launch:main"}
