// 保存时表单已在别处被修改：页面里的对话框（不用浏览器的 confirm），列出哪几行不同，让办事员三选一。
//
//   const choice = await askConflict(data);  // data 是 /api/save 返回的 409 内容
//   choice 为 "reload"（重新载入，放弃这里的修改）、"keep"（保留这里的内容，覆盖磁盘上的文件）或 "cancel"。
// 没有明确选择（按 Esc、关掉对话框）一律当作“取消”：什么都不写。

const CHOICES = [
  ["reload", "重新载入（放弃这里的修改）"],
  ["keep", "保留这里的内容（覆盖磁盘上的文件）"],
  ["cancel", "取消"],
];

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function changeList(data) {
  const list = element("div", "conflict-changes");
  for (const change of data.changes || []) {
    const block = element("div", "conflict-change");
    block.appendChild(element("div", "conflict-where", `磁盘上第 ${change.line} 行（这里第 ${change.page_line} 行）`));
    for (const line of change.disk) block.appendChild(element("div", "conflict-disk", `磁盘上：${line}`));
    if (!change.disk.length) block.appendChild(element("div", "conflict-disk", "磁盘上：（没有这几行）"));
    for (const line of change.page) block.appendChild(element("div", "conflict-page", `这　里：${line}`));
    if (!change.page.length) block.appendChild(element("div", "conflict-page", "这　里：（没有这几行）"));
    list.appendChild(block);
  }
  if (data.more) list.appendChild(element("div", "conflict-more", `……还有 ${data.more} 处不同，未列出。`));
  if (!(data.changes || []).length) list.appendChild(element("div", "conflict-more", "两边的文字相同（只有换行方式或文件编码不同）。"));
  return list;
}

export function askConflict(data) {
  return new Promise((resolve) => {
    const dialog = element("dialog", "conflict");
    dialog.id = "conflict";
    const title = element("h3", "", `表单已在别处被修改（${data.modified || "时间不详"}）`);
    title.id = "conflict-title";
    dialog.setAttribute("aria-labelledby", title.id);
    dialog.appendChild(title);
    dialog.appendChild(element("p", "", "这份表单在页面打开之后被别的程序（或另一个页面）改过了。下面是磁盘上的文件与这里的内容不同的地方："));
    dialog.appendChild(changeList(data));
    const buttons = element("div", "conflict-buttons");
    let chosen = "cancel";
    for (const [choice, text] of CHOICES) {
      const button = element("button", "", text);
      button.type = "button";
      button.dataset.choice = choice;
      button.addEventListener("click", () => { chosen = choice; dialog.close(); });
      buttons.appendChild(button);
    }
    dialog.appendChild(buttons);
    dialog.addEventListener("close", () => { dialog.remove(); resolve(chosen); });
    document.body.appendChild(dialog);
    dialog.showModal();
    buttons.lastChild.focus();  // 默认落在“取消”上：误按回车也不会丢掉任何内容
  });
}
