// 字段编辑：单位、年度、类型、日期、标题、导语、基本情况、结束语、署名，以及指标表格（事项、章节、问题见 items.js）。
// 标签旁的说明取自表单的 JSON Schema（与 VS Code 里的提示相同）。每次改动都交给服务器改写 YAML
// （注释和写法保留），再把新文字放回“源文件”。
const FIELDS = [
  ["单位", "input"], ["年度", "input"], ["类型", "select"], ["日期", "date"], ["标题", "input"],
  ["导语", "textarea"], ["基本情况", "textarea"], ["结束语", "textarea"], ["署名", "input"],
];
const TYPES = ["年度工作总结", "半年工作总结", "工作总结和工作计划"];

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
}

// 指标表格：每格一个输入框，改完（离开这一格）就交给服务器改写那一行；键由名称自动建议。
const COLUMNS = ["键", "名称", "本期", "上期", "目标", "单位"];
const NEW_KEY = "新指标";

export function suggestKey(name) {
  const plain = name.replace(/[\s\p{P}\p{S}]/gu, "").replace(/^(全年|全县|全市|年度|累计)/, "");
  return plain.slice(0, 8) || NEW_KEY;
}

export function buildIndicators(container, outline, onEdit) {
  container.replaceChildren();
  const rows = (outline && outline.indicators) || [];
  const heading = document.createElement("h4");
  heading.textContent = "指标";
  const note = document.createElement("span");
  note.className = "hint";
  note.textContent = "正文里写 {{键}} 或 {{键.同比}}，生成时换成算好的数字和措辞。";
  const table = document.createElement("table");
  table.id = "indicator-table";
  const head = table.createTHead().insertRow();
  for (const column of [...COLUMNS, ""]) head.appendChild(Object.assign(document.createElement("th"), { textContent: column }));
  const body = table.createTBody();
  rows.forEach((row, index) => {
    const tr = body.insertRow();
    for (const column of COLUMNS) {
      const input = document.createElement("input");
      input.value = row[column] ?? "";
      input.dataset.column = column;
      input.setAttribute("aria-label", `第 ${index + 1} 个指标的${column}`);
      input.addEventListener("change", () => {
        const edits = [[column, input.value]];
        if (column === "名称" && (row["键"] ?? NEW_KEY) === NEW_KEY && input.value.trim()) {
          edits.push(["键", suggestKey(input.value)]);
        }
        onEdit({ action: "set", index, edits });
      });
      tr.insertCell().appendChild(input);
    }
    const remove = Object.assign(document.createElement("button"), { type: "button", textContent: "删除" });
    remove.addEventListener("click", () => onEdit({ action: "delete", index }));
    tr.insertCell().appendChild(remove);
  });
  const add = Object.assign(document.createElement("button"), { type: "button", textContent: "添加一个指标" });
  add.addEventListener("click", () => onEdit({ action: "add" }));
  const findings = document.createElement("ul");
  findings.className = "field-findings";
  findings.id = "findings-指标";
  container.append(heading, note, table, add, findings);
}
