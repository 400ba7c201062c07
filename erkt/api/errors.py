"""Every API error answers JSON {"detail": "<message in Bahasa Indonesia>"}."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from erkt.workflow.errors import WorkflowError

logger = logging.getLogger(__name__)

NOT_FOUND = "Tidak ditemukan."
UNAUTHENTICATED = "Token tidak valid atau sudah dicabut."
FORBIDDEN = "Anda tidak berwenang melakukan tindakan ini."
METHOD_NOT_ALLOWED = "Metode HTTP ini tidak diizinkan untuk alamat ini."
THROTTLED = "Terlalu banyak permintaan. Coba lagi beberapa saat lagi."
SERVER_ERROR = "Terjadi kesalahan pada server. Coba lagi nanti atau hubungi administrator."
BAD_JSON = "Isi permintaan bukan JSON yang valid."
BAD_REQUEST = "Permintaan tidak valid."

# Where a request value comes from, as ninja names it in an error's `loc`.
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}

PROBLEMS = {
    "missing": "wajib diisi",
    "int_parsing": "harus berupa bilangan bulat",
    "int_type": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat",
    "string_type": "harus berupa teks",
    "bool_parsing": "harus berupa true atau false",
    "date_parsing": "harus berupa tanggal dengan format TTTT-BB-HH",
    "date_from_datetime_parsing": "harus berupa tanggal dengan format TTTT-BB-HH",
    "date_from_datetime_inexact": "harus berupa tanggal tanpa jam",
    "date_type": "harus berupa tanggal dengan format TTTT-BB-HH",
    "literal_error": "harus salah satu dari: {expected}",
    "enum": "harus salah satu dari: {expected}",
    "string_too_long": "terlalu panjang (paling banyak {max_length} karakter)",
    "string_too_short": "terlalu pendek",
    "greater_than_equal": "harus paling sedikit {ge}",
    "less_than_equal": "harus paling banyak {le}",
    "model_attributes_type": "harus berupa objek JSON",
    "dict_type": "harus berupa objek JSON",
}


class ApiError(HttpError):
    """An error an endpoint raises itself, with its message in Bahasa Indonesia."""


def error(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def validation_summary(errors: list[dict[str, Any]]) -> str:
    """One Indonesian sentence per invalid field, naming the field as the client sent it."""
    sentences = []
    for item in errors:
        if item.get("type") == "json_invalid":
            sentences.append(BAD_JSON)
            continue
        field = _field_name(item.get("loc", ()))
        problem = PROBLEMS.get(item.get("type", ""), "tidak valid")
        problem = _fill(problem, item.get("ctx") or {})
        subject = f"Isian '{field}'" if field else "Isi permintaan (JSON)"
        sentences.append(f"{subject} {problem}.")
    return " ".join(dict.fromkeys(sentences)) or "Isian tidak valid."


def _field_name(loc: tuple | list) -> str:
    """The field as the client names it; "" for the JSON body as a whole."""
    parts = [str(p) for p in loc if not isinstance(p, int)]
    source = parts.pop(0) if parts and parts[0] in SOURCES else ""
    if source == "body":
        # ninja puts the view argument that receives the body first: the client never sees it.
        parts = parts[1:]
    return ".".join(parts)


def _fill(problem: str, ctx: dict[str, Any]) -> str:
    try:
        # pydantic lists choices as "'a', 'b' or 'c'".
        values = {k: str(v).replace("'", "").replace(" or ", " atau ") for k, v in ctx.items()}
        return problem.format(**values)
    except (KeyError, IndexError):
        return "tidak valid"


def install(api: NinjaAPI) -> None:
    """Replace ninja's English (and, for 422, list-shaped) error bodies."""

    @api.exception_handler(WorkflowError)
    def workflow_error(request: HttpRequest, exc: WorkflowError) -> HttpResponse:
        return error(exc.message, exc.status)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error(NOT_FOUND, 404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error(FORBIDDEN, 403)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error(validation_summary(exc.errors), 422)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = error(UNAUTHENTICATED, 401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return error(THROTTLED, 429)

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return error(exc.message, exc.status_code)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja's own, in English: the one a client meets is a body that does not parse.
        if exc.message.startswith("Cannot parse request body"):
            return error(BAD_JSON, exc.status_code)
        return error(FORBIDDEN if exc.status_code == 403 else BAD_REQUEST, exc.status_code)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        return error(SERVER_ERROR, 500)
