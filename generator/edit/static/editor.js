// gen edit 页面：源文件、字段、实时检查、A4 预览、保存和生成。没有构建步骤，不连外网。
import { paginate } from "./preview.js";
import { buildFields, fillFields } from "./fields.js";
import { buildIndicators } from "./indicators.js";
import { attachAutocomplete, attachWithin, setReferences } from "./autocomplete.js";
import { askConflict } from "./conflict.js";
import { buildTree, findingOwner } from "./items.js";
import { keepDraft, offerDraft, readDraft, tokenHeaders, waitForServer } from "./connection.js";
import { askOutput } from "./outputs.js";
import { showPrintPreview } from "./printing.js";

const $ = (id) => document.getElementById(id);
const state = { name: null, hash: null, saved: "", keys: [], attributes: [], sentenceNames: [], timer: null, seq: 0,
                inputs: {}, root: "", pendingDraft: null, refused: {}, noOffice: null };
// {{ 自动补全（static/autocomplete.js）：指标的“表述”里只能写本指标的 {{本期}} 等
const sentenceNames = () => state.sentenceNames;

async function api(method, url, body) {
  // 令牌在请求头里（static/connection.js）；不带、也不收任何 Cookie
  const options = { method, headers: tokenHeaders(), credentials: "omit", cache: "no-store" };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, options);
  } catch (error) {
    offline();
    return { ok: false, status: 0, data: { error: OFFLINE } };
  }
  let data = {};
  try { data = await response.json(); } catch (error) { data = { error: `服务器返回了无法识别的内容（${response.status}）。` }; }
  return { ok: response.ok, status: response.status, data };
}

function status(text, bad = false) {
  $("status").textContent = text;
  $("status").title = text;  // 太长时页头里只显示一行，完整的话在提示框里（notice）和这里
  $("status").className = bad ? "bad" : "";
  if (bad && text.length > 30) notice(text);  // 长的说明在页头里放不下：同时放到页头下面
}

// 页头下面的一条说明（文件一级的问题等长的话）：不挤占页头，也不算表单的错误
function notice(text) {
  const box = $("notice");
  box.hidden = !text;
  $("notice-text").textContent = text || "";
}
$("notice-close").addEventListener("click", () => notice(""));

// ---------------------------------------------------------------- 断线、重新连接
const OFFLINE = "连接不上编辑程序（它可能已经关掉了）。没保存的修改暂存在这个浏览器里；重新打开编辑程序后，本页会自动接上。";
function offline() {
  status(OFFLINE, true);
  waitForServer((ok) => {
    if (ok) { notice(""); status("已重新连接编辑程序，可以接着编辑和保存。"); scheduleCheck(0); return; }
    status("编辑程序换了新的访问令牌，本页不能再用：请用它新显示的网址打开。没保存的修改暂存在这个浏览器里，打开后可以恢复。", true);
  });
}

// ---------------------------------------------------------------- 源文件
const source = $("source");

function updateGutter(diagnostics = null) {
  const count = source.value.split("\n").length;
  const marks = {};
  for (const d of diagnostics || state.diagnostics || []) {
    if (d.line && (!marks[d.line] || d.severity === "错误")) marks[d.line] = d;
  }
  const gutter = $("gutter");
  gutter.replaceChildren();
  for (let n = 1; n <= count; n += 1) {
    const line = document.createElement("div");
    line.textContent = String(n);
    if (marks[n]) {
      line.className = marks[n].severity;
      line.title = marks[n].message;
    }
    gutter.appendChild(line);
  }
  gutter.scrollTop = source.scrollTop;
}

function setText(text) {
  source.value = text;
  updateGutter();
  scheduleCheck(0);
}

function dirty() { return source.value !== state.saved; }

function markDirty() {
  $("file-name").textContent = `${state.name}${dirty() ? "（未保存）" : ""}`;
  if (!state.pendingDraft) keepDraft(state.root, state.name, source.value, dirty(), state.hash);  // 还没决定恢复与否时不动草稿
}

