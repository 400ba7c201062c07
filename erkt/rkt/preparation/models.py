"""Steps 1-3 of the RKT SOP: the disposition, the preparation plan, the socialisation meeting.

Each record keeps a snapshot of the people it names (name, jabatan, NIP, pangkat as
they were when it was saved): the lembar disposisi, the meeting invitation, the
attendance list and the minutes print from these rows, never from live org data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from erkt.org.models import Employee, Position, Unit
from erkt.workflow.versioning import updated_by_field, version_field

__all__ = [
    "AnggotaTim",
    "Disposisi",
    "JadwalLangkah",
    "PesertaRapat",
    "RapatSosialisasi",
    "RencanaPenyusunan",
]


class Disposisi(models.Model):
    """The Kepala Badan's lembar disposisi to the Kasubbag Perencanaan (step 1)."""

    class Sifat(models.TextChoices):
        BIASA = "biasa", _("Biasa")
        SEGERA = "segera", _("Segera")
        SANGAT_SEGERA = "sangat_segera", _("Sangat Segera")
        RAHASIA = "rahasia", _("Rahasia")

    process = models.OneToOneField(
        "workflow.Process", models.CASCADE, related_name="disposisi", verbose_name=_("proses")
    )
    nomor_agenda = models.CharField(_("nomor agenda"), max_length=60, blank=True)
    tanggal = models.DateField(_("tanggal disposisi"))
    perihal = models.CharField(_("perihal"), max_length=300)
    isi = models.TextField(_("isi disposisi"))
    sifat = models.CharField(_("sifat"), max_length=15, choices=Sifat.choices, default=Sifat.BIASA)
    # Defaults to the process's planned end: the disposition asks for the finished RKT.
    batas_waktu = models.DateField(_("batas waktu"))
    from_position = models.ForeignKey(
        Position, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("dari")
    )
    from_name = models.CharField(_("nama pemberi disposisi"), max_length=200)
    from_title = models.CharField(_("jabatan pemberi disposisi"), max_length=200)
    from_nip = models.CharField(_("NIP pemberi disposisi"), max_length=21, blank=True)
    from_pangkat = models.CharField(_("pangkat pemberi disposisi"), max_length=60, blank=True)
    to_position = models.ForeignKey(
        Position, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("kepada")
    )
    to_name = models.CharField(_("nama penerima disposisi"), max_length=200, blank=True)
    to_title = models.CharField(_("jabatan penerima disposisi"), max_length=200)
    to_nip = models.CharField(_("NIP penerima disposisi"), max_length=21, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dicatat oleh")
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    updated_by = updated_by_field()
    version = version_field()

    class Meta:
        verbose_name = _("disposisi")
        verbose_name_plural = _("disposisi")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.process}"


