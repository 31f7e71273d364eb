"""读取阶段的快路：用 libyaml（C）解析事件，搭出与 ruamel 往返加载器完全相同的数据和行列号。

ruamel 是纯 Python，一份 5 MB 的表单要解析二三十秒；libyaml 一秒左右。快路只处理普通的表单：
遇到任何不寻常的写法（锚点、别名、标签、复杂的键、重复的键、多个文档、指令、特殊的整数写法、
YAML 1.1 才当换行的字符、过深的嵌套）或 libyaml 报错，就返回 None，由 ruamel 慢路处理并给出诊断。
两条路的结果由 tests/read/test_fastload.py 逐项比对。

快路搭的是普通 dict/list 的子类（:class:`FastMap`、:class:`FastSeq`），位置放在紧凑的 ``lc`` 里，
只提供后面各阶段用到的 ``lc.key``、``lc.value``、``lc.item``（与 ruamel 的同名方法返回相同的行列）：
8 万个事项的表单上，ruamel 的 CommentedMap 要多占两百多 MB。
"""

from __future__ import annotations

from array import array
from decimal import Decimal, InvalidOperation
from typing import Any

from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarint import ScalarInt
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

try:  # PyYAML 带的 libyaml 绑定；没有时只走慢路
    import yaml as _pyyaml

    _LOADER: Any = _pyyaml.CSafeLoader
except (ImportError, AttributeError):  # pragma: no cover - 依赖里有 PyYAML
    _pyyaml = None
    _LOADER = None

_NO_KEY = object()
# 再长的整数也没有意义（数值上限是 10 的 15 次方）；几千位的整数会让 int() 抛出 ValueError。
# 两条读入路径都保留原文，由校验阶段给出“要填数字”“数字太大”之类的中文错误。
MAX_INT_DIGITS = 30
_TAG = "tag:yaml.org,2002:"


class _Unusual(Exception):
    """快路不处理的写法：交给 ruamel。"""


_BITS = 32  # 行、列各占 32 位，四个数合成一个整数（表单不超过几 MB，远用不到）
_MASK = (1 << _BITS) - 1


def pack(key_line: int, key_col: int, value_line: int, value_col: int) -> int:
    """键行、键列、值行、值列合成一个整数：一个 Python 整数比一个四项列表（加上其中的大整数）省一百多字节。"""
    if max(key_line, key_col, value_line, value_col) > _MASK:
        raise _Unusual
    return (((key_line << _BITS | key_col) << _BITS | value_line) << _BITS) | value_col


