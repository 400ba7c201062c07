"""The error pages the URLconf names: in the interface's language, inside the layout, and a
JSON {"detail"} under /api/; never Django's bare English pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from erkt.api.errors import NOT_FOUND
from erkt.limits import (
    BAD_REQUEST,
    BAD_REQUEST_TITLE,
    SIZE_ERRORS,
    RequestTooLarge,
    body_limit,
    error_response,
    is_api,
    too_large_response,
)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a request Django refused while reading it; a size refusal answers 413."""
    if isinstance(exception, RequestTooLarge):
        return too_large_response(request, exception.limit)
    if isinstance(exception, SIZE_ERRORS):
        return too_large_response(request, body_limit(request))
    return error_response(request, 400, str(BAD_REQUEST_TITLE), str(BAD_REQUEST))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": str(NOT_FOUND)}, status=404)
    return _page(
        request,
        404,
        _("Halaman tidak ditemukan"),
        _(
            "Alamat ini tidak ada, atau berisi data yang tidak dapat Anda buka. "
            "Periksa kembali alamatnya, atau kode verifikasi pada dokumen."
        ),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": str(exception or "") or _("Akses ditolak.")}, status=403)
    return _page(
        request,
        403,
        _("Akses ditolak"),
        _("Tindakan atau halaman ini bukan bagian dari tugas jabatan Anda."),
        detail=str(exception or ""),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the context processors read the database, which may be what failed.
    return HttpResponse(render_to_string("500.html"), status=500)


def _page(request: HttpRequest, status: int, heading: str, explanation: str, detail: str = ""):
    context = {"status": status, "heading": heading, "explanation": explanation, "detail": detail}
    return HttpResponse(render_to_string(f"{status}.html", context, request=request), status=status)
