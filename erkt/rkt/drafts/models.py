"""Draft RKT versions, their rows and the corrections made on them (SOP steps 6-10).

A version is an issued snapshot: its rows carry copies of every code, name,
indicator text, satuan, target, anggaran and unit they show, so a later change
of the Renstra or of a unit's form never changes a version, and every document
prints from the version itself. Rows are written once, in bulk, with their
version (`DraftRkt.objects.issue`); afterwards neither a row nor a version can be
saved or deleted, except that a version is frozen once as final (step 10).

A row's `key` is stable across versions ("iku:12", "prog:31",
"sub:5.03.02.2.02.0001:<hash of the indicator>"), so corrections and diffs
match rows of different versions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from erkt.org.models import Unit
from erkt.per_language import per_language_alone
from erkt.workflow.models import Process, Task

__all__ = ["Correction", "DraftRkt", "DraftRow"]


class ImmutableError(RuntimeError):
    """An issued version or one of its rows was asked to change."""


IMMUTABLE_ROW = _("Baris Draft RKT yang sudah diterbitkan tidak dapat diubah; buat versi baru.")
IMMUTABLE_VERSION = _("Versi Draft RKT yang sudah diterbitkan tidak dapat diubah atau dihapus.")


class _ImmutableQuerySet(models.QuerySet):
    """Bulk changes would bypass save(): refuse them too."""

    message = IMMUTABLE_VERSION

    def update(self, **kwargs):
        raise ImmutableError(self.message)

    def delete(self):
        raise ImmutableError(self.message)


class DraftRktQuerySet(_ImmutableQuerySet):
    def issue(
        self,
        *,
        process: Process,
        number: int,
        rows: Iterable[DraftRow],
        by,
        task: Task | None = None,
        note: str = "",
        decided: tuple[int, int] | None = None,
        forms_compiled: int | None = None,
    ) -> DraftRkt:
        """Store a version with all its rows at once (the only way rows are written);
        `decided`: the corrections accepted and rejected by step 8 to make it;
        `forms_compiled`: the Form RKTs step 6 compiled into version 1."""
        accepted, rejected = decided if decided is not None else (None, None)
        draft = DraftRkt(
            process=process,
            number=number,
            created_by=by,
            task=task,
            note=note[:500],
            corrections_accepted=accepted,
            corrections_rejected=rejected,
            forms_compiled=forms_compiled,
        )
        draft.save(force_insert=True)
        rows = list(rows)
        for order, row in enumerate(rows, start=1):
            row.draft = draft
            row.order = order
        DraftRow.objects.bulk_create(rows)
        return draft

    def latest_of(self, process: Process) -> DraftRkt | None:
        return self.filter(process=process).order_by("-number").first()


class DraftRkt(models.Model):
    """One version of the Draft RKT of a process: version 1 compiled, later ones corrected."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    process = models.ForeignKey(
        Process, models.PROTECT, related_name="drafts", verbose_name=_("pelaksanaan SOP")
    )
    number = models.PositiveSmallIntegerField(_("versi"))
    status = models.CharField(
        _("status"), max_length=5, choices=Status.choices, default=Status.DRAFT
    )
    task = models.ForeignKey(
        Task,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat pada tugas"),
    )
    note = models.CharField(_("keterangan"), max_length=500, blank=True)
    # What made this version, counted when it was made (the Form RKTs compiled, or step 8's
    # decisions): its summary is written at display in the reader's language (`summary`).
    # None: a version stored before the counts were, whose note is all there is.
    forms_compiled = models.PositiveSmallIntegerField(_("Form RKT"), null=True, blank=True)
    corrections_accepted = models.PositiveSmallIntegerField(_("diterima"), null=True, blank=True)
    corrections_rejected = models.PositiveSmallIntegerField(_("ditolak"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dibuat oleh")
    )
    created_at = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    frozen_at = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditetapkan oleh"),
    )

    objects = DraftRktQuerySet.as_manager()

    FREEZE_FIELDS = frozenset({"status", "frozen_at", "frozen_by"})

    class Meta:
        verbose_name = _("versi Draft RKT")
        verbose_name_plural = _("versi Draft RKT")
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="draft_rkt_version_unique")
        ]

    def __str__(self) -> str:
        return f"Draft RKT {self.process.year} versi {self.number}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            fields = kwargs.get("update_fields")
            if fields is None or not set(fields) <= self.FREEZE_FIELDS:
                raise ImmutableError(IMMUTABLE_VERSION)
            stored = DraftRkt.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == self.Status.FINAL:
                raise ImmutableError(_("Versi final tidak dapat diubah lagi."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(IMMUTABLE_VERSION)

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    @property
    def summary(self) -> str:
        """The version's note in the active language, from what made it (the forms compiled,
        step 8's decisions); otherwise the note as stored."""
        if self.forms_compiled is not None:
            return compilation_summary(self.forms_compiled)
        if self.corrections_accepted is None or self.corrections_rejected is None:
            return self.note
        return decisions_summary(self.corrections_accepted, self.corrections_rejected)

    def freeze(self, *, by) -> None:
        """Mark this version as the final RKT (step 10 "ya"); once only."""
        self.status = self.Status.FINAL
        self.frozen_at = timezone.now()
        self.frozen_by = by
        self.save(update_fields=["status", "frozen_at", "frozen_by"])


@per_language_alone
def compilation_summary(form_count: int) -> str:
    """ "Kompilasi 5 Form RKT unit kerja." in the active language."""
    return gettext("Kompilasi %(count)s Form RKT unit kerja.") % {"count": form_count}


@per_language_alone
def decisions_summary(accepted: int, rejected: int) -> str:
    """ "1 koreksi diterima, 0 ditolak." in the active language (kept: a page lists every
    version, most with the same few counts)."""
    if not accepted and not rejected:
        return gettext("Tanpa koreksi terbuka.")
    return gettext("%(accepted)s koreksi diterima, %(rejected)s ditolak.") % {
        "accepted": accepted,
        "rejected": rejected,
    }


class DraftRowQuerySet(_ImmutableQuerySet):
    message = IMMUTABLE_ROW


class DraftRow(models.Model):
    """One line of the official RKT table, as issued in one version."""

    class Section(models.TextChoices):
        SASARAN = "sasaran", _("Sasaran strategis dan IKU")
        PROGRAM = "program", _("Program, kegiatan, dan sub kegiatan")

    draft = models.ForeignKey(DraftRkt, models.CASCADE, related_name="rows")
    key = models.CharField(_("kunci baris"), max_length=200)
    order = models.PositiveIntegerField(_("urutan"))
    section = models.CharField(_("bagian"), max_length=10, choices=Section.choices)
    sasaran_code = models.CharField(_("kode sasaran strategis"), max_length=20, blank=True)
    sasaran_strategis = models.TextField(_("sasaran strategis"), blank=True)
    indikator = models.TextField(_("indikator kinerja"))
    satuan = models.CharField(_("satuan"), max_length=50, blank=True)
    target = models.CharField(_("target"), max_length=100, blank=True)
    program_code = models.CharField(_("kode program"), max_length=20, blank=True)
    program_name = models.CharField(_("program"), max_length=300, blank=True)
    kegiatan_code = models.CharField(_("kode kegiatan"), max_length=20, blank=True)
    kegiatan_name = models.CharField(_("kegiatan"), max_length=300, blank=True)
    sub_kegiatan_code = models.CharField(_("kode sub kegiatan"), max_length=25, blank=True)
    sub_kegiatan_name = models.CharField(_("sub kegiatan"), max_length=300, blank=True)
    sasaran_kegiatan = models.TextField(_("sasaran kegiatan"), blank=True)
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit kerja")
    )
    unit_name = models.CharField(_("nama unit kerja"), max_length=200, blank=True)
    anggaran = models.DecimalField(
        _("anggaran (Rp)"), max_digits=18, decimal_places=2, null=True, blank=True
    )

    objects = DraftRowQuerySet.as_manager()

    # The fields whose values a version shows; a diff compares these (not the order).
    CONTENT_FIELDS = (
        "section",
        "sasaran_code",
        "sasaran_strategis",
        "indikator",
        "satuan",
        "target",
        "program_code",
        "program_name",
        "kegiatan_code",
        "kegiatan_name",
        "sub_kegiatan_code",
        "sub_kegiatan_name",
        "sasaran_kegiatan",
        "unit_name",
        "anggaran",
    )

    class Meta:
        verbose_name = _("baris Draft RKT")
        verbose_name_plural = _("baris Draft RKT")
        ordering = ["draft", "order"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "key"], name="draft_row_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.indikator}"

    def save(self, *args, **kwargs) -> None:
        raise ImmutableError(IMMUTABLE_ROW)

    def delete(self, *args, **kwargs):
        raise ImmutableError(IMMUTABLE_ROW)

    @property
    def level(self) -> str:
        """iku, program, kegiatan or sub_kegiatan: the most specific level the row names."""
        if self.section == self.Section.SASARAN:
            return "iku"
        if self.sub_kegiatan_code:
            return "sub_kegiatan"
        return "kegiatan" if self.kegiatan_code else "program"

    @property
    def code(self) -> str:
        return (
            self.sub_kegiatan_code or self.kegiatan_code or self.program_code or self.sasaran_code
        )

    @property
    def title(self) -> str:
        """What the row is about, as a reader names it in a correction list."""
        name = self.sub_kegiatan_name or self.kegiatan_name or self.program_name
        if self.section == self.Section.SASARAN or not name:
            return f"{self.sasaran_code} {self.sasaran_strategis}".strip()
        return f"{self.code} {name}"

    def content(self) -> dict[str, object]:
        return {field: getattr(self, field) for field in self.CONTENT_FIELDS}

    def copy(self, **changes) -> DraftRow:
        """An unsaved row for the next version with the same key and content, plus `changes`."""
        values = self.content()
        values.update(changes)
        return DraftRow(key=self.key, unit_id=self.unit_id, order=self.order, **values)


class Correction(models.Model):
    """A verdict on a row of a version (step 7) or a reviewer's comment (steps 9 and 10).

    "sesuai" verdicts are only noted; a "koreksi" or "komentar" stays open until
    the Kasubbag Perencanaan accepts or rejects it while making the next version
    (step 8), which is then `resolved_in`. An empty `row_key` is a comment on the
    whole draft (the note of a reviewer's "tidak" without row comments).
    """

    class Field(models.TextChoices):
        INDIKATOR = "indikator", _("Indikator kinerja")
        SATUAN = "satuan", _("Satuan")
        TARGET = "target", _("Target")
        ANGGARAN = "anggaran", _("Anggaran")
        HAPUS = "hapus", _("Hapus baris")
        BARIS = "baris", _("Seluruh baris / catatan")

    class Source(models.TextChoices):
        UNIT_REVIEW = "unit_review", _("Koreksi unit kerja (langkah 7)")
        SEKRETARIS = "sekretaris", _("Koreksi Sekretaris (langkah 9)")
        KEPALA = "kepala", _("Koreksi Kepala Badan (langkah 10)")

    class Verdict(models.TextChoices):
        SESUAI = "sesuai", _("Sesuai")
        KOREKSI = "koreksi", _("Koreksi")
        KOMENTAR = "komentar", _("Komentar")

    class Status(models.TextChoices):
        NOTED = "noted", _("Dicatat")
        OPEN = "open", _("Terbuka")
        ACCEPTED = "accepted", _("Diterima")
        REJECTED = "rejected", _("Ditolak")

    # Fields whose proposed value replaces the row's value when accepted.
    VALUE_FIELDS = frozenset({"indikator", "satuan", "target", "anggaran"})

    draft = models.ForeignKey(
        DraftRkt, models.PROTECT, related_name="corrections", verbose_name=_("versi diperiksa")
    )
    task = models.ForeignKey(
        Task, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("tugas")
    )
    row_key = models.CharField(_("kunci baris"), max_length=200, blank=True)
    field = models.CharField(_("bagian yang dikoreksi"), max_length=10, choices=Field.choices)
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit kerja")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    source = models.CharField(_("sumber"), max_length=12, choices=Source.choices)
    verdict = models.CharField(_("hasil pemeriksaan"), max_length=8, choices=Verdict.choices)
    comment = models.TextField(_("catatan"), blank=True)
    proposed_value = models.TextField(_("usulan nilai"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    decision_reason = models.TextField(_("alasan keputusan"), blank=True)
    resolved_in = models.ForeignKey(
        DraftRkt,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="resolved_corrections",
        verbose_name=_("ditindaklanjuti pada versi"),
    )

    class Meta:
        verbose_name = _("koreksi Draft RKT")
        verbose_name_plural = _("koreksi Draft RKT")
        ordering = ["draft", "created_at", "pk"]
        indexes = [models.Index(fields=["draft", "row_key"], name="correction_row_idx")]

    def __str__(self) -> str:
        where = self.row_key or _("umum")
        return f"{self.get_verdict_display()} {where}: {self.comment[:60]}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def changes_value(self) -> bool:
        return self.field in self.VALUE_FIELDS and bool(self.proposed_value)

    def new_value(self) -> str | Decimal:
        """The proposed value as the row stores it (anggaran as a Decimal)."""
        if self.field == self.Field.ANGGARAN:
            return parse_rupiah(self.proposed_value)
        return self.proposed_value.strip()


_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")
_PLAIN = re.compile(r"^\d+(,\d{1,2})?$")


def parse_rupiah(text: str) -> Decimal:
    """'Rp 1.250.000' or '1250000,50' as a Decimal; ValueError for anything else."""
    cleaned = re.sub(r"(?i)^rp\.?", "", (text or "").strip()).replace(" ", "")
    if not (_GROUPED.match(cleaned) or _PLAIN.match(cleaned)):
        raise ValueError(text)
    try:
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the patterns admit digits only
        raise ValueError(text) from error
