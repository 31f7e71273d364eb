"""整批的 PDF：全部 Word 原稿交给一次 LibreOffice 调用（一个配置目录），而不是每份启动一次。

同名的文件（不同文件夹里的“表单.yaml”）和字体替换不同的（不同版式）分在不同的调用里。
一次调用出错时，把这一组逐份重转，只让转不出来的那份失败。
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import GenError
from .results import Prepared


def convert_all(items: Sequence[Prepared], converted: Callable[[Prepared], None] | None = None) -> None:
    """把每份的 ``word`` 转成 PDF，放进它的 ``files["pdf"]``；转不出来的那份标为失败。
    ``converted``：每转出一份调用一次（进度条用；出错后逐份重转时不再调用）。"""
    from ..write.pdf import conversion_env, find_soffice

    soffice = find_soffice()
    for group in _groups(items):
        env = conversion_env(group[0].fonts)
        try:
            _convert(group, env, soffice, converted)
        except GenError:
            for item in group:
                try:
                    _convert([item], env, soffice)
                except GenError as exc:
                    item.failed = True
                    item.diagnostics = [*item.diagnostics, *exc.diagnostics]


def _groups(items: Sequence[Prepared]) -> list[list[Prepared]]:
    groups: list[tuple[tuple[str, ...], set[str], list[Prepared]]] = []
    for item in items:
        stem = item.files["pdf"][0].stem
        for fonts, stems, members in groups:
            if fonts == item.fonts and stem not in stems:
                stems.add(stem)
                members.append(item)
                break
        else:
            groups.append((item.fonts, {stem}, [item]))
    return [members for _, _, members in groups]


def _convert(group: Sequence[Prepared], env: dict[str, str], soffice: Path,
             converted: Callable[[Prepared], None] | None = None) -> None:
    from ..write.pdf import convert_files

    with tempfile.TemporaryDirectory(prefix="gen-pdf-") as tmp:
        sources = []
        for item in group:
            assert item.word is not None
            source = Path(tmp) / f"{item.files['pdf'][0].stem}.docx"
            source.write_bytes(item.word)
            sources.append(source)
        owners = {Path(tmp) / "out" / f"{source.stem}.pdf": item for source, item in zip(sources, group, strict=True)}

        def done(pdf: Path) -> None:
            if converted is not None and pdf in owners:
                converted(owners[pdf])

        pdfs = convert_files(sources, Path(tmp) / "out", env=env, soffice=soffice, done=done)
        for item, pdf in zip(group, pdfs, strict=True):
            item.files["pdf"] = (item.files["pdf"][0], pdf.read_bytes())
            item.word = None
