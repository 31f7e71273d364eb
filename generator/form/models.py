"""表单的数据模型（校验阶段的核心）。

字段名是英文，``alias`` 是办事员在表单里写的中文键。JSON Schema 由这些模型导出。
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Any, Literal

from pydantic import Field, PrivateAttr, ValidationInfo, field_validator, model_serializer, model_validator
from pydantic_core import PydanticCustomError

from ..errors import brief
from ..indicators.model import Indicator
from ..modelbase import FormModel
from .dates import clerk_date
from .frame import Frame
from .kinds import quarter_value, raise_kind_problems, raise_missing_key, topic_value
from .periods import next_quarter_name, quarter_name, quarter_schema


def _single_line(value: str | None) -> str | None:
    """标题、单位、署名只能是一行：换行会改变文档结构（多出一段、被当成列表）。"""
    if value is not None and "\n" in value.strip():
        raise ValueError("只能写一行，请去掉其中的换行")
    return value


class ReportKind(str, Enum):
    ANNUAL = "年度工作总结"
    HALF_YEAR = "半年工作总结"
    SUMMARY_AND_PLAN = "工作总结和工作计划"
    TOPIC = "专项工作总结"
    # 季度工作总结（issue 23）：要写“季度”
    QUARTER = "季度工作总结"
    # 工作计划、述职报告（各部分的规则见 form/kinds.py）
    PLAN = "工作计划"
    DEBRIEF = "述职报告"


class Item(FormModel):
    """一个事项：渲染为“（一）标题。”加内容和要点。"""

    title: str = Field(alias="标题", min_length=1, title="标题",
                       description="这一项工作的小标题，如 强化理论武装，提升服务能力（不要写序号）")
    content: str | None = Field(default=None, alias="内容", title="内容",
                                description="紧接小标题的正文；空一行可分段")
    points: list[str] = Field(default_factory=list, alias="要点", title="要点",
                              description="并列的几点，自动编为“一是……；二是……”")
    children: list[Item] = Field(default_factory=list, alias="子项", title="子项",
                                 description="下一层事项，自动编为 1. 2. …")

    @field_validator("title")
    @classmethod
    def _title_one_line(cls, value: str) -> str | None:
        return _single_line(value)

    @field_validator("points")
    @classmethod
    def _points_not_empty(cls, value: list[str]) -> list[str]:
        for text in value:
            if not text.strip():
                raise ValueError("要点里有一条是空的，请填写内容或删掉这一行")
        return value


class Problem(FormModel):
    """一条存在的问题；可以附带解决思路。"""

    content: str = Field(alias="内容", min_length=1, title="内容", description="问题的表述")
    solution: str | None = Field(default=None, alias="解决思路", title="解决思路",
                                 description="针对这个问题打算怎么办（可选）")
    _plain: bool = PrivateAttr(default=False)

    @model_validator(mode="wrap")
    @classmethod
    def _from_text(cls, data: Any, handler: Any) -> Problem:
        """只写一句话的问题：记下它是简写，渲染时合成“一是……二是……”。"""
        if isinstance(data, str):
            problem: Problem = handler({"内容": data})
            problem._plain = True
            return problem
        result: Problem = handler(data)
        return result

    @model_serializer(mode="wrap")
    def _as_text(self, handler: Any) -> Any:
        return self.content if self._plain else handler(self)

    @property
    def plain(self) -> bool:
        """表单里只写了一句话（而不是“内容/解决思路”）。"""
        return self._plain


class ExtraSection(FormModel):
    """工作开展情况之后的其他一级章节，如 获得荣誉、经验体会。"""

    title: str = Field(alias="标题", min_length=1, title="标题", description="章节名，如 获得荣誉")
    content: str | None = Field(default=None, alias="内容", title="内容", description="章节正文")
    items: list[Item] = Field(default_factory=list, alias="事项", title="事项",
                              description="章节下的事项，自动编为（一）（二）…")

    @field_validator("title")
    @classmethod
    def _title_one_line(cls, value: str) -> str | None:
        return _single_line(value)

    @model_validator(mode="after")
    def _has_body(self) -> ExtraSection:
        if not (self.content and self.content.strip()) and not self.items:
            raise ValueError("这个章节既没有“内容”也没有“事项”，请至少填写一项")
        return self


class CheckSettings(FormModel):
    """内容检查的设置。"""

    ignore: list[str] = Field(default_factory=list, alias="忽略", title="忽略",
                              description="不做的检查项代码，如 [GEN203]")

    @field_validator("ignore")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not re.fullmatch(r"GEN\d{3}", code.strip().upper()):
                raise ValueError(f"“{code}”不是检查项代码，代码形如 GEN203")
        return [code.strip().upper() for code in value]


def _text_or_problem(schema: dict[str, Any]) -> None:
    """JSON Schema：存在的问题每条可以是一句话，也可以是 {内容, 解决思路}。"""
    schema["items"] = {"anyOf": [{"type": "string", "minLength": 1}, schema["items"]]}


def _table_choice_schema(schema: dict[str, Any]) -> None:
    """JSON Schema：指标表可以填 true/false，也可以填“附件”“正文”。"""
    schema.pop("anyOf", None)
    schema["anyOf"] = [{"type": "boolean"}, {"enum": ["附件", "正文"], "type": "string"}]
    schema["default"] = False


class Openings(FormModel):
    """各部分的开头：一级标题之后、第一个（一）之前的一段总述（不编序号，不算事项）。"""

    work: str | None = Field(default=None, alias="工作开展情况", title="工作开展情况",
                             description="“工作开展情况”的开头一段，如 全年围绕……开展了以下工作")
    problems: str | None = Field(default=None, alias="存在的问题", title="存在的问题",
                                 description="“存在的问题”的开头一段")
    plans: str | None = Field(default=None, alias="下一步工作计划", title="下一步工作计划",
                              description="“下一步工作计划”的开头一段，如 2025年，我委将……")


class IndicatorFile(FormModel):
    """指标表格的文件名和工作表。"""

    path: str = Field(alias="路径", min_length=1, title="路径", description="表格文件名，如 指标.xlsx")
    sheet: str | None = Field(default=None, alias="工作表", title="工作表",
                              description="工作表的名字，如 2024；不填时读第一个工作表")

    @field_validator("sheet", mode="before")
    @classmethod
    def _sheet_name(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Form(FormModel):
    """一份工作总结表单。"""

    unit: str = Field(alias="单位", min_length=1, title="单位",
                      description="发文单位全称，如 贡觉县卫生健康委员会")
    year: int = Field(alias="年度", ge=2000, le=2100, title="年度",
                      description="总结的是哪一年，写阿拉伯数字，如 2024")
    kind: ReportKind = Field(default=ReportKind.ANNUAL, alias="类型", title="类型",
                             description="年度工作总结、半年工作总结、工作总结和工作计划、专项工作总结（要写“主题”）、"
                                         "季度工作总结（要写“季度”）、工作计划（年度是计划的年份）"
                                         "或 述职报告（要写“述职人”）")
    topic: str | None = Field(default=None, alias="主题", title="主题", validate_default=False,
                              description="专项工作总结的主题，如 爱国卫生运动"
                                          "（标题自动生成为 单位+年度+主题+工作总结）")
    quarter: int | None = Field(default=None, alias="季度", title="季度", validate_default=False,
                                description="季度工作总结是哪个季度：1 到 4，或 第一季度……第四季度"
                                            "（标题自动生成为 单位+年度+第X季度工作总结）",
                                json_schema_extra=quarter_schema)
    title: str | None = Field(default=None, alias="标题", title="标题",
                              description="不填则自动生成，如 贡觉县卫生健康委员会2024年度工作总结")
    intro: str = Field(alias="导语", min_length=1, title="导语", description="开头一段总述")
    overview: str | None = Field(default=None, alias="基本情况", title="基本情况",
                                 description="填写后作为第一部分“一、基本情况”，其余部分顺延")
    indicators: list[Indicator] = Field(default_factory=list, alias="指标", title="指标",
                                        description="统计数字；正文中用 {{键}} 引用")
    indicator_file: str | IndicatorFile | None = Field(
        default=None, alias="指标文件", title="指标文件",
        description="指标写在表格里时填表格的文件名（.xlsx 或 .csv，相对于表单所在的文件夹），"
                    "如 指标.xlsx；指定工作表：{路径: 指标.xlsx, 工作表: 2024}。表格第一行是表头："
                    "键、名称、本期、上期、目标、单位、小数位、公式、越低越好")
    places: int | None = Field(
        default=None, ge=0, le=6, alias="小数位", title="小数位",
        description="全部指标算出的增长率、完成率等固定保留几位小数（公报体，如 增长5.0%）；"
                    "指标自己写的“小数位”优先。不写时最多 2 位、去掉末尾的 0（增长50%、增长45.1%）")
    indicator_table: Literal["附件", "正文"] | None = Field(
        default=None, alias="指标表", title="指标表",
        description="填 true 或 附件：“主要指标完成情况表”作为附件排在落款之后，正文末尾加附件说明；"
                    "填 正文：在工作开展情况之后加一节表格；不填或 false：不加表格",
        json_schema_extra=_table_choice_schema)
    openings: Openings = Field(default_factory=Openings, alias="开头", title="开头",
                               description="各部分一级标题之后、（一）之前的开头一段，如 "
                                           "{工作开展情况: 全年围绕……开展了以下工作}；其他章节的开头写在它的“内容”里")
    reporter: str | None = Field(default=None, alias="述职人", title="述职人",
                                 description="述职报告：述职人的姓名，排在标题下面和落款处，如 张明")
    post: str | None = Field(default=None, alias="职务", title="职务",
                             description="述职报告：述职人的职务，排在姓名前面，如 党组书记、主任")
    study: str | None = Field(default=None, alias="学习", title="学习",
                              description="述职报告“一、加强学习，提高政治素质”的正文（第一人称：本人、我）")
    requirements: str | None = Field(default=None, alias="总体要求", title="总体要求",
                                     description="工作计划“一、总体要求”（指导思想和目标）的正文（可选）")
    work: list[Item] = Field(default_factory=list, alias="工作开展情况", title="工作开展情况",
                             description="各项工作，每项一个小标题；述职报告里是“履职尽责”的各项（工作计划不写）")
    other_sections: list[ExtraSection] = Field(default_factory=list, alias="其他章节",
                                               title="其他章节",
                                               description="工作开展情况之后的其他一级章节")
    integrity: str | None = Field(default=None, alias="廉洁", title="廉洁",
                                  description="述职报告“三、廉洁自律”的正文")
    problems: list[Problem] = Field(
        default_factory=list, alias="存在的问题", title="存在的问题",
        description="每条一个问题：只写一句话的几条合成“一是……二是……”；写成 {内容, 解决思路} 的各自成段",
        json_schema_extra=_text_or_problem)
    plans: list[Item] = Field(default_factory=list, alias="下一步工作计划", title="下一步工作计划",
                              description="下一步的工作，每项一个小标题；工作计划里是“主要任务”，述职报告里是“下一步打算”")
    safeguards: list[Item] = Field(default_factory=list, alias="保障措施", title="保障措施",
                                   description="工作计划“保障措施”的各项（可选），每项一个小标题")
    closing: str | None = Field(default=None, alias="结束语", title="结束语", description="结尾一段")
    signature: str | None = Field(default=None, alias="署名", title="署名",
                                  description="落款单位，不填则与“单位”相同")
    date: dt.date = Field(alias="日期", title="日期",
                          description="成文日期，写成 2025-01-07，文中显示为 2025年1月7日")
    checks: CheckSettings = Field(default_factory=CheckSettings, alias="检查", title="检查",
                                  description="内容检查的设置，如 {忽略: [GEN203]}")
    style: str | None = Field(default=None, alias="样式", title="样式",
                              description="版式配置文件（相对于本表单所在文件夹），不填则用 GB/T 9704-2012")
    template: str | None = Field(default=None, alias="模板", title="模板",
                                 description="本单位的模板：模板文件夹的名字（在表单旁边的“模板”文件夹或用户配置目录里找）"
                                             "或路径（相对于本表单所在文件夹）；不填则用内置模板")
    parts: dict[str, str] = Field(default_factory=dict, alias="增加部分", title="增加部分",
                                  description="单位模板增加的部分（如 意见建议）的内容：键是部分的名称，值是正文")
    frame: Frame | None = Field(default=None, alias="公文", title="公文",
                                description="作为正式公文报送时的版头和版记：发文字号、签发人、主送机关、抄送机关、"
                                            "印发机关和印发日期等；不写则不加版头、版记")

    @field_validator("template")
    @classmethod
    def _template_one_line(cls, value: str | None) -> str | None:
        return _single_line(value)

    @field_validator("places", mode="before")
    @classmethod
    def _places_is_int(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("小数位要填 0 到 6 的整数，不能填 true/false")
        return value

    @field_validator("unit", "title", "signature", "reporter", "post")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        return _single_line(value)

    @field_validator("indicator_file", mode="before")
    @classmethod
    def _indicator_file_shape(cls, value: Any) -> Any:
        if value is None:
            return value
        from ..indicators.sheets.merge import sheet_spec

        spec = sheet_spec(value)
        if isinstance(spec, str):
            raise ValueError(spec)
        return value

    @field_validator("indicator_table", mode="before")
    @classmethod
    def _table_choice(cls, value: Any) -> Any:
        if value is True:
            return "附件"
        if value is False or value is None:
            return None
        if isinstance(value, str) and value.strip() in ("附件", "正文"):
            return value.strip()
        raise ValueError(f"现在填的是“{brief(value)}”，只能填 true、附件、正文 或 false"
                         "（true 和 附件：表格作为附件排在落款之后；正文：在工作开展情况之后加一节；"
                         "false：不加表格）")

    @property
    def table_place(self) -> str | None:
        """指标表放在哪里：“附件”“正文”，没有表格（或没有指标）时为 None。"""
        return self.indicator_table if self.indicators else None

    @field_validator("year", mode="before")
    @classmethod
    def _year_is_number(cls, value: Any) -> Any:
        if isinstance(value, str):  # “2025年”“2025年度”：数字是阿拉伯数字，后面的“年”不要紧
            value = value.strip().removesuffix("年度").removesuffix("年").strip()
        if isinstance(value, bool) or (isinstance(value, str) and not value.isdigit()):
            raise ValueError("要写阿拉伯数字，如 2024")
        return value

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, value: Any) -> Any:
        if isinstance(value, (dt.date, dt.datetime)):
            return value
        text = str(value).strip()
        parts = clerk_date(text)
        if parts is None:
            raise ValueError("要写成 年-月-日，如 2025-01-07")
        year, month, day = parts
        try:
            return dt.date(year, month, day)
        except ValueError:
            why = "月份只能是 1 到 12" if not 1 <= month <= 12 else f"{month}月没有{day}日"
            raise ValueError(f"{text} 这一天不存在（{why}）") from None

    @field_validator("topic")
    @classmethod
    def _topic_for_topic_kind(cls, value: str | None, info: ValidationInfo) -> str | None:
        return topic_value(_single_line(value), info.data.get("kind"))

    @field_validator("quarter", mode="before")
    @classmethod
    def _quarter_text(cls, value: Any, info: ValidationInfo) -> Any:
        return quarter_value(value, info.data.get("kind"))

    @property
    def quarter_name(self) -> str:
        """“第一季度”……（季度工作总结；别的类型为空文字）。"""
        return quarter_name(self.quarter) if self.quarter else ""

    @property
    def next_quarter_name(self) -> str:
        """下一个季度：“第二季度”……；第四季度的下一个是“2025年第一季度”。别的类型为空文字。"""
        return next_quarter_name(self.year, self.quarter) if self.quarter else ""

    @model_validator(mode="after")
    def _parts_of_kind(self) -> Form:
        """这一类型要的键（主题、季度），哪些部分必填、哪些不能写（都随“类型”而定，见 form/kinds.py）。"""
        raise_missing_key(self.kind.value, self.topic, self.quarter)
        fields = type(self).model_fields
        raise_kind_problems(self.kind.value, {str(fields[name].alias): getattr(self, name)
                                              for name in self.model_fields_set})
        return self

    @model_validator(mode="after")
    def _unique_indicator_keys(self) -> Form:
        seen: set[str] = set()
        for index, ind in enumerate(self.indicators):
            if ind.key in seen:  # 位置指到第二次出现的“键:”（见 form.validate 的 duplicate_key）
                raise PydanticCustomError("duplicate_key", "指标的键“{key}”重复了，每个指标的键必须不同",
                                          {"key": ind.key, "index": index})
            seen.add(ind.key)
        return self

    @property
    def derived_title(self) -> str:
        if self.kind is ReportKind.HALF_YEAR:
            return f"{self.unit}{self.year}年上半年工作总结"
        if self.kind is ReportKind.SUMMARY_AND_PLAN:
            return f"{self.unit}{self.year}年工作总结和{self.year + 1}年工作计划"
        if self.kind is ReportKind.TOPIC:
            return f"{self.unit}{self.year}年{self.topic}工作总结"
        if self.kind is ReportKind.QUARTER:
            return f"{self.unit}{self.year}年{self.quarter_name}工作总结"
        if self.kind is ReportKind.PLAN:
            return f"{self.unit}{self.year}年工作计划"
        if self.kind is ReportKind.DEBRIEF:
            return "述职报告"
        return f"{self.unit}{self.year}年度工作总结"

    @property
    def display_title(self) -> str:
        return self.title or self.derived_title

    @property
    def display_signature(self) -> str:
        return self.signature or self.reporter or self.unit


FORM_KEYS: tuple[str, ...] = tuple(
    str(f.alias) for f in Form.model_fields.values() if f.alias is not None
)
