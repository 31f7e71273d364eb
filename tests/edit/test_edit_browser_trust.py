"""gen edit 的真实浏览器测试（续）：办事员能放心用一整天。

令牌不泄露给本机别的网页服务；重启 gen edit 后原来的页面能接着保存、恢复没保存的修改；
新添的指标行过不了检查；写错的数字在格子里和检查结果里都标出来；Word 里改过的 .docx 在页面上就能另存为或覆盖；
1366×768 的屏幕上指标的每一列都看得见。浏览器、服务的准备与 tests/edit/test_edit_browser.py 相同。
"""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from test_edit_browser import FORM, browser, server, start_editor  # noqa: F401  （pytest 的 fixture）
from test_edit_server import edit_in_word

from generator.edit.wording import CLI_WORDS


def _open(driver, url: str):  # type: ignore[no-untyped-def]
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 20, ignored_exceptions=[StaleElementReferenceException])
    driver.get(url)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))
    return wait


def _source(driver) -> str:  # type: ignore[no-untyped-def]
    return str(driver.execute_script("return document.getElementById('source').value"))


def _status(driver) -> str:  # type: ignore[no-untyped-def]
    return str(driver.execute_script("return document.getElementById('status').textContent"))


def _checked(driver) -> int:  # type: ignore[no-untyped-def]
    """页面做完的检查次数（body 的 data-checked）。"""
    return int(driver.execute_script("return Number(document.body.dataset.checked || 0)"))


def _save_after_check(driver, wait, before: int) -> None:  # type: ignore[no-untyped-def]
    """等刚才的输入检查完（状态栏不会再被检查结果盖掉），再按“保存”，等“已保存”。"""
    from selenium.webdriver.common.by import By

    wait.until(lambda d: _checked(d) > before and _status(d).startswith("表单填写正确"))
    for _ in range(50):  # 输入之后 0.3 秒才检查：等到 0.6 秒里没有新的检查
        settled = _checked(driver)
        time.sleep(0.6)
        if _checked(driver) == settled:
            break
    driver.find_element(By.ID, "save").click()
    wait.until(lambda d: _status(d) == "已保存 表单.yaml")


# ---------------------------------------------------------------- 别的本地网页服务收不到令牌


class _Logged(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[dict[str, object]]] = []

    def do_GET(self) -> None:
        self.seen.append({"path": self.path, "headers": dict(self.headers.items())})
        body = b"<!doctype html><title>x</title><script>fetch('/probe?from=page', {credentials: 'include'})</script>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def snooper() -> Iterator[tuple[str, list[dict[str, object]]]]:
    seen: ClassVar[list[dict[str, object]]] = []
    handler = type("Handler", (_Logged,), {"seen": seen})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_another_local_server_receives_no_secret(server: tuple[str, Path], browser, snooper) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By

    url, form = server
    other, seen = snooper
    driver = browser
    wait = _open(driver, url)
    token = url.split("#token=")[1]
    editor = url.split("/#")[0]
    # 在页面上改一处并保存：令牌用过了（请求头里）
    driver.find_element(By.CSS_SELECTOR, "[data-tab=source-pane]").click()
    before = _checked(driver)
    driver.find_element(By.ID, "source").send_keys("# 改一处\n")
    _save_after_check(driver, wait, before)
    assert driver.get_cookies() == []
    # 办事员随后打开了本机另一个端口上的网页（它还从自己那里取东西）
    driver.get(f"{other}/welcome?x=1")
    wait.until(lambda d: any(str(entry["path"]).startswith("/probe") for entry in seen))
    logged = json.dumps(seen, ensure_ascii=False)
    assert token not in logged
    assert all("Cookie" not in entry["headers"] and "cookie" not in entry["headers"] for entry in seen)  # type: ignore[operator]
    assert "gen_edit" not in logged
    # 把它收到的请求头照样发给编辑服务（还冒充了 Origin）：没有令牌，拒绝
    for entry in seen:
        headers = {k: v for k, v in entry["headers"].items() if k.lower() not in ("host", "content-length")}  # type: ignore[attr-defined]
        for path in ("/api/form?name=%E8%A1%A8%E5%8D%95.yaml", "/api/session"):
            request = urllib.request.Request(f"{editor}{path}", headers={**headers, "Origin": editor})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)
            assert refused.value.code == 403
    # 带着令牌（请求头里）才行
    ok = urllib.request.urlopen(urllib.request.Request(f"{editor}/api/session", headers={"X-Gen-Token": token}),
                                timeout=10)
    assert ok.status == 200 and "# 改一处" in form.read_text(encoding="utf-8")


# ---------------------------------------------------------------- 重启后接着用


