"""写出：Word（word/）、Markdown、PDF（LibreOffice）、版式配置（style_profile），以及安全写盘（output：
全部写成或全部不变、不覆盖不是 gen 写的文件，ownership：gen 写的文件带记号）。
"""
