"""单位自己的模板（“模板文件夹”）：``模板.yaml``、各类型的 Jinja 模板、版式、可选的 reference.docx。

表单写 ``模板: 我局模板`` 时按 :func:`search_path` 的顺序找这个文件夹：

1. 表单里写的是路径（含 ``/``、``\\`` 或以 ``.`` 开头）：相对于表单所在的文件夹；
2. 表单旁边的 ``模板/我局模板``；
3. 用户配置目录里的 ``gen/模板/我局模板``（Windows：``%APPDATA%\\gen\\模板``；
   其他系统：``$XDG_CONFIG_HOME/gen/模板``，默认 ``~/.config/gen/模板``）。

``模板.yaml`` 的读取和报错方式与表单相同（中文、带行列号）。模板文件本身在 :mod:`.sandbox` 里运行。
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from ..errors import Diagnostic, FormError
from ..form.kinds import SECTION_NAMES
from ..form.models import Form, ReportKind
from ..form.reading import form_keys
from ..form.validate import character_problems, translate_errors
from ..modelbase import FormModel
from ..read.loader import parse_yaml, read_source
from ..resources import templates_dir

SPEC_FILE = "模板.yaml"
STYLE_FILE = "样式.yaml"
REFERENCE_DOCX = "reference.docx"
TEMPLATE_SUFFIX = ".md.j2"


class SectionNames(FormModel):
    """各部分的名称；不填的沿用内置模板的名称。可以写 {年度}、{下一年}；季度工作总结还可以写 {季度}、{下一季度}。"""

    overview: str | None = Field(default=None, alias="基本情况", title="基本情况")
    work: str | None = Field(default=None, alias="工作开展情况", title="工作开展情况")
    table: str | None = Field(default=None, alias="主要指标完成情况", title="主要指标完成情况")
    problems: str | None = Field(default=None, alias="存在的问题", title="存在的问题")
    plans: str | None = Field(default=None, alias="下一步工作计划", title="下一步工作计划")
    # 工作计划、述职报告才有的部分（form/kinds.py）
    requirements: str | None = Field(default=None, alias="总体要求", title="总体要求")
    safeguards: str | None = Field(default=None, alias="保障措施", title="保障措施")
    study: str | None = Field(default=None, alias="学习", title="学习")
    integrity: str | None = Field(default=None, alias="廉洁", title="廉洁")


class AddedPart(FormModel):
    """模板增加的一个部分，排在计划之后，序号自动接着编。表单在“增加部分”下面用它的名称作键填写内容。"""

    name: str = Field(alias="名称", min_length=1, title="名称", description="部分的名称，如 意见建议")
    required: bool = Field(default=True, alias="必填", title="必填")
    hint: str | None = Field(default=None, alias="说明", title="说明",
                             description="写进空白表单的填写提示")

    @field_validator("name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value:
            raise ValueError("只能写一行，请去掉其中的换行")
        return value


class FrameDefaults(FormModel):
    """``模板.yaml`` 的“公文:”：本单位正式公文里每次都一样的几项，写一次。表单的“公文:”里写了的优先。"""

    organ_marks: list[str] = Field(default_factory=list, alias="发文机关标志", title="发文机关标志",
                                   description="红头上的机关名称，如 某某县卫生健康委员会文件；联合行文写成列表")
    code: str | None = Field(default=None, alias="机关代字", title="机关代字",
                             description="发文字号前面的机关代字，如 某卫健发；表单的发文字号写成〔2025〕3号时补在前面")
    printer: str | None = Field(default=None, alias="印发机关", title="印发机关",
                                description="版记里的印发机关，一般是办公室，如 某某县卫生健康委员会办公室")
    main_recipient: str | None = Field(default=None, alias="主送机关", title="主送机关",
                                       description="通常的主送机关，如 市卫生健康委员会")
    copies_to: list[str] = Field(default_factory=list, alias="抄送机关", title="抄送机关",
                                 description="通常的抄送机关，几个写成列表")

    @field_validator("organ_marks", "copies_to", mode="before")
    @classmethod
    def _listed(cls, value: object) -> object:
        return [value] if isinstance(value, str) else [] if value is None else value

    @field_validator("code", "printer", "main_recipient")
    @classmethod
    def _single(cls, value: str | None) -> str | None:
        if value is not None and "\n" in value.strip():
            raise ValueError("只能写一行，请去掉其中的换行")
        return value


class TemplateSpec(FormModel):
    """``模板.yaml``。"""

    name: str = Field(alias="名称", min_length=1, title="名称")
    kinds: list[ReportKind] = Field(alias="适用类型", min_length=1, title="适用类型",
                                    description="这套模板用于哪些类型的总结")
    sections: SectionNames = Field(default_factory=SectionNames, alias="部分名称", title="部分名称")
    plans_opening: str | None = Field(default=None, alias="计划导语", title="计划导语",
                                      description="计划部分标题下面的第一段")
    closing: str | None = Field(default=None, alias="结束语", title="结束语",
                                description="表单没写结束语时用这一段")
    added: list[AddedPart] = Field(default_factory=list, alias="增加部分", title="增加部分")
    body_font: str | None = Field(default=None, alias="正文字体", title="正文字体",
                                  description="正文和二三级标题用的字体，如 方正仿宋_GBK")
    style: str | None = Field(default=None, alias="样式", title="样式",
                              description="版式文件（相对于模板文件夹）；不填时有 样式.yaml 就用它")
    frame: FrameDefaults | None = Field(default=None, alias="公文", title="公文",
                                        description="正式公文（表单写了“公文:”时）的发文机关标志、机关代字、"
                                                    "印发机关等，表单里写了的优先")


@dataclass(frozen=True)
class Bureau:
    """一套找到并读好的单位模板。"""

    folder: Path
    spec: TemplateSpec

    @property
    def spec_path(self) -> Path:
        return self.folder / SPEC_FILE

    def template_file(self, kind: ReportKind) -> Path | None:
        """这一类型的模板文件；文件夹里没有时用内置的（返回 None）。"""
        path = self.folder / f"{kind.value}{TEMPLATE_SUFFIX}"
        return path if path.is_file() else None

    def style_path(self) -> Path | None:
        if self.spec.style:
            return self.folder / self.spec.style
        path = self.folder / STYLE_FILE
        return path if path.is_file() else None

    def reference_docx(self) -> Path | None:
        path = self.folder / REFERENCE_DOCX
        return path if path.is_file() else None


def _expand(text: str, form: Form) -> str:
    text = text.replace("{年度}", str(form.year)).replace("{下一年}", str(form.year + 1))
    return text.replace("{季度}", form.quarter_name).replace("{下一季度}", form.next_quarter_name)


def render_context(form: Form, bureau: Bureau | None) -> dict[str, object]:
    """模板里除了 ``form`` 和 ``indicator_rows`` 之外的对象（见 docs/templates.md）。没有单位模板时是内置的名称。"""
    names = bureau.spec.sections if bureau else SectionNames()
    sections = {
        "overview": _expand(names.overview, form) if names.overview else "基本情况",
        "work": _expand(names.work, form) if names.work else None,
        "table": _expand(names.table, form) if names.table else "主要指标完成情况",
        "problems": _expand(names.problems, form) if names.problems
        else SECTION_NAMES.get(form.kind.value, {}).get("存在的问题", "存在的问题"),
        "plans": _expand(names.plans, form) if names.plans else None,
    }
    for key in ("requirements", "safeguards", "study", "integrity"):
        name = getattr(names, key)
        sections[key] = _expand(name, form) if name else None
    spec = bureau.spec if bureau else None
    added = [{"title": _expand(part.name, form), "text": form.parts.get(part.name) or ""}
             for part in (spec.added if spec else [])]
    return {
        "sections": sections,
        "plans_opening": _expand(spec.plans_opening, form) if spec and spec.plans_opening else "",
        "added_parts": [part for part in added if part["text"]],
        "default_closing": _expand(spec.closing, form) if spec and spec.closing else "",
    }


def with_template_frame(form: Form, bureau: Bureau | None) -> Form:
    """表单的“公文:”补上单位模板“公文:”里的各项（表单里写了的优先）；表单没写“公文:”时不加版头版记，原样返回。

    发文字号写成“〔2025〕3号”（没有机关代字）时，补上模板的“机关代字”。"""
    defaults = bureau.spec.frame if bureau is not None else None
    frame = form.frame
    if defaults is None or frame is None:
        return form
    written = frame.model_fields_set
    update: dict[str, object] = {name: getattr(defaults, name)
                                 for name in ("organ_marks", "printer", "main_recipient", "copies_to")
                                 if name not in written and getattr(defaults, name)}
    if defaults.code and frame.number is not None and frame.number.lstrip().startswith("〔"):
        update["number"] = defaults.code + frame.number.strip()
    if not update:
        return form
    return form.model_copy(update={"frame": frame.model_copy(update=update)})


# ---------------------------------------------------------------- 查找和读取


def config_dir() -> Path:
    """用户配置目录里放模板的文件夹。"""
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    elif os.environ.get("XDG_CONFIG_HOME"):
        base = Path(os.environ["XDG_CONFIG_HOME"])
    else:
        base = Path.home() / ".config"
    return base / "gen" / "模板"


def search_path(form_dir: Path | None) -> list[Path]:
    """按名字找模板时依次查看的文件夹。"""
    return ([form_dir / "模板"] if form_dir is not None else []) + [config_dir()]


def _is_path(name: str) -> bool:
    return "/" in name or "\\" in name or name.startswith(".") or Path(name).is_absolute()


def find_template(name: str, form_dir: Path | None) -> Path:
    """模板名或路径 → 模板文件夹；找不到时说明找过哪些地方。"""
    if _is_path(name):
        folder = Path(os.path.normpath((form_dir or Path.cwd()) / name))
        if (folder / SPEC_FILE).is_file():
            return folder
        raise FormError(Diagnostic(f"找不到模板“{name}”：{folder} 里没有 {SPEC_FILE}。"
                                   "请检查路径，或用 gen template new 新建一套模板。"))
    for root in search_path(form_dir):
        if (root / name / SPEC_FILE).is_file():
            return root / name
    places = "、".join(str(root / name) for root in search_path(form_dir))
    raise FormError(Diagnostic(f"找不到模板“{name}”（找过：{places}）。"
                               f"请用 gen template list 看有哪些模板，或用 gen template new {name} 新建。"))


def found_templates(form_dir: Path | None) -> list[tuple[Path, str]]:
    """搜索路径上的全部模板文件夹（文件夹，名字）；同名的只列第一个（它才会被用到）。"""
    seen: set[str] = set()
    found: list[tuple[Path, str]] = []
    for root in search_path(form_dir):
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            if folder.name not in seen and (folder / SPEC_FILE).is_file():
                seen.add(folder.name)
                found.append((folder, folder.name))
    return found


def load_template(folder: Path) -> Bureau:
    """读入模板文件夹的 ``模板.yaml``；错误带 模板.yaml 的行列号。"""
    loaded = parse_yaml(read_source(folder / SPEC_FILE, what="模板说明"), keys=form_keys)
    # 引号里的 "\a" "\x0b" 这类转义读出来是控制字符，Word 放不进：与表单一样带行列号拒绝
    characters = character_problems(loaded)
    try:
        spec = TemplateSpec.model_validate(loaded.data)
    except ValidationError as exc:
        raise FormError(characters + translate_errors(loaded, exc, TemplateSpec)) from None
    if characters:
        raise FormError(characters)
    return Bureau(folder=folder, spec=spec)


def builtin_kind_template(kind: ReportKind) -> Path:
    return templates_dir() / "report" / f"{kind.value}{TEMPLATE_SUFFIX}"


def part_problems(bureau: Bureau, form: Form) -> list[tuple[tuple[str, ...], str]]:
    """表单和模板的“增加部分”对不上的地方：（表单里的键路径，中文说明）。"""
    declared = {part.name: part for part in bureau.spec.added}
    problems: list[tuple[tuple[str, ...], str]] = []
    for name in form.parts:
        if name not in declared:
            names = "、".join(declared) or "（没有）"
            problems.append((("增加部分", name), f"模板“{bureau.spec.name}”没有“{name}”这一部分，"
                                                 f"它增加的部分有：{names}。请改成其中一个，或删掉这一项"))
    for part in bureau.spec.added:
        text = form.parts.get(part.name)
        if part.required and not (text and text.strip()):
            where = ("增加部分",) if form.parts else ("模板",)
            problems.append((where, f"模板“{bureau.spec.name}”要求填写“{part.name}”：请在表单的“增加部分”下面加上"
                                    f"“{part.name}: ……”，写上这一部分的内容"))
    return problems