def test_restart_resumes_the_open_tab_and_restores_a_draft(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By

    folder = tmp_path / "网页"
    folder.mkdir()
    form = folder / "表单.yaml"
    form.write_text(FORM, encoding="utf-8")
    config = tmp_path / "配置"
    driver = browser
    process, url = start_editor(form, config)
    try:
        wait = _open(driver, url)
        driver.find_element(By.CSS_SELECTOR, "[data-tab=source-pane]").click()
        source = driver.find_element(By.ID, "source")
        driver.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(0, 0)", source)
        wait.until(lambda d: _checked(d) > 0)
        source.send_keys("# 重启之前写的\n")
        wait.until(lambda d: "（未保存）" in d.find_element(By.ID, "file-name").text)
        time.sleep(0.6)
        before = _checked(driver)
        process.kill()  # 像关掉黑窗口、或程序崩溃
        process.wait(timeout=10)
        driver.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(0, 0)", source)
        source.send_keys("# 停了以后写的\n")  # 接着写：检查发不出去，页面说明连不上
        wait.until(lambda d: _status(d).startswith("连接不上编辑程序"))
        assert "重新打开编辑程序后，本页会自动接上" in driver.find_element(By.ID, "notice-text").text  # 整句在页头下面
        process, again = start_editor(form, config)
        assert again == url  # 同一个令牌、同一个端口
        _save_after_check(driver, wait, before)  # 接上以后重新检查了一次
        assert not driver.find_element(By.ID, "notice").is_displayed()
        assert form.read_text(encoding="utf-8") == "# 停了以后写的\n# 重启之前写的\n" + FORM

        # 又写了一处，没保存就停了；重新启动后打开页面：问要不要恢复
        driver.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(0, 0)", source)
        source.send_keys("# 没来得及保存的\n")
        wait.until(lambda d: d.execute_script("return Object.keys(localStorage).length") == 1)
        process.kill()
        process.wait(timeout=10)
        process, again = start_editor(form, config)
        assert again == url
        driver.execute_script("window.onbeforeunload = null")
        driver.get(url.split("#")[0])  # 地址栏里已经没有令牌：它在这个标签页的 sessionStorage 里
        wait.until(lambda d: d.find_element(By.ID, "draft").is_displayed())
        assert "上次有没保存的修改" in driver.find_element(By.ID, "draft").text
        assert _source(driver) == form.read_text(encoding="utf-8")
        before = _checked(driver)
        driver.find_element(By.ID, "draft-restore").click()
        wait.until(lambda d: _source(d).startswith("# 没来得及保存的\n# 停了以后写的\n"))
        _save_after_check(driver, wait, before)
        assert form.read_text(encoding="utf-8") == "# 没来得及保存的\n# 停了以后写的\n# 重启之前写的\n" + FORM
        assert driver.execute_script("return Object.keys(localStorage).length") == 0  # 保存后草稿就删了

        # 草稿之后磁盘上的表单又被别的程序改过：恢复草稿后保存，照样先问（不悄悄覆盖）
        driver.find_element(By.CSS_SELECTOR, "[data-tab=source-pane]").click()
        source = driver.find_element(By.ID, "source")
        driver.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(0, 0)", source)
        source.send_keys("# 草稿三\n")
        wait.until(lambda d: "草稿三" in str(d.execute_script("return JSON.stringify(localStorage)")))
        elsewhere = "# 记事本里改的\n" + FORM
        form.write_text(elsewhere, encoding="utf-8")
        driver.execute_script("window.onbeforeunload = null")
        driver.get(url.split("#")[0])
        wait.until(lambda d: d.find_element(By.ID, "draft").is_displayed())
        driver.find_element(By.ID, "draft-restore").click()
        wait.until(lambda d: _source(d).startswith("# 草稿三\n"))
        driver.find_element(By.ID, "save").click()
        wait.until(lambda d: d.find_elements(By.ID, "conflict"))
        assert "记事本里改的" in driver.find_element(By.ID, "conflict").text
        driver.find_element(By.CSS_SELECTOR, "#conflict button[data-choice=cancel]").click()
        assert form.read_text(encoding="utf-8") == elsewhere
    finally:
        process.kill()
        process.wait(timeout=10)


# ---------------------------------------------------------------- 新添的指标、写错的数字


def test_untouched_new_indicator_row_fails_check(server: tuple[str, Path], browser, gen) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By

    url, form = server
    driver = browser
    wait = _open(driver, url)
    driver.find_element(By.XPATH, "//button[text()='添加一个指标']").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr")) == 2)
    wait.until(lambda d: "在编辑页面上新添时留下的空位" in str(
        d.find_element(By.ID, "findings-指标").get_attribute("textContent")))
    driver.find_element(By.ID, "save").click()
    wait.until(lambda d: _status(d) == "已保存 表单.yaml")
    result = gen("check", str(form))
    assert result.code != 0
    assert "“指标 第2项 名称”还没有填写：这是在编辑页面上新添时留下的空位。" in result.err + result.out
    assert "“指标 第2项 本期”还没有填写：这是在编辑页面上新添时留下的空位。" in result.err + result.out
    assert "gen import" not in result.err + result.out


def test_a_refused_number_is_shown_refused_in_its_cell_and_the_list(server: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, form = server
    driver = browser
    wait = _open(driver, url)

    def cell():  # type: ignore[no-untyped-def]
        return driver.find_element(By.CSS_SELECTOR, "#indicator-table tbody tr input[data-column=本期]")

    def findings() -> str:
        return str(driver.find_element(By.ID, "findings").get_attribute("textContent"))

    box = cell()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("八十二", Keys.TAB)
    wait.until(lambda d: "refused" in str(cell().get_attribute("class")))
    assert cell().get_attribute("value") == "八十二" and cell().get_attribute("aria-invalid") == "true"
    assert "第 1 个指标的“本期”：“八十二”没有写进表单（表单里仍是原来的值）。“本期”只写数字" in findings()
    assert "没有发现问题" not in driver.find_element(By.ID, "findings-title").text
    assert "八十二" in str(driver.find_element(By.ID, "findings-指标").get_attribute("textContent"))
    assert "    本期: 15719\n" in _source(driver) and "15719" in form.read_text(encoding="utf-8")
    # 别处的检查结果回来、表格重建以后，格子里仍然标着
    driver.find_element(By.ID, "field-单位").send_keys("办公室", Keys.TAB)
    wait.until(lambda d: "单位: 贡觉县卫生健康委员会办公室\n" in _source(d))
    time.sleep(0.5)
    assert cell().get_attribute("value") == "八十二" and "refused" in str(cell().get_attribute("class"))
    # 改对以后：写进表单，标记和那一条都没了
    box = cell()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("82", Keys.TAB)
    wait.until(lambda d: "    本期: 82\n" in _source(d))
    wait.until(lambda d: "refused" not in str(cell().get_attribute("class")) and "八十二" not in findings())

    # 字段也一样：表单读不进来时改“年度”，没有写进去，字段标红并列出；改好源文件后再改就写进去了
    driver.find_element(By.CSS_SELECTOR, "[data-tab=source-pane]").click()
    driver.execute_script("const s = document.getElementById('source'); s.focus();"
                          "s.setSelectionRange(s.value.length, s.value.length);")
    driver.find_element(By.ID, "source").send_keys("坏的一行\n")
    driver.find_element(By.CSS_SELECTOR, "[data-tab=fields-pane]").click()
    year = driver.find_element(By.ID, "field-年度")
    year.send_keys(Keys.CONTROL, "a")
    year.send_keys("2025", Keys.TAB)
    wait.until(lambda d: "refused" in str(d.find_element(By.ID, "field-年度").get_attribute("class")))
    assert "“年度”：“2025”没有写进表单（表单里仍是原来的值）。表单现在读不进来" in findings()
    assert "2025" in str(driver.find_element(By.ID, "findings-年度").get_attribute("textContent"))
    assert "年度: 2024\n" in _source(driver)
    driver.find_element(By.CSS_SELECTOR, "[data-tab=source-pane]").click()
    driver.execute_script("const s = document.getElementById('source'); s.focus();"
                          "s.value = s.value.replace('坏的一行\\n', ''); s.dispatchEvent(new Event('input'));")
    driver.find_element(By.CSS_SELECTOR, "[data-tab=fields-pane]").click()
    wait.until(lambda d: _status(d).startswith("表单填写正确"))  # 源文件又读得进来了
    assert "refused" in str(driver.find_element(By.ID, "field-年度").get_attribute("class"))  # 仍标着，直到改过
    year = driver.find_element(By.ID, "field-年度")
    year.send_keys(Keys.CONTROL, "a")
    year.send_keys("2023", Keys.TAB)
    wait.until(lambda d: "年度: 2023\n" in _source(d))
    wait.until(lambda d: "refused" not in str(d.find_element(By.ID, "field-年度").get_attribute("class")))


# ---------------------------------------------------------------- Word 里改过的 .docx


def test_word_edited_docx_is_saved_as_a_new_name_or_overwritten_from_the_page(server: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By

    from generator.write.ownership import Owner, owner_state

    url, form = server
    driver = browser
    wait = _open(driver, url)
    docx = form.with_suffix(".docx")
    driver.find_element(By.CSS_SELECTOR, "button[data-format=docx]").click()
    wait.until(lambda d: "下载 表单.docx" in d.find_element(By.ID, "outputs").text)
    edit_in_word(docx)
    edited = hashlib.sha256(docx.read_bytes()).hexdigest()
    header = driver.find_element(By.TAG_NAME, "header").size["height"]

    # 再生成：页面自己问（不提命令行），选“另存为”，写出 表单-新.docx，原来的不动
    driver.find_element(By.CSS_SELECTOR, "button[data-format=docx]").click()
    wait.until(lambda d: d.find_elements(By.ID, "output-dialog"))
    dialog = driver.find_element(By.ID, "output-dialog")
    assert "Word 或 WPS 里改过" in dialog.text and "-o" not in dialog.text and "--force" not in dialog.text
    assert driver.find_element(By.ID, "output-name").get_attribute("value") == "表单-新.docx"
    dialog.find_element(By.CSS_SELECTOR, "button[data-choice=saveas]").click()
    wait.until(lambda d: "下载 表单-新.docx" in d.find_element(By.ID, "outputs").text)
    assert owner_state(form.parent / "表单-新.docx") is Owner.GEN
    assert hashlib.sha256(docx.read_bytes()).hexdigest() == edited

    # 再生成：选“覆盖”，先确认，才覆盖
    driver.find_element(By.CSS_SELECTOR, "button[data-format=docx]").click()
    wait.until(lambda d: d.find_elements(By.ID, "output-dialog"))
    driver.find_element(By.CSS_SELECTOR, "#output-dialog button[data-choice=overwrite]").click()
    alert = driver.switch_to.alert
    assert "确定覆盖“表单.docx”吗？" in alert.text
    alert.accept()
    wait.until(lambda d: d.find_element(By.ID, "status").text.startswith("已生成 表单.docx"))
    assert owner_state(docx) is Owner.GEN

    # 只读的 .docx：页面同样自己问，只能另存为（没有“覆盖”），写出新文件，原来的不动
    docx.chmod(0o444)
    try:
        before = docx.read_bytes()
        driver.find_element(By.CSS_SELECTOR, "button[data-format=docx]").click()
        wait.until(lambda d: d.find_elements(By.ID, "output-dialog"))
        dialog = driver.find_element(By.ID, "output-dialog")
        assert "只读" in dialog.text and not CLI_WORDS.search(dialog.text)
        assert not dialog.find_elements(By.CSS_SELECTOR, "button[data-choice=overwrite]")
        assert driver.find_element(By.ID, "output-name").get_attribute("value") == "表单-新2.docx"
        dialog.find_element(By.CSS_SELECTOR, "button[data-choice=saveas]").click()
        wait.until(lambda d: "下载 表单-新2.docx" in d.find_element(By.ID, "outputs").text)
        assert owner_state(form.parent / "表单-新2.docx") is Owner.GEN
        assert docx.read_bytes() == before
        assert driver.find_element(By.TAG_NAME, "header").size["height"] == header
    finally:
        docx.chmod(0o644)


# ---------------------------------------------------------------- 1366×768


def test_layout_at_1366_by_768(server: tuple[str, Path], browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By

    url, form = server
    driver = browser
    driver.set_window_size(1366, 768)
    _open(driver, url)
    assert driver.execute_script("return window.innerWidth") <= 1366
    # 指标的每一列都在左栏里看得见，不用横向滚动
    pane = driver.find_element(By.ID, "fields-pane")
    left = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.right]", pane)
    cells = driver.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr:first-child td")
    labels = [c.get_attribute("data-label") for c in cells if c.get_attribute("data-label")]
    assert labels == ["键", "名称", "本期", "上期", "同比（算出）", "目标", "完成率（算出）", "单位", "小数位", "越低越好",
                      "公式", "表述", "说明", "允许负数", "允许超过100"]
    for cell in cells:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
        rect = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.right, r.width]",
                                     cell)
        assert left[0] <= rect[0] and rect[1] <= left[1] and rect[2] > 20, (cell.get_attribute("data-label"), rect, left)
        assert cell.is_displayed()
    assert driver.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth", pane)
    # 字段列表自己滚动，预览不跟着动
    right = driver.find_element(By.CSS_SELECTOR, "main .right")
    driver.execute_script("arguments[0].scrollTop = 0; arguments[1].scrollTop = 200", right, pane)
    assert driver.execute_script("return arguments[0].scrollTop", pane) > 0
    assert driver.execute_script("return arguments[0].scrollTop", right) == 0
    # 文字框随内容长高
    intro = driver.find_element(By.ID, "field-导语")
    short = intro.size["height"]
    driver.execute_script("arguments[0].value = arguments[0].value.repeat(12)", intro)
    assert intro.size["height"] > short + 60
    # 页头的按钮（含“打印预览”）一行放得下，都在窗口里
    driver.save_screenshot(str(form.parent / "1366x768.png"))
    width = driver.execute_script("return window.innerWidth")
    for button in driver.find_elements(By.CSS_SELECTOR, "header .actions button"):
        rect = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.right, r.height]", button)
        assert rect[0] <= width and rect[1] < 40, (button.text, rect)
