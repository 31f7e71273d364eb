"""gen edit 的真实浏览器测试（issue 23）：“季度”字段只在类型是季度工作总结时显示；选了类型再选季度，
源文件、预览和一级标题跟着变。浏览器、服务的准备与 tests/edit/test_edit_browser.py 相同。"""

from __future__ import annotations

import os
from pathlib import Path

from test_edit_browser import browser, server  # noqa: F401  （pytest 的 fixture）


def test_quarter_field_appears_for_quarter_summaries(server: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    url, form = server
    driver = browser
    wait = WebDriverWait(driver, 15, ignored_exceptions=[StaleElementReferenceException])
    driver.get(url)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))

    def source_text() -> str:
        return str(driver.execute_script("return document.getElementById('source').value"))

    def preview() -> str:
        return str(driver.find_element(By.ID, "preview").text)

    quarter = driver.find_element(By.ID, "field-季度")
    label = driver.find_element(By.CSS_SELECTOR, "label[for=field-季度]")
    assert not quarter.is_displayed() and not label.is_displayed()  # 年度工作总结：不显示
    assert not driver.find_element(By.ID, "field-主题").is_displayed()  # 别的类型的键也不显示（form/kinds.py）
    assert driver.find_element(By.ID, "field-标题").is_displayed()

    Select(driver.find_element(By.ID, "field-类型")).select_by_value("季度工作总结")
    wait.until(lambda d: d.find_element(By.ID, "field-季度").is_displayed())
    assert "类型: 季度工作总结\n" in source_text()
    wait.until(lambda d: "表单里缺少“季度”" in d.find_element(By.ID, "findings").get_attribute("textContent"))

    Select(driver.find_element(By.ID, "field-季度")).select_by_visible_text("第四季度")
    wait.until(lambda d: "类型: 季度工作总结\n季度: 4\n" in source_text())
    wait.until(lambda d: "贡觉县卫生健康委员会2024年第四季度工作总结" in preview())
    assert "一、第四季度工作开展情况" in preview() and "三、2025年第一季度工作计划" in preview()
    assert Select(driver.find_element(By.ID, "field-季度")).first_selected_option.text == "第四季度"
    if os.environ.get("GEN_SCREENSHOT_QUARTER"):  # 人看的截图（不进仓库）
        driver.save_screenshot(os.environ["GEN_SCREENSHOT_QUARTER"])

    driver.find_element(By.ID, "save").click()
    wait.until(lambda d: d.find_element(By.ID, "status").text == "已保存 表单.yaml")
    assert "类型: 季度工作总结\n季度: 4\n" in form.read_text(encoding="utf-8")

    # 改回年度工作总结：季度要删掉，删掉之后字段又藏起来
    Select(driver.find_element(By.ID, "field-季度")).select_by_value("")
    wait.until(lambda d: "季度:" not in source_text())
    Select(driver.find_element(By.ID, "field-类型")).select_by_value("年度工作总结")
    wait.until(lambda d: not d.find_element(By.ID, "field-季度").is_displayed())
    wait.until(lambda d: "贡觉县卫生健康委员会2024年度工作总结" in preview())
    assert "季度" not in source_text()