class MapPositions:
    """映射的行列（从 0 起），接口是 ruamel ``LineCol`` 的一部分。

    键 → 合成一个整数的 [键行, 键列, 值行, 值列]（见 :func:`pack`）。"""

    __slots__ = ("col", "data", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col
        self.data: dict[Any, int] = {}

    def key(self, key: Any) -> tuple[int, int]:
        pos = self.data[key] >> 2 * _BITS
        return pos >> _BITS, pos & _MASK

    def value(self, key: Any) -> tuple[int, int]:
        pos = self.data[key]
        return pos >> _BITS & _MASK, pos & _MASK


class SeqPositions:
    """列表的行列（从 0 起）：每一项的行、列依次排成一个扁平的整数数组。"""

    __slots__ = ("col", "flat", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col
        self.flat = array("q")

    def item(self, index: int) -> tuple[int, int]:
        if index < 0:
            raise IndexError(index)
        return self.flat[2 * index], self.flat[2 * index + 1]


class FastMap(dict):  # type: ignore[type-arg]
    """快路读出的“键: 值”：普通 dict，另带行列 ``lc``。"""

    __slots__ = ("lc",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.lc = MapPositions(line, col)


class FastSeq(list):  # type: ignore[type-arg]
    """快路读出的列表：普通 list，另带行列 ``lc``。"""

    __slots__ = ("lc",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.lc = SeqPositions(line, col)


def fast_load(text: str, max_depth: int) -> tuple[Any, set[int]] | None:
    """解析成 FastMap/FastSeq（带 lc 行列号）和多行文字的续行号；不寻常时返回 None。"""
    if _LOADER is None or "\t" in text or "\u2028" in text or "\u2029" in text or "\x85" in text or "\ufeff" in text:
        return None  # YAML 1.1 把这几个字符当换行（或特殊处理），行号会和 ruamel 不同
    try:
        return _build(_pyyaml.parse(text, Loader=_LOADER), max_depth)
    except (_Unusual, _pyyaml.YAMLError):
        return None


def _build(events: Any, max_depth: int) -> tuple[Any, set[int]]:
    resolve = _implicit_resolver()
    keys: dict[str, str] = {}  # 同名的键只留一个字符串（几万个事项都有“标题”“内容”）
    root: Any = None
    stack: list[list[Any]] = []  # [容器, 待配值的键, 键的位置, 是否花括号/方括号写法]
    continued: set[int] = set()
    documents = 0
    empty: tuple[MapPositions, Any] | None = None  # 块写法里刚放进去的空值：ruamel 把它的位置记在下一个记号处
    for event in events:
        kind = type(event).__name__
        if empty is not None:
            _place_empty(empty, event.start_mark)
            empty = None
        if kind == "ScalarEvent":
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                raise _Unusual
            start, end = event.start_mark, event.end_mark
            if end.line > start.line:
                last = end.line + 1 if end.column > 0 else end.line
                continued.update(range(start.line + 2, last + 1))
            value = _scalar(resolve, event)
            if type(value) is str and stack and stack[-1][1] is _NO_KEY and type(stack[-1][0]) is FastMap:
                value = keys.setdefault(value, value)
            root = _attach(stack, root, value, start)
            if event.value == "" and not event.style and stack and value is None:
                empty = _last_slot(stack[-1])
                if empty is not None and stack[-1][3]:
                    raise _Unusual  # 花括号里的空值：两个解析器记的位置不同
        elif kind in ("MappingStartEvent", "SequenceStartEvent"):
            if event.anchor is not None or event.tag is not None or len(stack) >= max_depth:
                raise _Unusual
            mark = event.start_mark
            container: Any = FastMap(mark.line, mark.column) if kind == "MappingStartEvent" \
                else FastSeq(mark.line, mark.column)
            root = _attach(stack, root, container, event.start_mark)
            stack.append([container, _NO_KEY, None, bool(event.flow_style)])
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            stack.pop()
        elif kind == "DocumentStartEvent":
            documents += 1
            if documents > 1 or event.version is not None or event.tags:
                raise _Unusual
        elif kind == "AliasEvent":
            raise _Unusual
    return root, continued


def _attach(stack: list[list[Any]], root: Any, value: Any, mark: Any) -> Any:
    if not stack:
        return value
    frame = stack[-1]
    container = frame[0]
    if type(container) is FastSeq:
        flat = container.lc.flat
        flat.append(mark.line)
        flat.append(mark.column)
        container.append(value)
    elif frame[1] is _NO_KEY:
        if isinstance(value, (FastMap, FastSeq)) or value in container:
            raise _Unusual  # 复杂的键、重复的键：ruamel 报错或特殊处理
        frame[1], frame[2] = value, mark
    else:
        key, key_mark = frame[1], frame[2]
        container.lc.data[key] = pack(key_mark.line, key_mark.column, mark.line, mark.column)
        container[key] = value
        frame[1] = _NO_KEY
    return root


def _last_slot(frame: list[Any]) -> tuple[MapPositions, Any] | None:
    """刚放进“键: 值”的空值在 lc 里的那一项（列表项和键本身不算：ruamel 记的就是它们自己的位置）。"""
    container = frame[0]
    if type(container) is FastMap and frame[1] is _NO_KEY and len(container):
        return container.lc, next(reversed(container))
    return None


def _place_empty(slot: tuple[MapPositions, Any], mark: Any) -> None:
    positions, key = slot
    line, col = positions.key(key)
    positions.data[key] = pack(line, col, mark.line, mark.column)


def _implicit_resolver() -> Any:
    """ruamel 对普通文字的隐式类型判断（YAML 1.2 的规则），规则表只取一次。

    ``VersionedResolver.resolve`` 每个值都重新查一遍版本和规则表，占了读取时间的三分之一。"""
    table = VersionedResolver().versioned_resolver
    always = list(table.get(None, []))
    by_first = {first: list(rules) + always for first, rules in table.items() if first is not None}
    plain = _TAG + "str"

    def resolve(value: str) -> str:
        for tag, regexp in by_first.get(value[:1], always):
            if regexp.match(value):
                return str(tag)
        return plain

    return resolve


def _scalar(resolve: Any, event: Any) -> Any:
    value: str = event.value
    if event.style == "|":
        return LiteralScalarString(value)
    if event.style == ">":
        return FoldedScalarString(value)
    if event.style or not event.implicit[0]:  # 引号里的都是文字（普通文字的 style 是空串）
        return value
    tag = resolve(value)
    if tag == _TAG + "str":
        return value
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool":
        return value.lower() == "true"
    if tag == _TAG + "int":
        digits = value[1:] if value[:1] in "+-" else value
        if not (digits.isdigit() and digits.isascii()):
            raise _Unusual  # 0x、0o、下划线等：ruamel 有专门的整数类型
        if len(value) > MAX_INT_DIGITS:
            return value  # 与慢路相同：太长的整数保留原文，由校验阶段报错
        if digits.startswith("0"):  # 0、007：ruamel 记下位数
            return ScalarInt(int(value), width=len(digits), underscore=None)
        return int(value)
    if tag == _TAG + "float":
        try:
            number = Decimal(value.replace("_", ""))
        except InvalidOperation:
            return value
        return number if number.is_finite() else value
    if tag == _TAG + "timestamp":
        return value
    raise _Unusual
