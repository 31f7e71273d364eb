"""gen edit 的页面文件：每个 JS 模块引用的模块都由服务器提供（也就随轮子发布，见 .ci/run）。"""

from __future__ import annotations

import re

from test_edit_server import client


def test_every_imported_module_is_served(form_file) -> None:
    from generator.edit.app import _STATIC_FILES, STATIC

    test = client(form_file())
    scripts = sorted(STATIC.glob("*.js"))
    assert {p.name for p in scripts} <= set(_STATIC_FILES)
    imported = {name for path in scripts
                for name in re.findall(r'^import .* from "\./([\w.]+)";$', path.read_text(encoding="utf-8"), re.M)}
    assert {"autocomplete.js", "conflict.js", "indicators.js", "fields.js", "preview.js"} <= imported
    for name in imported:
        response = test.get(f"/static/{name}")
        assert response.status_code == 200 and response.headers["content-type"] == "text/javascript; charset=utf-8"
