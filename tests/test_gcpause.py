"""gen check / gen report 运行时暂停循环垃圾回收，结束后（包括出错时）恢复原样。"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from conftest import VALID_FORM

from generator import api, checkfile
from generator.errors import FormError
from generator.gcpause import paused_gc


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


def test_check_and_report_build_the_form_with_gc_paused(monkeypatch: pytest.MonkeyPatch, form_file,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path) -> None:
    seen: list[bool] = []
    real = checkfile.load_form_file

    def spy(path: Path):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(path)

    monkeypatch.setattr(checkfile, "load_form_file", spy)
    monkeypatch.setattr(api, "load_form_file", spy)
    path = form_file(VALID_FORM)
    checkfile.check_file(path)
    api.prepare_report(path, ("md",), tmp_path / "out")
    assert seen == [False, False]
    assert gc.isenabled()


def test_gc_is_back_on_after_a_form_error(form_file) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FormError):
        checkfile.check_file(form_file("单位: [\n"))
    with pytest.raises(FormError):
        api.prepare_report(form_file("单位: [\n", name="乙.yaml"), ("md",))
    assert gc.isenabled()
