"""gen import：把去年的 Word 文件、网页上复制的文字变成可以直接修改的表单。

读入（readers）→ 清理网页边框和断行（cleanup）→ 识别结构（structure、assemble）→ 写出 YAML（emit）。
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, ImportFailure
from ..form.kinds import SECTION_NAMES
from ..read.filekind import require_report
from .assemble import build_form, count_headings
from .cleanup import Origin, clean
from .emit import emit_yaml, write_form
from .frame import find_frame, frame_parts
from .readers import SourceDocument, read_document

__all__ = ["ImportResult", "default_form_path", "emit_yaml", "import_document", "import_report", "write_form"]

FORM_SUFFIX = "-表单.yaml"


def default_form_path(report: Path) -> Path:
    """导入时默认写出的表单：“石泉县-2023.docx”→“石泉县-2023-表单.yaml”。

    不能用“石泉县-2023.yaml”：接着运行 gen report 会生成“石泉县-2023.docx”，正好是原来那份报告。
    加上“-表单”后，生成的报告是“石泉县-2023-表单.docx”，与任何导入来源都不同名。"""
    return report.with_name(report.stem + FORM_SUFFIX)


@dataclass
class ImportResult:
    source: SourceDocument
    form: dict[str, Any]
    paragraphs: list[str]  # 清理后的正文段落（供 gen check 使用）
    dropped: list[str] = field(default_factory=list)
    origins: list[list[Origin]] = field(default_factory=list)  # 每段来自原文哪几行，见 cleanup.Cleaned
    notes: list[str] = field(default_factory=list)
    comments: list[tuple[tuple[str | int, ...], str]] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    level1: int = 0
    level2: int = 0
    frame_places: dict[str, int] = field(default_factory=dict)  # “公文”各项在原文的第几段（见 frame.py）

    def yaml(self) -> str:
        dropped = [f"去掉了 {len(self.dropped)} 行网页文字：" + "；".join(self.dropped)] if self.dropped else []
        return emit_yaml(self.form, source=self.source.path.name, notes=self.notes + dropped,
                         tables=self.source.tables, comments=self.comments)

    def summary_lines(self) -> list[str]:
        form = self.form

        def items(key: str) -> list[Any]:
            value = form.get(key)
            return value if isinstance(value, list) else []

        def walk(entries: list[Any]) -> tuple[int, int]:
            count = points = 0
            for entry in entries:
                if isinstance(entry, dict):
                    count += 1
                    points += len(entry.get("要点", []))
                    sub = walk(entry.get("子项", []))
                    count, points = count + sub[0], points + sub[1]
            return count, points

        names = SECTION_NAMES.get(str(form.get("类型", "")))
        if names is not None:  # 工作计划、述职报告：按这一类型的部分（form/kinds.py）
            found = [key for key in names if form.get(key)]
            parts = []
            for key in names:
                if isinstance(form.get(key), list) and key != "存在的问题":
                    count, points = walk(items(key))
                    parts.append(f"“{names[key]}”{count} 个事项（{points} 条要点）")
                elif key == "存在的问题":
                    parts.append(f"“{names[key]}”{len(items(key))} 条")
                else:
                    parts.append(f"“{names[key]}”{'一段' if form.get(key) else '没有'}")
            lines = [f"识别出 {len(found) + len(items('其他章节'))} 个部分：" + "；".join(parts) + "。"]
        else:
            work, work_points = walk(items("工作开展情况"))
            plans, plan_points = walk(items("下一步工作计划"))
            sections = 3 + ("基本情况" in form) + len(items("其他章节"))
            lines = [
                f"识别出 {sections} 个部分：工作开展情况 {work} 个事项（{work_points} 条要点），"
                f"存在的问题 {len(items('存在的问题'))} 条，下一步工作计划 {plans} 个事项（{plan_points} 条要点）。",
            ]
        if items("其他章节"):
            lines.append("其他章节：" + "、".join(s["标题"] for s in items("其他章节")) + "。")
        if self.dropped:
            lines.append(f"去掉了 {len(self.dropped)} 行网页文字：" + "；".join(self.dropped))
        if self.source.tables:
            lines.append(f"原文有 {len(self.source.tables)} 个表格，已作为注释放在表单开头。")
        lines += self.notes
        if self.unplaced:
            lines.append("没有内容、未能放入表单的标题：" + "、".join(self.unplaced))
        return lines


def import_document(source: SourceDocument) -> ImportResult:
    frame = find_frame(source.paragraphs, source.tables, word=source.lines is None)
    paragraphs = source.paragraphs
    if frame.keys:  # 版头、主送机关、版记不是正文：换成空段（行号、段号不变），其余照常导入
        paragraphs = ["" if index in frame.used else text for index, text in enumerate(paragraphs)]
        source = replace(source, tables=[table for number, table in enumerate(source.tables)
                                         if number not in frame.tables])
    cleaned = clean(paragraphs)
    if not any(p.strip() for p in cleaned.paragraphs):
        raise ImportFailure(Diagnostic(f"{source.path.name} 里没有可以导入的文字。", file=source.path))
    parsed = build_form(cleaned.paragraphs)
    joined = [paragraph[:12] for paragraph, origin in zip(cleaned.paragraphs, cleaned.origins, strict=True)
              if len({line for _, line, _ in origin}) > 1]
    lines = [origin[0][1] for origin in cleaned.origins]
    split = [paragraph[:12] for index, paragraph in enumerate(cleaned.paragraphs)
             if index and lines[index] == lines[index - 1]]
    if split:  # 一级标题和正文写在同一行，拆成了两段（猜的）
        parsed.notes.append(f"拆开了 {len(split)} 处写在同一行的标题和正文（正文开头是："
                            + "；".join(split) + "），请核对。")
    if joined:  # 被分页或换行断开、接成一段的（猜的）
        parsed.notes.append(f"接上了 {len(joined)} 处被断开的段落（开头是：" + "；".join(joined) + "），请核对。")
    if frame.keys:
        keys = dict(frame.keys)  # 发文机关标志与“单位文件”相同时也写出来：表单里看得到红头上印的是什么
        parsed.form["公文"] = keys
        parsed.notes.append("认出了正式公文的" + "、".join(frame_parts(keys)) + "，写在表单末尾的“公文:”里，请核对。")
    level1, level2 = count_headings(cleaned.paragraphs)
    return ImportResult(source=source, form=parsed.form, paragraphs=cleaned.paragraphs,
                        dropped=cleaned.dropped, origins=cleaned.origins, notes=parsed.notes, unplaced=parsed.unplaced,
                        comments=parsed.comments,
                        level1=level1, level2=level2, frame_places=frame.places)


def import_report(path: Path) -> ImportResult:
    require_report(path, "import")
    return import_document(read_document(path))
