"""The small forms of the Draft RKT pages; the services check the content itself."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from erkt.rkt.drafts.models import Correction

VALUE_CHOICES = [
    (Correction.Field.TARGET, Correction.Field.TARGET.label),
    (Correction.Field.ANGGARAN, Correction.Field.ANGGARAN.label),
    (Correction.Field.INDIKATOR, Correction.Field.INDIKATOR.label),
    (Correction.Field.SATUAN, Correction.Field.SATUAN.label),
    (Correction.Field.HAPUS, Correction.Field.HAPUS.label),
    (Correction.Field.BARIS, Correction.Field.BARIS.label),
]


class CorrectionForm(forms.Form):
    """A correction of one row: which part, the proposed value, and why."""

    row_key = forms.CharField(widget=forms.HiddenInput)
    field = forms.ChoiceField(label=_("Bagian"), choices=VALUE_CHOICES)
    proposed_value = forms.CharField(
        label=_("Usulan nilai"),
        required=False,
        max_length=500,
        help_text=_("Untuk target, anggaran, indikator, atau satuan."),
    )
    comment = forms.CharField(
        label=_("Catatan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class GeneralCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan umum atas Draft RKT"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DiffForm(forms.Form):
    dari = forms.TypedChoiceField(
        label=_("Dari versi"), coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    ke = forms.TypedChoiceField(
        label=_("Ke versi"), coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, numbers: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(number, _("Versi %(n)s") % {"n": number}) for number in numbers]
        self.fields["dari"].choices = choices
        self.fields["ke"].choices = choices
