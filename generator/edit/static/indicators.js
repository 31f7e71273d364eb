// 指标表格：表单里一个指标能写的每一项都有一格，改完（离开这一格）就交给服务器改写那一行
// （/api/indicator，只动那一行，注释和写法不变）。键由名称自动建议；同比、完成率是只读的，
// 与文档里“主要指标完成情况表”出自同一次计算。“指标文件”（表格文件）里的指标只读显示。

// [列, 输入方式, 说明]；顺序也是表格里的顺序，算出的两列排在它们所用的数字旁边
const COLUMNS = [
  ["键", "text", "正文里引用时用的简称：{{键}}"], ["名称", "text", "指标全称，印在指标表里"],
  ["本期", "number", "本期数值，只写数字"], ["上期", "number", "上期数值"], ["同比", "computed", "由本期、上期算出"],
  ["目标", "number", "年度目标值"], ["完成率", "computed", "由本期、目标算出"], ["单位", "text", "如 人、万元、%"],
  ["小数位", "places", "算出的百分数固定保留几位小数；不填时最多 2 位、不写末尾的 0"], ["越低越好", "switch", "死亡率这类越低越好的指标"],
  ["公式", "text", "由其他指标算出，如 实种剂次 / 应种剂次 * 100"], ["表述", "text", "固定表述，如 共计体检{{本期}}，{{同比}}"],
  ["说明", "text", "备注，不进入正文"], ["允许负数", "switch", "数值可以为负"], ["允许超过100", "switch", "百分比可以超过 100"],
];
const NEW_KEY = "新指标";

// 由名称建议一个键：去掉标点和“全年”之类的前缀，最多 8 个字；不能以数字开头，不与已有的键重复。
export function suggestKey(name, taken = []) {
  let plain = name.replace(/[\s\p{P}\p{S}]/gu, "").replace(/^(全年|全县|全市|年度|累计)/, "").slice(0, 8);
  if (!plain) plain = NEW_KEY;
  if (/^\d/.test(plain)) plain = `指标${plain}`.slice(0, 8);
  let key = plain;
  for (let n = 2; taken.includes(key); n += 1) key = `${plain}${n}`;
  return key;
}

// 行的数据放在表格上（table.rows_），就地刷新后事件处理读到的也是最新的值
function cellInput(table, index, column, kind, help, onEdit) {
  const row = table.rows_[index];
  const input = document.createElement("input");
  input.dataset.column = column;
  input.title = help;
  input.setAttribute("aria-label", `第 ${index + 1} 个指标的${column}`);
  if (kind === "switch") {
    input.type = "checkbox";
    input.checked = row[column] === "true";
    input.addEventListener("change", () => onEdit({ action: "set", index, edits: [[column, input.checked ? "true" : "false"]] }));
    return input;
  }
  input.value = row[column] ?? "";
  if (kind === "places") input.placeholder = "2";
  if (column === "本期" && row["公式"]) input.placeholder = "由公式算出";
  input.addEventListener("change", () => {
    const edits = [[column, input.value]];
    const rows = table.rows_;
    if (column === "名称" && (rows[index]["键"] ?? NEW_KEY) === NEW_KEY && input.value.trim()) {
      const taken = rows.filter((_, i) => i !== index).map((r) => r["键"]);
      edits.push(["键", suggestKey(input.value, taken)]);
    }
    onEdit({ action: "set", index, edits });
  });
  return input;
}

function button(text, action, onClick) {
  const node = Object.assign(document.createElement("button"), { type: "button", textContent: text });
  node.dataset.action = action;
  node.addEventListener("click", onClick);
  return node;
}

function computedText(computed, row, column) {
  return (computed[row["键"]] || {})[column] ?? "";
}

// 表单有错误时算不出数：与预览一样显示上一次算出的数，标成灰色斜体并说明
let lastComputed = {};
const STALE = "表单现在有错误，这是上一次没有错误时算出的数";

function computedOf(outline) {
  if (outline && outline.computed) {
    lastComputed = outline.computed;
    return { computed: lastComputed, stale: false };
  }
  return { computed: lastComputed, stale: true };
}

function fillComputed(cell, computed, stale, row) {
  cell.textContent = computedText(computed, row, cell.dataset.column);
  cell.classList.toggle("stale", stale && cell.textContent !== "");
  cell.title = stale && cell.textContent ? STALE : "";
}

