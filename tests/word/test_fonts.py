"""随包的字体替换表（templates/styles/fonts.conf）：每种公文字体落到字形相近、字也齐全的免费字体。"""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import EXAMPLES
from office import require_tool

from generator.write.pdf import fontconfig_file


def test_kai_substitute_covers_every_character_of_the_examples() -> None:
    """替换表里楷体用的 AR PL UKai CN 覆盖示例里的每个汉字（cwTeX 繁体字库缺二百多个简体字，所以没用）。"""
    fc_query, fc_match = require_tool("fc-query"), require_tool("fc-match")
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file()))
    found = subprocess.run([fc_match, "-f", "%{family[0]}\n%{file}", "楷体_GB2312:lang=zh-cn"],
                           capture_output=True, text=True, env=env, check=True).stdout.splitlines()
    if found[0] != "AR PL UKai CN":
        message = f"没有安装 fonts-arphic-ukai（楷体_GB2312 落到了 {found[0]}）"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true：{message}。.ci/run 应当安装它。", pytrace=False)
        pytest.skip(message)
    charset = subprocess.run([fc_query, "-i", "0", "-f", "%{charset}", found[1]], capture_output=True,
                             text=True, check=True).stdout
    covered: set[int] = set()
    for part in charset.split():
        low, _, high = part.partition("-")
        covered.update(range(int(low, 16), int(high or low, 16) + 1))
    text = "".join(path.read_text(encoding="utf-8") for path in EXAMPLES)
    missing = sorted({ch for ch in text if "\u4e00" <= ch <= "\u9fff" and ord(ch) not in covered})
    assert missing == [], f"楷体替代字体缺字：{''.join(missing)}"
