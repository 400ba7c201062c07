from django import forms
from django.utils.translation import gettext_lazy as _


class SignForm(forms.Form):
    passphrase = forms.CharField(
        label=_("Frasa sandi sertifikat elektronik"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "class": "form-control"}),
        strip=False,
    )
    note = forms.CharField(
        label=_("Catatan (opsional)"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class ScanForm(forms.Form):
    scan = forms.FileField(
        label=_("Pindaian RKT yang ditandatangani basah (PDF)"),
        widget=forms.FileInput(attrs={"accept": "application/pdf", "class": "form-control"}),
    )
    note = forms.CharField(
        label=_("Catatan (opsional)"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
