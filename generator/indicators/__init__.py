"""指标：指标的模型（model）、派生数字与中文写法（figures：同比、完成率、增减……）、
正文里的 ``{{键}}`` 引用（references）、公式（formulas）和指标表格（sheets：.xlsx、.csv）。
"""
