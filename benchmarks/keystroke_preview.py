"""按键到预览的时间（不是测试）：真正的 Chromium 打开 gen edit，在“源文件”里按键（Selenium 发出真实的按键），
量从按键（页面收到 input 事件）到预览换成新的一页页（#preview 的子节点被替换）、再到浏览器画出这一帧
（之后的第二个 requestAnimationFrame）各要多久。每个示例和一份 200 项的表单各按 N 次（交替打一个字、删掉它），
报告中位数和最大值。页面停止打字 300 毫秒后才检查（防抖），这 300 毫秒也算在里面；另列出减去它的部分。

同时在服务器一侧量流水线（读取、校验、计算、检查、渲染、排版）一次的中位数（analyze），以及其中排版
（pages.layout + 写 HTML）的中位数；在浏览器里单独量把同一份预览 HTML 放进页面（preview.js 的 paginate，
连同浏览器排版）的中位数：看时间花在哪里。

用法（在仓库根目录）：python benchmarks/keystroke_preview.py [每份表单按键次数，默认 20]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from edit_latency import _many_items  # noqa: E402
from editor_browser import start as start_editor  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from generator.edit.analyze import analyze  # noqa: E402
from generator.edit.preview import document_html  # noqa: E402
from generator.pipeline import build_report  # noqa: E402
from generator.write.style_profile import load_profile  # noqa: E402

DEBOUNCE_MS = 300

_WATCH = """
const source = document.getElementById('source'), preview = document.getElementById('preview');
window.__times = [];
source.addEventListener('input', () => { window.__start = performance.now(); }, true);
new MutationObserver(() => {
  if (!window.__start) return;
  const start = window.__start, swapped = performance.now();
  window.__start = 0;
  requestAnimationFrame(() => requestAnimationFrame(
    () => window.__times.push([swapped - start, performance.now() - start])));
}).observe(preview, {childList: true});
"""


def _caret_after_first_full_stop(driver: webdriver.Chrome) -> None:
    driver.execute_script("const s = document.getElementById('source'); const i = s.value.indexOf('。') + 1;"
                          "s.focus(); s.setSelectionRange(i, i);")


def measure(driver: webdriver.Chrome, base: str, name: str, presses: int) -> list[tuple[float, float, float]]:
    driver.get("about:blank")
    driver.get(base)
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.LINK_TEXT, name))
    driver.find_element(By.LINK_TEXT, name).click()
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))
    driver.find_element(By.CSS_SELECTOR, "[data-tab=source-pane]").click()
    time.sleep(0.5)
    driver.execute_script(_WATCH)
    source = driver.find_element(By.ID, "source")
    _caret_after_first_full_stop(driver)
    for press in range(presses):
        source.send_keys("的" if press % 2 == 0 else Keys.BACKSPACE)
        WebDriverWait(driver, 60, poll_frequency=0.02).until(
            lambda d, n=press + 1: d.execute_script("return window.__times.length") >= n)
    times = [tuple(pair) for pair in driver.execute_script("return window.__times")]
    # 只量浏览器放入预览这一步：同一份 HTML 交给 preview.js 的 paginate，再强制排版（offsetHeight）
    insert = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        import('/static/preview.js').then(({paginate}) => {
          const box = document.getElementById('preview'), html = box.innerHTML, out = [];
          for (let i = 0; i < 7; i++) {
            const start = performance.now();
            paginate(box, html);
            void document.body.offsetHeight;
            out.push(performance.now() - start);
          }
          done(out);
        });""")
    return [(a, b, statistics.median(insert)) for a, b in times]


def main() -> None:
    presses = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    folder = Path(tempfile.mkdtemp(prefix="gen-keystroke-"))
    forms = []
    for path in sorted((REPO / "examples").glob("*.yaml")):
        shutil.copy(path, folder / path.name)
        forms.append(folder / path.name)
    big = folder / "200项.yaml"
    big.write_text(_many_items(forms[0].read_text(encoding="utf-8"), 200), encoding="utf-8")
    forms.append(big)

    server, port, driver = start_editor(folder)
    profile = load_profile()
    print(f"{'表单':<26}{'页数':>4}{'按键→预览换页 中位数':>16}{'最大':>8}{'→画出 中位数':>12}{'减防抖':>8}"
          f"{'服务器流水线':>10}{'其中排版':>8}{'浏览器放入预览':>10}")
    try:
        for form in forms:
            times = measure(driver, f"http://127.0.0.1:{port}/#token=bench", form.name, presses)
            swapped = [t[0] for t in times]
            painted = [t[1] for t in times]
            text = form.read_text(encoding="utf-8")
            pipeline, layout = [], []
            for _ in range(5):
                start = time.perf_counter()
                analyze(text, form)
                pipeline.append(time.perf_counter() - start)
            document = build_report(form).document
            for _ in range(5):
                start = time.perf_counter()
                html = document_html(document, profile)
                layout.append(time.perf_counter() - start)
            pages = html.count('<div class="page"')
            print(f"{form.name:<26}{pages:>4}{statistics.median(swapped):>14.0f}ms{max(swapped):>6.0f}ms"
                  f"{statistics.median(painted):>10.0f}ms{statistics.median(painted) - DEBOUNCE_MS:>6.0f}ms"
                  f"{statistics.median(pipeline) * 1000:>8.0f}ms{statistics.median(layout) * 1000:>6.0f}ms"
                  f"{times[0][2]:>10.0f}ms")
    finally:
        driver.quit()
        server.should_exit = True
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
