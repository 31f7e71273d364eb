"""机关名称：从“某旗卫生健康委员会2022年卫生健康工作总结”这样的标题里分出单位和话题。

导入（从标题读单位）和检查（GEN603：单位、署名的末尾不像机关名称）共用这一条规则。
"""

from __future__ import annotations

import re

# 机关名称常见的结尾（最长的写在前面）
ORGAN_END = "委员会|管理局|办公室|服务中心|中心|公司|局|委|院|府|办|站|所|厅|部|处|科|队|社|会"
NOT_ORGAN_END = re.compile(r"(工作总结|工作计划|工作|总结|计划|报告|情况|年度|年)$")


def split_organ(text: str) -> tuple[str, str]:
    """(机关名称, 后面的话题)：“某旗卫生健康委员会卫生健康工作”→(“某旗卫生健康委员会”, “卫生健康工作”)。

    取最后一个机关名称结尾之前的部分；没有机关名称的结尾时原样返回，话题为空。"""
    last = None
    for match in re.finditer(ORGAN_END, text):
        last = match
    if last is None:
        return text, ""
    return text[: last.end()], text[last.end():]
