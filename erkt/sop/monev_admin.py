"""Admin of the SOP evaluations: read-only (they are made and signed on the monev pages)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from erkt.org.admin import OrganizationScopedAdmin
from erkt.sop.monev_models import SopEvaluation, SopEvaluationItem


class SopEvaluationItemInline(admin.TabularInline):
    model = SopEvaluationItem
    fields = ["step_number", "uraian", "berjalan_baik", "catatan", "tindakan", "proposed_waktu"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(SopEvaluation)
class SopEvaluationAdmin(OrganizationScopedAdmin):
    organization_path = "version__sop__organization"
    list_display = ["version", "year", "semester", "status", "signed_at"]
    list_select_related = ["version"]
    list_filter = ["status"]
    inlines = [SopEvaluationItemInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
