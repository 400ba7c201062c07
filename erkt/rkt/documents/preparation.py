"""The documents of steps 1-3: the lembar disposisi, the Dokumen Perencanaan dan Program
Kerja (the plan of step 2), the meeting invitation (undangan), the attendance list (daftar
hadir) and the minutes (notulen).

Their records already copy the people they name (erkt.rkt.preparation.models); the
snapshot copies the rest (kop, dates written out in Indonesian) so each document
prints later exactly what it showed when issued. Renderers read the snapshot only.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from erkt.documents import registry
from erkt.documents.models import IssuedDocument
from erkt.documents.services import issue
from erkt.documents.snapshots import kop, tanggal
from erkt.org.access import employee_of
from erkt.org.models import Role
from erkt.org.nip import format_nip
from erkt.org.templatetags.indonesian import BULAN
from erkt.rkt.preparation.models import (
    Disposisi,
    PesertaRapat,
    RapatSosialisasi,
    RencanaPenyusunan,
)
from erkt.rkt.templatetags.preparation_tags import ZONA_WAKTU
from erkt.workflow.models import Process

SCHEMA = 1
DISPOSISI = "rkt.disposisi"
RENCANA = "rkt.rencana"
UNDANGAN = "rkt.undangan"
DAFTAR_HADIR = "rkt.daftar_hadir"
NOTULEN = "rkt.notulen"
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
SIFAT_ORDER = ("sangat_segera", "segera", "rahasia", "biasa")


def hari_tanggal(day: datetime.date) -> str:
    """ "Senin, 2 November 2026" """
    return f"{HARI[day.weekday()]}, {tanggal(day)}"


def _local_date(moment: datetime.datetime, time_zone: str) -> datetime.date:
    return moment.astimezone(zoneinfo.ZoneInfo(time_zone)).date()


def _person(name: str, title: str, nip: str, pangkat: str = "") -> dict[str, str]:
    label = pangkat.split(" (")[0]
    golongan = pangkat[pangkat.find("(") + 1 : -1] if "(" in pangkat else ""
    return {
        "jabatan": title,
        "name": name,
        "pangkat": label,
        "golongan": golongan,
        "nip": format_nip(nip) if nip else "",
    }


# --- Snapshots -------------------------------------------------------------------------------


def disposisi_snapshot(disposisi: Disposisi) -> dict:
    """The lembar disposisi of step 1 as printed."""
    process = disposisi.process
    organization = process.organization
    with translation.override("id"):
        return {
            "schema": SCHEMA,
            "year": process.year,
            "kop": kop(organization),
            "nomor_agenda": disposisi.nomor_agenda,
            "tanggal": tanggal(disposisi.tanggal),
            "perihal": disposisi.perihal,
            "isi": disposisi.isi,
            "sifat": disposisi.sifat,
            "sifat_options": [
                {"key": key, "label": str(Disposisi.Sifat(key).label)} for key in SIFAT_ORDER
            ],
            "batas_waktu": tanggal(disposisi.batas_waktu),
            "dari": _person(
                disposisi.from_name,
                disposisi.from_title,
                disposisi.from_nip,
                disposisi.from_pangkat,
            ),
            "kepada": _person(disposisi.to_name, disposisi.to_title, disposisi.to_nip),
            "signature": {
                "place_date": f"{organization.city}, {tanggal(disposisi.tanggal)}",
                **_person(
                    disposisi.from_name,
                    disposisi.from_title,
                    disposisi.from_nip,
                    disposisi.from_pangkat,
                ),
            },
        }


def _tanggal_singkat(day: datetime.date | None) -> str:
    """ "2 Nov 2026": the schedule's narrow date columns."""
    return f"{day.day} {BULAN[day.month - 1][:3]} {day.year}" if day else "-"


