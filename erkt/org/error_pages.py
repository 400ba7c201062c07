"""The error pages: in the interface's language, inside the layout, never Django's bare English."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _page(request: HttpRequest, status: int, heading: str, explanation: str, detail: str = ""):
    context = {"status": status, "heading": heading, "explanation": explanation, "detail": detail}
    return HttpResponse(render_to_string(f"{status}.html", context, request=request), status=status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Tidak ditemukan.")}, status=404)
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
    if _is_api(request):
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
