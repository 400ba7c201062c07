"""The draft Renstra of a Penyusunan Renstra process: created, edited row by row or by the
Excel template, checked for completeness, and put in force (ditetapkan).

The draft is a Renstra row with status "draft" for the five years starting in the process
year; its rows are edited as erkt.rkt.renstra_data.RenstraData (the same checks as the
Excel import) and rewritten whole, inside one transaction with the process locked.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.renstra_process.models import PenyusunanRenstra
from erkt.rkt.models import PERIOD_YEARS, Renstra
from erkt.rkt.renstra_data import (
    INDIKATOR,
    KEGIATAN,
    PROGRAM,
    SASARAN,
    SUB_KEGIATAN,
    TUJUAN,
    RenstraData,
    renstra_data_of,
    rewrite_tree,
    validate,
    validate_entries,
)
from erkt.rkt.renstra_excel import RenstraFileError, read_renstra
from erkt.workflow.models import Process

# The kinds of rows, as the attribute of RenstraData holding them and its sheet name.
KINDS = {
    "tujuan": ("tujuan", TUJUAN),
    "sasaran": ("sasaran", SASARAN),
    "program": ("programs", PROGRAM),
    "kegiatan": ("kegiatan", KEGIATAN),
    "sub_kegiatan": ("sub_kegiatan", SUB_KEGIATAN),
    "indikator": ("indikator", INDIKATOR),
}
# Rancangan awal: what the Renstra aims at; a program tree comes at the rancangan step.
AWAL_SHEETS = {TUJUAN, SASARAN, INDIKATOR}


class DraftInvalid(Exception):
    """The change is refused; `messages` say why, in Bahasa Indonesia. Nothing changed."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def title_for(process: Process) -> str:
    end = process.year + PERIOD_YEARS - 1
    return _("Rencana Strategis %(org)s Tahun %(start)s-%(end)s") % {
        "org": process.organization.name,
        "start": process.year,
        "end": end,
    }


def period_label(process: Process) -> str:
    return f"{process.year}-{process.year + PERIOD_YEARS - 1}"


def draft_of(process: Process) -> Renstra | None:
    link = PenyusunanRenstra.objects.filter(process=process).select_related("renstra").first()
    return link.renstra if link else None


def period_problem(process: Process) -> str | None:
    """Why no draft can be made for the process's period (another Renstra shares a year)."""
    probe = Renstra(organization=process.organization, period_start=process.year)
    other = Renstra.objects.filter(
        organization=process.organization, period_start=process.year
    ).first() or (probe.overlapping().first())
    if other is None or PenyusunanRenstra.objects.filter(process=process, renstra=other).exists():
        return None
    return _(
        "Periode %(period)s tumpang tindih dengan Renstra %(other)s yang sudah ada; "
        "Renstra periode berikutnya dimulai setelah tahun %(end)s."
    ) % {"period": period_label(process), "other": other.period_label, "end": other.period_end}


def create_draft(process: Process, *, by) -> Renstra:
    """The empty draft Renstra of the process (made once, at the end of step 1)."""
    if problem := period_problem(process):
        raise DraftInvalid([problem])
    existing = draft_of(process)
    if existing is not None:
        return existing
    renstra = Renstra.objects.create(
        organization=process.organization,
        period_start=process.year,
        title=title_for(process)[:300],
        status=Renstra.Status.DRAFT,
    )
    PenyusunanRenstra.objects.update_or_create(process=process, defaults={"renstra": renstra})
    record(
        organization=process.organization,
        user=by,
        action="renstra.draft_create",
        obj=renstra,
        after={"period": renstra.period_label, "process": process.pk},
    )
    return renstra


def data_of(process: Process) -> RenstraData | None:
    renstra = draft_of(process)
    return renstra_data_of(renstra) if renstra is not None else None


def _locked_draft(process: Process, allowed: Callable[[Process], object] | None = None) -> Renstra:
    """The draft, locked after the process row (the engine's lock order); `allowed` checks
    the user's permission on the locked process, so a task completed meanwhile counts."""
    locked = Process.objects.select_for_update().get(pk=process.pk)
    if allowed is not None:
        allowed(locked)
    link = PenyusunanRenstra.objects.select_for_update().filter(process=process).first()
    if link is None or link.renstra is None:
        raise DraftInvalid([_("Draft Renstra belum dibuat; selesaikan langkah persiapan dahulu.")])
    renstra = link.renstra
    if not renstra.is_draft:
        raise DraftInvalid([_("Renstra ini sudah ditetapkan dan tidak dapat diubah lagi.")])
    return renstra


