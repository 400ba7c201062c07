from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from erkt.notifications.models import EmailMode, NotificationSettings
from erkt.notifications.phone import normalize_phone


class NotificationSettingsForm(forms.ModelForm):
    email_mode = forms.ChoiceField(
        label=_("Pemberitahuan lewat e-mail"),
        choices=EmailMode.choices,
        widget=forms.RadioSelect,
        help_text=_("Ringkasan harian: satu e-mail setiap pagi berisi semua pemberitahuan."),
    )
    whatsapp = forms.BooleanField(label=_("Kirim juga lewat WhatsApp"), required=False)
    phone = forms.CharField(
        label=_("Nomor WhatsApp"),
        required=False,
        max_length=24,
        help_text=_("Nomor seluler Indonesia, misalnya 0812 3456 7890 atau +62 812 3456 7890."),
    )

    class Meta:
        model = NotificationSettings
        fields = ["email_mode", "whatsapp", "phone"]

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data.get("phone", ""))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("whatsapp") and not data.get("phone") and "phone" not in self.errors:
            raise ValidationError(
                {"phone": _("Isi nomor WhatsApp untuk menerima pemberitahuan lewat WhatsApp.")}
            )
        return data
