"""A Renstra as plain rows, its validation, and replacing a stored Renstra with it.

The rows mirror the sheets of the Excel template (one dataclass per sheet, parents
referred to by code, units by singkatan), so the importer, the exporter and the
demo share one representation and one set of rules. Validation names the sheet,
the row and the field of every problem; the Excel layer turns fields into columns.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.db import connections, router, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import (
    DO_NOTHING,
    PROTECT,
    RESTRICT,
    SET_NULL,
    DecimalField,
    ProtectedError,
    Q,
    Sum,
    signals,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.org.models import Organization, Unit
from erkt.rkt.models import (
    MAX_YEAR,
    MIN_YEAR,
    PERIOD_YEARS,
    Arah,
    FormRkt,
    Indikator,
    IndikatorTarget,
    Kegiatan,
    Pagu,
    Program,
    Renstra,
    SasaranStrategis,
    SubKegiatan,
    Tujuan,
    kegiatan_code_error,
    program_code_error,
    short_code_error,
    sub_kegiatan_code_error,
)

# Sheet names double as the names of the row kinds in errors.
RENSTRA, TUJUAN, SASARAN, PROGRAM, KEGIATAN, SUB_KEGIATAN, INDIKATOR = (
    "Renstra",
    "Tujuan",
    "Sasaran",
    "Program",
    "Kegiatan",
    "Sub Kegiatan",
    "Indikator",
)


@dataclass
class TujuanRow:
    code: str
    uraian: str
    row: int | None = None


@dataclass
class SasaranRow:
    code: str
    tujuan: str
    uraian: str
    row: int | None = None


@dataclass
class ProgramRow:
    code: str
    name: str
    sasaran: str = ""
    row: int | None = None


@dataclass
class KegiatanRow:
    code: str
    program: str
    name: str
    unit: str
    row: int | None = None


@dataclass
class SubKegiatanRow:
    code: str
    kegiatan: str
    name: str
    unit: str
    pagu: dict[int, Decimal] = field(default_factory=dict)
    row: int | None = None


@dataclass
class IndikatorRow:
    code: str
    uraian: str
    satuan: str
    arah: str
    baseline: Decimal | None
    targets: dict[int, Decimal] = field(default_factory=dict)
    is_iku: bool = False
    formula: str = ""
    sumber_data: str = ""
    row: int | None = None


@dataclass
class RenstraData:
    title: str
    period_start: int | None
    tujuan: list[TujuanRow] = field(default_factory=list)
    sasaran: list[SasaranRow] = field(default_factory=list)
    programs: list[ProgramRow] = field(default_factory=list)
    kegiatan: list[KegiatanRow] = field(default_factory=list)
    sub_kegiatan: list[SubKegiatanRow] = field(default_factory=list)
    indikator: list[IndikatorRow] = field(default_factory=list)
    row: int | None = None

    @property
    def years(self) -> list[int]:
        if self.period_start is None:
            return []
        return list(range(self.period_start, self.period_start + PERIOD_YEARS))

    def counts(self) -> dict[str, int]:
        return {
            "tujuan": len(self.tujuan),
            "sasaran": len(self.sasaran),
            "iku": sum(1 for row in self.indikator if row.is_iku),
            "indikator": len(self.indikator),
            "program": len(self.programs),
            "kegiatan": len(self.kegiatan),
            "sub_kegiatan": len(self.sub_kegiatan),
        }


@dataclass(frozen=True)
class DataError:
    """A problem in one field of one row of one sheet (row/field None: the whole sheet)."""

    sheet: str
    row: int | None
    field: str | None
    message: str


class RenstraDataError(Exception):
    def __init__(self, errors: list[DataError]):
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


def validate(organization: Organization, data: RenstraData) -> list[DataError]:
    """Every problem that stops `data` from becoming the organisation's Renstra."""
    check = _Checker(organization, data)
    check.renstra()
    check.tujuan()
    check.sasaran()
    check.programs()
    check.kegiatan()
    check.sub_kegiatan()
    check.indikator()
    check.completeness()
    return check.errors


