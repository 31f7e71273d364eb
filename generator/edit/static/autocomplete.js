// {{ 自动补全：在任一输入框或多行文本框里打出“{{”后，列出指标的键和属性（{{体检人数.同比}}）。
//
// 用法（每个元素调用一次）：
//   import { attachAutocomplete, referenceOptions } from "./autocomplete.js";
//   attachAutocomplete(textarea, () => referenceOptions(state.keys, state.attributes));
// 第二个参数是一个函数，每次弹出列表时调用，返回可选的文字（不含 {{ }}）；这样键变了不用重新挂。
// 选中一项（回车、Tab 或点击）后补上其余的字和“}}”，并在元素上触发 input 事件，
// 所以元素原来的 input 监听照常工作；change 事件仍由浏览器在离开这一格时触发。
// 整页只有一个列表（<ul id="suggest">），第一次用到时建在 <body> 末尾，显示在光标下方。

const OPEN = /\{\{\s*([^{}\s]*)$/;
const LIMIT = 30;
let list = null;
let owner = null;  // 列表现在属于哪个元素

function popup() {
  if (!list) {
    list = document.createElement("ul");
    list.id = "suggest";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    document.body.appendChild(list);
  }
  return list;
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
  const options = typed === null ? [] : getOptions().filter((o) => o.startsWith(typed)).slice(0, LIMIT);
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
  const at = caret(element);
  box.style.left = `${Math.max(0, Math.min(at.left, window.innerWidth - 240))}px`;
  box.style.top = `${Math.max(0, Math.min(at.top, window.innerHeight - 60))}px`;
  box.hidden = false;
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
  return { left: Math.min(Math.max(left, rect.left), rect.right), top: Math.min(Math.max(top, rect.top), rect.bottom) };
}

function complete(element, option) {
  const typed = typedPrefix(element) ?? "";
  const at = element.selectionStart;
  const close = element.value.slice(at).startsWith("}}") ? "" : "}}";
  element.setRangeText(option.slice(typed.length) + close, at, at, "end");
  hideSuggestions();
  element.dispatchEvent(new Event("input", { bubbles: true }));
}

// 给一个 <input> 或 <textarea> 加上 {{ 自动补全。
export function attachAutocomplete(element, getOptions) {
  if (element.dataset.autocomplete) return;  // 同一个元素只挂一次
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
