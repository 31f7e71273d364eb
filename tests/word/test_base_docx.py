"""随包发布的 Word 底稿：与生成脚本一致，没有主题字体，中文字体与语言显式写明。"""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

from conftest import REPO

BASE = REPO / "templates" / "docx" / "base.docx"


def _build_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_base_docx", REPO / "scripts" / "build_base_docx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_base_docx_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "base.docx"
    _build_module().build(fresh)
    assert fresh.read_bytes() == BASE.read_bytes(), "请运行 python scripts/build_base_docx.py 并提交 base.docx"


def test_base_has_no_theme_fonts_and_is_chinese() -> None:
    with zipfile.ZipFile(BASE) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        settings = archive.read("word/settings.xml").decode("utf-8")
    assert "Theme" not in styles, "不能有 asciiTheme/eastAsiaTheme 之类的主题字体"
    assert 'w:eastAsia="仿宋_GB2312"' in styles and 'w:eastAsia="zh-CN"' in styles
    assert "<w:evenAndOddHeaders/>" in settings
    assert 'w:characterSpacingControl w:val="doNotCompress"' in settings
    with zipfile.ZipFile(BASE) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_base_declares_theme_and_font_table() -> None:
    """Word 要求的主题和字体表部件：各有关系和内容类型；主题的简体中文（Hans）字体是 GB 字体。"""
    with zipfile.ZipFile(BASE) as archive:
        types = archive.read("[Content_Types].xml").decode("utf-8")
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
        theme = archive.read("word/theme/theme1.xml").decode("utf-8")
        archive.read("word/fontTable.xml")
    assert 'PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"' in types
    assert ('PartName="/word/fontTable.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"') in types
    assert 'relationships/theme" Target="theme/theme1.xml"' in rels
    assert 'relationships/fontTable" Target="fontTable.xml"' in rels
    assert '<a:majorFont><a:latin typeface="Times New Roman"' in theme
    assert '<a:font script="Hans" typeface="黑体"/>' in theme and '<a:font script="Hans" typeface="宋体"/>' in theme