def validate_entries(organization: Organization, data: RenstraData) -> list[DataError]:
    """validate() without the completeness check: the rows of a Renstra still being drawn
    up (erkt.renstra_process), where a tujuan may not have its sasaran yet."""
    check = _Checker(organization, data)
    check.renstra()
    check.tujuan()
    check.sasaran()
    check.programs()
    check.kegiatan()
    check.sub_kegiatan()
    check.indikator()
    return check.errors


ARAH_VALUES = frozenset(Arah.values)


@cache
def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class _Checker:
    def __init__(self, organization: Organization, data: RenstraData):
        self.organization = organization
        self.data = data
        self.errors: list[DataError] = []
        self.units = {unit.short_name.casefold() for unit in organization.units.all()}

    def add(self, sheet: str, row: int | None, field: str | None, message: str) -> None:
        self.errors.append(DataError(sheet, row, field, message))

    def required(self, sheet: str, obj, *fields: str) -> None:
        for name in fields:
            if not getattr(obj, name):
                self.add(sheet, obj.row, name, _("Wajib diisi."))

    def fits(self, sheet: str, obj, model, *fields: str) -> None:
        for name in fields:
            limit = _max_length(model, name)
            if len(getattr(obj, name) or "") > limit:
                self.add(
                    sheet,
                    obj.row,
                    name,
                    _("Paling banyak %(limit)s karakter.") % {"limit": limit},
                )

    def unique(self, sheet: str, rows, key, label: str) -> set:
        """Report every row repeating an earlier row's key; return the keys seen."""
        first: dict = {}
        for row in rows:
            value = key(row)
            if not all(value if isinstance(value, tuple) else (value,)):
                continue  # an empty key is reported as missing, not as a duplicate
            if value in first:
                self.add(
                    sheet,
                    row.row,
                    "code",
                    _("Baris duplikat: %(label)s sudah ada di baris %(first)s.")
                    % {"label": label % {"code": row.code}, "first": first[value].row},
                )
            else:
                first[value] = row
        return set(first)

    def renstra(self) -> None:
        data = self.data
        self.required(RENSTRA, data, "title")
        self.fits(RENSTRA, data, Renstra, "title")
        start = data.period_start
        if start is None:
            self.add(RENSTRA, data.row, "period_start", _("Wajib diisi."))
            return
        if not MIN_YEAR <= start <= MAX_YEAR:
            self.add(RENSTRA, data.row, "period_start", _("Tahun awal tidak wajar."))
            return
        other = Renstra(organization=self.organization, period_start=start).overlapping().first()
        if other is not None:
            self.add(
                RENSTRA,
                data.row,
                "period_start",
                _("Periode %(period)s tumpang tindih dengan Renstra %(other)s yang sudah ada.")
                % {"period": f"{start}-{start + PERIOD_YEARS - 1}", "other": other.period_label},
            )
        if years := form_years_using(self.organization, start):
            self.add(RENSTRA, data.row, "period_start", in_use_message(start, years))

    def tujuan(self) -> None:
        for row in self.data.tujuan:
            self.required(TUJUAN, row, "code", "uraian")
            if row.code and (error := short_code_error(row.code)):
                self.add(TUJUAN, row.row, "code", error)
        self.tujuan_codes = self.unique(
            TUJUAN, self.data.tujuan, lambda r: r.code, _("kode tujuan %(code)s")
        )

    def sasaran(self) -> None:
        for row in self.data.sasaran:
            self.required(SASARAN, row, "code", "tujuan", "uraian")
            if row.code and (error := short_code_error(row.code)):
                self.add(SASARAN, row.row, "code", error)
            if row.tujuan and row.tujuan not in self.tujuan_codes:
                self.add(SASARAN, row.row, "tujuan", self.unknown(row.tujuan, TUJUAN))
        self.sasaran_codes = self.unique(
            SASARAN, self.data.sasaran, lambda r: r.code, _("kode sasaran %(code)s")
        )

    def programs(self) -> None:
        for row in self.data.programs:
            self.required(PROGRAM, row, "code", "name")
            self.fits(PROGRAM, row, Program, "name")
            if row.code and (error := program_code_error(row.code)):
                self.add(PROGRAM, row.row, "code", error)
            if row.sasaran and row.sasaran not in self.sasaran_codes:
                self.add(PROGRAM, row.row, "sasaran", self.unknown(row.sasaran, SASARAN))
        self.program_codes = self.unique(
            PROGRAM, self.data.programs, lambda r: r.code, _("kode program %(code)s")
        )

    def kegiatan(self) -> None:
        for row in self.data.kegiatan:
            self.required(KEGIATAN, row, "code", "program", "name", "unit")
            self.fits(KEGIATAN, row, Kegiatan, "name")
            self.child(KEGIATAN, row, row.program, "program", self.program_codes, PROGRAM)
            self.unit(KEGIATAN, row)
        self.kegiatan_codes = self.unique(
            KEGIATAN, self.data.kegiatan, lambda r: r.code, _("kode kegiatan %(code)s")
        )

    def sub_kegiatan(self) -> None:
        for row in self.data.sub_kegiatan:
            self.required(SUB_KEGIATAN, row, "code", "kegiatan", "name", "unit")
            self.fits(SUB_KEGIATAN, row, SubKegiatan, "name")
            self.child(SUB_KEGIATAN, row, row.kegiatan, "kegiatan", self.kegiatan_codes, KEGIATAN)
            self.unit(SUB_KEGIATAN, row)
            for year in self.data.years:
                amount = row.pagu.get(year)
                if amount is None:
                    self.add(
                        SUB_KEGIATAN,
                        row.row,
                        f"pagu_{year}",
                        _("Pagu tahun %(year)s wajib diisi (isi 0 bila tidak dianggarkan).")
                        % {"year": year},
                    )
                elif amount < 0:
                    self.add(SUB_KEGIATAN, row.row, f"pagu_{year}", _("Pagu tidak boleh negatif."))
        self.sub_kegiatan_codes = self.unique(
            SUB_KEGIATAN, self.data.sub_kegiatan, lambda r: r.code, _("kode sub kegiatan %(code)s")
        )

    def child(self, sheet, row, parent: str, field_name, known: set, parent_sheet) -> None:
        """Check a kegiatan/sub kegiatan code: its pattern, its parent, its place under it."""
        code_error = kegiatan_code_error if sheet == KEGIATAN else sub_kegiatan_code_error
        if row.code and (error := code_error(row.code)):
            self.add(sheet, row.row, "code", error)
            return
        if not parent:
            return
        if parent not in known:
            self.add(sheet, row.row, field_name, self.unknown(parent, parent_sheet))
        elif row.code and (error := code_error(row.code, parent)):
            self.add(sheet, row.row, "code", error)

    def unit(self, sheet: str, row) -> None:
        if row.unit and row.unit.casefold() not in self.units:
            self.add(
                sheet,
                row.row,
                "unit",
                _("Unit %(unit)s tidak dikenal; isi singkatan unit (lihat sheet Petunjuk).")
                % {"unit": row.unit},
            )

    @staticmethod
    def unknown(code: str, sheet: str) -> str:
        return _("Kode %(code)s tidak ada di sheet %(sheet)s.") % {"code": code, "sheet": sheet}

    def indikator(self) -> None:
        owners = self.sasaran_codes | self.program_codes | self.kegiatan_codes
        owners |= self.sub_kegiatan_codes
        for row in self.data.indikator:
            self.required(INDIKATOR, row, "code", "uraian", "satuan")
            self.fits(INDIKATOR, row, Indikator, "uraian", "satuan", "sumber_data")
            if row.code and row.code not in owners:
                self.add(
                    INDIKATOR,
                    row.row,
                    "code",
                    _(
                        "Kode %(code)s tidak ada di sheet Sasaran, Program, Kegiatan, "
                        "atau Sub Kegiatan."
                    )
                    % {"code": row.code},
                )
            if row.arah not in ARAH_VALUES:
                self.add(INDIKATOR, row.row, "arah", _("Isi Naik atau Turun."))
            if row.is_iku and row.code in owners and row.code not in self.sasaran_codes:
                self.add(INDIKATOR, row.row, "is_iku", _("IKU hanya untuk indikator sasaran."))
            for year in self.data.years:
                if row.targets.get(year) is None:
                    self.add(
                        INDIKATOR,
                        row.row,
                        f"target_{year}",
                        _("Target tahun %(year)s wajib diisi.") % {"year": year},
                    )
        self.unique(
            INDIKATOR,
            self.data.indikator,
            lambda r: (r.code, " ".join(r.uraian.casefold().split())),
            _("indikator yang sama untuk kode %(code)s"),
        )

    def completeness(self) -> None:
        """A tujuan without sasaran, a sasaran without indikator... is an unfinished Renstra."""
        for sheet, rows in ((TUJUAN, self.data.tujuan), (PROGRAM, self.data.programs)):
            if not rows:
                self.add(sheet, None, None, _("Sheet ini belum berisi data."))
        self.has_children(TUJUAN, self.data.tujuan, self.data.sasaran, "tujuan", _("sasaran"))
        self.has_children(SASARAN, self.data.sasaran, self.data.indikator, "code", _("indikator"))
        self.has_children(PROGRAM, self.data.programs, self.data.kegiatan, "program", _("kegiatan"))
        self.has_children(
            KEGIATAN, self.data.kegiatan, self.data.sub_kegiatan, "kegiatan", _("sub kegiatan")
        )

    def has_children(self, sheet, parents, children, parent_field: str, what: str) -> None:
        used = Counter(getattr(child, parent_field) for child in children)
        for parent in parents:
            if parent.code and not used[parent.code]:
                self.add(
                    sheet,
                    parent.row,
                    "code",
                    _("Kode %(code)s belum mempunyai %(what)s.")
                    % {"code": parent.code, "what": what},
                )


