"""gen edit 的网页服务：安全检查（令牌、Host、同源、路径、大小）和各接口。"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, VALID_FORM
from starlette.testclient import TestClient

from generator.edit.app import create_app
from generator.edit.guard import MAX_BODY_BYTES

BASE = "http://127.0.0.1:8765"
ORIGIN = {"Origin": BASE}
NO_TOKEN = "拒绝访问：缺少或用错了访问令牌。请用编辑程序启动时显示的完整网址打开本页。"
FOREIGN_HOST = "拒绝访问：只接受发往 127.0.0.1 或 localhost 的请求。"
CROSS_SITE = "拒绝访问：这个请求不是从本编辑页面发出的。"
COMMENTED = "# 办事员写的说明：别删\n" + VALID_FORM


def client(target: Path, *, login: bool = True) -> TestClient:
    """``login``：每个请求都在请求头里带令牌（页面从网址的 # 后面读出令牌后就是这样做的）。"""
    app = create_app(target, token="abc", port=8765)
    return TestClient(app, base_url=BASE, follow_redirects=False, headers={"X-Gen-Token": "abc"} if login else {})


def edit_in_word(word: Path) -> None:
    """像办事员在 Word 里那样改一个字（gen 写的记号还在，内容不再对得上）。"""
    import io
    import zipfile

    edited = io.BytesIO()
    with zipfile.ZipFile(word) as source, zipfile.ZipFile(edited, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace("人才短缺".encode(), "人才短缺（我在 Word 里补充的）".encode())
            target.writestr(info, data)
    word.write_bytes(edited.getvalue())


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- 令牌、Host、同源


def test_page_and_static_files_need_no_token_and_set_no_cookie(form_file) -> None:
    test = client(form_file(), login=False)
    for url in ("/", "/?token=abc", "/static/editor.js", "/static/connection.js", "/static/editor.css"):
        response = test.get(url)
        assert response.status_code == 200, url
        assert "set-cookie" not in response.headers
    assert "gen 表单编辑" in test.get("/").text


@pytest.mark.parametrize("url", ["/api/session", "/api/form?name=表单.yaml", "/api/schema",
                                 "/api/download?name=表单.docx", "/nowhere", "/static/../api/session"])
def test_missing_or_wrong_token_is_refused(form_file, url: str) -> None:
    response = client(form_file(), login=False).get(url)
    assert response.status_code == 403
    assert response.json() == {"error": NO_TOKEN}
    wrong = client(form_file(), login=False).get(url, headers={"X-Gen-Token": "abd"})
    assert wrong.status_code == 403


def test_token_only_counts_in_the_header_never_in_a_cookie_or_the_query(form_file) -> None:
    test = client(form_file(), login=False)
    assert test.get("/api/session", headers={"X-Gen-Token": "abc"}).status_code == 200
    assert test.get("/api/session", params={"token": "abc"}).status_code == 403
    test.cookies.set("gen_edit_8765", "abc")
    assert test.get("/api/session").status_code == 403


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1:9999", "localhost.evil:8765",
                                  "127.0.0.2:8765", "[::1]:8765", ""])
