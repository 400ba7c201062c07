"""Every API error answers JSON {"detail": "<message>"}: in Bahasa Indonesia, or in English for
a client that sends `Accept-Language: en` (LocaleMiddleware picks the language)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from erkt.workflow.errors import WorkflowError

logger = logging.getLogger(__name__)

NOT_FOUND = _("Tidak ditemukan.")
UNAUTHENTICATED = _("Token tidak valid atau sudah dicabut.")
FORBIDDEN = _("Anda tidak berwenang melakukan tindakan ini.")
METHOD_NOT_ALLOWED = _("Metode HTTP ini tidak diizinkan untuk alamat ini.")
THROTTLED = _("Terlalu banyak permintaan. Coba lagi beberapa saat lagi.")
SERVER_ERROR = _("Terjadi kesalahan pada server. Coba lagi nanti atau hubungi administrator.")
BAD_JSON = _("Isi permintaan bukan JSON yang valid.")
BAD_REQUEST = _("Permintaan tidak valid.")

# Where a request value comes from, as ninja names it in an error's `loc`.
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}

PROBLEMS = {
    "missing": _("wajib diisi"),
    "int_parsing": _("harus berupa bilangan bulat"),
    "int_type": _("harus berupa bilangan bulat"),
    "int_from_float": _("harus berupa bilangan bulat"),
    "string_type": _("harus berupa teks"),
    "bool_parsing": _("harus berupa true atau false"),
    "date_parsing": _("harus berupa tanggal dengan format TTTT-BB-HH"),
    "date_from_datetime_parsing": _("harus berupa tanggal dengan format TTTT-BB-HH"),
    "date_from_datetime_inexact": _("harus berupa tanggal tanpa jam"),
    "date_type": _("harus berupa tanggal dengan format TTTT-BB-HH"),
    "time_parsing": _("harus berupa jam dengan format JJ:MM"),
    "time_type": _("harus berupa jam dengan format JJ:MM"),
    "literal_error": _("harus salah satu dari: {expected}"),
    "enum": _("harus salah satu dari: {expected}"),
    "string_too_long": _("terlalu panjang (paling banyak {max_length} karakter)"),
    "string_too_short": _("terlalu pendek"),
    "greater_than_equal": _("harus paling sedikit {ge}"),
    "less_than_equal": _("harus paling banyak {le}"),
    "model_attributes_type": _("harus berupa objek JSON"),
    "dict_type": _("harus berupa objek JSON"),
}
INVALID = _("tidak valid")


class ApiError(HttpError):
    """An error an endpoint raises itself, with a translatable message (lazy ones are resolved)."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(status_code, str(message))


def error(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": str(detail)}, status=status)


def invalid_form(form: Form) -> ApiError:
    """A Django form's errors (the same checks as the web page) as one 422 message."""
    messages = [str(message) for errors in form.errors.values() for message in errors]
    return ApiError(422, " ".join(dict.fromkeys(messages)) or gettext("Isian tidak valid."))


def validation_summary(errors: list[dict[str, Any]]) -> str:
    """One Indonesian sentence per invalid field, naming the field as the client sent it."""
    sentences = []
    for item in errors:
        if item.get("type") == "json_invalid":
            sentences.append(str(BAD_JSON))
            continue
        field = _field_name(item.get("loc", ()))
        problem = PROBLEMS.get(item.get("type", ""), INVALID)
        problem = _fill(problem, item.get("ctx") or {})
        if field:
            sentence = gettext("Isian '%(field)s' %(problem)s.") % {
                "field": field,
                "problem": problem,
            }
        else:
            sentence = gettext("Isi permintaan (JSON) %(problem)s.") % {"problem": problem}
        sentences.append(sentence)
    return " ".join(dict.fromkeys(sentences)) or gettext("Isian tidak valid.")


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
        conjunction = " " + gettext("atau") + " "
        values = {k: str(v).replace("'", "").replace(" or ", conjunction) for k, v in ctx.items()}
        return str(problem).format(**values)
    except (KeyError, IndexError):
        return str(INVALID)


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

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        # Raised while reading the body: too large, too many fields (413), or else malformed.
        from erkt.error_views import bad_request

        return bad_request(request, exc)

    @api.exception_handler(MultiPartParserError)
    def unreadable_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        return error(BAD_REQUEST, 400)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        return error(SERVER_ERROR, 500)


# --- What the OpenAPI document declares ---------------------------------------------------

ERROR_SCHEMA = "Error"
DESCRIPTIONS = {
    400: "Isi permintaan bukan JSON yang valid.",
    401: "Token tidak ada, tidak valid atau sudah dicabut (token: username atau sandi salah).",
    403: "Anda tidak berwenang melakukan tindakan ini.",
    404: "Tidak ditemukan (termasuk data organisasi lain).",
    409: "Keadaan data berubah: langkah tidak berjalan, sudah selesai, atau diubah orang lain.",
    413: "Isi permintaan terlalu besar.",
    422: "Isian tidak valid.",
    429: "Terlalu banyak percobaan; coba lagi nanti.",
}
WRITES = {"post", "put", "patch", "delete"}
# Only the caller's own tokens are touched here: no role check, no workflow state.
OWN_TOKENS = "/auth/"
# The public verification of a document: no login, no role, nothing written.
PUBLIC = "/verifikasi/"
TOKEN_REQUEST = "/auth/token"


def error_codes(path: str, method: str, operation: dict[str, Any]) -> set[int]:
    """The error answers an operation can give, read from what it takes.

    Every authenticated operation: 401. A path parameter names an object: 404 when it does
    not exist or belongs to another organisation. Any parameter or body: 422. A body: 400
    (not JSON) and 413 (too large). Outside the token endpoints the access helpers refuse
    with 403, and every write meets the workflow's state (409: a step not running, a task
    already done, a record changed by someone else). The token request itself answers 401
    for a wrong password and 429 after too many.
    """
    parameters = operation.get("parameters", [])
    has_body = "requestBody" in operation
    codes: set[int] = set()
    if operation.get("security"):
        codes.add(401)
    if parameters or has_body:
        codes.add(422)
    if has_body:
        codes |= {400, 413}
    if any(p.get("in") == "path" for p in parameters):
        codes.add(404)
    if OWN_TOKENS not in path and PUBLIC not in path:
        # An account outside every organisation finds nothing (404); an object named in the
        # path or the query (`?process=`) may not exist or belong to another organisation.
        codes |= {403, 404}
        if method in WRITES:
            codes.add(409)
    if path.endswith(TOKEN_REQUEST) and method == "post":
        codes |= {401, 429}
    return codes


def declare_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the {"detail"} error answers to every operation (those a route declares stay)."""
    from erkt.api.schemas import Message

    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components[ERROR_SCHEMA] = Message.model_json_schema()
    content = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in sorted(error_codes(path, method, operation)):
                responses.setdefault(code, {"description": DESCRIPTIONS[code], "content": content})
    return schema
