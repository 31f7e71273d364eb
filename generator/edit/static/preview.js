// A4 分页预览：把服务器由 Document 生成的 HTML 按块排进一页页的版心（22 行高），放不下就另起一页。
// 附件（“附件”二字）总是另起一页，与 Word 文件相同。
export function paginate(container, html) {
  const source = document.createElement("div");
  source.innerHTML = html;
  const blocks = Array.from(source.children);
  container.replaceChildren();
  let body = null;
  let pages = 0;
  const newPage = () => {
    const page = document.createElement("div");
    page.className = "page";
    body = document.createElement("div");
    body.className = "page-body";
    page.appendChild(body);
    container.appendChild(page);
    pages += 1;
    const number = document.createElement("div");
    number.className = "page-number " + (pages % 2 ? "odd" : "even");
    number.textContent = `— ${pages} —`;
    page.appendChild(number);
  };
  newPage();
  for (const block of blocks) {
    if (block.classList.contains("attachment") && body.children.length) newPage();
    body.appendChild(block);
    if (body.scrollHeight > body.clientHeight + 1 && body.children.length > 1) {
      body.removeChild(block);
      newPage();
      body.appendChild(block);
    }
  }
  return pages;
}
