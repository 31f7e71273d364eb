"""gen template：单位自己的模板（新建、列出、检查）。与 commands.py 一样只解析参数、调用 api、印结果。"""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from .usage import Argument, ChineseCommand, ChineseGroup


@click.group("template", cls=ChineseGroup, short_help="本单位的模板：新建、列出、检查（gen template -h 看用法）。")
def template() -> None:
    """单位自己的模板：改部分名称、加部分、换结束语和字体（见 README“做一套本单位的模板”）。"""


@template.command("new", cls=ChineseCommand)
@click.argument("name", cls=Argument, metavar="模板名",
                help="新模板的名字，如 我局模板：写到当前文件夹的 模板/我局模板；写成路径时就写到那里。")
@click.option("--from", "kind", metavar="类型",
              help="从哪一类内置模板开始：年度工作总结（默认）、半年工作总结、工作总结和工作计划、专项工作总结、"
                   "工作计划、述职报告。")
@click.option("--reference", metavar="参考.docx", type=click.Path(path_type=Path, dir_okay=False),
              help="本单位的 Word 参考文件，复制进模板文件夹作 reference.docx（取用其中的样式和字体）。")
def new(name: str, kind: str | None, reference: Path | None) -> None:
    """新建一套模板：模板.yaml、这一类型的 Jinja 模板、版式 样式.yaml。"""
    try:
        folder = api.new_template(name, kind, reference=reference)
    except api.OptionProblem as exc:
        raise click.BadParameter(str(exc), param_hint="--from") from None
    click.echo(str(folder))
    click.echo(f"已新建模板。打开其中的 模板.yaml 修改部分名称等，改完运行：gen template check {name}；"
               f"表单里写 模板: {folder.name} 即可使用。")


@template.command("list", cls=ChineseCommand)
def list_() -> None:
    """列出内置的类型和找到的单位模板。"""
    listed, searched = api.list_templates()
    for item in listed:
        click.echo(f"{item.name}\t{item.kinds}\t{item.where}")
    click.echo("单位模板的查找位置（依次）：" + "；".join(str(p) for p in searched), err=True)


@template.command("check", cls=ChineseCommand)
@click.argument("name", cls=Argument, metavar="模板名",
                help="模板的名字（按查找位置找）或模板文件夹的路径。")
def check(name: str) -> None:
    """检查一套模板：模板.yaml、每个模板文件的语法、版式、reference.docx，并用示例表单试渲染。"""
    for note in api.check_template(name):
        click.echo(note.format())
