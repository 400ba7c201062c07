from django import forms
from django.utils.translation import gettext_lazy as _

from erkt.documents.signing.services import MAX_SCAN_SIZE


class CertificateUploadForm(forms.Form):
    pkcs12 = forms.FileField(
        label=_("Berkas sertifikat elektronik (.p12 / .pfx)"),
        widget=forms.FileInput(attrs={"accept": ".p12,.pfx", "class": "form-control"}),
    )
    passphrase = forms.CharField(
        label=_("Frasa sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "class": "form-control"}),
        help_text=_("Hanya untuk memeriksa berkas; frasa sandi tidak disimpan."),
    )


class VerifyUploadForm(forms.Form):
    # The page is public: a cap keeps one upload from filling the server's memory. A signed
    # RKT weighs well under 1 MB, a wet-signed scan up to MAX_SCAN_SIZE.
    MAX_SIZE = MAX_SCAN_SIZE

    pdf = forms.FileField(
        label=_("Berkas PDF yang akan diperiksa"),
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.xlsx", "class": "form-control"}),
    )

    def clean_pdf(self):
        pdf = self.cleaned_data["pdf"]
        if pdf.size > self.MAX_SIZE:
            raise forms.ValidationError(
                _("Berkas terlalu besar untuk diperiksa (paling besar %(mb)s MB).")
                % {"mb": self.MAX_SIZE // (1024 * 1024)}
            )
        return pdf
