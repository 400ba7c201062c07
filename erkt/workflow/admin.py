"""Admin: the local calendar is edited here; processes and tasks are only read.

Processes change through the engine alone (erkt.workflow.engine), so their
admin pages are read-only. Calendar changes are written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.org.access import employee_of
from erkt.workflow.calendar import missing_holiday_data_warning
from erkt.workflow.models import Attachment, CalendarDay, Notification, Process, StepRun, Task
from erkt.workflow.recompute import open_deadlines_around, recompute_open_deadlines

CALENDAR_FIELDS = ["date", "kind", "name", "dasar_hukum"]


class OrganizationScopedAdmin(admin.ModelAdmin):
    """An administrator of one organisation sees only its rows."""

    organization_path = "organization"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        rows = super().get_queryset(request)
        employee = employee_of(request.user)
        if employee is None:
            return rows
        return rows.filter(**{self.organization_path: employee.organization})


class HolidayDataWarningMixin:
    """Warn on the changelist when next year's cuti bersama are not known yet."""

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        employee = employee_of(request.user)
        warning = missing_holiday_data_warning(employee.organization if employee else None)
        if warning:
            messages.warning(request, warning)
        return super().changelist_view(request, extra_context)


class ReadOnlyAdmin(OrganizationScopedAdmin):
    actions = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(HolidayDataWarningMixin, OrganizationScopedAdmin):
    list_display = ["date", "kind", "name", "dasar_hukum", "organization"]
    list_filter = ["kind", "organization"]
    search_fields = ["name", "dasar_hukum"]
    date_hierarchy = "date"
    readonly_fields = ["created_by", "created_at"]

    def get_fields(self, request: HttpRequest, obj: CalendarDay | None = None) -> list[str]:
        fields = [*CALENDAR_FIELDS, "created_by", "created_at"]
        # An organisation's own administrator records days for that organisation only.
        return fields if employee_of(request.user) else ["organization", *fields]

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> type[ModelForm]:
        form = super().get_form(request, obj, **kwargs)
        employee = employee_of(request.user)
        return _scoped_calendar_form(form, employee.organization) if employee else form

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        stored = CalendarDay.objects.get(pk=obj.pk) if change else None
        before = _calendar_state(stored) if stored is not None else None
        if not change:
            obj.created_by = request.user
        days = [obj.date, *([stored.date] if stored is not None else [])]
        snapshot = open_deadlines_around(obj.organization_id, days)
        super().save_model(request, obj, form, change)
        recompute_open_deadlines(snapshot, by=request.user)
        record(
            organization=obj.organization,
            user=request.user,
            action="calendar.change" if change else "calendar.add",
            obj=obj,
            before=before,
            after=_calendar_state(obj),
        )

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        record(
            organization=obj.organization,
            user=request.user,
            action="calendar.delete",
            obj=obj,
            before=_calendar_state(obj),
        )
        snapshot = open_deadlines_around(obj.organization_id, [obj.date])
        super().delete_model(request, obj)
        recompute_open_deadlines(snapshot, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarDay]) -> None:
        for day in queryset:
            self.delete_model(request, day)


class TaskInline(admin.TabularInline):
    model = Task
    fields = [
        "step_run",
        "unit",
        "position",
        "status",
        "pass_number",
        "due_date",
        "claimed_by",
        "completed_by",
        "decision",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StepRunInline(admin.TabularInline):
    model = StepRun
    fields = [
        "number",
        "status",
        "passes",
        "planned_start",
        "planned_due",
        "opened_on",
        "due_date",
        "completed_at",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Process)
class ProcessAdmin(HolidayDataWarningMixin, ReadOnlyAdmin):
    list_display = ["__str__", "year", "status", "start_date", "planned_end", "organization"]
    list_filter = ["status", "year", "organization"]
    inlines = [StepRunInline, TaskInline]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    organization_path = "process__organization"
    list_display = ["__str__", "process", "unit", "position", "status", "due_date", "completed_by"]
    list_filter = ["status", "process__year"]
    search_fields = ["note", "return_reason"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    organization_path = "task__process__organization"
    list_display = ["original_name", "task", "size", "uploaded_by", "uploaded_at"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """Every notice: of the engine's events, of `erkt remind` and of signing and archiving."""

    organization_path = "process__organization"
    list_display = ["created_at", "kind", "process", "task", "recipient", "to_superior", "read_at"]
    list_filter = ["kind", "to_superior"]
    list_select_related = [
        "process__sop_version",
        "task__step_run__step",
        "task__unit",
        "recipient",
    ]


def _scoped_calendar_form(form: type[ModelForm], organization: Any) -> type[ModelForm]:
    """The form without the organisation field still refuses a date recorded twice."""

    class ScopedCalendarDayForm(form):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.instance.organization = organization

        def clean(self) -> dict[str, Any]:
            data = super().clean()
            day = data.get("date")
            taken = CalendarDay.objects.filter(organization=organization, date=day)
            if day and taken.exclude(pk=self.instance.pk).exists():
                self.add_error("date", _("Tanggal ini sudah tercatat di kalender lokal."))
            return data

    return ScopedCalendarDayForm


def _calendar_state(day: CalendarDay) -> dict[str, Any]:
    return model_to_dict(day, fields=CALENDAR_FIELDS)
