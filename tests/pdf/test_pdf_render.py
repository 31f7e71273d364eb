"""在真实的办公软件里验证版式：每个示例用 LibreOffice 转成 PDF，再从 PDF 里量。

- 满页 22 行（另加页码），行距 28.95 磅；
- 满行 28 个字，左右顶着版心；
- 单页页码“— n —”居右空一字，双页居左空一字，一字线在版心下边缘之下约 7 毫米；
- 表单里的文字一个不少地出现在 PDF 里；
- 公文字体名经仓库里的 fontconfig 替换表落到 Noto CJK 简体中文字体上。

除了 examples/ 里的示例，还有一份用单位模板的表单（tests/bureau_case.py：改了部分名称、加了第四部分、
正文用方正仿宋_GBK），同样的检查一条不少。

LibreOffice 每个会话只启动一次（session 级 fixture），把全部示例一起转换。
"""

from __future__ import annotations

import itertools
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from bureau_case import FORM_NAME, build_case
from conftest import EXAMPLES
from office import MM, Line, Page, pdf_fonts, read_pages, render_pdfs, require_tool, squeezed_page

from generator.pipeline import Report, build_report, report_profile
from generator.render.document import BlockKind
from generator.write.style_profile import StyleProfile, load_profile

TOLERANCE = 1.5  # 磅
NO_LINE_START = "，。、；：？！）》”’"


@dataclass
class Rendered:
    report: Report
    profile: StyleProfile
    pdf: Path
    pages: list[Page]

    # 版心（磅，原点在页面左上角）
    @property
    def left(self) -> float:
        return float(self.profile.margins.left) * MM

    @property
    def right(self) -> float:
        return float(self.profile.paper.width - self.profile.margins.right) * MM

    @property
    def top(self) -> float:
        return float(self.profile.margins.top) * MM

    @property
    def bottom(self) -> float:
        return float(self.profile.paper.height - self.profile.margins.bottom) * MM

    @property
    def pitch(self) -> float:
        return float(self.profile.line_pitch)

    @property
    def char(self) -> float:
        return float(self.profile.sizes.body + self.profile.char_spacing)

    def text_lines(self, page: Page) -> list[Line]:
        """版心里的文字行（不含页码）。"""
        return [line for line in page.lines if line.top < self.bottom]

    @property
    def body_pages(self) -> list[Page]:
        """正文各页：附件（另起一页，首行“附件”二字）之前的页；红头文件末尾只有版记的一页（和它前面的空白页，
        GB/T 9704 7.5）不算。"""
        pages = self.pages
        for page in self.pages:
            lines = self.text_lines(page)
            if lines and lines[0].text == "附件" and self.report.document.of_kind(BlockKind.ATTACHMENT):
                pages = self.pages[: page.number - 1]
                break
        while pages and self.report.document.frame is not None and all(
                line.text.startswith("抄送") or line.text.endswith("印发") for line in self.text_lines(pages[-1])):
            pages = pages[:-1]
        return pages

    def page_number_line(self, page: Page) -> Line:
        below = [line for line in page.lines if line.top >= self.bottom]
        assert len(below) == 1, f"第 {page.number} 页版心下方应只有页码一行，实际：{below}"
        return below[0]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    folder = tmp_path_factory.mktemp("pdf")
    reports: dict[str, tuple[Report, StyleProfile, Path]] = {}
    for example in [*EXAMPLES, build_case(tmp_path_factory.mktemp("bureau"))]:
        report = build_report(example)
        profile = report_profile(report, None)  # 表单的“样式”或单位模板的版式和字体
        docx = folder / f"{example.stem}.docx"
        docx.write_bytes(report.docx(profile))
        reports[example.name] = (report, profile, docx)
    pdfs, seconds = render_pdfs([docx for _, _, docx in reports.values()], folder)
    print(f"\nLibreOffice：{len(pdfs)} 个示例共 {seconds:.1f} 秒，平均每个 {seconds / len(pdfs):.1f} 秒")
    return {name: Rendered(report, profile, pdf, read_pages(pdf))
            for (name, (report, profile, _)), pdf in zip(reports.items(), pdfs, strict=True)}


