"""编辑页面上看得到的每一句话都不带命令行的词（-o、--force、“命令行”、gen report……）。

三处来源：页面自己的脚本和 HTML（static/）里的字符串；下层（读取、检查、渲染、写盘、空白表单）与命令行共用的消息，
经 generator/edit/wording.py 改写后发给页面；服务器在各种文件问题下真正发出的回答。
"""

from __future__ import annotations

import ast
import hashlib
import re
from pathlib import Path

import pytest
from conftest import VALID_FORM
from hypothesis import given
from hypothesis import strategies as st
from starlette.testclient import TestClient

from generator.edit.app import create_app
from generator.edit.wording import CLI_WORDS, for_page, page_json

GENERATOR = Path(__file__).resolve().parents[2] / "generator"
STATIC = GENERATOR / "edit" / "static"
# 编辑页面用得到的下层：命令行专用的（cli、api、batch、rollup、doctor、gen import、gen template）不在其中
REACHABLE = ["errors.py", "read", "form", "indicators", "compute.py", "checks", "render", "write", "pipeline.py",
             "starter/__init__.py", "starter/sheet.py", "edit"]


def _strings(path: Path) -> list[tuple[int, str]]:
    """文件里的字符串（f-string 的 {…} 换成“〇”：不算汉字，以免把程序参数当成消息），不含文档字符串。"""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(value) for value in node.values)
            found.append((node.lineno, "".join(str(v.value) if isinstance(v, ast.Constant) else "〇"
                                               for v in node.values)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            found.append((node.lineno, node.value))
    return found


def _messages() -> list[tuple[str, str]]:
    """下层里给人看的、带命令行词的消息（有汉字、不是多行的文件内容）。"""
    out: list[tuple[str, str]] = []
    for entry in REACHABLE:
        paths = [GENERATOR / entry] if entry.endswith(".py") else sorted((GENERATOR / entry).rglob("*.py"))
        for path in paths:
            if path.name == "lo_worker.py" or path.parts[-2:] in (("edit", "wording.py"), ("edit", "__init__.py")):
                continue  # 给 LibreOffice 的参数；对照表本身；启动前在命令行窗口里说的话
            for line, text in _strings(path):
                if re.search(r"[\u4e00-\u9fff]", text) and "\n" not in text and CLI_WORDS.search(text):
                    out.append((f"{path.relative_to(GENERATOR)}:{line}", text))
    return out


MESSAGES = _messages()


def test_the_scan_finds_the_known_cli_messages() -> None:
    """扫描本身管用：已知的几条命令行说法都被找到了。"""
    texts = " ".join(text for _, text in MESSAGES)
    for known in ("请用 -o 写到别的文件夹", "请加 --force", "gen report 生成时", "（-f docx）", "可以运行 gen init"):
        assert known in texts
    assert len(MESSAGES) >= 20


@pytest.mark.parametrize(("where", "text"), MESSAGES, ids=[where for where, _ in MESSAGES])
def test_every_shared_message_reads_without_cli_words_on_the_page(where: str, text: str) -> None:
    shown = for_page(text)
    assert not CLI_WORDS.search(shown), (where, shown)
    assert re.search(r"[\u4e00-\u9fff]{2}", shown), (where, shown)  # 还剩一句中文


@pytest.mark.parametrize(("cli", "page"), [
    ("“甲.docx”是只读文件，gen 不会替换它。如果确实要重新生成，请先在文件属性里去掉“只读”，或用 -o 写到别的文件名。",
     "“甲.docx”是只读文件，gen 不会替换它。如果确实要重新生成，请先在文件属性里去掉“只读”，或另存为别的文件名。"),
    ("没有权限在文件夹“D:\\报告”里写文件（文件夹是只读的，或您没有写入权限）。请用 -o 写到别的文件夹，例如桌面或“文档”。",
     "没有权限在文件夹“D:\\报告”里写文件（文件夹是只读的，或您没有写入权限）。"
     "请把表单复制到可以写入的文件夹（例如桌面或“文档”）里，再从那里打开。"),
    ("“表.docx”已经存在，而且不是 gen 生成的（可能是您原来的报告），gen 不会覆盖它。"
     "请用 -o 另起一个文件名（如 -o 表-新.docx），或先把原来的文件改名；确定要覆盖它，请加 --force。",
     "“表.docx”已经存在，而且不是 gen 生成的（可能是您原来的报告），gen 不会覆盖它。"
     "请另存为一个新的文件名（如 表-新.docx），或先把原来的文件改名。"),
    ("“，”是半角标点；gen report 生成时会自动改成全角，原文也请一并改正。",
     "“，”是半角标点；生成时会自动改成全角，原文也请一并改正。"),
])
def test_known_messages_become_page_wording(cli: str, page: str) -> None:
    assert for_page(cli) == page


def test_only_message_keys_are_rewritten() -> None:
    """表单的文字、对话框里列出的行原样发出：办事员自己写的“-o”不能被改掉。"""
    data = {"error": "请用 -o 指定别的文件名。", "text": "备注: 用 -o 参数", "diagnostics": [
        {"message": "可以运行 gen init 生成一份带说明的空白表单。", "hint": None, "line": 3}],
        "changes": [{"disk": ["a: --force"], "page": ["b"]}]}
    assert page_json(data) == {"error": "请另存为别的文件名。", "text": "备注: 用 -o 参数", "diagnostics": [
        {"message": "可以打开表单所在的文件夹，在页面上新建一份带说明的空白表单。", "hint": None, "line": 3}],
        "changes": [{"disk": ["a: --force"], "page": ["b"]}]}


@given(st.text(alphabet=st.sampled_from(list("请用 -o--force 命令行 gen report 生成。；，甲乙丙（）\n")), max_size=80))
def test_for_page_never_leaves_cli_words(text: str) -> None:
    assert not CLI_WORDS.search(for_page(text))


# ---------------------------------------------------------------- 页面自己的文字


def _js_strings(source: str) -> list[str]:
    """JS 里的字符串字面量（跳过注释）。"""
    out, i, n = [], 0, len(source)
    while i < n:
        ch = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i) if "\n" in source[i:] else n
        elif source.startswith("/*", i):
            i = source.index("*/", i) + 2
        elif ch in "\"'`":
            j = i + 1
            while source[j] != ch:
                j += 2 if source[j] == "\\" else 1
            out.append(source[i + 1:j])
            i = j + 1
        else:
            i += 1
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in STATIC.glob("*.js")))
def test_page_scripts_show_no_cli_words(name: str) -> None:
    strings = _js_strings((STATIC / name).read_text(encoding="utf-8"))
    assert strings  # 扫描读得出这个文件
    shown = [s for s in strings if re.search(r"[\u4e00-\u9fff]", s)]
    assert [s for s in shown if CLI_WORDS.search(s) or re.search(r"\bgen edit\b", s)] == []


