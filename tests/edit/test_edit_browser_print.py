"""“打印预览”的真实浏览器测试：页面上看到的就是“生成 PDF”写出的那几页（逐像素相同）；
这台电脑上没有 LibreOffice 时，按钮说明为什么用不了，“生成 PDF”的说明在页头下面、不挤坏页头。

gen edit 是真正的进程（与 tests/edit/test_edit_browser.py 相同），页面在 headless Chromium 里，PDF 由真正的 LibreOffice 排。
"""

from __future__ import annotations

import base64
import io
import shutil
from pathlib import Path

from conftest import REPO
from office import require_tool
from test_edit_browser import browser, start_editor  # noqa: F401  （pytest 的 fixture）

from generator.edit.wording import CLI_WORDS

EXAMPLE = REPO / "examples" / "中阳县-2024.yaml"  # 几页长：分页才有得比


def _open(driver, url: str):  # type: ignore[no-untyped-def]
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 60, ignored_exceptions=[StaleElementReferenceException])
    driver.get(url)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))
    wait.until(lambda d: d.find_element(By.ID, "print").is_enabled())
    return wait


def _png(data: bytes):  # type: ignore[no-untyped-def]
    from PIL import Image

    return Image.open(io.BytesIO(data)).convert("RGB")


def test_print_preview_shows_the_pages_of_the_real_pdf(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from PIL import ImageChops
    from selenium.webdriver.common.by import By

    from generator.write.pdf_pages import page_images

    require_tool("soffice")
    folder = tmp_path / "网页"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    for extra in EXAMPLE.parent.glob("*.xlsx"):  # 示例引用的指标表格
        shutil.copy(extra, folder / extra.name)
    form = folder / EXAMPLE.name
    process, url = start_editor(form, tmp_path / "配置")
    driver = browser
    try:
        wait = _open(driver, url)
        driver.find_element(By.ID, "print").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#print-preview img"))
        dialog = driver.find_element(By.ID, "print-preview")
        sources = [str(img.get_attribute("src")) for img in dialog.find_elements(By.TAG_NAME, "img")]
        assert "与生成的 PDF 一页一页相同" in dialog.text and f"共 {len(sources)} 页" in dialog.text
        shown = [_png(base64.b64decode(src.split(",", 1)[1])) for src in sources]
        # 窗口里看得见：第一页的图片真的画出来了，宽度不超出对话框
        assert driver.execute_script("const i = document.querySelector('#print-preview img');"
                                     "return i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 300")
        driver.save_screenshot(str(tmp_path / "打印预览.png"))
        driver.find_element(By.CSS_SELECTOR, "#print-preview button[data-choice=close]").click()
        wait.until(lambda d: not d.find_elements(By.ID, "print-preview"))
        assert sorted(p.name for p in folder.iterdir() if p.suffix == ".pdf") == []  # 打印预览不写文件

        driver.find_element(By.CSS_SELECTOR, "button[data-format=pdf]").click()
        pdf = form.with_suffix(".pdf")
        wait.until(lambda d: pdf.is_file() and "已生成" in d.find_element(By.ID, "status").text)
    finally:
        process.terminate()
        process.wait(timeout=20)
    written = [_png(png) for png in page_images(pdf.read_bytes())]
    assert len(shown) == len(written) >= 3
    for n, (a, b) in enumerate(zip(shown, written, strict=True)):
        assert a.size == b.size, n
        assert abs(a.size[1] / a.size[0] - 297 / 210) < 0.01  # A4
        assert ImageChops.difference(a, b).getbbox() is None, f"第 {n + 1} 页与生成的 PDF 不同"


def test_without_libreoffice_the_buttons_explain_in_the_notice(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By

    folder = tmp_path / "网页"
    folder.mkdir()
    form = folder / "表单.yaml"
    shutil.copy(REPO / "examples" / "霍山县-2021上半年.yaml", form)
    empty = tmp_path / "空的PATH"
    empty.mkdir()
    process, url = start_editor(form, tmp_path / "配置", PATH=str(empty))  # 找不到 soffice
    driver = browser
    try:
        wait = _open(driver, url)
        header = driver.find_element(By.TAG_NAME, "header").size["height"]
        button = driver.find_element(By.ID, "print")
        assert "没有找到 LibreOffice" in str(button.get_attribute("title"))
        button.click()
        wait.until(lambda d: d.find_element(By.ID, "notice").is_displayed())
        notice = driver.find_element(By.ID, "notice-text").text
        assert "打印预览要用 LibreOffice" in notice and "重新打开编辑程序" in notice
        assert not driver.find_elements(By.ID, "print-preview")

        driver.find_element(By.ID, "notice-close").click()
        driver.find_element(By.CSS_SELECTOR, "button[data-format=pdf]").click()
        wait.until(lambda d: d.find_element(By.ID, "notice").is_displayed())
        notice = driver.find_element(By.ID, "notice-text").text
        assert "生成 PDF 需要 LibreOffice" in notice and "另存为 PDF" in notice
        assert not CLI_WORDS.search(notice), notice  # 没有 -f docx、sudo apt install
        # 文件一级的问题：不列进表单的检查结果，不挤坏页头
        assert "LibreOffice" not in str(driver.find_element(By.ID, "findings").get_attribute("textContent"))
        assert driver.find_element(By.TAG_NAME, "header").size["height"] == header
        for action in driver.find_elements(By.CSS_SELECTOR, "header .actions button"):
            assert action.size["height"] < 40  # 按钮里的字没有被挤成竖排
        assert not form.with_suffix(".pdf").exists()
        driver.save_screenshot(str(tmp_path / "没有LibreOffice.png"))
    finally:
        process.terminate()
        process.wait(timeout=20)