def test_foreign_host_is_refused_even_with_the_token(form_file, host: str) -> None:
    test = client(form_file())
    response = test.get("/api/session", headers={"Host": host})
    assert response.status_code == 403
    assert response.json() == {"error": FOREIGN_HOST}
    page = client(form_file(), login=False).get("/", headers={"Host": host})  # 页面本身也只发往本机
    assert page.status_code == 403 and "set-cookie" not in page.headers


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "127.0.0.1", "localhost"])
def test_local_host_names_are_accepted(form_file, host: str) -> None:
    assert client(form_file()).get("/api/session", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("headers", [{}, {"Origin": "http://evil.example"}, {"Origin": "null"},
                                     {"Origin": "http://127.0.0.1:9999"}, {"Origin": "https://127.0.0.1:8765"},
                                     {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}])
def test_state_changing_request_from_another_page_is_refused(form_file, headers: dict[str, str]) -> None:
    form = form_file(COMMENTED)
    test = client(form)
    before = sha(form)
    response = test.post("/api/save", json={"name": "表单.yaml", "text": "单位: 改了\n", "hash": before},
                         headers=headers)
    assert response.status_code == 403
    assert response.json() == {"error": CROSS_SITE}
    assert sha(form) == before


def test_same_origin_by_fetch_metadata_is_accepted(form_file) -> None:
    test = client(form_file())
    response = test.post("/api/check", json={"text": VALID_FORM}, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200


# ---------------------------------------------------------------- 路径


@pytest.mark.parametrize("name", ["../外面.yaml", "..", "/etc/passwd.yaml", "子/表单.yaml", "..\\外面.yaml",
                                  "C:\\外面.yaml", "", "表单.yaml\x00.docx", "表单.txt"])
def test_traversal_is_refused_and_touches_nothing(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "表单夹"
    folder.mkdir()
    (folder / "子").mkdir()
    (folder / "表单.yaml").write_text(VALID_FORM, encoding="utf-8")
    (folder / "子" / "表单.yaml").write_text(VALID_FORM, encoding="utf-8")
    (tmp_path / "外面.yaml").write_text(VALID_FORM, encoding="utf-8")
    before = snapshot(tmp_path)
    test = client(folder)
    responses = [
        test.get("/api/form", params={"name": name}),
        test.post("/api/save", json={"name": name, "text": "单位: 改了\n", "hash": ""}, headers=ORIGIN),
        test.post("/api/new", json={"name": name}, headers=ORIGIN),
        test.post("/api/generate", json={"name": name, "format": "docx", "hash": ""}, headers=ORIGIN),
        test.get("/api/download", params={"name": name}),
    ]
    for response in responses:
        assert 400 <= response.status_code < 500, (response.status_code, response.text)
        assert response.json()["error"]
    assert snapshot(tmp_path) == before


def test_traversal_message(tmp_path: Path) -> None:
    response = client(tmp_path).get("/api/form", params={"name": "../外面.yaml"})
    assert response.status_code == 403
    assert response.json() == {"error": "不能访问“../外面.yaml”：只能读写打开的文件夹里的文件，文件名里不能有路径。"}


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "表单夹"
    folder.mkdir()
    outside = tmp_path / "外面.yaml"
    outside.write_text(COMMENTED, encoding="utf-8")
    (folder / "链接.yaml").symlink_to(outside)
    (folder / "报告.docx").symlink_to(tmp_path / "秘密.docx")
    (tmp_path / "秘密.docx").write_bytes(b"secret")
    before = snapshot(tmp_path)
    test = client(folder)
    assert test.get("/api/session").json()["forms"] == []
    load = test.get("/api/form", params={"name": "链接.yaml"})
    assert load.status_code == 403
    assert load.json() == {"error": "不能访问“链接.yaml”：它是指向打开的文件夹之外的链接。"}
    save = test.post("/api/save", json={"name": "链接.yaml", "text": "单位: 改了\n", "hash": sha(outside)},
                     headers=ORIGIN)
    assert save.status_code == 403
    assert test.get("/api/download", params={"name": "报告.docx"}).status_code == 403
    assert snapshot(tmp_path) == before


def test_single_form_mode_reaches_only_that_form(tmp_path: Path) -> None:
    form = tmp_path / "表单.yaml"
    form.write_text(VALID_FORM, encoding="utf-8")
    (tmp_path / "别的.yaml").write_text(VALID_FORM, encoding="utf-8")
    test = client(form)
    session = test.get("/api/session").json()
    assert {k: session[k] for k in ("folder", "root", "forms")} == {"folder": False, "root": str(tmp_path.resolve()),
                                                                    "forms": ["表单.yaml"]}
    other = test.get("/api/form", params={"name": "别的.yaml"})
    assert other.status_code == 403
    assert other.json() == {"error": "不能访问“别的.yaml”：这次只打开了 表单.yaml。"}
    new = test.post("/api/new", json={"name": "新.yaml"}, headers=ORIGIN)
    assert new.status_code == 403
    assert not (tmp_path / "新.yaml").exists()


# ---------------------------------------------------------------- 大小、格式


def test_oversized_body_is_refused_before_reading_it(form_file) -> None:
    test = client(form_file())
    response = test.post("/api/check", content=b"x", headers={**ORIGIN, "Content-Length": str(MAX_BODY_BYTES + 1)})
    assert response.status_code == 413
    assert response.json() == {"error": "请求太大，超过 10 MB 上限。"}


def test_oversized_streamed_body_is_cut_off(form_file) -> None:
    test = client(form_file())

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    response = test.post("/api/check", content=chunks(), headers=ORIGIN)
    assert response.status_code == 413


def test_form_text_over_the_form_cap_is_refused(form_file) -> None:
    response = client(form_file()).post("/api/check", json={"text": "a" * (5 * 1024 * 1024 + 1)}, headers=ORIGIN)
    assert response.status_code == 413
    assert response.json() == {"error": "表单太大，超过 5 MB 上限。"}


@pytest.mark.parametrize("body", [b"", b"{", b"[]", b"\xff\xfe", b'"text"', b'{"text": 3}', b"[" * 100000])
def test_malformed_json_is_a_chinese_4xx(form_file, body: bytes) -> None:
    response = client(form_file()).post("/api/check", content=body, headers=ORIGIN)
    assert 400 <= response.status_code < 500
    assert response.json()["error"] in ("请求的格式不对（应为 JSON）。", "请求的格式不对（应为 JSON 对象）。",
                                        "请求里缺少“text”。")


def test_wrong_method_is_a_chinese_405(form_file) -> None:
    response = client(form_file()).get("/api/save")
    assert response.status_code == 405
    assert response.json() == {"error": "请求的方法不对。"}


# ---------------------------------------------------------------- 检查和预览


def test_check_returns_the_cli_messages_and_a_preview(form_file, gen) -> None:
    test = client(form_file())
    good = test.post("/api/check", json={"name": "表单.yaml", "text": VALID_FORM}, headers=ORIGIN).json()
    assert good["errors"] == 0 and good["keys"] == ["体检人数"]
    # 预览已排成一行行（generator/write/word/page_flow.py）：每行一个 <span class="ln">，段落最后一行带 last
    assert '<h1 class="title"><span class="ln last">贡觉县卫生健康委员会2024年度工作总结</span></h1>' in good["preview"]
    assert '<h2 class="h1"><span class="ln first last">一、工作开展情况</span></h2>' in good["preview"]
    assert ('<span class="ln first last"><span class="run2">（一）开展健康体检。</span>全年体检15719人。</span>'
            in good["preview"])
    assert re.search(r'<p class="date"><span class="ln last" data-css="padding-left:[^"]+">2025年1月7日</span></p>',
                     good["preview"])
    assert good["preview"].count('<div class="page"') == 1

    wrong = VALID_FORM.replace("年度: 2024", "年度: 二〇二四")
    bad = test.post("/api/check", json={"name": "表单.yaml", "text": wrong}, headers=ORIGIN).json()
    assert bad["preview"] is None and bad["errors"] == 1
    path = form_file(wrong)
    cli = json.loads(gen("check", str(path), "--format", "json").out)
    assert [(d["line"], d["column"], d["severity"], d["code"], d["message"], d["hint"]) for d in bad["diagnostics"]] \
        == [(d["line"], d["column"], d["severity"], d["code"], d["message"], d["fix"]) for d in cli]
    assert bad["diagnostics"] == [{"line": 2, "column": 5, "severity": "错误", "code": None,
                                   "message": "“年度”：要写阿拉伯数字，如 2024。", "hint": None}]


def test_check_includes_gen_check_findings(form_file) -> None:
    text = VALID_FORM + "标题: 贡觉县卫生健康委员会2023年度工作总结\n"
    response = client(form_file()).post("/api/check", json={"text": text}, headers=ORIGIN).json()
    assert response["preview"] is not None
    assert [(d["line"], d["code"], d["severity"]) for d in response["diagnostics"]] == [(18, "GEN503", "错误")]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_preview_without_errors(example: Path) -> None:
    response = client(example).post("/api/check", json={"text": example.read_text(encoding="utf-8")},
                                    headers=ORIGIN).json()
    assert response["errors"] == 0 and response["preview"].count('class="h1"') >= 3


# ---------------------------------------------------------------- 保存


def test_save_keeps_comments_and_refuses_when_the_file_changed_on_disk(form_file) -> None:
    form = form_file(COMMENTED)
    test = client(form)
    loaded = test.get("/api/form", params={"name": "表单.yaml"}).json()
    assert loaded["text"] == COMMENTED and loaded["hash"] == sha(form)
    edited = COMMENTED.replace("年度: 2024", "年度: 2023")
    saved = test.post("/api/save", json={"name": "表单.yaml", "text": edited, "hash": loaded["hash"]},
                      headers=ORIGIN)
    assert saved.status_code == 200 and saved.json()["hash"] == sha(form)
    assert form.read_text(encoding="utf-8") == edited

    form.write_text(edited + "# 别人加的\n", encoding="utf-8")
    stale = test.post("/api/save", json={"name": "表单.yaml", "text": COMMENTED, "hash": saved.json()["hash"]},
                      headers=ORIGIN)
    assert stale.status_code == 409
    assert stale.json()["error"].startswith("表单已在别处被修改（")  # 时间和不同之处见 test_edit_conflict.py
    assert stale.json()["text"] == edited + "# 别人加的\n"
    assert form.read_text(encoding="utf-8") == edited + "# 别人加的\n"


def test_save_keeps_windows_line_endings(tmp_path: Path) -> None:
    form = tmp_path / "表单.yaml"
    form.write_bytes(COMMENTED.replace("\n", "\r\n").encode("utf-8"))
    test = client(form)
    loaded = test.get("/api/form", params={"name": "表单.yaml"}).json()
    assert "\r" not in loaded["text"]
    test.post("/api/save", json={"name": "表单.yaml", "text": loaded["text"], "hash": loaded["hash"]}, headers=ORIGIN)
    assert form.read_bytes() == COMMENTED.replace("\n", "\r\n").encode("utf-8")


# ---------------------------------------------------------------- 生成、下载


def test_generate_word_equals_gen_report(tmp_path: Path, gen) -> None:
    form = tmp_path / "网页" / "表单.yaml"
    form.parent.mkdir()
    form.write_text(VALID_FORM, encoding="utf-8")
    test = client(form)
    response = test.post("/api/generate", json={"name": "表单.yaml", "format": "docx", "hash": sha(form)},
                         headers=ORIGIN)
    assert response.status_code == 200 and response.json()["files"] == ["表单.docx"]
    cli = tmp_path / "命令行" / "表单.yaml"
    cli.parent.mkdir()
    shutil.copy(form, cli)
    assert gen("report", str(cli)).code == 0
    assert (form.parent / "表单.docx").read_bytes() == (cli.parent / "表单.docx").read_bytes()
    download = test.get("/api/download", params={"name": "表单.docx"})
    assert download.status_code == 200 and download.content == (cli.parent / "表单.docx").read_bytes()
    assert "attachment" in download.headers["content-disposition"]


def test_generate_refuses_like_gen_report(tmp_path: Path) -> None:
    form = tmp_path / "表单.yaml"
    form.write_text(VALID_FORM, encoding="utf-8")
    (tmp_path / "表单.docx").write_bytes(b"clerk's own file")
    test = client(form)
    response = test.post("/api/generate", json={"name": "表单.yaml", "format": "docx", "hash": sha(form)},
                         headers=ORIGIN)
    assert response.status_code == 409
    assert response.json() == {
        "error": "文件夹里已经有一个“表单.docx”，它不是由本工具生成的（可能是您原来的报告）。直接覆盖会丢掉它。",
        "owner": "other", "target": "表单.docx", "suggested": "表单-新.docx", "can_overwrite": True}
    assert (tmp_path / "表单.docx").read_bytes() == b"clerk's own file"
    stale = test.post("/api/generate", json={"name": "表单.yaml", "format": "md", "hash": "0"}, headers=ORIGIN)
    assert stale.status_code == 409
    assert stale.json() == {"error": "表单.yaml 在页面打开之后被别的程序改过了，请先保存或重新载入再生成。",
                            "stale": True}
    assert not (tmp_path / "表单.md").exists()


def test_word_edited_docx_is_saved_under_a_new_name_or_overwritten_after_confirming(tmp_path: Path) -> None:
    """在 Word 里改过的 .docx：页面问过办事员以后，另存为新文件名或覆盖，两条路都写出文件；说法里没有命令行选项。"""
    from generator.write.ownership import Owner, owner_state

    form = tmp_path / "表单.yaml"
    form.write_text(VALID_FORM, encoding="utf-8")
    test = client(form)
    body = {"name": "表单.yaml", "format": "docx", "hash": sha(form)}
    assert test.post("/api/generate", json=body, headers=ORIGIN).status_code == 200
    docx = tmp_path / "表单.docx"
    edit_in_word(docx)
    assert owner_state(docx) is Owner.EDITED
    edited = docx.read_bytes()
    asked = test.post("/api/generate", json=body, headers=ORIGIN)
    assert asked.status_code == 409
    question = asked.json()
    assert question["owner"] == "edited" and question["suggested"] == "表单-新.docx"
    assert "Word 或 WPS 里改过" in question["error"] and "-o" not in question["error"]
    assert "--force" not in question["error"] and docx.read_bytes() == edited
    saved_as = test.post("/api/generate", json={**body, "output": "表单-新.docx"}, headers=ORIGIN)
    assert saved_as.status_code == 200 and saved_as.json()["files"] == ["表单-新.docx"]
    assert owner_state(tmp_path / "表单-新.docx") is Owner.GEN and docx.read_bytes() == edited
    wrong = test.post("/api/generate", json={**body, "output": "../外面.docx"}, headers=ORIGIN)
    assert wrong.status_code == 403
    replaced = test.post("/api/generate", json={**body, "overwrite": True}, headers=ORIGIN)
    assert replaced.status_code == 200 and replaced.json()["files"] == ["表单.docx"]
    assert owner_state(docx) is Owner.GEN and docx.read_bytes() != edited


def test_overwriting_still_refuses_a_form_with_errors(tmp_path: Path) -> None:
    form = tmp_path / "表单.yaml"
    form.write_text(VALID_FORM + "标题: 贡觉县卫生健康委员会2023年度工作总结\n", encoding="utf-8")
    (tmp_path / "表单.docx").write_bytes(b"clerk's own file")
    response = client(form).post("/api/generate", json={"name": "表单.yaml", "format": "docx", "hash": sha(form),
                                                        "overwrite": True}, headers=ORIGIN)
    assert response.status_code == 422
    assert (tmp_path / "表单.docx").read_bytes() == b"clerk's own file"


def test_generate_with_content_errors_writes_nothing(tmp_path: Path) -> None:
    form = tmp_path / "表单.yaml"
    form.write_text(VALID_FORM + "标题: 贡觉县卫生健康委员会2023年度工作总结\n", encoding="utf-8")
    response = client(form).post("/api/generate", json={"name": "表单.yaml", "format": "md", "hash": sha(form)},
                                 headers=ORIGIN)
    assert response.status_code == 422
    assert response.json()["error"] == "内容检查发现错误，没有生成文件。请先改正列出的错误。"
    assert response.json()["diagnostics"]
    assert not (tmp_path / "表单.md").exists()


# ---------------------------------------------------------------- 文件夹、字段


def test_folder_lists_forms_and_creates_the_init_skeleton(tmp_path: Path) -> None:
    (tmp_path / "甲.yaml").write_text(VALID_FORM, encoding="utf-8")
    (tmp_path / "说明.txt").write_text("x", encoding="utf-8")
    test = client(tmp_path)
    assert test.get("/api/session").json()["forms"] == ["甲.yaml"]
    created = test.post("/api/new", json={"name": "乙"}, headers=ORIGIN)
    assert created.json() == {"name": "乙.yaml"}
    assert "请补写单位全称" in (tmp_path / "乙.yaml").read_text(encoding="utf-8")
    again = test.post("/api/new", json={"name": "乙.yaml"}, headers=ORIGIN)
    assert again.status_code == 409
    assert "已经存在，不会覆盖它" in again.json()["error"]
    assert test.get("/api/session").json()["forms"] == ["乙.yaml", "甲.yaml"]


def test_field_edit_keeps_comments(form_file) -> None:
    test = client(form_file())
    response = test.post("/api/field", json={"text": COMMENTED, "key": "年度", "value": "2023"}, headers=ORIGIN)
    assert response.json()["text"] == COMMENTED.replace("年度: 2024", "年度: 2023")
    cleared = test.post("/api/field", json={"text": COMMENTED, "key": "日期", "value": ""}, headers=ORIGIN)
    assert cleared.json()["text"] == COMMENTED.replace("日期: 2025-01-07", "日期:")
    broken = test.post("/api/field", json={"text": "单位: [", "key": "单位", "value": "x"}, headers=ORIGIN)
    assert broken.status_code == 422
    other = test.post("/api/field", json={"text": COMMENTED, "key": "指标", "value": "x"}, headers=ORIGIN)
    assert other.status_code == 400


def test_items_move_and_numbering_follows(form_file) -> None:
    text = VALID_FORM.replace("工作开展情况:\n", "工作开展情况:\n  - 标题: 第二件事\n    内容: 做了。\n")
    test = client(form_file())
    def numbered(outline: dict[str, Any]) -> list[str]:
        return [item["number"] + item["标题"] for item in outline["tree"]["工作开展情况"]]

    before = test.post("/api/check", json={"text": text}, headers=ORIGIN).json()["outline"]
    assert numbered(before) == ["（一）第二件事", "（二）开展健康体检"]
    moved = test.post("/api/node", json={"text": text, "path": ["工作开展情况", 1], "action": "up"},
                      headers=ORIGIN).json()["text"]
    after = test.post("/api/check", json={"text": moved}, headers=ORIGIN).json()
    assert numbered(after["outline"]) == ["（一）开展健康体检", "（二）第二件事"]
    assert "（一）开展健康体检。" in after["preview"]
    first = test.post("/api/node", json={"text": text, "path": ["工作开展情况", 0], "action": "up"},
                      headers=ORIGIN)
    assert first.status_code == 400 and first.json() == {"error": "已经是第一项或最后一项，不能再移动。"}


# ---------------------------------------------------------------- 命令行


def test_cli_missing_form(gen, tmp_path: Path) -> None:
    result = gen("edit", str(tmp_path / "没有.yaml"), "--no-browser")
    assert result.code == 1
    assert result.err.strip() == (f"错误：找不到“{tmp_path / '没有.yaml'}”。请检查文件名；要新建表单，先运行 gen init "
                                  f"{tmp_path / '没有.yaml'}，或用 gen edit 打开表单所在的文件夹，在页面上新建。")


def test_cli_not_a_form(gen, tmp_path: Path) -> None:
    (tmp_path / "说明.txt").write_text("x", encoding="utf-8")
    result = gen("edit", str(tmp_path / "说明.txt"), "--no-browser")
    assert result.code == 2
    assert result.err.strip() == f"错误：“{tmp_path / '说明.txt'}”不是表单（.yaml）。gen edit 只能打开表单或文件夹。"


def test_cli_busy_port(gen, form_file) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = gen("edit", str(form_file()), "--port", str(port), "--no-browser")
    assert result.code == 2
    assert result.err.strip() == (f"错误：端口 {port} 已被占用或不能使用。请换一个端口（如 --port {port + 1}），"
                                  "或不写 --port，由 gen 自己找一个空闲端口。")


def test_page_works_offline() -> None:
    """页面的脚本、样式都随包发布，不引用任何外部网址（办事员的电脑常常不能上外网）。"""
    from generator.edit.app import STATIC

    files = sorted(STATIC.iterdir())
    assert {p.name for p in files} == {"index.html", "editor.js", "preview.js", "fields.js", "editor.css",
                                       "autocomplete.js", "conflict.js", "indicators.js", "items.js",
                                       "connection.js", "outputs.js", "printing.js"}
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import", text, re.IGNORECASE), path.name


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_cli_port_out_of_range(gen, form_file, port: str) -> None:
    result = gen("edit", str(form_file()), "--port", port, "--no-browser")
    assert result.code == 2
    assert result.err == ("用法错误：--port 的值不对：端口应在 1 到 65535 之间；不写 --port 时自动找一个空闲端口。\n"
                          "运行 gen edit --help 查看用法。\n")


ITEMS = """\
单位: 贡觉县卫生健康委员会
工作开展情况:
  - 标题: 甲
    内容: 做了甲。
    # 甲的注释
  - 标题: 乙
    内容: "做了乙。"

# 下一部分的说明
存在的问题:
  - 人才短缺。
"""


@pytest.mark.parametrize(("action", "index", "expected"), [
    ("up", 1, ITEMS.replace('  - 标题: 甲\n    内容: 做了甲。\n    # 甲的注释\n  - 标题: 乙\n    内容: "做了乙。"\n',
                            '  - 标题: 乙\n    内容: "做了乙。"\n  - 标题: 甲\n    内容: 做了甲。\n    # 甲的注释\n')),
    ("delete", 0, ITEMS.replace("  - 标题: 甲\n    内容: 做了甲。\n    # 甲的注释\n", "")),
    ("add", None, ITEMS.replace('内容: "做了乙。"\n', '内容: "做了乙。"\n  - 标题: 请补写（新添）\n    内容: 请补写（新添）\n')),
])
def test_item_buttons_move_lines_and_leave_comments_in_place(form_file, action: str, index: int | None,
                                                             expected: str) -> None:
    path: list[Any] = ["工作开展情况"] if index is None else ["工作开展情况", index]
    response = client(form_file()).post("/api/node", json={"text": ITEMS, "path": path, "action": action},
                                        headers=ORIGIN)
    assert response.json() == {"text": expected}


def test_item_buttons_refuse_flow_lists(form_file) -> None:
    response = client(form_file()).post("/api/node", json={"text": "工作开展情况: [甲, 乙]\n", "path": ["工作开展情况", 1],
                                                          "action": "up"}, headers=ORIGIN)
    assert response.status_code == 422
    assert response.json() == {"error": "“工作开展情况”有一部分写在一行里（方括号或花括号）。请在“源文件”里改成每项一行的写法。"}


def test_date_field_is_written_without_quotes(form_file) -> None:
    response = client(form_file()).post("/api/field", json={"text": VALID_FORM, "key": "日期", "value": "2025-01-05"},
                                        headers=ORIGIN)
    assert response.json()["text"] == VALID_FORM.replace("日期: 2025-01-07", "日期: 2025-01-05")


FIELDS_FORM = """\
# 说明一
单位: 贡觉县卫生健康委员会
年度: 2024
类型: 年度工作总结

# 日期的说明
日期: 2025-01-07
"""


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("标题", "贡觉县2024年工作总结", FIELDS_FORM.replace("类型: 年度工作总结\n", "类型: 年度工作总结\n标题: 贡觉县2024年工作总结\n")),
    ("类型", "", FIELDS_FORM.replace("类型: 年度工作总结\n", "")),
    ("单位", "", FIELDS_FORM.replace("单位: 贡觉县卫生健康委员会", "单位:")),
    ("导语", "今年工作很好。", FIELDS_FORM + "导语: 今年工作很好。\n"),
    ("主题", "爱国卫生运动", FIELDS_FORM.replace("类型: 年度工作总结\n", "类型: 年度工作总结\n主题: 爱国卫生运动\n")),
])
def test_fields_are_added_removed_and_replaced_in_place(form_file, key: str, value: str, expected: str) -> None:
    response = client(form_file()).post("/api/field", json={"text": FIELDS_FORM, "key": key, "value": value},
                                        headers=ORIGIN)
    assert response.json() == {"text": expected}


def test_clerk_text_cannot_inject_markup_into_the_preview(form_file) -> None:
    text = VALID_FORM.replace("我委扎实推进各项工作。", "我委<img src=x onerror=alert(1)>推进&amp;各项工作。")
    response = client(form_file()).post("/api/check", json={"text": text}, headers=ORIGIN).json()
    assert "<img" not in response["preview"]
    joined = re.sub(r'</span><span class="ln[^"]*">', "", response["preview"])  # 预览按行断开：接回一段
    assert "我委&lt;img src=x onerror=alert(1)&gt;推进&amp;amp;各项工作。" in joined


def test_every_response_forbids_framing_and_foreign_scripts(form_file) -> None:
    test = client(form_file())
    for response in (test.get("/"), test.get("/static/editor.js"), test.get("/api/session")):
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["content-security-policy"].startswith("default-src 'self';")


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("署名", "贡觉县卫健委", ITEMS + "署名: 贡觉县卫健委\n"),
    ("基本情况", "全县共有卫生院12所。", ITEMS.replace("工作开展情况:\n", "基本情况: 全县共有卫生院12所。\n工作开展情况:\n")),
    ("结束语", "", ITEMS),
])
def test_new_fields_go_where_the_blank_form_has_them(form_file, key: str, value: str, expected: str) -> None:
    response = client(form_file()).post("/api/field", json={"text": ITEMS, "key": key, "value": value}, headers=ORIGIN)
    assert response.json() == {"text": expected}


