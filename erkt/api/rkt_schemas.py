"""Request and response bodies of the RKT content: Renstra, steps 1-3, Form RKT, Draft RKT.

Amounts (Rupiah), targets and baselines are decimal numbers written as JSON strings
("85000000.00"), so no client loses a cent to floating point.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import PlainSerializer

from erkt.api.schemas import ON_BEHALF, LocalDateTime, LocalTime

CENT = Decimal("0.01")

VERSION_IN = (
    "Versi data yang Anda baca (version dari GET; 0 bila belum dicatat). Bila data telah "
    "diubah orang lain sejak itu, permintaan ditolak dengan 409 dan tidak ada yang disimpan."
)
VERSION_OUT = "Naik satu pada setiap perubahan; kirim kembali saat mengubah data ini."


def version_in():
    return Field(ge=0, description=VERSION_IN)


# Rupiah with two decimals, whatever the sum or column it comes from: "854464000.00".
Rupiah = Annotated[
    Decimal, PlainSerializer(lambda value: str(value.quantize(CENT)), return_type=str)
]

# --- Renstra ------------------------------------------------------------------------------


class Amount(Schema):
    year: int
    amount: Rupiah


class Target(Schema):
    year: int
    value: Decimal


class IndikatorOut(Schema):
    uraian: str
    satuan: str
    arah: str = Field(description="naik atau turun")
    baseline: Decimal | None
    formula: str
    sumber_data: str
    is_iku: bool
    targets: list[Target]


class SubKegiatanOut(Schema):
    code: str
    name: str
    unit: str = Field(description="Singkatan unit penanggung jawab.")
    indikator: list[IndikatorOut]
    pagu: list[Amount]


class KegiatanOut(SubKegiatanOut):
    sub_kegiatan: list[SubKegiatanOut]


class ProgramOut(Schema):
    code: str
    name: str
    sasaran: str | None = Field(description="Kode sasaran strategis yang didukung.")
    indikator: list[IndikatorOut]
    pagu: list[Amount]
    kegiatan: list[KegiatanOut]


class SasaranOut(Schema):
    code: str
    uraian: str
    indikator: list[IndikatorOut]


class TujuanOut(Schema):
    code: str
    uraian: str
    sasaran: list[SasaranOut]


class RenstraSummary(Schema):
    id: int
    title: str
    period_start: int
    period_end: int
    years: list[int]


class RenstraOut(RenstraSummary):
    tujuan: list[TujuanOut]
    programs: list[ProgramOut]
    pagu: list[Amount] = Field(description="Pagu indikatif seluruh Renstra per tahun.")


# --- Steps 1-3 ----------------------------------------------------------------------------


class DisposisiIn(Schema):
    nomor_agenda: str = ""
    tanggal: datetime.date
    perihal: str
    isi: str
    sifat: str = Field(
        "biasa", json_schema_extra={"enum": ["biasa", "segera", "sangat_segera", "rahasia"]}
    )
    batas_waktu: datetime.date = Field(
        description="Paling lambat rencana selesai penyusunan RKT menurut SOP."
    )
    version: int = version_in()


class PersonOut(Schema):
    name: str
    title: str
    nip: str


class DisposisiOut(Schema):
    process: int
    nomor_agenda: str
    tanggal: datetime.date
    perihal: str
    isi: str
    sifat: str
    batas_waktu: datetime.date
    dari: PersonOut
    kepada: PersonOut
    updated_at: LocalDateTime
    version: int = Field(description=VERSION_OUT)


class RencanaIn(Schema):
    uraian: str = Field("", description="Program kerja: catatan kegiatan penyusunan RKT.")
    tim: list[int] | None = Field(
        None,
        description="id pegawai anggota Tim Perencanaan. Tanpa isian ini: tim yang tercatat, "
        "atau (pertama kali) pemegang jabatan Tim Perencanaan, seperti usulan halaman web.",
    )
    working_days: dict[int, int] = Field(
        default_factory=dict,
        description="Hari kerja rencana per nomor langkah (1 sampai waktu SOP); "
        "langkah yang tidak disebut tetap seperti rencana sekarang.",
    )
    version: int = version_in()


class AnggotaOut(Schema):
    employee: int
    name: str
    title: str
    nip: str


class JadwalOut(Schema):
    number: int
    uraian: str
    pelaksana: str
    sop_working_days: int
    working_days: int
    planned_start: datetime.date | None
    planned_due: datetime.date | None


class RencanaOut(Schema):
    process: int
    uraian: str
    planned_end: datetime.date
    tim: list[AnggotaOut]
    jadwal: list[JadwalOut]
    updated_at: LocalDateTime
    version: int = Field(description=VERSION_OUT)


class RapatIn(Schema):
    nomor_undangan: str = ""
    tanggal: datetime.date
    waktu: LocalTime
    tempat: str
    agenda: str
    version: int = version_in()


class PesertaOut(Schema):
    id: int
    unit: str | None
    unit_name: str
    title: str
    name: str
    nip: str
    kehadiran: str = Field(description="hadir, tidak_hadir, diwakili, atau kosong.")
    wakil_name: str


class RapatOut(Schema):
    process: int
    nomor_undangan: str
    tanggal: datetime.date
    waktu: LocalTime
    tempat: str
    agenda: str
    notulen: str
    penanda_tangan: PersonOut
    notulis: PersonOut
    peserta: list[PesertaOut]
    missing: list[str] = Field(description="Yang belum dicatat agar rapat dianggap selesai.")
    updated_at: LocalDateTime
    version: int = Field(description=VERSION_OUT)


class KehadiranIn(Schema):
    peserta: int = Field(description="id peserta (lihat peserta pada rapat).")
    kehadiran: str = Field(json_schema_extra={"enum": ["hadir", "tidak_hadir", "diwakili"]})
    wakil_name: str = Field("", description="Wajib untuk kehadiran 'diwakili'.")


class AttendanceIn(Schema):
    kehadiran: list[KehadiranIn]
    notulen: str
    version: int = version_in()


# --- Form RKT -----------------------------------------------------------------------------


class FormRowIn(Schema):
    """One row as the Excel upload has it; every row is checked by the upload's rules."""

    kegiatan: str = Field("", description="Kode kegiatan, misalnya 5.03.02.2.02.")
    sub_kegiatan: str | None = Field(None, description="Kode sub kegiatan, atau null.")
    renstra_indikator: int | None = Field(
        None, description="id indikator Renstra yang dijawab; null untuk indikator tambahan."
    )
    sasaran_kegiatan: str = ""
    indikator: str = ""
    satuan: str = ""
    target: str | Decimal | None = Field(None, description="Angka, atau teks untuk predikat.")
    anggaran: str | Decimal | None = Field(
        None, description='Rupiah: angka, atau teks seperti "85.000.000"; kosong berarti 0.'
    )
    justifikasi: str = ""


