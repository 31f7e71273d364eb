"""gen rollup --form 写回市本级表单时与 gen edit 的保存用同一把锁（generator/write/locking.py）：
别的进程（这里是测试本身）锁着这份表单时，汇总等它放开才读、才写，不会夹在 gen edit 的“比较”和“替换”之间。"""

from __future__ import annotations

import threading
from pathlib import Path

from test_rollup import CITY, write_counties

from generator.rollup.run import rollup
from generator.write.locking import file_lock


def test_rollup_waits_for_the_form_lock(tmp_path: Path) -> None:
    counties = write_counties(tmp_path / "县级")
    city = tmp_path / "市本级.yaml"
    city.write_text(CITY, encoding="utf-8")
    table = tmp_path / "汇总.xlsx"
    errors: list[BaseException] = []

    def run() -> None:
        try:
            rollup(counties, [table], city_form=city)
        except BaseException as exc:  # 交给主线程断言
            errors.append(exc)

    with file_lock(city):
        worker = threading.Thread(target=run)
        worker.start()
        worker.join(timeout=3)
        assert worker.is_alive()  # 还在等锁：什么也没写
        assert city.read_text(encoding="utf-8") == CITY and not table.exists()
    worker.join(timeout=60)
    assert not worker.is_alive() and errors == []
    assert "    上期: 16165\n" in city.read_text(encoding="utf-8") and table.is_file()
