"""Request and response bodies of the API.

Dates are ISO dates; datetimes are ISO with the caller's organisation offset (+08:00 in WITA).
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Annotated

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, PlainSerializer, SerializationInfo, WithJsonSchema

from erkt.org.access import employee_of


def _in_organization_zone(value: datetime.datetime, info: SerializationInfo) -> datetime.datetime:
    request = (info.context or {}).get("request")
    employee = employee_of(request.user) if request is not None else None
    if employee is None:
        return timezone.localtime(value)
    return value.astimezone(zoneinfo.ZoneInfo(employee.organization.time_zone))


LocalDateTime = Annotated[
    datetime.datetime, PlainSerializer(_in_organization_zone, return_type=datetime.datetime)
]


def _without_zone(value: datetime.time) -> datetime.time:
    if value.tzinfo is not None:
        raise ValueError("a time of day in the organisation's zone has no offset")
    return value


# A time of day in the organisation's own zone, as a meeting invitation states it: "09:00:00".
# JSON Schema's format "time" would demand an offset, which neither side writes.
LocalTime = Annotated[
    datetime.time,
    AfterValidator(_without_zone),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
            "description": "Jam setempat tanpa zona waktu: JJ:MM atau JJ:MM:DD.",
            "examples": ["09:00"],
        }
    ),
]


class Message(Schema):
    detail: str = Field(description="Pesan dalam Bahasa Indonesia (English: Accept-Language: en).")


# --- auth ---------------------------------------------------------------------------------


class TokenRequest(Schema):
    username: str
    password: str
    name: str = Field("", max_length=100, description="Nama token, misalnya nama skrip.")
    days: int | None = Field(
        None, ge=1, le=3650, description="Masa berlaku dalam hari; kosong: sampai dicabut."
    )
    expires_at: datetime.datetime | None = Field(
        None, description="Berlaku sampai waktu ini (ISO, dengan zona waktu); atau pakai days."
    )


class TokenCreated(Schema):
    id: int
    token: str = Field(description="Ditampilkan sekali ini saja; simpan di tempat aman.")
    prefix: str
    name: str
    created_at: LocalDateTime
    expires_at: LocalDateTime | None = Field(description="Kosong: berlaku sampai dicabut.")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: LocalDateTime
    expires_at: LocalDateTime | None
    last_used_at: LocalDateTime | None = Field(
        description="Terakhir dipakai (diperbarui paling sering sekali semenit)."
    )
    revoked_at: LocalDateTime | None
    current: bool = Field(description="Token yang dipakai untuk permintaan ini.")


# --- SOP ----------------------------------------------------------------------------------


class Waktu(Schema):
    amount: int
    unit: str = Field(description="hari_kerja atau minggu")
    working_days: int


class Decision(Schema):
    ya: int
    tidak: int


class ActorOut(Schema):
    key: str
    name: str
    role: str


class StepOut(Schema):
    number: int
    uraian: str
    actor: str = Field(description="Kunci pelaksana (lihat actors).")
    kind: str = Field(description="start, process, decision atau end")
    kelengkapan: str
    waktu: Waktu
    output: str
    keterangan: str
    decision: Decision | None
    per_unit: bool


class SopSummary(Schema):
    code: str
    judul: str
    version: int
    nomor: str
    total_working_days: int


class SopOut(SopSummary):
    status: str
    tanggal_pembuatan: datetime.date | None
    tanggal_revisi: datetime.date | None
    tanggal_efektif: datetime.date | None
    disahkan_oleh: str
    dasar_hukum: list[str]
    kualifikasi_pelaksana: list[str]
    keterkaitan: list[str]
    peralatan: list[str]
    peringatan: list[str]
    pencatatan: list[str]
    actors: list[ActorOut]
    steps: list[StepOut]


# --- processes ----------------------------------------------------------------------------


ON_BEHALF = "Hanya untuk administrator yang bertindak atas nama pelaksana: alasannya."


class ProcessStart(Schema):
    sop: str = Field(description="Kode SOP, misalnya penyusunan-rkt.")
    year: int = Field(description="Tahun RKT.")
    start_date: datetime.date | None = Field(
        None,
        description="Bawaan: hari ini; tanggal lampau untuk proses yang dimulai di atas kertas.",
    )
    on_behalf_reason: str = Field("", description=ON_BEHALF)


class ProcessCancel(Schema):
    reason: str = Field(description="Alasan pembatalan; wajib diisi.")
    on_behalf_reason: str = Field("", description=ON_BEHALF)


class ProcessRevise(Schema):
    reason: str = Field(description="Alasan Perubahan RKT; wajib diisi.")
    start_date: datetime.date | None = Field(None, description="Bawaan: hari ini.")
    on_behalf_reason: str = Field("", description=ON_BEHALF)


class ProcessSuspend(Schema):
    reason: str = Field(description="Alasan penangguhan (mis. menunggu pagu anggaran); wajib.")


class SuspensionOut(Schema):
    reason: str
    started_on: datetime.date
    started_by: str = Field(description="Username Kepala Badan yang menangguhkan.")
    ended_on: datetime.date | None = Field(description="null selama masih ditangguhkan.")
    working_days: int = Field(
        description="Hari kerja penangguhan (dihitung saat dilanjutkan); batas waktu tugas "
        "terbuka bergeser sebanyak ini."
    )


class StepRunOut(Schema):
    number: int
    uraian: str
    status: str = Field(description="pending, active atau done")
    passes: int
    planned_start: datetime.date | None
    planned_due: datetime.date | None
    opened_on: datetime.date | None
    due_date: datetime.date | None
    completed_at: LocalDateTime | None
    overdue: bool
    remaining_working_days: int | None


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    content_type: str
    uploaded_by: str
    uploaded_at: LocalDateTime


class TaskOut(Schema):
    id: int
    process: int
    step: int
    uraian: str
    unit: str | None = Field(description="Singkatan unit kerja (langkah per unit), atau null.")
    position: str
    status: str = Field(description="open, done, cancelled atau withdrawn (ditarik kembali)")
    pass_number: int
    opened_on: datetime.date
    due_date: datetime.date
    overdue: bool
    remaining_working_days: int | None
    due_explanation: str = Field(
        description="Mengapa batas waktu jatuh pada tanggal itu: jumlah hari kerja dan hari "
        "libur yang dilewati, mis. '3 hari kerja; dilewati: Sab 28 Mar, Min 29 Mar'."
    )
    claimed_by: str | None = Field(description="Nama pegawai yang mengambil tugas ini.")
    completed_by: str | None = Field(description="Username yang menyelesaikan tugas ini.")
    completed_at: LocalDateTime | None
    decision: str
    note: str
    return_reason: str
    on_behalf_reason: str
    withdraw_reason: str = Field(description="Alasan tarik kembali, bila pernah ditarik.")
    attachments: list[AttachmentOut]


class ProcessSummary(Schema):
    id: int
    sop: str
    judul: str
    year: int
    status: str = Field(description="running, completed atau cancelled")
    start_date: datetime.date
    planned_end: datetime.date
    completed_at: LocalDateTime | None
    cancel_reason: str
    revision: int = Field(description="0, atau nomor Perubahan RKT atas tahun yang ditandatangani.")
    revision_reason: str


class DraftRef(Schema):
    id: int
    number: int = Field(description="Nomor versi Draft RKT.")
    status: str = Field(description="draft atau final")


class ProcessOut(ProcessSummary):
    sop_version: int
    suspended: bool = Field(description="true selama pelaksanaan ditangguhkan.")
    suspensions: list[SuspensionOut]
    steps: list[StepRunOut]
    tasks: list[TaskOut]
    current_draft: DraftRef | None = Field(
        description="Versi terbaru Draft RKT (lihat /drafts/{id}); null sebelum kompilasi."
    )


# --- tasks --------------------------------------------------------------------------------


class TaskWithdraw(Schema):
    reason: str = Field(description="Alasan tarik kembali; wajib.")


class TaskComplete(Schema):
    note: str = Field("", description="Catatan; untuk keputusan 'tidak' berisi alasannya.")
    # Checked by the engine, as for the form of the web page: one rule, one message.
    decision: str = Field(
        "",
        description="Hanya untuk langkah keputusan: 'ya' atau 'tidak'.",
        json_schema_extra={"enum": ["", "ya", "tidak"]},
    )
    on_behalf_reason: str = Field("", description=ON_BEHALF)
    passphrase: str = Field(
        "",
        description=(
            "Hanya untuk pengesahan RKT (langkah 10, 'ya'): passphrase sertifikat elektronik "
            "Kepala Badan; RKT final ditandatangani dengannya. Tanpa passphrase, unggah dulu "
            "pindaian RKT bertanda tangan basah (PDF) sebagai berkas tugas. Tidak disimpan."
        ),
    )


class TaskReassign(Schema):
    employee: int = Field(description="id pegawai penerima tugas (lihat .../eligible).")
    on_behalf_reason: str = Field("", description=ON_BEHALF)


class EmployeeOut(Schema):
    id: int
    name: str
    nip: str
