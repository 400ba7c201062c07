"""Step 6: compile the submitted Form RKT of every unit into Draft RKT version 1.

The organisation-level part comes from the Renstra covering the process year:
each sasaran strategis with its IKU and the year's target, and for every program
that the forms use, the program's indicators with the year's target. The
program part comes from the forms: one row per (unit, kegiatan or sub kegiatan,
indicator), the anggaran summed over the form rows it gathers, so the totals of
version 1 equal the sums of the forms.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.org.models import Unit
from erkt.rkt.drafts.models import DraftRkt, DraftRow, compilation_summary
from erkt.rkt.drafts.steps import KOMPILASI, require_actor
from erkt.rkt.models import Indikator, Program, Renstra, SasaranStrategis
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow
from erkt.workflow.errors import Conflict, Invalid
from erkt.workflow.models import Process

NO_SASARAN_ORDER = (10**6, "")


def compile_draft(process: Process, *, by) -> DraftRkt:
    """Issue version 1 from the submitted forms and the Renstra, all at once or not at all."""
    with transaction.atomic():
        process = (
            Process.objects.select_for_update().select_related("organization").get(pk=process.pk)
        )
        task = require_actor(process, KOMPILASI, by)
        if process.drafts.exists():
            raise Conflict(_("Draft RKT versi 1 sudah dikompilasi."))
        renstra = _renstra_for(process)
        forms = _submitted_forms(process)
        rows = compiled_rows(process, renstra, forms)
        form_count = len(forms)
        draft = DraftRkt.objects.issue(
            process=process,
            number=1,
            rows=rows,
            by=by,
            task=task,
            # The note in the official language (the version's PDF writes it); each
            # reader's page writes the count in theirs.
            note=_note(form_count),
            forms_compiled=form_count,
        )
        record(
            organization=process.organization,
            user=by,
            position=task.position,
            action="rkt.draft.compile",
            obj=draft,
            after={"version": 1, "rows": len(rows), "forms": form_count},
        )
    return draft


def _note(form_count: int) -> str:
    with translation.override("id"):
        return compilation_summary(form_count)


def _renstra_for(process: Process) -> Renstra:
    renstra = Renstra.covering(process.organization, process.year)
    if renstra is None:
        raise Invalid(
            _("Belum ada Renstra yang mencakup tahun %(year)s; impor Renstra terlebih dahulu.")
            % {"year": process.year}
        )
    return renstra


def _submitted_forms(process: Process) -> list[FormRkt]:
    """Every unit's submitted form; refused while a unit that fills one has not submitted."""
    forms = list(
        FormRkt.objects.filter(process=process, status=FormRkt.Status.SUBMITTED)
        .select_related("unit")
        .order_by("unit__order", "unit__name")
    )
    submitted = {form.unit_id for form in forms}
    waiting = Unit.objects.filter(organization=process.organization, fills_form_rkt=True).exclude(
        pk__in=submitted
    )
    names = [unit.name for unit in waiting.order_by("order", "name")]
    if names:
        raise Invalid(
            _("Form RKT unit kerja berikut belum dikirim: %(units)s.") % {"units": ", ".join(names)}
        )
    return forms


# --- Building the rows -----------------------------------------------------------------------


@dataclass
class _Line:
    """Form rows gathered into one draft row, with what orders it in the table."""

    sort: tuple
    row: DraftRow


def compiled_rows(process: Process, renstra: Renstra, forms: list[FormRkt]) -> list[DraftRow]:
    """The rows of version 1 in table order: per sasaran, its IKU, then its programs."""
    year = process.year
    form_rows = list(
        FormRktRow.objects.filter(form__in=forms)
        .select_related(
            "form__unit", "kegiatan__program__sasaran", "sub_kegiatan", "renstra_indikator"
        )
        .order_by("form__unit__order", "form__unit__name", "order", "pk")
    )
    lines = _iku_lines(renstra, year)
    programs = {row.kegiatan.program for row in form_rows}
    lines += _program_lines(programs, year)
    lines += _form_lines(form_rows)
    lines.sort(key=lambda line: line.sort)
    return [line.row for line in lines]


def _sasaran_sort(sasaran: SasaranStrategis | None) -> tuple:
    return (sasaran.order, sasaran.code) if sasaran is not None else NO_SASARAN_ORDER


def _sasaran_fields(sasaran: SasaranStrategis | None) -> dict[str, str]:
    if sasaran is None:
        return {"sasaran_code": "", "sasaran_strategis": ""}
    return {"sasaran_code": sasaran.code, "sasaran_strategis": sasaran.uraian}


def _iku_lines(renstra: Renstra, year: int) -> list[_Line]:
    iku = (
        Indikator.objects.filter(sasaran__renstra=renstra, is_iku=True)
        .select_related("sasaran")
        .prefetch_related("targets")
    )
    return [
        _Line(
            sort=(*_sasaran_sort(indikator.sasaran), 0, "", indikator.order, indikator.pk),
            row=DraftRow(
                key=f"iku:{indikator.pk}",
                section=DraftRow.Section.SASARAN,
                indikator=indikator.uraian,
                satuan=indikator.satuan,
                target=target_text(indikator.targets_by_year.get(year)),
                **_sasaran_fields(indikator.sasaran),
            ),
        )
        for indikator in iku
    ]


