"""gen edit 重启后沿用的令牌和端口：存在用户配置文件夹里，只有本人能读写，可以换新。"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from generator.edit.session import Remembered, recall, remember


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "配置"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def test_token_and_port_are_remembered_per_folder_owner_only(config: Path, tmp_path: Path) -> None:
    folder, other = tmp_path / "甲", tmp_path / "乙"
    folder.mkdir()
    other.mkdir()
    first = recall(folder)
    assert first.port == 0 and len(first.token) >= 40
    stored = remember(folder, Remembered(first.token, 8123))
    assert stored is not None and stored.is_relative_to(config / "gen" / "edit")
    assert recall(folder) == Remembered(first.token, 8123)
    assert recall(other).token != first.token  # 每个文件夹各有各的令牌
    if os.name != "nt":
        assert stat.S_IMODE(stored.stat().st_mode) == 0o600
        assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700
    assert list(stored.parent.iterdir()) == [stored]  # 没有留下临时文件


def test_rotation_and_untrusted_records_give_a_new_token(config: Path, tmp_path: Path) -> None:
    stored = remember(tmp_path, Remembered("a" * 43, 8123))
    assert stored is not None
    assert recall(tmp_path, rotate=True).token != "a" * 43
    if os.name != "nt":
        stored.chmod(0o644)  # 别人也能读：不再可信
        assert recall(tmp_path).token != "a" * 43
        stored.chmod(0o600)
    stored.write_text("{不是 JSON", encoding="utf-8")
    assert recall(tmp_path).port == 0


def test_unwritable_config_folder_only_loses_the_memory(config: Path, tmp_path: Path) -> None:
    config.write_text("不是文件夹", encoding="utf-8")
    assert remember(tmp_path, Remembered("b" * 43, 8123)) is None
