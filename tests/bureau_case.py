"""一套“单位模板”的用例（issue 23 的第一条完成标准）：改三个部分的名称、加第四部分“意见建议”、
换结束语、正文用方正仿宋_GBK。表单取自示例 贡觉县-2024（去掉其他章节和结束语）。

tests/render/test_bureau.py（.md、.docx、gen init、gen check）和 tests/pdf/test_pdf_render.py（与示例相同的
GB/T 9704 页面检查）共用。
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO

NAME = "我局模板"
SPEC = """\
名称: 我局模板
适用类型: [年度工作总结]
部分名称:
  工作开展情况: 主要工作及成效
  存在的问题: 存在的问题和不足
  下一步工作计划: "{下一年}年工作思路"
计划导语: "{下一年}年，我委将重点抓好以下几项工作。"
结束语: 我委将以更加务实的作风，推动卫生健康事业高质量发展。
增加部分:
  - 名称: 意见建议
    说明: 对上级部门的意见和建议
正文字体: 方正仿宋_GBK
"""
PART = ("建议上级部门在专业技术人才招录、职称评审等方面对高海拔地区给予政策倾斜，"
        "并加大对基层医疗机构设备更新的资金支持力度，帮助我县补齐医疗卫生服务短板。")
FORM_NAME = "贡觉县-2024-我局模板.yaml"
HEADINGS = ["一、主要工作及成效", "二、存在的问题和不足", "三、2025年工作思路", "四、意见建议"]


def build_case(folder: Path) -> Path:
    """在 ``folder`` 里写出 模板/我局模板/模板.yaml 和使用它的表单，返回表单路径。"""
    template = folder / "模板" / NAME
    template.mkdir(parents=True)
    (template / "模板.yaml").write_text(SPEC, encoding="utf-8")
    text = (REPO / "examples" / "贡觉县-2024.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\n其他章节:\n(?:  .*\n)+", "\n", text)
    text = re.sub(r"\n结束语: .*\n", "\n", text)
    text += f"\n模板: {NAME}\n增加部分:\n  意见建议: {PART}\n"
    form = folder / FORM_NAME
    form.write_text(text, encoding="utf-8")
    return form
