"""单位模板的“公文:”（issue 25）：发文机关标志、机关代字、印发机关……写在 模板.yaml 里一次，
表单写了“公文:”时补上（表单写了的优先）；gen check 用补好的值；gen template new 写出带注释的例子。"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import VALID_FORM

from generator.pipeline import build_report
from generator.render.bureau import load_template
from generator.starter.template_folder import new_template

SPEC = """\
名称: 我局
适用类型: [年度工作总结]
公文:
  发文机关标志: 贡觉县卫生健康委员会文件
  机关代字: 贡卫健发
  印发机关: 贡觉县卫生健康委员会办公室
  主送机关: 昌都市卫生健康委员会
"""


def case(folder: Path, frame: str, spec: str = SPEC) -> Path:
    (folder / "模板" / "我局").mkdir(parents=True)
    (folder / "模板" / "我局" / "模板.yaml").write_text(spec, encoding="utf-8")
    form = folder / "表单.yaml"
    form.write_text(VALID_FORM + "模板: 我局\n" + frame, encoding="utf-8")
    return form


def test_template_fills_what_the_form_leaves_out(tmp_path: Path) -> None:
    form = case(tmp_path, "公文:\n  发文字号: 〔2025〕3号\n  签发人: 张三\n  印发日期: 2025-01-08\n")
    frame = build_report(form).form.frame
    assert frame is not None
    assert frame.organ_marks == ["贡觉县卫生健康委员会文件"]
    assert frame.number == "贡卫健发〔2025〕3号"
    assert frame.printer == "贡觉县卫生健康委员会办公室"
    assert frame.main_recipient == "昌都市卫生健康委员会"
    assert frame.signers == ["张三"]


def test_form_values_win(tmp_path: Path) -> None:
    form = case(tmp_path, "公文:\n  发文机关标志: [贡觉县卫生健康委员会文件, 贡觉县财政局文件]\n"
                          "  发文字号: 贡卫健函〔2025〕7号\n  印发机关: 贡觉县卫生健康委员会\n  主送机关: 县人民政府\n")
    frame = build_report(form).form.frame
    assert frame is not None
    assert frame.organ_marks == ["贡觉县卫生健康委员会文件", "贡觉县财政局文件"]
    assert frame.number == "贡卫健函〔2025〕7号"
    assert (frame.printer, frame.main_recipient) == ("贡觉县卫生健康委员会", "县人民政府")


def test_no_frame_in_form_no_frame_added(tmp_path: Path) -> None:
    with_frame = build_report(case(tmp_path / "a", ""))
    assert with_frame.form.frame is None
    plain = build_report(case(tmp_path / "b", "", SPEC.split("公文:")[0]))
    assert with_frame.markdown() == plain.markdown()
    assert with_frame.docx() == plain.docx()


def test_check_uses_merged_values_and_points_at_the_template_line(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = SPEC.replace("贡觉县卫生健康委员会文件", "贡觉县卫生健康委员会")
    form = case(tmp_path, "公文:\n  发文字号: 〔2024〕3号\n")
    (tmp_path / "模板" / "我局" / "模板.yaml").write_text(spec, encoding="utf-8")
    found = {f["code"]: f for f in json.loads(gen("check", "--format", "json", str(form)).out)
             if f["code"].startswith("GEN8")}
    assert set(found) == {"GEN802", "GEN808", "GEN810"}
    assert "还缺“印发日期”" in found["GEN810"]["message"]  # 印发机关来自模板：版记要排出来，缺印发日期
    assert found["GEN802"]["fix"] == "应为：贡卫健发〔2025〕3号，或改“日期”"  # 机关代字来自模板
    template_line = VALID_FORM.count("\n") + 1
    assert found["GEN808"]["line"] == template_line and "来自单位模板" in found["GEN808"]["message"]


def test_wrong_frame_part_in_template_is_reported_at_its_line(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form = case(tmp_path, "公文:\n  发文字号: 〔2025〕3号\n", SPEC + "  发文人: 张三\n")
    result = gen("check", str(form))
    assert result.code != 0 and "模板.yaml:8" in result.err and "发文人" in result.err
    assert "Traceback" not in result.err


def test_template_new_writes_a_commented_frame_example(tmp_path: Path) -> None:
    folder = new_template("新模板", base=tmp_path)
    text = (folder / "模板.yaml").read_text(encoding="utf-8")
    assert "# 公文:\n#   发文机关标志:" in text and "#   机关代字:" in text
    assert load_template(folder).spec.frame is None  # 注释着：不生效
    lines = text.splitlines()
    start = lines.index("# 公文:")
    lines[start:] = [line[2:] for line in lines[start:] if line.startswith("# ")]
    (folder / "模板.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = load_template(folder).spec.frame
    assert frame is not None and frame.code == "某卫健发" and frame.copies_to == ["某某县人民政府办公室"]
