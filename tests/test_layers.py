"""房子的结构：文件夹就是流水线，导入只往下走（函数里的导入也算），没有循环导入。

读出每个模块的全部 import 语句（ast，不运行代码），按下面的楼层表检查。新加一个文件夹时要在这里给它一层；
docs/architecture.md 画的是同一张表。
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "generator"

# 从下往上：每个模块只能导入同层或更低层的模块（同层之间也不能成环）
FLOORS: list[tuple[str, ...]] = [
    ("errors", "resources", "gcpause", "modelbase"),  # 地基：不导入 gen 的任何其他部分
    ("read",),  # 读取：文件、编码、YAML、位置
    ("indicators",),  # 指标：模型、派生数字、引用、公式、指标表格
    ("form",),  # 表单：模型、校验、日期、序号、“请补写”
    ("compute",),  # 计算：代入引用、算出派生数字
    ("render",),  # 渲染：Jinja 模板 → 带标注的 Markdown → 中间结构 Document
    ("write",),  # 写出：Word、Markdown、PDF、安全写盘、版式
    ("checks", "importer"),  # 内容检查；把写好的报告读回表单
    ("pipeline",),  # 整条链，只写一次
    ("batch", "rollup", "starter", "edit", "doctor"),  # 建在链上的子包；体检（gen doctor）
    ("api",),  # 每个命令都经过的门面
    ("cli",),  # 命令行外壳
    ("__main__",),
]
FLOOR = {name: level for level, names in enumerate(FLOORS) for name in names}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> list[tuple[str, int]]:
    """这个模块导入的 gen 模块（绝对名）和行号，包括函数里的导入。"""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names if alias.name.startswith("generator")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif node.module and node.module.startswith("generator"):
                target = node.module
            else:
                continue
            for alias in node.names:  # from . import 子模块：指向子模块本身
                sub = f"{target}.{alias.name}"
                found.append((sub if sub in MODULES else target, node.lineno))
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _room(module: str) -> str:
    """模块所在的“房间”：generator 下面的第一级（文件夹或文件）。"""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_room_has_a_floor() -> None:
    rooms = {_room(m) for m in MODULES} - {"__init__"}
    assert sorted(rooms - set(FLOOR)) == [], "新的文件夹或模块要在 FLOORS 里给它一层"


def test_no_import_runs_up_a_floor() -> None:
    upward = []
    for module, imports in GRAPH.items():
        room = _room(module)
        if room == "__init__":
            continue
        for target, line in imports:
            if target == "generator" or _room(target) == "__init__":
                continue
            if FLOOR[_room(target)] > FLOOR[room]:
                upward.append(f"{MODULES[module].relative_to(REPO)}:{line} 导入了上层的 {target}")
    assert upward == []


def test_no_import_circle() -> None:
    """模块之间没有环（深度优先找回边），房间之间也没有环。"""
    def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
        found: list[list[str]] = []
        state: dict[str, int] = {}
        stack: list[str] = []

        def visit(node: str) -> None:
            state[node] = 1
            stack.append(node)
            for nxt in sorted(graph.get(node, ())):
                if state.get(nxt) == 1:
                    found.append([*stack[stack.index(nxt):], nxt])
                elif nxt not in state:
                    visit(nxt)
            stack.pop()
            state[node] = 2

        for node in sorted(graph):
            if node not in state:
                visit(node)
        return found

    modules = {m: {t for t, _ in imports if t in MODULES and t != m} for m, imports in GRAPH.items()}
    assert cycles(modules) == []
    rooms: dict[str, set[str]] = {}
    for module, targets in modules.items():
        rooms.setdefault(_room(module), set()).update(_room(t) for t in targets if _room(t) != _room(module))
    assert cycles(rooms) == []


def test_the_top_floor_stays_small() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_400_lines(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{MODULES[module].relative_to(REPO)} 有 {lines} 行：拆成几个各管一件事的模块"


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """检查本身会失败：读取阶段的模块若导入表单阶段，会被找出来。"""
    fake = tmp_path / "generator" / "read" / "x.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("def f():\n    from ..form.models import Form\n", encoding="utf-8")
    MODULES["generator.read.x"] = fake
    try:
        imports = _imports("generator.read.x", fake)
    finally:
        del MODULES["generator.read.x"]
    assert imports == [("generator.form.models", 2)]
    assert FLOOR[_room(imports[0][0])] > FLOOR[_room("generator.read.x")]