class RencanaPenyusunan(models.Model):
    """The Kasubbag Perencanaan's plan of the RKT preparation (step 2): team and schedule."""

    process = models.OneToOneField(
        "workflow.Process",
        models.CASCADE,
        related_name="rencana_penyusunan",
        verbose_name=_("proses"),
    )
    uraian = models.TextField(
        _("program kerja"), blank=True, help_text=_("Catatan kegiatan penyusunan RKT.")
    )
    tim = models.ManyToManyField(
        Employee, through="AnggotaTim", related_name="+", verbose_name=_("Tim Perencanaan")
    )
    planned_end = models.DateField(_("rencana selesai"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dicatat oleh")
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    updated_by = updated_by_field()
    version = version_field()

    class Meta:
        verbose_name = _("rencana penyusunan RKT")
        verbose_name_plural = _("rencana penyusunan RKT")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.process}"


class AnggotaTim(models.Model):
    """A member of the Tim Perencanaan, as named in the plan."""

    rencana = models.ForeignKey(RencanaPenyusunan, models.CASCADE, related_name="anggota")
    employee = models.ForeignKey(Employee, models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("nama"), max_length=200)
    title = models.CharField(_("jabatan"), max_length=200, blank=True)
    nip = models.CharField(_("NIP"), max_length=21, blank=True)

    class Meta:
        verbose_name = _("anggota Tim Perencanaan")
        verbose_name_plural = _("anggota Tim Perencanaan")
        ordering = ["rencana", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rencana", "employee"], name="anggota_tim_unique")
        ]

    def __str__(self) -> str:
        return self.name


class JadwalLangkah(models.Model):
    """One step of the plan's schedule, as it stood when the plan was saved."""

    rencana = models.ForeignKey(RencanaPenyusunan, models.CASCADE, related_name="jadwal")
    number = models.PositiveSmallIntegerField(_("no"))
    uraian = models.TextField(_("uraian prosedur"))
    pelaksana = models.CharField(_("pelaksana"), max_length=200)
    sop_working_days = models.PositiveSmallIntegerField(_("waktu menurut SOP (hari kerja)"))
    working_days = models.PositiveSmallIntegerField(_("waktu rencana (hari kerja)"))
    planned_start = models.DateField(_("rencana mulai"), null=True, blank=True)
    planned_due = models.DateField(_("rencana selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("jadwal langkah")
        verbose_name_plural = _("jadwal langkah")
        ordering = ["rencana", "number"]
        constraints = [
            models.UniqueConstraint(fields=["rencana", "number"], name="jadwal_langkah_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.uraian}"


class RapatSosialisasi(models.Model):
    """The socialisation meeting on filling the Form RKT (step 3): invitation and minutes."""

    process = models.OneToOneField(
        "workflow.Process",
        models.CASCADE,
        related_name="rapat_sosialisasi",
        verbose_name=_("proses"),
    )
    nomor_undangan = models.CharField(_("nomor undangan"), max_length=60, blank=True)
    tanggal = models.DateField(_("tanggal rapat"))
    waktu = models.TimeField(_("waktu rapat"))
    tempat = models.CharField(_("tempat"), max_length=200)
    agenda = models.TextField(_("acara"))
    notulen = models.TextField(_("notulen"), blank=True)
    # The invitation goes out under the Kepala Badan's name; the minutes are signed by
    # the one who recorded them (the notulis).
    signer_name = models.CharField(_("nama penanda tangan undangan"), max_length=200, blank=True)
    signer_title = models.CharField(_("jabatan penanda tangan undangan"), max_length=200)
    signer_nip = models.CharField(_("NIP penanda tangan undangan"), max_length=21, blank=True)
    signer_pangkat = models.CharField(_("pangkat penanda tangan"), max_length=60, blank=True)
    notulis_name = models.CharField(_("nama notulis"), max_length=200, blank=True)
    notulis_title = models.CharField(_("jabatan notulis"), max_length=200, blank=True)
    notulis_nip = models.CharField(_("NIP notulis"), max_length=21, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dicatat oleh")
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    updated_by = updated_by_field()
    version = version_field()

    class Meta:
        verbose_name = _("rapat sosialisasi")
        verbose_name_plural = _("rapat sosialisasi")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.process}"

    def missing(self) -> list[str]:
        """What must still be recorded before the meeting counts as held (empty when done)."""
        missing = []
        if any(not p.kehadiran for p in self.peserta.all()):
            missing.append(str(_("kehadiran peserta")))
        if not self.notulen.strip():
            missing.append(str(_("notulen")))
        return missing


class PesertaRapat(models.Model):
    """An invitee of the meeting (the head of a unit that fills a Form RKT) and attendance."""

    class Kehadiran(models.TextChoices):
        HADIR = "hadir", _("Hadir")
        TIDAK_HADIR = "tidak_hadir", _("Tidak hadir")
        DIWAKILI = "diwakili", _("Diwakili")

    rapat = models.ForeignKey(RapatSosialisasi, models.CASCADE, related_name="peserta")
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    unit = models.ForeignKey(
        Unit, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    unit_name = models.CharField(_("unit kerja"), max_length=200)
    position = models.ForeignKey(Position, models.SET_NULL, null=True, blank=True, related_name="+")
    title = models.CharField(_("jabatan"), max_length=200)
    employee = models.ForeignKey(Employee, models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField(_("nama"), max_length=200, blank=True)
    nip = models.CharField(_("NIP"), max_length=21, blank=True)
    kehadiran = models.CharField(
        _("kehadiran"), max_length=12, choices=Kehadiran.choices, blank=True
    )
    wakil_name = models.CharField(_("nama yang mewakili"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("peserta rapat")
        verbose_name_plural = _("peserta rapat")
        ordering = ["rapat", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.name})" if self.name else self.title
