"""Admin of the Draft RKT: issued versions are only shown; a correction's wording may be fixed.

A version and its rows are immutable once issued (the models refuse any change),
so the admin offers no add, change or delete for them. Corrections are made on
the review pages; what they decided (status, resolved version) stays as recorded.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from erkt.rkt.admin_scoping import ReadOnlyAdmin, ReadOnlyInline, StepRecordAdmin
from erkt.rkt.drafts.models import Correction, DraftRkt, DraftRow


class DraftRowInline(ReadOnlyInline):
    model = DraftRow
    fields = [
        "order",
        "section",
        "sasaran_code",
        "program_code",
        "kegiatan_code",
        "sub_kegiatan_code",
        "indikator",
        "satuan",
        "target",
        "unit_name",
        "anggaran",
    ]


@admin.register(DraftRkt)
class DraftRktAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "created_by", "created_at", "frozen_at"]
    list_filter = ["status", "process__year"]
    list_select_related = ["process", "created_by"]
    inlines = [DraftRowInline]


@admin.register(Correction)
class CorrectionAdmin(StepRecordAdmin):
    list_display = ["row_key", "field", "verdict", "status", "source", "draft", "author"]
    list_filter = ["status", "verdict", "source"]
    list_select_related = ["draft__process", "author"]
    search_fields = ["row_key", "comment"]
    fields = [
        "draft",
        "task",
        "row_key",
        "field",
        "unit",
        "author",
        "source",
        "verdict",
        "comment",
        "proposed_value",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
        "decision_reason",
        "resolved_in",
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Correction | None = None):
        editable = {"comment", "decision_reason"}
        if obj is not None and obj.is_open:
            # Until the Kasubbag Perencanaan decides, the proposal may still be fixed.
            editable.add("proposed_value")
        return [name for name in self.fields if name not in editable]