def _body_size(line: Line, r: Rendered) -> bool:
    return abs(line.size - float(r.profile.sizes.body)) < 0.5


def _is_continuation(line: Line, r: Rendered) -> bool:
    """这一行是上一行所在段落的续行（顶格，不是新段落的首行缩进）。"""
    return _body_size(line, r) and abs(line.x0 - r.left) < TOLERANCE


def _holds_signature(r: Rendered, page: Page) -> bool:
    signature = r.report.document.of_kind(BlockKind.SIGNATURE)[0].text
    return any(line.text == signature for line in r.text_lines(page))


def _following(r: Rendered, page: Page, index: int) -> Line | None:
    lines = r.text_lines(page)
    if index + 1 < len(lines):
        return lines[index + 1]
    if page.number < len(r.body_pages):
        nxt = r.text_lines(r.pages[page.number])
        return nxt[0] if nxt else None
    return None


names = [example.name for example in EXAMPLES] + [FORM_NAME]


def test_examples_exist() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.office
@pytest.mark.parametrize("name", names)
def test_full_page_holds_22_lines(rendered: dict[str, Rendered], name: str) -> None:
    r = rendered[name]
    full_pages = 0
    squeezed, tight_pitch, tight_lines = squeezed_page(r.report, r.profile)
    for page in r.pages:
        # 落款差一两行排不下时，那一页收紧行距、多排一两行（GB/T 9704 7.3.5）；其余各页 22 行、28.95 磅
        pitch, per_page = (tight_pitch, tight_lines) if page.number == squeezed else \
            (r.pitch, r.profile.lines_per_page)
        lines = r.text_lines(page)
        assert lines, f"第 {page.number} 页没有文字"
        first, last = lines[0], lines[-1]
        assert first.top >= r.top - TOLERANCE, f"第 {page.number} 页首行高出版心：{first}"
        assert last.bottom <= r.bottom + TOLERANCE, f"第 {page.number} 页末行超出版心：{last}"
        slots = round((last.bottom - first.bottom) / pitch) + 1
        assert slots <= per_page, f"第 {page.number} 页排了 {slots} 行，超过 {per_page} 行"
        # 正文行都落在行格上；红头文件第一页标题之上的版头按标准给的毫米数定位，不在行格上
        title_at = next((i for i, line in enumerate(lines)
                         if abs(line.size - float(r.profile.sizes.title)) < 0.5), 0)
        body = [line for line in lines[title_at if page.number == 1 else 0:] if _body_size(line, r)]
        for above, below in itertools.pairwise(body):
            steps = (below.bottom - above.bottom) / pitch
            assert abs(steps - round(steps)) < 0.05, (above.text, below.text, steps)
        if page.number >= len(r.body_pages) or first.top - r.top >= r.pitch or any(
                line.size < float(r.profile.sizes.body) - 0.5 for line in lines):
            continue  # 正文最后一页、附件、不从版心顶端排起或有表格的页不算
        following = r.text_lines(r.pages[page.number])[0]
        if page.number + 1 == len(r.body_pages) and _holds_signature(r, r.pages[page.number]):
            continue  # 下一页是落款页：正文最后一段连同落款整体移到下一页（落款不单独成页）
        if _is_continuation(following, r):
            # 段落跨页：这一页一直排到版心底部，正好 22 行
            assert slots == per_page, f"第 {page.number} 页只排了 {slots} 行，应为 {per_page} 行"
            full_pages += 1
        else:  # 下一页以新段落开始；一级标题与下文同页（keepNext）最多空出一行
            assert slots >= per_page - 1, f"第 {page.number} 页只排了 {slots} 行"
            full_pages += slots == per_page  # 正好排满、下一页以新段落开始的页也证明了每页 22 行
    if len(r.pages) > 1:
        assert full_pages >= 1, "没有一页排满 22 行，无法验证每页 22 行"