def test_page_html_shows_no_cli_words() -> None:
    html = re.sub(r"<!--.*?-->", "", (STATIC / "index.html").read_text(encoding="utf-8"), flags=re.S)
    visible = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    texts = re.findall(r">([^<]+)<", visible) + re.findall(r'(?:placeholder|title|aria-label)="([^"]*)"', visible)
    assert any("生成 PDF" in t for t in texts)
    assert [t for t in texts if CLI_WORDS.search(t) or "gen edit" in t] == []


# ---------------------------------------------------------------- 服务器真正发出的回答

BASE = "http://127.0.0.1:8765"
ORIGIN = {"Origin": BASE}


def _client(target: Path) -> TestClient:
    return TestClient(create_app(target, token="abc", port=8765), base_url=BASE, headers={"X-Gen-Token": "abc"})


def _words(response_json: object) -> list[str]:
    found: list[str] = []

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in ("error", "message", "hint") and CLI_WORDS.search(value):
            found.append(value)
    walk(response_json)
    return found


def test_file_problems_reach_the_page_without_cli_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    form = tmp_path / "表单.yaml"
    text = VALID_FORM.replace("人才短缺。", "请补写")  # gen import 留下的空位
    form.write_text(text, encoding="utf-8")
    test = _client(tmp_path)
    form.write_text(VALID_FORM, encoding="utf-8")
    body = {"name": "表单.yaml", "hash": hashlib.sha256(form.read_bytes()).hexdigest()}
    answers = []

    checked = test.post("/api/check", json={"name": "表单.yaml", "text": text}, headers=ORIGIN).json()
    assert any("导入时在原文里没有找到" in d["message"] for d in checked["diagnostics"])
    answers.append(checked)

    (tmp_path / "表单.docx").mkdir()  # 同名的文件夹：只能另存为
    folder = test.post("/api/generate", json={**body, "format": "docx"}, headers=ORIGIN)
    assert folder.status_code == 409 and folder.json()["can_overwrite"] is False
    answers.append(folder.json())

    (tmp_path / "表单.md").write_text("旧的", encoding="utf-8")
    (tmp_path / "表单.md").chmod(0o444)  # 只读：只能另存为
    readonly = test.post("/api/generate", json={**body, "format": "md"}, headers=ORIGIN)
    assert readonly.status_code == 409 and readonly.json()["owner"] == "readonly"
    assert readonly.json()["can_overwrite"] is False and "只读" in readonly.json()["error"]
    answers.append(readonly.json())
    forced = test.post("/api/generate", json={**body, "format": "md", "overwrite": True}, headers=ORIGIN)
    assert forced.status_code == 409 and forced.json()["file_problem"] is True and "只读" in forced.json()["error"]
    assert "另存为别的文件名" in forced.json()["error"]
    answers.append(forced.json())
    saved_as = test.post("/api/generate", json={**body, "format": "md", "output": readonly.json()["suggested"]},
                         headers=ORIGIN)
    assert saved_as.status_code == 200 and (tmp_path / "表单-新.md").is_file()

    import generator.write.pdf as pdf_module  # 这台电脑上没有 LibreOffice

    monkeypatch.setattr(pdf_module, "locate_soffice", lambda: None)
    pdf = test.post("/api/generate", json={**body, "format": "pdf"}, headers=ORIGIN)
    assert pdf.status_code == 409 and "LibreOffice" in pdf.json()["error"]
    answers.append(pdf.json())

    taken = test.post("/api/new", json={"name": "表单.yaml"}, headers=ORIGIN)
    assert taken.status_code == 409 and "不会覆盖它" in taken.json()["error"]
    answers.append(taken.json())
    answers.append(TestClient(create_app(form, token="abc", port=8765), base_url=BASE)
                   .get("/api/session").json())  # 没带令牌
    answers.append(_client(form).post("/api/new", json={"name": "乙"}, headers=ORIGIN).json())
    for answer in answers:
        assert _words(answer) == [], answer


