from django.contrib import admin

from erkt.documents.archive.admin_forms import ArchiveCertificateForm
from erkt.documents.models import ArchiveCertificate, Berkas, IssuedDocument
from erkt.org.admin import OrganizationScopedAdmin


class ReadOnlyAdmin(OrganizationScopedAdmin):
    """Issued documents and archive files are records: the admin shows them, never edits."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "issued_at", "issued_by", "pdf_kind")
    list_filter = ("kind", "pdf_kind")
    search_fields = ("title", "code", "digest")


@admin.register(Berkas)
class BerkasAdmin(ReadOnlyAdmin):
    organization_path = "process__organization"
    list_display = ("nomor_berkas", "kode_klasifikasi", "uraian", "tanggal", "nasib_akhir")
    search_fields = ("nomor_berkas", "uraian")


@admin.register(ArchiveCertificate)
class ArchiveCertificateAdmin(OrganizationScopedAdmin):
    """The certificate that signs each bundle's manifest: uploaded here, its passphrase kept
    in an environment variable of the server."""

    form = ArchiveCertificateForm
    list_display = ("subject", "organization", "not_after", "fingerprint_sha256")
    fields = (
        "organization",
        "pkcs12",
        "passphrase_variable",
        "subject",
        "issuer",
        "serial",
        "not_before",
        "not_after",
        "fingerprint_sha256",
        "uploaded_at",
    )
    readonly_fields = fields[3:]


import erkt.documents.signing.admin  # noqa: E402,F401  (registers the signing models)
