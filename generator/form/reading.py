"""读表单：读取阶段的 YAML 解析，加上表单有哪些键。

读取阶段（:mod:`generator.read`）只懂 YAML；YAML 出错时，它要知道表单有哪些中文键，才认得出
“单位 贡觉县……”少的是冒号。键从表单模型导出（不另写一份），只在出错时才计算一次。
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..indicators.model import Indicator
from ..read import loader
from ..read.loader import LoadedForm
from ..read.source import SourceText
from .models import CheckSettings, ExtraSection, Form, Item, Openings, Problem

__all__ = ["form_keys", "load_form_file", "parse_form"]


@lru_cache(maxsize=1)
def form_keys() -> frozenset[str]:
    """表单里所有的中文键。"""
    keys: set[str] = set()
    for model in (Form, Item, Problem, ExtraSection, CheckSettings, Indicator, Openings):
        keys.update(str(f.alias) for f in model.model_fields.values() if f.alias)
    return frozenset(keys)


def load_form_file(path: Path) -> LoadedForm:
    """读入并解析表单文件；出错时抛出带位置的 :class:`~generator.errors.FormError`。"""
    return loader.load_form_file(path, keys=form_keys)


def parse_form(source: SourceText) -> LoadedForm:
    """解析已经读入的表单文字。"""
    return loader.parse_yaml(source, keys=form_keys)
