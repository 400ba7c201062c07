"""The Renstra of a Perangkat Daerah: tujuan, sasaran strategis, IKU and the program tree.

Program / kegiatan / sub kegiatan follow the nomenclature of Permendagri 90/2019
(updated by Kepmendagri 050-5889/2021): program 5.03.02, kegiatan 5.03.02.2.02,
sub kegiatan 5.03.02.2.02.0001. Each level carries indicators with a numeric
target per year of the period. The pagu indikatif is entered where the budget is
set since Permendagri 90, on the sub kegiatan; a kegiatan's and a program's pagu
are the sums, so the levels can never disagree.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from erkt.compiled_sql import Shape
from erkt.org.models import Organization, Unit

PERIOD_YEARS = 5
MIN_YEAR, MAX_YEAR = 2000, 2100

PROGRAM_CODE = re.compile(r"^[1-8]\.\d{2}\.\d{2}$")
KEGIATAN_CODE = re.compile(r"^[1-8]\.\d{2}\.\d{2}\.[12]\.\d{2}$")
SUB_KEGIATAN_CODE = re.compile(r"^[1-8]\.\d{2}\.\d{2}\.[12]\.\d{2}\.\d{4}$")
# Tujuan and sasaran codes start with a letter so they never read as a nomenclature code.
SHORT_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9.\-]{0,19}$")


def program_code_error(code: str) -> str | None:
    if PROGRAM_CODE.match(code):
        return None
    return str(_("Kode program harus berpola X.XX.XX (Permendagri 90/2019), misalnya 5.03.02."))


def kegiatan_code_error(code: str, program_code: str | None = None) -> str | None:
    if not KEGIATAN_CODE.match(code):
        return str(
            _(
                "Kode kegiatan harus berpola X.XX.XX.X.XX (Permendagri 90/2019), "
                "misalnya 5.03.02.2.02."
            )
        )
    if program_code is not None and parent_code(code) != program_code:
        return str(
            _("Kode kegiatan %(code)s tidak berada di bawah program %(parent)s.")
            % {"code": code, "parent": program_code}
        )
    return None


def sub_kegiatan_code_error(code: str, kegiatan_code: str | None = None) -> str | None:
    if not SUB_KEGIATAN_CODE.match(code):
        return str(
            _(
                "Kode sub kegiatan harus berpola X.XX.XX.X.XX.XXXX (Permendagri 90/2019), "
                "misalnya 5.03.02.2.02.0001."
            )
        )
    if kegiatan_code is not None and parent_code(code) != kegiatan_code:
        return str(
            _("Kode sub kegiatan %(code)s tidak berada di bawah kegiatan %(parent)s.")
            % {"code": code, "parent": kegiatan_code}
        )
    return None


def short_code_error(code: str) -> str | None:
    if SHORT_CODE.match(code):
        return None
    return str(_("Kode harus diawali huruf, tanpa spasi, paling banyak 20 karakter, misalnya SS1."))


def parent_code(code: str) -> str:
    """The code one level up: 5.03.02.2.02.0001 -> 5.03.02.2.02 -> 5.03.02."""
    parts = code.split(".")
    return ".".join(parts[:5] if len(parts) == 6 else parts[:3])


def _sum_by_year(mappings) -> dict[int, Decimal]:
    total: dict[int, Decimal] = {}
    for mapping in mappings:
        for year, amount in mapping.items():
            total[year] = total.get(year, Decimal(0)) + amount
    return total


class RenstraQuerySet(models.QuerySet):
    def with_tree(self) -> RenstraQuerySet:
        """Prefetch every level, so reading a whole Renstra costs a fixed dozen queries."""
        return self.prefetch_related(
            "tujuan__sasaran__indikator__targets",
            "programs__sasaran",
            "programs__indikator__targets",
            "programs__kegiatan__unit",
            "programs__kegiatan__indikator__targets",
            "programs__kegiatan__sub_kegiatan__unit",
            "programs__kegiatan__sub_kegiatan__indikator__targets",
            "programs__kegiatan__sub_kegiatan__pagu",
        )


class Renstra(models.Model):
    """The 5-year Rencana Strategis of one Perangkat Daerah.

    A Renstra being drawn up by the SOP Penyusunan Renstra (erkt.renstra_process) is a
    draft; the RKT reads only a Renstra in force (ditetapkan), see `covering`.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        DITETAPKAN = "ditetapkan", _("Ditetapkan")

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="renstra", verbose_name=_("perangkat daerah")
    )
    period_start = models.PositiveSmallIntegerField(_("tahun awal"))
    period_end = models.PositiveSmallIntegerField(_("tahun akhir"), editable=False)
    title = models.CharField(_("judul"), max_length=300)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DITETAPKAN
    )
    ditetapkan_at = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    imported_at = models.DateTimeField(_("diimpor pada"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diimpor oleh"),
    )

    objects = RenstraQuerySet.as_manager()

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        ordering = ["organization", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "period_start"], name="renstra_period_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end=models.F("period_start") + PERIOD_YEARS - 1),
                name="renstra_period_five_years",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_label})"

    def save(self, *args, **kwargs) -> None:
        self._set_period_end()
        super().save(*args, **kwargs)

    @property
    def period_label(self) -> str:
        return f"{self.period_start}-{self.period_end}"

    @property
    def years(self) -> list[int]:
        return list(range(self.period_start, self.period_end + 1))

    def _set_period_end(self) -> None:
        # The period is always five years: the end follows from the start.
        if self.period_start is not None:
            self.period_end = self.period_start + PERIOD_YEARS - 1

    def clean_fields(self, exclude=None) -> None:
        self._set_period_end()
        super().clean_fields(exclude)

    def clean(self) -> None:
        if self.period_start is None:
            return
        if not MIN_YEAR <= self.period_start <= MAX_YEAR:
            raise ValidationError({"period_start": _("Tahun awal tidak wajar.")})
        if self.organization_id and self.overlapping().exists():
            raise ValidationError(
                {"period_start": _("Periode ini tumpang tindih dengan Renstra lain.")}
            )

    def overlapping(self) -> models.QuerySet[Renstra]:
        """Other Renstra of the organisation sharing a year with this one's period."""
        return Renstra.objects.filter(
            organization_id=self.organization_id,
            period_start__lte=self.period_start + PERIOD_YEARS - 1,
            period_end__gte=self.period_start,
        ).exclude(period_start=self.period_start)

    @classmethod
    def covering(cls, organization: Organization, year: int) -> Renstra | None:
        """The Renstra in force for `year` (a draft is never read by the RKT)."""
        if organization is None:
            return None  # filter(organization=None): no Renstra belongs to no organisation
        found = COVERING.rows(organization.pk, year, year)
        return found[0] if found else None

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def iku(self) -> list[Indikator]:
        return [
            indikator
            for tujuan in self.tujuan.all()
            for sasaran in tujuan.sasaran.all()
            for indikator in sasaran.indikator.all()
            if indikator.is_iku
        ]

    @property
    def pagu_by_year(self) -> dict[int, Decimal]:
        return _sum_by_year(program.pagu_by_year for program in self.programs.all())

    def as_dict(self) -> dict:
        """The whole Renstra as plain data (for the API); prefetch with `with_tree()`."""
        return {
            "id": self.pk,
            "title": self.title,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "years": self.years,
            "tujuan": [tujuan.as_dict() for tujuan in self.tujuan.all()],
            "programs": [program.as_dict() for program in self.programs.all()],
            "pagu": _pagu_list(self.pagu_by_year, self.years),
        }


