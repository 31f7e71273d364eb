"""gen 写出的文件带一个记号，据此判断一个已有的文件能不能覆盖。

- .docx：``docProps/core.xml`` 里的 ``dc:identifier`` 写 ``gen:sha256:<摘要>``，摘要覆盖文档里
  除 core.xml 以外的全部部件；在 Word/WPS 里改过并保存后摘要对不上。
  .xlsx（汇总表）同样处理。
- .md：末尾一行 HTML 注释（预览时看不见），摘要覆盖注释之前的全部文字。
- .pdf：``%%EOF`` 之后一行 PDF 注释（阅读器不理会），摘要覆盖之前的全部字节。

:func:`owner_state` 告诉调用者：文件是 gen 写的且没改过（可以替换）、gen 写的但之后改过、
还是根本不是 gen 写的（例如办事员原来的报告）。后两种都不能不声不响地覆盖。
记号只由内容决定，所以同一份表单生成的文件仍然逐字节相同。
"""

from __future__ import annotations

import enum
import hashlib
import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

_PREFIX = "gen:sha256:"
_CORE = "docProps/core.xml"
_DC = "http://purl.org/dc/elements/1.1/"
_MD_MARK = re.compile(r"\n<!-- 由 gen 生成，改过之后 gen 不会再覆盖它（gen:sha256:([0-9a-f]{64})） -->\n\Z")
_PDF_MARK = re.compile(rb"%gen:sha256:([0-9a-f]{64})\n\Z")
_IDENTIFIER = re.compile(r"<dc:identifier>gen:sha256:([0-9a-f]{64})</dc:identifier>")


class Owner(enum.Enum):
    GEN = "gen"  # gen 写的，之后没有改过
    EDITED = "edited"  # gen 写的，之后改过
    OTHER = "other"  # 不是 gen 写的


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _parts_digest(archive: zipfile.ZipFile) -> str:
    return parts_digest({name: archive.read(name) for name in archive.namelist()})


def parts_digest(parts: Mapping[str, bytes]) -> str:
    """.docx/.xlsx 的摘要：除 core.xml 以外的全部部件（按名字排序，名字和内容都算）。"""
    digest = hashlib.sha256()
    for name in sorted(parts):
        if name == _CORE:
            continue
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(_digest(parts[name]).encode("ascii"))
    return digest.hexdigest()


# 本进程里刚生成、记号已经正确的包（SHA-256）：写盘时 mark() 认出它们，不必解开重算摘要
_CURRENT: dict[bytes, None] = {}


def remember_marked(data: bytes) -> bytes:
    """登记一个记号已经正确的包（generator.write.word 带记号生成时调用），原样返回。"""
    _CURRENT[hashlib.sha256(data).digest()] = None
    while len(_CURRENT) > 64:
        del _CURRENT[next(iter(_CURRENT))]
    return data


def identifier(digest: str) -> str:
    """写进 core.xml 的记号元素。"""
    return f"<dc:identifier>{_PREFIX}{digest}</dc:identifier>"


def mark(suffix: str, data: bytes) -> bytes:
    """给要写出的内容加上记号（``suffix`` 是 .docx / .md / .pdf；其他格式原样返回）。"""
    suffix = suffix.lower()
    if suffix == ".md":
        text = data.decode("utf-8")
        if not text.endswith("\n"):
            text += "\n"
        digest = _digest(text.encode("utf-8"))
        return (text + f"\n<!-- 由 gen 生成，改过之后 gen 不会再覆盖它（{_PREFIX}{digest}） -->\n").encode("utf-8")
    if suffix == ".pdf":
        body = data if data.endswith(b"\n") else data + b"\n"
        return body + f"%{_PREFIX}{_digest(body)}\n".encode("ascii")
    if suffix in (".docx", ".xlsx"):  # .xlsx（gen rollup 的汇总表）与 .docx 同样是带 core.xml 的 zip
        return _mark_docx(data)
    return data


def _mark_docx(data: bytes) -> bytes:
    if hashlib.sha256(data).digest() in _CURRENT:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    digest = _parts_digest(source)
    found = _IDENTIFIER.findall(source.read(_CORE).decode("utf-8")) if _CORE in source.namelist() else []
    if found == [digest]:
        return data  # 写出时已经带上了记号（generator.write.word），不必重新打包
    element = identifier(digest)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():  # 条目、时间、顺序原样照抄：结果仍是确定的
            content = source.read(info)
            if info.filename == _CORE:
                xml = _IDENTIFIER.sub("", content.decode("utf-8"))
                if not re.search(r'<cp:coreProperties[^>]*xmlns:dc="', xml):  # openpyxl 只在子元素上声明 dc
                    xml = xml.replace("<cp:coreProperties ", f'<cp:coreProperties xmlns:dc="{_DC}" ', 1)
                content = xml.replace("</cp:coreProperties>", element + "</cp:coreProperties>", 1).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def owner_state(path: Path) -> Owner:
    """已有文件 ``path`` 的来历。读不了、格式不对的文件一律算“不是 gen 写的”。"""
    suffix = path.suffix.lower()
    try:
        if path.stat().st_size > 200 * 1024 * 1024:
            return Owner.OTHER
        data = path.read_bytes()
    except OSError:
        return Owner.OTHER
    if suffix == ".md":
        text = data.decode("utf-8", errors="replace")
        found = _MD_MARK.search(text)
        if not found:
            return Owner.OTHER
        body = text[: found.start()]
        return Owner.GEN if _digest(body.encode("utf-8")) == found.group(1) else Owner.EDITED
    if suffix == ".pdf":
        found_pdf = _PDF_MARK.search(data)
        if not found_pdf:
            return Owner.OTHER
        return Owner.GEN if _digest(data[: found_pdf.start()]) == found_pdf.group(1).decode() else Owner.EDITED
    if suffix in (".docx", ".xlsx"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                core = archive.read(_CORE).decode("utf-8", errors="replace")
                found_docx = _IDENTIFIER.search(core)
                if not found_docx:
                    return Owner.OTHER
                return Owner.GEN if _parts_digest(archive) == found_docx.group(1) else Owner.EDITED
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
            return Owner.OTHER
    return Owner.OTHER
