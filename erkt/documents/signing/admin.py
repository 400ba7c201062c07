"""Admin: the organisation's trusted CA roots (e.g. the BSrE root) and the certificates kept."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from erkt.documents.signing.models import (
    DocumentSignature,
    SigningCertificate,
    SigningConfig,
    TrustedRoot,
)
from erkt.org.admin import OrganizationScopedAdmin


@admin.register(TrustedRoot)
class TrustedRootAdmin(OrganizationScopedAdmin):
    list_display = ("name", "organization", "subject", "fingerprint_sha256", "added_at")
    fields = ("organization", "name", "certificate_pem", "subject", "fingerprint_sha256")
    readonly_fields = ("subject", "fingerprint_sha256")


@admin.register(SigningCertificate)
class SigningCertificateAdmin(OrganizationScopedAdmin):
    """Read-only but for deactivating: the Kepala uploads on the certificate page."""

    list_display = ("common_name", "employee", "issuer", "not_after", "active")
    list_filter = ("active",)
    fields = (
        "employee",
        "subject",
        "issuer",
        "serial",
        "not_before",
        "not_after",
        "fingerprint_sha256",
        "uploaded_at",
        "uploaded_by",
        "active",
    )
    readonly_fields = fields[:-1]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(DocumentSignature)
class DocumentSignatureAdmin(OrganizationScopedAdmin):
    organization_path = "document__organization"
    list_display = ("document", "method", "signer_name", "signed_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class SigningConfigForm(forms.ModelForm):
    bsre_url = forms.URLField(label=_("alamat layanan BSrE"), required=False, assume_scheme="https")
    client_secret = forms.CharField(
        label=_("client secret / password BSrE"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Kosongkan untuk mempertahankan yang tersimpan."),
    )

    class Meta:
        model = SigningConfig
        fields = (
            "organization",
            "provider",
            "bsre_url",
            "bsre_client_id",
            "client_secret",
            "bsre_timeout",
        )

    def save(self, commit: bool = True) -> SigningConfig:
        config = super().save(commit=False)
        if self.cleaned_data.get("client_secret"):
            config.set_client_secret(self.cleaned_data["client_secret"])
        if commit:
            config.save()
        return config


@admin.register(SigningConfig)
class SigningConfigAdmin(OrganizationScopedAdmin):
    """Per organisation: sign with the uploaded PKCS#12, or through BSrE (v1 or v2)."""

    form = SigningConfigForm
    list_display = ("organization", "provider", "bsre_url", "bsre_timeout")
