"""``gen rollup --form 市本级.yaml``：把合计写进市本级表单的“指标”（只写本期、上期）。

用 ruamel 往返读写：注释、键的顺序、引号都保留。办事员已经填了的数与合计不同时不改（除非 --force），
而是列出差别；有公式的指标不写数字（它们由公式算出）。
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..errors import Diagnostic, FormError, Severity
from ..form.reading import load_form_file
from ..indicators.figures import show
from ..indicators.model import parse_number
from ..write.output import write_atomic
from .totals import Total

_FIELDS = ("本期", "上期")


@dataclass
class Writeback:
    path: Path
    changed: list[str] = field(default_factory=list)  # 写进去的“键.项”
    differences: list[Diagnostic] = field(default_factory=list)


def write_totals(path: Path, result: dict[str, Total], *, force: bool = False) -> Writeback:
    """算好并写回（单独使用时）；``gen rollup`` 用 :func:`prepare_totals`，与汇总表一起写。"""
    outcome, data = prepare_totals(path, result, force=force)
    if data is not None:
        write_atomic(path, data)
    return outcome


def prepare_totals(path: Path, result: dict[str, Total], *, force: bool = False) -> tuple[Writeback, bytes | None]:
    """把合计写进市本级表单的内容（不写文件）；没有要改的时内容为 None。"""
    loaded = load_form_file(path)  # 先按普通表单读一遍：读不进的表单在这里带位置报错
    source = loaded.source
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    yaml.width = sys.maxsize
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(Decimal, _represent_decimal)
    try:
        data = yaml.load(source.text)
    except YAMLError:
        raise FormError(source.diagnostic("这份表单 gen 能读，但无法在保留注释的前提下改写（写法太特别）。"
                                          "请把合计手工填进去。", 1, 1)) from None
    if not isinstance(data, CommentedMap):
        raise FormError(source.diagnostic("表单的最外层应该是若干“键: 值”。", 1, 1))
    items = data.get("指标")
    if items is None:
        items = data["指标"] = CommentedSeq()
    if not isinstance(items, list):
        raise FormError(source.diagnostic("“指标”应该是一个列表（每个指标以“- 键:”开头）。", 1, 1))
    outcome = Writeback(path)
    existing = {str(item.get("键")).strip(): item for item in items if isinstance(item, dict)}
    for key, total in result.items():
        if total.problem or total.values["本期"] is None:
            continue
        item = existing.get(key)
        if item is None:
            if total.derived:
                continue  # 新的率要写公式：由办事员决定写不写，不替他编公式
            item = CommentedMap([("键", key), ("名称", total.name)])
            for name in _FIELDS:
                number = total.values[name]
                if number is not None:
                    item[name] = _yaml_number(number)
                    outcome.changed.append(f"{key}.{name}")
            if total.unit:
                item["单位"] = total.unit
            items.append(item)
            continue
        if "公式" in item:
            continue
        for name in _FIELDS:
            _update(item, name, key, total.values[name], outcome, force, source)
    if not outcome.changed:
        return outcome, None
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return outcome, buffer.getvalue().encode(source.encoding)


def _update(item: Any, name: str, key: str, value: Decimal | None, outcome: Writeback,
            force: bool, source: Any) -> None:
    if value is None:
        return
    typed = item.get(name)
    if typed is not None:
        try:
            written = parse_number(typed, name)
        except ValueError:
            written = None
        if written is not None and written == value:
            return
        if not force:
            line, column = item.lc.value(name) if name in item.lc.data else (None, None)
            outcome.differences.append(source.diagnostic(
                f"指标“{key}”的{name}填的是 {typed}，各县合计是 {show(value)}，没有改动。"
                "要换成合计，请加 --force。", None if line is None else line + 1,
                None if column is None else column + 1, severity=Severity.WARNING))
            return
    if name not in item and name == "上期" and "本期" in item:  # 新的上期紧跟在本期后面
        item.insert(list(item).index("本期") + 1, name, _yaml_number(value))
    else:
        item[name] = _yaml_number(value)
    outcome.changed.append(f"{key}.{name}")


def _yaml_number(value: Decimal) -> int | Decimal:
    """YAML 里写成普通的数（整数不带小数点；小数照原样的十进制写，不经过 float，不写成 3e-05）。"""
    if value == value.to_integral_value():
        return int(value)
    return value


def _represent_decimal(representer: Any, value: Decimal) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:float", format(value.normalize(), "f"))
