"""正式公文的版头和版记（GB/T 9704-2012 7.2、7.4），在 LibreOffice 渲染的页面上量，一次渲染全部用例。

每一项误差不超过 0.5mm：
- 发文机关标志：红色，居中，字的上边缘（栅格化后最上面的红色像素）在版心上边缘之下 35mm（7.2.4），
  一行的标志和两行的联合行文标志都量；
- 红色分隔线：与版心等宽（156mm），红色，上边缘在发文字号的字下边缘之下 4mm（7.2.7）；
- 发文字号：下行文居中；上行文居左空一字，最后一个签发人居右空一字、与发文字号在同一行，
  三个签发人时第二行的姓名与第一行第一个姓名对齐（7.2.5、7.2.6）；
- 版记：在最后一页，首条、末条分隔线是粗线（0.35mm）、中间的是细线（0.25mm），都与版心等宽，
  末条分隔线与版心下边缘重合，抄送、印发机关左空一字，印发日期右空一字（7.4）；
- 加盖印章（7.3.5.1）：成文日期右空四字，署名以成文日期为准居中。
"""

from __future__ import annotations

import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import minimal_form
from office import MM, render_pdfs, require_tool

from generator.api import build_report_from_data
from generator.write.style_profile import load_profile

TOLERANCE = 0.5  # 毫米
DPI = 600
LONG_BODY = "我委坚持以人民健康为中心，推进县域医共体建设，提升基层医疗卫生服务能力。" * 30
CASES: dict[str, dict[str, Any]] = {
    "下行文": {"份号": "000001", "密级": "秘密", "保密期限": "1年", "紧急程度": "特急",
            "发文字号": "贡卫健发〔2025〕2号", "抄送机关": ["县人民政府办公室", "县财政局"],
            "印发机关": "贡觉县卫生健康委员会办公室", "印发日期": "2025-01-08"},
    "联合下行文": {"发文机关标志": ["贡觉县卫生健康委员会文件", "贡觉县财政局文件"], "发文字号": "贡卫健发〔2025〕3号",
              "印发机关": "贡觉县卫生健康委员会办公室", "印发日期": "2025-01-08"},
    "上行文一人": {"发文字号": "贡卫健报〔2025〕2号", "签发人": "扎西", "主送机关": "市卫生健康委员会", "盖章": True,
              "抄送机关": ["县人民政府办公室"], "印发机关": "贡觉县卫生健康委员会办公室", "印发日期": "2025-01-08"},
    "上行文三人": {"发文机关标志": ["贡觉县卫生健康委员会文件", "贡觉县财政局文件"], "发文字号": "贡卫健报〔2025〕4号",
              "签发人": ["扎西", "王建国", "李明"], "主送机关": "市卫生健康委员会",
              "抄送机关": ["县人民政府办公室", "县财政局", "县人力资源和社会保障局", "县医疗保障局", "县疾病预防控制中心"],
              "印发机关": "贡觉县卫生健康委员会办公室", "印发日期": "2025-01-08"},
}
LONG = "多页"  # 落款排满第 4 页：版记排不下，移到第 5 页的版心底部，不压住落款


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    color: tuple[float, ...]


@dataclass(frozen=True)
class Rule:
    top: float  # 线的中线，毫米
    x0: float
    x1: float
    width: float  # 线宽，毫米
    color: tuple[float, ...]


@dataclass(frozen=True)
class TextLine:
    """同一基线上的字：文字和每个字的左右（毫米）。"""

    text: str
    xs: tuple[tuple[float, float], ...]
    top: float

    def span(self, text: str) -> Word:
        at = self.text.index(text)
        return Word(text, self.xs[at][0], self.xs[at + len(text) - 1][1], self.top, self.top, ())


@dataclass
class Rendered:
    pages: list[tuple[list[Word], list[Rule]]]
    lines: list[list[TextLine]]
    red_rows: list[tuple[float, float]]  # 第 1 页的红色像素行段（上、下，毫米）
    ink: Any  # 第 1 页的灰度图（PIL）


