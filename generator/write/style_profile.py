"""版式配置：纸张、页边距、字体、字号、行距都是数据，不是散落在代码里的常数。

默认配置是 ``templates/styles/gbt9704.yaml``；表单的“样式”键或 ``--style`` 可以换成别的文件，
读取和报错方式与表单相同（中文、带行列号）。
"""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path

from pydantic import Field, ValidationError

from ..errors import FormError, StyleError
from ..form.reading import form_keys
from ..form.validate import translate_errors
from ..modelbase import FormModel
from ..read.loader import parse_yaml, read_source
from ..resources import templates_dir


class Paper(FormModel):
    width: Decimal = Field(alias="宽", gt=50, le=1000, title="宽（毫米）")
    height: Decimal = Field(alias="高", gt=50, le=1000, title="高（毫米）")


class Margins(FormModel):
    top: Decimal = Field(alias="上", ge=0, le=100, title="上（毫米）")
    bottom: Decimal = Field(alias="下", ge=0, le=100, title="下（毫米）")
    left: Decimal = Field(alias="左", ge=0, le=100, title="左（毫米）")
    right: Decimal = Field(alias="右", ge=0, le=100, title="右（毫米）")


class Fonts(FormModel):
    title: str = Field(alias="标题", min_length=1)
    body: str = Field(alias="正文", min_length=1)
    heading1: str = Field(alias="一级标题", min_length=1)
    heading2: str = Field(alias="二级标题", min_length=1)
    heading3: str = Field(alias="三级标题", min_length=1)
    page_number: str = Field(alias="页码", min_length=1)
    table: str = Field(alias="表格", min_length=1)
    latin: str = Field(alias="西文", min_length=1)


class Sizes(FormModel):
    title: Decimal = Field(alias="标题", gt=5, le=72)
    body: Decimal = Field(alias="正文", gt=5, le=72)
    page_number: Decimal = Field(alias="页码", gt=5, le=72)
    table: Decimal = Field(alias="表格", gt=5, le=72)


class StyleProfile(FormModel):
    """一套版式。长度为毫米，字号与行距为磅。"""

    name: str = Field(alias="名称", min_length=1)
    paper: Paper = Field(alias="纸张")
    margins: Margins = Field(alias="页边距")
    lines_per_page: int = Field(alias="每页行数", ge=5, le=60)
    chars_per_line: int = Field(alias="每行字数", ge=5, le=60)
    line_pitch: Decimal = Field(alias="行距", gt=5, le=100)
    char_spacing: Decimal = Field(default=Decimal(0), alias="字距", ge=-5, le=5)
    fonts: Fonts = Field(alias="字体")
    sizes: Sizes = Field(alias="字号")
    title_max_chars: int = Field(default=20, alias="标题每行最多字数", ge=5, le=60)
    page_number_gap: Decimal = Field(default=Decimal(7), alias="页码距版心", ge=0, le=50)


DEFAULT_PROFILE = "gbt9704.yaml"


def default_profile_path() -> Path:
    return templates_dir() / "styles" / DEFAULT_PROFILE


def load_profile(path: Path | None = None) -> StyleProfile:
    """读取版式配置；出错时抛出带位置的 :class:`StyleError`。默认版式只读一次（返回副本）。"""
    if path is None:
        return _default_profile().model_copy(deep=True)
    return _read_profile(path)


@functools.lru_cache(maxsize=1)
def _default_profile() -> StyleProfile:
    return _read_profile(default_profile_path())


def _read_profile(path: Path) -> StyleProfile:
    try:
        loaded = parse_yaml(read_source(path, what="版式配置"), keys=form_keys)
    except FormError as exc:
        raise StyleError(exc.diagnostics) from None
    try:
        return StyleProfile.model_validate(loaded.data)
    except ValidationError as exc:
        raise StyleError(translate_errors(loaded, exc, StyleProfile)) from None