@transaction.atomic
def replace_renstra(organization: Organization, data: RenstraData, *, by=None) -> Renstra:
    """Make `data` the organisation's Renstra for its period, replacing the stored one.

    Nothing changes when `data` has any problem (RenstraDataError lists them all).
    """
    # One import at a time per organisation: the second waits, then replaces the first.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    errors = validate(organization, data)
    if errors:
        raise RenstraDataError(errors)
    old = Renstra.objects.filter(organization=organization, period_start=data.period_start).first()
    if old is not None and old.is_draft:
        message = _(
            "Renstra %(period)s sedang disusun melalui SOP Penyusunan Renstra; "
            "isi rancangannya pada halaman langkah SOP tersebut."
        ) % {"period": old.period_label}
        raise RenstraDataError([DataError(RENSTRA, data.row, "period_start", message)])
    before = None
    if old:
        stored = _stored_sums(old)  # read before the rows go; the counts come from deleting them
        try:
            before = _stored_summary(old, *stored, deleted=delete_tree(old))
            old.delete()
        except ProtectedError as error:
            # A Form RKT issued since the check above: issuing forms takes no organisation lock.
            years = form_years_using(organization, data.period_start)
            message = in_use_message(data.period_start, years)
            raise RenstraDataError(
                [DataError(RENSTRA, data.row, "period_start", message)]
            ) from error
    renstra = Renstra.objects.create(
        organization=organization,
        period_start=data.period_start,
        period_end=data.period_start + PERIOD_YEARS - 1,
        title=data.title,
        imported_at=timezone.now() if by else None,
        imported_by=by,
    )
    _Writer(renstra, {u.short_name.casefold(): u for u in organization.units.all()}).write(data)
    record(
        organization=organization,
        user=by,
        action="renstra.replace" if old else "renstra.create",
        obj=renstra,
        before=before,
        after=_summary(data),
    )
    return renstra