def _pagu_list(by_year: dict[int, Decimal], years: list[int]) -> list[dict]:
    return [{"year": year, "amount": by_year.get(year, Decimal(0))} for year in years]


# Renstra.covering's query (Meta.ordering's first), compiled once (erkt.compiled_sql).
COVERING = Shape(
    lambda organization_id, start, end: Renstra.objects.filter(
        organization_id=organization_id,
        status=Renstra.Status.DITETAPKAN,
        period_start__lte=start,
        period_end__gte=end,
    )[:1]
)


class Tujuan(models.Model):
    renstra = models.ForeignKey(Renstra, models.CASCADE, related_name="tujuan")
    code = models.CharField(_("kode"), max_length=20)
    uraian = models.TextField(_("uraian tujuan"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        ordering = ["renstra", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "code"], name="tujuan_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.uraian}"

    def clean(self) -> None:
        if error := short_code_error(self.code or ""):
            raise ValidationError({"code": error})

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "uraian": self.uraian,
            "sasaran": [sasaran.as_dict() for sasaran in self.sasaran.all()],
        }


class SasaranStrategis(models.Model):
    renstra = models.ForeignKey(Renstra, models.CASCADE, related_name="sasaran")
    tujuan = models.ForeignKey(
        Tujuan, models.CASCADE, related_name="sasaran", verbose_name=_("tujuan")
    )
    code = models.CharField(_("kode"), max_length=20)
    uraian = models.TextField(_("uraian sasaran strategis"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("sasaran strategis")
        verbose_name_plural = _("sasaran strategis")
        ordering = ["renstra", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "code"], name="sasaran_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.uraian}"

    def clean(self) -> None:
        errors = {}
        if error := short_code_error(self.code or ""):
            errors["code"] = error
        if self.tujuan_id and self.renstra_id and self.tujuan.renstra_id != self.renstra_id:
            errors["tujuan"] = _("Tujuan harus tujuan pada Renstra yang sama.")
        if errors:
            raise ValidationError(errors)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "uraian": self.uraian,
            "indikator": [indikator.as_dict() for indikator in self.indikator.all()],
        }


class Program(models.Model):
    renstra = models.ForeignKey(Renstra, models.CASCADE, related_name="programs")
    sasaran = models.ForeignKey(
        SasaranStrategis,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="programs",
        verbose_name=_("sasaran strategis yang didukung"),
    )
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nomenklatur program"), max_length=300)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["renstra", "code"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "code"], name="program_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        errors = {}
        if error := program_code_error(self.code or ""):
            errors["code"] = error
        if self.sasaran_id and self.renstra_id and self.sasaran.renstra_id != self.renstra_id:
            errors["sasaran"] = _("Sasaran harus sasaran pada Renstra yang sama.")
        if errors:
            raise ValidationError(errors)

    @property
    def pagu_by_year(self) -> dict[int, Decimal]:
        return _sum_by_year(kegiatan.pagu_by_year for kegiatan in self.kegiatan.all())

    def as_dict(self) -> dict:
        years = self.renstra.years
        return {
            "code": self.code,
            "name": self.name,
            "sasaran": self.sasaran.code if self.sasaran else None,
            "indikator": [indikator.as_dict() for indikator in self.indikator.all()],
            "pagu": _pagu_list(self.pagu_by_year, years),
            "kegiatan": [kegiatan.as_dict(years) for kegiatan in self.kegiatan.all()],
        }


UNIT_OF_OTHER_ORGANIZATION = _("Unit penanggung jawab harus unit pada perangkat daerah ini.")


class Kegiatan(models.Model):
    program = models.ForeignKey(
        Program, models.CASCADE, related_name="kegiatan", verbose_name=_("program")
    )
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nomenklatur kegiatan"), max_length=300)
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="kegiatan", verbose_name=_("unit penanggung jawab")
    )

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["program", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="kegiatan_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        errors = {}
        if not self.program_id:
            return
        if error := kegiatan_code_error(self.code or "", self.program.code):
            errors["code"] = error
        if self.unit_id and self.unit.organization_id != self.program.renstra.organization_id:
            errors["unit"] = UNIT_OF_OTHER_ORGANIZATION
        if errors:
            raise ValidationError(errors)

    @property
    def pagu_by_year(self) -> dict[int, Decimal]:
        return _sum_by_year(sub.pagu_by_year for sub in self.sub_kegiatan.all())

    def as_dict(self, years: list[int]) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "unit": self.unit.short_name,
            "indikator": [indikator.as_dict() for indikator in self.indikator.all()],
            "pagu": _pagu_list(self.pagu_by_year, years),
            "sub_kegiatan": [sub.as_dict(years) for sub in self.sub_kegiatan.all()],
        }


class SubKegiatan(models.Model):
    kegiatan = models.ForeignKey(
        Kegiatan, models.CASCADE, related_name="sub_kegiatan", verbose_name=_("kegiatan")
    )
    code = models.CharField(_("kode"), max_length=25)
    name = models.CharField(_("nomenklatur sub kegiatan"), max_length=300)
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="sub_kegiatan", verbose_name=_("unit penanggung jawab")
    )

    class Meta:
        verbose_name = _("sub kegiatan")
        verbose_name_plural = _("sub kegiatan")
        ordering = ["kegiatan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "code"], name="sub_kegiatan_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        errors = {}
        if not self.kegiatan_id:
            return
        if error := sub_kegiatan_code_error(self.code or "", self.kegiatan.code):
            errors["code"] = error
        organization_id = self.kegiatan.program.renstra.organization_id
        if self.unit_id and self.unit.organization_id != organization_id:
            errors["unit"] = UNIT_OF_OTHER_ORGANIZATION
        if errors:
            raise ValidationError(errors)

    @property
    def pagu_by_year(self) -> dict[int, Decimal]:
        return {pagu.year: pagu.amount for pagu in self.pagu.all()}

    def as_dict(self, years: list[int]) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "unit": self.unit.short_name,
            "indikator": [indikator.as_dict() for indikator in self.indikator.all()],
            "pagu": _pagu_list(self.pagu_by_year, years),
        }


