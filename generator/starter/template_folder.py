"""gen template：新建、列出、检查单位自己的模板文件夹（见 :mod:`generator.render.bureau`）。"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError

from ..errors import Diagnostic, FormError, GenError, OutputError, Severity
from ..form.kinds import DEBRIEF, NOT_IN, PLAN, SECTION_NAMES
from ..form.models import Form, ReportKind
from ..render.bureau import (
    REFERENCE_DOCX,
    SPEC_FILE,
    STYLE_FILE,
    TEMPLATE_SUFFIX,
    Bureau,
    builtin_kind_template,
    find_template,
    found_templates,
    load_template,
    search_path,
)
from ..render.sandbox import TemplateLimit
from ..render.template_errors import template_diagnostic
from ..resources import templates_dir

#: 内置模板各部分的名称（模板.yaml 的说明里列出，单位照着改）
BUILTIN_NAMES = {
    ReportKind.ANNUAL: ("工作开展情况", "下一步工作计划"),
    ReportKind.HALF_YEAR: ("上半年工作开展情况", "下半年工作计划"),
    ReportKind.SUMMARY_AND_PLAN: ("{年度}年工作开展情况", "{下一年}年工作计划"),
    ReportKind.TOPIC: ("工作开展情况", "下一步工作计划"),
    ReportKind.QUARTER: ("{季度}工作开展情况", "{下一季度}工作计划"),
}


def _section_lines(kind: ReportKind) -> str:
    """模板.yaml 里“部分名称”的各行：这一类型的内置名称，单位照着改。"""
    if kind.value in SECTION_NAMES:  # 工作计划、述职报告（form/kinds.py）
        names = {**SECTION_NAMES[kind.value], "主要指标完成情况": "主要指标完成情况"}
        return "".join(f"  {key}: {value}\n" for key, value in names.items())
    # 以“{”开头的值（{年度}年工作开展情况）在 YAML 里要加引号，否则被当成“键: 值”
    work, plans = (f'"{text}"' if text.startswith("{") else text for text in BUILTIN_NAMES[kind])
    return (f"  基本情况: 基本情况\n  工作开展情况: {work}\n  主要指标完成情况: 主要指标完成情况\n"
            f"  存在的问题: 存在的问题\n  下一步工作计划: {plans}\n")


def spec_text(name: str, kind: ReportKind) -> str:
    return f"""\
# 模板说明（gen template new 生成）。改完运行：gen template check {name}
# 各项的含义见 README 的“做一套本单位的模板”和 docs/templates.md。
名称: {name}

# 这套模板用于哪些类型：{"、".join(k.value for k in ReportKind)}
适用类型: [{kind.value}]

# 各部分的名称（不要写序号，序号自动编）。可以写 {{年度}}、{{下一年}}，如 {{下一年}}年工作思路；
# 季度工作总结还可以写 {{季度}}（如 第一季度）、{{下一季度}}（第四季度的下一季度是 次年第一季度）
部分名称:
{_section_lines(kind)}
# 计划部分标题下面的第一段（不需要就删掉这一行）
# 计划导语: {{下一年}}年，我局将重点抓好以下几项工作。

# 表单没写“结束语”时用的结尾一段（不需要就删掉这一行）
# 结束语: 新的一年，我局将……

# 模板增加的部分，排在计划之后，序号自动接着编；表单在“增加部分”下面用名称作键填写
# 增加部分:
#   - 名称: 意见建议
#     必填: true
#     说明: 对上级部门的意见和建议

# 正文字体（三级标题、表格原来与正文同一字体的一起换），如 方正仿宋_GBK
# 正文字体: 方正仿宋_GBK

