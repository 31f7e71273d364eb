"""gen edit 按“类型”显示字段和部分（issue 23）：述职报告有述职人、职务、学习、廉洁，工作计划有总体要求、
主要任务和保障措施；别的类型的字段不显示。真实的 chromium（没有时本地跳过，CI=true 时失败）。"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO
from test_edit_browser import browser, start_editor  # noqa: F401  （pytest 的 fixture）


def _serve_example(name: str, tmp_path: Path) -> Iterator[str]:
    folder = tmp_path / "表单"
    folder.mkdir()
    form = folder / name
    shutil.copyfile(REPO / "examples" / name, form)
    process, url = start_editor(form, tmp_path / "配置")
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def debrief_url(tmp_path: Path) -> Iterator[str]:
    yield from _serve_example("张明-2024-述职报告.yaml", tmp_path)


@pytest.fixture
def plan_url(tmp_path: Path) -> Iterator[str]:
    yield from _serve_example("中阳县-2025-工作计划.yaml", tmp_path)


def _page(driver, url: str) -> tuple[dict[str, tuple[bool, str]], list[str]]:  # type: ignore[no-untyped-def]
    """(每个字段：是否显示、标签), 各部分的标题。"""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))
    WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#items h4"))
    fields = driver.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('#fields .field')].map("
        "b => [b.id.replace('field-box-', ''), [!b.hidden, b.querySelector('label').textContent]]))")
    headings = driver.execute_script(
        "return [...document.querySelectorAll('#items h4')].map(h => h.textContent)")
    return {key: (shown, label) for key, (shown, label) in fields.items()}, headings


def test_debrief_fields_and_parts(debrief_url: str, browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    fields, headings = _page(browser, debrief_url)
    assert fields["述职人"] == (True, "述职人（必填）") and fields["职务"] == (True, "职务")
    assert fields["学习"] == (True, "学习（必填）") and fields["廉洁"] == (True, "廉洁（必填）")
    assert not fields["主题"][0] and not fields["总体要求"][0] and not fields["基本情况"][0]
    assert [h for h in headings if h != "其他章节"] == [
        "二、履职尽责，推动工作落实", "四、存在的不足", "五、下一步打算"]


def test_plan_fields_and_parts(plan_url: str, browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    fields, headings = _page(browser, plan_url)
    assert fields["总体要求"][0] and not fields["述职人"][0] and not fields["学习"][0]
    assert [h for h in headings if h != "其他章节"] == ["二、主要任务", "三、保障措施"]
    assert not browser.find_elements("css selector", "#problems")
