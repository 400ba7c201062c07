"""The Berkas form the archivist fills at the archiving step."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from erkt.documents.archive.models import DEFAULT_KODE_KLASIFIKASI, Berkas
from erkt.documents.archive.services import BERKAS_FIELDS
from erkt.workflow.models import Process


class BerkasForm(forms.ModelForm):
    # The Berkas is written once: the form is loaded at version 0, "not archived yet".
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        max_value=0,
        initial=0,
        error_messages={"required": gettext_lazy("Versi data tidak terkirim; muat ulang halaman.")},
    )

    class Meta:
        model = Berkas
        fields = list(BERKAS_FIELDS)
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "nomor_berkas": gettext_lazy("Nomor pada daftar berkas; tidak boleh sama."),
            "retensi_aktif": gettext_lazy("Lama disimpan di unit pengolah, dalam tahun."),
            "retensi_inaktif": gettext_lazy("Lama disimpan di unit kearsipan, dalam tahun."),
        }

    def __init__(self, *args, process: Process, today: datetime.date, **kwargs) -> None:
        self.process, self.today = process, today
        kwargs.setdefault("initial", initial_values(process, today))
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean_nomor_berkas(self) -> str:
        nomor = self.cleaned_data["nomor_berkas"].strip()
        taken = Berkas.objects.filter(
            organization_id=self.process.organization_id, nomor_berkas=nomor
        )
        if taken.exists():
            raise forms.ValidationError(_("Nomor berkas ini sudah dipakai berkas lain."))
        return nomor

    def clean_tanggal(self) -> datetime.date:
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > self.today:
            raise forms.ValidationError(_("Tanggal pemberkasan tidak boleh melewati hari ini."))
        if tanggal < self.process.start_date:
            raise forms.ValidationError(
                _("Tanggal pemberkasan tidak boleh sebelum proses dimulai.")
            )
        return tanggal

    def validate_unique(self) -> None:
        """The organisation and process are set by the service, which checks them itself."""


def initial_values(process: Process, today: datetime.date) -> dict:
    count = Berkas.objects.filter(organization_id=process.organization_id).count()
    org = process.organization
    return {
        "nomor_berkas": f"{DEFAULT_KODE_KLASIFIKASI}/{count + 1:03d}/{org.short_name}/{today.year}",
        "uraian": _("Berkas %(process)s, %(org)s") % {"process": process, "org": org.name},
        "tanggal": today,
    }
