// A4 预览：服务器（generator/write/word/page_flow.py）已把文档排成一页页、一行行，与 LibreOffice 转出的 PDF
// 同样分页、在同一个字处换行；这里只把它放进页面，返回页数。
// 尺寸在 data-css 里（页面的内容安全策略不许 HTML 里的 style 属性），逐条用 style.setProperty 设置。
export function paginate(container, html) {
  const pages = document.createElement("template");
  pages.innerHTML = html;
  for (const element of pages.content.querySelectorAll("[data-css]")) {
    for (const declaration of element.dataset.css.split(";")) {
      const colon = declaration.indexOf(":");
      if (colon > 0) element.style.setProperty(declaration.slice(0, colon), declaration.slice(colon + 1));
    }
  }
  container.replaceChildren(pages.content);
  return container.querySelectorAll(".page").length;
}