def test_page_gets_labels_from_the_json_schema(form_file) -> None:
    schema = client(form_file()).get("/api/schema").json()
    assert schema["properties"]["署名"]["description"] == "落款单位，不填则与“单位”相同"


INDICATOR_LINES = """\
指标:
  - 键: 体检人数
    名称: 城乡居民健康体检人数
    本期: 15719
    上期: 7593
    单位: 人
"""


@pytest.mark.parametrize(("request_body", "old", "new"), [
    ({"action": "set", "index": 0, "column": "上期", "value": "7600.50"}, "    上期: 7593\n", "    上期: 7600.50\n"),
    ({"action": "set", "index": 0, "column": "单位", "value": "%"}, "    单位: 人\n", "    单位: '%'\n"),
    ({"action": "set", "index": 0, "column": "目标", "value": "16000"}, "    单位: 人\n", "    单位: 人\n    目标: 16000\n"),
    ({"action": "set", "index": 0, "column": "上期", "value": ""}, "    上期: 7593\n", ""),
    ({"action": "delete", "index": 0}, INDICATOR_LINES, "指标:\n"),
    ({"action": "add"}, INDICATOR_LINES, INDICATOR_LINES + "  - 键: 新指标\n    名称: 请补写（新添）\n    本期: 请补写（新添）\n"),
])
def test_indicator_table_edits_only_its_line(form_file, request_body: dict[str, object], old: str, new: str) -> None:
    response = client(form_file()).post("/api/indicator", json={"text": VALID_FORM, **request_body}, headers=ORIGIN)
    assert response.json() == {"text": VALID_FORM.replace(old, new)}


