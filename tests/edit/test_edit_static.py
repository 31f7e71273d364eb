"""gen edit 的页面文件：每个 JS 模块引用的模块都由服务器提供（也就随轮子发布，见 .ci/run）。"""

from __future__ import annotations

import re

from test_edit_server import client


def test_every_imported_module_is_served(form_file) -> None:
    from generator.edit.app import _STATIC_FILES, STATIC

    test = client(form_file())
    scripts = sorted(STATIC.glob("*.js"))
    assert {p.name for p in scripts} <= set(_STATIC_FILES)
    imported = {name for path in scripts
                for name in re.findall(r'^import .* from "\./([\w.]+)";$', path.read_text(encoding="utf-8"), re.M)}
    assert {"autocomplete.js", "conflict.js", "indicators.js", "fields.js", "preview.js"} <= imported
    for name in imported:
        response = test.get(f"/static/{name}")
        assert response.status_code == 200 and response.headers["content-type"] == "text/javascript; charset=utf-8"


def test_the_page_table_has_every_indicator_column() -> None:
    """indicators.js 的列与服务器能改的列（即 Indicator 的全部别名）一致，外加两列只读的算出值。"""
    from generator.edit.app import STATIC
    from generator.edit.indicators import COLUMNS

    script = (STATIC / "indicators.js").read_text(encoding="utf-8")
    columns = re.findall(r'\["([^"]+)", "(text|number|computed|places|switch)"', script)
    assert sorted(name for name, kind in columns if kind != "computed") == sorted(COLUMNS)
    assert [name for name, kind in columns if kind == "computed"] == ["同比", "完成率"]
    switches = {name for name, kind in columns if kind == "switch"}
    assert switches == {"越低越好", "允许负数", "允许超过100"}


def test_preview_fonts_are_the_word_fonts_then_the_pdf_fallbacks() -> None:
    """预览的字体：先是 Word 文件用的字体（版式文件），再按 PDF 的替换表（fonts.conf）依次退到免费字体。"""
    import xml.etree.ElementTree as ET

    from generator.edit.app import STATIC
    from generator.resources import templates_dir

    css = (STATIC / "editor.css").read_text(encoding="utf-8")
    stacks = {name: re.findall(r'"([^"]+)"', value) for name, value in re.findall(r"--(\w+): ([^;]+);", css)}
    tree = ET.parse(templates_dir() / "styles" / "fonts.conf")
    accepts = {alias.findtext("family"): [f.text for f in alias.iterfind("accept/family")]
               for alias in tree.getroot().iterfind("alias")}
    styles = (templates_dir() / "styles" / "gbt9704.yaml").read_text(encoding="utf-8")
    for variable, font in (("fangsong", "仿宋_GB2312"), ("kaiti", "楷体_GB2312"), ("heiti", "黑体"),
                           ("xiaobiaosong", "方正小标宋简体"), ("songti", "宋体"), ("western", "Times New Roman")):
        assert f": {font}\n" in styles  # Word 文件里用的就是这个字体
        stack = stacks[variable]
        assert stack[0] == font
        free = [family for family in accepts[font] if family in stack]
        assert free == [f for f in stack if f in accepts[font]]  # 顺序与替换表相同
        # 别名链上的公文字体名已在前面；西文只列西文字体（汉字由后面的中文字体排，与 Word 相同）
        allowed = {"Noto Serif CJK SC"} if variable == "western" else {"仿宋_GB2312", "楷体_GB2312", "黑体"}
        assert set(accepts[font]) - set(stack) <= allowed, variable
    for selector, variable in ((".page-body {", "fangsong"), (".page-body .title {", "xiaobiaosong"),
                               (".page-body .h1 {", "heiti"), (".page-body .run2 {", "kaiti"),
                               (".page-number {", "songti")):
        rule = css[css.index(selector):css.index("}", css.index(selector))]
        assert f"font-family: var(--western), var(--{variable})" in rule, selector