@pytest.mark.office
@pytest.mark.parametrize("name", names)
def test_full_line_holds_28_characters(rendered: dict[str, Rendered], name: str) -> None:
    r = rendered[name]
    per_line = r.profile.chars_per_line
    checked = short = 0
    for page in r.pages:
        for index, line in enumerate(r.text_lines(page)):
            following = _following(r, page, index)
            if not _body_size(line, r) or following is None or not _is_continuation(following, r):
                continue
            # 段落中间的满行：左右顶着版心，行末标点也不悬挂到版心外
            indent = round((line.x0 - r.left) / r.char)
            assert indent in (0, 2), f"满行的左端不在版心左缘或首行缩进二字处：{line}"
            assert line.x1 >= r.right - TOLERANCE, f"满行没有排到版心右缘：{line}"
            assert line.x1 <= r.right + TOLERANCE, f"满行超出版心：{line}"
            if all(unicodedata.east_asian_width(ch) in "WFA" for ch in line.text):
                if len(line.text) < per_line - indent:
                    # 避头尾：下一行开头是不能居行首的标点（连同前一字移下），或是不能拆开的数字、字母
                    head = following.text[1:2] if len(following.text) > 1 else ""
                    assert head in NO_LINE_START or following.text[0].isascii(), (
                        f"满行应有 {per_line} 字：{line.text}")
                    short += 1
                    continue
                assert len(line.text) == per_line - indent, f"满行应有 {per_line} 字：{line.text}"
                # 每字占一格：字距只能多出两端对齐分摊的零头（版心宽减去 28 格）
                slack = r.right - r.left - per_line * r.char
                gaps = [b - a for a, b in itertools.pairwise(line.char_x0)]
                assert min(gaps) > r.char - 0.3, f"有字被压缩：{line.text}"
                assert sum(gaps) - (len(gaps) * r.char) < slack + TOLERANCE, f"字距被拉开：{line.text}"
                checked += 1
    assert checked >= 5, f"只找到 {checked} 个全是汉字的满行，无法验证每行 28 字"
    assert short <= checked / 3, f"{short} 行因避头尾不足 28 字，太多"


@pytest.mark.office
@pytest.mark.parametrize("name", names)
def test_first_line_indent_is_two_characters(rendered: dict[str, Rendered], name: str) -> None:
    r = rendered[name]
    heading_texts = [b.text for b in r.report.document.of_kind(BlockKind.HEADING1)]
    found = 0
    for page in r.pages:
        for line in r.text_lines(page):
            if line.text in heading_texts:
                assert abs(line.x0 - (r.left + 2 * r.char)) < TOLERANCE, f"一级标题应缩进二字：{line}"
                assert "Sans" in line.fontname, f"一级标题应为黑体（映射到 Noto Sans CJK SC）：{line}"
                found += 1
    assert found == len(heading_texts), f"PDF 里只找到 {found}/{len(heading_texts)} 个一级标题"


@pytest.mark.office
@pytest.mark.parametrize("name", names)
def test_page_numbers(rendered: dict[str, Rendered], name: str) -> None:
    r = rendered[name]
    size = float(r.profile.sizes.page_number)
    for page in r.pages:
        line = r.page_number_line(page)
        assert re.fullmatch(rf"— ?{page.number} ?—", line.text), f"第 {page.number} 页页码：{line.text}"
        assert "第" not in line.text and "页" not in line.text
        assert abs(line.size - size) < 0.5
        if page.number % 2:
            assert abs(line.x1 - (r.right - size)) < TOLERANCE, f"单页页码应居右空一字：{line}"
        else:
            assert abs(line.x0 - (r.left + size)) < TOLERANCE, f"双页页码应居左空一字：{line}"


