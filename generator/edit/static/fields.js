// 字段编辑：单位、年度、类型、日期、标题、导语、基本情况、结束语、署名，以及两串事项（上移、下移、删除、添加）。
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

export function buildItems(container, outline, onAction) {
  container.replaceChildren();
  const items = (outline && outline.items) || {};
  for (const section of ["工作开展情况", "下一步工作计划"]) {
    const heading = document.createElement("h4");
    heading.textContent = section;
    const list = document.createElement("ul");
    list.dataset.section = section;
    const titles = ((outline && outline.titles) || {})[section] || [];
    (items[section] || []).forEach((title, index) => {
      const li = document.createElement("li");
      li.dataset.title = title;
      if (typeof titles[index] === "string") {  // 序号由 gen 编排，只改文字
        const number = document.createElement("span");
        number.textContent = title.slice(0, title.length - titles[index].length);
        const input = document.createElement("input");
        input.className = "item-title";
        input.value = titles[index];
        input.setAttribute("aria-label", `${section}第 ${index + 1} 项的标题`);
        input.addEventListener("change", () => onAction(section, index, "title", input.value));
        li.append(number, input);
      } else {
        li.textContent = title;
      }
      for (const [action, text] of [["up", "上移"], ["down", "下移"], ["delete", "删除"]]) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = text;
        button.dataset.action = action;
        button.addEventListener("click", () => onAction(section, index, action));
        li.appendChild(button);
      }
      list.appendChild(li);
    });
    const add = document.createElement("button");
    add.type = "button";
    add.textContent = `添加一项${section === "工作开展情况" ? "工作" : "计划"}`;
    add.addEventListener("click", () => onAction(section, null, "add"));
    const findings = document.createElement("ul");
    findings.className = "field-findings";
    findings.id = `findings-${section}`;
    container.append(heading, list, add, findings);
  }
}

// 指标表格见 indicators.js。
