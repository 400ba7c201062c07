"""The audit log in the admin: view only, never added, changed or deleted."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from erkt.audit.models import AuditEntry
from erkt.org.access import employee_of


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "organization",
        "user_repr",
        "position_repr",
        "acting_kind",
        "acting_for",
        "action",
        "object_repr",
    ]
    list_filter = ["organization", "action"]
    search_fields = ["object_repr", "user_repr", "reason", "action"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    actions = None

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEntry]:
        # An administrator of one organisation reads only its chain.
        employee = employee_of(request.user)
        entries = super().get_queryset(request)
        return entries.filter(organization=employee.organization) if employee else entries

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return request.user.is_active and request.user.is_staff
