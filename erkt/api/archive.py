"""The archiving step: the Berkas of a process (step 11 of the RKT SOP).

Every user of the organisation reads a Berkas; the holder of the open archiving task
creates it, which builds the immutable bundle and completes the step. The body goes
through the web page's form, so a refusal carries the page's message.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from erkt.api.errors import invalid_form
from erkt.api.schemas import LocalDateTime
from erkt.documents.archive.forms import BerkasForm, initial_values
from erkt.documents.archive.models import (
    DEFAULT_KODE_KLASIFIKASI,
    DEFAULT_RETENSI_AKTIF,
    DEFAULT_RETENSI_INAKTIF,
    Berkas,
)
from erkt.documents.archive.services import create_berkas
from erkt.documents.archive.step import require_archive_task
from erkt.workflow.calendar import today_for
from erkt.workflow.errors import NotAllowed
from erkt.workflow.pages import get_process
from erkt.workflow.versioning import stale

router = Router(tags=["Arsip (langkah 11)"])


class BerkasIn(Schema):
    nomor_berkas: str = ""
    kode_klasifikasi: str = DEFAULT_KODE_KLASIFIKASI
    uraian: str = ""
    tanggal: datetime.date | None = None
    retensi_aktif: int = DEFAULT_RETENSI_AKTIF
    retensi_inaktif: int = DEFAULT_RETENSI_INAKTIF
    nasib_akhir: str = Berkas.NasibAkhir.PERMANEN
    version: int = Field(
        ge=0,
        le=0,
        description="0: Anda membaca bahwa proses belum diarsipkan. Bila orang lain telah "
        "mengarsipkannya sejak itu, permintaan ditolak dengan 409 dan tidak ada yang disimpan.",
    )


class BerkasOut(Schema):
    id: int
    process: int
    nomor_berkas: str
    kode_klasifikasi: str
    uraian: str
    tanggal: datetime.date
    retensi_aktif: int
    retensi_inaktif: int
    nasib_akhir: str
    arsiparis: str
    created_at: LocalDateTime
    bundle_sha256: str
    files: dict[str, str]
    version: int = Field(description="Selalu 1: berkas arsip tidak berubah setelah dibuat.")


def berkas_data(berkas: Berkas) -> dict:
    return {
        **{name: getattr(berkas, name) for name in BerkasOut.model_fields if hasattr(berkas, name)},
        "process": berkas.process_id,
        "arsiparis": berkas.arsiparis_name,
        "files": berkas.manifest,
    }


@router.get("/processes/{process_id}/berkas", response=BerkasOut, summary="Berkas arsip proses")
def berkas_detail(request: HttpRequest, process_id: int) -> dict:
    berkas = Berkas.objects.filter(process=get_process(request.user, process_id)).first()
    if berkas is None:
        raise Http404
    return berkas_data(berkas)


@router.post(
    "/processes/{process_id}/berkas",
    response={201: BerkasOut},
    summary="Arsipkan proses: buat Berkas dan bundelnya, selesaikan langkah pengarsipan",
)
def berkas_create(request: HttpRequest, process_id: int, payload: BerkasIn) -> Status:
    process = get_process(request.user, process_id)
    existing = Berkas.objects.filter(process=process).first()
    if existing is not None:
        raise stale(existing, process.organization.time_zone)
    try:
        require_archive_task(process, request.user)
    except NotAllowed as refused:
        raise PermissionDenied(refused.message) from refused
    today = today_for(process.organization)
    given = {name: value for name, value in payload.dict().items() if value not in ("", None)}
    data = {**initial_values(process, today), **given}
    form = BerkasForm(data, process=process, today=today)
    if not form.is_valid():
        raise invalid_form(form)
    berkas = create_berkas(process, by=request.user, data=form.cleaned_data)
    return Status(201, berkas_data(berkas))
