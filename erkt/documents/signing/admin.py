"""Admin: the organisation's trusted CA roots (e.g. the BSrE root) and the certificates kept."""

from django.contrib import admin

from erkt.documents.signing.models import DocumentSignature, SigningCertificate, TrustedRoot
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
