"""渲染：计算好的表单经 Jinja 模板（templates/report/）写成带标注的 Markdown，
再解析成中间结构 :class:`~.document.Document`（标题、各级标题、段落、表格、落款……）；
各写出程序都从同一个 Document 出发。
"""
