"""证明 gen 的每个运行依赖在 Windows（win_amd64）上都有 wheel，对 requires-python 声明的每个 Python 版本。

对每个版本：``pip download --only-binary=:all: --platform win_amd64 --python-version X`` 下载 pyproject.toml
的全部运行依赖（连同它们的依赖）。pip 按本机（Linux）求 sys_platform 这类标记，会漏掉只在 Windows 上要的
依赖（如 click 的 colorama），所以再读每个 wheel 的 Requires-Dist，按 Windows 的环境求标记，缺的补下载，
直到齐全。只有源码包（要在办事员电脑上编译）的依赖下载失败，本脚本退出码 1。

用法：python .ci/win_wheels.py 临时文件夹
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

from pip._vendor.packaging.markers import Marker
from pip._vendor.packaging.requirements import Requirement
from pip._vendor.packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = ["3.9", "3.10", "3.11", "3.12", "3.13", "3.14"]
NEWEST = "3.14"  # 已经发布的最新 Python；新版本发布后加进 CANDIDATES 并改这里


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _windows_env(version: str) -> dict[str, str]:
    return {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64",
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "python_version": version, "python_full_version": f"{version}.0", "extra": ""}


def _download(requirements: list[str], version: str, folder: Path) -> None:
    command = [sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:", "--platform", "win_amd64",
               "--python-version", version, "--retries", "5", "--timeout", "30", "-d", str(folder), *requirements]
    for attempt in range(3):  # 网络抖动时重试；缺 wheel 时三次都失败
        if subprocess.run(command, check=False, timeout=900).returncode == 0:
            return
        time.sleep(5 * (attempt + 1))
    raise SystemExit(f"Python {version}（win_amd64）：下面的依赖没有 wheel（或下载失败）：{' '.join(requirements)}")


def _missing(folder: Path, version: str) -> list[str]:
    have = {_norm(w.name.split("-")[0]) for w in folder.glob("*.whl")}
    wanted: list[str] = []
    for wheel in folder.glob("*.whl"):
        with zipfile.ZipFile(wheel) as archive:
            meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            text = archive.read(meta).decode("utf-8")
        for line in text.splitlines():
            if not line.startswith("Requires-Dist:"):
                continue
            requirement = Requirement(line.split(":", 1)[1].strip())
            if requirement.marker is not None and not requirement.marker.evaluate(_windows_env(version)):
                continue
            if _norm(requirement.name) not in have:
                wanted.append(str(Requirement(f"{requirement.name}{requirement.specifier}")))
    return sorted(set(wanted))


def main(folder: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    claimed = SpecifierSet(project["requires-python"])
    versions = [v for v in CANDIDATES if f"{v}.0" in claimed]
    if not versions or NEWEST not in versions:
        raise SystemExit(f"requires-python = {claimed} 不含 {NEWEST}：请写清楚支持哪些版本。")
    if f"{CANDIDATES[0]}.0" in claimed:
        raise SystemExit(f"requires-python = {claimed} 没有下限，或低于检查的最低版本 {CANDIDATES[1]}。")
    runtime = [r for r in project["dependencies"]
               if Requirement(r).marker is None or Marker(str(Requirement(r).marker)).evaluate(_windows_env("3.11"))]
    for version in versions:
        started = time.monotonic()
        target = folder / version
        _download(runtime, version, target)
        for _round in range(5):
            missing = _missing(target, version)
            if not missing:
                break
            _download(missing, version, target)
        else:
            raise SystemExit(f"Python {version}：依赖补了 5 轮仍不齐：{missing}")
        binary = sorted(w.name for w in target.glob("*.whl") if "win_amd64" in w.name)
        print(f"Python {version} win_amd64：{len(list(target.glob('*.whl')))} 个 wheel 齐全"
              f"（其中编译的 {len(binary)} 个），用时 {time.monotonic() - started:.0f} 秒")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
