"""Windows 上不能用的文件名，和消息里的路径按用户自己写的分隔符印出。都是纯函数，不在 Windows 上也能测试。

gen 写出的每个文件都经过 :func:`name_problem`（见 :mod:`generator.write.output`）：表单、报告常在
Windows 电脑之间拷来拷去，在 Linux 上写出一个“CON.docx”或“表单.yaml.”，到了 Windows 上就打不开、删不掉。
汉字和空格没有问题。
"""

from __future__ import annotations

from collections.abc import Sequence

# Windows 保留的设备名：不论扩展名（CON.docx、nul.yaml 也不行），不分大小写
RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                      *(f"LPT{i}" for i in range(1, 10)), "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"})
FORBIDDEN = '<>:"/\\|?*'


def name_problem(name: str, *, kind: str = "文件") -> str | None:
    """这个文件名（``kind`` 为“文件夹”时是文件夹名）在 Windows 上不能用时，说明原因和改法（中文，一句话）；
    能用时为 None。"""
    if not name:
        return f"{kind}名是空的。请写一个{kind}名，如 工作总结.docx。"
    if name.endswith((".", " ")):
        kept = name.rstrip(". ")
        what = "点" if name.endswith(".") else "空格"
        return (f"{kind}名“{name}”末尾是{what}，Windows 会把它悄悄去掉，变成另一个{kind}“{kept}”。"
                f"请去掉末尾的{what}。")
    device = name.split(".")[0].rstrip(" ").upper()
    if device in RESERVED:
        return (f"{kind}名“{name}”用了 Windows 保留的设备名 {device}（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9 都不能"
                f"做{kind}名，加扩展名也不行）。请换一个名字，如“{device}-工作总结{name[len(name.split('.')[0]):]}”。")
    bad = sorted({ch for ch in name if ch in FORBIDDEN or ord(ch) < 32})
    if bad:
        shown = " ".join(repr(ch)[1:-1] if ord(ch) < 32 else ch for ch in bad)
        return f"{kind}名“{name}”里有 Windows {kind}名不能用的字符：{shown}。请换掉这些字符。"
    return None


def separator_style(typed: Sequence[str]) -> str | None:
    """用户在命令行写路径时用的分隔符：只用“/”时为 "/"，只用“\\”时为 "\\"，都没用或混用时为 None。"""
    slashes = any("/" in text for text in typed)
    backslashes = any("\\" in text for text in typed)
    if slashes == backslashes:
        return None
    return "/" if slashes else "\\"


def with_separators(path: str, style: str | None, *, native: str) -> str:
    """按用户的写法印出路径：Windows（``native`` 为 "\\"）上用户写的是 D:/总结/表单.yaml 时，
    消息里也写 D:/总结/表单.yaml，而不是 pathlib 换成的 D:\\总结\\表单.yaml。Linux 上“\\”不是分隔符，原样返回。"""
    if style is None or native != "\\" or style == native:
        return path
    return path.replace("\\", "/")
