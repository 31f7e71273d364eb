"""gen edit 的“公文”一组（issue 25），真实的 chromium：没写“公文:”时折叠着；填发文字号和主送机关、保存，
磁盘上的表单有“公文:”；写错的发文字号和其他字段一样在那一项下面给出检查结果。"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_edit_browser import FORM, _serve, browser  # noqa: F401  （browser 是 fixture）

from generator.form.reading import load_form_file


@pytest.fixture
def frame_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "网页"
    folder.mkdir()
    form = folder / "表单.yaml"
    form.write_text(FORM, encoding="utf-8")
    yield from _serve(form, tmp_path / "配置")


def test_clerk_fills_number_and_main_recipient_and_saves(frame_server: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    url, form = frame_server
    driver = browser
    wait = WebDriverWait(driver, 15)
    driver.get(url)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))
    group = driver.find_element(By.ID, "frame-group")
    assert group.get_attribute("open") is None  # 表单里没有“公文:”：折叠着
    assert "公文" in group.find_element(By.TAG_NAME, "summary").text
    group.find_element(By.TAG_NAME, "summary").click()
    wait.until(lambda d: d.find_element(By.ID, "field-公文/发文字号").is_displayed())

    def source() -> str:
        return str(driver.execute_script("return document.getElementById('source').value"))

    def findings(key: str) -> str:
        return str(driver.find_element(By.ID, f"findings-公文/{key}").get_attribute("textContent"))

    # 写错的发文字号（方括号、序号编了虚位）：检查结果出现在这一项下面，带改法
    number = driver.find_element(By.ID, "field-公文/发文字号")
    number.send_keys("贡卫健发[2025]03号", Keys.TAB)
    wait.until(lambda d: "GEN801" in findings("发文字号"))
    assert "应为：贡卫健发〔2025〕3号" in findings("发文字号")
    assert "公文:\n  发文字号: 贡卫健发[2025]03号\n" in source()

    number = driver.find_element(By.ID, "field-公文/发文字号")
    number.send_keys(Keys.CONTROL, "a")
    number.send_keys("贡卫健发〔2025〕3号", Keys.TAB)
    wait.until(lambda d: "GEN801" not in findings("发文字号") and "〔2025〕3号" in source())
    driver.find_element(By.ID, "field-公文/签发人").send_keys("张三", Keys.TAB)
    wait.until(lambda d: "GEN803" in findings("签发人"))  # 上行文没写主送机关
    driver.find_element(By.ID, "field-公文/主送机关").send_keys("昌都市卫生健康委员会", Keys.TAB)
    wait.until(lambda d: "主送机关: 昌都市卫生健康委员会" in source() and "GEN803" not in findings("签发人"))

    driver.find_element(By.ID, "save").click()
    wait.until(lambda d: d.find_element(By.ID, "status").text == "已保存 表单.yaml")
    saved = form.read_text(encoding="utf-8")
    assert saved == source() and saved.startswith("# 办事员的注释：保存后要还在\n")
    frame = load_form_file(form).data["公文"]
    assert dict(frame) == {"发文字号": "贡卫健发〔2025〕3号", "签发人": "张三", "主送机关": "昌都市卫生健康委员会"}

    # 重新打开：有“公文:”时展开，各项的值在框里
    driver.refresh()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))
    wait.until(lambda d: d.find_element(By.ID, "frame-group").get_attribute("open") is not None)
    assert driver.find_element(By.ID, "field-公文/主送机关").get_attribute("value") == "昌都市卫生健康委员会"
