"""gen edit 常驻的 LibreOffice：第二次起转换不再冷启动，PDF 与冷启动转换的相同；出错时退回冷启动；结束时关掉。"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import REPO
from office import require_tool

from generator.pipeline import build_report
from generator.write import resident
from generator.write.pdf import docx_to_pdf, find_soffice
from generator.write.style_profile import load_profile


def _text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run([require_tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _require_uno() -> None:
    if resident.uno_python(find_soffice()) is None:
        message = "需要能 import uno 的 Python（LibreOffice 自带；Debian 包 python3-uno），但没有找到"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true：{message}。.ci/run 应当安装它。", pytrace=False)
        pytest.skip(message)


def test_second_conversion_is_warm_and_the_same(tmp_path: Path) -> None:
    require_tool("soffice")
    _require_uno()
    profile = load_profile()
    data = build_report(REPO / "examples" / "贡觉县-2024.yaml").docx(profile)
    cold = docx_to_pdf(data, profile)  # 不在 keep_warm 里：冷启动
    with resident.keep_warm() as warm:
        first = docx_to_pdf(data, profile)
        process = warm._process
        assert process is not None and not warm.broken  # 用的是常驻的那个
        seconds = []
        for _ in range(2):
            start = time.perf_counter()
            again = docx_to_pdf(data, profile)
            seconds.append(time.perf_counter() - start)
        assert warm._process is process  # 同一个 LibreOffice
    assert process.poll() is not None  # 结束时关掉了
    assert resident.current() is None
    assert _text(first, tmp_path, "常驻1") == _text(cold, tmp_path, "冷") == _text(again, tmp_path, "常驻2")
    assert min(seconds) < 3.0, seconds  # 常驻时约 0.5 s（冷启动 3～5 s）；机器很忙时也远低于冷启动


def test_falls_back_to_a_cold_conversion_when_it_cannot_start(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    require_tool("soffice")
    monkeypatch.setattr(resident, "uno_python", lambda soffice: None)
    profile = load_profile()
    data = build_report(REPO / "examples" / "贡觉县-2024.yaml").docx(profile)
    with resident.keep_warm() as warm:
        pdf = docx_to_pdf(data, profile)
        assert warm.broken and warm._process is None
    assert "贡觉县卫生健康委员会" in _text(pdf, tmp_path, "冷")
