"""测试共用：示例表单的各种变体（三种类型 × 指标表作附件 / 放正文 / 不要），以及压力表单。"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

from conftest import EXAMPLES, minimal_form
from ruamel.yaml import YAML

from generator.pipeline import Report, build_report_from_data

PLACEMENTS: dict[str, Any] = {"附件": True, "正文": "正文", "无表": False}


def example_data(path: Path) -> dict[str, Any]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# 没有指标的示例（工作计划）在作附件、放正文的变体里加一个指标，好有一张表
_SAMPLE_INDICATORS = [{"键": "托位", "名称": "公办托育机构托位", "本期": 110, "上期": 90, "目标": 120, "单位": "个"}]


def variants() -> dict[str, dict[str, Any]]:
    """每个示例（各种类型都有）× 指标表的三种放法。"""
    out: dict[str, dict[str, Any]] = {}
    for example in EXAMPLES:
        base = example_data(example)
        for label, value in PLACEMENTS.items():
            data = copy.deepcopy(base)
            data["指标表"] = value
            if value and not data.get("指标") and not data.get("指标文件"):
                data["指标"] = copy.deepcopy(_SAMPLE_INDICATORS)
            out[f"{example.stem}-{label}"] = data
    return out


def long_after_table() -> dict[str, Any]:
    """指标表放在正文、表格之后还有好几页正文的表单（用来量表格之后的满页是否仍排 22 行）。"""
    data = example_data(next(p for p in EXAMPLES if p.stem == "霍山县-2021上半年"))  # 计划有长段落，能跨页
    data["指标表"] = "正文"
    data["下一步工作计划"] = [dict(item, 标题=f"{item['标题']}（第{n}批）") for n in range(1, 9)
                             for item in data["下一步工作计划"]]
    return data


def build(data: dict[str, Any]) -> Report:
    return build_report_from_data(data)


def stress_form(count: int = 1000, seed: int = 9) -> dict[str, Any]:
    """很多指标的表单：数字长短不一（最长 9 位整数带两位小数），名称 4 到 16 个字。"""
    rng = random.Random(seed)
    names = "城乡居民健康体检人数疫苗接种率医疗救助资金家庭医生签约服务覆盖率农村卫生室标准化建设"
    units = ["人", "人次", "%", "元", "万元", "个", "家", "剂次"]
    indicators = []
    for index in range(count):
        current = rng.choice([rng.randint(0, 99), rng.randint(100, 99999), rng.randint(10**6, 10**8)])
        unit = rng.choice(units)
        start = rng.randint(0, len(names) - 16)
        item: dict[str, Any] = {"键": f"指标{index}", "名称": names[start:start + rng.randint(4, 16)],
                                "本期": round(current + rng.randint(0, 99) / 100, 2), "单位": unit}
        if rng.random() < 0.8:
            item["上期"] = max(1, current + rng.randint(-current // 2, current // 2 + 1))
        if rng.random() < 0.4:
            item["目标"] = max(1, current + rng.randint(0, current // 3 + 1))
        if unit == "%":
            item["本期"] = rng.randint(0, 9999) / 100
            item["允许超过100"] = True
            if "上期" in item:
                item["上期"] = rng.randint(1, 9999) / 100
            if "目标" in item:
                item["目标"] = rng.randint(1, 100)
        indicators.append(item)
    return {
        "单位": "贡觉县卫生健康委员会", "年度": 2024, "日期": "2025-01-07", "指标表": True,
        "导语": "2024年，我委扎实推进各项工作。现总结如下。",
        "指标": indicators,
        "工作开展情况": [{"标题": "开展健康体检", "内容": "全年体检{{指标1}}。"}],
        "存在的问题": ["人才短缺。"],
        "下一步工作计划": [{"标题": "加强人才培养", "内容": "继续开展培训。"}],
    }


# 卫生健康的指标名称（长短不一，有的比六个字长）
NAMES = ["家庭医生重点人群签约服务人数", "城乡居民医疗保险筹资总额", "基本公共卫生服务项目资金", "门诊人次",
         "白内障手术人数", "免疫规划疫苗接种剂次", "孕产妇系统管理人数", "严重精神障碍患者规范管理人数",
         "农村卫生室标准化建设个数", "健康体检人数"]


def figures_form(digits: int, place: object, count: int = 40) -> dict[str, Any]:
    """``count`` 个指标，本期、上期、目标都是 ``digits`` 位整数带两位小数（九位：123456789.12）。"""
    base = int("123456789"[:digits])
    indicators = [{"键": f"k{i}", "名称": NAMES[i % len(NAMES)], "单位": "元", "本期": base + i + 0.12,
                   "上期": base - base // 10 + 0.34, "目标": base - base // 20 + 0.56} for i in range(count)]
    data = minimal_form(指标=indicators, 指标表=place)
    data["工作开展情况"] = [{"标题": "开展健康体检", "内容": "全年组织城乡居民健康体检。"}]
    return data
