"""The organisation: Perangkat Daerah, its units, positions (jabatan) and employees (pegawai)."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from erkt.org.nik import normalize_nik, validate_nik
from erkt.org.nip import format_nip, normalize_nip, validate_nip


class Role(models.TextChoices):
    """The fixed set of roles an SOP actor (pelaksana) can be mapped to."""

    KEPALA = "kepala", _("Kepala Badan")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    KASUBBAG_PERENCANAAN = "kasubbag_perencanaan", _("Kasubbag Perencanaan")
    TIM_PERENCANAAN = "tim_perencanaan", _("Tim Perencanaan")
    KEPALA_UNIT = "kepala_unit", _("Kasubbag/Kabid")
    STAF = "staf", _("Staf")


class Pangkat(models.TextChoices):
    """Pangkat/golongan ruang of PNS, from I/a to IV/e."""

    I_A = "I/a", "Juru Muda (I/a)"
    I_B = "I/b", "Juru Muda Tingkat I (I/b)"
    I_C = "I/c", "Juru (I/c)"
    I_D = "I/d", "Juru Tingkat I (I/d)"
    II_A = "II/a", "Pengatur Muda (II/a)"
    II_B = "II/b", "Pengatur Muda Tingkat I (II/b)"
    II_C = "II/c", "Pengatur (II/c)"
    II_D = "II/d", "Pengatur Tingkat I (II/d)"
    III_A = "III/a", "Penata Muda (III/a)"
    III_B = "III/b", "Penata Muda Tingkat I (III/b)"
    III_C = "III/c", "Penata (III/c)"
    III_D = "III/d", "Penata Tingkat I (III/d)"
    IV_A = "IV/a", "Pembina (IV/a)"
    IV_B = "IV/b", "Pembina Tingkat I (IV/b)"
    IV_C = "IV/c", "Pembina Utama Muda (IV/c)"
    IV_D = "IV/d", "Pembina Utama Madya (IV/d)"
    IV_E = "IV/e", "Pembina Utama (IV/e)"


class Pendidikan(models.TextChoices):
    """The highest education level (jenjang pendidikan terakhir), from SD to S3."""

    SD = "SD", "SD"
    SMP = "SMP", "SMP"
    SMA = "SMA", _("SMA/SMK sederajat")
    D1 = "D1", "D I"
    D2 = "D2", "D II"
    D3 = "D3", "D III"
    D4 = "D4", "D IV"
    S1 = "S1", "S1"
    S2 = "S2", "S2"
    S3 = "S3", "S3"


class Organization(models.Model):
    """A Perangkat Daerah (OPD). One deployment may hold every OPD of a Pemkab."""

    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=30, unique=True)
    pemerintah_daerah = models.CharField(_("pemerintah daerah"), max_length=200)
    address = models.TextField(_("alamat"))
    city = models.CharField(
        _("tempat penandatanganan"), max_length=100, help_text=_("Misalnya Paringin.")
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    time_zone = models.CharField(_("zona waktu"), max_length=40, default="Asia/Makassar")
    # Changed with every change of the local calendar (erkt.workflow.models): a process
    # keeps the local days it read under this token instead of reading them per request.
    calendar_token = models.UUIDField(_("versi kalender lokal"), default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # Only the calendar changes the token: an object read before a change of the local
        # calendar must not write its stale token back.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "calendar_token"
            ]
        super().save(*args, **kwargs)

    @property
    def head(self) -> Position | None:
        return self.positions.filter(role=Role.KEPALA).first()


class UnitKind(models.TextChoices):
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    SUBBAG = "subbag", _("Subbagian")
    BIDANG = "bidang", _("Bidang")
    LAINNYA = "lainnya", _("Lainnya")


class Unit(models.Model):
    """An organisational unit; units form a tree (Sekretariat > Subbag ...)."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="units", verbose_name=_("perangkat daerah")
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("unit induk"),
    )
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=30)
    kind = models.CharField(_("jenis"), max_length=20, choices=UnitKind.choices)
    fills_form_rkt = models.BooleanField(_("mengisi Form RKT"), default=False)
    head_position = models.OneToOneField(
        "Position",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_unit",
        verbose_name=_("jabatan kepala unit"),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["organization", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "short_name"], name="unit_short_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.parent_id and self._parent_is_invalid():
            errors["parent"] = _(
                "Unit induk harus unit lain pada perangkat daerah yang sama, bukan sub-unitnya."
            )
        if self.head_position_id and (self.pk is None or self.head_position.unit_id != self.pk):
            errors["head_position"] = _("Jabatan kepala unit harus jabatan pada unit ini.")
        if errors:
            raise ValidationError(errors)

    def _parent_is_invalid(self) -> bool:
        if self.parent.organization_id != self.organization_id:
            return True
        ancestor = self.parent
        while ancestor is not None:  # the tree is a few levels deep
            if self.pk is not None and ancestor.pk == self.pk:
                return True
            ancestor = ancestor.parent
        return False


class Employee(models.Model):
    """A pegawai, optionally linked to a user account."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="employees", verbose_name=_("perangkat daerah")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="employee",
        verbose_name=_("akun pengguna"),
    )
    name = models.CharField(_("nama"), max_length=150)
    gelar_depan = models.CharField(_("gelar depan"), max_length=30, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    nip = models.CharField(
        _("NIP"), max_length=21, unique=True, null=True, blank=True, validators=[validate_nip]
    )
    pangkat = models.CharField(
        _("pangkat/golongan"), max_length=6, choices=Pangkat.choices, blank=True
    )
    # The NIK of the e-KTP: BSrE's signing service knows a signer by it.
    nik = models.CharField(
        _("NIK"),
        max_length=20,  # 16 digits, typed with spaces or dots: "6311 0114 0370 0001"
        unique=True,
        null=True,
        blank=True,
        validators=[validate_nik],
        help_text=_("16 angka NIK e-KTP; diperlukan untuk tanda tangan elektronik BSrE."),
    )
    # Read against an SOP's Kualifikasi Pelaksana (erkt.org.qualifications).
    pendidikan = models.CharField(
        _("pendidikan terakhir"), max_length=3, choices=Pendidikan.choices, blank=True
    )

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        # An empty NIP (NIK) is NULL: the unique constraint must not collide on "".
        self.nip = normalize_nip(self.nip) if self.nip else None
        self.nik = normalize_nik(self.nik) if self.nik else None
        super().save(*args, **kwargs)

    def clean(self) -> None:
        # Normalise before validate_unique runs, so "19820425 200902 2 002" is
        # recognised as the same NIP as the stored "198204252009022002".
        self.nip = normalize_nip(self.nip) if self.nip else None
        self.nik = normalize_nik(self.nik) if self.nik else None

    @property
    def full_name(self) -> str:
        """The name as written in a signature block: 'Dr. H. Ahmad, S.Sos., M.Si.'"""
        name = f"{self.gelar_depan} {self.name}".strip()
        return f"{name}, {self.gelar_belakang}" if self.gelar_belakang else name

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip) if self.nip else ""


class Training(models.Model):
    """A diklat/pelatihan (bimtek, kursus) the employee completed: their competences."""

    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="trainings", verbose_name=_("pegawai")
    )
    name = models.CharField(_("nama diklat/pelatihan"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    certificate_number = models.CharField(_("nomor sertifikat"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("diklat/pelatihan")
        verbose_name_plural = _("diklat/pelatihan")
        ordering = ["employee", "-year", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Position(models.Model):
    """A jabatan with its role in the SOPs and the employee(s) holding it."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="positions", verbose_name=_("perangkat daerah")
    )
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="positions", verbose_name=_("unit kerja")
    )
    title = models.CharField(_("nama jabatan"), max_length=200)
    role = models.CharField(_("peran"), max_length=30, choices=Role.choices)
    holders = models.ManyToManyField(
        Employee, blank=True, related_name="positions", verbose_name=_("pemangku jabatan")
    )

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["organization", "unit__order", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.unit_id and self.organization_id is None:
            self.organization_id = self.unit.organization_id  # a form may leave it to the unit
        if self.unit_id and self.unit.organization_id != self.organization_id:
            raise ValidationError(
                {"unit": _("Unit kerja harus unit pada perangkat daerah jabatan ini.")}
            )


class Substitution(models.Model):
    """A Plt. or Plh.: someone acting in a position for a date range, on a Surat Perintah.

    In the range the position's work is the substitute's too (erkt.org.access.positions_of);
    what they do is recorded as "Plh. <nama> atas nama <pemangku>". A Plh. stands in for a
    holder who is away for a while, a Plt. for one who cannot serve (or a vacant position).
    """

    class Kind(models.TextChoices):
        PLT = "plt", _("Plt.")
        PLH = "plh", _("Plh.")

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="substitutions", editable=False
    )
    position = models.ForeignKey(
        Position, models.CASCADE, related_name="substitutions", verbose_name=_("jabatan")
    )
    substitute = models.ForeignKey(
        Employee, models.CASCADE, related_name="substitutions", verbose_name=_("pengganti")
    )
    kind = models.CharField(_("jenis"), max_length=3, choices=Kind.choices)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("sampai dengan"))
    sp_number = models.CharField(_("nomor Surat Perintah"), max_length=100)
    sp_date = models.DateField(_("tanggal Surat Perintah"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("Plt./Plh.")
        verbose_name_plural = _("Plt./Plh.")
        ordering = ["organization", "-start_date", "pk"]
        indexes = [
            # The active substitutions of one substitute (every request's positions_of).
            models.Index(fields=["substitute", "start_date"], name="substitution_substitute"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position} ({self.start_date} - {self.end_date})"

    @property
    def title(self) -> str:
        """'Plh. Kepala Bidang PSDM'."""
        return f"{self.get_kind_display()} {self.position.title}"

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date

    def clean(self) -> None:
        if self.position_id:
            self.organization_id = self.position.organization_id
        errors: dict[str, str] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Tanggal akhir tidak boleh sebelum tanggal mulai.")
        if self.position_id and self.substitute_id:
            if self.substitute.organization_id != self.position.organization_id:
                errors["substitute"] = _("Pengganti harus pegawai perangkat daerah yang sama.")
            elif self.position.holders.filter(pk=self.substitute_id).exists():
                errors["substitute"] = _("Pengganti tidak boleh pemangku jabatan itu sendiri.")
        if errors:
            raise ValidationError(errors)
        if self.position_id and self.substitute_id and self.start_date and self.end_date:
            self._check_overlap()
            self._check_cycle()

    def _others(self) -> models.QuerySet[Substitution]:
        return Substitution.objects.exclude(pk=self.pk).select_related("substitute")

    def _check_overlap(self) -> None:
        clash = (
            self._others()
            .filter(
                position_id=self.position_id,
                start_date__lte=self.end_date,
                end_date__gte=self.start_date,
            )
            .first()
        )
        if clash is not None:
            raise ValidationError(
                _(
                    "Jabatan ini sudah memiliki %(kind)s %(name)s pada %(start)s s.d. %(end)s; "
                    "rentang tanggal tidak boleh tumpang tindih."
                )
                % {
                    "kind": clash.get_kind_display(),
                    "name": clash.substitute.full_name,
                    "start": clash.start_date.strftime("%d-%m-%Y"),
                    "end": clash.end_date.strftime("%d-%m-%Y"),
                }
            )

    def _check_cycle(self) -> None:
        """Refuse A acting for B while B (or someone B acts for, and so on) acts for A.

        Walks the substitutions from the substitute onwards, keeping the window of dates
        shared by every link; reaching a holder of this position closes a cycle.
        """
        holders = set(self.position.holders.values_list("pk", flat=True))
        frontier = [(self.substitute_id, self.start_date, self.end_date)]
        seen: set[int] = set()
        while frontier:
            employee_id, start, end = frontier.pop()
            if employee_id in seen:
                continue
            seen.add(employee_id)
            links = self._others().filter(
                position__holders=employee_id, start_date__lte=end, end_date__gte=start
            )
            for link in links:
                window = (max(start, link.start_date), min(end, link.end_date))
                if link.substitute_id in holders:
                    raise ValidationError(
                        _(
                            "Penunjukan ini membentuk lingkaran: %(name)s sudah menjadi "
                            "%(title)s pada rentang tanggal yang sama. Seorang pejabat tidak "
                            "dapat saling menggantikan."
                        )
                        % {"name": link.substitute.full_name, "title": link.title}
                    )
                frontier.append((link.substitute_id, *window))


class PemkabMembership(models.Model):
    """A reader at the level of the Pemerintah Kabupaten: Bappeda, Bagian Organisasi or
    Inspektorat follows the RKT of every OPD of the deployment (the /pemkab/ overview).

    The membership belongs to a user account, not to a jabatan of an OPD: such an account
    holds no position and no pegawai record in any OPD (clean() refuses one that does), so
    it never acts in an SOP. It reads every OPD's process, tasks and documents and changes
    nothing: every unsafe request of the account is refused (403) on the web and the API
    (erkt.org.middleware.PemkabReadOnlyMiddleware, erkt.api.security).
    """

    class Body(models.TextChoices):
        BAPPEDA = "bappeda", _("Bappeda")
        ORGANISASI = "organisasi", _("Bagian Organisasi")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        LAINNYA = "lainnya", _("Lainnya")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="pemkab_membership",
        verbose_name=_("akun pengguna"),
    )
    body = models.CharField(_("instansi"), max_length=12, choices=Body.choices)
    name = models.CharField(
        _("nama"), max_length=150, help_text=_("Nama dan gelar, seperti pada daftar pegawai.")
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("diberikan oleh"),
    )
    granted_at = models.DateTimeField(_("diberikan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("pembaca Pemkab")
        verbose_name_plural = _("pembaca Pemkab")
        ordering = ["body", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_body_display()})"

    def clean(self) -> None:
        if self.user_id and Employee.objects.filter(user_id=self.user_id).exists():
            raise ValidationError(
                {
                    "user": _(
                        "Akun ini milik pegawai sebuah perangkat daerah; pembaca Pemkab "
                        "memakai akun tersendiri yang tidak memegang jabatan."
                    )
                }
            )
