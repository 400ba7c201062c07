"""The forms of the Form RKT pages: one row, sending, returning, the Excel upload.

Only what a browser can get wrong is checked here (a choice outside the unit's
kegiatan, an amount that is no number); the rules of a row live in
erkt.rkt.unit_forms.rules and reach the fields through RowForm.add_problems.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from erkt.form_widgets import PYTHON_WIDGETS
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow
from erkt.rkt.unit_forms.rules import Problem, format_number, parse_number, renstra_indicators_of

MAX_UPLOAD = settings.FILE_UPLOAD_MAX_MEMORY_SIZE
TEXTAREA = {"rows": 2, "class": "form-control"}


def unit_kegiatan(form: FormRkt):
    """The kegiatan a unit may write rows for: its own, and those holding its sub kegiatan."""
    from erkt.rkt.models import Kegiatan

    if form.renstra is None:
        return Kegiatan.objects.none()
    return (
        Kegiatan.objects.filter(program__renstra=form.renstra)
        .filter(Q(unit=form.unit) | Q(sub_kegiatan__unit=form.unit))
        .select_related("program")
        .prefetch_related("sub_kegiatan")
        .distinct()
        .order_by("program__code", "code")
    )


def position_choices(form: FormRkt) -> list:
    """(program, [("k<id>", kegiatan), ("s<id>", sub kegiatan), ...]) groups for a select."""
    groups: dict[str, list] = {}
    for kegiatan in unit_kegiatan(form):
        label = f"{kegiatan.program.code} {kegiatan.program.name}"
        options = groups.setdefault(label, [])
        if kegiatan.unit_id == form.unit_id:
            options.append((f"k{kegiatan.pk}", f"{kegiatan.code} {kegiatan.name}"))
        for sub in kegiatan.sub_kegiatan.all():
            if sub.unit_id == form.unit_id:
                options.append((f"s{sub.pk}", f"\N{EM DASH} {sub.code} {sub.name}"))
    return [("", _("Pilih kegiatan atau sub kegiatan")), *groups.items()]


class RowForm(forms.Form):
    default_renderer = PYTHON_WIDGETS  # the same HTML, cheaper (erkt.form_widgets)
    posisi = forms.ChoiceField(label=_("Kegiatan / sub kegiatan"))
    renstra_indikator = forms.ChoiceField(
        label=_("Indikator Renstra yang dijawab"),
        required=False,
        help_text=_("Kosongkan untuk indikator tambahan di luar Renstra."),
    )
    sasaran_kegiatan = forms.CharField(
        label=_("Sasaran kegiatan / sub kegiatan"),
        required=False,
        widget=forms.Textarea({**TEXTAREA, "rows": 3}),
    )
    indikator = forms.CharField(
        label=_("Indikator kinerja"),
        required=False,
        widget=forms.Textarea({**TEXTAREA, "rows": 3}),
    )
    satuan = forms.CharField(
        label=_("Satuan"),
        required=False,
        max_length=50,
        widget=forms.TextInput({"class": "form-control", "list": "satuan-list"}),
    )
    target = forms.CharField(
        label=_("Target"),
        required=False,
        max_length=100,
        help_text=_("Angka, misalnya 95 atau 92,5; teks hanya untuk satuan predikat/kategori."),
        widget=forms.TextInput({"class": "form-control"}),
    )
    anggaran = forms.CharField(
        label=_("Anggaran (Rp)"),
        required=False,
        max_length=30,
        widget=forms.TextInput({"class": "form-control text-end", "inputmode": "decimal"}),
    )
    justifikasi = forms.CharField(
        label=_("Justifikasi"),
        required=False,
        help_text=_("Wajib bila total anggaran program melebihi pagunya."),
        widget=forms.Textarea(TEXTAREA),
    )
    # The version of the row the editor loaded: a change by someone else since is refused.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": _("Versi data tidak terkirim; muat ulang halaman.")},
    )

    def __init__(self, *args, form_rkt: FormRkt, row: FormRktRow | None = None, **kwargs):
        if row is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_of(row)
        # Several row forms may be open on one page: their field ids must differ.
        kwargs.setdefault("auto_id", f"id_row{row.pk}_%s" if row is not None else "id_new_%s")
        super().__init__(*args, **kwargs)
        self.form_rkt = form_rkt
        self.row = row
        if row is None:
            del self.fields["version"]
        self.fields["posisi"].choices = position_choices(form_rkt)
        self.fields["posisi"].widget.attrs["class"] = "form-select"
        self.indicators = {str(i.pk): i for i in renstra_indicators_of(form_rkt)}
        self.fields["renstra_indikator"].choices = [("", "\N{EM DASH}")] + [
            (pk, f"{i.owner.code} {i.uraian} ({i.satuan})") for pk, i in self.indicators.items()
        ]
        self.fields["renstra_indikator"].widget.attrs["class"] = "form-select"

    def clean_anggaran(self) -> Decimal:
        text = self.cleaned_data["anggaran"].strip()
        if not text:
            return Decimal(0)
        amount = parse_number(text)
        if amount is None:
            raise forms.ValidationError(
                _("Anggaran harus angka rupiah, misalnya 85000000 atau 85.000.000.")
            )
        if abs(amount) >= Decimal(10) ** 16:
            raise forms.ValidationError(_("Anggaran terlalu besar."))
        return amount.quantize(Decimal("0.01"))

    def build_row(self) -> FormRktRow:
        """The row with the posted values (not saved): a new one, or the edited one."""
        from erkt.rkt.models import Kegiatan, SubKegiatan

        data = self.cleaned_data
        row = self.row or FormRktRow(form=self.form_rkt)
        kind, pk = data["posisi"][0], int(data["posisi"][1:])
        if kind == "s":
            row.sub_kegiatan = SubKegiatan.objects.select_related("kegiatan__program").get(pk=pk)
            row.kegiatan = row.sub_kegiatan.kegiatan
        else:
            row.kegiatan = Kegiatan.objects.select_related("program").get(pk=pk)
            row.sub_kegiatan = None
        row.renstra_indikator = self.indicators.get(data["renstra_indikator"])
        for name in ("sasaran_kegiatan", "indikator", "satuan", "target", "justifikasi"):
            setattr(row, name, data[name].strip())
        if row.renstra_indikator is not None:
            # A row re-linked to a Renstra indicator takes its wording when left empty.
            row.indikator = row.indikator or row.renstra_indikator.uraian
            row.satuan = row.satuan or row.renstra_indikator.satuan
        row.anggaran = data["anggaran"]
        return row

    def add_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            self.add_error(problem.field if problem.field in self.fields else None, problem.message)


def initial_of(row: FormRktRow) -> dict:
    return {
        "posisi": f"s{row.sub_kegiatan_id}" if row.sub_kegiatan_id else f"k{row.kegiatan_id}",
        "renstra_indikator": str(row.renstra_indikator_id or ""),
        "sasaran_kegiatan": row.sasaran_kegiatan,
        "indikator": row.indikator,
        "satuan": row.satuan,
        "target": row.target,
        "anggaran": format_number(row.anggaran),
        "justifikasi": row.justifikasi,
        "version": row.version,
    }


class OnBehalfMixin(forms.Form):
    default_renderer = PYTHON_WIDGETS
    on_behalf_reason = forms.CharField(
        label=_("Alasan bertindak atas nama kepala unit / Tim Perencanaan"),
        required=False,
        widget=forms.Textarea({"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, acting_for_someone: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not acting_for_someone:
            del self.fields["on_behalf_reason"]

    def acting_reason(self) -> str:
        return (getattr(self, "cleaned_data", {}) or {}).get("on_behalf_reason", "")


class SubmitForm(OnBehalfMixin):
    pass


class ReturnForm(OnBehalfMixin):
    """One per submitted form on the overview page: ids carry the form's pk to stay unique."""

    reason = forms.CharField(
        label=_("Alasan pengembalian"),
        required=False,
        widget=forms.Textarea({"rows": 3, "class": "form-control"}),
    )
    field_order = ["reason", "on_behalf_reason"]

    def __init__(self, *args, unit_form_pk: int, **kwargs):
        super().__init__(*args, auto_id=f"id_return{unit_form_pk}_%s", **kwargs)


class UploadForm(forms.Form):
    default_renderer = PYTHON_WIDGETS
    file = forms.FileField(
        label=_("Berkas Form RKT (.xlsx)"),
        widget=forms.ClearableFileInput(
            {
                "class": "form-control",
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("Berkas terlalu besar (paling besar %(mb)s MB).")
                % {"mb": MAX_UPLOAD // (1024 * 1024)}
            )
        return upload