@transaction.atomic
def rewrite_tree(renstra: Renstra, data: RenstraData) -> None:
    """Replace the stored rows of `renstra` (a draft) by those of `data`, validated by the
    caller; the Renstra row itself (its period, status, links) stays."""
    delete_tree(renstra)
    renstra.title = data.title
    renstra.save(update_fields=["title"])
    units = {u.short_name.casefold(): u for u in renstra.organization.units.all()}
    _Writer(renstra, units).write(data)


def _tree_of(renstra: Renstra) -> list:
    """The querysets of every row under `renstra`, leaves first (an order to delete in)."""
    indikator = _indikator_of(renstra)
    sub_kegiatan = SubKegiatan.objects.filter(kegiatan__program__renstra=renstra)
    return [
        IndikatorTarget.objects.filter(indikator__in=indikator),
        indikator,
        Pagu.objects.filter(sub_kegiatan__in=sub_kegiatan),
        sub_kegiatan,
        Kegiatan.objects.filter(program__renstra=renstra),
        Program.objects.filter(renstra=renstra),
        SasaranStrategis.objects.filter(renstra=renstra),
        Tujuan.objects.filter(renstra=renstra),
    ]


def delete_tree(renstra: Renstra) -> dict:
    """Delete every row under `renstra` (the Renstra row itself stays) with one DELETE
    per table, as Django's cascade would: ProtectedError when a row outside the tree
    protects one of them (a Form RKT row naming a kegiatan), outside references that
    are SET_NULL set to null. The cascade loads every row to do the same: several
    seconds for a large Renstra. Any other outside reference (a cascade out of the
    tree) or a delete signal on a tree model leaves the work to the cascade.

    Returns how many rows of each model of the tree were deleted."""
    tree = _tree_of(renstra)
    models = {queryset.model for queryset in tree} | {Renstra}
    outside = [
        (relation, queryset)
        for queryset in tree
        for relation in queryset.model._meta.related_objects
        if relation.related_model not in models
    ]
    if any(_has_delete_signals(queryset.model) for queryset in tree) or any(
        relation.on_delete not in (PROTECT, RESTRICT, SET_NULL, DO_NOTHING)
        for relation, _queryset in outside
    ):
        deleted = Counter()
        for queryset in reversed(tree[-3:]):  # Tujuan, Sasaran, Program: the cascade does the rest
            deleted.update(queryset.delete()[1])
        return {queryset.model: deleted[queryset.model._meta.label] for queryset in tree}
    for relation, queryset in outside:
        referring = relation.related_model._base_manager.filter(
            **{f"{relation.field.name}__in": queryset.values("pk")}
        )
        if relation.on_delete in (PROTECT, RESTRICT) and referring.exists():
            raise ProtectedError(
                f"{queryset.model._meta.label} is referred to by "
                f"{relation.related_model._meta.label}.{relation.field.name}",
                set(),
            )
    for relation, queryset in outside:
        if relation.on_delete is SET_NULL:
            relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": queryset.values("pk")}
            ).update(**{relation.field.name: None})
    return {queryset.model: queryset._raw_delete(queryset.db) for queryset in tree}


