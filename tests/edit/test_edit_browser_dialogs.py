"""gen edit 的真实浏览器测试（续）：字段页的 {{ 自动补全、指标表格、文件在别处被改过时的对话框。

浏览器、服务的准备与 tests/edit/test_edit_browser.py 相同（没有 chromium 时本地跳过，CI=true 时失败）。
"""

from __future__ import annotations

from pathlib import Path

from test_edit_browser import FORM, browser, server  # noqa: F401  （pytest 的 fixture）


def _open(driver, url: str):  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 15)
    driver.get(url)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))
    return wait


def _source(driver) -> str:  # type: ignore[no-untyped-def]
    return str(driver.execute_script("return document.getElementById('source').value"))


def test_autocomplete_in_a_field_and_the_indicator_table(server: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, _form = server
    driver = browser
    wait = _open(driver, url)
    preview = driver.find_element(By.ID, "preview")

    # 字段页的“导语”里打 {{：列出指标的键和属性，点一项补上，预览里是算好的措辞
    intro = driver.find_element(By.ID, "field-导语")
    intro.click()
    intro.send_keys(Keys.CONTROL, Keys.END)
    intro.send_keys("体检{{体检")
    wait.until(lambda d: d.find_element(By.ID, "suggest").is_displayed())
    options = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#suggest li")]
    assert options == ["体检人数", "体检人数.名称", "体检人数.本期", "体检人数.上期", "体检人数.目标", "体检人数.增减",
                       "体检人数.同比", "体检人数.完成率", "体检人数.万元", "体检人数.亿元", "体检人数.表述"]
    driver.find_element(By.XPATH, "//ul[@id='suggest']/li[text()='体检人数.同比']").click()
    assert not driver.find_element(By.ID, "suggest").is_displayed()
    assert intro.get_attribute("value").endswith("现总结如下。体检{{体检人数.同比}}")
    intro.send_keys("。", Keys.TAB)
    wait.until(lambda d: "现总结如下。体检增长107.02%。" in preview.text)
    assert "导语: 2024年，我委扎实推进各项工作。现总结如下。体检{{体检人数.同比}}。\n" in _source(driver)

    # 键盘也能选：↓ 移到下一项，回车补上
    intro.send_keys(Keys.CONTROL, Keys.END)
    intro.send_keys("{{体检人数.")
    wait.until(lambda d: d.find_element(By.ID, "suggest").is_displayed())
    assert driver.find_element(By.CSS_SELECTOR, "#suggest li.active").text == "体检人数.名称"
    intro.send_keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_UP)
    assert driver.find_element(By.CSS_SELECTOR, "#suggest li.active").text == "体检人数.本期"
    intro.send_keys(Keys.ENTER)
    assert intro.get_attribute("value").endswith("体检{{体检人数.同比}}。{{体检人数.本期}}")
    intro.send_keys(Keys.TAB)
    wait.until(lambda d: "体检增长107.02%。15719人" in preview.text)

    # 字段页里后来才建的文字框（事项的标题）也有补全
    title = driver.find_element(By.CSS_SELECTOR, "#items ul[data-section=工作开展情况] li:nth-child(2) input.item-title")
    title.send_keys(Keys.END, "{{同比")  # 不记得键也行：含有“同比”的都列出来
    wait.until(lambda d: d.find_element(By.ID, "suggest").is_displayed())
    assert [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#suggest li")] == ["体检人数.同比"]
    title.send_keys(Keys.ESCAPE)
    assert not driver.find_element(By.ID, "suggest").is_displayed()
    title.send_keys(Keys.BACK_SPACE * 4)  # 删去刚打的 4 个字：标题不变

    # 指标表格：算出的同比与文档相同；“表述”里只补本指标的 {{本期}} 等
    computed = driver.find_element(By.CSS_SELECTOR, "#indicator-table tbody tr td.computed[data-column=同比]")
    assert computed.text == "增长107.02%"
    sentence = driver.find_element(By.CSS_SELECTOR, "#indicator-table input[data-column=表述]")
    sentence.send_keys("共计体检{{本")
    wait.until(lambda d: d.find_element(By.ID, "suggest").is_displayed())
    assert [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#suggest li")] == ["本期"]
    sentence.send_keys(Keys.ENTER, "，{{比")
    wait.until(lambda d: [li.text for li in d.find_elements(By.CSS_SELECTOR, "#suggest li")] == ["同比"])
    sentence.send_keys(Keys.ENTER)  # 打过的“比”换成整项“同比”
    assert sentence.get_attribute("value") == "共计体检{{本期}}，{{同比}}"
    sentence.send_keys(Keys.TAB)
    wait.until(lambda d: "    表述: 共计体检{{本期}}，{{同比}}\n" in _source(driver))

    # 勾上“越低越好”：写入 true，算出的措辞跟着变
    driver.find_element(By.CSS_SELECTOR, "#indicator-table input[data-column=越低越好]").click()
    wait.until(lambda d: "    越低越好: true\n" in _source(driver))
    wait.until(lambda d: d.find_element(
        By.CSS_SELECTOR, "#indicator-table tbody tr td.computed[data-column=同比]").text == "上升107.02%")

    # 表单有错误时算不出数：与预览一样留着上一次的数，标成过时；改好后恢复
    def growth() -> tuple[str, str]:
        cell = driver.find_element(By.CSS_SELECTOR, "#indicator-table tbody tr td.computed[data-column=同比]")
        return cell.text, str(cell.get_attribute("class"))

    year = driver.find_element(By.ID, "field-年度")
    year.clear()
    year.send_keys("二〇二四", Keys.TAB)
    wait.until(lambda d: growth() == ("上升107.02%", "computed stale"))
    year.clear()
    year.send_keys("2024", Keys.TAB)
    wait.until(lambda d: growth() == ("上升107.02%", "computed"))


OTHER = FORM + "# 别人加的\n"


def test_file_changed_on_disk_asks_before_saving(server: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, form = server
    driver = browser
    wait = _open(driver, url)

    def set_unit(value: str) -> None:
        field = driver.find_element(By.ID, "field-单位")
        field.clear()
        field.send_keys(value, Keys.TAB)
        wait.until(lambda d: f"\n单位: {value}\n" in _source(driver))

    def press_save() -> None:
        driver.find_element(By.ID, "save").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "dialog#conflict[open]"))

    def choose(choice: str) -> None:
        driver.find_element(By.CSS_SELECTOR, f"dialog#conflict button[data-choice={choice}]").click()
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog#conflict"))

    set_unit("某某县卫生健康委员会")
    form.write_text(OTHER, encoding="utf-8")
    press_save()
    dialog = driver.find_element(By.ID, "conflict")
    assert dialog.find_element(By.TAG_NAME, "h3").text.startswith("表单已在别处被修改（20")
    assert [b.text for b in dialog.find_elements(By.TAG_NAME, "button")] == [
        "重新载入（放弃这里的修改）", "保留这里的内容（覆盖磁盘上的文件）", "取消"]
    changes = dialog.find_element(By.CLASS_NAME, "conflict-changes").text
    assert "磁盘上：单位: 贡觉县卫生健康委员会\n这　里：单位: 某某县卫生健康委员会" in changes
    assert "磁盘上：# 别人加的\n这　里：（没有这几行）" in changes

    # 对话框开着时再按 Ctrl+S：不再发保存请求、不叠第二个对话框
    dialog.send_keys(Keys.CONTROL, "s")
    # 取消：什么都不写
    choose("cancel")
    assert form.read_text(encoding="utf-8") == OTHER
    assert driver.execute_script(
        "return performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/save')).length") == 1
    wait.until(lambda d: d.find_element(By.ID, "status").text
               == "没有保存：磁盘上的文件在别处被改过，这里的内容还没有写入。")

    # 保留这里的内容：覆盖磁盘上的文件
    press_save()
    choose("keep")
    wait.until(lambda d: d.find_element(By.ID, "status").text == "已保存 表单.yaml")
    assert form.read_text(encoding="utf-8") == _source(driver)
    assert "单位: 某某县卫生健康委员会\n" in form.read_text(encoding="utf-8")

    # 重新载入：放弃这里的修改，页面换成磁盘上的内容，磁盘上的文件不动
    set_unit("另一个单位")
    form.write_text(OTHER, encoding="utf-8")
    press_save()
    choose("reload")
    wait.until(lambda d: _source(d) == OTHER)
    assert form.read_text(encoding="utf-8") == OTHER
    assert driver.find_element(By.ID, "file-name").text == "表单.yaml"
    wait.until(lambda d: d.find_element(By.ID, "field-单位").get_attribute("value") == "贡觉县卫生健康委员会")

    # 页面没有改动、磁盘上的文件却变了，点“生成”：同一个对话框；选“保留”后先覆盖，再生成
    form.write_text(FORM + "# 第三次\n", encoding="utf-8")
    driver.find_element(By.CSS_SELECTOR, "button[data-format=md]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "dialog#conflict[open]"))
    assert "磁盘上：# 第三次" in driver.find_element(By.CLASS_NAME, "conflict-changes").text
    choose("keep")
    wait.until(lambda d: "下载 表单.md" in d.find_element(By.ID, "outputs").text)
    assert form.read_text(encoding="utf-8") == OTHER == _source(driver)
    assert (form.parent / "表单.md").is_file()


def test_indicator_rows_are_added_moved_and_deleted(server: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, form = server
    driver = browser
    wait = _open(driver, url)

    def rows() -> list[str]:
        return [str(cell.get_attribute("value")) for cell in
                driver.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr input[data-column=键]")]

    # 添加一行，填名称：键按名称建议（与已有的键不重复）
    driver.find_element(By.XPATH, "//button[text()='添加一个指标']").click()
    wait.until(lambda d: rows() == ["体检人数", "新指标"])
    name = driver.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr input[data-column=名称]")[1]
    name.clear()
    name.send_keys("体检人数（复查）", Keys.TAB)
    wait.until(lambda d: rows() == ["体检人数", "体检人数复查"])
    assert "  - 键: 体检人数复查\n    名称: 体检人数（复查）\n    本期: 请补写（新添）\n" in _source(driver)

    # 上移：两个指标在原文里换了位置，第一项的注释、写法不变
    driver.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr button[data-action=up]")[1].click()
    wait.until(lambda d: rows() == ["体检人数复查", "体检人数"])
    assert "指标:\n  - 键: 体检人数复查\n    名称: 体检人数（复查）\n    本期: 请补写（新添）\n  - 键: 体检人数\n" in _source(driver)

    # 删除（先确认）
    driver.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr button[data-action=delete]")[0].click()
    driver.switch_to.alert.accept()
    wait.until(lambda d: rows() == ["体检人数"])
    assert _source(driver) == FORM

    # 指标文件：只读显示，表格里的指标灰色列出，算出的同比照样有
    (form.parent / "指标.csv").write_text("键,名称,本期,上期,单位\n门诊人次,门诊诊疗人次,1200,1000,人次\n",
                                          encoding="utf-8")
    driver.find_element(By.CSS_SELECTOR, "[data-tab=source-pane]").click()
    driver.execute_script(
        "const s = document.getElementById('source'); const at = s.value.indexOf('指标:');"
        "s.focus(); s.setSelectionRange(at, at);")
    driver.find_element(By.ID, "source").send_keys("指标文件: 指标.csv\n")
    driver.find_element(By.CSS_SELECTOR, "[data-tab=fields-pane]").click()
    wait.until(lambda d: d.find_elements(By.ID, "indicator-file"))
    assert driver.find_element(By.ID, "indicator-file").text.startswith("指标文件：指标.csv（只读）。")
    wait.until(lambda d: [c.text for c in d.find_elements(By.CSS_SELECTOR, "#indicator-table tr.from-sheet td")][:5]
               == ["门诊人次", "门诊诊疗人次", "1200", "1000", "增长20%"])