def _program_fields(program: Program) -> dict[str, str]:
    return {
        "program_code": program.code,
        "program_name": program.name,
        **_sasaran_fields(program.sasaran),
    }


def _program_lines(programs: set[Program], year: int) -> list[_Line]:
    indikator = (
        Indikator.objects.filter(program__in=programs)
        .select_related("program__sasaran")
        .prefetch_related("targets")
    )
    return [
        _Line(
            sort=(
                *_sasaran_sort(item.program.sasaran),
                1,
                item.program.code,
                "",
                item.order,
                item.pk,
            ),
            row=DraftRow(
                key=f"prog:{item.pk}",
                section=DraftRow.Section.PROGRAM,
                indikator=item.uraian,
                satuan=item.satuan,
                target=target_text(item.targets_by_year.get(year)),
                **_program_fields(item.program),
            ),
        )
        for item in indikator
    ]


def _form_lines(form_rows: list[FormRktRow]) -> list[_Line]:
    """One line per (unit, kegiatan or sub kegiatan, indicator text); anggaran summed."""
    lines: dict[tuple, _Line] = {}
    for position, form_row in enumerate(form_rows):
        unit = form_row.form.unit
        group = (unit.pk, _activity_code(form_row), normalized(form_row.indikator))
        line = lines.get(group)
        if line is None:
            lines[group] = _form_line(form_row, unit, position)
        else:
            line.row.anggaran = (line.row.anggaran or Decimal(0)) + (
                form_row.anggaran or Decimal(0)
            )
    _disambiguate_keys(list(lines.values()))
    return list(lines.values())


def _activity_code(form_row: FormRktRow) -> str:
    sub = form_row.sub_kegiatan
    return sub.code if sub is not None else form_row.kegiatan.code


def _form_line(form_row: FormRktRow, unit: Unit, position: int) -> _Line:
    kegiatan, sub = form_row.kegiatan, form_row.sub_kegiatan
    prefix = "sub" if sub is not None else "keg"
    code = _activity_code(form_row)
    row = DraftRow(
        key=f"{prefix}:{code}:{indikator_hash(form_row.indikator)}",
        section=DraftRow.Section.PROGRAM,
        indikator=form_row.indikator.strip(),
        satuan=form_row.satuan.strip(),
        target=str(form_row.target).strip(),
        kegiatan_code=kegiatan.code,
        kegiatan_name=kegiatan.name,
        sub_kegiatan_code=sub.code if sub is not None else "",
        sub_kegiatan_name=sub.name if sub is not None else "",
        sasaran_kegiatan=(form_row.sasaran_kegiatan or "").strip(),
        unit=unit,
        unit_name=unit.name,
        anggaran=form_row.anggaran or Decimal(0),
        **_program_fields(kegiatan.program),
    )
    program = kegiatan.program
    sort = (*_sasaran_sort(program.sasaran), 1, program.code, code, unit.order, position)
    return _Line(sort=sort, row=row)


def _disambiguate_keys(lines: list[_Line]) -> None:
    """Two units filing the same activity and indicator: each key names its unit."""
    seen: dict[str, list[_Line]] = {}
    for line in lines:
        seen.setdefault(line.row.key, []).append(line)
    for same in seen.values():
        if len(same) > 1:
            for line in same:
                line.row.key = f"{line.row.key}:{line.row.unit.short_name}"


# --- Small text helpers ----------------------------------------------------------------------


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().casefold())


def indikator_hash(text: str) -> str:
    """A short stable fingerprint of an indicator text (whitespace and case ignored)."""
    return hashlib.sha1(normalized(text).encode(), usedforsecurity=False).hexdigest()[:10]


def target_text(value: Decimal | None) -> str:
    """A Renstra target as an Indonesian document writes it: 1.250, 87,5; '' when missing."""
    if value is None:
        return ""
    value = value.normalize()
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", ".")
    whole, fraction = f"{value:f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction


# --- What the compile page shows before compiling ----------------------------------------------


@dataclass
class FormSummary:
    unit: Unit
    form: FormRkt | None
    row_count: int = 0
    total: Decimal = Decimal(0)

    @property
    def is_submitted(self) -> bool:
        return self.form is not None and self.form.is_submitted


def form_summaries(process: Process) -> list[FormSummary]:
    """Each form-filling unit with its form's state, row count and anggaran total."""
    forms = {
        form.unit_id: form
        for form in FormRkt.objects.filter(process=process).annotate(
            row_count=Count("rows"), total=Sum("rows__anggaran")
        )
    }
    units = Unit.objects.filter(organization=process.organization, fills_form_rkt=True)
    summaries = []
    for unit in units.order_by("order", "name"):
        form = forms.get(unit.pk)
        summary = FormSummary(unit, form)
        if form is not None:
            summary.row_count, summary.total = form.row_count, form.total or Decimal(0)
        summaries.append(summary)
    return summaries
