"""预览与 PDF 的分页对比（量一量；同样的核对在 tests/edit/test_preview_pdf.py 里是测试）：每个示例的
短（“工作开展情况”只留第一项；工作计划是“下一步工作计划”）、原样、长（重复三遍）三种篇幅，比较页数和每页第一行。

预览：真正启动编辑服务，用 headless Chromium（与 tests/edit 的浏览器测试相同）打开页面，读出每页版心里的第一行
（``.ln``，表格续页是表头的第一格）；PDF：与 gen report -f pdf 相同的转换（这里用常驻的 LibreOffice），
pdftotext 读出每页第一行（表格的一行按单元格分段，取最左边一格）。

用法（在仓库根目录）：python benchmarks/preview_pages.py
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from editor_browser import start  # noqa: E402
from ruamel.yaml import YAML  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from generator.pipeline import build_report  # noqa: E402
from generator.write.pdf import docx_to_pdf  # noqa: E402
from generator.write.resident import keep_warm  # noqa: E402
from generator.write.style_profile import load_profile  # noqa: E402


def _lengths(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """与 tests/edit/test_preview_pdf.py 的 lengths 相同：没有“工作开展情况”的类型（工作计划）变“下一步工作计划”。"""
    key = next(k for k in ("工作开展情况", "下一步工作计划") if data.get(k))
    items = data[key]
    short, normal, long = copy.deepcopy(data), copy.deepcopy(data), copy.deepcopy(data)
    short[key] = items[:1]
    long[key] = [copy.deepcopy(dict(item, 标题=f"{item['标题']}（第{n}批）")) for n in (1, 2, 3) for item in items]
    return {"短": short, "原": normal, "长": long}


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


_XHTML = "{http://www.w3.org/1999/xhtml}"


def _first_line(page: ElementTree.Element) -> str:
    """一页最上面（同高时最左边）的一行，不算页码。"""
    lines = []
    for line in page.iter(_XHTML + "line"):
        text = _plain("".join(word.text or "" for word in line.iter(_XHTML + "word")))
        if text and not re.fullmatch(r"[—–-]\d+[—–-]", text):
            lines.append((round(float(line.get("yMin", 0)), 1), float(line.get("xMin", 0)), text))
    return min(lines)[2] if lines else ""


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="gen-preview-pages-"))
    forms: list[Path] = []
    for path in sorted((REPO / "examples").glob("*.yaml")):
        for label, data in _lengths(YAML(typ="safe").load(path.read_text(encoding="utf-8"))).items():
            target = folder / f"{path.stem}-{label}.yaml"
            with target.open("w", encoding="utf-8") as stream:
                YAML().dump(data, stream)
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
            xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                                 check=True).stdout
            pdf_pages[form.name] = [_first_line(page) for page in ElementTree.fromstring(xml).iter(_XHTML + "page")]

    server, port, driver = start(folder)
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
                "return [...document.querySelectorAll('#preview .page-body')].map(body => {"
                "  const first = body.querySelector('.ln:not(:empty), th');"
                "  return first ? first.textContent : ''; })")
            pdf = pdf_pages[form.name]
            matches = [bool(i < len(firsts) and _plain(firsts[i]) == line) for i, line in enumerate(pdf)]
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