def _read(pdf: Path, tmp: Path) -> Rendered:
    pdfplumber = pytest.importorskip("pdfplumber")
    image_module = pytest.importorskip("PIL.Image")
    pages, lines = [], []
    with pdfplumber.open(str(pdf)) as document:
        for page in document.pages:
            rows: dict[int, list[dict[str, Any]]] = {}
            for char in page.chars:
                if str(char["text"]).strip():
                    rows.setdefault(round(float(char["bottom"])), []).append(char)
            lines.append([TextLine("".join(str(c["text"]) for c in row),
                                   tuple((float(c["x0"]) / MM, float(c["x1"]) / MM) for c in row),
                                   min(float(c["top"]) for c in row) / MM)
                          for row in (sorted(r, key=lambda c: float(c["x0"])) for _, r in sorted(rows.items()))])
            words = [Word(w["text"], w["x0"] / MM, w["x1"] / MM, w["top"] / MM, w["bottom"] / MM,
                          tuple(w["non_stroking_color"] or ()))
                     for w in page.extract_words(extra_attrs=["non_stroking_color"])]
            rules = [Rule(line["top"] / MM, line["x0"] / MM, line["x1"] / MM, float(line["linewidth"]) / MM,
                          tuple(line["stroking_color"] or ()))
                     for line in page.lines]
            pages.append((words, rules))
    stem = tmp / f"{pdf.stem}-ink"
    subprocess.run([require_tool("pdftoppm"), "-r", str(DPI), "-f", "1", "-l", "1", "-png", str(pdf), str(stem)],
                   check=True)
    image = image_module.open(next(tmp.glob(f"{pdf.stem}-ink*.png"))).convert("RGB")
    pixels, step = image.load(), 25.4 / DPI
    rows: list[tuple[float, float]] = []
    for y in range(image.height // 2):
        if any(_red(pixels[x, y]) for x in range(0, image.width, 2)):
            if rows and y * step - rows[-1][1] <= 2 * step:
                rows[-1] = (rows[-1][0], (y + 1) * step)
            else:
                rows.append((y * step, (y + 1) * step))
    return Rendered(pages, lines, rows, image.convert("L"))


def _find(lines: list[TextLine], text: str, *, after: float = 0) -> Word:
    """第一处含 ``text`` 的行（行顶在 ``after`` 之下）里这几个字的位置。"""
    for line in lines:
        if text in line.text and line.top > after:
            return line.span(text)
    raise AssertionError(f"页面上没有“{text}”：{[line.text for line in lines]}")


def _red(pixel: tuple[int, int, int]) -> bool:
    return pixel[0] > 180 and pixel[1] < 90 and pixel[2] < 90


def _ink_bottom(rendered: Rendered, x0: float, x1: float, top: float, bottom: float) -> float:
    """[x0, x1] × [top, bottom]（毫米）里最下面一行黑色像素的下边缘。"""
    step = 25.4 / DPI
    pixels = rendered.ink.load()
    found = [y for y in range(int(top / step), int(bottom / step))
             if any(pixels[x, y] < 100 for x in range(int(x0 / step), int(x1 / step)))]
    assert found, "没有找到发文字号的字迹"
    return (found[-1] + 1) * step


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    tmp = tmp_path_factory.mktemp("frame")
    docs = []
    for name, frame in {**CASES, LONG: CASES["上行文一人"]}.items():
        data = minimal_form(公文=frame, 结束语=LONG_BODY if name == LONG else None)
        path = tmp / f"{name}.docx"
        path.write_bytes(build_report_from_data(data).docx())
        docs.append(path)
    pdfs, _ = render_pdfs(docs, tmp)
    return {path.stem: _read(pdf, tmp) for path, pdf in zip(docs, pdfs, strict=True)}


PROFILE = load_profile()
TOP = float(PROFILE.margins.top)
LEFT = float(PROFILE.margins.left)
RIGHT = float(PROFILE.paper.width - PROFILE.margins.right)
BOTTOM = float(PROFILE.paper.height - PROFILE.margins.bottom)
CENTRE = (LEFT + RIGHT) / 2
CHAR = float(PROFILE.sizes.body) / MM  # 三号字一字宽，毫米
RECORD_CHAR = 14 / MM  # 四号字


def _near(value: float, target: float, what: str) -> None:
    print(f"{what}：{value:.2f}mm（标准 {target:.2f}mm）")
    assert abs(value - target) <= TOLERANCE, f"{what}：量得 {value:.2f}mm，应为 {target:.2f}mm"


def _red_words(page: list[Word]) -> list[Word]:
    return [w for w in page if w.color[:3] == (1, 0, 0) or w.color[:3] == (1.0, 0.0, 0.0)]


@pytest.mark.office
@pytest.mark.parametrize("name", list(CASES))
def test_organ_mark_is_red_centred_35mm_below_the_type_area(rendered: dict[str, Rendered], name: str) -> None:
    words, _ = rendered[name].pages[0]
    red = _red_words(words)
    marks = CASES[name].get("发文机关标志", "贡觉县卫生健康委员会文件")
    text = "".join(w.text for w in red)  # 联合行文的两端对齐、上下居中的“文件”打乱了字的先后，按字数比较
    wanted = Counter("".join(mark.removesuffix("文件") for mark in ([marks] if isinstance(marks, str) else marks)))
    assert not wanted - Counter(text), f"{name}：标志“{marks}”不全是红色文字（红色的：{text}）"
    assert all(w.top > TOP + 20 for w in red), "红色文字只应在发文机关标志里"
    ink_top = rendered[name].red_rows[0][0]
    _near(ink_top - TOP, 35, f"{name}：发文机关标志上边缘至版心上边缘")
    _near((min(w.x0 for w in red) + max(w.x1 for w in red)) / 2, CENTRE, f"{name}：发文机关标志的中线")


@pytest.mark.office
@pytest.mark.parametrize("name", list(CASES))
def test_red_separator_spans_the_type_area_4mm_below_the_number(rendered: dict[str, Rendered], name: str) -> None:
    page = rendered[name]
    words, rules = page.pages[0]
    red_rules = [r for r in rules if r.color[:3] == (1, 0, 0)]
    assert red_rules, f"{name}：没有红色分隔线"
    rule = red_rules[0]
    _near(rule.x0, LEFT, f"{name}：分隔线左端")
    _near(rule.x1, RIGHT, f"{name}：分隔线右端")
    number = next(w for w in words if "〔2025〕" in w.text)
    ink = _ink_bottom(page, LEFT, RIGHT, number.top - 1, rule.top - rule.width)
    _near(rule.top - rule.width / 2 - ink, 4, f"{name}：发文字号字下边缘到分隔线上边缘")
    assert page.red_rows[-1][0] == pytest.approx(rule.top - rule.width / 2, abs=0.1), "栅格化的红线与矢量线不符"


@pytest.mark.office
def test_downward_number_is_centred(rendered: dict[str, Rendered]) -> None:
    for name in ("下行文", "联合下行文"):
        words, _ = rendered[name].pages[0]
        line = sorted((w for w in words if abs(w.top - next(v for v in words if "〔2025〕" in v.text).top) < 1),
                      key=lambda w: w.x0)
        _near((line[0].x0 + line[-1].x1) / 2, CENTRE, f"{name}：发文字号的中线")


@pytest.mark.office
@pytest.mark.parametrize(("name", "signers"), [("上行文一人", ["扎西"]), ("上行文三人", ["扎西", "王建国", "李明"])])
def test_upward_number_left_and_signers_right(rendered: dict[str, Rendered], name: str, signers: list[str]) -> None:
    lines = rendered[name].lines[0]
    number = _find(lines, next(line.text for line in lines if "〔2025〕" in line.text).split("〔")[0])
    _near(number.x0, LEFT + CHAR, f"{name}：发文字号居左空一字")
    first = _find(lines, "签发人：" + signers[0])
    last = _find(lines, signers[-1], after=first.top - 1 if len(signers) < 3 else first.top + 1)
    assert abs(last.top - number.top) < 0.5, f"{name}：发文字号与最后一个签发人不在同一行"
    first_name = _find(lines, signers[0])
    rightmost = max((_find(lines, n) for n in signers), key=lambda w: w.x1)
    _near(rightmost.x1, RIGHT - CHAR, f"{name}：签发人居右空一字")
    if len(signers) == 3:
        assert first.top < last.top - 5, f"{name}：第三个签发人应回行"
        _near(last.x0, first_name.x0, f"{name}：回行的签发人与上一行第一个姓名对齐")


def _record_rules(rules: list[Rule]) -> list[Rule]:
    return sorted((r for r in rules if r.color[:3] in ((0, 0, 0), (0.0, 0.0, 0.0)) and r.top > TOP + 100),
                  key=lambda r: r.top)


@pytest.mark.office
@pytest.mark.parametrize("name", [*CASES, LONG])
def test_record_lines_on_the_last_page(rendered: dict[str, Rendered], name: str) -> None:
    pages = rendered[name].pages
    for words, rules in pages[:-1]:
        assert not any("印发" in w.text for w in words), f"{name}：版记不在最后一页"
        assert not _record_rules(rules), f"{name}：版记分隔线不在最后一页"
    words, rules = pages[-1]
    record = _record_rules(rules)
    frame = CASES.get(name, CASES["上行文一人"])
    rows = 1 + bool(frame.get("抄送机关"))
    assert len(record) == rows + 1, f"{name}：版记应有 {rows + 1} 条分隔线，量得 {len(record)} 条"
    for rule in record:
        _near(rule.x0, LEFT, f"{name}：版记分隔线左端")
        _near(rule.x1, RIGHT, f"{name}：版记分隔线右端")
    for rule in (record[0], record[-1]):
        assert abs(rule.width - 0.35) <= 0.05, f"{name}：首条、末条分隔线线宽 {rule.width:.3f}mm，应为 0.35mm"
    for rule in record[1:-1]:
        assert abs(rule.width - 0.25) <= 0.05, f"{name}：中间分隔线线宽 {rule.width:.3f}mm，应为 0.25mm"
    _near(record[-1].top, BOTTOM, f"{name}：末条分隔线与版心下边缘")
    printed = next(w for w in words if w.text.endswith("印发"))
    printer = next(w for w in words if w.text == frame["印发机关"])
    _near(printer.x0, LEFT + RECORD_CHAR, f"{name}：印发机关左空一字")
    _near(printed.x1, RIGHT - RECORD_CHAR, f"{name}：印发日期右空一字")
    assert record[-2].top < printed.top < record[-1].top, f"{name}：印发一行不在末两条分隔线之间"
    if frame.get("抄送机关"):
        copies = next(w for w in words if w.text.startswith("抄送"))
        _near(copies.x0, LEFT + RECORD_CHAR, f"{name}：抄送机关左空一字")
        assert record[0].top < copies.top < record[1].top, f"{name}：抄送一行不在首条分隔线之下"
        lines = [line for line in rendered[name].lines[-1] if record[0].top < line.top < record[1].top]
        for wrapped in lines[1:]:  # 回行时与冒号后的首字对齐（7.4.2）
            _near(wrapped.xs[0][0], lines[0].xs[3][0], f"{name}：抄送机关回行与冒号后的首字对齐")
        if name == "上行文三人":
            assert len(lines) == 2, f"{name}：五个抄送机关应排成两行"
    record_text = "".join(line.text for line in rendered[name].lines[-1]
                          if record[0].top - 1 < line.top < record[-1].top)
    wanted = "".join(("抄送：" + "，".join(frame.get("抄送机关", [])) + "。") if frame.get("抄送机关") else ""
                     ) + frame["印发机关"] + "2025年1月8日印发"
    assert record_text == wanted, f"{name}：版记两条线之间应只有版记的文字，量得“{record_text}”"
    above = [w for w in words if w.bottom <= record[0].top + 1 and w.top > TOP]
    assert all(w.bottom < record[0].top for w in above), f"{name}：正文压住了首条分隔线"


@pytest.mark.office
def test_sealed_signature_is_centred_over_the_date_right_four_chars(rendered: dict[str, Rendered]) -> None:
    lines = rendered["上行文一人"].lines[-1]
    date = next(line for line in lines if line.text == "2025年1月7日")
    signature = next(line for line in lines if line.text == "贡觉县卫生健康委员会")
    char = float(PROFILE.sizes.body + PROFILE.char_spacing) / MM
    _near(RIGHT - date.xs[-1][1], 4 * char, "加盖印章：成文日期右空四字")
    _near((signature.xs[0][0] + signature.xs[-1][1]) / 2, (date.xs[0][0] + date.xs[-1][1]) / 2,
          "加盖印章：署名以成文日期为准居中")
