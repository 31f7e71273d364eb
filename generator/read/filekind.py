"""认出给的是什么文件：表单，还是写好的报告；给错了命令时说该运行哪一条。

办事员常见的几种情形：

| 给的文件 | 认作 | 依据 |
|---|---|---|
| `表单.yaml`、`表单.yml` | 表单 | 扩展名 |
| `表单.yaml.txt`（记事本另存时常加 .txt）、内容是“键: 值”的 .txt/.md | 表单 | 内容：行首有几个表单的键 |
| `报告.docx` | 报告 | 扩展名 |
| 其余 .txt、.md | 报告 | 内容不像表单 |
| `报告.doc`、`报告.wps`、`报告.pdf` | 旧版 Word / WPS / PDF | 扩展名；gen 都不能直接读 |

`gen report` 只接受表单，`gen import` 只接受报告，`gen check` 两样都接受（旧版 Word、PDF 都不接受）；给错时都用
:func:`wrong_command` 里同一套说法指出该运行的命令（退出码 2，命令用法不对）。
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path

from ..errors import Diagnostic, GenError, Severity, UsageProblem

FORM_SUFFIXES = (".yaml", ".yml")
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
SNIFF_BYTES = 64 * 1024

# 表单顶层的键（行首、后面跟冒号）；一份报告的正文行首几乎不会连着出现其中三个
_FORM_KEYS = ("单位", "年度", "类型", "标题", "日期", "导语", "基本情况", "指标", "指标表", "工作开展情况",
              "其他章节", "存在的问题", "下一步工作计划", "结束语", "署名", "样式", "检查")
_KEY_LINE = re.compile(rf"^({'|'.join(_FORM_KEYS)})\s*[:：]", re.M)


class Kind(str, Enum):
    """文件的种类；值是给办事员看的说法。"""

    FORM = "表单"
    REPORT = "写好的报告"
    LEGACY = "旧版 Word / WPS 文件"
    PDF = "PDF 文件"


def detect(path: Path) -> Kind:
    """按扩展名、必要时按内容判断文件种类。读不出来的文件按扩展名归类，由后面的步骤报告原因。"""
    suffix = path.suffix.lower()
    if suffix in FORM_SUFFIXES or path.name.lower().endswith((".yaml.txt", ".yml.txt")):
        return Kind.FORM
    if suffix == ".docx":
        return Kind.REPORT
    if suffix in (".doc", ".wps"):
        return Kind.LEGACY
    if suffix == ".pdf":
        return Kind.PDF
    if suffix in TEXT_SUFFIXES:
        return Kind.FORM if looks_like_form(_head(path)) else Kind.REPORT
    return Kind.FORM  # 其他扩展名：按表单读，读不懂时由读取阶段说明


_BODY_KEYS = {"导语", "指标", "工作开展情况", "存在的问题", "下一步工作计划"}


def looks_like_form(text: str) -> bool:
    """文字像表单：行首出现至少三个不同的表单键，其中至少一个是表单特有的（导语、工作开展情况……）。

    网页稿开头的“标题：”“日期：”“单位：”这类信息栏不算。
    """
    keys = {match.group(1) for match in _KEY_LINE.finditer(text)}
    return len(keys) >= 3 and bool(keys & _BODY_KEYS)


def form_stem(path: Path) -> str:
    """表单的“名字”：去掉 .txt 再去掉 .yaml（表单.yaml.txt → 表单），用来给输出文件命名。
    末尾的点和空格（“表单.yaml.”，Windows 上不能有）先去掉。"""
    name = path.name.rstrip(". ") or path.name
    lowered = name.lower()
    for suffix in (*TEXT_SUFFIXES, *FORM_SUFFIXES):
        if lowered.endswith(suffix) and len(name) > len(suffix):
            name, lowered = name[: -len(suffix)], lowered[: -len(suffix)]
    return name


def _head(path: Path) -> str:
    from .loader import decode_source

    try:
        with path.open("rb") as handle:
            raw = handle.read(SNIFF_BYTES)
        # 截断处可能落在一个多字节字符中间：去掉最后几个字节再解码
        raw = raw if len(raw) < SNIFF_BYTES else raw[: SNIFF_BYTES - 4]
        return decode_source(raw, path).text
    except (OSError, GenError, UnicodeError):
        return ""


def form_notice(path: Path) -> Diagnostic | None:
    """表单存成了 .txt/.md：照常按表单处理，提示改名（编辑器的提示和颜色要靠 .yaml 扩展名）。"""
    if path.name.endswith((".", " ")) and path.name.rstrip(". "):
        what = "点" if path.name.endswith(".") else "空格"
        return Diagnostic(
            f"文件名“{path.name}”末尾是{what}，Windows 上不能有这样的文件（会被当成另一个文件）。已按表单处理，"
            f"建议改名为“{form_stem(path)}.yaml”。", severity=Severity.INFO, file=path)
    if path.suffix.lower() in FORM_SUFFIXES:
        return None
    return Diagnostic(
        f"“{path.name}”的内容是表单，已按表单处理。扩展名是 {path.suffix}（记事本另存时常会加上 .txt），"
        f"建议改名为“{form_stem(path)}.yaml”。", severity=Severity.INFO, file=path)


def wrong_command(path: Path, kind: Kind, command: str) -> UsageProblem:
    """给错了文件：说明这是什么文件，该运行哪条命令。"""
    name = str(path)
    if kind is Kind.REPORT:
        what = "Word 文件" if path.suffix.lower() == ".docx" else "文字稿"
        message = f"“{path.name}”是写好的报告（{what}），不是表单，gen {command} 不能用它。"
        hint = f"检查这份报告，运行：gen check {name}；把它转成表单再改写，运行：gen import {name}"
    elif kind is Kind.FORM:
        message = f"“{path.name}”是表单，不是写好的报告，不需要导入。"
        hint = f"检查表单，运行：gen check {name}；生成工作总结，运行：gen report {name}"
    elif kind is Kind.LEGACY:
        message = f"“{path.name}”是旧版 Word 或 WPS 文件，gen 读不了。"
        hint = f"请在 WPS 或 Word 里“另存为”.docx，再运行：gen check 或 gen import {path.with_suffix('.docx')}"
    else:
        message = f"“{path.name}”是 PDF 文件，gen 读不了其中的文字。"
        hint = (f"请找到它的 Word 原稿（.docx），或把文字复制进记事本存成 .txt，再运行：gen import "
                f"{path.with_suffix('.txt')}")
    return UsageProblem(Diagnostic(message, file=path, hint=hint))


def require_form(path: Path, command: str) -> Diagnostic | None:
    """``gen report`` 等需要表单的命令：不是表单时抛出 :class:`UsageProblem`；表单存成 .txt 时返回提示。"""
    if not path.is_file():
        return None  # 找不到文件：由读取阶段说明
    kind = detect(path)
    if kind is not Kind.FORM:
        raise wrong_command(path, kind, command)
    return form_notice(path)


def require_report(path: Path, command: str) -> None:
    """``gen import`` 和 ``gen check`` 读报告之前：给的是表单、旧版 Word、PDF 时抛出 :class:`UsageProblem`。"""
    if not path.is_file():
        return  # 找不到文件：由读入阶段说明
    kind = detect(path)
    if kind is not Kind.REPORT:
        raise wrong_command(path, kind, command)
