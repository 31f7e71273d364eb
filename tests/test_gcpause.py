"""生成报告和检查文件期间暂停循环垃圾回收，结束后（出错时也一样）恢复原来的状态。"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from conftest import EXAMPLES

import generator.pipeline
from generator.errors import GenError
from generator.gcpause import paused_gc


@pytest.mark.parametrize("initially", [True, False])
def test_report_runs_with_the_collector_paused_and_restores_it(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path, initially: bool) -> None:
    seen: list[bool] = []
    real = generator.pipeline.build_report
    monkeypatch.setattr(generator.pipeline, "build_report",
                        lambda path, **kw: seen.append(gc.isenabled()) or real(path, **kw))
    (gc.enable if initially else gc.disable)()
    try:
        generator.pipeline.prepare_report(EXAMPLES[0], ["md"], f"{tmp_path}/")
        assert seen == [False]
        assert gc.isenabled() is initially
    finally:
        gc.enable()


def test_collector_comes_back_after_an_error(tmp_path: Path) -> None:
    form = tmp_path / "表单.yaml"
    form.write_text("单位: [\n", encoding="utf-8")
    with pytest.raises(GenError):
        generator.pipeline.prepare_report(form, ["md"], f"{tmp_path}/")
    assert gc.isenabled()
    with pytest.raises(GenError):
        generator.pipeline.check_file(form)
    assert gc.isenabled()


def test_check_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = generator.pipeline.load_form_file
    monkeypatch.setattr(generator.pipeline, "load_form_file", lambda path: seen.append(gc.isenabled()) or real(path))
    generator.pipeline.check_file(EXAMPLES[0])
    assert seen == [False] and gc.isenabled()


def test_paused_gc_restores_the_previous_state() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # 内层结束不提前打开
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # 原来就关着的，不替人打开
    finally:
        gc.enable()
