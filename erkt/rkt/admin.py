"""Admin of the Renstra: corrections by hand; a whole Renstra is loaded with the Excel import."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from erkt.org.admin import OrganizationScopedAdmin, own_organization_id
from erkt.rkt.models import (
    Indikator,
    IndikatorTarget,
    Kegiatan,
    Pagu,
    Program,
    Renstra,
    SasaranStrategis,
    SubKegiatan,
    Tujuan,
)

# How each model reaches its organisation, to scope rows and foreign-key choices.
ORGANIZATION_PATHS = {
    Renstra: "organization",
    Tujuan: "renstra__organization",
    SasaranStrategis: "renstra__organization",
    Program: "renstra__organization",
    Kegiatan: "program__renstra__organization",
    SubKegiatan: "kegiatan__program__renstra__organization",
}


class ScopedChoicesMixin:
    """Foreign-key choices of Renstra models limited to the user's organisation."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        path = ORGANIZATION_PATHS.get(db_field.related_model)
        if path is None and db_field.related_model._meta.label == "org.Unit":
            path = "organization"
        organization_id = own_organization_id(request)
        if field is not None and path is not None and organization_id is not None:
            field.queryset = field.queryset.filter(**{path: organization_id})
        return field


class TujuanInline(ScopedChoicesMixin, admin.TabularInline):
    model = Tujuan
    fields = ["order", "code", "uraian"]
    extra = 0


class SasaranInline(ScopedChoicesMixin, admin.TabularInline):
    model = SasaranStrategis
    fields = ["order", "code", "tujuan", "uraian"]
    extra = 0


class ProgramInline(admin.TabularInline):
    model = Program
    fields = ["code", "name", "sasaran"]
    extra = 0
    show_change_link = True


@admin.register(Renstra)
class RenstraAdmin(ScopedChoicesMixin, OrganizationScopedAdmin):
    list_display = ["title", "period_start", "period_end", "organization", "imported_at"]
    list_select_related = ["organization"]
    readonly_fields = ["period_end", "imported_at", "imported_by"]
    inlines = [TujuanInline, SasaranInline, ProgramInline]


class KegiatanInline(ScopedChoicesMixin, admin.TabularInline):
    model = Kegiatan
    fields = ["code", "name", "unit"]
    extra = 0
    show_change_link = True


class ProgramIndikatorInline(ScopedChoicesMixin, admin.TabularInline):
    model = Indikator
    fk_name = "program"
    fields = ["order", "uraian", "satuan", "arah", "baseline"]
    extra = 0
    show_change_link = True


@admin.register(Program)
class ProgramAdmin(ScopedChoicesMixin, OrganizationScopedAdmin):
    organization_path = ORGANIZATION_PATHS[Program]
    list_display = ["code", "name", "renstra"]
    list_select_related = ["renstra"]
    search_fields = ["code", "name"]
    inlines = [KegiatanInline, ProgramIndikatorInline]


class SubKegiatanInline(ScopedChoicesMixin, admin.TabularInline):
    model = SubKegiatan
    fields = ["code", "name", "unit"]
    extra = 0
    show_change_link = True


@admin.register(Kegiatan)
class KegiatanAdmin(ScopedChoicesMixin, OrganizationScopedAdmin):
    organization_path = ORGANIZATION_PATHS[Kegiatan]
    list_display = ["code", "name", "unit", "program"]
    list_select_related = ["unit", "program"]
    list_filter = ["unit"]
    search_fields = ["code", "name"]
    inlines = [SubKegiatanInline]


class PaguInline(admin.TabularInline):
    model = Pagu
    fields = ["year", "amount"]
    extra = 0


@admin.register(SubKegiatan)
class SubKegiatanAdmin(ScopedChoicesMixin, OrganizationScopedAdmin):
    organization_path = ORGANIZATION_PATHS[SubKegiatan]
    list_display = ["code", "name", "unit", "kegiatan"]
    list_select_related = ["unit", "kegiatan"]
    list_filter = ["unit"]
    search_fields = ["code", "name"]
    inlines = [PaguInline]


class TargetInline(admin.TabularInline):
    model = IndikatorTarget
    fields = ["year", "value"]
    extra = 0


@admin.register(Indikator)
class IndikatorAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["uraian", "satuan", "arah", "is_iku", "level"]
    list_filter = ["is_iku", "arah"]
    search_fields = ["uraian"]
    inlines = [TargetInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        organization_id = own_organization_id(request)
        if organization_id is None:
            return queryset
        # An indicator reaches its organisation through whichever owner it has.
        return queryset.filter(
            Q(sasaran__renstra__organization=organization_id)
            | Q(program__renstra__organization=organization_id)
            | Q(kegiatan__program__renstra__organization=organization_id)
            | Q(sub_kegiatan__kegiatan__program__renstra__organization=organization_id)
        )