class FormRowsIn(Schema):
    rows: list[FormRowIn]
    version: int = Field(
        ge=0,
        description="Versi Form RKT yang Anda baca (version dari GET /forms/{id}). Bila form "
        "telah diubah orang lain sejak itu, permintaan ditolak dengan 409 dan tidak ada yang "
        "disimpan.",
    )


class FormRowOut(Schema):
    id: int
    number: int = Field(description="Nomor urut menurut nomenklatur (kolom No).")
    program: str
    kegiatan: str
    sub_kegiatan: str | None
    renstra_indikator: int | None
    sasaran_kegiatan: str
    indikator: str
    satuan: str
    target: str
    anggaran: Rupiah
    justifikasi: str
    version: int = Field(description=VERSION_OUT)


class FormProgramOut(Schema):
    code: str
    name: str
    total: Rupiah
    pagu: Rupiah = Field(description="Pagu unit ini untuk program itu pada tahun RKT.")
    over_pagu: bool


class FormSummary(Schema):
    id: int | None = Field(description="null bila Form RKT unit ini belum diterbitkan.")
    process: int
    unit: str
    unit_name: str
    status: str | None = Field(description="draft, submitted atau returned.")
    row_count: int
    total_anggaran: Rupiah
    pagu: Rupiah
    submitted_at: LocalDateTime | None
    returned_at: LocalDateTime | None
    return_reason: str