@pytest.mark.office
@pytest.mark.parametrize("name", names)
def test_page_number_dash_line_7mm_below_type_area(rendered: dict[str, Rendered], name: str) -> None:
    """用 pdftoppm 把页面画出来，找一字线的墨迹：它应在版心下边缘之下 7 毫米（±1 毫米）。"""
    r = rendered[name]
    tool = require_tool("pdftoppm")
    dpi = 150
    for page in r.pages[:2]:
        line = r.page_number_line(page)
        out = subprocess.run([tool, "-r", str(dpi), "-gray", "-f", str(page.number), "-l", str(page.number),
                              str(r.pdf)], capture_output=True, check=True).stdout
        width, _height, pixels = _pgm(out)
        scale = dpi / 72
        x_from, x_to = int(line.x0 * scale), int(line.x1 * scale)
        y_from, y_to = int(r.bottom * scale), int((r.bottom + 20 * MM) * scale)
        darkest = max(range(y_from, y_to), key=lambda y: sum(
            1 for x in range(x_from, x_to) if pixels[y * width + x] < 128))
        gap_mm = (darkest / scale - r.bottom) / MM
        assert abs(gap_mm - float(r.profile.page_number_gap)) <= 1.0, (
            f"第 {page.number} 页一字线在版心下 {gap_mm:.1f} 毫米")


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    header = data.split(b"\n", 3)
    width, height = map(int, header[1].split())
    return width, height, header[3]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.office
@pytest.mark.parametrize("name", names)
def test_no_text_is_lost(rendered: dict[str, Rendered], name: str) -> None:
    r = rendered[name]
    pdf_text = _squash("".join(line.text for page in r.pages for line in r.text_lines(page)))
    document = r.report.document
    assert document.blocks
    for block in document.blocks:
        if block.kind is not BlockKind.TABLE:
            assert _squash(block.text) in pdf_text, f"PDF 里找不到：{block.text}"
    # 表格：用表格线找出单元格（同时证明有边框），逐格比对；跨页的表格每页都有表头
    expected = [tuple(_squash(cell) for cell in row) for block in document.of_kind(BlockKind.TABLE)
                for row in block.rows]
    headers = {block.rows[0] for block in document.of_kind(BlockKind.TABLE)}
    found = []
    for page in r.pages:
        for table in page.tables:
            assert table[0] in {tuple(_squash(c) for c in h) for h in headers}, f"第 {page.number} 页的表格没有表头"
            found.extend(row for row in table[1:])
    body_rows = [row for row in expected if row not in {tuple(_squash(c) for c in h) for h in headers}]
    assert found == body_rows, "PDF 里的表格内容与表单不一致"


@pytest.mark.office
@pytest.mark.parametrize("name", names)
def test_title_and_signature_in_pdf(rendered: dict[str, Rendered], name: str) -> None:
    r = rendered[name]
    first = r.text_lines(r.pages[0])
    title_lines = [line for line in first if abs(line.size - float(r.profile.sizes.title)) < 0.5]
    frame = r.report.document.frame
    head = first[: first.index(title_lines[0])] if title_lines else first
    if frame is None:
        assert title_lines and not head, "标题是第一页的第一行"
    else:  # 红头文件：标题之上只有版头（发文机关标志、发文字号和签发人；test_frame_pdf.py 量它们的位置）
        assert title_lines and [line.text for line in head] == [frame.marks[0], frame.number + "签发人：" + "".join(
            frame.signers)], [line.text for line in head]
    centre = (r.left + r.right) / 2
    widths = []
    for line in title_lines:
        assert abs((line.x0 + line.x1) / 2 - centre) < 2 * TOLERANCE, f"标题没有居中：{line}"
        assert "Serif" in line.fontname, line.fontname
        widths.append(line.x1 - line.x0)
    peak = widths.index(max(widths))  # 梯形或菱形（等宽的相邻两行也可以），不成沙漏形
    assert all(a <= b + 1 for a, b in itertools.pairwise(widths[: peak + 1])), "标题排成了沙漏形"
    assert all(a + 1 >= b for a, b in itertools.pairwise(widths[peak:])), "标题排成了沙漏形"
    body = next(line for line in first[len(head) + len(title_lines):] if line.size < float(r.profile.sizes.title) - 0.5)
    subtitles = r.report.document.of_kind(BlockKind.SUBTITLE)
    if subtitles:  # 述职报告：标题下紧接副标题（居中），副标题下空一行
        assert "".join(body.text.split()) == "".join(subtitles[0].text.split())
        assert round((body.bottom - title_lines[-1].bottom) / r.pitch) == 1, "副标题紧接标题"
        assert abs((body.x0 + body.x1) / 2 - centre) < 2 * TOLERANCE, f"副标题没有居中：{body}"
        title_lines, body = [body], first[first.index(body) + 1]
    gap = round((body.bottom - title_lines[-1].bottom) / r.pitch)
    assert gap == 2, "标题下应空一行"
    last = r.text_lines(r.body_pages[-1])
    if frame is not None and frame.has_record and any(line.text.endswith("印发") for line in last):
        # 版记与落款同页时，它的两行在落款之下（版心底部）；版记另起一页（排在双数页）时不在这一页
        last = last[:-(1 + bool(frame.copies_to))]
    signature, date = last[-2], last[-1]
    assert date.text == r.report.document.of_kind(BlockKind.DATE)[0].text
    assert signature.text == r.report.document.of_kind(BlockKind.SIGNATURE)[0].text
    if frame is not None and frame.sealed:  # 加盖印章（7.3.5.1）：日期右空四字，署名以日期为准居中
        assert abs(date.x1 - (r.right - 4 * r.char)) < TOLERANCE, "加盖印章：成文日期应右空四字"
        assert abs((signature.x0 + signature.x1) / 2 - (date.x0 + date.x1) / 2) < TOLERANCE, "署名应以日期为准居中"
        return
    assert abs(max(signature.x1, date.x1) - (r.right - 2 * r.char)) < TOLERANCE, "落款应右空二字"
    first_char_gap = date.x0 - signature.x0
    assert abs(first_char_gap - 2 * r.char) < 3 * TOLERANCE, "成文日期首字应比署名首字右移二字"


