"""scripts/fuzz.py 的公文部分：随机的“公文:”一组（对的和错的写法）、新类型（季度、工作计划、述职报告）
的各部分有的有、有的没有，单位模板 模板.yaml 里的“公文:”默认值。红头往返（gen 自己生成的红头 Word/文本
导入回来，再改坏后交给 gen import / gen check）在 fuzz_redhead.py。

约定（判断）：gen 不崩溃、不卡住；拒绝时是带位置的中文；对的“公文:”生成的红头 .docx 能被 python-docx
读回，导入回来“公文:”各项与原表单相同（盖章看不出来，不比）。
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml


def with_document_xml(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """把 .docx 的 word/document.xml 交给 ``change`` 改写，其余部件原样；fuzz.py 和 fuzz_redhead.py 共用。"""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, change(content) if info.filename == "word/document.xml" else content)
    return out.getvalue()

Problems = list[tuple[str, str]]
Runner = Callable[[list[str]], tuple[int, str]]

ORGANS = ["县卫生健康委员会", "县人民政府办公室", "县财政局", "市卫生健康委员会", "县疾病预防控制中心",
          "县医疗保障局", "县民政局", "县教育和体育局"]
SURNAMES = "王李张刘陈杨赵黄周吴扎索"
GIVEN = "明华强伟芳军西平玉珍旺堆"
WEIRD = ["\U0001f600", "\x07", "\x0b", "\u200b", "\ufeff", "\u202e", "\x00", "\t", "𠀀", "{{甲}}", "{%", "〔", "〕",
         "：", "★", "\n", "印发", "抄送：", "签发人：", "x" * 3000, "文" * 500, "", " ", "~", "null"]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _weird(rng: random.Random, base: str = "") -> str:
    at = rng.randrange(len(base) + 1)
    return base[:at] + "".join(rng.choice(WEIRD) for _ in range(rng.choice((1, 1, 2)))) + base[at:]


def _maybe_list(rng: random.Random, names: list[str]) -> Any:
    return names[0] if len(names) == 1 and rng.random() < 0.5 else names


def valid_frame(rng: random.Random, unit: str, date: dt.date) -> dict[str, Any]:
    """一个对的“公文:”一组（各项随机有无）：生成的红头导入回来应当一样。"""
    frame: dict[str, Any] = {}
    short = re.sub(r"(县|市|区|旗)?(卫生健康委员会|人民政府办公室).*$", "", unit)[:4] or "某"
    if rng.random() < 0.3:
        frame["密级"] = rng.choice(("绝密", "机密", "秘密"))
        frame["份号"] = f"{rng.randrange(1, 999999):06d}"
        if rng.random() < 0.6:
            frame["保密期限"] = rng.choice(("1年", "5年", "10年", "6个月"))
    if rng.random() < 0.3:
        frame["紧急程度"] = rng.choice(("特急", "加急"))
    if rng.random() < 0.7:
        marks = [f"{unit}文件"] if rng.random() < 0.6 else [unit, *rng.sample(ORGANS, rng.randrange(1, 3))]
        if len(marks) > 1 and rng.random() < 0.5:  # 联合行文：每个机关名称后都写“文件”
            marks = [m + "文件" for m in marks]
        frame["发文机关标志"] = _maybe_list(rng, marks)
    if True:  # 版头必有发文字号（GB/T 9704 7.2.4）；gen import 凭它认出版头（没有时原样导入，见 importer/frame.py）
        frame["发文字号"] = f"{short}卫{rng.choice(('发', '报', '函'))}〔{date.year}〕{rng.randrange(1, 300)}号"
    if rng.random() < 0.5:
        frame["签发人"] = _maybe_list(rng, [_name(rng) for _ in range(rng.choice((1, 1, 2, 3)))])
        frame["主送机关"] = rng.choice(ORGANS[3:])
    elif rng.random() < 0.4:
        frame["主送机关"] = rng.choice(ORGANS)
    if rng.random() < 0.6:  # 版记：抄送机关只和印发机关、印发日期一起写（GEN810）
        if rng.random() < 0.6:
            others = [o for o in ORGANS if o != frame.get("主送机关")]
            frame["抄送机关"] = _maybe_list(rng, rng.sample(others, rng.randrange(1, 4)))
        frame["印发机关"] = f"{unit}办公室"
        frame["印发日期"] = (date + dt.timedelta(days=rng.randrange(0, 5))).isoformat()
    if rng.random() < 0.5:
        frame["盖章"] = rng.random() < 0.7
    return frame


BROKEN_NUMBERS = ["某卫发[2025]3号", "某卫发(2025)3号", "某卫发（2025）3号", "某卫发【2025】3号", "某卫发〔2025〕第3号",
                  "某卫发〔2025〕003号", "某卫发〔25〕3号", "某卫发〔2025〕3", "〔2025〕3号", "某卫发2025年3号",
                  "某卫发〔2019〕3号", "某卫发〔2025〕3号签发人：王明"]
BROKEN_DATES = ["2025-13-45", "2025-02-30", "明天", "2025年1月8日", "20250108", "1/8/2025", "2024-12-31", "0001-01-01",
                "9999-12-31", "2025-1-8", 20250108, True, [2025, 1, 8], {"年": 2025}]


# 一定写错了的值：gen check 必须报错（退出码 1）
SURE_WRONG: dict[str, tuple[Any, ...]] = {
    "发文字号": tuple(BROKEN_NUMBERS),
    "印发日期": ("2025-13-45", "2025-02-30", "明天", "0001-01-01", True, (2025, 1, 8), "{'年': 2025}"),
    "份号": ("abcdef", "0000001", True, 1.5, "000 001", -1),
    "密级": ("内部", "急", 1, "机密★1年"),
    "紧急程度": ("内部", "急", 1, "机密★1年", "特急\n加急"),
}


def _sure_wrong(key: str, value: Any) -> bool:
    known = SURE_WRONG.get(key, ())
    plain = tuple(value) if isinstance(value, list) else str(value) if isinstance(value, dict) else value
    return any(type(plain) is type(k) and plain == k for k in known)


def broken_frame(rng: random.Random, unit: str, date: dt.date) -> tuple[Any, bool]:
    """在对的“公文:”上改坏一两项：括号不对、不是日期、列表写成字符串（或反过来）、很长、控制字符、表情、空列表。
    返回 (公文, 是否一定写错了)。"""
    if rng.random() < 0.05:
        return rng.choice(("", None, [], "公文", 3, ["发文字号"], {"未知的项": 1})), False
    frame = valid_frame(rng, unit, date)
    sure = False
    keys = ["份号", "密级", "保密期限", "紧急程度", "发文机关标志", "发文字号", "签发人", "主送机关", "抄送机关",
            "印发机关", "印发日期", "盖章", "未知的项"]
    for _ in range(rng.choice((1, 1, 2, 3))):
        key = rng.choice(keys)
        roll = rng.random()
        if key == "发文字号" and roll < 0.5:
            value: Any = rng.choice(BROKEN_NUMBERS)
        elif key == "印发日期" and roll < 0.6:
            value = rng.choice(BROKEN_DATES)
        elif key == "份号" and roll < 0.6:
            value = rng.choice((1, 0, -1, "1", "0000001", "abcdef", "00000１", True, 1.5, "000 001"))
        elif key in ("密级", "紧急程度") and roll < 0.6:
            value = rng.choice(("内部", "特急 ", "秘密★", "机密★1年", "急", "", "特急\n加急", 1))
        elif key in ("发文机关标志", "签发人", "抄送机关") and roll < 0.6:
            value = rng.choice(([], [""], ["  "], "", [["嵌套"]], [{"a": 1}], [1, 2], "甲、乙", ["甲\n乙"],
                                [_name(rng)] * 30, ["机关" * 200]))
        elif key in ("主送机关", "印发机关", "保密期限") and roll < 0.6:
            value = rng.choice((["列表"], [], "多行\n文字", 1, "", "：", "市卫健委：", "x" * 5000))
        elif key == "盖章" and roll < 0.6:
            value = rng.choice(("是", "true", "盖", 1, 2, [], None, "否"))
        else:
            value = _weird(rng, str(frame.get(key, "")))
        frame[key] = value
        sure = sure or _sure_wrong(key, value)
    return frame, sure


# ---------------------------------------------------------------- 新类型


def _items(rng: random.Random, label: str) -> list[Any]:
    return [{"标题": f"{label}{i + 1}", "内容": f"{label}的第{i + 1}项工作扎实推进。"}
            for i in range(rng.randrange(1, 4))]


def set_kind(rng: random.Random, data: dict[str, Any]) -> bool:
    """把表单改成季度、工作计划或述职报告，部分随机有无；返回这一类型要的部分是否齐全、没有多余。"""
    kind = rng.choice(("季度", "工作计划", "述职报告", "不变"))
    complete = True
    if kind != "不变":  # 别的类型才有的键先去掉（示例里有“主题”“季度”“述职人”……）
        # 示例自己的标题（如“关于2024年度工作情况的报告”）不合新类型：用 gen 按类型生成的标题
        for key in ("标题", "主题", "季度", "总体要求", "保障措施", "述职人", "职务", "学习", "廉洁"):
            data.pop(key, None)
    if kind in ("季度", "述职报告"):  # 从工作计划改来时补上总结的三部分
        for key in ("工作开展情况", "存在的问题", "下一步工作计划"):
            data.setdefault(key, ["人才队伍建设仍有短板。"] if key == "存在的问题" else _items(rng, key))
    if kind == "季度":
        data["类型"] = "季度工作总结"
        if rng.random() < 0.85:
            data["季度"] = rng.choice((1, 2, 3, 4, "第一季度", "三", "第4季度"))
        else:
            complete = False
            if rng.random() < 0.7:
                data["季度"] = rng.choice((0, 5, "Q1", "", [], "第五季度", 2.5, True))
        quarter = data.get("季度")
        if complete and data.get("日期"):  # 成文日期放在季度末之后不久
            q = {1: 1, 2: 2, 3: 3, 4: 4, "第一季度": 1, "三": 3, "第4季度": 4}[quarter]
            year = int(data.get("年度", 2024)) if str(data.get("年度", "")).isdigit() else 2024
            end = dt.date(year, q * 3, 28) if q < 4 else dt.date(year + 1, 1, 5)
            data["日期"] = (end + dt.timedelta(days=rng.randrange(3, 10))).isoformat()
    elif kind == "工作计划":
        data["类型"] = "工作计划"
        for key in ("工作开展情况", "存在的问题", "基本情况"):
            if rng.random() < 0.85:
                data.pop(key, None)
            elif key in data:
                complete = False
        for key in ("总体要求", "保障措施"):
            if rng.random() < 0.6:
                data[key] = f"{key}写得很清楚。" if key == "总体要求" else _items(rng, key)
        if rng.random() < 0.1:
            data.pop("下一步工作计划", None)
            complete = False
    elif kind == "述职报告":
        data["类型"] = "述职报告"
        data.pop("基本情况", None)
        for key, value in (("述职人", _name(rng)), ("职务", "副主任"), ("学习", "认真学习，提高政治素质。"),
                           ("廉洁", "严守纪律，廉洁自律。")):
            if rng.random() < 0.88:
                data[key] = value
            elif key != "职务":
                complete = False
    if kind in ("工作计划", "述职报告") and rng.random() < 0.1:
        data[rng.choice(("总体要求", "述职人", "学习", "季度"))] = "不属于这一类型的部分"
        complete = False
    return complete


# ---------------------------------------------------------------- 生成输入


def _load(base: bytes) -> dict[str, Any] | None:
    try:
        data = yaml.safe_load(base.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _form_date(data: dict[str, Any]) -> dt.date:
    try:
        return dt.date.fromisoformat(str(data.get("日期")))
    except ValueError:
        return dt.date(2025, 1, 7)


def frame_form(rng: random.Random, bases: list[bytes]) -> tuple[bytes, bool, bool]:
    """带随机“公文:”的表单；返回 (YAML, 公文和类型是否都写对了, 公文里是否有一定写错了的值)。"""
    for _ in range(10):
        data = _load(rng.choice(bases))
        if data is not None and "单位" in data:
            break
    else:
        data = {"单位": "测试县卫生健康委员会", "年度": 2024, "日期": "2025-01-07", "工作开展情况": ["开展工作。"],
                "存在的问题": ["人才短缺。"], "下一步工作计划": ["加强培养。"]}
    data.pop("公文", None)
    complete = set_kind(rng, data) if rng.random() < 0.6 else True
    unit = str(data.get("单位"))
    date = _form_date(data)
    good = rng.random() < 0.5
    sure = False
    if good:
        data["公文"] = valid_frame(rng, unit, date)
    else:
        data["公文"], sure = broken_frame(rng, unit, date)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    return text.encode("utf-8", "surrogatepass"), good and complete, sure


def readback(path: Path) -> str | None:
    """python-docx 能打开并读出段落；读不了时返回原因。"""
    import docx

    try:
        document = docx.Document(str(path))
        _ = [p.text for p in document.paragraphs]
        _ = [c.text for t in document.tables for r in t.rows for c in r.cells]
    except Exception as exc:  # 任何读不回的原因都要看见
        return f"{type(exc).__name__}: {exc}"
    return None


# ---------------------------------------------------------------- 单位模板的“公文:”默认值

CODES = ["贡卫健发", "某卫健发", "", "某卫健发〔", "〔2025〕", "某\n卫", "卫" * 300, "\U0001f600", 1, ["某卫健发"],
         None]


def template_case(rng: random.Random, bases: list[bytes]) -> dict[str, bytes]:
    """表单写“模板: 我局模板”，模板.yaml 里有随机的“公文:”默认值（对的和写坏的）；表单的公文只写每份不同的几项。"""
    data, _, _ = frame_form(rng, bases)
    form = yaml.safe_load(data.decode("utf-8"))
    unit = str(form.get("单位"))
    defaults: dict[str, Any] = {}
    if rng.random() < 0.8:
        defaults["发文机关标志"] = rng.choice((f"{unit}文件", [f"{unit}文件", "县财政局文件"], [], "",
                                          _weird(rng, unit)))
    if rng.random() < 0.8:
        defaults["机关代字"] = rng.choice(CODES)
    usual: list[tuple[str, Any]] = [("印发机关", f"{unit}办公室"), ("主送机关", "市卫生健康委员会"),
                                    ("抄送机关", ["县财政局", "县民政局"])]
    for key, value in usual:
        if rng.random() < 0.5:
            defaults[key] = value if rng.random() < 0.7 else rng.choice((_weird(rng, str(value)), [], 3, {"a": 1}))
    if rng.random() < 0.05:
        defaults["未知的项"] = 1
    kinds = ["年度工作总结", "半年工作总结", "工作总结和工作计划", "专项工作总结", "季度工作总结", "工作计划",
             "述职报告"]
    template: dict[str, Any] = {"名称": "我局模板", "适用类型": kinds}
    template["公文"] = defaults if rng.random() < 0.95 else rng.choice(("", [], "公文", 3))
    frame = form.get("公文") if isinstance(form.get("公文"), dict) else {}
    if rng.random() < 0.6:  # 只写“〔2025〕3号”：机关代字从模板补上
        year = _form_date(form).year
        frame["发文字号"] = rng.choice((f"〔{year}〕{rng.randrange(1, 99)}号", f"[{year}]3号", "〔〕号", ""))
    for key in defaults:
        if rng.random() < 0.6:
            frame.pop(key, None)
    form["公文"] = frame
    form["模板"] = "我局模板"
    dump = yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=10**6)
    return {"表单.yaml": dump.encode("utf-8", "surrogatepass"),
            "模板/我局模板/模板.yaml": yaml.safe_dump(template, allow_unicode=True, sort_keys=False,
                                                   width=10**6).encode("utf-8", "surrogatepass")}


def run_template_case(files: dict[str, bytes], folder: Path, run: Runner,
                      judge: Callable[[str, Path, int, str, bool], None]) -> Problems:
    problems: Problems = []
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    form = folder / "表单.yaml"
    out = folder / "模板输出"
    code, err = run(["report", str(form), "-f", "docx,md", "-o", str(out), "--force"])
    judge("report（模板的公文）", form, code, err, True)
    if code == 0:
        for written in out.glob("*.docx"):
            why = readback(written)
            if why:
                problems.append(("读不回", f"{written.name}：{why}"))
    code, err = run(["check", str(form)])
    judge("check（模板的公文）", form, code, err, True)
    return problems
