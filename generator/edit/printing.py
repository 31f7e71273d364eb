"""“打印预览”：把表单排成真正的 PDF（与“生成 PDF”同一条路：LibreOffice，gen edit 里是常驻的那个），
再把每一页画成图片给页面看。不写任何文件；这台电脑上没有 LibreOffice 时说明为什么用不了。
"""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from ..write.soffice import locate_soffice

__all__ = ["NO_OFFICE", "has_office", "print_pages"]

NO_OFFICE = ("打印预览要用 LibreOffice 把表单排成真正的 PDF 页面，这台电脑上没有找到 LibreOffice。"
             "装好 LibreOffice（https://zh-cn.libreoffice.org/download/）后关掉本页、重新打开编辑程序就能用；"
             "在那之前，右边的预览是近似的版面，准确的分页请以 Word 里打开的为准。")


def has_office() -> bool:
    return locate_soffice() is not None


def print_pages(form: Path) -> list[str]:
    """表单（磁盘上保存好的）排成 PDF 后每一页的图片（data: 网址，页面的 CSP 允许）。

    内容有错误时是 :class:`generator.errors.ContentError`，没有 LibreOffice 时是 ToolMissing，与生成时相同。"""
    from ..pipeline import prepare_report
    from ..write.pdf import docx_to_pdf
    from ..write.pdf_pages import page_images

    with tempfile.TemporaryDirectory(prefix="gen-print-") as folder:  # 只用来定 PDF 的名字，什么也不写进去
        _, prepared = prepare_report(form, ["pdf"], Path(folder) / f"{form.stem}.pdf", overwrite=True)
        word = prepared.word or b""  # 要了 PDF，就一定有 Word 的内容
        pdf = docx_to_pdf(word, prepared.profile, name=form.stem)
    return ["data:image/png;base64," + base64.b64encode(png).decode("ascii") for png in page_images(pdf)]