@pytest.mark.office
@pytest.mark.parametrize("name", names)
def test_fonts_are_simplified_chinese_faces(rendered: dict[str, Rendered], name: str) -> None:
    """公文字体经替换表落到 Noto CJK（pdffonts 里不能出现 DejaVu 之类的西文回退字体）。

    注：Noto CJK 的 .ttc 各语言字面共用一份 CFF，PDF 里的字体名总显示为 …CJKjp-…；
    实际字形由文字语言（zh-CN）经 OpenType locl 特性选成简体中文字形。
    """
    fonts = pdf_fonts(rendered[name].pdf)
    assert fonts
    # 西文数字字母可以落到 Times New Roman 的等宽替身（fonts.conf：Liberation Serif / Tinos）；
    # 别的西文回退字体（DejaVu 等）说明某个中文字体名没有映射上
    latin = ("LiberationSerif", "Tinos")
    assert all("CJK" in font or "UKai" in font or font.startswith(latin) for font in fonts), fonts
    for page in rendered[name].pages:  # 汉字一律落在中文字体（Noto CJK 或楷体 UKai）
        for line in page.lines:
            if "\u4e00" <= line.text[0] <= "\u9fff":
                assert "CJK" in line.fontname or "UKai" in line.fontname, line
    assert any("Sans" in font for font in fonts), "一级标题（黑体）应映射到 Noto Sans CJK"
    assert any("Serif" in font and "Bold" in font for font in fonts), "标题（小标宋）应映射到 Noto Serif CJK 粗体"
    assert any("UKai" in font for font in fonts), "二级标题（楷体）应映射到楷书 AR PL UKai CN，与仿宋正文分得开"


@pytest.mark.office
@pytest.mark.parametrize("name", names)
def test_three_faces_are_distinct(rendered: dict[str, Rendered], name: str) -> None:
    """PDF 里一级标题（黑体）、二级标题（楷体）、正文（仿宋）是三种不同的字体。"""
    r = rendered[name]
    heading1 = {b.text for b in r.report.document.of_kind(BlockKind.HEADING1)}
    faces: dict[str, set[str]] = {"黑体": set(), "楷体": set(), "仿宋": set()}
    for page in r.body_pages:
        for line in r.text_lines(page):
            if not _body_size(line, r):
                continue
            if line.text in heading1:
                faces["黑体"].add(line.fontname.split("+")[-1])
            elif re.match(r"（[一二三四五六七八九十]+）", line.text):
                faces["楷体"].add(line.fontname.split("+")[-1])
            elif abs(line.x0 - r.left) < TOLERANCE:
                faces["仿宋"].add(line.fontname.split("+")[-1])
    assert all(faces.values()), faces
    assert faces["黑体"].isdisjoint(faces["楷体"] | faces["仿宋"]) and faces["楷体"].isdisjoint(faces["仿宋"]), faces


