// {{ 自动补全：在任一输入框或多行文本框里打出“{{”后，列出指标的键和属性（{{体检人数.同比}}）。
//
// 用法：
//   import { attachAutocomplete } from "./autocomplete.js";
//   attachAutocomplete(textarea);                      // 一个元素调用一次：候选是指标的键和“键.属性”
//   attachAutocomplete(input, () => ["本期", "同比"]);  // 也可以给出自己的候选（每次弹出列表时调用）
// “字段”页（#fields-pane）里的文字框不用逐个挂：editor.js 调用 attachWithin(字段页)，任何 <textarea> 或
// <input type=text> 第一次得到焦点时自动挂上（后来才建的事项编辑框也一样）。不要补全的区域加
// data-autocomplete="off"（指标表格就是这样：只有“表述”一列单独挂，候选是 {{本期}} 之类）。
// 选中一项（回车、Tab 或点击）后补上其余的字和“}}”，并在元素上触发 input 事件，
// 所以元素原来的 input 监听照常工作；change 事件仍由浏览器在离开这一格时触发。
// 整页只有一个列表（<ul id="suggest">），第一次用到时建在 <body> 末尾，显示在光标下方。

const OPEN = /\{\{\s*([^{}\s]*)$/;
const LIMIT = 30;
let list = null;
let owner = null;  // 列表现在属于哪个元素
let defaultOptions = () => [];  // 指标的键和“键.属性”，由 editor.js 每次检查后更新（setReferences）

function popup() {
  if (!list) {
    list = document.createElement("ul");
    list.id = "suggest";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    document.body.appendChild(list);
    // 页面或文字框滚动时，列表跟着光标走（列表自己滚动时不动）
    window.addEventListener("scroll", (event) => { if (owner && event.target !== list) place(owner); }, true);
  }
  return list;
}

function place(element) {
  const at = caret(element);
  list.style.left = `${Math.max(0, Math.min(at.left, window.innerWidth - 240))}px`;
  // 光标下面放不下整个列表（字段在窗口下部，如 1366×768 上的“导语”）：改放在光标那一行的上面
  const height = list.offsetHeight;
  const top = at.top + height <= window.innerHeight ? at.top : at.top - at.line - height;
  list.style.top = `${Math.max(0, Math.min(top, window.innerHeight - height))}px`;
}

// 指标的键，以及每个键加上属性：体检人数、体检人数.同比……
export function referenceOptions(keys, attributes) {
  const options = [];
  for (const key of keys || []) {
    options.push(key);
    for (const attribute of attributes || []) options.push(`${key}.${attribute}`);
  }
  return options;
}

// editor.js 每次检查完调用：之后所有没有自带候选的元素都用这些候选
export function setReferences(keys, attributes) {
  const options = referenceOptions(keys, attributes);
  defaultOptions = () => options;
}

function typedPrefix(element) {
  const match = element.value.slice(0, element.selectionStart).match(OPEN);
  return match ? match[1] : null;
}

export function hideSuggestions() {
  if (list) list.hidden = true;
  owner = null;
}

function show(element, getOptions) {
  const typed = typedPrefix(element);
  // 以打的字开头的排在前面，其后是含有它的（打“{{同比”也能找到“体检人数.同比”）
  const all = typed === null ? [] : getOptions();
  const options = [...all.filter((o) => o.startsWith(typed)),
    ...all.filter((o) => !o.startsWith(typed) && o.includes(typed))].slice(0, LIMIT);
  if (!options.length) { hideSuggestions(); return; }
  const box = popup();
  box.replaceChildren(...options.map((option, index) => {
    const li = document.createElement("li");
    li.textContent = option;
    li.setAttribute("role", "option");
    if (index === 0) li.className = "active";
    li.addEventListener("mousedown", (event) => { event.preventDefault(); complete(element, option); });
    return li;
  }));
  box.hidden = false;  // 先显示，量得出列表的高度
  place(element);
  owner = element;
}

// 光标在屏幕上的位置（列表显示在它下方）：用一个与元素同样排版的隐形 div 量出来。
const COPIED = ["fontFamily", "fontSize", "fontWeight", "lineHeight", "letterSpacing", "tabSize", "paddingTop",
  "paddingRight", "paddingBottom", "paddingLeft", "borderTopWidth", "borderRightWidth", "borderBottomWidth",
  "borderLeftWidth", "boxSizing", "whiteSpace", "wordBreak", "overflowWrap"];

function caret(element) {
  const rect = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  const mirror = document.createElement("div");
  for (const name of COPIED) mirror.style[name] = style[name];
  if (element.tagName !== "TEXTAREA") mirror.style.whiteSpace = "pre";
  Object.assign(mirror.style, { position: "fixed", visibility: "hidden", left: "0", top: "0", overflow: "hidden",
    width: `${rect.width}px` });
  mirror.textContent = element.value.slice(0, element.selectionStart);
  const mark = document.createElement("span");
  mark.textContent = "\u200b";
  mirror.appendChild(mark);
  document.body.appendChild(mirror);
  const left = rect.left + mark.offsetLeft - element.scrollLeft;
  const top = rect.top + mark.offsetTop + mark.offsetHeight - element.scrollTop;
  mirror.remove();
  return { left: Math.min(Math.max(left, rect.left), rect.right), top: Math.min(Math.max(top, rect.top), rect.bottom),
    line: mark.offsetHeight };
}

function complete(element, option) {
  const typed = typedPrefix(element) ?? "";
  const at = element.selectionStart;
  const close = element.value.slice(at).startsWith("}}") ? "" : "}}";
  element.setRangeText(option + close, at - typed.length, at, "end");  // 打过的字换成选中的整项
  hideSuggestions();
  element.dispatchEvent(new Event("input", { bubbles: true }));
}

// 给一个 <input> 或 <textarea> 加上 {{ 自动补全。
export function attachAutocomplete(element, getOptions = () => defaultOptions()) {
  if (element.dataset.autocomplete) return;  // 同一个元素只挂一次（或标了 off）
  element.dataset.autocomplete = "on";
  element.addEventListener("input", (event) => {
    if (event.isTrusted) show(element, getOptions);  // 补全自己触发的 input 不再弹出
  });
  element.addEventListener("blur", () => { if (owner === element) hideSuggestions(); });
  element.addEventListener("keydown", (event) => {
    if (owner !== element || !list || list.hidden) return;
    const items = Array.from(list.children);
    const current = items.findIndex((li) => li.className === "active");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = (current + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach((li, i) => { li.className = i === next ? "active" : ""; });
      items[next].scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      if (items[current]) complete(element, items[current].textContent);
    } else if (event.key === "Escape") {
      event.preventDefault();
      hideSuggestions();
    }
  });
}

// 容器里的 <textarea>、<input type=text> 第一次得到焦点时挂上补全（候选同 attachAutocomplete 的默认值）。
export function attachWithin(container) {
  container.addEventListener("focusin", (event) => {
    const element = event.target;
    const text = element.tagName === "TEXTAREA" || (element.tagName === "INPUT" && element.type === "text");
    if (text && !element.closest("[data-autocomplete=off]")) attachAutocomplete(element);
  });
}
