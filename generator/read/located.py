"""一遍走完全部文字，同时带出每段文字在原始 YAML 里的行列。

:func:`locate` 每次从根走到一个路径；对几万段文字逐一调用，常数很大。
这里在深度优先遍历（与 :func:`iter_strings` 顺序相同）的同时沿原始数据往下走，
每个节点只经手一次，给出的行列与对同一路径调用 ``locate`` 完全相同（tests/read/test_located.py 逐项比对）。
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

__all__ = ["iter_located_strings", "iter_strings", "locate", "locate_key", "strings_where"]

Path_ = tuple[str | int, ...]
_MISSING = object()
_LOOKUP_ERRORS = (KeyError, IndexError, TypeError, AttributeError)


def iter_located_strings(value: Any, data: Any) -> Iterator[tuple[Path_, str, int | None, int | None]]:
    """``value`` 里的每段文字：(键路径, 文字, 行, 列)。行列按同一键路径在原始数据 ``data`` 里找。

    ``value`` 通常是表单模型导出的普通 dict/list，键路径与原始 YAML 一致；原始数据里找不到的部分
    （例如校验时补上的默认值）与 ``locate`` 一样落在最近一个找得到的上级位置。
    """
    # 每项：(路径, 节点, 原始数据里的对应节点, 作为上级时的行列, 作为终点时的行列)
    stack: list[tuple[Path_, Any, Any, tuple[Any, Any], tuple[Any, Any]]] = [
        ((), value, data, (1, 1), (1, 1))]
    while stack:
        here, node, raw, parent_at, own_at = stack.pop()
        if isinstance(node, str):
            yield here, node, own_at[0], own_at[1]
        elif isinstance(node, dict):
            stack.extend(reversed([_child((*here, key), item, raw, key, parent_at)
                                   for key, item in node.items()]))
        elif isinstance(node, list):
            stack.extend(reversed([_child((*here, index), item, raw, index, parent_at)
                                   for index, item in enumerate(node)]))


def _child(path: Path_, node: Any, raw: Any, part: str | int,
           at: tuple[Any, Any]) -> tuple[Path_, Any, Any, tuple[Any, Any], tuple[Any, Any]]:
    """与 ``locate`` 走一步相同：找得到时取键（作为上级）和值（作为终点）的位置，找不到时停在上级。"""
    lc = getattr(raw, "lc", None)
    try:
        if isinstance(raw, dict) and part in raw:
            if lc is None:
                return path, node, raw[part], at, at
            key, value = lc.key(part), lc.value(part)
            return path, node, raw[part], (key[0] + 1, key[1] + 1), (value[0] + 1, value[1] + 1)
        if isinstance(raw, list) and isinstance(part, int) and 0 <= part < len(raw):
            if lc is None:
                return path, node, raw[part], at, at
            item = lc.item(part)
            place = (item[0] + 1, item[1] + 1)
            return path, node, raw[part], place, place
    except _LOOKUP_ERRORS:
        pass
    return path, node, _MISSING, at, at


def strings_where(value: Any, keep: Callable[[str], object]) -> Iterator[tuple[Path_, str]]:
    """与 :func:`iter_strings` 顺序相同，但只给出 ``keep`` 为真的文字。

    键路径只为容器和选中的文字构造：几万段文字里通常只有几段要看（占位符、引用、控制字符）。"""
    stack: list[tuple[Path_, Any]] = [((), value)]
    while stack:
        here, node = stack.pop()
        if isinstance(node, str):
            if keep(node):
                yield here, node
            continue
        if isinstance(node, dict):
            pairs: Iterable[tuple[str | int, Any]] = node.items()
        elif isinstance(node, list):
            pairs = enumerate(node)
        else:
            continue
        stack.extend(reversed([((*here, key), item) for key, item in pairs
                               if not isinstance(item, str) or keep(item)]))


def locate(data: Any, path: Sequence[str | int]) -> tuple[int | None, int | None, bool]:
    """找回路径对应的行列（从 1 开始）。第三个值表示是否精确定位到了该路径本身。"""
    node = data
    line: int | None = 1
    column: int | None = 1
    for depth, part in enumerate(path):
        lc = getattr(node, "lc", None)
        try:
            if isinstance(node, dict) and part in node:
                if lc is not None:
                    pos = lc.value(part) if depth == len(path) - 1 else lc.key(part)
                    line, column = pos[0] + 1, pos[1] + 1
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                if lc is not None:
                    pos = lc.item(part)
                    line, column = pos[0] + 1, pos[1] + 1
                node = node[part]
            else:
                return line, column, False
        except (KeyError, IndexError, TypeError, AttributeError):
            return line, column, False
    return line, column, True


def locate_key(data: Any, path: Sequence[str | int]) -> tuple[int | None, int | None]:
    """键本身（而不是它的值）的位置。"""
    parent_line, parent_col, _ = locate(data, path[:-1])
    parent = walk(data, path[:-1])
    lc = getattr(parent, "lc", None)
    if isinstance(parent, dict) and lc is not None and path and path[-1] in parent:
        pos = lc.key(path[-1])
        return pos[0] + 1, pos[1] + 1
    return parent_line, parent_col


def walk(data: Any, path: Sequence[str | int]) -> Any:
    node = data
    for part in path:
        node = node[part]
    return node


def iter_strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """深度优先列出所有文字及其键路径（用栈而不是层层嵌套的生成器：每个值只经手一次）。"""
    stack: list[tuple[Path_, Any]] = [(path, value)]
    while stack:
        here, node = stack.pop()
        if isinstance(node, str):
            yield here, node
        elif isinstance(node, dict):
            stack.extend(reversed([((*here, key), item) for key, item in node.items()]))
        elif isinstance(node, list):
            stack.extend(reversed([((*here, index), item) for index, item in enumerate(node)]))