function scheduleCheck(delay = 300) {
  clearTimeout(state.timer);
  state.timer = setTimeout(check, delay);
}

async function check() {
  const seq = ++state.seq;
  const result = await api("POST", "/api/check", { name: state.name, text: source.value });
  if (seq !== state.seq) return; // 又有新的输入：这次的结果已经过时
  if (!result.ok) { status(result.data.error || "检查失败。", true); return; }
  const data = result.data;
  state.diagnostics = data.diagnostics;
  state.keys = data.keys || [];
  state.attributes = data.attributes || [];
  state.sentenceNames = data.sentence_names || [];
  state.outline = data.outline || {};
  setReferences(state.keys, state.attributes);
  fillFields(state.inputs, data.outline);
  const editing = document.activeElement;  // 正在填的那一格不重建，免得打断输入
  const typing = (box) => editing && ["INPUT", "TEXTAREA"].includes(editing.tagName) && box.contains(editing);
  if (!typing($("items"))) buildTree($("items"), data.outline, nodeAction);
  buildIndicators($("indicators"), data.outline, indicatorEdit);  // 正在表格里填写时只就地刷新（indicators.js）
  showRefused();
  for (const input of $("indicators").querySelectorAll("input[data-column=表述]")) attachAutocomplete(input, sentenceNames);
  showFindings(data.diagnostics, data.outline || {});
  updateGutter(data.diagnostics);
  if (data.preview !== null) {
    const pages = paginate($("preview"), data.preview);
    $("preview-note").textContent = "";
    status(data.errors ? `${data.errors} 个错误` : `表单填写正确，共 ${pages} 页`, data.errors > 0);
  } else {
    $("preview-note").textContent = "表单有错误，预览显示的是上一次没有错误时的样子。";
    status(`${data.errors} 个错误`, true);
  }
  document.body.dataset.checked = String(seq);
}

function describe(d) {
  const where = d.line ? `第 ${d.line} 行${d.column ? `第 ${d.column} 列` : ""}：` : "";
  return `${where}${d.severity}：${d.code ? `[${d.code}] ` : ""}${d.message}`;
}

function findingItem(d) {
  const li = document.createElement("li");
  li.className = d.severity;
  li.textContent = describe(d);
  if (d.hint) {
    const hint = document.createElement("span");
    hint.className = "hint";
    hint.textContent = `提示：${d.hint}`;
    li.appendChild(hint);
  }
  li.addEventListener("click", () => goTo(d.line, d.column));
  return li;
}

// 没有写进表单的值（如在“本期”里写了“八十二”）：格子（或字段）里照旧显示写的字，标红，并列在检查结果里，
// 直到改对；表单里仍是原来的值。指标的键为“序号/列”，字段的键为“字段/名称”（r.field）。
function refusedFindings() {
  return Object.values(state.refused).map((r) => ({
    severity: "错误", refused: r.field ? `findings-${r.field}` : "findings-指标",
    message: `${r.field ? `“${r.field}”` : `第 ${r.index + 1} 个指标的“${r.column}”`}：“${r.value}”没有写进表单`
      + `（表单里仍是原来的值）。${r.message}` }));
}

function refusedInput(r) {
  if (r.field) return state.inputs[r.field];
  const row = $("indicators").querySelectorAll("#indicator-table tbody tr:not(.from-sheet)")[r.index];
  return row && row.querySelector(`input[data-column="${r.column}"]`);
}

function showRefused() {
  for (const input of document.querySelectorAll(".refused")) {
    input.classList.remove("refused");
    input.removeAttribute("aria-invalid");
  }
  for (const r of Object.values(state.refused)) {
    const input = refusedInput(r);
    if (!input) continue;
    if (document.activeElement !== input) input.value = r.value;
    input.classList.add("refused");
    input.setAttribute("aria-invalid", "true");
    input.title = r.message;
  }
}

