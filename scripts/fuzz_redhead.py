"""scripts/fuzz.py 的红头往返：用对的“公文:”生成红头 .docx/.md，python-docx 读回、gen check 没有错误、
gen import 回来“公文:”和类型各项相同；再删段、重复、调换、改字后交给 gen check 和 gen import（见 fuzz_frames.py）。"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from fuzz_frames import Problems, Runner, _weird, readback, with_document_xml

# ---------------------------------------------------------------- 红头的 Word 和文本再改坏

_PARA = re.compile(rb"<w:p[ >].*?</w:p>|<w:p/>", re.S)
_TEXT = re.compile(rb"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")


def mutate_paragraphs_docx(rng: random.Random, data: bytes) -> bytes:
    return with_document_xml(data, lambda xml: _mutate_paragraph_xml(rng, xml))


def _mutate_paragraph_xml(rng: random.Random, xml: bytes) -> bytes:
    body_start = xml.find(b"<w:body>") + len(b"<w:body>")
    body_end = xml.rfind(b"<w:sectPr")
    if body_start < len(b"<w:body>") or body_end < body_start:
        return xml
    body = xml[body_start:body_end]
    paras = [m.group(0) for m in _PARA.finditer(body)]
    if not paras:
        return xml
    head = rng.random() < 0.6  # 多半改在版头、版记附近（开头和末尾的十几段）
    for _ in range(rng.choice((1, 1, 2, 3))):
        if head:
            zone = list(range(min(14, len(paras)))) + list(range(max(0, len(paras) - 10), len(paras)))
            index = rng.choice(zone)
        else:
            index = rng.randrange(len(paras))
        op = rng.random()
        if op < 0.25 and len(paras) > 1:
            del paras[index]
        elif op < 0.45:
            paras.insert(index, paras[index])
        elif op < 0.65:
            other = rng.randrange(len(paras))
            paras[index], paras[other] = paras[other], paras[index]
        else:
            paras[index] = _change_text(rng, paras[index])
    rebuilt = b"".join(paras)
    # 表格（版记可能在表格里）原样留下，放在段落后面
    tables = re.findall(rb"<w:tbl>.*?</w:tbl>", body, re.S)
    return xml[:body_start] + rebuilt + b"".join(tables) + xml[body_end:]


def _change_text(rng: random.Random, para: bytes) -> bytes:
    runs = list(_TEXT.finditer(para))
    if not runs:
        return para
    run = rng.choice(runs)
    old = run.group(2).decode("utf-8", "replace")
    new = _text_change(rng, old)
    escaped = "".join(ch for ch in new if ch in "\t\n" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff"
                                                        and not 0xD800 <= ord(ch) <= 0xDFFF))
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return para[:run.start(2)] + escaped.encode("utf-8") + para[run.end(2):]


def _text_change(rng: random.Random, old: str) -> str:
    roll = rng.random()
    if roll < 0.25:
        return old.replace("〔", rng.choice("[(（【")).replace("〕", rng.choice("])）】"))
    if roll < 0.4:
        return re.sub(r"\d", lambda m: rng.choice("0123456789"), old)
    if roll < 0.5:
        return old + rng.choice(("：", "印发", "。", "★1年", "签发人：", "号"))
    if roll < 0.6:
        return rng.choice(("抄送：", "印发", "签发人：", "秘密★", "特急", "000001", "某卫发〔2025〕3号", "市卫健委：",
                           "办公室 2025年13月40日印发", "抄送：。"))
    if roll < 0.7:
        return old[:rng.randrange(len(old) + 1)]
    return _weird(rng, old)


def mutate_report_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.choice((1, 2, 3))):
        zone = list(range(min(16, len(lines)))) + list(range(max(0, len(lines) - 12), len(lines)))
        index = rng.choice(zone) if zone else 0
        op = rng.random()
        if not lines:
            lines.append(_weird(rng))
        elif op < 0.25 and len(lines) > 1:
            del lines[index]
        elif op < 0.45:
            lines.insert(index, lines[index])
        elif op < 0.6:
            other = rng.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            lines[index] = _text_change(rng, lines[index])
    return "\n".join(lines)


# ---------------------------------------------------------------- 判断


_HALF = str.maketrans("()", "（）")  # 排版时半角括号换成全角（render 的标点规范），导入回来是全角


def _plain(value: Any) -> Any:
    """比较用：单个名字和一项的列表一样，份号、日期按文字比。"""
    if isinstance(value, list):
        return [str(v).translate(_HALF) for v in value]
    if isinstance(value, str):
        return [value.translate(_HALF)]
    if isinstance(value, (dt.date, int)) and not isinstance(value, bool):
        return [f"{value:06d}" if isinstance(value, int) else value.isoformat()]
    return [str(value)]


def frame_keys(frame: Any) -> dict[str, Any]:
    if not isinstance(frame, dict):
        return {}
    return {k: _plain(v) for k, v in frame.items() if k != "盖章" and v not in (None, [], "")}


def imported_frame(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frame_keys(data.get("公文") if isinstance(data, dict) else None)


def expected_frame(form: Path) -> dict[str, Any]:
    """导入回来应得的“公文:”：没写发文机关标志时红头上印的是“单位文件”，导入回来就是它。"""
    data = yaml.safe_load(form.read_text(encoding="utf-8"))
    frame = frame_keys(data.get("公文"))
    frame.setdefault("发文机关标志", [f"{data['单位']}文件"])
    return frame


def _title(report: Path) -> str:
    """生成的报告的标题（.md 的“# ”一行；.docx 取 python-docx 读出的、以“报告”“总结”“计划”结尾的第一段）。"""
    if report.suffix == ".md":
        return next((line[2:] for line in report.read_text(encoding="utf-8").splitlines() if line.startswith("# ")), "")
    import docx

    paragraphs = [p.text.strip() for p in docx.Document(str(report)).paragraphs]
    return next((p for p in paragraphs if re.search(r"(报告|总结|计划)$", p)), "")


