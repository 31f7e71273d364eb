"""预览就是那一页：每个示例的短、原、长三种篇幅（另有指标表放在正文里的，和页末的各种极端情形），
预览（generator/write/word/page_flow.py 排的页）与 LibreOffice 转出的 PDF 页数相同、每页第一行相同，每一行在同一个字处换行。

PDF 由真正的 LibreOffice 转换（一次转换全部 40 份，字体替换表与 gen report 相同），``pdftotext -bbox-layout``
读出每页的行（按位置排序，去掉页码）。再用真正的 Chromium 打开 gen edit 的页面，核对浏览器里显示的
页数、每页第一行与版面模型相同，并且没有哪一行超出版心、没有哪一页的内容超出版心的高度。
"""

from __future__ import annotations

import copy
import re
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import EXAMPLES, minimal_form
from office import render_pdfs, require_tool
from variants import example_data, figures_form, long_after_table

from generator.api import build_report_from_data
from generator.render.document import Document
from generator.write.style_profile import load_profile
from generator.write.word.page_flow import layout
from generator.write.word.page_types import Pages

_XHTML = "{http://www.w3.org/1999/xhtml}"
_PAGE_NUMBER = re.compile(r"^[—–-]\s*\d+\s*[—–-]$")


def lengths(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """短（列表只留第一项）、原样、长（列表重复三遍，标题加“（第 n 批）”）。变的是“工作开展情况”；
    没有这一部分的类型（工作计划）变“下一步工作计划”（主要任务）。"""
    key = next(k for k in ("工作开展情况", "下一步工作计划") if data.get(k))
    items = data[key]
    short, normal, long = copy.deepcopy(data), copy.deepcopy(data), copy.deepcopy(data)
    short[key] = items[:1]
    long[key] = [copy.deepcopy(dict(item, 标题=f"{item['标题']}（第{n}批）"))  # 不共用子对象（YAML 锚点）
                 for n in (1, 2, 3) for item in items]
    return {"短": short, "原": normal, "长": long}


def pdf_lines(pdf: Path) -> list[list[str]]:
    """PDF 每页的各行文字（去掉空白），自上而下、同一高度的自左而右；不含页码。"""
    xml = subprocess.run([require_tool("pdftotext"), "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = []
    for page in ElementTree.fromstring(xml).iter(_XHTML + "page"):
        lines = []
        for line in page.iter(_XHTML + "line"):
            text = "".join("".join((word.text or "").split()) for word in line.iter(_XHTML + "word"))
            if text and not _PAGE_NUMBER.match(text):
                lines.append((round(float(line.get("yMin", 0)), 1), float(line.get("xMin", 0)), text))
        pages.append([text for _, _, text in sorted(lines)])
    return pages


def model_first_lines(pages: Pages) -> list[str]:
    """模型每页的第一行；表格的行取第一格（PDF 里表格的一行按单元格分成几段文字）；空白页（版记前）为空。"""
    out = []
    for page in pages.pages:
        line = next((line for line in page if line.text.strip()), None)
        out.append("" if line is None else "".join((line.cells[0] if line.cells else line.text).split()))
    return out


def body_lines(pages: Pages) -> list[str]:
    return ["".join(line.text.split()) for page in pages.pages for line in page if not line.cells and line.text.strip()]


def cases() -> dict[str, dict[str, Any]]:
    """每个示例的三种篇幅；另有指标表放在正文里的（表格跨页、表格之后的各行错开下框线的宽度）。"""
    out: dict[str, dict[str, Any]] = {}
    for path in EXAMPLES:
        data = example_data(path)
        out.update({f"{path.stem}-{label}": variant for label, variant in lengths(data).items()})
        out[f"{path.stem}-表在正文"] = dict(copy.deepcopy(data), 指标表="正文")
    out["表格之后还有几页"] = long_after_table()
    # 竖版排不下的表格：先缩到五号（六位数），再单独成横版的一节（九位数；作附件、放在正文）
    out["六位数表格"] = figures_form(6, True)
    out["九位数表格-附件"] = figures_form(9, True)
    out["九位数表格-正文"] = figures_form(9, "正文")
    out.update(page_end_cases())
    return out


SENTENCE = "全面推进健康县城建设，持续改善群众就医体验，"  # 22 字


def _text(lines: int) -> str:
    """约 ``lines`` 行（每行 28 字）的一段话（与 tests/pdf/test_page_ends_pdf.py 相同的写法）。"""
    body = (SENTENCE * (lines * 28 // len(SENTENCE) + 2))[: max(6, lines * 28 - 4)]
    return body.rstrip("，") + "。"


def page_end_cases() -> dict[str, dict[str, Any]]:
    """页末的极端情形：结束语从 1 行到 30 行（落款前的长段落“与下段同页”）、最后一项计划的要点很多、
    只有子项的二级标题前面正文长短不一（LibreOffice 在这些地方的分页规矩见 generator/write/word/pagination.py）。"""
    work = [{"标题": f"第{n}项工作", "内容": _text(5)} for n in range(1, 4)]
    out: dict[str, dict[str, Any]] = {}
    for lines in (1, 2, 3, 8, 14, 15, 16, 17, 18, 19, 20, 21, 22, 25, 30):
        out[f"结束语{lines}行"] = minimal_form(工作开展情况=work, 结束语=_text(lines))
    for points in (1, 10, 16, 18, 20):
        plans = [{"标题": "加强队伍建设", "要点": [_text(1) for _ in range(points)]}]
        out[f"要点{points}条"] = minimal_form(工作开展情况=work, 下一步工作计划=plans)
    for extra in (0, 5, 12):
        items = [{"标题": "加强党的建设", "内容": _text(14 + extra)},
                 {"标题": "强化队伍建设", "子项": [{"标题": "抓好培训", "内容": _text(3)},
                                                  {"标题": "严格考核", "内容": _text(3)}]}]
        out[f"子项前{extra}行"] = minimal_form(工作开展情况=items)
    for lines in (1, 10, 11, 20):  # 结束语只有一行：前一段的最后一行分出来随落款走（10、11 行时落款页收紧行距）
        plans = [{"标题": "加强队伍建设", "内容": _text(lines)}]
        out[f"特此报告前{lines}行"] = minimal_form(下一步工作计划=plans, 结束语="特此报告。")
    frame = example_data(next(p for p in EXAMPLES if p.stem.endswith("红头")))["公文"]
    for lines in FRAME_CLOSINGS:
        out[f"红头结束语{lines}行"] = minimal_form(工作开展情况=work, 结束语=_text(lines), 公文=copy.deepcopy(frame))
    # 联合行文、份号、密级、紧急程度、三位签发人（发文字号与最后一位同行）、两行的主送机关、很多抄送机关（回行）
    joint = {"份号": "000001", "密级": "机密", "保密期限": "1年", "紧急程度": "特急",
             "发文机关标志": ["贡觉县卫生健康委员会文件", "贡觉县财政局文件"], "发文字号": "贡卫健报〔2025〕3号",
             "签发人": ["扎西", "张明", "欧阳建国"], "主送机关": "市卫生健康委员会、市财政局、市发展和改革委员会、市医疗保障局",
             "抄送机关": ["县人民政府办公室", "县财政局", "县发展和改革委员会", "县医疗保障局", "县市场监督管理局"],
             "印发机关": "贡觉县卫生健康委员会办公室", "印发日期": "2025-01-08"}
    # 述职报告作为红头文件：主送机关在副标题下的空行之后
    report = example_data(next(p for p in EXAMPLES if "述职" in p.stem))
    out["述职报告红头"] = dict(report, 公文=copy.deepcopy(frame))
    # 八项工作：落款在第 5 页（单数页），版记放不下（空白页、版记在第 6 页）、放得下（版记前分页）
    many = [{"标题": f"第{n}项工作", "内容": _text(5)} for n in range(1, 9)]
    for lines in (12, 20):
        out[f"红头八项结束语{lines}行"] = minimal_form(工作开展情况=many, 结束语=_text(lines), 公文=copy.deepcopy(frame))
    for lines in (3, 12):
        out[f"联合行文结束语{lines}行"] = minimal_form(工作开展情况=work, 结束语=_text(lines), 公文=copy.deepcopy(joint))
    return out


# 红头文件的结束语行数：最后一页剩下的行放得下、正好放不下版记，落款移页时版记随着移（LibreOffice 把版记移到新的一页）；
# 版记排到偶数页（GB/T 9704 7.5）：2 行时第 2 页放不下（第 3 页空白），3、10、20 行时版记前分页，21、24 行时不用调整
FRAME_CLOSINGS = (2, 3, 10, 20, 21, 24)


CASES = list(cases())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Document, list[list[str]]]]:
    """全部一次转换：名称 → （文档, PDF 每页的行）。"""
    folder = tmp_path_factory.mktemp("预览与PDF")
    profile = load_profile()
    documents: dict[str, Document] = {}
    paths = []
    for name, data in cases().items():
        report = build_report_from_data(data)
        documents[name] = report.document
        paths.append(folder / f"{name}.docx")
        paths[-1].write_bytes(report.docx(profile))
    pdfs, _ = render_pdfs(paths, folder)
    return {pdf.stem: (documents[pdf.stem], pdf_lines(pdf)) for pdf in pdfs}


@pytest.mark.parametrize("case", CASES)
def test_preview_has_the_pdf_pages_and_first_lines(rendered: dict[str, tuple[Document, list[list[str]]]],
                                                   case: str) -> None:
    document, pdf = rendered[case]
    pages = layout(document, load_profile())
    assert len(pages.pages) == len(pdf), f"{case}：预览 {len(pages.pages)} 页，PDF {len(pdf)} 页"
    assert model_first_lines(pages) == [page[0] if page else "" for page in pdf]


@pytest.mark.parametrize("case", CASES)
def test_preview_breaks_every_line_where_the_pdf_does(rendered: dict[str, tuple[Document, list[list[str]]]],
                                                      case: str) -> None:
    """正文的每一行（不含表格）依次出现在 PDF 里：断行的位置与 LibreOffice 相同。"""
    document, pdf = rendered[case]
    expected = iter(line for page in pdf for line in page)
    for line in body_lines(layout(document, load_profile())):
        assert any(found == line for found in expected), f"{case}：PDF 里没有这一行（或次序不同）：{line}"


def test_the_browser_shows_the_model_pages(tmp_path: Path) -> None:
    """真正的 Chromium 打开 gen edit：每份表单的页数、每页第一行与版面模型相同；没有哪一行宽过版心，
    没有哪一页的内容高过版心（浏览器没有自己再折行）；横排表格的页显示成横版（宽大于高）。"""
    from ruamel.yaml import YAML
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from test_edit_browser import make_browser, start_editor

    folder = tmp_path / "表单"
    folder.mkdir()
    expected: dict[str, list[str]] = {}
    wide: dict[str, int] = {}
    yaml = YAML()
    forms = {f"{path.stem}-{label}.yaml": data for path in EXAMPLES for label, data in lengths(example_data(path)).items()}
    forms["横排表格.yaml"] = figures_form(9, "正文")  # 横版的页：纸张宽高互换，内容不超出横版的版心
    for name, data in forms.items():
        with (folder / name).open("w", encoding="utf-8") as stream:
            yaml.dump(data, stream)
        pages = layout(build_report_from_data(data).document, load_profile())
        expected[name], wide[name] = model_first_lines(pages), len(pages.wide)
    process, url = start_editor(folder, tmp_path / "配置")
    driver = make_browser(tmp_path)
    try:
        for name, firsts in expected.items():
            driver.get("about:blank")
            driver.get(url)
            WebDriverWait(driver, 20).until(lambda d, name=name: d.find_elements(By.LINK_TEXT, name))
            driver.find_element(By.LINK_TEXT, name).click()
            WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"))
            shown = driver.execute_script(
                "return [...document.querySelectorAll('#preview .page-body')].map(body => {"
                "  const first = body.querySelector('.ln:not(:empty), th');"
                "  return first ? first.textContent.replace(/\\s+/g, '') : ''; })")
            assert shown == firsts, name
            overflowing = driver.execute_script(
                "return [...document.querySelectorAll('#preview .ln')].filter(l => l.scrollWidth > l.clientWidth + 1)"
                ".map(l => l.textContent).concat([...document.querySelectorAll('#preview .page-body')]"
                ".filter(b => b.scrollHeight > b.clientHeight + 1).map(b => '第' + b.textContent.slice(0, 12)))")
            assert overflowing == [], name
            landscape = driver.execute_script(
                "return [...document.querySelectorAll('#preview .page.wide')].filter(p => p.offsetWidth > p.offsetHeight)"
                ".length")
            assert landscape == wide[name], name
    finally:
        driver.quit()
        process.terminate()
        process.wait(timeout=10)