def _penyusun(rencana: RencanaPenyusunan) -> dict[str, str]:
    """Who drew the plan up and signs it: the Kasubbag Perencanaan who last saved it, with
    the jabatan and pangkat they hold when the document is issued (the snapshot keeps them)."""
    user = rencana.updated_by or rencana.created_by
    employee = employee_of(user)
    organization = rencana.process.organization
    position = organization.positions.filter(role=Role.KASUBBAG_PERENCANAAN).first()
    if employee is not None:
        held = employee.positions.filter(role=Role.KASUBBAG_PERENCANAAN).first()
        position = held or position
    pangkat = employee.get_pangkat_display() if employee and employee.pangkat else ""
    return _person(
        employee.full_name if employee else "",
        position.title if position else "Kepala Subbagian Perencanaan",
        (employee.nip or "") if employee else "",
        pangkat,
    )


def rencana_snapshot(rencana: RencanaPenyusunan) -> dict:
    """The Dokumen Perencanaan dan Program Kerja of step 2: the team, the program kerja and
    the schedule of every step, as the Kasubbag Perencanaan planned them."""
    process = rencana.process
    organization = process.organization
    disposisi = Disposisi.objects.filter(process=process).first()
    saved_on = _local_date(rencana.updated_at or rencana.created_at, organization.time_zone)
    with translation.override("id"):
        return {
            "schema": SCHEMA,
            "year": process.year,
            "kop": kop(organization),
            "sop": process.sop_version.judul,
            "dasar": (
                {
                    "nomor_agenda": disposisi.nomor_agenda,
                    "tanggal": tanggal(disposisi.tanggal),
                    "batas_waktu": tanggal(disposisi.batas_waktu),
                }
                if disposisi
                else None
            ),
            "program_kerja": rencana.uraian,
            "tim": [
                {
                    "no": n,
                    "name": a.name,
                    "nip": format_nip(a.nip) if a.nip else "",
                    "jabatan": a.title,
                }
                for n, a in enumerate(rencana.anggota.all(), start=1)
            ],
            "jadwal": [
                {
                    "no": j.number,
                    "uraian": j.uraian,
                    "pelaksana": j.pelaksana,
                    "waktu_sop": j.sop_working_days,
                    "waktu": j.working_days,
                    "mulai": _tanggal_singkat(j.planned_start),
                    "selesai": _tanggal_singkat(j.planned_due),
                }
                for j in rencana.jadwal.all()
            ],
            "hari_kerja": sum(j.working_days for j in rencana.jadwal.all()),
            "mulai": tanggal(process.start_date),
            "selesai": tanggal(rencana.planned_end),
            "signature": {
                "place_date": f"{organization.city}, {tanggal(saved_on)}",
                **_penyusun(rencana),
            },
        }


def _rapat_common(rapat: RapatSosialisasi) -> dict:
    process = rapat.process
    organization = process.organization
    zone = ZONA_WAKTU.get(organization.time_zone, "")
    return {
        "schema": SCHEMA,
        "year": process.year,
        "kop": kop(organization),
        "nama_rapat": _("Rapat Sosialisasi Pengisian Form RKT Tahun %(year)s")
        % {"year": process.year},
        "nomor": rapat.nomor_undangan,
        "hari_tanggal": hari_tanggal(rapat.tanggal),
        "waktu": f"{rapat.waktu:%H.%M} {zone}".strip(),
        "tempat": rapat.tempat,
        "agenda": rapat.agenda,
        "city": organization.city,
    }


def undangan_snapshot(rapat: RapatSosialisasi) -> dict:
    """The invitation letter, signed by the Kepala Badan, with the list of invitees."""
    organization = rapat.process.organization
    letter_date = _local_date(rapat.created_at, organization.time_zone)
    with translation.override("id"):
        return {
            **_rapat_common(rapat),
            "tanggal_surat": tanggal(letter_date),
            "penerima": [
                {"no": n, "jabatan": p.title, "unit": p.unit_name}
                for n, p in enumerate(rapat.peserta.all(), start=1)
            ],
            "signature": {
                "place_date": f"{organization.city}, {tanggal(letter_date)}",
                **_person(
                    rapat.signer_name, rapat.signer_title, rapat.signer_nip, rapat.signer_pangkat
                ),
            },
        }


