"""Admin of the RKT app.

The Renstra here: corrections by hand; a whole Renstra is loaded with the Excel
import. The records of a process (steps 1-10) in each sub-package's admin.py,
imported at the bottom. Rows and choices are scoped by erkt.rkt.admin_scoping.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from erkt.rkt.admin_scoping import RktAdmin, ScopedChoicesMixin, scope
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


class TujuanInline(ScopedChoicesMixin, admin.TabularInline):
    model = Tujuan
    fields = ["order", "code", "uraian"]
    extra = 0


class SasaranInline(ScopedChoicesMixin, admin.TabularInline):
    model = SasaranStrategis
    fields = ["order", "code", "tujuan", "uraian"]
    extra = 0


class ProgramInline(ScopedChoicesMixin, admin.TabularInline):
    model = Program
    fields = ["code", "name", "sasaran"]
    extra = 0
    show_change_link = True


@admin.register(Renstra)
class RenstraAdmin(RktAdmin):
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
class ProgramAdmin(RktAdmin):
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
class KegiatanAdmin(RktAdmin):
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
class SubKegiatanAdmin(RktAdmin):
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
        return scope(super().get_queryset(request), request)


# The admins of the process records (steps 1-10) live next to their models.
from erkt.rkt.drafts import admin as drafts_admin  # noqa: E402,F401
from erkt.rkt.preparation import admin as preparation_admin  # noqa: E402,F401
from erkt.rkt.unit_forms import admin as unit_forms_admin  # noqa: E402,F401
