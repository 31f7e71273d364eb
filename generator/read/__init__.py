"""读取：把文件读成带位置的数据——编码识别、大小上限、YAML（libyaml 快路与 ruamel）、办事员常见打字问题的中文提示、
每个值的行列（located）、文件种类（表单还是报告）。

这一层只懂文件和 YAML，不知道表单有哪些键（由 :mod:`generator.form.reading` 传进来）。
"""