def test_field_hints_from_the_schema_show_no_cli_words(tmp_path: Path) -> None:
    """字段旁边的说明来自 JSON Schema（static/fields.js 读每个字段的 description）：同样不带命令行的词。"""
    schema = _client(tmp_path).get("/api/schema").json()
    hints = {key: value.get("description", "") for key, value in schema["properties"].items()}
    assert hints["单位"] and len(hints) > 10
    assert {key: hint for key, hint in hints.items() if CLI_WORDS.search(hint)} == {}


def test_a_read_only_form_says_what_to_do_about_saving(tmp_path: Path) -> None:
    form = tmp_path / "表单.yaml"
    form.write_text(VALID_FORM, encoding="utf-8")
    form.chmod(0o444)
    try:
        base = hashlib.sha256(form.read_bytes()).hexdigest()
        answer = _client(form).post("/api/save", json={"name": "表单.yaml", "text": VALID_FORM + "# 改\n",
                                                       "hash": base}, headers=ORIGIN)
        assert answer.status_code == 409 and answer.json()["file_problem"] is True
        assert answer.json()["error"].startswith("“表单.yaml”是只读文件，保存不了。请在文件属性里去掉“只读”后再保存")
        assert "生成" not in answer.json()["error"] and not CLI_WORDS.search(answer.json()["error"])
        assert form.read_text(encoding="utf-8") == VALID_FORM
    finally:
        form.chmod(0o644)