// 正在表格里填写时（光标在某一格）不重建表格，只就地刷新别的格：键的建议、算出的同比等马上看得到，
// 正在填的那一格不被打断。行数或指标文件变了才重建。
function refresh(container, outline) {
  const table = container.querySelector("#indicator-table");
  const rows = (outline && outline.indicators) || [];
  const fromSheet = (outline && outline.sheet_indicators) || [];
  if (!table || !container.contains(document.activeElement) || table.rows_.length !== rows.length
      || table.querySelectorAll("tr.from-sheet").length !== fromSheet.length) return false;
  table.rows_ = rows;
  const { computed, stale } = computedOf(outline);
  table.querySelectorAll("tbody tr:not(.from-sheet)").forEach((tr, index) => {
    for (const input of tr.querySelectorAll("input")) {
      if (input === document.activeElement) continue;
      const value = rows[index][input.dataset.column];
      if (input.type === "checkbox") input.checked = value === "true";
      else input.value = value ?? "";
    }
    for (const cell of tr.querySelectorAll("td.computed")) fillComputed(cell, computed, stale, rows[index]);
  });
  return true;
}

export function buildIndicators(container, outline, onEdit) {
  if (refresh(container, outline)) return;
  container.replaceChildren();
  const rows = (outline && outline.indicators) || [];
  const { computed, stale } = computedOf(outline);
  const fromSheet = (outline && outline.sheet_indicators) || [];
  const heading = Object.assign(document.createElement("h4"), { textContent: "指标" });
  const note = Object.assign(document.createElement("span"), {
    className: "hint", textContent: "正文里写 {{键}} 或 {{键.同比}}，生成时换成算好的数字和措辞。同比、完成率由 gen 算出，不用填。" });
  container.append(heading, note);
  if (outline && outline.indicator_file) {
    const file = Object.assign(document.createElement("p"), { id: "indicator-file", className: "hint" });
    file.textContent = `指标文件：${outline.indicator_file}（只读）。表格里的指标，数字取自这个表格文件，`
      + "要改请用 Excel 或 WPS 打开它修改；它们在下表中以灰色显示。";
    container.appendChild(file);
  }
  const table = document.createElement("table");
  table.id = "indicator-table";
  table.rows_ = rows;
  const head = table.createTHead().insertRow();
  for (const [column, kind, help] of [...COLUMNS, ["", "", ""]]) {
    const th = Object.assign(document.createElement("th"), { textContent: kind === "computed" ? `${column}（算出）` : column, title: help });
    head.appendChild(th);
  }
  const body = table.createTBody();
  rows.forEach((row, index) => {
    const tr = body.insertRow();
    for (const [column, kind, help] of COLUMNS) {
      const cell = tr.insertCell();
      cell.dataset.label = kind === "computed" ? `${column}（算出）` : column;  // 每格上方的列名（窄屏时一行折成几行）
      if (kind === "computed") {
        cell.className = "computed";
        cell.dataset.column = column;
        fillComputed(cell, computed, stale, row);
      } else {
        cell.appendChild(cellInput(table, index, column, kind, help, onEdit));
      }
    }
    tr.insertCell().append(
      button("上移", "up", () => onEdit({ action: "up", index })),
      button("下移", "down", () => onEdit({ action: "down", index })),
      button("删除", "delete", () => onEdit({ action: "delete", index })));
  });
  for (const row of fromSheet) {
    const tr = body.insertRow();
    tr.className = "from-sheet";
    for (const [column, kind] of COLUMNS) {
      const cell = tr.insertCell();
      cell.dataset.column = column;
      cell.dataset.label = kind === "computed" ? `${column}（算出）` : column;
      cell.textContent = kind === "computed" ? computedText(computed, row, column) : (row[column] ?? "");
    }
    tr.insertCell().textContent = "来自指标文件";
  }
  const scroll = Object.assign(document.createElement("div"), { className: "table-scroll" });
  scroll.dataset.autocomplete = "off";  // 只有“表述”一列有 {{ 补全（editor.js 单独挂，候选是 {{本期}} 等）
  scroll.appendChild(table);
  const add = button("添加一个指标", "add", () => onEdit({ action: "add" }));
  const findings = Object.assign(document.createElement("ul"), { className: "field-findings", id: "findings-指标" });
  container.append(scroll, add, findings);
}
