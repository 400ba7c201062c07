"""The JSON API, version 1: /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Endpoints are thin: they resolve objects within the caller's organisation and call
the same engine functions as the views.
"""

from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from erkt.api import (
    archive,
    auth,
    documents,
    drafts,
    errors,
    monitoring,
    preparation,
    processes,
    renstra,
    sops,
    tasks,
    unit_forms,
    verification,
)
from erkt.api.security import token_auth

DESCRIPTION = """\
API e-RKT: SOP yang berlaku, pelaksanaan SOP (proses) dan tugas; isi RKT: Renstra,
langkah persiapan, Form RKT unit kerja, versi Draft RKT dan koreksinya; dokumen terbit
(PDF, DOCX, XLSX), pengesahan RKT dengan sertifikat elektronik (`passphrase` pada
penyelesaian langkah 10), Berkas RKT (arsip); pemantauan tugas dan durasi langkah;
verifikasi dokumen (`GET /api/v1/verifikasi/{code}`, tanpa token).

Minta token dengan `POST /api/v1/auth/token`, lalu kirim `Authorization: Bearer <token>`.
Setiap galat berbentuk `{"detail": "..."}` dalam Bahasa Indonesia; kirim `Accept-Language: en`
untuk pesan dalam bahasa Inggris.
"""


class ErktApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs) -> OpenAPISchema:
        # Every operation declares its {"detail"} error answers (errors.error_codes).
        schema = super().get_openapi_schema(**kwargs)
        errors.declare_errors(schema)
        return schema

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        patterns = [_json_not_allowed(pattern) for pattern in patterns]
        # Unknown addresses under /api/v1/ answer JSON too, not Django's HTML 404 page.
        patterns.append(re_path(r"^.+$", _unknown_path, name="not-found"))
        return patterns, app_name, namespace


def _json_not_allowed(pattern):
    """Wrap ninja's view so that its plain-text 405 becomes a JSON error."""
    view = pattern.callback

    @wraps(view)  # keeps csrf_exempt: the bearer token is the only credential here
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        json_response = errors.error(errors.METHOD_NOT_ALLOWED, 405)
        json_response["Allow"] = response.get("Allow", "")
        return json_response

    pattern.callback = wrapped
    return pattern


@csrf_exempt  # like every API view: a POST to an unknown address answers 404 too
def _unknown_path(request: HttpRequest) -> HttpResponse:
    return errors.error(errors.NOT_FOUND, 404)


api = ErktApi(
    title="e-RKT API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=token_auth,
)
errors.install(api)
api.add_router("", auth.router)
api.add_router("", sops.router)
api.add_router("", processes.router)
api.add_router("", tasks.router)
api.add_router("", renstra.router)
api.add_router("", preparation.router)
api.add_router("", unit_forms.router)
api.add_router("", drafts.router)
api.add_router("", archive.router)
api.add_router("", documents.router)
api.add_router("", monitoring.router)
api.add_router("", verification.router)
