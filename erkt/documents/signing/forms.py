from django import forms
from django.utils.translation import gettext_lazy as _


class CertificateUploadForm(forms.Form):
    pkcs12 = forms.FileField(
        label=_("Berkas sertifikat PKCS#12 (.p12 / .pfx)"),
        widget=forms.FileInput(attrs={"accept": ".p12,.pfx", "class": "form-control"}),
    )
    passphrase = forms.CharField(
        label=_("Passphrase"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "class": "form-control"}),
        help_text=_("Hanya untuk memeriksa berkas; passphrase tidak disimpan."),
    )


class VerifyUploadForm(forms.Form):
    pdf = forms.FileField(
        label=_("Berkas PDF yang akan diperiksa"),
        widget=forms.FileInput(attrs={"accept": "application/pdf", "class": "form-control"}),
    )
