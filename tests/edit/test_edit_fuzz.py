"""gen edit 的 HTTP 模糊测试：一千个随机的、格式不对的请求，没有 5xx，也没有碰过任何文件。"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from conftest import VALID_FORM
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from generator.edit.app import create_app

BASE = "http://127.0.0.1:8765"
PATHS = ["/", "/api/session", "/api/form", "/api/check", "/api/save", "/api/generate", "/api/download", "/api/print-preview",
         "/api/new", "/api/field", "/api/node", "/api/indicator", "/api/schema", "/static/editor.js", "/static/../app.py", "/api/../../etc/passwd"]
KEYS = ["name", "text", "hash", "format", "key", "value", "path", "index", "action", "token", "column"]
NAMES = ["表单.yaml", "../表单.yaml", "别的.yaml", "表单.docx", "/etc/passwd", "..", ".", "链接.yaml", "\x00", "a/b.yaml"]
VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.sampled_from(NAMES),
                   st.sampled_from(["docx", "md", "pdf", "年度", "单位", "工作开展情况", "up", "down", "add", "delete", "set",
                                    "小数位", "越低越好", "表述", "true", "false",
                                    "本期", "名称", "12.5"]),
                   st.text(max_size=40), st.lists(st.integers(), max_size=3), st.just(VALID_FORM),
                   st.sampled_from([["工作开展情况"], ["工作开展情况", 0], ["存在的问题", 0], ["工作开展情况", 0, "要点"]]),
                   st.just(VALID_FORM.replace("2024", "{{")))
HEADERS = {
    "token": st.sampled_from([{"X-Gen-Token": "abc"}, {"X-Gen-Token": "abd"}, {"Cookie": "gen_edit_8765=abc"},
                              {"Cookie": "gen_edit_8765=\x7f"}, {}]),
    "origin": st.sampled_from([{"Origin": BASE}, {"Origin": "http://evil.example"}, {"Origin": ""},
                               {"Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "cross-site"}, {}]),
    "host": st.sampled_from([{}, {"Host": "evil.example"}, {"Host": "localhost:8765"}, {"Host": "127.0.0.1:1"},
                             {"Host": "::::"}, {"Host": "127.0.0.1:8765:1"}]),
    "type": st.sampled_from([{}, {"Content-Type": "application/json"}, {"Content-Type": "text/plain"},
                             {"Content-Length": "-1"}, {"Content-Length": "abc"}, {"Content-Length": "99999999999"}]),
}


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    path = draw(st.one_of(st.sampled_from(PATHS), st.text(max_size=20).map(lambda t: "/" + quote(t))))
    params = draw(st.dictionaries(st.sampled_from(KEYS), st.one_of(st.sampled_from(NAMES), st.text(max_size=20)),
                                  max_size=3))
    headers: dict[str, str] = {}
    for strategy in HEADERS.values():
        headers.update(draw(strategy))
    body = draw(st.one_of(
        st.binary(max_size=200),
        st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6).map(
            lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8")),
        st.recursive(st.none() | st.integers() | st.text(max_size=5), lambda inner: st.lists(inner, max_size=3),
                     max_leaves=20).map(lambda d: json.dumps(d).encode("utf-8")),
    ))
    method = draw(st.sampled_from(["GET", "POST", "POST", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"]))
    return {"method": method, "url": path, "params": params, "headers": headers, "content": body}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_random_requests_never_crash_or_touch_files() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        form = folder / "表单.yaml"
        form.write_text("# 注释\n" + VALID_FORM, encoding="utf-8")
        (folder / "别的.yaml").write_text(VALID_FORM, encoding="utf-8")
        before = snapshot(folder)
        client = TestClient(create_app(form, token="abc", port=8765), base_url=BASE, follow_redirects=False)

        @settings(max_examples=1000, derandomize=True, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
        @given(requests())
        def one(request: dict[str, Any]) -> None:
            response = client.request(**request)
            assert response.status_code < 500, (request, response.status_code, response.text)
            if response.status_code >= 400 and request["method"] != "HEAD":
                assert response.json()["error"]
            assert snapshot(folder) == before

        one()


@st.composite
def authorised(draw: st.DrawFn) -> dict[str, Any]:
    """令牌、Host、同源都对：随机的只是接口和 JSON 内容，专门考各接口自己的处理。"""
    path = draw(st.sampled_from(["/api/check", "/api/save", "/api/generate", "/api/print-preview", "/api/new", "/api/field", "/api/node",
                                 "/api/indicator"]))
    body = draw(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=7))
    return {"method": "POST", "url": path, "content": json.dumps(body, ensure_ascii=False).encode("utf-8"),
            "headers": {"X-Gen-Token": "abc", "Origin": BASE, "Content-Type": "application/json"}}


def test_random_authorised_requests_get_a_chinese_answer() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        form = folder / "表单.yaml"
        form.write_text("# 注释\n" + VALID_FORM, encoding="utf-8")
        before = snapshot(folder)
        client = TestClient(create_app(form, token="abc", port=8765), base_url=BASE, follow_redirects=False)

        @settings(max_examples=500, derandomize=True, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
        @given(authorised())
        def one(request: dict[str, Any]) -> None:
            response = client.request(**request)
            assert response.status_code < 500, (request, response.status_code, response.text)
            if response.status_code >= 400:
                assert response.json()["error"]
            assert snapshot(folder) == before  # 随机的 hash 永远对不上：保存、生成都不会写文件

        one()
