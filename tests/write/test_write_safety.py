"""写出的安全：全部写成或全部不变；只读文件、文件夹、没有权限给出正确的原因；
遗留的临时文件会被清掉；不是 gen 写的（或写后改过的）文件不会被覆盖。"""

from __future__ import annotations

import io
import os
import stat
import time
import zipfile
from pathlib import Path

import pytest

from generator.write import output
from generator.write.ownership import Owner, mark, owner_state

SEED_REPORT = "测试县卫生局2024年工作总结\n导语。\n一、工作开展情况\n（一）加强防控。开展工作。\n二、存在的问题\n人才短缺。\n" \
              "三、下一步工作计划\n（一）培养人才。解决人才短缺。\n测试县卫生局\n2025年1月7日\n"


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_unwritable_second_target_writes_nothing(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    (path.parent / "表单.md").mkdir()
    result = gen("report", str(path), "-f", "docx,md")
    assert result.code == 1
    target = path.parent / "表单.md"
    assert result.err == (f"错误：“{target}”是一个文件夹，不能把报告写成它。请用 -o 指定别的文件名（如 -o 报告.md），"
                          "或把这个文件夹改名。\n")
    assert names(path.parent) == ["表单.md", "表单.yaml"]


def test_failure_after_the_first_rename_restores_previous_files(gen, form_file, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    assert gen("report", str(path), "-f", "docx,md").code == 0
    before = {name: (path.parent / name).read_bytes() for name in ("表单.docx", "表单.md")}
    path.write_text(path.read_text(encoding="utf-8").replace("人才短缺。", "人才短缺，设备老化。"), encoding="utf-8")
    real_replace = os.replace
    calls: list[str] = []

    def second_fails(src: str, dst: str) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    result = gen("report", str(path), "-f", "docx,md")
    assert result.code == 1
    assert result.err == f"错误：无法写入“{path.parent / '表单.md'}”：磁盘空间不足。已经写好的其他文件也已恢复原样。\n"
    assert {name: (path.parent / name).read_bytes() for name in before} == before
    assert names(path.parent) == ["表单.docx", "表单.md", "表单.yaml"]


def test_failure_removes_files_that_did_not_exist_before(gen, form_file, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    real_replace = os.replace
    calls: list[str] = []

    def second_fails(src: str, dst: str) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    assert gen("report", str(path), "-f", "docx,md").code == 1
    assert names(path.parent) == ["表单.yaml"]


def test_read_only_target_is_refused(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    assert gen("report", str(path)).code == 0
    target = path.with_suffix(".docx")
    before = target.read_bytes()
    target.chmod(0o444)
    for extra in ((), ("--force",)):
        result = gen("report", str(path), *extra)
        assert result.code == 1
        assert result.err == (f"错误：“{target}”是只读文件，gen 不会替换它。如果确实要重新生成，请先在文件属性里去掉“只读”，"
                              "或用 -o 写到别的文件名。\n")
    assert target.read_bytes() == before
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_read_only_folder_names_the_folder(gen, form_file, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    real_open = os.open

    def denied(name, flags, mode=0o777):  # type: ignore[no-untyped-def]
        if output.TEMP_PREFIX in str(name):
            raise PermissionError(13, "Permission denied")
        return real_open(name, flags, mode)

    monkeypatch.setattr(os, "open", denied)
    result = gen("report", str(path))
    assert result.code == 1
    assert result.err == (f"错误：没有权限在文件夹“{path.parent}”里写文件（文件夹是只读的，或您没有写入权限）。"
                          "请用 -o 写到别的文件夹，例如桌面或“文档”。\n")
    assert "Word" not in result.err


def test_stale_temp_files_are_removed_on_the_next_run(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    folder = path.parent
    dead = folder / f"{output.TEMP_PREFIX}999999999.0123abcd.表单.docx"  # 写它的进程已经不在
    old = folder / f"{output.TEMP_PREFIX}1.89abcdef.表单.md"  # 进程还在（1 号），但已放了两小时
    young = folder / f"{output.TEMP_PREFIX}1.00000000.表单.md"  # 别的运行正在写
    other = folder / ".表单.abcdefgh.tmp"  # 不是 gen 这样命名的文件，不动
    for stale in (dead, old, young, other):
        stale.write_bytes(b"half")
    hour_ago = time.time() - 7200
    for stale in (dead, old, other):
        os.utime(stale, (hour_ago, hour_ago))
    assert gen("report", str(path)).code == 0
    assert names(folder) == sorted([young.name, other.name, "表单.docx", "表单.yaml"])


def test_temp_files_are_recognisable(tmp_path: Path) -> None:
    temp = output._temp_path(tmp_path / "石泉县.docx")
    assert temp.name.startswith(".gen-tmp.") and temp.name.endswith(".石泉县.docx")
    assert temp.parent == tmp_path


# ---------------------------------------------------------------- 不覆盖不是 gen 写的文件


def test_unmarked_file_is_not_overwritten(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    target = path.with_suffix(".docx")
    target.write_bytes(b"my only copy")
    result = gen("report", str(path))
    assert result.code == 1
    assert result.err == (f"错误：“{target}”已经存在，而且不是 gen 生成的（可能是您原来的报告），gen 不会覆盖它。"
                          "请用 -o 另起一个文件名（如 -o 表单-新.docx），或先把原来的文件改名；确定要覆盖它，请加 --force。\n")
    assert target.read_bytes() == b"my only copy"
    assert gen("report", str(path), "--force").code == 0
    assert owner_state(target) is Owner.GEN


def test_regenerating_replaces_its_own_files_byte_for_byte(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    assert gen("report", str(path), "-f", "docx,md").code == 0
    first = {n: (path.parent / n).read_bytes() for n in ("表单.docx", "表单.md")}
    assert gen("report", str(path), "-f", "docx,md").code == 0
    assert {n: (path.parent / n).read_bytes() for n in first} == first
    assert first["表单.md"].decode("utf-8").endswith(" -->\n")


def test_file_edited_after_generation_is_protected(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    assert gen("report", str(path), "-f", "docx,md").code == 0
    markdown = path.with_suffix(".md")
    markdown.write_text(markdown.read_text(encoding="utf-8").replace("人才短缺", "人才短缺（我补充的）"), encoding="utf-8")
    word = path.with_suffix(".docx")
    edited = io.BytesIO()
    with zipfile.ZipFile(word) as source, zipfile.ZipFile(edited, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace("人才短缺".encode(), "人才短缺（我补充的）".encode())
            target.writestr(info, data)
    word.write_bytes(edited.getvalue())
    for target, fmt in ((word, "docx"), (markdown, "md")):
        result = gen("report", str(path), "-f", fmt)
        assert result.code == 1
        assert result.err == (f"错误：“{target}”是 gen 生成的，但之后在 Word、WPS 或编辑器里改过，覆盖会丢掉这些修改，"
                              f"gen 没有覆盖它。请用 -o 另起一个文件名（如 -o 表单-新.{fmt}），或先把原来的文件改名；"
                              "确定要覆盖它，请加 --force。\n")
        assert "我补充的" in (markdown.read_text(encoding="utf-8") if fmt == "md" else
                            zipfile.ZipFile(word).read("word/document.xml").decode())


def test_import_then_report_keeps_the_original(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    original = tmp_path / "石泉县-2023.docx"
    document = docx.Document()
    for line in SEED_REPORT.splitlines():
        document.add_paragraph(line)
    document.save(original)
    before = original.read_bytes()
    imported = gen("import", str(original))
    assert imported.code == 0, imported.err
    form = tmp_path / "石泉县-2023-表单.yaml"
    assert imported.out == f"{form}\n"
    report = gen("report", str(form))
    assert report.code == 0, report.err
    assert report.out == f"{tmp_path / '石泉县-2023-表单.docx'}\n"
    assert original.read_bytes() == before
    # 办事员把表单改名成与原报告同名，再生成：原报告仍然不会被覆盖
    renamed = form.rename(tmp_path / "石泉县-2023.yaml")
    again = gen("report", str(renamed))
    assert again.code == 1 and "不是 gen 生成的（可能是您原来的报告）" in again.err
    assert original.read_bytes() == before


def test_imported_markdown_is_not_overwritten(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    original = tmp_path / "旧.md"
    original.write_text(SEED_REPORT, encoding="utf-8")
    assert gen("import", str(original), "-o", str(tmp_path / "旧.yaml")).code == 0
    result = gen("report", str(tmp_path / "旧.yaml"), "-f", "md")
    assert result.code == 1 and "不是 gen 生成的" in result.err
    assert original.read_text(encoding="utf-8") == SEED_REPORT


@pytest.mark.parametrize("suffix", [".docx", ".md", ".pdf"])
def test_marks_round_trip(suffix: str, tmp_path: Path) -> None:
    if suffix == ".docx":
        from conftest import EXAMPLES

        from generator.api import build_report

        data = build_report(EXAMPLES[0]).docx()
    else:
        data = b"%PDF-1.7\n1 0 obj\n%%EOF\n" if suffix == ".pdf" else "# 标题\n\n正文。\n".encode()
    path = tmp_path / f"a{suffix}"
    path.write_bytes(mark(suffix, data))
    assert owner_state(path) is Owner.GEN
    assert mark(suffix, data) == path.read_bytes()  # 确定的
    path.write_bytes(data)
    assert owner_state(path) is Owner.OTHER


def test_refusal_comes_before_the_slow_pdf_conversion(gen, form_file, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import generator.write.pdf

    def never(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("不该转换 PDF")

    monkeypatch.setattr(generator.write.pdf, "docx_to_pdf", never)
    monkeypatch.setattr(generator.write.pdf, "find_soffice", lambda: "soffice")
    path = form_file()
    path.with_suffix(".pdf").write_bytes(b"%PDF-1.4 my scan")
    result = gen("report", str(path), "-f", "docx,pdf")
    assert result.code == 1
    assert "不是 gen 生成的（可能是您原来的报告）" in result.err
    assert names(path.parent) == ["表单.pdf", "表单.yaml"]


def test_generated_markdown_imports_without_its_mark(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    assert gen("report", str(path), "-f", "md").code == 0
    result = gen("import", str(path.with_suffix(".md")), "-o", str(path.parent / "再导入.yaml"))
    assert result.code == 0
    assert "网页文字" not in result.err
    assert "sha256" not in (path.parent / "再导入.yaml").read_text(encoding="utf-8")
