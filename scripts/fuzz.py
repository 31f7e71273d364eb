"""长时间的模糊测试：把示例表单、生成的报告（.md/.txt/.docx）随机改坏，交给 gen report / check / import，
统计崩溃、卡住、占内存、没有位置的错误、模板语法泄漏到文档、导入写出 gen 不认的表单。

用法（在仓库根目录）::

    python scripts/fuzz.py -n 20000            # 两个工作进程，每个输入 10 秒、400 MB 上限
    python scripts/fuzz.py -n 2000 --seed 7 --workers 4 --keep fuzz-failures

每个输入在工作进程里直接调用 ``generator.cli.commands.run``（不启动新的 Python，所以很快）；超时或超出
内存时杀掉该工作进程，记为“卡住”/“内存”，并换一个新的。发现问题的输入存到 ``--keep`` 文件夹，
文件名说明是哪一类问题、用什么命令。最后打印各类计数；全部为 0 时退出码为 0。
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing as mp
import random
import re
import resource
import sys
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # fuzz_sheets

# ---------------------------------------------------------------- 变异素材

NASTY = [
    # Unicode 边角
    "\u200b", "\ufeff", "\U0001f600", "𠀀", "\u202e", "e\u0301", "\u3000", "　　", "\u2028", "\u2029",
    "\x85", "\x0b", "\x0c", "\x1c", "\x1e", "\x7f", "\x00", "\ufffe", "\uffff", "\ud800", "\\ud800",
    "﻿", "Ａ", "１２３", "\t", "\r", "\r\n",
    # 模板语法
    "{{", "}}", "{%", "%}", "{#", "#}", "{% raw %}", "{% endraw %}", "{{甲}}", "{{体检人数}}", "{{ 体检人数.同比 }}",
    "{{体检人数|safe}}", "{{''.__class__}}", "{甲}", "｛｛甲｝｝", "{{体检人数.环比}}", "{{本期}}", "{{同比}}",
    "{% for x in y %}", "{{ 1 + 1 }}", "{{{{", "}}}}",
    # 数字的边
    "1e-999999", "1e999999", "-0", "0", "NaN", "Infinity", "-Infinity", "1e15", "999999999999999",
    "0.00000000001", "1,234", "12.5%", "88.64％", "-5", "1e-10", "0x1F", "1_000", "٣", "½",
    # 序号和结构
    "九十九是", "一百是", "（一百）", "（九十九）", "一百零一、", "一、", "1.", "（1）", "①", "- x", ": x", "# 注释",
    "&a", "*a", "!!python/object:os.system", "|", ">", "'", '"', "\\", "\n- 单位", "\n  - 标题: x", "[", "]",
    "[" * 200, "{" * 200, "x" * 5000, "{{" * 2000, "1" * 3000, "一二" * 2000, " " * 3000, "。" * 2000,
    "较去年1人增长5%", "完成率为88.64", "共8人，其中12人", "XX", "***", "（）", "2099年", "3亿4500万",
]
EDGE_VALUES = ["", "~", "null", "true", "[]", "{}", "0", "-1", "2024", "99999", "2025-13-45", "1e-999999",
               "'x'", "\"\\ud800\"", "\"\\x0b\"", "[1, [2, [3]]]", "{a: 1}", "*a", "&a x", "!!binary AAAA"]

_SCALAR = re.compile(r"^(\s*(?:- )?[^\s:#\-][^:\n]*: )(\S.*)$")
_ITEM = re.compile(r"^(\s*- )(\S.*)$")


def _nasty(rng: random.Random) -> str:
    text = "".join(rng.choice(NASTY) for _ in range(rng.choice((1, 1, 1, 2, 3))))
    return text * rng.choice((1, 1, 1, 2, 50))


def _quoted(rng: random.Random, text: str) -> str:
    if rng.random() < 0.5:
        return json.dumps(text, ensure_ascii=rng.random() < 0.3)
    return text


def mutate_form(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.choice((1, 1, 2, 3, 5))):
        op = rng.random()
        index = rng.randrange(len(lines)) if lines else 0
        line = lines[index] if lines else ""
        scalar, item = _SCALAR.match(line), _ITEM.match(line)
        if op < 0.35 and (scalar or item):
            head, value = (scalar or item).groups()  # type: ignore[union-attr]
            where = rng.randrange(len(value) + 1)
            new = value[:where] + _nasty(rng) + value[where:]
            lines[index] = head + (_quoted(rng, new) if rng.random() < 0.5 else new)
        elif op < 0.5 and (scalar or item):
            head, _ = (scalar or item).groups()  # type: ignore[union-attr]
            lines[index] = head + rng.choice([*EDGE_VALUES, _quoted(rng, _nasty(rng))])
        elif op < 0.62 and item:
            # 把一个列表项复制很多次（100 项以上的编号）
            end = index + 1
            indent = len(line) - len(line.lstrip())
            while end < len(lines) and (len(lines[end]) - len(lines[end].lstrip()) > indent or not lines[end].strip()):
                end += 1
            block = lines[index:end]
            lines[index:end] = block * rng.choice((2, 10, 101, 120))
        elif op < 0.7:
            lines.insert(index, lines[index] if lines else "")
        elif op < 0.76 and lines:
            del lines[index]
        elif op < 0.82:
            lines.insert(index, " " * rng.randrange(8) + _nasty(rng))
        elif op < 0.88 and lines:
            lines[index] = " " * rng.choice((1, 2, 3, 4, 6)) + line.lstrip()
        elif op < 0.94:
            other = rng.randrange(len(lines)) if lines else 0
            if lines:
                lines[index], lines[other] = lines[other], lines[index]
        else:
            joined = "\n".join(lines)
            cut = rng.randrange(len(joined) + 1)
            lines = (joined[:cut] + _nasty(rng) + joined[cut + rng.randrange(20):]).split("\n")
    return "\n".join(lines)


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    raw = bytearray(data)
    for _ in range(rng.choice((1, 2, 4))):
        op = rng.random()
        at = rng.randrange(len(raw) + 1)
        if op < 0.4 and raw:
            raw[min(at, len(raw) - 1)] = rng.randrange(256)
        elif op < 0.6:
            raw[at:at] = rng.choice((b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xe4\xb8"))
        elif op < 0.8:
            raw = raw[:at]
        else:
            raw[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
    return bytes(raw)


def mutate_report(rng: random.Random, text: str) -> str:
    paragraphs = text.split("\n")
    for _ in range(rng.choice((1, 2, 3))):
        op = rng.random()
        index = rng.randrange(len(paragraphs)) if paragraphs else 0
        if op < 0.4 and paragraphs:
            para = paragraphs[index]
            where = rng.randrange(len(para) + 1)
            paragraphs[index] = para[:where] + _nasty(rng) + para[where:]
        elif op < 0.55 and paragraphs:
            paragraphs[index:index + 1] = [paragraphs[index]] * rng.choice((2, 20, 101))
        elif op < 0.7:
            paragraphs.insert(index, rng.choice(("（九十九）", "（一百）加强管理。", "一百零一、", "九十九是", "（一）",
                                                 "一、", "| a | b |", "> 引用", "**加粗**", "# 标题", "")))
        elif op < 0.8 and paragraphs:
            del paragraphs[index]
        else:
            noise = "".join(rng.choice("（）一二三四五六七八九十百零是、。.1") for _ in range(rng.randrange(1, 12)))
            paragraphs.insert(index, noise)
    return "\n".join(paragraphs)


_TEXT = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def mutate_docx(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.15:
        return mutate_bytes(rng, data)
    from fuzz_frames import with_document_xml

    return with_document_xml(data, lambda xml: _mutate_document_xml(rng, xml))


def _xml_escape(text: str) -> str:
    cleaned = "".join(ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF
                                                               and ch not in "\ufffe\uffff"))
    return cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mutate_document_xml(rng: random.Random, xml: bytes) -> bytes:
    matches = list(_TEXT.finditer(xml))
    for _ in range(rng.choice((1, 2, 3))):
        op = rng.random()
        if op < 0.5 and matches:
            match = rng.choice(matches)
            new = _xml_escape(_nasty(rng)).encode("utf-8")
            xml = xml[:match.start(1)] + new + xml[match.end(1):]
            matches = list(_TEXT.finditer(xml))
        elif op < 0.7:
            table = (b'<w:tbl><w:tr><w:tc><w:tcPr>' + rng.choice((b'<w:vMerge w:val="continue"/>',
                     b'<w:gridSpan w:val="abc"/>', b'<w:gridSpan w:val="99999999"/>', b'<w:gridSpan w:val="-3"/>',
                     b'<w:vMerge/>', b"")) + b'</w:tcPr><w:p><w:r><w:t>'
                     + _xml_escape(_nasty(rng)).encode() + b'</w:t></w:r></w:p><w:p><w:r><w:t>\xe7\xac\xac\xe4\xba\x8c'
                     b'</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
            at = xml.find(b"<w:p>") if b"<w:p>" in xml else xml.find(b"<w:p ")
            if at > 0:
                xml = xml[:at] + table + xml[at:]
        elif op < 0.85 and matches:
            match = rng.choice(matches)
            start = xml.rfind(b"<w:p>", 0, match.start())
            start = start if start >= 0 else xml.rfind(b"<w:p ", 0, match.start())
            end = xml.find(b"</w:p>", match.end())
            if start >= 0 and end >= 0:
                para = xml[start:end + 6]
                xml = xml[:start] + para * rng.choice((2, 101)) + xml[end + 6:]
                matches = list(_TEXT.finditer(xml))
        else:
            at = rng.randrange(len(xml))
            xml = xml[:at] + rng.choice((b"<", b"&", b"]]>", b"<w:p>", b"\xff")) + xml[at:]
    return xml


# ---------------------------------------------------------------- 种子输入


def seeds() -> dict[str, list[bytes]]:
    from generator.api import build_report

    forms = [path.read_bytes() for path in sorted((REPO / "examples").glob("*.yaml"))]
    base = REPO.parent / "shared" / "repro" / "base_valid.yaml"
    if base.exists():
        forms.append(base.read_bytes())
    reports: list[bytes] = []
    words: list[bytes] = []
    for path in sorted((REPO / "examples").glob("*.yaml")):
        report = build_report(path)
        markdown = report.markdown()
        reports.append(markdown.encode("utf-8"))
        reports.append(re.sub(r"[#*\\>]", "", markdown).encode("utf-8"))
        words.append(report.docx())
    return {"yaml": forms, "txt": reports, "docx": words}


@dataclass
class Case:
    number: int
    kind: str  # yaml / txt / md / docx；--mode sheets：sheet / formula / rollup
    data: bytes
    files: dict[str, bytes] | None = None  # 表格、公式、汇总的输入（文件名 → 内容）
    expect: dict[str, Any] | None = None  # 独立算出的应得结果（见 fuzz_sheets）


SHEET_KINDS = ("sheet", "formula", "rollup")


def make_sheet_case(rng: random.Random, number: int) -> Case:
    import fuzz_sheets

    kind = rng.choice(SHEET_KINDS)
    make = {"sheet": fuzz_sheets.sheet_case, "formula": fuzz_sheets.formula_case, "rollup": fuzz_sheets.rollup_case}
    files, expect = make[kind](rng)
    return Case(number, kind, b"", files, expect)


def make_case(rng: random.Random, number: int, pool: dict[str, list[bytes]]) -> Case:
    import fuzz_frames

    if rng.random() < 0.4:  # 公文一组、新类型、红头文件、单位模板的公文默认值（fuzz_frames）
        if rng.random() < 0.15:
            return Case(number, "template", b"", fuzz_frames.template_case(rng, pool["yaml"]))
        if rng.random() < 0.55:
            data, valid, wrong = fuzz_frames.frame_form(rng, pool["yaml"])
            if not valid and rng.random() < 0.3:
                data = mutate_form(rng, data.decode("utf-8")).encode("utf-8", "surrogatepass")
                wrong = False  # 改过的表单不一定还有那个错
            return Case(number, "frame", data, expect={"valid": valid, "wrong": wrong})
        for _ in range(50):
            data, valid, _ = fuzz_frames.frame_form(rng, pool["yaml"])
            if valid:
                break
        return Case(number, "redhead", data, expect={"seed": rng.randrange(2**32)})
    roll = rng.random()
    if roll < 0.6:
        base = rng.choice(pool["yaml"])
        if rng.random() < 0.85:
            data = mutate_form(rng, base.decode("utf-8")).encode("utf-8", "surrogatepass")
        else:
            data = mutate_bytes(rng, base)
        return Case(number, "yaml", data)
    if roll < 0.85:
        base = rng.choice(pool["txt"])
        data = mutate_report(rng, base.decode("utf-8")).encode("utf-8", "surrogatepass")
        if rng.random() < 0.1:
            data = mutate_bytes(rng, data)
        return Case(number, rng.choice(("txt", "md")), data)
    return Case(number, "docx", mutate_docx(rng, rng.choice(pool["docx"])))


# ---------------------------------------------------------------- 在工作进程里运行


LEAK = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
# 给用户看的说明里不该有英文的异常或字段名（文件路径、GEN 编号、示例值除外）
ENGLISH = re.compile(r"\b(?:Error|Exception|Traceback|Input should|Field required|validation error|"
                     r"object has no attribute|NoneType|TypeError|ValueError|KeyError)\b")
LOCATED = re.compile(r":\d+(?::\d+)?: ")
# 针对整个文件的错误（超过大小上限）没有行号可指：写明是哪个文件、该怎么办就算有位置
WHOLE_FILE = ("表单文件太大",)


def _run(args: list[str]) -> tuple[int, str]:
    from generator.cli.commands import run

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run(args)
    return code, err.getvalue()


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def run_case(case: Case, folder: Path) -> list[tuple[str, str]]:
    """返回发现的问题：[(类别, 说明)]。"""
    if case.kind in SHEET_KINDS:
        import fuzz_sheets

        return fuzz_sheets.run_sheet_case(case.kind, case.files or {}, case.expect or {}, folder, _run)
    problems: list[tuple[str, str]] = []

    def judge_in(command: str, source: Path, code: int, err: str, form: bool) -> None:
        if "内部出错" in err or "Traceback" in err or code not in (0, 1, 2):
            problems.append(("崩溃", f"{command}: {err.strip()[:300]}"))
            return
        if code == 1:
            first = err.strip().splitlines()[0] if err.strip() else ""
            if not first:
                problems.append(("没有位置", f"{command}: 退出码 1 却没有任何说明"))
            else:
                # 表单的错误要有行号；报告（.docx/.txt）的错误至少要指明是哪个文件
                located = LOCATED.search(first) is not None or "内容检查发现错误" in first
                whole_file = any(mark in first for mark in WHOLE_FILE) and source.name in first
                if not located and not whole_file and (form or source.name not in first):
                    problems.append(("没有位置", f"{command}: {first[:200]}"))
        if ENGLISH.search(err):
            problems.append(("英文", f"{command}: {ENGLISH.search(err).group(0)[:200]}"))  # type: ignore[union-attr]

    if case.kind == "template":
        import fuzz_frames

        return problems + fuzz_frames.run_template_case(case.files or {}, folder, _run, judge_in)
    if case.kind == "redhead":
        import fuzz_redhead

        seed = (case.expect or {})["seed"]
        return problems + fuzz_redhead.run_frame_docx(case.data, seed, folder, _run, judge_in)
    source = folder / f"输入{case.number}.{'yaml' if case.kind == 'frame' else case.kind}"
    source.write_bytes(case.data)

    def judge(command: str, code: int, err: str, *, form: bool) -> None:
        judge_in(command, source, code, err, form)

    if case.kind in ("yaml", "frame"):
        out = folder / f"输出{case.number}"
        code, err = _run(["report", str(source), "-f", "docx,md", "-o", str(out), "--force"])
        judge("report", code, err, form=True)
        if case.kind == "frame" and (case.expect or {}).get("valid") and code != 0:
            problems.append(("误拒", f"对的公文和类型：{err.strip()[:300]}"))
        if code == 0 and case.kind == "frame":
            import fuzz_frames

            for written in out.glob("*.docx"):
                why = fuzz_frames.readback(written)
                if why:
                    problems.append(("读不回", f"{written.name}：{why}"))
            # 写坏了也生成了的红头（很长的机关名、表情、控制字符……）再导入：导入的表单一定读得进
            for written in sorted(out.iterdir()):
                back = folder / f"回{case.number}{written.suffix}.yaml"
                code, err = _run(["import", str(written), "-o", str(back), "--force"])
                judge_in("import 生成的红头", written, code, err, False)
                if code == 0:
                    code, err = _run(["check", str(back)])
                    judge_in("check 导入的表单", back, code, err, True)
                    bad = [line for line in err.splitlines()
                           if "错误：" in line and "还没有填写" not in line and "[GEN" not in line]
                    if bad:
                        problems.append(("导入后读不进", bad[0][:200]))
        if code == 0:
            for written in out.iterdir():
                text = written.read_text(encoding="utf-8") if written.suffix == ".md" else _docx_text(written)
                found = LEAK.search(text)
                if found:
                    around = text[max(0, found.start() - 30):found.end() + 30]
                    problems.append(("模板泄漏", f"{written.name}: …{around}…"))
        code, err = _run(["check", str(source)])
        judge("check", code, err, form=True)
        expect = case.expect or {}
        if expect.get("valid") and code != 0:
            problems.append(("误拒", f"check 对的公文和类型：{err.strip()[:300]}"))
        if expect.get("wrong") and code != 1:
            problems.append(("没拒绝", "check 没有指出公文里写错的值"))
        return problems
    code, err = _run(["check", str(source)])
    judge("check", code, err, form=False)
    form = folder / f"导入{case.number}.yaml"
    code, err = _run(["import", str(source), "-o", str(form), "--force"])
    judge("import", code, err, form=False)
    if code == 0:
        code, err = _run(["check", str(form)])
        judge("check 导入的表单", code, err, form=True)
        errors = [line for line in err.splitlines() if "错误：" in line]
        # 内容检查（[GENxxx]）报的是原文自己的问题；除了留给办事员补写的空位，表单本身必须读得进
        bad = [line for line in errors if "还没有填写" not in line and "[GEN" not in line]
        if bad:
            problems.append(("导入后读不进", bad[0][:200]))
    return problems


def worker(conn: Connection, memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit * 4, limit * 4))  # 虚拟内存给足余量，RSS 另外看
    import generator.api
    import generator.cli.commands  # 预先导入，计时只算处理输入

    del generator

    while True:
        case = conn.recv()
        if case is None:
            return
        with tempfile.TemporaryDirectory(prefix="gen-fuzz-") as tmp:
            try:
                problems = run_case(case, Path(tmp))
            except MemoryError:
                problems = [("内存", "MemoryError")]
            except Exception as exc:  # 模糊测试脚本自身的问题也要看见
                problems = [("崩溃", f"脚本内：{type(exc).__name__}: {exc}")]
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        conn.send((problems, rss_mb))


class Slot:
    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        self.start()

    def start(self) -> None:
        parent, child = mp.Pipe()
        self.conn = parent
        self.process = mp.Process(target=worker, args=(child, self.memory_mb), daemon=True)
        self.process.start()
        self.case: Case | None = None
        self.started = 0.0

    def restart(self) -> None:
        self.process.kill()
        self.process.join()
        self.start()


def _normalised(detail: str) -> str:
    detail = re.sub(r"/\S*?(输入|导入|输出)\d+\S*", "F", detail)
    detail = re.sub(r"(输入|导入)\d+", "F", detail)
    return re.sub(r"“[^”]{0,40}”", "“…”", detail)[:110]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="gen 的长时间模糊测试")
    parser.add_argument("-n", "--count", type=int, default=2000, help="输入个数")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=10.0, help="每个输入的时间上限（秒）")
    parser.add_argument("--memory", type=int, default=400, help="每个工作进程的常驻内存上限（MB）")
    parser.add_argument("--keep", type=Path, default=None, help="把出问题的输入存到这个文件夹")
    parser.add_argument("--mode", choices=("forms", "sheets", "all"), default="forms",
                        help="forms：表单、报告（原来的）；sheets：指标表格、公式、汇总；all：两种各一半")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    pool = seeds() if args.mode != "sheets" else {}
    counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    examples: dict[str, str] = {}
    kinds_of: Counter[tuple[str, str]] = Counter()
    slots = [Slot(args.memory) for _ in range(args.workers)]
    next_number = 0
    done = reported = 0
    began = time.monotonic()

    def record(case: Case, problems: list[tuple[str, str]]) -> None:
        for category, detail in problems:
            counts[category] += 1
            kinds_of[category, _normalised(detail)] += 1
            examples.setdefault(category, f"#{case.number} {case.kind} {detail}")
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                if case.files is not None:
                    kept = args.keep / f"{category}-{case.number}-{case.kind}"
                    kept.mkdir(exist_ok=True)
                    for name, data in case.files.items():
                        (kept / name).parent.mkdir(parents=True, exist_ok=True)
                        (kept / name).write_bytes(data)
                    (kept / "expect.txt").write_text(repr(case.expect), encoding="utf-8")
                else:
                    (args.keep / f"{category}-{case.number}.{case.kind}").write_bytes(case.data)
                    if case.expect and "seed" in case.expect:  # 红头往返：改坏用的随机种子
                        (args.keep / f"{category}-{case.number}.seed").write_text(str(case.expect["seed"]))

    while done < args.count:
        for slot in slots:
            if slot.case is None and next_number < args.count:
                sheets = args.mode == "sheets" or (args.mode == "all" and rng.random() < 0.5)
                slot.case = make_sheet_case(rng, next_number) if sheets else make_case(rng, next_number, pool)
                kinds[slot.case.kind] += 1
                next_number += 1
                slot.started = time.monotonic()
                slot.conn.send(slot.case)
        for slot in slots:
            if slot.case is None:
                continue
            if slot.conn.poll(0.01):
                try:
                    problems, rss_mb = slot.conn.recv()
                except EOFError:  # 工作进程死了（例如被内存上限杀掉）
                    problems, rss_mb = [("内存", "工作进程意外退出")], 0.0
                    slot.restart()
                if rss_mb > args.memory:
                    problems = [*problems, ("内存", f"常驻内存 {rss_mb:.0f} MB")]
                    slot.restart()
                record(slot.case, problems)
                slot.case = None
                done += 1
            elif time.monotonic() - slot.started > args.timeout:
                record(slot.case, [("卡住", f"超过 {args.timeout:g} 秒")])
                slot.case = None
                done += 1
                slot.restart()
        if done >= reported + 1000:
            reported = done - done % 1000
            print(f"  已运行 {done} 个，{time.monotonic() - began:.0f} 秒，问题：{dict(counts) or '无'}", flush=True)
    for slot in slots:
        slot.conn.send(None)
        slot.process.join(timeout=5)
    elapsed = time.monotonic() - began
    print(f"输入 {done} 个（表单 {kinds['yaml']}，带公文或新类型的表单 {kinds['frame']}，红头往返 {kinds['redhead']}，"
          f"模板的公文 {kinds['template']}，"
          f"文本报告 {kinds['txt'] + kinds['md']}，Word {kinds['docx']}，"
          f"指标表格 {kinds['sheet']}，公式 {kinds['formula']}，汇总 {kinds['rollup']}），"
          f"用时 {elapsed:.0f} 秒，种子 {args.seed}。")
    for category in ("崩溃", "卡住", "内存", "没有位置", "模板泄漏", "导入后读不进", "英文", "算错", "合计错",
                     "合计错（没拒绝）", "没拒绝", "误拒", "读错", "读不回", "公式单元格"):
        print(f"  {category}：{counts[category]}")
    for category, example in examples.items():
        print(f"  例（{category}）：{example}")
    if kinds_of:
        print("各类问题里最常见的消息：")
        for (category, detail), count in kinds_of.most_common(15):
            print(f"  {count:6d}  {category}  {detail}")
    return 1 if counts else 0


if __name__ == "__main__":
    sys.exit(main())
