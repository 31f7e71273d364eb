// 字段页上的结构化编辑：工作开展情况、下一步工作计划的事项（标题、内容、要点、子项），其他章节，存在的问题。
// 序号（一、（一）1.（1）一是）由服务器按生成时的编排算好，只显示、不让填写。
// 每次改动都是一个请求 {path, action, key, value}，服务器按行改写 YAML（注释和写法保留），再把新文字放回“源文件”。
const NAMES = { 工作开展情况: "工作", 下一步工作计划: "计划", 保障措施: "措施" };

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function findingsBox(id) {
  return el("ul", { className: "field-findings", id: `findings-${id}` });
}

// 添加、删除、移动之后，页面上的序号要等重建才对：在那之前按钮都停用（连点两下“上移”不会把它又移回去）；
// 服务器拒绝或取消了删除时（没有重建）再启用。
async function structural(button, request, onAction) {
  const box = button.closest("#items") || document;
  const all = Array.from(box.querySelectorAll("button"));
  for (const b of all) b.disabled = true;
  const done = await onAction(request);
  if (!done) for (const b of all) b.disabled = false;
}

function buttons(path, onAction, what) {
  return [["up", "上移"], ["down", "下移"], ["delete", "删除"]].map(([action, text]) => {
    const button = el("button", { type: "button", textContent: text, title: `${text}这一${what}` });
    button.dataset.action = action;
    button.addEventListener("click", () => structural(button, { path, action, what }, onAction));
    return button;
  });
}

function textInput(path, key, value, label, onAction, multiline = false, placeholder = null) {
  const input = el(multiline ? "textarea" : "input", { value: value ?? "" });
  input.dataset.key = key;
  input.setAttribute("aria-label", label);
  input.placeholder = placeholder ?? (multiline ? `${key}（可不填）` : key);
  input.addEventListener("change", () => onAction({ path, action: "set", key, value: input.value }));
  return input;
}

function addButton(path, text, onAction) {
  const button = el("button", { type: "button", textContent: text, className: "add" });
  button.dataset.add = path.join("/");
  button.addEventListener("click", () => structural(button, { path, action: "add" }, onAction));
  return button;
}

// 一个事项：序号 + 标题 + 按钮；内容；要点（一是、二是……）；子项（1. 2. …，再下一层（1）（2）…）
function itemNode(item, onAction, depth, tag = "div") {
  const box = el(tag, { className: "node" });
  box.dataset.path = item.id;
  box.dataset.title = `${item.number}${item.标题 ?? item.text ?? ""}`;
  const head = el("div", { className: "node-head" }, el("span", { className: "number", textContent: item.number }));
  if (!item.editable) {
    head.append(el("span", { className: "fixed", textContent: `${item.text}（写法特殊，请在“源文件”里修改）` }),
      ...buttons(item.path, onAction, "项"));
    box.append(head, findingsBox(item.id));
    return box;
  }
  const title = textInput(item.path, "标题", item.标题, `${item.number}的标题`, onAction);
  title.className = "item-title";
  head.append(title, ...buttons(item.path, onAction, "项"));
  box.append(head, textInput(item.path, "内容", item.内容, `${item.number}的内容`, onAction, true));
  const points = el("div", { className: "points" });
  (item.要点 || []).forEach((text, index) => {
    const path = [...item.path, "要点", index];
    const row = el("div", { className: "point" }, el("span", { className: "number", textContent: item.要点序号[index] }));
    const input = textInput(path, "要点", text, `${item.number}的要点${index + 1}`, onAction);
    row.append(input, ...buttons(path, onAction, "条要点"));
    points.append(row);
  });
  points.append(addButton([...item.path, "要点"], "添加要点", onAction));
  box.append(points);
  if (depth < 2) {
    const children = el("div", { className: "children" });
    for (const child of item.子项 || []) children.append(itemNode(child, onAction, depth + 1));
    children.append(addButton([...item.path, "子项"], "添加子项", onAction));
    box.append(children);
  }
  box.append(findingsBox(item.id));
  return box;
}

function heading(number, text) {
  return el("h4", { textContent: `${number || ""}${text}` });
}

// 一个部分的开头一段：一级标题之后、（一）之前的总述（写进“开头: {部分: 文字}”，清空即删去）
function opening(section, tree, onAction) {
  const box = el("div", { className: "opening" });
  box.dataset.path = `开头/${section}`;
  box.append(textInput(["开头"], section, (tree.开头 || {})[section], `${section}的开头`, onAction, true,
    "开头（可不填）"), findingsBox(`开头/${section}`));
  return box;
}