@pytest.mark.parametrize(("request_body", "status", "message"), [
    ({"action": "set", "index": 0, "column": "本期", "value": "一万"}, 400, "“本期”只写数字，如 1250 或 99.2。"),
    ({"action": "set", "index": 0, "column": "名称", "value": ""}, 400, "“名称”是必填的，不能清空。"),
    ({"action": "set", "index": 5, "column": "名称", "value": "x"}, 400, "指标的序号不对。"),
    ({"action": "set", "index": 0, "column": "颜色", "value": "x"}, 400,
     "只能在表格里编辑这几列：键、名称、本期、上期、目标、单位、小数位、公式、越低越好、表述、说明、允许负数、允许超过100。"),
    ({"action": "move", "index": 0}, 400, "不认识的操作。可用的操作有 set、add、delete、up、down。"),
])
def test_indicator_table_refusals(form_file, request_body: dict[str, object], status: int, message: str) -> None:
    response = client(form_file()).post("/api/indicator", json={"text": VALID_FORM, **request_body}, headers=ORIGIN)
    assert response.status_code == status
    assert response.json() == {"error": message}


@pytest.mark.parametrize("written", ["名称: >-\n      城乡居民\n      体检人数", "名称: 城乡居民\n      体检人数"])
def test_indicator_table_refuses_multiline_values(form_file, written: str) -> None:
    text = VALID_FORM.replace("名称: 城乡居民健康体检人数", written)
    response = client(form_file()).post("/api/indicator", json={"text": text, "action": "set", "index": 0,
                                                               "column": "名称", "value": "x"}, headers=ORIGIN)
    assert response.status_code == 422
    assert response.json() == {"error": "“名称”写成了多行。请在“源文件”里修改。"}


