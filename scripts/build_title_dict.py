"""重新生成标题回行用的两份词表 templates/dict/（说明见 templates/dict/README.md）。

    python scripts/build_title_dict.py cpca-0.5.5-py3-none-any.whl   # pip download cpca==0.5.5 --no-deps

- 标题词典.txt：jieba 自带词典里词频不低于 100 的词（“词 词频”，jieba 的词典格式，不能有注释行）；
- 行政区划.txt：cpca 的 adcodes.csv 的 name 列，去重排序。
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

import jieba

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "templates" / "dict"
MIN_FREQ = 100


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    source = Path(jieba.__file__).parent / "dict.txt"
    words = []
    for line in source.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        if int(freq) >= MIN_FREQ:
            words.append(f"{word} {freq}")
    (OUT / "标题词典.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    with zipfile.ZipFile(argv[0]) as wheel:
        table = wheel.read("cpca/resources/adcodes.csv").decode("utf-8")
    names = sorted({row["name"] for row in csv.DictReader(io.StringIO(table)) if row["name"]})
    (OUT / "行政区划.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"标题词典 {len(words)} 个词，行政区划 {len(names)} 个名称")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
