from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = settings.FILE_UPLOAD_MAX_MEMORY_SIZE


class RenstraImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas Renstra (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
