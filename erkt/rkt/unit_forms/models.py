"""The Form RKT of each unit: what a Sekretariat subbag or a Bidang plans for the RKT year.

Step 3 of the SOP issues one form per unit that fills it (Unit.fills_form_rkt),
pre-filled from the Renstra covering the year; step 4 is the unit head filling
and sending it; step 5 is the Tim Perencanaan collecting the forms and returning
one with a reason when it must be corrected. The rules a form must meet to be
sent live in erkt.rkt.unit_forms.rules; the operations in .services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from erkt.compiled_sql import Shape
from erkt.org.models import Unit
from erkt.workflow.versioning import updated_by_field, version_field

__all__ = ["FormRkt", "FormRktRow"]


class FormRkt(models.Model):
    """The Form RKT of one unit in one RKT process."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Dikirim")
        RETURNED = "returned", _("Dikembalikan")

    process = models.ForeignKey(
        "workflow.Process", models.CASCADE, related_name="unit_forms", verbose_name=_("proses")
    )
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="forms_rkt", verbose_name=_("unit kerja")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dikirim oleh"),
    )
    return_reason = models.TextField(_("alasan pengembalian"), blank=True)
    returned_at = models.DateTimeField(_("dikembalikan pada"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dikembalikan oleh"),
    )
    # Every change of the form or its rows moves it on (PUT rows compares it).
    version = version_field()
    updated_by = updated_by_field()
    updated_at = models.DateTimeField(_("diubah pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("Form RKT")
        verbose_name_plural = _("Form RKT")
        ordering = ["process", "unit__order", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["process", "unit"], name="form_rkt_one_per_unit")
        ]

    def __str__(self) -> str:
        return _("Form RKT %(year)s %(unit)s") % {
            "year": self.process.year,
            "unit": self.unit.short_name,
        }

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_editable(self) -> bool:
        """The unit may change it: not sent yet (or returned), and the process still runs."""
        return not self.is_submitted and self.process.is_running

    @cached_property
    def renstra(self):
        """The Renstra covering the process year: where the form's kegiatan and pagu come from."""
        from erkt.rkt.models import Renstra

        return Renstra.covering(self.process.organization, self.process.year)

    @property
    def total_anggaran(self) -> Decimal:
        return sum((row.anggaran for row in self.rows.all()), Decimal(0))

    def rows_by_program(self) -> list[ProgramGroup]:
        """The rows grouped per program then kegiatan, in nomenclature order, with totals and pagu.

        Reads `self.rows.all()`, so a caller that prefetched
        "rows__kegiatan__program" (and the sub kegiatan) pays no further query
        but the pagu, one query per form.
        """
        return group_rows(list(self.rows.all()), self.unit_pagu_by_program())

    def unit_pagu_by_program(self) -> dict[int, Decimal]:
        """{program id: the year's pagu of the unit's sub kegiatan in that program}.

        A program is shared by several units; each form is checked against the
        part of the program's pagu that belongs to its own unit's sub kegiatan.
        Read once per instance: the pagu belongs to the Renstra, not to the form.
        """
        return dict(self._unit_pagu)

    @cached_property
    def _unit_pagu(self) -> dict[int, Decimal]:
        year = self.process.year
        pagu = UNIT_PAGU.rows(year, self.unit_id, self.process.organization_id, year, year)
        totals: dict[int, Decimal] = {}
        for program_id, amount in pagu:
            totals[program_id] = totals.get(program_id, Decimal(0)) + amount
        return totals


def _unit_pagu_query(year: int, unit_id: int, organization_id: int, start: int, end: int):
    from erkt.rkt.models import Pagu

    pagu = Pagu.objects.filter(
        year=year,
        sub_kegiatan__unit_id=unit_id,
        sub_kegiatan__kegiatan__program__renstra__organization_id=organization_id,
        sub_kegiatan__kegiatan__program__renstra__period_start__lte=start,
        sub_kegiatan__kegiatan__program__renstra__period_end__gte=end,
    ).values_list("sub_kegiatan__kegiatan__program_id", "amount")
    return pagu.order_by()  # summed: no order, nor the joins Pagu's Meta ordering adds


# FormRkt._unit_pagu's query, compiled once (erkt.compiled_sql): the year is given once
# per place it takes in the SQL.
UNIT_PAGU = Shape(_unit_pagu_query)


class FormRktRow(models.Model):
    """One line of a Form RKT: a sasaran of a kegiatan or sub kegiatan with its indicator.

    `target` is text: a qualitative satuan (predikat, kategori...) takes a word
    such as "BB"; any other satuan takes a number (see rules.is_numeric_satuan).
    """

    form = models.ForeignKey(FormRkt, models.CASCADE, related_name="rows")
    order = models.PositiveIntegerField(_("urutan"), default=0)
    kegiatan = models.ForeignKey(
        "rkt.Kegiatan", models.PROTECT, related_name="form_rows", verbose_name=_("kegiatan")
    )
    sub_kegiatan = models.ForeignKey(
        "rkt.SubKegiatan",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="form_rows",
        verbose_name=_("sub kegiatan"),
    )
    renstra_indikator = models.ForeignKey(
        "rkt.Indikator",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="form_rows",
        verbose_name=_("indikator Renstra"),
    )
    sasaran_kegiatan = models.TextField(_("sasaran kegiatan / sub kegiatan"))
    indikator = models.TextField(_("indikator kinerja"))
    satuan = models.CharField(_("satuan"), max_length=50)
    target = models.CharField(_("target"), max_length=100, blank=True)
    anggaran = models.DecimalField(
        _("anggaran (Rp)"), max_digits=18, decimal_places=2, default=Decimal(0)
    )
    justifikasi = models.TextField(_("justifikasi"), blank=True)
    # The inline edit of a row compares it.
    version = version_field()
    updated_by = updated_by_field()
    updated_at = models.DateTimeField(_("diubah pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("baris Form RKT")
        verbose_name_plural = _("baris Form RKT")
        ordering = ["form", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.indikator}"

    @property
    def code(self) -> str:
        return self.sub_kegiatan.code if self.sub_kegiatan_id else self.kegiatan.code

    @property
    def program(self):
        return self.kegiatan.program

    def sort_key(self) -> tuple:
        """Nomenclature order: program, kegiatan, the kegiatan's own rows, then sub kegiatan."""
        sub = self.sub_kegiatan.code if self.sub_kegiatan_id else ""
        return (self.kegiatan.program.code, self.kegiatan.code, sub, self.order, self.pk or 0)


@dataclass
class KegiatanGroup:
    kegiatan: object
    rows: list[FormRktRow] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((row.anggaran for row in self.rows), Decimal(0))


@dataclass
class ProgramGroup:
    program: object
    pagu: Decimal
    kegiatan: list[KegiatanGroup] = field(default_factory=list)

    @property
    def rows(self) -> list[FormRktRow]:
        return [row for group in self.kegiatan for row in group.rows]

    @property
    def total(self) -> Decimal:
        return sum((group.total for group in self.kegiatan), Decimal(0))

    @property
    def over_pagu(self) -> bool:
        return self.total > self.pagu

    @property
    def justified(self) -> bool:
        return any(row.justifikasi.strip() for row in self.rows)


def group_rows(rows: list[FormRktRow], pagu: dict[int, Decimal]) -> list[ProgramGroup]:
    """Rows (saved or not) grouped per program and kegiatan, in nomenclature order."""
    programs: dict[int, ProgramGroup] = {}
    for row in sorted(rows, key=FormRktRow.sort_key):
        program = row.kegiatan.program
        group = programs.get(program.pk)
        if group is None:
            group = programs[program.pk] = ProgramGroup(program, pagu.get(program.pk, Decimal(0)))
        if not group.kegiatan or group.kegiatan[-1].kegiatan.pk != row.kegiatan_id:
            group.kegiatan.append(KegiatanGroup(row.kegiatan))
        group.kegiatan[-1].rows.append(row)
    return list(programs.values())