def _messages(errors) -> list[str]:
    return [f"{error.sheet}: {error.message}" for error in errors]


def _save(process: Process, renstra: Renstra, data: RenstraData, by, action: str) -> None:
    if errors := validate_entries(process.organization, data):
        raise DraftInvalid(_messages(errors))
    rewrite_tree(renstra, data)
    record(
        organization=process.organization,
        user=by,
        action=action,
        obj=renstra,
        after={"counts": data.counts()},
    )


def add_row(process: Process, kind: str, row, *, by, allowed=None) -> None:
    """Append one row (a TujuanRow, SasaranRow...) to the draft; refused when invalid."""
    with transaction.atomic():
        renstra = _locked_draft(process, allowed)
        data = renstra_data_of(renstra)
        rows = getattr(data, KINDS[kind][0])
        row.row = len(rows) + 1
        rows.append(row)
        _number(data)
        _save(process, renstra, data, by, "renstra.draft_add")


def remove_row(process: Process, kind: str, index: int, code: str, *, by, allowed=None) -> None:
    """Remove the `index`-th row of `kind` (its code must still be `code`); a row whose
    children are still there is refused."""
    with transaction.atomic():
        renstra = _locked_draft(process, allowed)
        data = renstra_data_of(renstra)
        rows = getattr(data, KINDS[kind][0])
        if not 0 <= index < len(rows) or rows[index].code != code:
            raise DraftInvalid([_("Baris ini sudah berubah; muat ulang halaman.")])
        del rows[index]
        _number(data)
        _save(process, renstra, data, by, "renstra.draft_remove")


def import_file(process: Process, content: bytes, *, by, allowed=None) -> RenstraData:
    """Replace the whole draft by a filled Excel template of the process's period."""
    with transaction.atomic():
        renstra = _locked_draft(process, allowed)
        try:
            data = read_renstra(process.organization, content)
        except RenstraFileError as refused:
            raise DraftInvalid([_cell_message(error) for error in refused.errors]) from None
        if data.period_start != process.year:
            raise DraftInvalid(
                [
                    _("Template ini untuk periode %(file)s, bukan %(period)s.")
                    % {
                        "file": f"{data.period_start}-{data.period_start + PERIOD_YEARS - 1}",
                        "period": period_label(process),
                    }
                ]
            )
        _save(process, renstra, data, by, "renstra.draft_import")
    return data


def _cell_message(error) -> str:
    if error.row is None:
        return f"{error.sheet}: {error.message}"
    return _("%(sheet)s sel %(cell)s: %(message)s") % {
        "sheet": error.sheet,
        "cell": f"{error.column}{error.row}",
        "message": error.message,
    }


def _number(data: RenstraData) -> None:
    for attribute, _sheet in KINDS.values():
        for number, row in enumerate(getattr(data, attribute), start=1):
            row.row = number


def problems(process: Process, *, awal: bool = False) -> list[str]:
    """What the draft still lacks: for the rancangan awal only its tujuan, sasaran and
    their indikator; otherwise everything the Excel import would ask of a Renstra."""
    data = data_of(process)
    if data is None:
        return [_("Draft Renstra belum dibuat; selesaikan langkah persiapan dahulu.")]
    _number(data)
    errors = validate(process.organization, data)
    if awal:
        errors = [error for error in errors if error.sheet in AWAL_SHEETS]
    return _messages(errors)


def establish(process: Process, *, by) -> Renstra:
    """Penetapan: the draft becomes the Renstra in force, the one the RKT reads."""
    renstra = _locked_draft(process)
    if missing := problems(process):
        raise DraftInvalid(missing)
    renstra.status = Renstra.Status.DITETAPKAN
    renstra.ditetapkan_at = timezone.now()
    renstra.save(update_fields=["status", "ditetapkan_at"])
    record(
        organization=process.organization,
        user=by,
        action="renstra.establish",
        obj=renstra,
        after={"period": renstra.period_label, "status": renstra.status},
    )
    return renstra
