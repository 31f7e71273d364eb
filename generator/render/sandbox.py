"""模板的沙箱：内置模板和各单位自己的模板都在这里运行。

安全靠构造，不靠审查模板：

- 环境是 :class:`jinja2.sandbox.ImmutableSandboxedEnvironment`：不能取 ``_`` 开头的属性
  （``__class__``、``__globals__``、``mro``……），不能修改列表和字典；
- 全局对象只有文档里写的几个（``range`` 有上限、``namespace``、``dict``），过滤器只有白名单里的；
  内置类型（文字、数字、列表、字典）上只能调用少数只读方法，表单对象上只能取字段和文档写明的属性；
- 模板只能从自己的文件夹里 ``{% include %}`` / ``{% import %}``，外加内置的 ``report/_macros.md.j2``；
  不能读别的文件，也没有任何导入模块的办法；
- 计量在渲染过程中检查：循环的步数和用时（:class:`Budget`）、每一段输出累计的字数、拼接和乘法得到的文字长度，
  超过就停下，报告哪个模板文件、第几行、什么原因。

内置模板用同一个沙箱，只是不限步数和用时（它们是 gen 自己的，输出与原来逐字相同）。
"""

from __future__ import annotations

import contextvars
import datetime as dt
import operator
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace
from pydantic import BaseModel

#: 一段文字（拼接、乘法、join 的结果）最多多少字
MAX_TEXT = 16_000_000
#: 一次渲染累计输出最多多少字（宏里的输出也算）
MAX_OUTPUT = 64_000_000
#: range() 最多多少个数
MAX_RANGE = 100_000
#: 整数乘法、乘方的结果最多多少位（二进制）
MAX_INT_BITS = 4096
#: 一个模板文件最多多少字节
MAX_TEMPLATE_BYTES = 1_000_000
#: 单位模板：循环最多走多少步、最多用多少秒
MAX_STEPS = 5_000_000
MAX_SECONDS = 30.0

BUILTIN_MACROS = "report/_macros.md.j2"
STEP_FILTER = "_gen_steps"


class TemplateLimit(Exception):
    """模板超过了沙箱的某个上限；消息是中文的原因。"""


@dataclass
class Budget:
    """一次渲染的计量。``limited`` 为假时（内置模板）只计数不限制步数和用时。"""

    limited: bool = True
    max_steps: int = field(default_factory=lambda: MAX_STEPS)
    max_seconds: float = field(default_factory=lambda: MAX_SECONDS)
    steps: int = 0
    output: int = 0
    started: float = field(default_factory=time.monotonic)
    sizes: dict[int, tuple[Any, int]] = field(default_factory=dict)  # estimate() 算过的列表、字典、表单对象

    def step(self) -> None:
        self.steps += 1
        if not self.limited:
            return
        if self.steps > self.max_steps:
            raise TemplateLimit(f"循环走了超过 {self.max_steps} 步，可能是循环套得太多层或停不下来")
        if time.monotonic() - self.started > self.max_seconds:
            raise TemplateLimit(f"渲染超过了 {self.max_seconds:g} 秒，可能是循环太多或停不下来")

    def emit(self, size: int) -> None:
        self.output += size
        if self.output > MAX_OUTPUT:
            raise TemplateLimit(f"模板输出的文字超过了 {MAX_OUTPUT} 字")


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("gen_template_budget", default=None)


def current_budget() -> Budget:
    """当前这次渲染的计量；不在渲染中（如编译模板时求常量）时用一份不限步数的。"""
    return _BUDGET.get() or Budget(limited=False)


def run_with_budget(budget: Budget, render: Callable[[], str]) -> str:
    token = _BUDGET.set(budget)
    try:
        return render()
    finally:
        _BUDGET.reset(token)


def _checked_len(value: Any) -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_TEXT:
        raise TemplateLimit(f"得到的文字或列表超过了 {MAX_TEXT} 个字")
    return value


def estimate(value: Any, limit: int = MAX_TEXT) -> int:
    """``str(value)`` 大约有多少字，不真的转换（列表里可以是同一段长文字的许多个引用）。

    列表、字典、表单对象在一次渲染里不会变（沙箱不许修改），算过的记在这次渲染的计量里（连同对象本身，
    免得 id 被别的对象重用），大表单上反复估算也是线性的。超过 ``limit`` 的按 ``limit + 1`` 记。"""
    return min(_estimate(value, current_budget().sizes, limit), limit + 1)


