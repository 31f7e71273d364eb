"""``gen edit`` 的网页服务（Starlette）：页面、静态文件和几个 JSON 接口。

每个接口只是调用现有的各步（:mod:`.analyze`、:func:`generator.pipeline.write_report`、
:func:`generator.write.output.write_atomic`、:func:`generator.starter.write_starter_form`），不重复任何规则。
安全检查见 :mod:`.guard`：先于任何处理，在 :class:`GuardMiddleware` 里统一做。
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.responses import JSONResponse as StarletteJSON
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ContentError, GenError, ToolMissing
from ..form.models import ReportKind
from ..read.source import MAX_FORM_BYTES
from .analyze import analyze, content_hash, diagnostic_json
from .fields import set_field
from .guard import OUTPUT_SUFFIXES, Guard, Refused, read_body
from .guard import Scope as FileScope
from .indicators import edit_indicator
from .outputs import ask_first
from .saving import Saver, read_form
from .tree import edit_node
from .wording import page_json

STATIC = Path(__file__).parent / "static"
_STATIC_FILES = {"editor.js": "text/javascript", "preview.js": "text/javascript",
                 "fields.js": "text/javascript", "autocomplete.js": "text/javascript",
                 "conflict.js": "text/javascript", "indicators.js": "text/javascript",
                 "items.js": "text/javascript", "connection.js": "text/javascript",
                 "outputs.js": "text/javascript", "printing.js": "text/javascript", "editor.css": "text/css"}
_FORMATS = ("docx", "md", "pdf")

Handler = Callable[[Request], Awaitable[Response]]


class JSONResponse(StarletteJSON):
    """发给页面的 JSON：说明文字（error、message、hint）换成页面上的说法，不带命令行的词（:mod:`.wording`）。"""

    def render(self, content: Any) -> bytes:
        return super().render(page_json(content))


def refusal(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


class GuardMiddleware:
    """每个请求先过这一关：Host、令牌（页面和静态文件除外）、（会改动文件的请求）同源。"""

    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        reading = scope["method"] in ("GET", "HEAD")
        public = reading and (scope["path"] == "/" or scope["path"].startswith("/static/"))
        try:
            self.guard.check(request, changes=not reading, public=public)
        except Refused as exc:
            await refusal(exc.status, exc.message)(scope, receive, send)
            return
        await self.app(scope, receive, _with_headers(send))


# 页面只用自己的脚本和样式（离线、防注入）；不许别的网站把它放进框架里（防点击劫持）
_SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                 b"base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *_SECURITY_HEADERS]}
        await send(message)
    return wrapped


def create_app(target: Path, *, token: str, port: int | None) -> Starlette:
    """为一份表单或一个文件夹建网页服务。``port`` 为 None 时不检查 Host 里的端口（测试用）。"""
    guard = Guard(token, port)
    files = FileScope.for_target(target)
    saver = Saver()

    def endpoint(handler: Callable[[Request], Awaitable[Response]]) -> Handler:
        async def wrapped(request: Request) -> Response:
            try:
                return await handler(request)
            except Refused as exc:
                return refusal(exc.status, exc.message)
        return wrapped

    async def payload(request: Request) -> dict[str, Any]:
        body = await read_body(request)
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise Refused(400, "请求的格式不对（应为 JSON）。") from None
        if not isinstance(data, dict):
            raise Refused(400, "请求的格式不对（应为 JSON 对象）。")
        return data

    def text_field(data: dict[str, Any], key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str):
            raise Refused(400, f"请求里缺少“{key}”。")
        if len(value.encode("utf-8", "surrogatepass")) > MAX_FORM_BYTES:
            raise Refused(413, f"表单太大，超过 {MAX_FORM_BYTES // (1024 * 1024)} MB 上限。")
        if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
            raise Refused(400, "请求里有无法保存的字符（不成对的代理字符）。")
        return value

    async def index(request: Request) -> Response:
        # 页面不含数据：令牌在网址的 # 后面，由页面自己读出、放进 sessionStorage（editor.js 的 token）
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-store"})

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _STATIC_FILES:
            return refusal(404, "找不到这个文件。")
        return FileResponse(STATIC / name, media_type=f"{_STATIC_FILES[name]}; charset=utf-8")

    @endpoint
    async def session(request: Request) -> Response:
        from .printing import NO_OFFICE, has_office

        office = await run_in_threadpool(has_office)  # 没有 LibreOffice 时“打印预览”按钮说明为什么用不了
        return JSONResponse({"folder": files.form is None, "root": str(files.root), "forms": files.forms(),
                             "office": office, "no_office": None if office else NO_OFFICE})

    async def schema(request: Request) -> Response:
        from ..form.schema import SCHEMA_FILE
        from ..resources import schemas_dir

        return FileResponse(schemas_dir() / SCHEMA_FILE, media_type="application/json")

    @endpoint
    async def load(request: Request) -> Response:
        path = files.resolve(request.query_params.get("name"))
        raw, text = await run_in_threadpool(read_form, path)
        return JSONResponse({"name": path.name, "text": text, "hash": content_hash(raw)})

    @endpoint
    async def check(request: Request) -> Response:
        data = await payload(request)
        text = text_field(data, "text")
        name = data.get("name")
        path = files.root / (name if isinstance(name, str) and "/" not in name and "\\" not in name
                             and name not in ("", ".", "..") else "表单.yaml")
        result = await run_in_threadpool(analyze, text, path)
        return JSONResponse(result.to_json())

    @endpoint
    async def save(request: Request) -> Response:
        data = await payload(request)
        path = files.resolve(data.get("name"))
        text = text_field(data, "text")
        status, answer = await run_in_threadpool(saver.save, path, text, data.get("hash"))
        return JSONResponse(answer, status_code=status)

    @endpoint
    async def generate(request: Request) -> Response:
        from ..pipeline import write_report

        data = await payload(request)
        path = files.resolve(data.get("name"))
        fmt = data.get("format")
        if fmt not in _FORMATS:
            raise Refused(400, "不支持的输出格式。可用的格式有 Word、PDF、Markdown。")
        output = data.get("output")  # 另存为的文件名（与表单在同一文件夹）
        target = path.with_suffix(f".{fmt}") if output is None else files.resolve(output, (f".{fmt}",))
        raw, _ = await run_in_threadpool(read_form, path)
        if data.get("hash") != content_hash(raw):
            return refusal(409, f"{path.name} 在页面打开之后被别的程序改过了，请先保存或重新载入再生成。",
                           stale=True)  # 页面据此先走保存的对话框（重新载入 / 保留 / 取消）
        overwrite = data.get("overwrite") is True  # 办事员在对话框里确认过覆盖这一个文件
        if not overwrite:
            question = await run_in_threadpool(ask_first, target)
            if question is not None:  # 页面据此弹出对话框：另存为 / 覆盖 / 取消（static/outputs.js）
                return JSONResponse(question, status_code=409)
        try:
            report, written = await run_in_threadpool(
                lambda: write_report(path, [fmt], target, overwrite=overwrite))
        except ContentError as exc:
            return refusal(422, "内容检查发现错误，没有生成文件。请先改正列出的错误。",
                           diagnostics=[diagnostic_json(d) for d in exc.diagnostics])
        except GenError as exc:  # 文件一级的问题（只读、被占用、没有 LibreOffice）：不是表单的错误，不列进检查结果
            return refusal(409, "\n".join(d.message for d in exc.diagnostics), file_problem=True)
        return JSONResponse({"files": [p.name for p in written],
                             "diagnostics": [diagnostic_json(d) for d in report.warnings]})

    @endpoint
    async def print_preview(request: Request) -> Response:
        from .printing import NO_OFFICE, print_pages

        data = await payload(request)
        path = files.resolve(data.get("name"))
        raw, _ = await run_in_threadpool(read_form, path)
        if data.get("hash") != content_hash(raw):
            return refusal(409, f"{path.name} 在页面打开之后被别的程序改过了，请先保存或重新载入再看打印预览。",
                           stale=True)
        try:
            pages = await run_in_threadpool(print_pages, path)
        except ContentError as exc:
            return refusal(422, "内容检查发现错误，排不出打印预览。请先改正列出的错误。",
                           diagnostics=[diagnostic_json(d) for d in exc.diagnostics])
        except ToolMissing:
            return refusal(409, NO_OFFICE, file_problem=True, no_office=True)
        except GenError as exc:
            return refusal(409, "\n".join(d.message for d in exc.diagnostics), file_problem=True)
        return JSONResponse({"pages": pages})

    @endpoint
    async def download(request: Request) -> Response:
        path = files.resolve(request.query_params.get("name"), OUTPUT_SUFFIXES)
        if not path.is_file():
            raise Refused(404, f"找不到 {path.name}，请先生成。")
        return FileResponse(path, filename=path.name, headers={"Cache-Control": "no-store"})

    @endpoint
    async def create(request: Request) -> Response:
        from ..starter import write_starter_form

        if files.form is not None:
            raise Refused(403, "这次只打开了一份表单，不能新建。要新建表单，请关掉本页，打开表单所在的文件夹。")
        data = await payload(request)
        name = data.get("name")
        if isinstance(name, str) and name and not Path(name).suffix:
            name = f"{name}.yaml"
        path = files.resolve(name)
        kind = data.get("kind") or None  # 类型（空白表单随类型，见 gen init --类型）
        if kind is not None and (not isinstance(kind, str) or kind not in {k.value for k in ReportKind}):
            raise Refused(400, f"没有“{kind}”这个类型，类型要写：{'、'.join(k.value for k in ReportKind)}。")
        try:
            written, _ = await run_in_threadpool(lambda: write_starter_form(path, kind=kind))
        except GenError as exc:
            raise Refused(409, exc.diagnostics[0].message) from None
        return JSONResponse({"name": written.name})

    @endpoint
    async def field(request: Request) -> Response:
        data = await payload(request)
        text = text_field(data, "text")
        key = data.get("key")
        if not isinstance(key, str):
            raise Refused(400, "请求里缺少“key”。")
        result = await run_in_threadpool(set_field, text, key, data.get("value"))
        return JSONResponse({"text": result})

    @endpoint
    async def indicator(request: Request) -> Response:
        data = await payload(request)
        text = text_field(data, "text")
        result = await run_in_threadpool(edit_indicator, text, data.get("index"), data.get("column"),
                                         data.get("value"), data.get("action"))
        return JSONResponse({"text": result})

    @endpoint
    async def node(request: Request) -> Response:
        data = await payload(request)
        text = text_field(data, "text")
        value = data.get("value")
        if isinstance(value, str):
            value = text_field(data, "value")
        result = await run_in_threadpool(edit_node, text, data.get("path"), data.get("action"), data.get("key"), value)
        return JSONResponse({"text": result})

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 400
        return refusal(status, "找不到这个页面。" if status == 404 else "请求的方法不对。")

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
        Route("/api/session", session, methods=["GET"]),
        Route("/api/form", load, methods=["GET"]),
        Route("/api/schema", schema, methods=["GET"]),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/save", save, methods=["POST"]),
        Route("/api/generate", generate, methods=["POST"]),
        Route("/api/download", download, methods=["GET"]),
        Route("/api/print-preview", print_preview, methods=["POST"]),
        Route("/api/new", create, methods=["POST"]),
        Route("/api/field", field, methods=["POST"]),
        Route("/api/indicator", indicator, methods=["POST"]),
        Route("/api/node", node, methods=["POST"]),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: not_found})
    app.add_middleware(GuardMiddleware, guard=guard)
    return app
