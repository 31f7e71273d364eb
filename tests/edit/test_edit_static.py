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


def test_the_page_table_has_every_indicator_column() -> None:
    """indicators.js 的列与服务器能改的列（即 Indicator 的全部别名）一致，外加两列只读的算出值。"""
    from generator.edit.app import STATIC
    from generator.edit.indicators import COLUMNS

    script = (STATIC / "indicators.js").read_text(encoding="utf-8")
    columns = re.findall(r'\["([^"]+)", "(text|number|computed|places|switch)"', script)
    assert sorted(name for name, kind in columns if kind != "computed") == sorted(COLUMNS)
    assert [name for name, kind in columns if kind == "computed"] == ["同比", "完成率"]
    switches = {name for name, kind in columns if kind == "switch"}
    assert switches == {"越低越好", "允许负数", "允许超过100"}
