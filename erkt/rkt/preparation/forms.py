"""The forms of steps 1-3. A refused submission shows its message and changes nothing."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from erkt.org.models import Employee
from erkt.org.templatetags.indonesian import format_tanggal
from erkt.rkt.preparation.models import Disposisi, PesertaRapat, RapatSosialisasi
from erkt.sop.qualifications import Assessment, assess, requirements
from erkt.workflow.models import Process, StepRun


def version_field() -> forms.IntegerField:
    """The version of the record the editor loaded (0: none yet); see erkt.workflow.versioning."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": gettext_lazy("Versi data tidak terkirim; muat ulang halaman.")},
    )


def version_of(record) -> int:
    return record.version if record is not None and record.pk is not None else 0


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BootstrapMixin:
    """Give every widget its Bootstrap class, and mark the fields a submission got wrong."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()

    def style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class DisposisiForm(BootstrapMixin, forms.ModelForm):
    version = version_field()

    class Meta:
        model = Disposisi
        fields = ["nomor_agenda", "tanggal", "perihal", "isi", "sifat", "batas_waktu"]
        widgets = {
            "tanggal": _date_input(),
            "batas_waktu": _date_input(),
            "isi": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "batas_waktu": gettext_lazy(
                "Paling lambat rencana selesai penyusunan RKT menurut SOP."
            ),
        }

    def __init__(self, *args, process: Process, today: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.process, self.today = process, today
        self.initial.setdefault("version", version_of(self.instance))
        if self.instance.pk is None:
            self.initial.update(
                tanggal=today,
                perihal=_("Penyusunan Rencana Kinerja Tahunan (RKT) Tahun %(year)s")
                % {"year": process.year},
                isi=_(
                    "Untuk ditindaklanjuti: siapkan penyusunan RKT Tahun %(year)s sesuai SOP, "
                    "koordinasikan dengan Sekretariat dan Bidang-bidang."
                )
                % {"year": process.year},
                batas_waktu=process.planned_end,
            )
        self.style()

    def clean_tanggal(self) -> datetime.date:
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > self.today:
            raise forms.ValidationError(_("Tanggal disposisi tidak boleh melewati hari ini."))
        if tanggal < self.process.start_date:
            raise forms.ValidationError(
                _("Tanggal disposisi tidak boleh sebelum pelaksanaan dimulai (%(date)s).")
                % {"date": format_tanggal(self.process.start_date)}
            )
        return tanggal

    def clean(self) -> dict:
        data = super().clean()
        tanggal, batas = data.get("tanggal"), data.get("batas_waktu")
        if batas and batas > self.process.planned_end:
            self.add_error(
                "batas_waktu",
                _("Batas waktu paling lambat %(date)s, rencana selesai penyusunan RKT menurut SOP.")
                % {"date": format_tanggal(self.process.planned_end)},
            )
        elif batas and tanggal and batas < tanggal:
            self.add_error("batas_waktu", _("Batas waktu tidak boleh sebelum tanggal disposisi."))
        return data


class RencanaForm(BootstrapMixin, forms.Form):
    """The team and, per step, the planned working days (1 up to the SOP's waktu)."""

    tim = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Anggota Tim Perencanaan"),
        queryset=Employee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Pilih paling sedikit satu anggota Tim Perencanaan.")
        },
    )
    uraian = forms.CharField(
        label=gettext_lazy("Program kerja"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Catatan kegiatan penyusunan RKT, misalnya pembagian tugas tim."),
    )
    version = version_field()

    def __init__(self, *args, process: Process, runs: list[StepRun], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.runs = runs
        self.kualifikasi = requirements(process.sop_version.kualifikasi_pelaksana)
        self.fields["tim"].queryset = (
            Employee.objects.filter(organization=process.organization)
            .prefetch_related("positions", "trainings")
            .order_by("name")
        )
        for run in runs:
            self.fields[self.day_field(run)] = self._days_field(process, run)
        self.style()

    def tim_choices(self) -> list[tuple[forms.BoundField, Assessment]]:
        """Each checkbox of the team with its employee's check against the SOP version's
        Kualifikasi Pelaksana: a member who falls short is warned about, not refused."""
        return [
            (checkbox, assess(self.kualifikasi, checkbox.data["value"].instance))
            for checkbox in self["tim"]
        ]

    @staticmethod
    def day_field(run: StepRun) -> str:
        return f"hari_{run.number}"

    @staticmethod
    def _days_field(process: Process, run: StepRun) -> forms.IntegerField:
        step = run.step
        maximum = step.working_days
        return forms.IntegerField(
            label=_("Waktu langkah %(number)s") % {"number": run.number},
            min_value=1,
            max_value=maximum,
            initial=process.working_days_for(step),
            # A step already opened keeps the deadline it was given.
            disabled=run.status != StepRun.Status.PENDING,
            widget=forms.NumberInput(attrs={"min": 1, "max": maximum, "style": "width: 6rem"}),
            error_messages={
                "required": _("Isi waktu langkah %(number)s.") % {"number": run.number},
                "min_value": _("Waktu langkah %(number)s paling sedikit 1 hari kerja.")
                % {"number": run.number},
                "max_value": _(
                    "Waktu langkah %(number)s paling lama %(max)s hari kerja sesuai SOP: "
                    "rencana boleh mempersingkat waktu, tidak memperpanjangnya."
                )
                % {"number": run.number, "max": maximum},
            },
        )

    def working_days(self) -> dict[int, int]:
        return {run.number: self.cleaned_data[self.day_field(run)] for run in self.runs}

    def rows(self) -> list[tuple[StepRun, forms.BoundField]]:
        return [(run, self[self.day_field(run)]) for run in self.runs]


class RapatForm(BootstrapMixin, forms.ModelForm):
    version = version_field()

    class Meta:
        model = RapatSosialisasi
        fields = ["nomor_undangan", "tanggal", "waktu", "tempat", "agenda"]
        widgets = {
            "tanggal": _date_input(),
            "waktu": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "agenda": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, process: Process, today: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.process, self.today = process, today
        self.initial.setdefault("version", version_of(self.instance))
        if self.instance.pk is None:
            self.initial.update(
                tanggal=today,
                waktu=datetime.time(9, 0),
                tempat=_("Aula %(office)s") % {"office": process.organization.short_name},
                agenda=_("Sosialisasi Pengisian Form Rencana Kinerja Tahunan (RKT) Tahun %(year)s")
                % {"year": process.year},
            )
        self.style()

    def clean_tanggal(self) -> datetime.date:
        tanggal = self.cleaned_data["tanggal"]
        if tanggal < self.process.start_date:
            raise forms.ValidationError(
                _("Tanggal rapat tidak boleh sebelum pelaksanaan dimulai (%(date)s).")
                % {"date": format_tanggal(self.process.start_date)}
            )
        recorded = self.instance.pk and self.instance.peserta.exclude(kehadiran="").exists()
        if recorded and tanggal > self.today:
            raise forms.ValidationError(
                _("Kehadiran sudah dicatat: tanggal rapat tidak boleh melewati hari ini.")
            )
        return tanggal


class KehadiranForm(BootstrapMixin, forms.Form):
    """Attendance of every invitee and the minutes, recorded after the meeting."""

    notulen = forms.CharField(
        label=gettext_lazy("Notulen"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": gettext_lazy("Tuliskan notulen rapat.")},
    )
    version = version_field()

    def __init__(self, *args, rapat: RapatSosialisasi, today: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rapat, self.today = rapat, today
        self.peserta = list(rapat.peserta.all())
        self.initial.setdefault("notulen", rapat.notulen)
        self.initial.setdefault("version", version_of(rapat))
        for row in self.peserta:
            self.fields[f"kehadiran_{row.pk}"] = forms.ChoiceField(
                label=row.title,
                choices=PesertaRapat.Kehadiran.choices,
                initial=row.kehadiran or None,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih kehadiran %(title)s.") % {"title": row.title}},
            )
            self.fields[f"wakil_{row.pk}"] = forms.CharField(
                label=_("Diwakili oleh"),
                required=False,
                initial=row.wakil_name,
                max_length=200,
            )
        self.style()

    def clean(self) -> dict:
        data = super().clean()
        if self.rapat.tanggal > self.today:
            raise forms.ValidationError(
                _("Rapat dijadwalkan %(date)s: kehadiran dicatat setelah rapat berlangsung.")
                % {"date": format_tanggal(self.rapat.tanggal)}
            )
        for row in self.peserta:
            diwakili = data.get(f"kehadiran_{row.pk}") == PesertaRapat.Kehadiran.DIWAKILI
            if diwakili and not (data.get(f"wakil_{row.pk}") or "").strip():
                self.add_error(
                    f"wakil_{row.pk}",
                    _("Tuliskan nama yang mewakili %(title)s.") % {"title": row.title},
                )
        return data

    def attendance(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            row.pk: (data[f"kehadiran_{row.pk}"], data[f"wakil_{row.pk}"].strip())
            for row in self.peserta
        }

    def rows(self) -> list[tuple[PesertaRapat, forms.BoundField, forms.BoundField]]:
        return [(row, self[f"kehadiran_{row.pk}"], self[f"wakil_{row.pk}"]) for row in self.peserta]