def _has_delete_signals(model) -> bool:
    return signals.pre_delete.has_listeners(model) or signals.post_delete.has_listeners(model)


def form_years_using(organization: Organization, period_start: int) -> list[int]:
    """The years whose Form RKT rows point into the stored Renstra starting in `period_start`.

    Such a Renstra cannot be replaced: the forms name its kegiatan and sub kegiatan.
    """
    years = (
        FormRkt.objects.filter(
            rows__kegiatan__program__renstra__organization=organization,
            rows__kegiatan__program__renstra__period_start=period_start,
        )
        .values_list("process__year", flat=True)
        .distinct()
        .order_by("process__year")
    )
    return list(years)


def in_use_message(period_start: int, years: list[int]) -> str:
    return _("Renstra %(period)s sudah dipakai oleh Form RKT tahun %(years)s; impor ditolak.") % {
        "period": f"{period_start}-{period_start + PERIOD_YEARS - 1}",
        "years": ", ".join(str(year) for year in years),
    }


def _summary(data: RenstraData) -> dict:
    """What the audit log keeps of a Renstra: enough to see what an import changed."""
    return {
        "title": data.title,
        "period_start": data.period_start,
        "counts": data.counts(),
        "pagu": {
            year: sum((row.pagu.get(year, Decimal(0)) for row in data.sub_kegiatan), Decimal(0))
            for year in data.years
        },
        "iku": [
            {"uraian": row.uraian, "targets": row.targets} for row in data.indikator if row.is_iku
        ],
    }


