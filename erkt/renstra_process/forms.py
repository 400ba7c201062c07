"""The forms adding one row to the draft Renstra; their choices come from the draft."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from erkt.rkt.models import Arah
from erkt.rkt.renstra_data import (
    IndikatorRow,
    KegiatanRow,
    ProgramRow,
    RenstraData,
    SasaranRow,
    SubKegiatanRow,
    TujuanRow,
)

AMOUNT = {"max_digits": 18, "decimal_places": 2, "min_value": Decimal(0)}


def _choices(codes, blank: bool = False) -> list[tuple[str, str]]:
    choices = [(code, code) for code in codes]
    return [("", "—"), *choices] if blank else choices


class RowForm(forms.Form):
    code = forms.CharField(label=_("Kode"), max_length=25)

    def __init__(self, *args, data_of: RenstraData, units: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.renstra = data_of
        self.units = units
        self.years = data_of.years
        self.setup()
        for field in self.fields.values():
            widget = field.widget
            css = {
                forms.CheckboxInput: "form-check-input",
                forms.Select: "form-select",
            }.get(type(widget), "form-control")
            widget.attrs.setdefault("class", css)

    def setup(self) -> None:
        return None

    def years_fields(self, prefix: str, label) -> None:
        for year in self.years:
            required = _("%(label)s tahun %(year)s wajib diisi (isi 0 bila tidak ada).") % {
                "label": label,
                "year": year,
            }
            self.fields[f"{prefix}_{year}"] = forms.DecimalField(
                label=f"{label} {year}", error_messages={"required": required}, **AMOUNT
            )

    def by_year(self, prefix: str) -> dict[int, Decimal]:
        return {year: self.cleaned_data[f"{prefix}_{year}"] for year in self.years}


class TujuanForm(RowForm):
    uraian = forms.CharField(label=_("Uraian tujuan"), widget=forms.Textarea(attrs={"rows": 2}))

    def row(self) -> TujuanRow:
        return TujuanRow(self.cleaned_data["code"], self.cleaned_data["uraian"])


class SasaranForm(RowForm):
    tujuan = forms.ChoiceField(label=_("Tujuan"))
    uraian = forms.CharField(label=_("Uraian sasaran"), widget=forms.Textarea(attrs={"rows": 2}))

    def setup(self) -> None:
        self.fields["tujuan"].choices = _choices(row.code for row in self.renstra.tujuan)

    def row(self) -> SasaranRow:
        data = self.cleaned_data
        return SasaranRow(data["code"], data["tujuan"], data["uraian"])


class ProgramForm(RowForm):
    name = forms.CharField(label=_("Nomenklatur program"), max_length=300)
    sasaran = forms.ChoiceField(label=_("Sasaran yang didukung"), required=False)

    def setup(self) -> None:
        self.fields["sasaran"].choices = _choices((r.code for r in self.renstra.sasaran), True)

    def row(self) -> ProgramRow:
        data = self.cleaned_data
        return ProgramRow(data["code"], data["name"], data["sasaran"])


class KegiatanForm(RowForm):
    program = forms.ChoiceField(label=_("Program"))
    name = forms.CharField(label=_("Nomenklatur kegiatan"), max_length=300)
    unit = forms.ChoiceField(label=_("Unit penanggung jawab"))

    def setup(self) -> None:
        self.fields["program"].choices = _choices(row.code for row in self.renstra.programs)
        self.fields["unit"].choices = _choices(self.units)

    def row(self) -> KegiatanRow:
        data = self.cleaned_data
        return KegiatanRow(data["code"], data["program"], data["name"], data["unit"])


class SubKegiatanForm(RowForm):
    kegiatan = forms.ChoiceField(label=_("Kegiatan"))
    name = forms.CharField(label=_("Nomenklatur sub kegiatan"), max_length=300)
    unit = forms.ChoiceField(label=_("Unit penanggung jawab"))

    def setup(self) -> None:
        self.fields["kegiatan"].choices = _choices(row.code for row in self.renstra.kegiatan)
        self.fields["unit"].choices = _choices(self.units)
        self.years_fields("pagu", _("Pagu"))

    def row(self) -> SubKegiatanRow:
        data = self.cleaned_data
        return SubKegiatanRow(
            data["code"], data["kegiatan"], data["name"], data["unit"], self.by_year("pagu")
        )


class IndikatorForm(RowForm):
    code = forms.ChoiceField(label=_("Kode sasaran/program/kegiatan/sub kegiatan"))
    uraian = forms.CharField(label=_("Uraian indikator"), max_length=500)
    satuan = forms.CharField(label=_("Satuan"), max_length=50)
    arah = forms.ChoiceField(label=_("Arah"), choices=Arah.choices)
    baseline = forms.DecimalField(label=_("Nilai dasar"), required=False, **AMOUNT)
    is_iku = forms.BooleanField(label=_("IKU"), required=False)

    def setup(self) -> None:
        data = self.renstra
        owners = [*data.sasaran, *data.programs, *data.kegiatan, *data.sub_kegiatan]
        self.fields["code"].choices = _choices(row.code for row in owners)
        self.years_fields("target", _("Target"))

    def row(self) -> IndikatorRow:
        data = self.cleaned_data
        return IndikatorRow(
            code=data["code"],
            uraian=data["uraian"],
            satuan=data["satuan"],
            arah=data["arah"],
            baseline=data["baseline"],
            targets=self.by_year("target"),
            is_iku=data["is_iku"],
        )


FORMS: dict[str, type[RowForm]] = {
    "tujuan": TujuanForm,
    "sasaran": SasaranForm,
    "program": ProgramForm,
    "kegiatan": KegiatanForm,
    "sub_kegiatan": SubKegiatanForm,
    "indikator": IndikatorForm,
}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Template Renstra terisi (.xlsx)"))