# 正式公文（红头）里本单位每次都一样的几项，写一次；表单写了“公文:”时才用，表单里写了的优先。
# 机关代字：表单的发文字号写成“〔2025〕3号”时补在前面，成为“某卫健发〔2025〕3号”
# 公文:
#   发文机关标志: 某某县卫生健康委员会文件
#   机关代字: 某卫健发
#   印发机关: 某某县卫生健康委员会办公室
#   主送机关: 某某市卫生健康委员会
#   抄送机关: [某某县人民政府办公室]
"""


def template_target(name: str, base: Path | None = None) -> Path:
    """``gen template new`` 写到哪里：名字 → 当前文件夹下的 模板/名字；路径 → 就是它。"""
    base = base or Path.cwd()
    if "/" in name or "\\" in name:
        return (base / name).absolute()
    return (base / "模板" / name).absolute()


def new_template(name: str, kind: ReportKind = ReportKind.ANNUAL, *, base: Path | None = None,
                 reference: Path | None = None) -> Path:
    """新建模板文件夹：模板.yaml、这一类型的 Jinja 模板、版式、（可选）reference.docx。已存在时拒绝。"""
    target = template_target(name, base)
    if target.exists():
        raise OutputError(Diagnostic(f"“{target}”已经存在，gen template new 不会覆盖它。请换一个名字。"))
    if reference is not None and not reference.is_file():
        raise OutputError(Diagnostic(f"找不到 reference.docx 的来源“{reference}”。"))
    staging = target.with_name(target.name + ".新建中")
    try:
        staging.mkdir(parents=True)
        (staging / SPEC_FILE).write_text(spec_text(target.name, kind), encoding="utf-8")
        shutil.copyfile(builtin_kind_template(kind), staging / f"{kind.value}{TEMPLATE_SUFFIX}")
        shutil.copyfile(templates_dir() / "styles" / "gbt9704.yaml", staging / STYLE_FILE)
        if reference is not None:
            shutil.copyfile(reference, staging / REFERENCE_DOCX)
        staging.rename(target)  # 全部写好才出现，不留半个文件夹
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(Diagnostic(f"无法创建模板文件夹“{target}”：{exc.strerror}。")) from None
    return target


@dataclass
class ListedTemplate:
    name: str
    kinds: str
    where: str


def list_templates(base: Path | None = None) -> tuple[list[ListedTemplate], list[Path]]:
    """内置的类型和搜索路径上找到的模板；第二项是查找过的文件夹。"""
    base = base or Path.cwd()
    listed = [ListedTemplate(kind.value, kind.value, "内置") for kind in ReportKind]
    for folder, name in found_templates(base):
        try:
            kinds = "、".join(kind.value for kind in load_template(folder).spec.kinds)
        except GenError:
            kinds = "（模板.yaml 有错误，运行 gen template check 查看）"
        listed.append(ListedTemplate(name, kinds, str(folder)))
    return listed, search_path(base)


SAMPLE = {
    "单位": "某某县某某局", "年度": 2025, "日期": "2026-01-10", "导语": "导语。",
    "基本情况": "基本情况。", "结束语": None,
    "工作开展情况": [{"标题": "示例工作", "内容": "内容。", "要点": ["一", "二"],
                  "子项": [{"标题": "子项", "内容": "内容。"}]}],
    "其他章节": [{"标题": "其他章节", "内容": "内容。"}],
    "存在的问题": ["问题一。", "问题二。"], "下一步工作计划": [{"标题": "示例计划", "内容": "内容。"}],
}

#: 试生成时这一类型还要的键（专项工作总结的主题、季度工作总结的季度，工作计划、述职报告自己的部分）
KIND_SAMPLE: dict[str, dict[str, object]] = {
    ReportKind.TOPIC.value: {"主题": "爱国卫生运动"},
    ReportKind.QUARTER.value: {"季度": 1},
    PLAN: {"总体要求": "总体要求。", "保障措施": [{"标题": "示例措施", "内容": "内容。"}]},
    DEBRIEF: {"述职人": "某某", "职务": "局长", "学习": "学习。", "廉洁": "廉洁。"},
}


def check_template(name: str, base: Path | None = None) -> tuple[Bureau, list[Diagnostic]]:
    """检查一套模板：模板.yaml、每个 .j2 文件的语法、版式文件、reference.docx，
    再用一份示例表单按它适用的每个类型渲染一遍。有错误时抛出 :class:`FormError`（全部列出）。"""
    from ..render.render import render_document, template_environment

    base = base or Path.cwd()
    folder = Path(name).absolute() if Path(name).is_dir() else find_template(name, base)
    bureau = load_template(folder)
    errors: list[Diagnostic] = []
    notes: list[Diagnostic] = []
    env = template_environment(folder.resolve())
    for path in sorted(folder.rglob(f"*{TEMPLATE_SUFFIX}")):
        try:
            env.get_template(path.relative_to(folder).as_posix())
        except (TemplateError, TemplateLimit) as exc:  # 语法错误、引用了找不到的文件、文件太大

            errors.append(template_diagnostic(exc, path.name, bureau))
    from ..write.style_profile import load_profile

    style = bureau.style_path()
    try:
        profile = load_profile(style)
    except GenError as exc:
        errors += exc.diagnostics
        profile = load_profile()
    reference = bureau.reference_docx()
    if reference is not None:
        from ..write.word.reference import read_reference

        try:
            notes += read_reference(reference).apply(profile, reference)
        except GenError as exc:
            errors += exc.diagnostics
    if not errors:
        for kind in bureau.spec.kinds:
            parts = {part.name: "示例内容。" for part in bureau.spec.added}
            data = {**SAMPLE, **KIND_SAMPLE.get(kind.value, {}), "类型": kind.value, "增加部分": parts}
            form = Form.model_validate({k: v for k, v in data.items()
                                        if v is not None and k not in NOT_IN.get(kind.value, ())})
            try:
                render_document(form, extra={"indicator_rows": []}, bureau=bureau)
            except GenError as exc:
                errors += exc.diagnostics
    if errors:
        raise FormError(errors)
    notes.append(Diagnostic(f"模板“{bureau.spec.name}”检查通过（{folder}）。", severity=Severity.INFO))
    return bureau, notes


def template_kind(name: str, form_dir: Path) -> str:
    """模板适用的第一个类型（空白表单的“类型”）。"""
    return load_template(find_template(name, form_dir)).spec.kinds[0].value


def starter_lines(name: str, form_dir: Path) -> str:
    """``gen init --template``：空白表单末尾加的几行（模板名、模板增加的部分，各自“请补写”）。"""
    bureau = load_template(find_template(name, form_dir))
    spec = bureau.spec
    names = spec.sections
    lines = ["", "# 本单位的模板（gen init --template 写入）。各部分在报告里的名称由模板决定：",
             f"#   工作开展情况 → {names.work or '（同内置）'}；存在的问题 → {names.problems or '（同内置）'}；"
             f"下一步工作计划 → {names.plans or '（同内置）'}",
             f"模板: {name}"]
    if spec.added:
        lines += ["", "# 模板增加的部分：每一部分写一段（或空一行分几段）", "增加部分:"]
        for part in spec.added:
            need = "必填" if part.required else "可选，不写就删掉这一行"
            hint = f"，{part.hint}" if part.hint else ""
            lines.append(f"  # {part.name}（{need}{hint}）")
            lines.append(f"  {part.name}: 请补写{part.name}的内容")
    return "\n".join(lines) + "\n"