def _indikator_of(renstra: Renstra):
    """The indicators of every level of `renstra`. Each owner is matched by id in a
    subquery, so the database looks them up in its indexes; joining the four owners
    (and their parents) up to the Renstra read every indicator of every Renstra."""
    kegiatan = Kegiatan.objects.filter(program__renstra=renstra).values("pk")
    return Indikator.objects.filter(
        Q(sasaran__in=SasaranStrategis.objects.filter(renstra=renstra).values("pk"))
        | Q(program__in=Program.objects.filter(renstra=renstra).values("pk"))
        | Q(kegiatan__in=kegiatan)
        | Q(sub_kegiatan__in=SubKegiatan.objects.filter(kegiatan__in=kegiatan).values("pk"))
    )


def _stored_sums(renstra: Renstra) -> tuple[dict, list]:
    """The pagu per year and the IKU with their targets of a stored Renstra, for its
    _summary (from sums and the IKU rows: its tree is never loaded)."""
    sub_kegiatan = SubKegiatan.objects.filter(kegiatan__program__renstra=renstra)
    pagu = dict(
        Pagu.objects.filter(sub_kegiatan__in=sub_kegiatan)
        .values("year")
        .annotate(total=Sum("amount"))
        .values_list("year", "total")
    )
    iku = (
        _indikator_of(renstra)
        .filter(is_iku=True)
        .order_by(
            "sasaran__tujuan__order",
            "sasaran__tujuan__code",
            "sasaran__order",
            "sasaran__code",
            "order",
            "pk",
        )
        .prefetch_related("targets")
    )
    return pagu, [{"uraian": row.uraian, "targets": row.targets_by_year} for row in iku]


def _stored_summary(renstra: Renstra, pagu: dict, iku: list, *, deleted: dict) -> dict:
    """_summary of a stored Renstra: its _stored_sums, and the rows `deleted` of each
    model of its tree (delete_tree) as its counts."""
    return {
        "title": renstra.title,
        "period_start": renstra.period_start,
        "counts": {
            "tujuan": deleted[Tujuan],
            "sasaran": deleted[SasaranStrategis],
            "iku": len(iku),
            "indikator": deleted[Indikator],
            "program": deleted[Program],
            "kegiatan": deleted[Kegiatan],
            "sub_kegiatan": deleted[SubKegiatan],
        },
        "pagu": {year: pagu.get(year) or Decimal(0) for year in renstra.years},
        "iku": iku,
    }