def kind_heads(form: Path) -> dict[str, Any]:
    """类型和它带的几项（季度按数字比，没写类型就是年度工作总结）。"""
    from generator.form.periods import parse_quarter

    data = yaml.safe_load(form.read_text(encoding="utf-8"))
    heads = {key: data.get(key) for key in ("类型", "季度", "述职人", "职务", "年度") if data.get(key) is not None}
    heads.setdefault("类型", "年度工作总结")
    if "季度" in heads:
        heads["季度"] = parse_quarter(heads["季度"])
    return heads




def run_frame_docx(data: bytes, seed: int, folder: Path, run: Runner,
                   judge: Callable[[str, Path, int, str, bool], None]) -> Problems:
    """表单 → 红头 .docx 和 .md：读回、导入回来比“公文:”；再改坏后交给 check 和 import。"""
    problems: Problems = []
    rng = random.Random(seed)
    form = folder / "红头表单.yaml"
    typo = rng.random() < 0.3
    if typo:  # 发文字号打错了（括号、“第”、虚位、年份）：照样生成，导入时照原样读回（gen check 再指出来）
        parsed = yaml.safe_load(data.decode("utf-8"))
        number = parsed["公文"]["发文字号"]
        head, _, rest = number.partition("〔")
        year, _, serial = rest.partition("〕")
        serial = serial.removesuffix("号")
        parsed["公文"]["发文字号"] = rng.choice((
            f"{head}[{year}]{serial}号", f"{head}({year}){serial}号", f"{head}（{year}）{serial}号",
            f"{head}【{year}】{serial}号", f"{head}〔{year}〕第{serial}号", f"{head}〔{year}〕{int(serial):03d}号",
            f"{head}〔{int(year) - 1}〕{serial}号"))
        data = yaml.safe_dump(parsed, allow_unicode=True, sort_keys=False, width=10**6).encode("utf-8")
    form.write_bytes(data)
    out = folder / "红头输出"
    code, err = run(["report", str(form), "-f", "docx,md", "-o", str(out), "--force"])
    judge("report", form, code, err, True)
    if code != 0:
        problems.append(("误拒", f"对的公文表单：{err.strip()[:300]}"))
        return problems
    word = next(out.glob("*.docx"))
    markdown = next(out.glob("*.md"))
    why = readback(word)
    if why:
        problems.append(("读不回", f"{word.name}：{why}"))
    wanted = expected_frame(form)
    for source in (word, markdown):
        # gen 自己生成的红头交给 gen check：对的表单生成的报告不该有错误（警告可以有）
        code, err = run(["check", str(source)])
        judge("check 生成的红头", source, code, err, False)
        errors = [line for line in err.splitlines() if "错误：" in line]
        if errors and not typo:
            problems.append(("误拒", f"check 生成的红头{source.suffix}：{errors[0][:250]}"))
        back = folder / f"回{source.suffix[1:]}.yaml"
        code, err = run(["import", str(source), "-o", str(back), "--force"])
        judge("import", source, code, err, False)
        if code == 0:
            heads, wanted_heads = kind_heads(back), kind_heads(form)
            if heads.get("年度") == "请补写" and not re.search(r"\d{4}年", _title(source)):
                heads["年度"] = wanted_heads.get("年度")  # 标题里没有年份（如“述职报告”）：留给办事员补写，不算读错
            if heads != wanted_heads:
                problems.append(("读错", f"{source.suffix} 导入回来的类型等不同（原表单, 导入）："
                                         f"{wanted_heads}, {heads}"))
            got = imported_frame(back)
            if got != wanted:
                diff = {k: (wanted.get(k), got.get(k)) for k in {*wanted, *got} if wanted.get(k) != got.get(k)}
                problems.append(("读错", f"{source.suffix} 导入回来的公文不同（原表单, 导入）：{str(diff)[:300]}"))
    bad_word = folder / "改坏的红头.docx"
    bad_word.write_bytes(mutate_paragraphs_docx(rng, word.read_bytes()))
    bad_text = folder / f"改坏的红头.{rng.choice(('md', 'txt'))}"
    text = markdown.read_text(encoding="utf-8")
    if bad_text.suffix == ".txt":
        text = re.sub(r"[#*\\>]", "", text)
    bad_text.write_text(mutate_report_lines(rng, text), encoding="utf-8", errors="surrogatepass")
    for source in (bad_word, bad_text):
        code, err = run(["check", str(source)])
        judge("check 改坏的红头", source, code, err, False)
        back = folder / f"改坏回{source.suffix[1:]}.yaml"
        code, err = run(["import", str(source), "-o", str(back), "--force"])
        judge("import 改坏的红头", source, code, err, False)
        if code == 0:
            code, err = run(["check", str(back)])
            judge("check 导入的表单", back, code, err, True)
            bad = [line for line in err.splitlines()
                   if "错误：" in line and "还没有填写" not in line and "[GEN" not in line]
            if bad:
                problems.append(("导入后读不进", bad[0][:200]))
    return problems
