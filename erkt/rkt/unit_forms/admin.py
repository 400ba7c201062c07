"""Admin of the Form RKT: an administrator corrects a unit's rows by hand.

Forms are issued by step 3 and sent or returned on their own pages (with the
audit trail), so their state is only shown here, never set.
"""

from __future__ import annotations

from django.contrib import admin

from erkt.rkt.admin_scoping import ScopedChoicesMixin, StepRecordAdmin
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow


class FormRktRowInline(ScopedChoicesMixin, admin.TabularInline):
    model = FormRktRow
    fields = [
        "order",
        "kegiatan",
        "sub_kegiatan",
        "renstra_indikator",
        "sasaran_kegiatan",
        "indikator",
        "satuan",
        "target",
        "anggaran",
        "justifikasi",
    ]
    # Searchable widgets: a select of every kegiatan per row would be long and slow.
    autocomplete_fields = ["kegiatan", "sub_kegiatan", "renstra_indikator"]
    extra = 0


@admin.register(FormRkt)
class FormRktAdmin(StepRecordAdmin):
    list_display = ["__str__", "unit", "status", "submitted_at", "returned_at"]
    list_filter = ["status", "process__year"]
    list_select_related = ["process", "unit"]
    search_fields = ["unit__name", "unit__short_name"]
    readonly_fields = [
        "process",
        "unit",
        "status",
        "submitted_at",
        "submitted_by",
        "return_reason",
        "returned_at",
        "returned_by",
    ]
    inlines = [FormRktRowInline]