class _Writer:
    """Writes the tree level by level: one insert per model, the parents' ids read back
    by code (one query per level), no model instance per row."""

    def __init__(self, renstra: Renstra, units: dict[str, Unit]):
        self.renstra = renstra
        self.units = {key: unit.pk for key, unit in units.items()}

    def write(self, data: RenstraData) -> None:
        pk, units = self.renstra.pk, self.units
        renstra = self.renstra
        _insert_rows(
            Tujuan,
            ("renstra", "code", "uraian", "order"),
            [(pk, row.code, row.uraian, order) for order, row in enumerate(data.tujuan, start=1)],
        )
        tujuan = _ids(Tujuan.objects.filter(renstra=renstra))
        _insert_rows(
            SasaranStrategis,
            ("renstra", "tujuan", "code", "uraian", "order"),
            [
                (pk, tujuan[row.tujuan], row.code, row.uraian, order)
                for order, row in enumerate(data.sasaran, start=1)
            ],
        )
        sasaran = _ids(SasaranStrategis.objects.filter(renstra=renstra))
        _insert_rows(
            Program,
            ("renstra", "sasaran", "code", "name"),
            [(pk, sasaran.get(row.sasaran), row.code, row.name) for row in data.programs],
        )
        programs = _ids(Program.objects.filter(renstra=renstra))
        _insert_rows(
            Kegiatan,
            ("program", "code", "name", "unit"),
            [
                (programs[row.program], row.code, row.name, units[row.unit.casefold()])
                for row in data.kegiatan
            ],
        )
        kegiatan = _ids(Kegiatan.objects.filter(program__renstra=renstra))
        _insert_rows(
            SubKegiatan,
            ("kegiatan", "code", "name", "unit"),
            [
                (kegiatan[row.kegiatan], row.code, row.name, units[row.unit.casefold()])
                for row in data.sub_kegiatan
            ],
        )
        sub_kegiatan = _ids(SubKegiatan.objects.filter(kegiatan__program__renstra=renstra))
        _insert_rows(
            Pagu,
            ("sub_kegiatan", "year", "amount"),
            [
                (sub_kegiatan[row.code], year, amount)
                for row in data.sub_kegiatan
                for year, amount in row.pagu.items()
            ],
        )
        self.write_indikator(data, (sasaran, programs, kegiatan, sub_kegiatan))

    def write_indikator(self, data: RenstraData, owners: tuple[dict, ...]) -> None:
        # code -> the (sasaran, program, kegiatan, sub kegiatan) ids of the indicator's
        # owner, one of them set; a code of two levels belongs to the first.
        owner_of = {}
        for level, ids in reversed(list(enumerate(owners))):
            for code, owner in ids.items():
                owner_of[code] = (None,) * level + (owner,) + (None,) * (len(owners) - level - 1)
        _insert_rows(
            Indikator,
            (
                "sasaran",
                "program",
                "kegiatan",
                "sub_kegiatan",
                "uraian",
                "satuan",
                "arah",
                "baseline",
                "formula",
                "sumber_data",
                "is_iku",
                "order",
            ),
            [
                (
                    *owner_of[row.code],
                    row.uraian,
                    row.satuan,
                    row.arah,
                    row.baseline,
                    row.formula,
                    row.sumber_data,
                    row.is_iku,
                    order,
                )
                for order, row in enumerate(data.indikator, start=1)
            ],
        )
        # `order` numbers the Renstra's indicators from 1: it finds each one's id.
        ids = dict(_indikator_of(self.renstra).order_by().values_list("order", "pk"))
        years = set(data.years)
        _insert_rows(
            IndikatorTarget,
            ("indikator", "year", "value"),
            [
                (ids[order], year, value)
                for order, row in enumerate(data.indikator, start=1)
                for year, value in row.targets.items()
                if year in years
            ],
        )


def _ids(queryset) -> dict[str, int]:
    """{code: id} of the rows of `queryset`."""
    return dict(queryset.order_by().values_list("code", "pk"))


