// 打印预览：服务器用 LibreOffice 把（已保存的）表单排成真正的 PDF，再把每一页画成图片（/api/print-preview）。
// 看到的就是“生成 PDF”写出的那几页，分页、字体、页码都一样；右边的预览只是近似的版面。
//
//   showPrintPreview(name, pages)  // pages 是 data: 网址的数组，一页一个

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function showPrintPreview(name, pages) {
  const dialog = element("dialog", "print-preview");
  dialog.id = "print-preview";
  const bar = element("div", "print-bar");
  bar.appendChild(element("h3", "", `打印预览：${name}（共 ${pages.length} 页，与生成的 PDF 一页一页相同）`));
  const close = element("button", "", "关闭");
  close.type = "button";
  close.dataset.choice = "close";
  close.addEventListener("click", () => dialog.close());
  bar.appendChild(close);
  dialog.appendChild(bar);
  const sheets = element("div", "print-pages");
  pages.forEach((src, n) => {
    const figure = element("figure", "print-page");
    const image = element("img");
    image.src = src;
    image.alt = `第 ${n + 1} 页`;
    figure.appendChild(image);
    figure.appendChild(element("figcaption", "", `第 ${n + 1} 页`));
    sheets.appendChild(figure);
  });
  dialog.appendChild(sheets);
  dialog.addEventListener("close", () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
  close.focus();
}