class FormOut(FormSummary):
    editable: bool = Field(description="Anda dapat mengubah dan mengirim Form RKT ini sekarang.")
    problems: list[str] = Field(description="Yang masih menghalangi pengiriman.")
    programs: list[FormProgramOut]
    rows: list[FormRowOut]
    version: int = Field(description=VERSION_OUT + " PUT rows membandingkannya.")


class FormsOverview(Schema):
    process: int
    collecting: bool = Field(description="Langkah pengumpulan Form RKT sedang berjalan.")
    submitted: int
    waiting: int
    total_anggaran: Rupiah
    pagu: Rupiah
    forms: list[FormSummary]


class FormSubmit(Schema):
    on_behalf_reason: str = Field("", description=ON_BEHALF)


class FormReturn(Schema):
    reason: str = Field(description="Alasan pengembalian; wajib diisi.")
    on_behalf_reason: str = Field("", description=ON_BEHALF)


# --- Draft RKT ----------------------------------------------------------------------------


class DraftRowOut(Schema):
    key: str = Field(description="Kunci baris, sama pada setiap versi.")
    order: int
    section: str = Field(description="sasaran atau program")
    level: str = Field(description="iku, program, kegiatan atau sub_kegiatan")
    sasaran_code: str
    sasaran_strategis: str
    indikator: str
    satuan: str
    target: str
    program_code: str
    program_name: str
    kegiatan_code: str
    kegiatan_name: str
    sub_kegiatan_code: str
    sub_kegiatan_name: str
    sasaran_kegiatan: str
    unit: str | None
    unit_name: str
    anggaran: Rupiah | None


class ProgramTotalOut(Schema):
    code: str
    name: str
    amount: Rupiah


class DraftSummary(Schema):
    id: int
    process: int
    number: int
    status: str = Field(description="draft atau final")
    note: str
    created_by: str
    created_at: LocalDateTime
    frozen_at: LocalDateTime | None
    row_count: int
    total_anggaran: Rupiah


class DraftOut(DraftSummary):
    program_totals: list[ProgramTotalOut]
    rows: list[DraftRowOut]


class DecisionIn(Schema):
    decision: str = Field(json_schema_extra={"enum": ["accept", "reject"]})
    reason: str = Field("", description="Wajib untuk 'reject'.")


class DraftCreate(Schema):
    """Step 6: no body needed. Step 8: a decision for every open correction."""

    decisions: dict[int, DecisionIn] = Field(
        default_factory=dict, description="{id koreksi: {decision, reason}}"
    )


class FieldChangeOut(Schema):
    field: str
    label: str
    old: str | None
    new: str | None


class RowChangeOut(Schema):
    key: str
    row: DraftRowOut = Field(description="Baris pada versi tujuan.")
    changes: list[FieldChangeOut]


class DiffOut(Schema):
    from_version: int
    to_version: int
    added: list[DraftRowOut]
    removed: list[DraftRowOut]
    changed: list[RowChangeOut]


class CorrectionOut(Schema):
    id: int
    draft: int
    version: int
    row_key: str = Field(description="Kosong untuk catatan atas seluruh Draft RKT.")
    row_title: str
    field: str
    unit: str | None
    author: str
    source: str = Field(description="unit_review, sekretaris atau kepala")
    verdict: str = Field(description="sesuai, koreksi atau komentar")
    comment: str
    proposed_value: str
    status: str = Field(description="noted, open, accepted atau rejected")
    created_at: LocalDateTime
    decided_by: str | None
    decided_at: LocalDateTime | None
    decision_reason: str
    resolved_in: int | None = Field(description="Versi yang menindaklanjutinya.")


class CorrectionIn(Schema):
    row_key: str = Field("", description="Kunci baris; kosong untuk catatan umum (langkah 9/10).")
    verdict: str = Field(
        "",
        description="Langkah 7: 'sesuai' atau 'koreksi'. Langkah 9/10 selalu komentar.",
        json_schema_extra={"enum": ["", "sesuai", "koreksi"]},
    )
    field: str = Field(
        "",
        description="indikator, satuan, target, anggaran, hapus atau baris.",
        json_schema_extra={
            "enum": ["", "indikator", "satuan", "target", "anggaran", "hapus", "baris"]
        },
    )
    comment: str = ""
    proposed_value: str = ""


class Marked(Schema):
    count: int = Field(description="Jumlah baris yang ditandai sesuai.")