class Pagu(models.Model):
    """The pagu indikatif of a sub kegiatan for one year of the period, in Rupiah."""

    # No index of its own: pagu_year_unique's (sub_kegiatan, year) index serves every lookup
    # by sub kegiatan, and a second index only costs each import a write per row.
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, models.CASCADE, related_name="pagu", db_index=False
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    amount = models.DecimalField(_("pagu indikatif (Rp)"), max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = _("pagu indikatif")
        verbose_name_plural = _("pagu indikatif")
        ordering = ["sub_kegiatan", "year"]
        constraints = [
            models.UniqueConstraint(fields=["sub_kegiatan", "year"], name="pagu_year_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="pagu_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: Rp {self.amount}"

    def clean(self) -> None:
        errors = {}
        if self.amount is not None and self.amount < 0:
            errors["amount"] = _("Pagu tidak boleh negatif.")
        if self.sub_kegiatan_id and self.year is not None:
            renstra = self.sub_kegiatan.kegiatan.program.renstra
            if self.year not in renstra.years:
                errors["year"] = _("Tahun harus dalam periode Renstra %(period)s.") % {
                    "period": renstra.period_label
                }
        if errors:
            raise ValidationError(errors)


class Arah(models.TextChoices):
    """Which way an indicator improves."""

    NAIK = "naik", _("Naik (makin tinggi makin baik)")
    TURUN = "turun", _("Turun (makin rendah makin baik)")


class Level(models.TextChoices):
    SASARAN = "sasaran", _("Sasaran strategis")
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")
    SUB_KEGIATAN = "sub_kegiatan", _("Sub kegiatan")


OWNER_FIELDS = ("sasaran", "program", "kegiatan", "sub_kegiatan")


def _exactly_one_owner() -> models.Q:
    condition = models.Q()
    for owner in OWNER_FIELDS:
        condition |= models.Q(**{f"{field}__isnull": field != owner for field in OWNER_FIELDS})
    return condition


class Indikator(models.Model):
    """An indikator kinerja of exactly one sasaran strategis, program, kegiatan or sub kegiatan.

    One table with one nullable foreign key per level (exactly one set, a check
    constraint) keeps real foreign keys and cascades, unlike a generic relation.
    Targets are numbers: a qualitative target (a predicate such as "BB") is
    entered as its score.
    """

    sasaran = models.ForeignKey(
        SasaranStrategis, models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    program = models.ForeignKey(
        Program, models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    uraian = models.CharField(_("uraian indikator"), max_length=500)
    satuan = models.CharField(_("satuan"), max_length=50)
    arah = models.CharField(_("arah"), max_length=5, choices=Arah.choices, default=Arah.NAIK)
    baseline = models.DecimalField(
        _("nilai dasar"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    formula = models.TextField(_("formula"), blank=True)
    sumber_data = models.CharField(_("sumber data"), max_length=300, blank=True)
    is_iku = models.BooleanField(_("IKU"), default=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_owner(), name="indikator_one_owner"),
            models.CheckConstraint(
                condition=models.Q(is_iku=False) | models.Q(sasaran__isnull=False),
                name="indikator_iku_on_sasaran",
            ),
        ]

    def __str__(self) -> str:
        return self.uraian

    @property
    def level(self) -> Level:
        return Level(next(field for field in OWNER_FIELDS if getattr(self, f"{field}_id")))

    @property
    def owner(self) -> SasaranStrategis | Program | Kegiatan | SubKegiatan:
        return getattr(self, self.level.value)

    def owner_id_is_set(self) -> bool:
        return any(getattr(self, f"{field}_id") for field in OWNER_FIELDS)

    @property
    def renstra(self) -> Renstra:
        owner = self.owner
        if isinstance(owner, SubKegiatan):
            owner = owner.kegiatan
        if isinstance(owner, Kegiatan):
            owner = owner.program
        return owner.renstra

    def clean(self) -> None:
        owners = [field for field in OWNER_FIELDS if getattr(self, f"{field}_id")]
        if len(owners) != 1:
            raise ValidationError(
                _("Indikator harus milik tepat satu sasaran, program, kegiatan, atau sub kegiatan.")
            )
        if self.is_iku and not self.sasaran_id:
            raise ValidationError({"is_iku": _("IKU hanya untuk indikator sasaran strategis.")})

    @property
    def targets_by_year(self) -> dict[int, Decimal]:
        return {target.year: target.value for target in self.targets.all()}

    def as_dict(self) -> dict:
        return {
            "uraian": self.uraian,
            "satuan": self.satuan,
            "arah": self.arah,
            "baseline": self.baseline,
            "formula": self.formula,
            "sumber_data": self.sumber_data,
            "is_iku": self.is_iku,
            "targets": [
                {"year": target.year, "value": target.value} for target in self.targets.all()
            ],
        }


class IndikatorTarget(models.Model):
    """The target of an indicator for one year of the Renstra period."""

    # No index of its own: target_year_unique's (indikator, year) index serves every lookup.
    indikator = models.ForeignKey(Indikator, models.CASCADE, related_name="targets", db_index=False)
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = _("target indikator")
        verbose_name_plural = _("target indikator")
        ordering = ["indikator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "year"], name="target_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"

    def clean(self) -> None:
        if self.indikator_id and self.year is not None and self.indikator.owner_id_is_set():
            renstra = self.indikator.renstra
            if self.year not in renstra.years:
                raise ValidationError(
                    {
                        "year": _("Tahun harus dalam periode Renstra %(period)s.")
                        % {"period": renstra.period_label}
                    }
                )


from erkt.rkt.drafts.models import *  # noqa: E402,F403
from erkt.rkt.preparation.models import *  # noqa: E402,F403
from erkt.rkt.unit_forms.models import *  # noqa: E402,F403