def _kehadiran(peserta: PesertaRapat) -> str:
    if peserta.kehadiran == PesertaRapat.Kehadiran.DIWAKILI:
        return _("Diwakili oleh %(name)s") % {"name": peserta.wakil_name}
    return str(peserta.get_kehadiran_display()) if peserta.kehadiran else ""


def _notulis(rapat: RapatSosialisasi) -> dict:
    organization = rapat.process.organization
    return {
        "place_date": f"{organization.city}, {tanggal(rapat.tanggal)}",
        **_person(
            rapat.notulis_name,
            rapat.notulis_title,
            rapat.notulis_nip,
            _pangkat_of(organization, rapat.notulis_nip),
        ),
    }


def _pangkat_of(organization, nip: str) -> str:
    """The pangkat of the employee with this NIP ("Penata (III/c)"), as the signature block
    prints it under the name; the record keeps name, jabatan and NIP only."""
    if not nip:
        return ""
    employee = organization.employees.filter(nip=nip).first()
    return employee.get_pangkat_display() if employee is not None and employee.pangkat else ""


def daftar_hadir_snapshot(rapat: RapatSosialisasi) -> dict:
    """The attendance list: each invitee with a column to sign (attendance once recorded)."""
    with translation.override("id"):
        return {
            **_rapat_common(rapat),
            "peserta": [
                {
                    "no": n,
                    "name": p.name,
                    "nip": format_nip(p.nip) if p.nip else "",
                    "jabatan": p.title,
                    "unit": p.unit_name,
                    "kehadiran": _kehadiran(p),
                }
                for n, p in enumerate(rapat.peserta.all(), start=1)
            ],
            "signature": _notulis(rapat),
        }


def notulen_snapshot(rapat: RapatSosialisasi) -> dict:
    """The minutes: the meeting, who came, what was agreed; signed by the notulis."""
    peserta = list(rapat.peserta.all())
    came = [p for p in peserta if p.kehadiran in ("hadir", "diwakili")]
    with translation.override("id"):
        return {
            **_rapat_common(rapat),
            "pimpinan": rapat.signer_title,
            "jumlah_undangan": len(peserta),
            "jumlah_hadir": len(came),
            "hadir": [
                {
                    "no": n,
                    "jabatan": p.title,
                    "name": p.wakil_name if p.kehadiran == "diwakili" else p.name,
                    "keterangan": _kehadiran(p),
                }
                for n, p in enumerate(came, start=1)
            ],
            "notulen": rapat.notulen,
            "signature": _notulis(rapat),
        }


# --- Issuing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrepDocument:
    """One printable document of steps 1-3: where its record is and how it is titled."""

    kind: str
    slug: str  # in the URL
    label: str
    record: Callable[[Process], object | None]
    snapshot: Callable[[object], dict]
    ready: Callable[[object], bool] = lambda record: True


def _disposisi_of(process: Process) -> Disposisi | None:
    return Disposisi.objects.filter(process=process).select_related("process__organization").first()


def _rencana_of(process: Process) -> RencanaPenyusunan | None:
    return (
        RencanaPenyusunan.objects.filter(process=process)
        .select_related("process__organization", "process__sop_version")
        .prefetch_related("anggota", "jadwal")
        .first()
    )


def _rapat_of(process: Process) -> RapatSosialisasi | None:
    return (
        RapatSosialisasi.objects.filter(process=process)
        .select_related("process__organization")
        .prefetch_related("peserta")
        .first()
    )


