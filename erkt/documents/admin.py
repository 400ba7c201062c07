from django.contrib import admin

from erkt.documents.models import Berkas, IssuedDocument
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


import erkt.documents.signing.admin  # noqa: E402,F401  (registers the signing models)
