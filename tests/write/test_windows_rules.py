"""Windows 的规则，写成纯函数，不在 Windows 上也能测试：LibreOffice 装在哪里、不能用的文件名、
消息里路径的分隔符、“文档”和配置文件夹在哪里。"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.doctor.places import documents_candidates
from generator.write.names import name_problem, separator_style, with_separators
from generator.write.soffice import locate_soffice, parse_version, soffice_candidates

WIN_ENV = {"ProgramFiles": "D:\\Program Files", "ProgramFiles(x86)": "D:\\Program Files (x86)",
           "LOCALAPPDATA": "C:\\Users\\张三\\AppData\\Local", "APPDATA": "C:\\Users\\张三\\AppData\\Roaming",
           "USERPROFILE": "C:\\Users\\张三"}


def test_libreoffice_where_the_windows_installer_puts_it() -> None:
    assert soffice_candidates("win32", WIN_ENV, "C:\\Users\\张三") == [
        "D:\\Program Files\\LibreOffice\\program\\soffice.exe",
        "D:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe",
        "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
        "C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe",
        "C:\\Users\\张三\\AppData\\Local\\Programs\\LibreOffice\\program\\soffice.exe",  # 只为当前用户安装
    ]
    # 环境变量缺了也照样看默认位置
    assert soffice_candidates("win32", {}, "C:\\Users\\张三")[0] == "C:\\Program Files\\LibreOffice\\program\\soffice.exe"


def test_libreoffice_where_the_macos_installer_puts_it() -> None:
    assert soffice_candidates("darwin", {}, "/Users/zhangsan") == [
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        "/Users/zhangsan/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    assert soffice_candidates("linux", {}, "/home/zs") == []


def test_locate_prefers_path_then_install_folders() -> None:
    installed = "C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe"
    found = locate_soffice(which=lambda name: None, is_file=lambda path: path == installed, platform="win32",
                           environ={"ProgramFiles": "C:\\Program Files"}, home="C:\\Users\\张三")
    assert found == Path(installed)
    on_path = locate_soffice(which=lambda name: "/usr/bin/soffice" if name == "soffice" else None,
                             is_file=lambda path: True, platform="win32", environ={}, home="")
    assert on_path == Path("/usr/bin/soffice")
    assert locate_soffice(which=lambda name: None, is_file=lambda path: False, platform="darwin", environ={},
                          home="/Users/z") is None


def test_libreoffice_version() -> None:
    assert parse_version("LibreOffice 7.4.7.2 40(Build:2)\n") == "7.4.7.2"
    assert parse_version("LibreOffice 24.2.1.2 db4def46b0453cc22e2d0305797cf981b68ef5ac\r\n") == "24.2.1.2"
    assert parse_version("") is None


@pytest.mark.parametrize("name", ["表单.yaml", "贡觉县 2024 工作总结.docx", "CONSOLE.docx", "con-2024.md", "COM10.docx",
                                  "NULL.yaml", "我的 表单（定稿）.yaml", ".gen-表单.yaml"])
def test_names_windows_accepts(name: str) -> None:
    assert name_problem(name) is None


@pytest.mark.parametrize(("name", "message"), [
    ("CON", "文件名“CON”用了 Windows 保留的设备名 CON（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9 都不能做文件名，"
            "加扩展名也不行）。请换一个名字，如“CON-工作总结”。"),
    ("con.docx", "文件名“con.docx”用了 Windows 保留的设备名 CON（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9 都不能做文件名，"
                 "加扩展名也不行）。请换一个名字，如“CON-工作总结.docx”。"),
    ("NUL.tar.gz", "文件名“NUL.tar.gz”用了 Windows 保留的设备名 NUL（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9 都不能做文件名，"
                   "加扩展名也不行）。请换一个名字，如“NUL-工作总结.tar.gz”。"),
    ("表单.yaml.", "文件名“表单.yaml.”末尾是点，Windows 会把它悄悄去掉，变成另一个文件“表单.yaml”。请去掉末尾的点。"),
    ("总结.docx ", "文件名“总结.docx ”末尾是空格，Windows 会把它悄悄去掉，变成另一个文件“总结.docx”。请去掉末尾的空格。"),
    ("问题?.md", "文件名“问题?.md”里有 Windows 文件名不能用的字符：?。请换掉这些字符。"),
    ('a<b>:c.docx', "文件名“a<b>:c.docx”里有 Windows 文件名不能用的字符：: < >。请换掉这些字符。"),
])
def test_names_windows_refuses(name: str, message: str) -> None:
    assert name_problem(name) == message


def test_reserved_names_in_folders_and_lpt_com() -> None:
    for name in ("COM1.docx", "lpt9.md", "aux", "PRN.yaml", "COM¹.txt"):
        assert name_problem(name) is not None, name
    problem = name_problem("报告 ", kind="文件夹")
    assert problem == "文件夹名“报告 ”末尾是空格，Windows 会把它悄悄去掉，变成另一个文件夹“报告”。请去掉末尾的空格。"


def test_gen_refuses_to_write_such_a_name(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file()
    for output, shown in (("CON.docx", "CON.docx"), ("NUL.md", "NUL.md"), ("报告./", "报告.")):
        result = gen("report", str(path), "-o", str(path.parent / output))
        assert result.code == 1, result
        assert "gen 不会" in result.err and f"“{path.parent / shown}”" in result.err
    assert sorted(p.name for p in path.parent.iterdir()) == ["表单.yaml"]  # 什么也没写，也没建文件夹
    ok = gen("report", str(path), "-o", str(path.parent / "贡觉县 2024 工作总结.docx"))
    assert ok.code == 0 and (path.parent / "贡觉县 2024 工作总结.docx").is_file()


def test_separators_kept_as_typed() -> None:
    assert separator_style(["report", "D:/总结/表单.yaml"]) == "/"
    assert separator_style(["report", "D:\\总结\\表单.yaml"]) == "\\"
    assert separator_style(["report", "表单.yaml"]) is None
    assert separator_style(["D:/总结\\表单.yaml"]) is None  # 混用：按系统的写法
    # Windows：pathlib 把 D:/总结/表单.yaml 印成 D:\总结\表单.yaml；按用户的写法印回来
    assert with_separators("D:\\总结\\表单.docx", "/", native="\\") == "D:/总结/表单.docx"
    assert with_separators("D:\\总结\\表单.docx", "\\", native="\\") == "D:\\总结\\表单.docx"
    assert with_separators("D:\\总结\\表单.docx", None, native="\\") == "D:\\总结\\表单.docx"
    assert with_separators("/home/张三/a\\b.docx", "/", native="/") == "/home/张三/a\\b.docx"  # Linux：“\”是文件名的一部分


def test_config_and_documents_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 用户配置文件夹只有一处（platformdirs）：gen edit 的令牌、gen-edit 上次的文件夹、gen doctor 报告的都是它
    from generator.doctor.places import user_config_dir as doctor_dir
    from generator.edit.session import _store
    from generator.resources import user_config_dir

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert user_config_dir() == doctor_dir() == tmp_path / "gen"
    assert _store(tmp_path).parent == tmp_path / "gen" / "edit"
    assert documents_candidates("win32", {**WIN_ENV, "OneDrive": "C:\\Users\\张三\\OneDrive"}, "C:\\Users\\张三") == [
        "C:\\Users\\张三\\OneDrive\\Documents", "C:\\Users\\张三\\Documents", "C:\\Users\\张三"]
    assert documents_candidates("linux", {}, "/home/z") == ["/home/z/Documents", "/home/z/文档", "/home/z"]


def test_form_whose_name_ends_in_a_dot_is_read_with_a_hint(gen, form_file) -> None:  # type: ignore[no-untyped-def]
    path = form_file(name="表单.yaml.")
    result = gen("report", str(path), "-f", "md")
    assert result.code == 0, result.err
    assert result.out == f"{path.parent / '表单.md'}\n"  # 输出名里不带那个点
    assert result.err == (f"{path}: 提示：文件名“表单.yaml.”末尾是点，Windows 上不能有这样的文件（会被当成另一个文件）。"
                          "已按表单处理，建议改名为“表单.yaml”。\n")
    spaced = form_file(name="总结 2024.yaml")  # 汉字和空格：没有提示
    done = gen("report", str(spaced), "-f", "md")
    assert done.code == 0 and done.err == "" and (spaced.parent / "总结 2024.md").is_file()
