// 生成时同名的文件已在 Word、WPS 里改过（或不是本页面生成的、或是只读的）：对话框里让办事员选
// “另存为”一个新文件名，或确认后覆盖（只读的没有这一项），或取消。说法里不提命令行的选项。
//
//   const answer = await askOutput(data);  // data 是 /api/generate 返回的 409 内容（带 owner）
//   answer 为 { choice: "saveas", name }、{ choice: "overwrite" } 或 { choice: "cancel" }。

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function askOutput(data) {
  return new Promise((resolve) => {
    const dialog = element("dialog", "conflict");
    dialog.id = "output-dialog";
    dialog.appendChild(element("h3", "", `“${data.target}”已经存在`));
    dialog.appendChild(element("p", "", data.error));
    const label = element("label", "", "另存为：");
    const name = element("input");
    name.id = "output-name";
    name.value = data.suggested || "";
    label.appendChild(name);
    dialog.appendChild(label);
    const message = element("p", "message");
    dialog.appendChild(message);
    const buttons = element("div", "conflict-buttons");
    let answer = { choice: "cancel" };
    const add = (choice, text, onClick) => {
      const button = element("button", "", text);
      button.type = "button";
      button.dataset.choice = choice;
      button.addEventListener("click", onClick);
      buttons.appendChild(button);
      return button;
    };
    add("saveas", "另存为这个文件名", () => {
      const wanted = name.value.trim();
      const suffix = data.target.slice(data.target.lastIndexOf("."));
      if (!wanted) { message.textContent = "请填写新的文件名。"; return; }
      answer = { choice: "saveas", name: wanted.toLowerCase().endsWith(suffix) ? wanted : `${wanted}${suffix}` };
      dialog.close();
    });
    if (data.can_overwrite !== false) {  // 只读的文件不能覆盖：只有另存为和取消
      add("overwrite", `覆盖原来的“${data.target}”`, () => {
        if (!confirm(`确定覆盖“${data.target}”吗？原来文件里的内容（包括在 Word 或 WPS 里做的修改）会丢失，不能恢复。`)) return;
        answer = { choice: "overwrite" };
        dialog.close();
      });
    }
    add("cancel", "取消", () => dialog.close());
    dialog.appendChild(buttons);
    dialog.addEventListener("close", () => { dialog.remove(); resolve(answer); });
    document.body.appendChild(dialog);
    dialog.showModal();
    name.focus();
  });
}
