"""Admin of steps 1-3: the disposition, the preparation plan and the socialisation meeting.

The records come from the steps' pages; here an administrator corrects their
content (a typo in the lembar disposisi, a missing attendee), nothing more.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from erkt.rkt.admin_scoping import RktAdmin, ScopedChoicesMixin, StepRecordAdmin
from erkt.rkt.preparation.models import (
    AnggotaTim,
    Disposisi,
    JadwalLangkah,
    PesertaRapat,
    RapatSosialisasi,
    RencanaPenyusunan,
)

RECORDED = ["process", "created_by", "created_at", "updated_at"]
PROCESS_RELATED = ["process__sop_version", "process__organization"]


@admin.register(Disposisi)
class DisposisiAdmin(StepRecordAdmin):
    list_display = ["process", "tanggal", "perihal", "sifat", "to_title", "batas_waktu"]
    list_filter = ["sifat"]
    list_select_related = PROCESS_RELATED
    search_fields = ["perihal", "nomor_agenda"]
    readonly_fields = RECORDED


class AnggotaTimInline(ScopedChoicesMixin, admin.TabularInline):
    model = AnggotaTim
    fields = ["order", "employee", "name", "title", "nip"]
    extra = 0


class JadwalLangkahInline(admin.TabularInline):
    model = JadwalLangkah
    fields = [
        "number",
        "uraian",
        "pelaksana",
        "sop_working_days",
        "working_days",
        "planned_start",
        "planned_due",
    ]
    extra = 0


@admin.register(RencanaPenyusunan)
class RencanaPenyusunanAdmin(StepRecordAdmin):
    list_display = ["process", "planned_end", "created_at"]
    list_select_related = PROCESS_RELATED
    readonly_fields = RECORDED
    inlines = [AnggotaTimInline, JadwalLangkahInline]


class PesertaRapatInline(ScopedChoicesMixin, admin.TabularInline):
    model = PesertaRapat
    fields = ["order", "unit_name", "title", "name", "nip", "kehadiran", "wakil_name"]
    extra = 0


@admin.register(RapatSosialisasi)
class RapatSosialisasiAdmin(StepRecordAdmin):
    list_display = ["process", "nomor_undangan", "tanggal", "waktu", "tempat"]
    list_select_related = PROCESS_RELATED
    search_fields = ["nomor_undangan", "tempat"]
    readonly_fields = RECORDED
    inlines = [PesertaRapatInline]


@admin.register(AnggotaTim)
class AnggotaTimAdmin(RktAdmin):
    list_display = ["name", "title", "nip", "rencana"]
    list_select_related = [f"rencana__{path}" for path in PROCESS_RELATED]
    search_fields = ["name", "nip"]


@admin.register(JadwalLangkah)
class JadwalLangkahAdmin(RktAdmin):
    list_display = ["number", "uraian", "pelaksana", "working_days", "planned_due", "rencana"]
    list_select_related = [f"rencana__{path}" for path in PROCESS_RELATED]


@admin.register(PesertaRapat)
class PesertaRapatAdmin(RktAdmin):
    list_display = ["title", "name", "unit_name", "kehadiran", "rapat"]
    list_filter = ["kehadiran"]
    list_select_related = [f"rapat__{path}" for path in PROCESS_RELATED]
    search_fields = ["name", "title", "unit_name"]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        # An attendee stays on the meeting it was invited to.
        return ["rapat"] if obj else []
