"""gen edit 的真实浏览器测试：字段页上写“存在的问题”的开头一段，保存后在文件里，预览里在“二、”标题与第一个问题之间。

浏览器、服务的准备与 tests/edit/test_edit_browser.py 相同。
"""

from __future__ import annotations

import re
from pathlib import Path

from test_edit_browser import browser, server  # noqa: F401  （pytest 的 fixture）

OPENING = "主要存在以下问题。"


def test_clerk_writes_the_opening_of_the_problems(server: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    url, form = server
    original = form.read_text(encoding="utf-8")
    driver = browser
    wait = WebDriverWait(driver, 15, ignored_exceptions=[StaleElementReferenceException])
    driver.get(url)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))

    def source_text() -> str:
        return str(driver.execute_script("return document.getElementById('source').value"))

    # 三个部分各有一个空着的开头框，在事项之上
    boxes = driver.find_elements(By.CSS_SELECTOR, "#items .opening textarea")
    assert [b.get_attribute("aria-label") for b in boxes] == ["工作开展情况的开头", "存在的问题的开头", "下一步工作计划的开头"]
    assert {b.get_attribute("placeholder") for b in boxes} == {"开头（可不填）"}
    assert all(b.get_attribute("value") == "" for b in boxes)

    box = driver.find_element(By.CSS_SELECTOR, '[data-path="开头/存在的问题"] textarea')
    box.send_keys(OPENING)
    driver.execute_script("arguments[0].blur()", box)
    wait.until(expected_conditions.staleness_of(box))
    written = "开头:\n  存在的问题: " + OPENING + "\n工作开展情况:\n"
    wait.until(lambda d: written in source_text())
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-path="开头/存在的问题"] textarea')
               .get_attribute("value") == OPENING)
    heading = re.compile(r"二、存在的问题\s*" + OPENING + r"\s*（一）人才短缺。")
    wait.until(lambda d: heading.search(str(d.find_element(By.ID, "preview").text)))

    driver.find_element(By.ID, "save").click()
    wait.until(lambda d: d.find_element(By.ID, "status").text == "已保存 表单.yaml")
    assert form.read_text(encoding="utf-8") == original.replace("工作开展情况:\n", written, 1)
