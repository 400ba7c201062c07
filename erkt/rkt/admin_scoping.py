"""How each RKT model reaches its organisation, so every admin scopes rows and choices alike.

A superuser sees every organisation; any other staff user only their own
(erkt.org.admin.own_organization_id).
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from erkt.org.admin import OrganizationScopedAdmin, own_organization_id

# The lookup from a model (by its label) to its organisation's id.
ORGANIZATION_PATHS: dict[str, str] = {
    "org.organization": "pk",
    "org.unit": "organization",
    "org.position": "organization",
    "org.employee": "organization",
    "workflow.process": "organization",
    "workflow.task": "process__organization",
    "rkt.renstra": "organization",
    "rkt.tujuan": "renstra__organization",
    "rkt.sasaranstrategis": "renstra__organization",
    "rkt.program": "renstra__organization",
    "rkt.kegiatan": "program__renstra__organization",
    "rkt.subkegiatan": "kegiatan__program__renstra__organization",
    "rkt.disposisi": "process__organization",
    "rkt.rencanapenyusunan": "process__organization",
    "rkt.anggotatim": "rencana__process__organization",
    "rkt.jadwallangkah": "rencana__process__organization",
    "rkt.rapatsosialisasi": "process__organization",
    "rkt.pesertarapat": "rapat__process__organization",
    "rkt.formrkt": "process__organization",
    "rkt.draftrkt": "process__organization",
    "rkt.correction": "draft__process__organization",
}


def _indikator_scope(organization_id: int) -> Q:
    """An indicator reaches its organisation through whichever owner it has."""
    return (
        Q(sasaran__renstra__organization=organization_id)
        | Q(program__renstra__organization=organization_id)
        | Q(kegiatan__program__renstra__organization=organization_id)
        | Q(sub_kegiatan__kegiatan__program__renstra__organization=organization_id)
    )


def scope(queryset: QuerySet, request: HttpRequest) -> QuerySet:
    """`queryset` limited to the request user's organisation (unchanged for a superuser)."""
    organization_id = own_organization_id(request)
    if organization_id is None:
        return queryset
    label = queryset.model._meta.label_lower
    if label == "rkt.indikator":
        return queryset.filter(_indikator_scope(organization_id))
    path = ORGANIZATION_PATHS.get(label)
    return queryset if path is None else queryset.filter(**{path: organization_id})


class ScopedChoicesMixin:
    """Foreign-key choices limited to the user's organisation, for admins and inlines."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None:
            field.queryset = scope(field.queryset, request)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None:
            field.queryset = scope(field.queryset, request)
        return field


class RktAdmin(ScopedChoicesMixin, OrganizationScopedAdmin):
    """Rows of an RKT model limited to the user's organisation through ORGANIZATION_PATHS."""

    def __init__(self, model, admin_site) -> None:
        super().__init__(model, admin_site)
        self.organization_path = ORGANIZATION_PATHS[model._meta.label_lower]


class StepRecordAdmin(RktAdmin):
    """What a step of a running process wrote: corrected here, never created or removed.

    The record belongs to its process (the step's page creates it, the printed
    documents read it), so the admin only fixes its content.
    """

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReadOnlyAdmin(RktAdmin):
    """Issued data: looked at, never changed (the models refuse changes too)."""

    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
