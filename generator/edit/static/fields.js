// 字段编辑：单位、年度、类型、主题（专项工作总结）、季度（季度工作总结；别的类型不显示）、日期、标题、导语、基本情况、结束语、署名，以及指标表格（事项、章节、问题见 items.js）。
// 标签旁的说明取自表单的 JSON Schema（与 VS Code 里的提示相同）。每次改动都交给服务器改写 YAML
// （注释和写法保留），再把新文字放回“源文件”。
const FIELDS = [
  ["单位", "input"], ["年度", "input"], ["类型", "select"], ["主题", "input"], ["季度", "quarter"], ["日期", "date"],
  ["标题", "input"],
  ["导语", "textarea"], ["基本情况", "textarea"], ["结束语", "textarea"], ["署名", "input"],
];
const TYPES = ["年度工作总结", "半年工作总结", "工作总结和工作计划", "专项工作总结", "季度工作总结"];
const QUARTERS = [["", "（请选择）"], ["1", "第一季度"], ["2", "第二季度"], ["3", "第三季度"], ["4", "第四季度"]];
// 字段的标签、说明和错误列表：只在用得着时显示的字段（季度）和输入框一起藏起来
const PARTS = new WeakMap();

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
    container.append(label, note, input, findings);
    PARTS.set(input, [label, note, findings]);
    inputs[key] = input;
  }
  return inputs;
}

export function fillFields(inputs, outline) {
  const values = (outline && outline.values) || {};
  for (const [key, input] of Object.entries(inputs)) {
    if (document.activeElement === input) continue;
    input.value = values[key] ?? "";
  }
  // “季度”只在类型是季度工作总结（或表单里已经写了季度）时显示
  const quarter = inputs["季度"];
  if (quarter) {
    const shown = values["类型"] === "季度工作总结" || Boolean(values["季度"]);
    for (const element of [quarter, ...(PARTS.get(quarter) || [])]) element.hidden = !shown;
  }
}

// 指标表格见 indicators.js；各项工作、计划、问题见 items.js。
