"""gen：把填好的 YAML 表单生成符合 GB/T 9704-2012 的工作总结。

版本号只写在一处：pyproject.toml 的 ``version``。装好的包从包的元数据读（site-packages 里
``gen_gongzuozongjie-版本.dist-info`` 的名字，找不到时用 importlib.metadata），在源码目录里直接运行时
读旁边的 pyproject.toml。用到 ``generator.__version__`` 时才去读（``gen --help`` 不读）。
"""

from __future__ import annotations

import os

DISTRIBUTION = "gen-gongzuozongjie"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return package_version()
    raise AttributeError(name)


def package_version() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    from_source = _source_tree_version(os.path.join(os.path.dirname(here), "pyproject.toml"))
    if from_source:
        return from_source
    prefix = DISTRIBUTION.replace("-", "_") + "-"
    try:
        for entry in os.listdir(os.path.dirname(here)):
            if entry.startswith(prefix) and entry.endswith(".dist-info"):
                return entry[len(prefix):-len(".dist-info")]
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "未知（安装不完整）"


def _source_tree_version(pyproject: str) -> str | None:
    """源码目录的 pyproject.toml 里 [project] 的 version（不是 gen 的 pyproject 时为 None）。"""
    try:
        with open(pyproject, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError):
        return None
    if f'name = "{DISTRIBUTION}"' not in text:
        return None
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "version":
            return value.strip().strip('"')
    return None