function showFindings(diagnostics, outline) {
  diagnostics = [...refusedFindings(), ...diagnostics];
  const list = $("findings");
  list.replaceChildren(...diagnostics.map(findingItem));
  $("findings-title").textContent = diagnostics.length ? `检查结果（${diagnostics.length} 条）` : "检查结果：没有发现问题";
  // 每条结果也放到它所在的字段、事项下面（见 items.js 的 findingOwner）
  for (const box of document.querySelectorAll(".field-findings")) box.replaceChildren();
  for (const d of diagnostics) {
    if (d.refused && $(d.refused)) $(d.refused).appendChild(findingItem(d));
    if (!d.line) continue;
    const owner = findingOwner(d.line, outline);
    const box = owner && $(`findings-${owner}`);
    if (box) box.appendChild(findingItem(d));
  }
}

function goTo(line, column) {
  if (!line) return;
  showTab("source-pane");
  const rows = source.value.split("\n");
  let offset = 0;
  for (let n = 1; n < line && n <= rows.length; n += 1) offset += rows[n - 1].length + 1;
  const start = offset + Math.max(0, (column || 1) - 1);
  source.focus();
  source.setSelectionRange(start, offset + (rows[line - 1] || "").length);
  source.scrollTop = Math.max(0, (line - 5) * 20);
}

// ---------------------------------------------------------------- {{ 自动补全（static/autocomplete.js）
attachAutocomplete(source);
attachWithin($("fields-pane"));  // 字段页的每个文字框（含后来才建的）第一次得到焦点时挂上

function onSourceInput() {
  updateGutter();
  markDirty();
  scheduleCheck();
}
source.addEventListener("input", onSourceInput);
source.addEventListener("scroll", () => { $("gutter").scrollTop = source.scrollTop; });

// ---------------------------------------------------------------- 字段
// 字段、事项、指标的改动一个接一个地做：每次都在上一次改好的文字上改（连按 Tab 时不会互相覆盖）
let edits = Promise.resolve();
function queued(edit) {
  return (...args) => { edits = edits.then(() => edit(...args)).catch(() => {}); return edits; };
}

const fieldChange = queued(async (key, value) => {
  const result = await api("POST", "/api/field", { text: source.value, key, value });
  const where = `field/${key}`;
  if (!result.ok) {
    status(result.data.error, true);
    if (result.status >= 400 && result.status < 500) {  // 没有写进表单：字段里标红，列进检查结果
      state.refused[where] = { field: key, value, message: result.data.error };
      showRefused();
      showFindings(state.diagnostics || [], state.outline || {});
    }
    return;
  }
  delete state.refused[where];
  source.value = result.data.text;
  onSourceInput();
});

const nodeAction = queued(async ({ path, action, key, value, what }) => {
  if (action === "delete" && !confirm(`确定删除这一${what}吗？`)) return false;
  const result = await api("POST", "/api/node", { text: source.value, path, action, key, value });
  if (!result.ok) { status(result.data.error, true); return false; }
  source.value = result.data.text;
  onSourceInput();
  return true;  // 页面随后按新的文字重建
});

const indicatorEdit = queued(async (request) => {
  if (request.action === "delete" && !confirm(`确定删除第 ${request.index + 1} 个指标吗？`)) return;
  let text = source.value;
  if (request.action !== "set") {  // 行变了：序号对不上了
    for (const key of Object.keys(state.refused)) if (!state.refused[key].field) delete state.refused[key];
  }
  for (const [column, value] of request.edits || [[null, null]]) {
    const result = await api("POST", "/api/indicator", { text, index: request.index, column, value, action: request.action });
    const where = `${request.index}/${column}`;
    if (!result.ok) {
      status(result.data.error, true);
      if (result.status >= 400 && result.status < 500 && request.action === "set") {
        state.refused[where] = { index: request.index, column, value, message: result.data.error };
        showRefused();
        showFindings(state.diagnostics || [], state.outline || {});
      }
      return;
    }
    delete state.refused[where];
    text = result.data.text;
  }
  source.value = text;
  onSourceInput();
});

