"""重新生成 Word 金样 tests/golden/word/（用例见 tests/word_cases.py，说明见 tests/golden/word/README.md）。

    python scripts/update_goldens.py          # 改写金样（多余的旧文件删掉），再用 git diff 检查差异
    python scripts/update_goldens.py --check  # 只比较：有不同就列出文件、退出码 1
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from word_cases import GOLDEN_WORD, golden_files, stored_files  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="重新生成或检查 Word 金样 tests/golden/word/")
    parser.add_argument("--check", action="store_true", help="只比较，不写；有不同时退出码为 1")
    args = parser.parse_args(argv)
    expected, stored = golden_files(), stored_files()
    changed = sorted(path for path in expected.keys() | stored.keys() if expected.get(path) != stored.get(path))
    if args.check:
        for path in changed:
            state = "多余" if path not in expected else "缺少" if path not in stored else "不同"
            print(f"{state}：tests/golden/word/{path}")
        print(f"{len(expected)} 个金样文件，{len(changed)} 个不一致" if changed else f"{len(expected)} 个金样文件一致")
        return 1 if changed else 0
    for path in changed:
        target = GOLDEN_WORD / path
        if path not in expected:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="\n") as file:
            file.write(expected[path])
    for folder in sorted((p for p in GOLDEN_WORD.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    print(f"{len(expected)} 个金样文件，改写了 {len(changed)} 个")
    return 0


if __name__ == "__main__":
    sys.exit(main())
