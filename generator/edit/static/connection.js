// 与 gen edit 的连接：访问令牌、断线后自动接上、没保存的修改暂存在本浏览器里（草稿）。
//
// 令牌只在网址的 # 后面（浏览器从不把 # 后面的部分发给服务器），页面读出后放进本标签页的 sessionStorage，
// 从地址栏里去掉，之后每个请求都放在 X-Gen-Token 请求头里；从不放进 Cookie（浏览器会把 Cookie
// 发给这台电脑上所有端口的网页服务）。gen edit 重新启动后沿用同一个令牌和端口，本页自动接上。
// 草稿按文件存在 localStorage 里，直到保存成功；重新打开时问要不要恢复。

const TOKEN_KEY = "gen-edit-token";

export function readToken() {
  const found = /(?:^#|&)token=([\w-]+)/.exec(location.hash);
  if (found) {
    sessionStorage.setItem(TOKEN_KEY, found[1]);
    history.replaceState(null, "", location.pathname + location.search);  // 地址栏里不留令牌
  }
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

const token = readToken();
export const tokenHeaders = () => ({ "X-Gen-Token": token });

// 连不上时每 2 秒试一次；接上后调用 onBack（只调一次）
let waiting = null;
export function waitForServer(onBack) {
  if (waiting) return;
  waiting = setInterval(async () => {
    let response;
    try {
      response = await fetch("/api/session", { headers: tokenHeaders(), credentials: "omit", cache: "no-store" });
    } catch (error) {
      return;  // 还没有启动
    }
    clearInterval(waiting);
    waiting = null;
    onBack(response.ok);
  }, 2000);
}

// ---------------------------------------------------------------- 草稿
const draftKey = (root, name) => `gen-edit-draft:${root}/${name}`;

export function readDraft(root, name) {
  try {
    const draft = JSON.parse(localStorage.getItem(draftKey(root, name)) || "null");
    return draft && typeof draft.text === "string" ? draft : null;
  } catch (error) {
    return null;
  }
}

// base：草稿是在磁盘上哪个版本的基础上改的（恢复后保存时，磁盘若已变过，照样弹出“已在别处被修改”）
export function keepDraft(root, name, text, dirty, base) {
  try {
    if (dirty) localStorage.setItem(draftKey(root, name), JSON.stringify({ text, base, at: new Date().toLocaleString("zh-CN") }));
    else localStorage.removeItem(draftKey(root, name));
  } catch (error) {
    // 浏览器不让存（隐私模式、空间满）：只是没有草稿，不影响编辑
  }
}

// 页面顶上的一条提示：有没保存的草稿时问“恢复”还是“不要了”
export function offerDraft(draft, restore, discard) {
  const bar = document.getElementById("draft");
  bar.replaceChildren(`上次有没保存的修改（${draft.at || "时间不详"}），已暂存在这个浏览器里。`);
  const yes = Object.assign(document.createElement("button"), { type: "button", id: "draft-restore", textContent: "恢复这些修改" });
  const no = Object.assign(document.createElement("button"), { type: "button", id: "draft-discard", textContent: "不要了" });
  yes.addEventListener("click", () => { bar.hidden = true; restore(); });
  no.addEventListener("click", () => { bar.hidden = true; discard(); });
  bar.append(yes, no);
  bar.hidden = false;
}