PREP_DOCUMENTS = {
    doc.slug: doc
    for doc in (
        PrepDocument(DISPOSISI, "disposisi", "Lembar Disposisi", _disposisi_of, disposisi_snapshot),
        PrepDocument(
            RENCANA,
            "rencana",
            "Dokumen Perencanaan dan Program Kerja",
            _rencana_of,
            rencana_snapshot,
        ),
        PrepDocument(UNDANGAN, "undangan", "Undangan Rapat", _rapat_of, undangan_snapshot),
        PrepDocument(
            DAFTAR_HADIR, "daftar-hadir", "Daftar Hadir", _rapat_of, daftar_hadir_snapshot
        ),
        # The minutes exist once they are written.
        PrepDocument(
            NOTULEN,
            "notulen",
            "Notulen Rapat",
            _rapat_of,
            notulen_snapshot,
            ready=lambda rapat: bool(rapat.notulen.strip()),
        ),
    )
}
TITLES = {
    DISPOSISI: "Lembar Disposisi Penyusunan RKT Tahun {year}",
    RENCANA: "Dokumen Perencanaan dan Program Kerja Penyusunan RKT Tahun {year}",
    UNDANGAN: "Undangan Rapat Sosialisasi Pengisian Form RKT Tahun {year}",
    DAFTAR_HADIR: "Daftar Hadir Rapat Sosialisasi Pengisian Form RKT Tahun {year}",
    NOTULEN: "Notulen Rapat Sosialisasi Pengisian Form RKT Tahun {year}",
}
FILENAMES = {
    DISPOSISI: "Lembar-Disposisi-RKT-{year}",
    RENCANA: "Perencanaan-dan-Program-Kerja-RKT-{year}",
    UNDANGAN: "Undangan-Sosialisasi-Form-RKT-{year}",
    DAFTAR_HADIR: "Daftar-Hadir-Sosialisasi-Form-RKT-{year}",
    NOTULEN: "Notulen-Sosialisasi-Form-RKT-{year}",
}


def available(process: Process) -> list[PrepDocument]:
    """The documents of steps 1-3 whose records exist (and, for the minutes, are written)."""
    records: dict[Callable, object | None] = {}
    result = []
    for doc in PREP_DOCUMENTS.values():
        if doc.record not in records:
            records[doc.record] = doc.record(process)
        record = records[doc.record]
        if record is not None and doc.ready(record):
            result.append(doc)
    return result


def issue_prep_document(process: Process, slug: str, *, by) -> IssuedDocument | None:
    """Issue (or reuse) the document `slug` of the process; None when there is nothing to print."""
    doc = PREP_DOCUMENTS[slug]
    record = doc.record(process)
    if record is None or not doc.ready(record):
        return None
    return issue(
        kind=doc.kind,
        key=doc.slug,
        title=TITLES[doc.kind].format(year=process.year),
        snapshot=doc.snapshot(record),
        organization=process.organization,
        process=process,
        by=by,
    )


def preparation_documents(process: Process, *, by) -> list[IssuedDocument]:
    """The archive provider: every document of steps 1-3 the process has, issued now."""
    documents = [issue_prep_document(process, doc.slug, by=by) for doc in available(process)]
    return [document for document in documents if document is not None]


def _register() -> None:
    from erkt.rkt.documents import prep_render as render

    renderers = {
        DISPOSISI: (render.disposisi_pdf, render.disposisi_docx),
        RENCANA: (render.rencana_pdf, render.rencana_docx),
        UNDANGAN: (render.undangan_pdf, render.undangan_docx),
        DAFTAR_HADIR: (render.daftar_hadir_pdf, render.daftar_hadir_docx),
        NOTULEN: (render.notulen_pdf, render.notulen_docx),
    }
    for doc in PREP_DOCUMENTS.values():
        pdf, docx = renderers[doc.kind]
        stem = FILENAMES[doc.kind]
        registry.register(
            registry.DocumentType(
                kind=doc.kind,
                label=doc.label,
                filename=lambda snapshot, stem=stem: stem.format(year=snapshot["year"]),
                pdf=pdf,
                docx=docx,
            )
        )
    registry.register_provider(preparation_documents)


_register()