def _estimate(item: Any, memo: dict[int, tuple[Any, int]], limit: int) -> int:
    if isinstance(item, str):
        return len(item)
    if isinstance(item, bool) or item is None:
        return 5
    if isinstance(item, int):
        return item.bit_length() // 3 + 2
    if isinstance(item, (float, Decimal, dt.date)):
        return len(str(item))
    if isinstance(item, Namespace):  # 可以改：每次重算
        return 2 + _estimate(object.__getattribute__(item, "_Namespace__attrs"), memo, limit)
    if not isinstance(item, (dict, list, tuple, set, frozenset, BaseModel)):
        return 64  # 宏、循环变量等：它们的文字很短
    known = memo.get(id(item))
    if known is not None and known[0] is item:
        return known[1]
    children: Iterable[Any]
    if isinstance(item, dict):
        children = (*item.keys(), *item.values())
    elif isinstance(item, BaseModel):
        children = item.__dict__.values()
    else:
        children = item
    total = 2
    for child in children:
        total += 2 + _estimate(child, memo, limit)
        if total > limit:
            total = limit + 1
            break
    memo[id(item)] = (item, total)
    return total


def _guard(value: Any) -> Any:
    if estimate(value) > MAX_TEXT:
        raise TemplateLimit(f"要处理的文字或列表会超过 {MAX_TEXT} 个字")
    return value


def _guarded(function: Callable[..., Any]) -> Callable[..., Any]:
    """过滤器先估算参数的大小（列表里的长文字按引用的次数算），太大就不做。"""

    def apply(*args: Any, **kwargs: Any) -> Any:
        for arg in (*args, *kwargs.values()):
            _guard(arg)
        return _checked_len(function(*args, **kwargs))

    apply.__name__ = getattr(function, "__name__", "filter")
    for marker in ("jinja_pass_arg",):  # pass_environment 之类的标记要留着
        if hasattr(function, marker):
            setattr(apply, marker, getattr(function, marker))
    return apply


def _steps(value: Any) -> Iterator[Any]:
    """每一个 for 循环都经过这里：每走一步记一次账。"""
    budget = current_budget()
    for item in value:
        budget.step()
        yield item


def _limited_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(f"range() 最多 {MAX_RANGE} 个数，这里要 {len(numbers)} 个")
    return numbers


