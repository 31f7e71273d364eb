"""预览与 PDF 的分页对比（不是测试，是量一量差多少）：每个示例，原长和把“工作开展情况”重复 2、3 遍的加长版，
比较页数和每页第一行。

预览：真正启动编辑服务，用 headless Chromium（与 tests/edit 的浏览器测试相同）打开页面，读出每页版心里的第一段文字；
PDF：与 gen report -f pdf 相同的转换（这里用常驻的 LibreOffice），pdftotext 读出每页第一行。
预览现在整段换页（一段放不下就整段移到下一页），PDF 按行拆段，所以“第一行”只在页首恰好是段首时才相同。

用法（在仓库根目录）：python benchmarks/preview_pages.py
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import uvicorn  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from generator.edit.app import create_app  # noqa: E402
from generator.pipeline import build_report  # noqa: E402
from generator.write.pdf import docx_to_pdf  # noqa: E402
from generator.write.resident import keep_warm  # noqa: E402
from generator.write.style_profile import load_profile  # noqa: E402


def _longer(text: str, times: int) -> str:
    start = text.index("工作开展情况:\n") + len("工作开展情况:\n")
    end = re.compile(r"^\S", re.M).search(text, start)
    stop = end.start() if end else len(text)
    return text[:start] + text[start:stop] * times + text[stop:]


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="gen-preview-pages-"))
    forms: list[Path] = []
    for path in sorted((REPO / "examples").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for times in (1, 2, 3):
            target = folder / f"{path.stem}-{times}倍.yaml"
            target.write_text(_longer(text, times), encoding="utf-8")
            forms.append(target)
    for extra in (REPO / "examples").iterdir():
        if extra.suffix != ".yaml" and extra.is_file():
            shutil.copy(extra, folder / extra.name)
    pdf_pages: dict[str, list[str]] = {}
    profile = load_profile()
    with keep_warm():
        for form in forms:
            pdf = folder / f"{form.stem}.pdf"
            pdf.write_bytes(docx_to_pdf(build_report(form).docx(profile), profile, name=form.stem))
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout
            pages = [page for page in text.split("\f") if page.strip()]
            pdf_pages[form.name] = [next(line.strip() for line in page.splitlines() if line.strip()) for page in pages]

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(folder, token="bench", port=port), log_level="warning",
                                           lifespan="off"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,768",
                 f"--user-data-dir={folder / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or ""), options=options)
    same_count = same_first = total_pages = 0
    print(f"{'表单':<28}{'预览页数':>6}{'PDF 页数':>8}  每页第一行相同")
    try:
        for form in forms:
            driver.get("about:blank")  # 只改 # 后面的部分时浏览器不重新载入页面
            driver.get(f"http://127.0.0.1:{port}/#token=bench")
            name = form.name
            WebDriverWait(driver, 20).until(lambda d, name=name: d.find_elements(By.LINK_TEXT, name))
            driver.find_element(By.LINK_TEXT, name).click()
            WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))
            time.sleep(0.5)
            firsts = driver.execute_script(
                "return [...document.querySelectorAll('#preview .page-body')]"
                ".map(b => b.firstElementChild ? b.firstElementChild.innerText : '')")
            pdf = pdf_pages[form.name]
            matches = [bool(i < len(firsts) and _plain(firsts[i]).startswith(_plain(line)[:12]))
                       for i, line in enumerate(pdf)]
            same_count += len(firsts) == len(pdf)
            same_first += sum(matches)
            total_pages += len(pdf)
            print(f"{form.name:<28}{len(firsts):>6}{len(pdf):>8}  {sum(matches)}/{len(pdf)}")
    finally:
        driver.quit()
        server.should_exit = True
        shutil.rmtree(folder, ignore_errors=True)
    print(f"页数相同：{same_count}/{len(forms)}；每页第一行相同：{same_first}/{total_pages}")


if __name__ == "__main__":
    main()