# ---------------------------------------------------------------- gen report -f pdf


def _fake_soffice(folder: Path, script: str) -> None:
    folder.mkdir()
    program = folder / "soffice"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(0o755)


def test_pdf_without_libreoffice_fails_cleanly(gen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "out"
    result = gen("report", str(EXAMPLES[0]), "-f", "docx,pdf", "-o", str(out))
    assert result.code == 1
    assert "生成 PDF 需要 LibreOffice" in result.err
    assert "apt install libreoffice-writer" in result.err and "libreoffice.org" in result.err
    assert "Traceback" not in result.err
    assert not out.exists() or not list(out.iterdir()), "缺少 LibreOffice 时不应写出任何文件"


def test_failed_conversion_leaves_no_files(gen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """soffice 运行了却没有产出 PDF（例如崩溃）：中文报错，不留半个文件。"""
    _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2\nexit 0\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    out = tmp_path / "out"
    out.mkdir()
    result = gen("report", str(EXAMPLES[0]), "-f", "pdf", "-o", str(out))
    assert result.code == 1
    assert "LibreOffice 没有生成 PDF" in result.err and "source file could not be loaded" in result.err
    assert "Traceback" not in result.err
    assert list(out.iterdir()) == []


def test_conversion_uses_private_profile_and_font_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """每次转换用自己的 LibreOffice 配置目录；缺公文字体时带上仓库的字体替换表。"""
    from generator.write import pdf

    log = tmp_path / "args.txt"
    _fake_soffice(tmp_path / "bin", f'echo "$@" > {log}\necho "$FONTCONFIG_FILE" >> {log}\n'
                  'for last; do :; done\nout=$(echo "$@" | sed "s/.*--outdir \\([^ ]*\\).*/\\1/")\n'
                  'cp "$last" "$out/$(basename "$last" .docx).pdf"\n')
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + ":/usr/bin:/bin")
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    monkeypatch.setattr(pdf, "fc_list_families", lambda: set())
    data = pdf.docx_to_pdf(b"PK-not-really-a-docx", load_profile(), name="测试")
    assert data == b"PK-not-really-a-docx"
    args, fontconfig = log.read_text(encoding="utf-8").splitlines()
    assert "--headless" in args and "-env:UserInstallation=file://" in args and "--convert-to pdf" in args
    if Path("/etc/fonts/fonts.conf").is_file():
        assert fontconfig == str(pdf.fontconfig_file())
    monkeypatch.setenv("FONTCONFIG_FILE", "/my/fonts.conf")
    assert pdf.conversion_env(["仿宋_GB2312"])["FONTCONFIG_FILE"] == "/my/fonts.conf"
    monkeypatch.delenv("FONTCONFIG_FILE")
    monkeypatch.setattr(pdf, "fc_list_families", lambda: {"仿宋_GB2312"})
    assert "FONTCONFIG_FILE" not in pdf.conversion_env(["仿宋_GB2312"])


@pytest.mark.office
def test_gen_report_pdf(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    require_tool("soffice")
    out = tmp_path / "out"
    result = gen("report", str(EXAMPLES[0]), "-f", "pdf", "-o", str(out))
    assert result.code == 0, result.err
    pdf = out / f"{EXAMPLES[0].stem}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in out.iterdir()) == [pdf.name], "不留临时文件"
    assert str(pdf) in result.out


def test_missing_office_fails_in_ci_and_skips_locally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require_tool("soffice")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        require_tool("soffice")