def _join(value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    """join 过滤器：先估算结果的长度，超过上限就不拼。"""
    if attribute is not None:
        raise TemplateLimit("join 过滤器不支持 attribute 参数，请先用 map(attribute=…)")
    items = list(value)
    if estimate(items) + estimate(d) * max(0, len(items) - 1) > MAX_TEXT:
        raise TemplateLimit(f"join 得到的文字会超过 {MAX_TEXT} 个字")
    return str(d).join(str(part) for part in items)


def _multiply(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise TemplateLimit("乘积太大")
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * max(times, 0) > MAX_TEXT:
            raise TemplateLimit(f"乘出来的文字或列表会超过 {MAX_TEXT} 个字")
    return operator.mul(left, right)


def _add(left: Any, right: Any) -> Any:
    if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) \
            and len(left) + len(right) > MAX_TEXT:
        raise TemplateLimit(f"相加得到的文字或列表会超过 {MAX_TEXT} 个字")
    return operator.add(left, right)


def _power(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 \
            and abs(left).bit_length() * right > MAX_INT_BITS:
        raise TemplateLimit("乘方的结果太大")
    return operator.pow(left, right)


def _modulo(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        raise TemplateLimit("模板里不能用 % 格式化文字，请用 ~ 拼接")
    return operator.mod(left, right)


#: 允许的 Jinja 自带过滤器：都是对输入线性的，不会凭空造出很长的文字
JINJA_FILTER_NAMES = (
    "abs", "capitalize", "count", "d", "default", "dictsort", "first", "float", "groupby", "int", "items",
    "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr", "reverse", "round",
    "select", "selectattr", "sort", "string", "title", "trim", "unique", "upper",
)

#: 内置类型上允许调用的方法（只读、不放大文字）
SAFE_METHODS = frozenset({
    "startswith", "endswith", "strip", "lstrip", "rstrip", "split", "splitlines", "lower", "upper",
    "isdigit", "isnumeric", "find", "count", "index", "get", "keys", "values", "items",
})
_PLAIN = (str, int, float, Decimal, bool, list, tuple, dict, set, frozenset, dt.date)


class GenCodeGenerator(CodeGenerator):
    """在编译出的代码里插入计量：for 循环的每一步、每一段输出、每一次 ``~`` 拼接。"""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, STEP_FILTER, [], [], None, None, lineno=loop.lineno)
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.gen_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def _output_const_repr(self, group: Iterable[Any]) -> str:
        return f"environment.gen_emit({super()._output_const_repr(group)})"

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        super()._output_child_pre(node, frame, finalize)
        self.write("environment.gen_emit(")  # 在转成文字之前估算：str(environment.gen_emit(值))

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        self.write(")")
        super()._output_child_post(node, frame, finalize)


class GenSandbox(ImmutableSandboxedEnvironment):
    """gen 的模板环境（内置模板用它：沙箱的属性、全局对象、过滤器规则都在，编译出的代码里不插计量）。"""

    def __init__(self, loader: BaseLoader, filters: dict[str, Callable[..., Any]]) -> None:
        super().__init__(loader=loader, undefined=StrictUndefined, autoescape=False,
                         keep_trailing_newline=True, trim_blocks=False)
        self.globals.clear()
        self.globals.update({"range": _limited_range, "namespace": Namespace, "dict": dict})
        allowed = {name: JINJA_FILTERS[name] for name in JINJA_FILTER_NAMES}
        allowed["join"] = _join
        allowed[STEP_FILTER] = _steps
        self.filters.clear()
        self.filters.update(allowed)
        self.filters.update(filters)
        self.binop_table.update({"*": _multiply, "+": _add, "**": _power, "%": _modulo})

    def gen_concat(self, parts: tuple[Any, ...]) -> str:
        if estimate(parts) > MAX_TEXT:
            raise TemplateLimit(f"用 ~ 拼出来的文字会超过 {MAX_TEXT} 个字")
        return "".join(str(part) for part in parts)

    def gen_emit(self, value: Any) -> Any:
        current_budget().emit(estimate(value, MAX_OUTPUT))
        return value

    def wrap_str_format(self, value: Any) -> None:
        """``str.format`` 能排出任意宽的文字：不提供（拼文字用 ``~``），取它时按不允许的方法处理。"""
        return None

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        return _checked_len(self.binop_table[operator](left, right))

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, (BaseModel, *_PLAIN)):  # 答案只取决于类型和属性名：记下来，大表单上不反复判断
            key = (type(obj), attr)
            known = _SAFE_CACHE.get(key)
            if known is None:
                known = _SAFE_CACHE[key] = self._safe_on_type(obj, attr, value)
            return known
        return super().is_safe_attribute(obj, attr, value)

    def _safe_on_type(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, BaseModel):
            cls = type(obj)
            return attr in cls.model_fields or isinstance(getattr(cls, attr, None), property)
        return not callable(value) or attr in SAFE_METHODS


class MeteredSandbox(GenSandbox):
    """单位模板的环境：编译出的代码里插入计量（循环步数、输出字数、拼接长度），见 :class:`GenCodeGenerator`；
    每个过滤器先估算参数的大小。"""

    code_generator_class = GenCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, loader: BaseLoader, filters: dict[str, Callable[..., Any]]) -> None:
        super().__init__(loader, filters)
        for name, function in list(self.filters.items()):
            if name not in (STEP_FILTER, "join"):
                self.filters[name] = _guarded(function)


_SAFE_CACHE: dict[tuple[type, str], bool] = {}


class FolderLoader(BaseLoader):
    """只从给定的几个文件夹里找模板；名字里不许有 ``..``、绝对路径，找到的文件必须真在文件夹里（不跟随指出去的链接）。

    ``roots`` 按顺序查找：单位模板的文件夹在前，内置模板的文件夹在后（只给出 :data:`BUILTIN_MACROS`
    和内置的各类型模板）。
    """

    def __init__(self, roots: list[tuple[Path, frozenset[str] | None]]) -> None:
        self.roots = [(root.resolve(), names) for root, names in roots]

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        parts = template.replace("\\", "/").split("/")
        if template.startswith("/") or any(part in ("", ".", "..") or ":" in part for part in parts):
            raise TemplateNotFound(template)
        for root, names in self.roots:
            if names is not None and template not in names:
                continue
            path = root.joinpath(*parts)
            try:
                real = path.resolve(strict=True)
            except OSError:
                continue
            if not real.is_relative_to(root) or not real.is_file():
                continue
            data = real.read_bytes()[: MAX_TEMPLATE_BYTES + 1]
            if len(data) > MAX_TEMPLATE_BYTES:
                raise TemplateLimit(f"模板文件超过了 {MAX_TEMPLATE_BYTES} 字节")
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise TemplateLimit("模板文件不是 UTF-8 编码，请用记事本“另存为”UTF-8") from None
            mtime = real.stat().st_mtime
            return text, str(real), lambda p=real, m=mtime: p.exists() and p.stat().st_mtime == m
        raise TemplateNotFound(template)
