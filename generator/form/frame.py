"""公文的版头和版记（GB/T 9704-2012 §7.2、§7.4）：表单的“公文:”一组。

写了“公文:”，报告就作为正式公文排版：版头（份号、密级、紧急程度、发文机关标志、发文字号、签发人、
红色分隔线）、主送机关、版记（抄送机关、印发机关和印发日期）。不写时版式和以前一样。

这里只管数据的形状（类型、单行、日期能读）；格式上的讲究（发文字号的六角括号、年份与日期一致、
上行文要有主送机关……）由 ``gen check`` 逐条报告，一次列全。
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, field_validator

from ..modelbase import FormModel
from .dates import clerk_date


def _one_line(value: str) -> str:
    if "\n" in value.strip():
        raise ValueError("只能写一行，请去掉其中的换行")
    return value


def _names(value: Any) -> Any:
    """一个名字可以直接写，几个名字写成列表；都整理成列表。"""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


class Frame(FormModel):
    """公文的版头、主送机关和版记；各项都可以不写。"""

    copy_number: str | None = Field(
        default=None, alias="份号", title="份号",
        description="公文份数序号，写 6 位阿拉伯数字，如 000001（涉密公文才标注）")
    secrecy: Literal["绝密", "机密", "秘密"] | None = Field(
        default=None, alias="密级", title="密级", description="绝密、机密 或 秘密；不涉密不写")
    secrecy_term: str | None = Field(
        default=None, alias="保密期限", title="保密期限", description="如 1年；只和“密级”一起写")
    urgency: Literal["特急", "加急"] | None = Field(
        default=None, alias="紧急程度", title="紧急程度", description="特急 或 加急；不紧急不写")
    organ_marks: list[str] = Field(
        default_factory=list, alias="发文机关标志", title="发文机关标志",
        description="红头上的机关名称，不写时用“单位”加“文件”，如 某某县卫生健康委员会文件；"
                    "联合行文写成列表，主办机关在前")
    number: str | None = Field(
        default=None, alias="发文字号", title="发文字号",
        description="机关代字〔年份〕序号号，如 某卫健发〔2025〕3号：六角括号，序号不编虚位、不加“第”")
    signers: list[str] = Field(
        default_factory=list, alias="签发人", title="签发人",
        description="上行文（报上级机关）要写签发人的姓名；几位签发人写成列表，主办机关的在前")
    main_recipient: str | None = Field(
        default=None, alias="主送机关", title="主送机关",
        description="主要受理机关的全称或规范化简称，如 市卫生健康委员会；上行文必须写")
    copies_to: list[str] = Field(
        default_factory=list, alias="抄送机关", title="抄送机关",
        description="抄送的机关，几个写成列表；排在版记的第一行")
    printer: str | None = Field(
        default=None, alias="印发机关", title="印发机关",
        description="送印的机关，一般是办公室，如 某某县卫生健康委员会办公室")
    print_date: dt.date | None = Field(
        default=None, alias="印发日期", title="印发日期",
        description="送印的日期，写成 2025-01-08，版记里显示为 2025年1月8日印发；不能早于成文日期")
    sealed: bool = Field(
        default=False, alias="盖章", title="盖章",
        description="true：加盖印章（落款按 GB/T 9704 7.3.5.1 排）；false 或不写：不加盖印章（7.3.5.2）")

    @field_validator("copy_number", mode="before")
    @classmethod
    def _copy_number(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("份号要写 6 位阿拉伯数字，如 000001")
        if isinstance(value, int):  # YAML 把 000001 读成 1：按 6 位补回去
            return f"{value:06d}"
        return value

    @field_validator("organ_marks", "signers", "copies_to", mode="before")
    @classmethod
    def _listed(cls, value: Any) -> Any:
        return _names(value)

    @field_validator("organ_marks", "signers", "copies_to")
    @classmethod
    def _lines(cls, value: list[str]) -> list[str]:
        for text in value:
            if not text.strip():
                raise ValueError("列表里有一项是空的，请填写或删掉这一行")
            _one_line(text)
        return value

    @field_validator("copy_number", "secrecy_term", "number", "main_recipient", "printer")
    @classmethod
    def _single(cls, value: str | None) -> str | None:
        return None if value is None else _one_line(value)

    @field_validator("print_date", mode="before")
    @classmethod
    def _date_text(cls, value: Any) -> Any:
        if value is None or isinstance(value, (dt.date, dt.datetime)):
            return value
        text = str(value).strip()
        parts = clerk_date(text)
        if parts is None:
            raise ValueError("要写成 年-月-日，如 2025-01-08")
        try:
            return dt.date(*parts)
        except ValueError:
            raise ValueError(f"{text} 这一天不存在") from None

    @property
    def upward(self) -> bool:
        """上行文：写了签发人（GB/T 9704 7.2.5：上行文应当标注签发人）。"""
        return bool(self.signers)

    def marks(self, unit: str) -> list[str]:
        """发文机关标志的各行：没写时为“单位文件”。"""
        return self.organ_marks or [f"{unit}文件"]