def test_indicator_table_refuses_flow_style(form_file) -> None:
    text = "单位: x\n指标:\n  - {键: a, 名称: b, 本期: 1}\n"
    response = client(form_file()).post("/api/indicator", json={"text": text, "action": "set", "index": 0,
                                                               "column": "本期", "value": "2"}, headers=ORIGIN)
    assert response.status_code == 422
    assert response.json() == {"error": "这一项指标写在一行里（花括号或方括号）。请在“源文件”里改成每个键一行的写法。"}


def test_an_empty_form_can_be_opened_and_saved(form_file) -> None:
    form = form_file("")
    test = client(form)
    loaded = test.get("/api/form", params={"name": "表单.yaml"}).json()
    assert loaded["text"] == ""
    saved = test.post("/api/save", json={"name": "表单.yaml", "text": VALID_FORM, "hash": loaded["hash"]},
                      headers=ORIGIN)
    assert saved.status_code == 200
    assert form.read_text(encoding="utf-8") == VALID_FORM


def test_an_unreadable_form_is_a_chinese_422(tmp_path: Path) -> None:
    form = tmp_path / "表单.yaml"
    form.write_bytes(b"\x00\x01\x02" * 100)
    response = client(form).get("/api/form", params={"name": "表单.yaml"})
    assert response.status_code == 422
    assert response.json() == {"error": "表单.yaml 不是文本文件（看起来是二进制数据，从这里起有不是文字的字节 0x00），无法作为表单读取。"
                                        "请用记事本、WPS 或 VS Code 打开 .yaml 表单，确认选对了文件。"}


def test_item_title_is_edited_on_its_own_line(form_file) -> None:
    test = client(form_file())
    response = test.post("/api/node", json={"text": ITEMS, "path": ["工作开展情况", 1], "action": "set", "key": "标题",
                                            "value": "乙项工作：提速"}, headers=ORIGIN)
    assert response.json() == {"text": ITEMS.replace("  - 标题: 乙\n", "  - 标题: 乙项工作：提速\n")}
    empty = test.post("/api/node", json={"text": ITEMS, "path": ["工作开展情况", 1], "action": "set", "key": "标题",
                                         "value": " "}, headers=ORIGIN)
    assert empty.status_code == 400
    assert empty.json() == {"error": "“标题”不能为空。不要这一事项时请点“删除”。"}
