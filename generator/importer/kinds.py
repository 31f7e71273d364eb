"""从标题认季度工作总结和专项工作总结。

- 季度：“2024年第一季度工作总结”“一季度工作总结”“第1季度”→ 季度工作总结、季度 1。
  “前三季度”“三、四季度”不是一个季度（表单写不出），照年度工作总结导入，标题原样保留。
- 专项：年份之后、“工作总结”之前是一个主题（“2024年爱国卫生运动工作总结”）→ 专项工作总结、主题 爱国卫生运动。
  主题就是单位自己的业务（“卫生健康委员会2022年卫生健康工作总结”“县卫健委2021年卫生健康工作总结”）、
  是“全年”“各项”“工作情况”这类泛称、或说的是时段（月、季度、半年）时，仍是年度工作总结。
"""

from __future__ import annotations

import re

from ..form.periods import QUARTER_IN_TITLE, title_quarter

__all__ = ["QUARTER_IN_TITLE", "special_topic", "title_quarter"]

# 泛称：年度总结里常见、不是一个专项主题的词（去掉末尾的“工作”之后整个等于它，或以它开头）
_GENERIC = ("全年", "年度", "全局", "全委", "全县", "全市", "全区", "全旗", "全镇", "全乡", "全系统", "各项", "主要",
            "重点", "综合", "整体", "日常", "机关", "本单位", "本局", "本委", "我局", "我委", "个人", "述职", "工作",
            "总体", "业务", "目标", "履职")
_PERIOD = re.compile(r"季度|半年|\d{1,2}月|[一二三四五六七八九十]+月|年|期间|以来|情况")
# 单位名称前面的地名（县、市……）和后面的机关结尾，剩下的是单位的业务，如“卫生健康”“教育”
_PLACE = re.compile(r"^(?:.+?(?:自治县|自治州|自治旗|省|市|县|区|旗|州|盟|镇|乡|街道)|[县旗镇乡])")
_ORGAN = re.compile(r"(?:委员会|管理局|办公室|服务中心|中心|局|委|院|办|站|所|厅|部|处|科|队|社|会)$")
_FIELD_SUFFIX = re.compile(r"(?:事业|系统|领域|行业|战线)$")


def special_topic(unit: str, topic: str) -> str | None:
    """标题里单位之外的话题是不是一个专项主题：是时返回主题（不带末尾的“工作”），否则 None。"""
    subject = re.sub(r"(?:的)?工作$", "", topic.strip("，,、 的")).strip("，,、 的和及与")
    if len(subject) < 2 or _PERIOD.search(subject) or subject.startswith(_GENERIC):
        return None
    field = _ORGAN.sub("", _PLACE.sub("", unit)) or unit
    plain = _FIELD_SUFFIX.sub("", subject)
    if plain and (plain in unit or _abbreviates(field, plain) or (len(field) >= 2 and plain.startswith(field[:2]))):
        return None  # 单位自己的业务：卫生健康委员会的“卫生健康工作”
    return subject


def _abbreviates(short: str, long: str) -> bool:
    """``short`` 是 ``long`` 的简称（按顺序取字，如“卫健”←“卫生健康”），且 ``long`` 不比它长出许多。"""
    if not short or len(long) > 2 * len(short) + 1:
        return False
    rest = iter(long)
    return all(char in rest for char in short)
