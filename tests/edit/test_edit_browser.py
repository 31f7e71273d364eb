"""gen edit 的真实浏览器测试：系统的 chromium（Debian 包 chromium、chromium-driver）由 Selenium 驱动，
打开 ``gen edit --no-browser`` 给出的网址，像办事员一样打字、点按钮。

没有 chromium 时本地跳过，``CI=true`` 时失败（与 tests/office.py 的 require_tool 相同）。
浏览器窗口是 1366×768（办事员常见的笔记本屏幕）。
设置环境变量 ``GEN_SCREENSHOT=docs/editor.png`` 时把截图写到那里（README 里的那张图，页面区域正好 1366×768，
由添加计划和问题的那个测试拍）。
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, VALID_FORM

FORM = "# 办事员的注释：保存后要还在\n" + VALID_FORM.replace(
    "工作开展情况:\n", "工作开展情况:\n  - 标题: 完善基层网络\n    内容: 新建村卫生室3个。\n")
YEAR_ERROR = "第 3 行第 5 列：错误：“年度”：要写阿拉伯数字，如 2024。"


def require_browser() -> tuple[str, str]:
    found = shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")
    if None in found:
        message = "需要 chromium 和 chromedriver（Debian 包 chromium、chromium-driver），但没有安装"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true：{message}。.ci/run 应当安装它们。", pytrace=False)
        pytest.skip(message)
    return found[0] or "", found[1] or ""


def click(driver, selector: str) -> None:  # type: ignore[no-untyped-def]
    """点一个按钮；页面在检查结果回来后会重建字段页，刚找到的按钮可能已被换掉，这时重新找一次再点。"""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def attempt(d) -> bool:  # type: ignore[no-untyped-def]
        d.find_element(By.CSS_SELECTOR, selector).click()
        return True

    WebDriverWait(driver, 15, ignored_exceptions=[StaleElementReferenceException]).until(attempt)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "网页"
    folder.mkdir()
    form = folder / "表单.yaml"
    form.write_text(FORM, encoding="utf-8")
    yield from _serve(form, tmp_path / "配置")


@pytest.fixture
def folder_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "文件夹"
    folder.mkdir()
    yield from _serve(folder, tmp_path / "配置")


def start_editor(target: Path, config: Path, **env: str) -> tuple[subprocess.Popen[str], str]:
    """运行 gen edit（令牌记在 ``config`` 这个配置文件夹里，不碰本机用户的），返回进程和它显示的网址。
    ``env``：另加的环境变量（如 PATH 里没有 LibreOffice）。"""
    require_browser()
    process = subprocess.Popen([sys.executable, "-m", "generator", "edit", str(target), "--no-browser"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "300",
                                    "XDG_CONFIG_HOME": str(config), **env})
    assert process.stdout is not None
    first = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+/#token=[\w-]+", first)
    if not found:
        process.kill()
        raise AssertionError(first + (process.stderr.read() if process.stderr else ""))
    return process, found.group(0)


def _serve(target: Path, config: Path) -> Iterator[tuple[str, Path]]:
    process, url = start_editor(target, config)
    try:
        yield url, target
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    driver = make_browser(tmp_path)
    try:
        yield driver
    finally:
        driver.quit()


def make_browser(tmp_path: Path):  # type: ignore[no-untyped-def]
    """headless Chromium，窗口 1366×768，配置和下载放在 ``tmp_path`` 里。"""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = require_browser()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=1366,768", "--lang=zh-CN"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(tmp_path / "下载")})
    return webdriver.Chrome(service=Service(driver_path), options=options)


def test_clerk_edits_previews_saves_and_generates(server: tuple[str, Path], browser, tmp_path: Path, gen) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    url, form = server
    driver = browser
    wait = WebDriverWait(driver, 15)
    driver.get(url)
    assert "token" not in driver.current_url  # 页面读出 # 后面的令牌后从地址栏里去掉
    assert driver.get_cookies() == []  # 令牌从不放进 Cookie
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))
    preview = driver.find_element(By.ID, "preview")
    assert "贡觉县卫生健康委员会2024年度工作总结" in preview.text

    def findings() -> str:
        return str(driver.find_element(By.ID, "findings").get_attribute("textContent"))

    def select(text: str) -> None:
        driver.execute_script(
            "const s = document.getElementById('source'); const at = s.value.indexOf(arguments[0]);"
            "s.focus(); s.setSelectionRange(at, at + arguments[0].length);", text)

    # 年度写错：错误出现在列表、行号旁和“年度”字段下；改回来就消失
    driver.find_element(By.CSS_SELECTOR, "[data-tab=source-pane]").click()
    source = driver.find_element(By.ID, "source")
    select("2024\n")
    source.send_keys("二〇二四\n")
    wait.until(lambda d: YEAR_ERROR in findings())
    assert driver.find_element(By.CSS_SELECTOR, "#gutter div:nth-child(3)").get_attribute("class") == "错误"
    assert YEAR_ERROR in str(driver.find_element(By.ID, "findings-年度").get_attribute("textContent"))
    select("二〇二四")
    source.send_keys("2024")
    wait.until(lambda d: YEAR_ERROR not in findings() and "没有发现问题" in d.find_element(By.ID, "findings-title").text)

    # 引用指标：{{ 之后自动补全键和属性，预览里是算好的措辞
    select("现总结如下。")
    source.send_keys("体检人数{{体检人数.同")
    wait.until(lambda d: d.find_element(By.ID, "suggest").is_displayed())
    assert driver.find_element(By.CSS_SELECTOR, "#suggest li.active").text == "体检人数.同比"
    source.send_keys(Keys.ENTER)
    source.send_keys("。现总结如下。")
    wait.until(lambda d: "体检人数增长107.02%。现总结如下。" in d.find_element(By.ID, "preview").text)

    # 调换两项工作的顺序：序号跟着变
    driver.find_element(By.CSS_SELECTOR, "[data-tab=fields-pane]").click()
    items = driver.find_elements(By.CSS_SELECTOR, "#items ul[data-section=工作开展情况] > li")
    assert [li.get_attribute("data-title") for li in items] == ["（一）完善基层网络", "（二）开展健康体检"]
    click(driver, "#items ul[data-section=工作开展情况] > li:nth-child(2) > .node-head button[data-action=up]")
    wait.until(lambda d: "（一）开展健康体检。" in d.find_element(By.ID, "preview").text
               and "（二）完善基层网络。" in d.find_element(By.ID, "preview").text)

    # 在事项列表里直接改标题：只改那一行，序号照旧由 gen 编排
    title = driver.find_element(By.CSS_SELECTOR, "#items ul[data-section=工作开展情况] > li:nth-child(2) input.item-title")
    assert title.get_attribute("value") == "完善基层网络"
    title.send_keys(Keys.CONTROL, "a")
    title.send_keys("完善村级卫生网络", Keys.TAB)
    wait.until(lambda d: "（二）完善村级卫生网络。新建村卫生室3个。" in d.find_element(By.ID, "preview").text)

    # 保存：磁盘上的 YAML 就是页面上的文字，注释还在
    driver.find_element(By.ID, "save").click()
    wait.until(lambda d: d.find_element(By.ID, "status").text == "已保存 表单.yaml")
    saved = form.read_text(encoding="utf-8")
    assert saved.startswith("# 办事员的注释：保存后要还在\n")
    assert "体检人数{{体检人数.同比}}。现总结如下。" in saved
    assert saved == driver.execute_script("return document.getElementById('source').value")

    # 生成 Word：与 gen report 在保存的表单上生成的文件逐字节相同
    driver.find_element(By.CSS_SELECTOR, "button[data-format=docx]").click()
    wait.until(lambda d: "下载 表单.docx" in d.find_element(By.ID, "outputs").text)
    copy = tmp_path / "命令行" / "表单.yaml"
    copy.parent.mkdir()
    shutil.copy(form, copy)
    assert gen("report", str(copy)).code == 0
    assert (form.parent / "表单.docx").read_bytes() == (copy.parent / "表单.docx").read_bytes()


def test_clerk_creates_a_form_from_scratch_in_a_folder(folder_server: tuple[str, Path], browser, tmp_path: Path,
                                                       gen) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    url, folder = folder_server
    driver = browser
    wait = WebDriverWait(driver, 15)
    driver.get(url)
    wait.until(lambda d: d.find_element(By.ID, "forms").text == "这个文件夹里还没有表单。")
    driver.find_element(By.ID, "new-name").send_keys("新表单", Keys.ENTER)
    wait.until(lambda d: d.find_element(By.ID, "file-name").text == "新表单.yaml")
    form = folder / "新表单.yaml"
    assert form.is_file()
    wait.until(lambda d: "请补写" in str(d.find_element(By.ID, "findings").get_attribute("textContent")))
    # 每条结果也出现在它所属的字段、事项下面
    skeleton = form.read_text(encoding="utf-8").splitlines()
    unit_line = skeleton.index("单位: 请补写单位全称") + 1
    work_line = next(n for n, line in enumerate(skeleton, 1) if line.startswith("  - 标题: 请补写第一项"))
    assert str(driver.find_element(By.ID, "findings-单位").get_attribute("textContent")) \
        == f"第 {unit_line} 行第 5 列：错误：[GEN101] “请补写”：这里还没有填写，请填上实际内容。"
    assert f"第 {work_line} 行" in str(driver.find_element(By.ID, "findings-工作开展情况/0").get_attribute("textContent"))

    def source_text() -> str:
        return str(driver.execute_script("return document.getElementById('source').value"))

    # 字段页：单位、导语，删去空白表单里的第二项工作（序号跟着变）
    for key, value in (("单位", "某某县教育局"), ("导语", "今年，我局扎实推进各项工作。现将全年工作总结如下。")):
        field = driver.find_element(By.ID, f"field-{key}")
        field.clear()
        field.send_keys(value, Keys.TAB)
        wait.until(lambda d, line=f"\n{key}: {value}\n": line in source_text())
    assert "# 发文单位全称（必填），如：某某县教育局\n单位: 某某县教育局\n" in source_text()
    items = driver.find_elements(By.CSS_SELECTOR, "#items ul[data-section=工作开展情况] > li")
    assert len(items) == 2
    click(driver, "#items ul[data-section=工作开展情况] > li:nth-child(2) > .node-head button[data-action=delete]")
    driver.switch_to.alert.accept()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#items ul[data-section=工作开展情况] > li")) == 1)

    # 指标表格：添加一个指标，键由名称自动建议
    driver.find_element(By.XPATH, "//button[text()='添加一个指标']").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr"))
    for column, value in (("名称", "教师培训人次"), ("本期", "120"), ("上期", "100"), ("单位", "人次")):
        cell = driver.find_element(By.CSS_SELECTOR, f"#indicator-table tbody tr input[data-column={column}]")
        cell.clear()
        cell.send_keys(value, Keys.TAB)
        # 行首是空格（空白表单的注释里也有“#     单位: 人次”这样的示例行）
        wait.until(lambda d, line=f"\n    {column}: {value}\n": line in source_text())
    assert "  - 键: 教师培训人次\n    名称: 教师培训人次\n    本期: 120\n    上期: 100\n    单位: 人次\n" in source_text()

    # 源文件页：把其余的“请补写”换成内容
    driver.find_element(By.CSS_SELECTOR, "[data-tab=source-pane]").click()
    source = driver.find_element(By.ID, "source")
    for old, new in (("请补写第一项工作的标题", "加强教师培训"), ("请补写这项工作的做法和成效。", "全年培训教师{{教师培训人次}}，{{教师培训人次.同比}}。"),
                     ("请补写存在的问题。", "师资力量不足。"), ("请补写下一步工作的标题", "补齐师资短板"),
                     ("请补写具体措施。", "招聘教师10名。")):
        driver.execute_script(
            "const s = document.getElementById('source'); const at = s.value.indexOf(arguments[0]);"
            "s.focus(); s.setSelectionRange(at, at + arguments[0].length);", old)
        source.send_keys(new)
    wait.until(lambda d: d.find_element(By.ID, "status").text.startswith("表单填写正确"))
    assert "（一）加强教师培训。全年培训教师120人次，增长20%。" in driver.find_element(By.ID, "preview").text

    # 生成 Markdown：先自动保存，再与 gen report 生成的文件逐字节比较
    driver.find_element(By.CSS_SELECTOR, "button[data-format=md]").click()
    wait.until(lambda d: "下载 新表单.md" in d.find_element(By.ID, "outputs").text)
    assert form.read_text(encoding="utf-8") == source_text()
    copy = tmp_path / "命令行" / "新表单.yaml"
    copy.parent.mkdir()
    shutil.copy(form, copy)
    assert gen("report", str(copy), "-f", "md").code == 0
    assert (folder / "新表单.md").read_bytes() == (copy.parent / "新表单.md").read_bytes()


def test_clerk_adds_fills_and_reorders_plans_and_adds_a_problem(server: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    url, form = server
    driver = browser
    wait = WebDriverWait(driver, 15, ignored_exceptions=[StaleElementReferenceException])
    driver.get(url)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))

    def source_text() -> str:
        return str(driver.execute_script("return document.getElementById('source').value"))

    def preview() -> str:
        return str(driver.find_element(By.ID, "preview").text)

    def plans() -> list[str]:
        return [str(li.get_attribute("data-title"))
                for li in driver.find_elements(By.CSS_SELECTOR, "#items ul[data-section=下一步工作计划] > li")]

    def fill(path: str, key: str, value: str, written: str) -> None:
        """在某一项的某个框里全选、改写，再点到别处；等 YAML 改好、页面按新的文字重建。"""
        box = driver.find_element(By.CSS_SELECTOR, f'[data-path="{path}"] [data-key="{key}"]')
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(value)
        driver.execute_script("arguments[0].blur()", box)
        wait.until(expected_conditions.staleness_of(box))
        wait.until(lambda d: written in source_text())
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-path="{path}"] [data-key="{key}"]')
                   .get_attribute("value") == value)

    # 添加两项计划：新的一项写成“请补写（新添）”，检查指出它（说明是页面上新添的），就放在这一项下面
    assert plans() == ["（一）加强人才培养"]
    for count in (2, 3):
        click(driver, '[data-add="下一步工作计划"]')
        wait.until(lambda d, n=count: len(plans()) == n)
    wait.until(lambda d: "在编辑页面上新添时留下的空位" in str(
        d.find_element(By.ID, "findings-下一步工作计划/2").get_attribute("textContent")))
    fill("下一步工作计划/1", "标题", "补齐设备短板", "  - 标题: 补齐设备短板\n    内容: 请补写（新添）\n")
    fill("下一步工作计划/1", "内容", "购置设备5台。", "  - 标题: 补齐设备短板\n    内容: 购置设备5台。\n")
    fill("下一步工作计划/2", "标题", "加强业务培训", "  - 标题: 加强业务培训\n    内容: 请补写（新添）\n")
    fill("下一步工作计划/2", "内容", "培训医生20人。", "  - 标题: 加强业务培训\n    内容: 培训医生20人。\n")
    wait.until(lambda d: "（二）补齐设备短板。购置设备5台。" in preview() and "（三）加强业务培训。培训医生20人。" in preview())

    # 第三项上移（连点两下也只移一格）：序号跟着变，保存后磁盘上的 YAML 也换了先后，注释还在
    up = driver.find_element(By.CSS_SELECTOR, '[data-path="下一步工作计划/2"] > .node-head button[data-action=up]')
    ActionChains(driver).double_click(up).perform()
    wait.until(lambda d: "（二）加强业务培训。培训医生20人。" in preview() and "（三）补齐设备短板。购置设备5台。" in preview())
    assert plans() == ["（一）加强人才培养", "（二）加强业务培训", "（三）补齐设备短板"]
    assert driver.find_element(By.CSS_SELECTOR, '[data-path="下一步工作计划/2"] button[data-action=up]').is_enabled()
    driver.find_element(By.ID, "save").click()
    wait.until(lambda d: d.find_element(By.ID, "status").text == "已保存 表单.yaml")
    saved = form.read_text(encoding="utf-8")
    assert saved.startswith("# 办事员的注释：保存后要还在\n")
    assert ("下一步工作计划:\n  - 标题: 加强人才培养\n  - 标题: 加强业务培训\n    内容: 培训医生20人。\n"
            "  - 标题: 补齐设备短板\n    内容: 购置设备5台。\n") in saved

    # 添加一个问题并写上解决思路：预览里各自成段，带着解决思路
    click(driver, '[data-add="存在的问题"]')
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-path="存在的问题/1"]'))
    fill("存在的问题/1", "内容", "设备老化。", "  - 内容: 设备老化。\n")
    fill("存在的问题/1", "解决思路", "分批更新设备", "  - 内容: 设备老化。\n    解决思路: 分批更新设备\n")
    wait.until(lambda d: "（二）设备老化。解决思路：分批更新设备。" in preview())
    assert "（一）人才短缺。" in preview()

    if os.environ.get("GEN_SCREENSHOT"):  # README 里的那张图（1366×768）：左边是事项和问题的编辑，右边是预览
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": False})
        driver.execute_script("document.querySelector('[data-path=\"存在的问题/1\"]').scrollIntoView({block: 'center'})")
        driver.save_screenshot(str(REPO / os.environ["GEN_SCREENSHOT"]))
