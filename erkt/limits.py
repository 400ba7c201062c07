"""Request size limits: an oversized request answers 413 before its body is read.

`RequestLimitMiddleware` (first in MIDDLEWARE) refuses a request whose declared
Content-Length passes the limit of its kind, without reading the body. A chunked body
(no Content-Length; gunicorn decodes the chunks) is read into a spooled file and cut
off as soon as it passes the limit. `LimitedUploadHandler` (first in
FILE_UPLOAD_HANDLERS) stops any single uploaded file at MAX_UPLOAD_SIZE. Django's own
refusals (RequestDataTooBig, TooManyFieldsSent) answer 413 as well, through `bad_request`
(handler400) on the pages and the API's exception handler.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.files.uploadhandler import FileUploadHandler
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

TOO_LARGE = _("Permintaan terlalu besar (paling besar %(limit)s).")
BAD_REQUEST = _("Permintaan tidak valid.")
LENGTH_REQUIRED = _("Permintaan tanpa panjang isi (Content-Length) tidak diterima.")
TOO_LARGE_TITLE = _("Permintaan terlalu besar")
BAD_REQUEST_TITLE = _("Permintaan tidak valid")
# Sign-in forms and the token endpoint carry a username and a password.
SMALL_BODY_PATHS = ("/api/v1/auth/token", "/masuk/", "/admin/login/")
SMALL_BODY_SIZE = 64 * 1024
# A multipart request carries one file and a few fields on top of it.
MULTIPART_OVERHEAD = 1024 * 1024
CHUNK = 64 * 1024
SIZE_ERRORS = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


class RequestTooLarge(RequestDataTooBig):
    """More bytes arrived than the request's kind allows."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"Request body larger than {limit} bytes.")
        self.limit = limit


def max_upload_size() -> int:
    return settings.MAX_UPLOAD_SIZE


def body_limit(request: HttpRequest) -> int:
    """The largest body the request's kind may carry, in bytes."""
    if request.path.startswith(SMALL_BODY_PATHS):
        return SMALL_BODY_SIZE
    if request.content_type == "multipart/form-data":
        return max_upload_size() + MULTIPART_OVERHEAD
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size // 1024} KB"
    return f"{size // (1024 * 1024)} MB"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def too_large_response(request: HttpRequest, limit: int) -> HttpResponse:
    detail = gettext(TOO_LARGE) % {"limit": _megabytes(limit)}
    return error_response(request, 413, str(TOO_LARGE_TITLE), detail)


def error_response(request: HttpRequest, status: int, title: str, detail: str) -> HttpResponse:
    """JSON {"detail"} under /api/, a page elsewhere (rendered without the session)."""
    if is_api(request):
        return JsonResponse({"detail": detail}, status=status)
    page = render_to_string("error.html", {"title": title, "detail": detail})
    return HttpResponse(page, status=status)


class LimitedUploadHandler(FileUploadHandler):
    """Stops an uploaded file as soon as it passes MAX_UPLOAD_SIZE (the other handlers store it)."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > max_upload_size():
            raise RequestTooLarge(max_upload_size())
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _declared_length(request: HttpRequest) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def _is_chunked(request: HttpRequest) -> bool:
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()


def _spool_chunked_body(request: HttpRequest, limit: int) -> bool:
    """Read a chunked body (decoded by the server) up to `limit`; False once it passes it."""
    source = request.META["wsgi.input"]
    # Closed by the middleware once the response is made.
    spooled = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    size = 0
    while chunk := source.read(CHUNK):
        size += len(chunk)
        if size > limit:
            spooled.close()
            return False
        spooled.write(chunk)
    spooled.seek(0)
    request.META["CONTENT_LENGTH"] = str(size)
    request._stream = LimitedStream(spooled, size)
    request._request_limit_spool = spooled  # closed with the request's files
    return True


class RequestLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = body_limit(request)
        length = _declared_length(request)
        if length is not None and length > limit:
            return too_large_response(request, limit)
        if length is None and _is_chunked(request):
            if not request.META.get("wsgi.input_terminated"):
                # The server hands over the raw chunks (runserver): the length is unknown.
                return error_response(request, 411, str(BAD_REQUEST_TITLE), str(LENGTH_REQUIRED))
            if not _spool_chunked_body(request, limit):
                return too_large_response(request, limit)
        try:
            return self.get_response(request)
        finally:
            spool = getattr(request, "_request_limit_spool", None)
            if spool is not None:
                spool.close()