// ---------------------------------------------------------------- 标签页
function showTab(id) {
  for (const button of document.querySelectorAll(".tabs button")) {
    button.classList.toggle("active", button.dataset.tab === id);
  }
  $("fields-pane").hidden = id !== "fields-pane";
  $("source-pane").hidden = id !== "source-pane";
  if (id === "source-pane") updateGutter();
}
for (const button of document.querySelectorAll(".tabs button")) {
  button.addEventListener("click", () => showTab(button.dataset.tab));
}

// ---------------------------------------------------------------- 保存、生成
async function save() {
  if ($("conflict")) return false;  // “已在别处被修改”的对话框还开着（又按了 Ctrl+S）：等办事员先选
  const text = source.value;
  let result = await api("POST", "/api/save", { name: state.name, text, hash: state.hash });
  // 磁盘上的文件在别处被改过：对话框三选一（static/conflict.js）；只有选“保留”才带着新的版本号覆盖
  while (result.status === 409 && result.data.hash) {
    const choice = await askConflict(result.data);
    if (choice === "reload") {
      state.hash = result.data.hash;
      state.saved = result.data.text;
      setText(result.data.text);
      markDirty();
      status("已重新载入磁盘上的内容，这里的修改已放弃。");
      return false;
    }
    if (choice !== "keep") { status("没有保存：磁盘上的文件在别处被改过，这里的内容还没有写入。", true); return false; }
    result = await api("POST", "/api/save", { name: state.name, text, hash: result.data.hash });
  }
  if (!result.ok) { status(result.data.error || "保存失败。", true); return false; }
  state.hash = result.data.hash;
  state.saved = text;
  markDirty();
  status(`已保存 ${state.name}`);
  return true;
}

async function generate(format, choice = {}) {
  if (dirty() && !(await save())) return;
  status("正在生成……");
  notice("");
  const result = await api("POST", "/api/generate", { name: state.name, format, hash: state.hash, ...choice });
  if (result.status === 409 && result.data.stale) {  // 文件在别处被改过：先走保存的对话框，选“保留”才接着生成
    if (await save()) await generate(format);
    return;
  }
  if (result.status === 409 && result.data.owner) {  // 同名文件在 Word 里改过：另存为 / 确认后覆盖 / 取消（outputs.js）
    const answer = await askOutput(result.data);
    if (answer.choice === "saveas") { await generate(format, { output: answer.name }); return; }
    if (answer.choice === "overwrite") { await generate(format, { output: result.data.target, overwrite: true }); return; }
    status(`没有生成：“${result.data.target}”保持原样。`);
    return;
  }
  if (!result.ok) {
    if (result.data.diagnostics) {  // 表单内容的错误：列在检查结果里
      status(result.data.error || "生成失败。", true);
      showFindings(result.data.diagnostics, {});
    } else {  // 文件一级的问题（只读、被占用等）：不是表单的错误，单独说明
      status("没有生成，原因见页头下面的说明。", true);
      notice(result.data.error || "生成失败。");
    }
    return;
  }
  const outputs = $("outputs");
  outputs.replaceChildren("已生成：");
  for (const name of result.data.files) {
    const link = document.createElement("a");
    link.href = "#";
    link.dataset.name = name;
    link.textContent = `下载 ${name}`;
    link.addEventListener("click", (event) => { event.preventDefault(); download(name); });
    outputs.appendChild(link);
  }
  status(`已生成 ${result.data.files.join("、")}（在表单所在的文件夹里）`);
}

