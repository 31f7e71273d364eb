"""表单：模型（models）、JSON Schema、校验并翻译成带位置的中文错误（validate）、日期、序号、“请补写”（unfilled），
以及读表单的入口（reading：YAML 读取加上表单的键）。
"""
