"""把 PDF 的每一页画成 PNG（gen edit 的“打印预览”：看到的就是生成的 PDF 本身，不是近似的版面）。

用 pypdfium2（Chrome 的 PDF 引擎 PDFium，Windows、macOS、Linux 都有现成的 wheel，不要另装程序）画页面，
Pillow 存成 PNG。PDF 由 LibreOffice 排好（:func:`generator.write.pdf.docx_to_pdf`），这里只是照着画出来。
"""

from __future__ import annotations

import io

__all__ = ["DPI", "page_images"]

DPI = 144  # 屏幕 96 dpi 的 1.5 倍：高分屏上也清楚；A4 一页约 1190 × 1684 像素


def page_images(pdf: bytes, *, dpi: int = DPI) -> list[bytes]:
    """PDF 每一页的 PNG。"""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        pages: list[bytes] = []
        for index in range(len(document)):
            page = document[index]
            try:
                image = page.render(scale=dpi / 72).to_pil()
            finally:
                page.close()
            out = io.BytesIO()
            image.save(out, format="PNG", compress_level=1)  # 压缩快（本机传给浏览器，大一点不要紧）
            pages.append(out.getvalue())
        return pages
    finally:
        document.close()
