// 字段编辑：单位、年度、类型、主题（专项工作总结）、季度（季度工作总结）、述职人和职务（述职报告）、日期、标题、导语、
// 基本情况、总体要求（工作计划）、学习和廉洁（述职报告）、结束语、署名、“公文”一组，以及指标表格（事项、章节、问题见 items.js）。
// 哪些字段显示、哪些必填随“类型”而变：服务器按 form/kinds.py 给出（outline.tree.parts）；别的类型才有的字段
// （如年度工作总结里的“季度”）不显示，表单里已经写了的照样显示。
// 标签旁的说明取自表单的 JSON Schema（与 VS Code 里的提示相同）。每次改动都交给服务器改写 YAML
// （注释和写法保留），再把新文字放回“源文件”。
const FIELDS = [
  ["单位", "input"], ["年度", "input"], ["类型", "select"], ["主题", "input"], ["季度", "quarter"],
  ["述职人", "input"], ["职务", "input"], ["日期", "date"], ["标题", "input"], ["导语", "textarea"],
  ["基本情况", "textarea"], ["总体要求", "textarea"], ["学习", "textarea"], ["廉洁", "textarea"],
  ["结束语", "textarea"], ["署名", "input"],
];
const TYPES = ["年度工作总结", "半年工作总结", "工作总结和工作计划", "专项工作总结", "季度工作总结", "工作计划", "述职报告"];
const QUARTERS = [["", "（请选择）"], ["1", "第一季度"], ["2", "第二季度"], ["3", "第三季度"], ["4", "第四季度"]];

export function buildFields(container, onChange, schema = {}) {
  container.replaceChildren();
  const properties = schema.properties || {};
  const kinds = ((schema.$defs || {}).ReportKind || {}).enum || TYPES;
  const required = new Set(schema.required || []);
  const inputs = {};
  for (const [key, kind] of FIELDS) {
    const help = (properties[key] || {}).description || "";
    const label = document.createElement("label");
    label.textContent = required.has(key) ? `${key}（必填）` : key;
    label.htmlFor = `field-${key}`;
    const note = document.createElement("span");
    note.className = "hint";
    note.textContent = help;
    let input;
    if (kind === "select") {
      input = document.createElement("select");
      for (const value of ["", ...kinds]) input.add(new Option(value || "（不填，即年度工作总结）", value));
    } else if (kind === "quarter") {
      input = document.createElement("select");
      for (const [value, text] of QUARTERS) input.add(new Option(text, value));
    } else if (kind === "textarea") {
      input = document.createElement("textarea");
    } else {
      input = document.createElement("input");
      input.type = kind === "date" ? "date" : "text";
    }
    input.id = `field-${key}`;
    input.dataset.key = key;
    input.title = help;
    input.addEventListener("change", () => onChange(key, input.value));
    const findings = document.createElement("ul");
    findings.className = "field-findings";
    findings.id = `findings-${key}`;
    const box = document.createElement("div");
    box.className = "field";
    box.id = `field-box-${key}`;
    box.append(label, note, input, findings);
    container.append(box);
    inputs[key] = input;
  }
  Object.assign(inputs, buildFrame(container, onChange, schema));
  return inputs;
}

// “公文”一组：正式公文的版头、主送机关和版记。表单里没有“公文:”时折叠着；各项清空即删去（全空时删去“公文:”）。
const FRAME = [
  ["发文机关标志", "names"], ["发文字号", "input"], ["签发人", "names"], ["主送机关", "input"], ["抄送机关", "names"],
  ["印发机关", "input"], ["印发日期", "date"], ["份号", "input"], ["密级", "select"], ["保密期限", "input"],
  ["紧急程度", "select"], ["盖章", "check"],
];
const CHOICES = { 密级: ["绝密", "机密", "秘密"], 紧急程度: ["特急", "加急"] };

function buildFrame(container, onChange, schema) {
  const properties = ((schema.$defs || {}).Frame || {}).properties || {};
  const group = document.createElement("details");
  group.id = "frame-group";
  const summary = document.createElement("summary");
  summary.textContent = "公文（作为正式公文报送时的版头、主送机关和版记；不报送红头文件就不用填）";
  summary.addEventListener("click", () => { group.dataset.touched = "1"; });
  group.append(summary);
  const inputs = {};
  for (const [name, kind] of FRAME) {
    const key = `公文/${name}`;
    const help = (properties[name] || {}).description || "";
    const label = document.createElement("label");
    label.textContent = name;
    label.htmlFor = `field-${key}`;
    const note = document.createElement("span");
    note.className = "hint";
    note.textContent = kind === "names" ? `几个用顿号“、”隔开。${help}` : help;
    let input;
    if (kind === "select") {
      input = document.createElement("select");
      for (const value of ["", ...CHOICES[name]]) input.add(new Option(value || "（不写）", value));
    } else {
      input = document.createElement("input");
      input.type = { date: "date", check: "checkbox" }[kind] || "text";
    }
    input.id = `field-${key}`;
    input.dataset.key = key;
    input.title = help;
    const value = () => (kind === "check" ? String(input.checked) : input.value);
    input.addEventListener("change", () => onChange(key, value()));
    const findings = document.createElement("ul");
    findings.className = "field-findings";
    findings.id = `findings-${key}`;
    group.append(label, note, input, findings);
    inputs[key] = input;
  }
  container.append(group);
  return inputs;
}

export function fillFields(inputs, outline) {
  const values = (outline && outline.values) || {};
  const parts = ((outline && outline.tree) || {}).parts || { required: [], hidden: [] };
  const defaults = (outline && outline.frame_defaults) || {};  // 单位模板“公文:”里的值：不写时用它们
  for (const [key, input] of Object.entries(inputs)) {
    if (key.startsWith("公文/")) {
      input.placeholder = defaults[key] || "";
    } else {
      const box = input.parentElement;
      box.hidden = parts.hidden.includes(key) && !(key in values);  // 填了的照样显示（检查会指出它不该写）
      const label = box.querySelector("label");
      if (parts.required.includes(key)) label.textContent = `${key}（必填）`;
      else if (label.textContent.endsWith("（必填）") && !["单位", "年度", "日期", "导语"].includes(key)) {
        label.textContent = key;
      }
    }
    if (document.activeElement === input) continue;
    if (input.type === "checkbox") input.checked = values[key] === "true";
    else input.value = values[key] ?? "";
  }
  const group = document.getElementById("frame-group");
  if (group && !group.dataset.touched) group.open = Object.keys(values).some((key) => key.startsWith("公文/"));
}

// 指标表格见 indicators.js；各项工作、计划、问题见 items.js。