function itemList(section, tree, onAction) {
  const list = el("ul", { className: "item-list" });
  list.dataset.section = section;
  for (const item of tree[section] || []) list.append(itemNode(item, onAction, 0, "li"));
  const title = (tree.headings || {})[section] || section;  // 如“2024年工作开展情况”，与生成的文件相同
  return [heading((tree.numbers || {})[section], title), opening(section, tree, onAction), list,
    addButton([section], `添加一项${NAMES[section]}`, onAction), findingsBox(section)];
}

function otherSection(entry, number, onAction) {
  const box = el("div", { className: "node section" });
  box.dataset.path = entry.id;
  const head = el("div", { className: "node-head" }, el("span", { className: "number", textContent: number }));
  if (!entry.editable) {
    head.append(el("span", { className: "fixed", textContent: "（写法特殊，请在“源文件”里修改）" }),
      ...buttons(entry.path, onAction, "章节"));
    box.append(head, findingsBox(entry.id));
    return box;
  }
  const title = textInput(entry.path, "标题", entry.标题, `章节${number}的标题`, onAction);
  title.className = "item-title";
  head.append(title, ...buttons(entry.path, onAction, "章节"));
  const items = el("div", { className: "children" });
  for (const item of entry.事项 || []) items.append(itemNode(item, onAction, 0));
  items.append(addButton([...entry.path, "事项"], "添加事项", onAction));
  box.append(head, textInput(entry.path, "内容", entry.内容, `章节${number}的内容`, onAction, true), items,
    findingsBox(entry.id));
  return box;
}

function problem(entry, onAction) {
  const box = el("div", { className: "node problem" });
  box.dataset.path = entry.id;
  const head = el("div", { className: "node-head" }, el("span", { className: "number", textContent: entry.number }));
  head.append(...buttons(entry.path, onAction, "条问题"));
  if (!entry.editable) {
    box.append(head, el("span", { className: "fixed", textContent: "（写法特殊，请在“源文件”里修改）" }),
      findingsBox(entry.id));
    return box;
  }
  box.append(head,
    textInput(entry.path, "内容", entry.内容, `问题${entry.number}`, onAction, true, "问题的表述（必填）"),
    el("label", { textContent: "解决思路" }),
    textInput(entry.path, "解决思路", entry.解决思路, `问题${entry.number}的解决思路`, onAction, true),
    findingsBox(entry.id));
  return box;
}

export function buildTree(container, outline, onAction) {
  const tree = (outline && outline.tree) || {};
  const numbers = tree.numbers || {};
  const parts = [...itemList("工作开展情况", tree, onAction)];
  const sections = el("div", { id: "other-sections" }, el("h4", { textContent: "其他章节" }));
  (tree.其他章节 || []).forEach((entry, index) => {
    sections.append(otherSection(entry, numbers[`其他章节/${index}`] || "", onAction));
  });
  sections.append(addButton(["其他章节"], "添加一个章节", onAction), findingsBox("其他章节"));
  const problemsTitle = (tree.headings || {}).存在的问题 || "存在的问题";  // 述职报告：存在的不足
  const problems = el("div", { id: "problems" }, heading(numbers.存在的问题, problemsTitle),
    opening("存在的问题", tree, onAction));
  for (const entry of tree.存在的问题 || []) problems.append(problem(entry, onAction));
  problems.append(addButton(["存在的问题"], "添加一个问题", onAction), findingsBox("存在的问题"));
  if (tree.kind === "工作计划") {  // 主要任务、其他章节、保障措施（没有工作开展情况、存在的问题）
    container.replaceChildren(...itemList("下一步工作计划", tree, onAction), sections,
      ...itemList("保障措施", tree, onAction));
    return;
  }
  parts.push(sections, problems, ...itemList("下一步工作计划", tree, onAction));
  container.replaceChildren(...parts);
}

// 一条检查结果属于哪个字段或哪一项：行号不超过它的最后一个锚（顶层的键、每一项、每一项里的键）
export function findingOwner(line, outline) {
  const anchors = [...Object.entries((outline && outline.lines) || {}).map(([key, at]) => [at, key]),
    ...((outline && outline.anchors) || [])].sort((a, b) => a[0] - b[0]);
  let owner = null;
  for (const [at, id] of anchors) {
    if (at > line) break;
    if (document.getElementById(`findings-${id}`)) owner = id;
  }
  return owner;
}
