"""The documents of steps 1-3: the lembar disposisi, the meeting invitation (undangan),
the attendance list (daftar hadir) and the minutes (notulen).

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
from erkt.org.nip import format_nip
from erkt.rkt.preparation.models import Disposisi, PesertaRapat, RapatSosialisasi
from erkt.rkt.templatetags.preparation_tags import ZONA_WAKTU
from erkt.workflow.models import Process

SCHEMA = 1
DISPOSISI = "rkt.disposisi"
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
    UNDANGAN: "Undangan Rapat Sosialisasi Pengisian Form RKT Tahun {year}",
    DAFTAR_HADIR: "Daftar Hadir Rapat Sosialisasi Pengisian Form RKT Tahun {year}",
    NOTULEN: "Notulen Rapat Sosialisasi Pengisian Form RKT Tahun {year}",
}
FILENAMES = {
    DISPOSISI: "Lembar-Disposisi-RKT-{year}",
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
