"""编辑服务的安全检查：访问令牌、Host（防 DNS 重绑定）、同源、请求大小、路径范围。

服务只绑定 127.0.0.1，但同一台电脑上的任何网页、任何程序都能向它发请求；所以每个 /api/ 请求都要在
``X-Gen-Token`` 请求头里带令牌。令牌只出现在网址的 # 后面（浏览器从不把它发给服务器）和本页的 sessionStorage 里，
从不放进 Cookie：浏览器按主机名发 Cookie、不分端口，同一台电脑上别的本地网页服务都会收到它。
页面本身和静态文件（/、/static/）不含任何数据，不要令牌。Host 必须是 127.0.0.1 或 localhost（防 DNS 重绑定），
会改动文件的请求还要来自本页面（Origin / Sec-Fetch-Site）。被拒绝的请求一律是 4xx 和一句中文。
威胁模型见 docs/architecture.md 的“gen edit 的访问令牌”。
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from starlette.requests import Request

from ..read.source import MAX_FORM_BYTES

# 请求体上限：表单上限加上 JSON 转义的余量（一个汉字在 JSON 里最多写成 \uXXXX 六个字节）
MAX_BODY_BYTES = 2 * MAX_FORM_BYTES + 64 * 1024
FORM_SUFFIXES = (".yaml", ".yml")
OUTPUT_SUFFIXES = (".docx", ".md", ".pdf")
_LOCAL_HOSTS = ("127.0.0.1", "localhost")


class Refused(Exception):
    """请求被拒绝：HTTP 状态码和给办事员看的中文说明。"""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Guard:
    token: str
    port: int | None  # None：不检查端口（测试用）

    def host_ok(self, host: str | None) -> bool:
        if not host:
            return False
        name, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
        if name not in _LOCAL_HOSTS:
            return False
        return not port or self.port is None or port == str(self.port)

    def origin_ok(self, request: Request) -> bool:
        origin = request.headers.get("origin")
        if origin is not None:
            scheme, _, host = origin.partition("://")
            return scheme == "http" and self.host_ok(host) and host == request.headers.get("host")
        return request.headers.get("sec-fetch-site") == "same-origin"

    def token_ok(self, value: str | None) -> bool:
        return value is not None and secrets.compare_digest(value.encode("utf-8", "replace"),
                                                            self.token.encode("utf-8"))

    def check(self, request: Request, *, changes: bool, public: bool = False) -> None:
        """``public``：页面本身和静态文件，只查 Host。"""
        if not self.host_ok(request.headers.get("host")):
            raise Refused(403, "拒绝访问：只接受发往 127.0.0.1 或 localhost 的请求。")
        if public:
            return
        if not self.token_ok(request.headers.get("x-gen-token")):
            raise Refused(403, "拒绝访问：缺少或用错了访问令牌。请用编辑程序启动时显示的完整网址打开本页。")
        if changes and not self.origin_ok(request):
            raise Refused(403, "拒绝访问：这个请求不是从本编辑页面发出的。")


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """读出请求体，超过上限立即停止（不相信 Content-Length，边读边数）。"""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise Refused(413, f"请求太大，超过 {limit // (1024 * 1024)} MB 上限。")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, f"请求太大，超过 {limit // (1024 * 1024)} MB 上限。")
        chunks.append(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class Scope:
    """能读写哪些文件：打开的那一份表单，或打开的文件夹里（不含子文件夹）的文件。"""

    root: Path  # 已解析的绝对路径
    form: Path | None = None  # 只打开一份表单时

    @classmethod
    def for_target(cls, target: Path) -> Scope:
        resolved = target.resolve()
        if resolved.is_dir():
            return cls(resolved)
        return cls(resolved.parent, resolved)

    def resolve(self, name: object, suffixes: Iterable[str] = FORM_SUFFIXES) -> Path:
        """把页面给的文件名换成磁盘上的路径；越界、带路径、符号链接指到外面都拒绝。"""
        if not isinstance(name, str) or not name or len(name) > 255 or "\x00" in name:
            raise Refused(400, "请求里的文件名不对。")
        if name in (".", "..") or PurePosixPath(name).name != name or PureWindowsPath(name).name != name:
            raise Refused(403, f"不能访问“{name}”：只能读写打开的文件夹里的文件，文件名里不能有路径。")
        if name.startswith("."):
            raise Refused(403, f"不能访问“{name}”：文件名不能以“.”开头（那是隐藏文件或上一级文件夹）。")
        suffixes = tuple(suffixes)
        if not name.lower().endswith(suffixes):
            raise Refused(403, f"不能访问“{name}”：这里只能读写 {'、'.join(suffixes)} 文件。")
        candidate = self.root / name
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):
            raise Refused(403, f"不能访问“{name}”。") from None
        if resolved.parent != self.root:
            raise Refused(403, f"不能访问“{name}”：它是指向打开的文件夹之外的链接。")
        if self.form is not None and suffixes == FORM_SUFFIXES and resolved != self.form:
            raise Refused(403, f"不能访问“{name}”：这次只打开了 {self.form.name}。")
        return resolved

    def forms(self) -> list[str]:
        if self.form is not None:
            return [self.form.name]
        names: list[str] = []
        for path in sorted(self.root.iterdir()):
            if path.name.lower().endswith(FORM_SUFFIXES) and path.is_file():
                try:
                    self.resolve(path.name)
                except Refused:
                    continue
                names.append(path.name)
        return names