// 打印预览：真正的 PDF 页面（static/printing.js）；这台电脑上没有 LibreOffice 时只说明为什么用不了
async function printPreview() {
  if (state.noOffice) { notice(state.noOffice); status("打印预览用不了：这台电脑上没有 LibreOffice。", true); return; }
  if (dirty() && !(await save())) return;
  status("正在排出打印预览（用 LibreOffice 排成 PDF）……");
  notice("");
  const result = await api("POST", "/api/print-preview", { name: state.name, hash: state.hash });
  if (result.status === 409 && result.data.stale) {
    if (await save()) await printPreview();
    return;
  }
  if (!result.ok) {
    if (result.data.no_office) state.noOffice = result.data.error;
    if (result.data.diagnostics) {
      status(result.data.error || "排不出打印预览。", true);
      showFindings(result.data.diagnostics, {});
    } else {
      status("排不出打印预览，原因见页头下面的说明。", true);
      notice(result.data.error || "排不出打印预览。");
    }
    return;
  }
  status(`打印预览：共 ${result.data.pages.length} 页`);
  showPrintPreview(state.name, result.data.pages);
}

// 下载也要带令牌（请求头），所以先取回内容，再交给浏览器存盘
async function download(name) {
  let response;
  try {
    response = await fetch(`/api/download?name=${encodeURIComponent(name)}`, { headers: tokenHeaders(), credentials: "omit" });
  } catch (error) {
    offline();
    return;
  }
  if (!response.ok) { status(`下载 ${name} 失败。`, true); return; }
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

$("save").addEventListener("click", save);
$("print").addEventListener("click", printPreview);
for (const button of document.querySelectorAll("button.generate")) {
  button.addEventListener("click", () => generate(button.dataset.format));
}
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(); }
});
window.addEventListener("beforeunload", (event) => { if (state.name && dirty()) event.preventDefault(); });

// ---------------------------------------------------------------- 打开
async function openForm(name) {
  const result = await api("GET", `/api/form?name=${encodeURIComponent(name)}`);
  if (!result.ok) { $("folder-message").textContent = result.data.error; status(result.data.error, true); return; }
  state.name = result.data.name;
  state.hash = result.data.hash;
  state.saved = result.data.text;
  const draft = readDraft(state.root, state.name);
  state.pendingDraft = draft && draft.text !== result.data.text ? draft : null;
  document.title = `${state.name} - gen 表单编辑`;
  $("folder").hidden = true;
  $("editor").hidden = false;
  for (const button of document.querySelectorAll("header button")) button.disabled = false;
  setText(result.data.text);
  markDirty();
  if (state.pendingDraft) {  // 上次没保存的修改（gen edit 停止、页面关掉之前）：问要不要恢复
    offerDraft(state.pendingDraft, () => {
      const { text, base } = state.pendingDraft;
      state.pendingDraft = null;
      // 草稿之后磁盘上的表单又被改过：保存时按草稿的版本比较，弹出对话框列出不同，不悄悄覆盖
      if (base) state.hash = base;
      setText(text);
      markDirty();
      status("已恢复上次没保存的修改，请检查后保存。");
    }, () => { state.pendingDraft = null; markDirty(); });
  }
}

async function start() {
  const schema = await api("GET", "/api/schema");
  state.inputs = buildFields($("fields"), fieldChange, schema.ok ? schema.data : {});
  const result = await api("GET", "/api/session");
  if (!result.ok) { status(result.data.error, true); return; }
  state.root = result.data.root;
  state.noOffice = result.data.office ? null : result.data.no_office;
  if (state.noOffice) $("print").title = state.noOffice;
  if (!result.data.folder) { await openForm(result.data.forms[0]); return; }
  $("folder").hidden = false;
  $("folder-path").textContent = result.data.root;
  const list = $("forms");
  list.replaceChildren(...result.data.forms.map((name) => {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.textContent = name;
    link.addEventListener("click", () => openForm(name));
    li.appendChild(link);
    return li;
  }));
  if (!result.data.forms.length) list.textContent = "这个文件夹里还没有表单。";
  $("new-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const created = await api("POST", "/api/new", { name: $("new-name").value.trim(), kind: $("new-kind").value });
    if (!created.ok) { $("folder-message").textContent = created.data.error; return; }
    await openForm(created.data.name);
  });
}

start();
