// 字段编辑：单位、年度、类型、日期、标题、导语，以及两串事项（上移、下移、删除、添加）。
// 每次改动都交给服务器用 ruamel 往返改写 YAML（注释和写法保留），再把新文字放回“源文件”。
const FIELDS = [
  ["单位", "input", "发文单位全称，如 某某县教育局"],
  ["年度", "input", "总结的年份，阿拉伯数字，如 2024"],
  ["类型", "select", "年度工作总结 / 半年工作总结 / 工作总结和工作计划"],
  ["日期", "date", "成文日期"],
  ["标题", "input", "不填则自动生成"],
  ["导语", "textarea", "开头一段总述"],
];
const TYPES = ["年度工作总结", "半年工作总结", "工作总结和工作计划"];

export function buildFields(container, onChange) {
  container.replaceChildren();
  const inputs = {};
  for (const [key, kind, help] of FIELDS) {
    const label = document.createElement("label");
    label.textContent = key;
    label.htmlFor = `field-${key}`;
    let input;
    if (kind === "select") {
      input = document.createElement("select");
      for (const value of ["", ...TYPES]) input.add(new Option(value || "（不填）", value));
    } else if (kind === "textarea") {
      input = document.createElement("textarea");
    } else {
      input = document.createElement("input");
      input.type = kind === "date" ? "date" : "text";
    }
    input.id = `field-${key}`;
    input.dataset.key = key;
    input.title = help;
    input.placeholder = help;
    input.addEventListener("change", () => onChange(key, input.value));
    const findings = document.createElement("ul");
    findings.className = "field-findings";
    findings.id = `findings-${key}`;
    container.append(label, input, findings);
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
    (items[section] || []).forEach((title, index) => {
      const li = document.createElement("li");
      li.textContent = title;
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
    container.append(heading, list, add);
  }
}
