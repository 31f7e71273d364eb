"""命令行外壳：click 命令（commands）、中文的用法错误（usage）、入口和快速的 ``gen --help``（launch、help.txt）。

只解析参数、调用 :mod:`generator.api`、把结果和错误印成中文；不含任何规则。
"""
