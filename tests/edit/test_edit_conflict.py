"""gen edit 保存时发现表单已在别处被修改：拒绝保存，告诉页面修改时间和哪几行不同；
只有带着这次给出的版本号（hash）再保存才覆盖，从不悄悄覆盖。"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from conftest import VALID_FORM
from test_edit_server import ORIGIN, client, sha

from generator.edit.conflict import MAX_CHANGES, differences

OTHER = VALID_FORM.replace("年度: 2024", "年度: 2025") + "# 别人加的\n"
PAGE = VALID_FORM.replace("导语: 2024年，我委扎实推进各项工作。现总结如下。", "导语: 页面上改的导语。")


def _changed_on_disk(form: Path) -> str:
    """表单在页面打开之后被别的程序改了（时间固定为本机时间 2026-11-23 09:30:05）。返回页面打开时的 hash。"""
    opened = sha(form)
    form.write_text(OTHER, encoding="utf-8")
    stamp = dt.datetime(2026, 11, 23, 9, 30, 5).timestamp()
    os.utime(form, (stamp, stamp))
    return opened


def test_stale_save_is_refused_with_the_time_and_the_lines_that_differ(form_file) -> None:
    form = form_file()
    test = client(form)
    opened = _changed_on_disk(form)
    response = test.post("/api/save", json={"name": "表单.yaml", "text": PAGE, "hash": opened}, headers=ORIGIN)
    assert response.status_code == 409
    assert response.json() == {
        "error": "表单已在别处被修改（2026-11-23 09:30:05）",
        "modified": "2026-11-23 09:30:05",
        "hash": sha(form),
        "text": OTHER,
        "changes": [
            {"line": 2, "page_line": 2, "disk": ["年度: 2025", "导语: 2024年，我委扎实推进各项工作。现总结如下。"],
             "page": ["年度: 2024", "导语: 页面上改的导语。"]},
            {"line": 18, "page_line": 18, "disk": ["# 别人加的"], "page": []},
        ],
        "more": 0,
    }
    assert form.read_text(encoding="utf-8") == OTHER


def test_keeping_the_page_needs_the_version_the_dialog_showed(form_file) -> None:
    form = form_file()
    test = client(form)
    opened = _changed_on_disk(form)
    refused = test.post("/api/save", json={"name": "表单.yaml", "text": PAGE, "hash": opened}, headers=ORIGIN)
    # 对话框还开着的时候，文件又被改了一次：带着对话框里的版本号也不能覆盖
    form.write_text(OTHER + "# 又改了一次\n", encoding="utf-8")
    again = test.post("/api/save", json={"name": "表单.yaml", "text": PAGE, "hash": refused.json()["hash"]},
                      headers=ORIGIN)
    assert again.status_code == 409
    assert again.json()["changes"][-1] == {"line": 18, "page_line": 18, "disk": ["# 别人加的", "# 又改了一次"],
                                           "page": []}
    assert form.read_text(encoding="utf-8") == OTHER + "# 又改了一次\n"
    # 选了“保留这里的内容”：带着最新告诉页面的版本号保存，才覆盖
    kept = test.post("/api/save", json={"name": "表单.yaml", "text": PAGE, "hash": again.json()["hash"]},
                     headers=ORIGIN)
    assert kept.status_code == 200 and kept.json() == {"name": "表单.yaml", "hash": sha(form)}
    assert form.read_text(encoding="utf-8") == PAGE


def test_a_save_without_a_version_never_overwrites(form_file) -> None:
    form = form_file()
    for body in ({"name": "表单.yaml", "text": PAGE}, {"name": "表单.yaml", "text": PAGE, "hash": None},
                 {"name": "表单.yaml", "text": PAGE, "hash": "", "overwrite": True}):
        response = client(form).post("/api/save", json=body, headers=ORIGIN)
        assert response.status_code == 409
        assert form.read_text(encoding="utf-8") == VALID_FORM


def test_differences_are_capped_and_long_lines_shortened() -> None:
    disk = "".join(f"行{n}\n" for n in range(100))
    page = "".join(f"行{n}\n" if n % 3 else f"改{n}\n" for n in range(100))
    found = differences(disk, page)
    assert len(found["changes"]) == MAX_CHANGES and found["more"] == 34 - MAX_CHANGES
    assert found["changes"][1] == {"line": 4, "page_line": 4, "disk": ["行3"], "page": ["改3"]}
    long = differences("a\n", "b" * 200 + "\n" + "\n".join("c" * 8))
    assert long["changes"] == [{"line": 1, "page_line": 1, "disk": ["a"],
                                "page": ["b" * 120 + "……", "c", "c", "c", "c", "c", "……（还有 3 行）"]}]


def test_differences_of_huge_unlike_texts_are_one_block() -> None:
    """中间相差很多行时不逐行比较（逐行比较的时间不止线性增长），整段算一处。"""
    disk = "头\n" + "甲\n" * 50_000 + "尾\n"
    page = "头\n" + "乙\n甲\n" * 30_000 + "尾\n"
    assert differences(disk, page) == {
        "changes": [{"line": 2, "page_line": 2, "disk": ["甲"] * 6 + ["……（还有 49993 行）"],
                     "page": ["乙", "甲"] * 3 + ["……（还有 59993 行）"]}],
        "more": 0}
    assert differences(disk, disk) == {"changes": [], "more": 0}


def test_long_forms_with_the_same_line_count_are_compared_line_by_line() -> None:
    disk = "".join(f"  - 内容: 第{n}行。\n" for n in range(20_000))
    page = disk.replace("第500行", "第五百行").replace("第15000行", "改了").replace("第15001行", "又改了")
    assert differences(disk, page) == {"changes": [
        {"line": 501, "page_line": 501, "disk": ["  - 内容: 第500行。"], "page": ["  - 内容: 第五百行。"]},
        {"line": 15001, "page_line": 15001, "disk": ["  - 内容: 第15000行。", "  - 内容: 第15001行。"],
         "page": ["  - 内容: 改了。", "  - 内容: 又改了。"]}], "more": 0}