def _insert_rows(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert `rows`, tuples of the values of `fields` (foreign keys as ids), into
    `model`'s table with one statement: an executemany on SQLite; on PostgreSQL one
    INSERT of the rows unnested from one array per column (a multi-row VALUES took
    several times longer: the client quotes every value into the statement).

    `fields` names every concrete field but the id. Building a model instance per row
    (bulk_create) cost more than all the rest of the import.
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    by_name = {field.name: field for field in model._meta.concrete_fields if not field.primary_key}
    if set(fields) != set(by_name) or len(fields) != len(by_name):
        raise ValueError(f"{model._meta.label}: give every field but the id, {sorted(by_name)}")
    columns = [by_name[name] for name in fields]
    for index, column in enumerate(columns):
        if isinstance(column, DecimalField):
            rows = _decimals_prepared(rows, index, column, connection)
    insert = "INSERT INTO {} ({})".format(
        quote(model._meta.db_table), ", ".join(quote(column.column) for column in columns)
    )
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(f"{insert} VALUES ({', '.join(['%s'] * len(columns))})", rows)
            return
        # Arrays of the column's type without its modifier (varchar, numeric): the
        # INSERT then checks lengths and rounds decimals as it does a single value.
        arrays = ", ".join(
            f"%s::{TYPE_MODIFIER.sub('', column.db_type(connection))}[]" for column in columns
        )
        cursor.execute(
            f"{insert} SELECT * FROM unnest({arrays})", [list(c) for c in zip(*rows, strict=True)]
        )


TYPE_MODIFIER = re.compile(r"\(.*\)")


def _decimals_prepared(rows: list[tuple], index: int, column: DecimalField, connection) -> list:
    """`rows` with the decimal value at `index` as get_db_prep_save makes it, without its
    layers (a tenth of the writing for 10,000 values): a finite Decimal as it is (or as
    the backend adapts it), anything else through to_python (ValidationError for NaN
    or infinity)."""
    adapt = connection.ops.adapt_decimalfield_value
    adapts = type(connection.ops).adapt_decimalfield_value is not (
        BaseDatabaseOperations.adapt_decimalfield_value
    )
    result = rows
    for number, row in enumerate(rows):
        value = row[index]
        if value is None or (isinstance(value, Decimal) and value.is_finite() and not adapts):
            continue
        if not isinstance(value, Decimal) or not value.is_finite():
            value = column.to_python(value)
        value = adapt(value, column.max_digits, column.decimal_places)
        if result is rows:
            result = list(rows)
        result[number] = (*row[:index], value, *row[index + 1 :])
    return result


def renstra_data_of(renstra: Renstra) -> RenstraData:
    """The stored Renstra as rows, in the order the page and the template show them."""
    renstra = Renstra.objects.with_tree().get(pk=renstra.pk)
    data = RenstraData(title=renstra.title, period_start=renstra.period_start)
    for tujuan in renstra.tujuan.all():
        data.tujuan.append(TujuanRow(tujuan.code, tujuan.uraian))
        for sasaran in tujuan.sasaran.all():
            data.sasaran.append(SasaranRow(sasaran.code, tujuan.code, sasaran.uraian))
            data.indikator += [_indikator_row(sasaran.code, i) for i in sasaran.indikator.all()]
    for program in renstra.programs.all():
        sasaran_code = program.sasaran.code if program.sasaran else ""
        data.programs.append(ProgramRow(program.code, program.name, sasaran_code))
        data.indikator += [_indikator_row(program.code, i) for i in program.indikator.all()]
        for kegiatan in program.kegiatan.all():
            data.kegiatan.append(
                KegiatanRow(kegiatan.code, program.code, kegiatan.name, kegiatan.unit.short_name)
            )
            data.indikator += [_indikator_row(kegiatan.code, i) for i in kegiatan.indikator.all()]
            for sub in kegiatan.sub_kegiatan.all():
                data.sub_kegiatan.append(
                    SubKegiatanRow(
                        sub.code, kegiatan.code, sub.name, sub.unit.short_name, sub.pagu_by_year
                    )
                )
                data.indikator += [_indikator_row(sub.code, i) for i in sub.indikator.all()]
    return data


def _indikator_row(code: str, indikator: Indikator) -> IndikatorRow:
    return IndikatorRow(
        code=code,
        uraian=indikator.uraian,
        satuan=indikator.satuan,
        arah=indikator.arah,
        baseline=indikator.baseline,
        targets=indikator.targets_by_year,
        is_iku=indikator.is_iku,
        formula=indikator.formula,
        sumber_data=indikator.sumber_data,
    )
