"""一次生成多份表单：``gen report 县级/ 市本级.yaml -f docx,pdf -o 输出/``（见 :mod:`.core`）。"""

from .core import write_reports
from .inputs import collect
from .results import BatchResult, FormOutcome

__all__ = ["BatchResult", "FormOutcome", "collect", "write_reports"]
