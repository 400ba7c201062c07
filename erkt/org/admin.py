"""Admin of the organisation: a superuser sees every Perangkat Daerah, other staff their own."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from erkt.org.access import employee_of
from erkt.org.models import (
    Employee,
    Organization,
    PemkabMembership,
    Position,
    Substitution,
    Training,
    Unit,
)
from erkt.org.nip import normalize_nip


def own_organization_id(request: HttpRequest) -> int | None:
    """The organisation a staff user administers; None for a superuser (all of them)."""
    if request.user.is_superuser:
        return None
    employee = employee_of(request.user)
    # A staff user outside every organisation administers nothing.
    return employee.organization_id if employee else 0


class OrganizationScopedAdmin(admin.ModelAdmin):
    """Rows, and the choices of every foreign key, limited to the user's organisation."""

    organization_path = "organization"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return self._scope(super().get_queryset(request), request, self.organization_path)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        path = _organization_path_of(db_field.related_model)
        if field is not None and path is not None:
            field.queryset = self._scope(field.queryset, request, path)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        path = _organization_path_of(db_field.related_model)
        if field is not None and path is not None:
            field.queryset = self._scope(field.queryset, request, path)
        return field

    @staticmethod
    def _scope(queryset: QuerySet, request: HttpRequest, path: str) -> QuerySet:
        organization_id = own_organization_id(request)
        if organization_id is None:
            return queryset
        return queryset.filter(**{path: organization_id})


def _organization_path_of(model) -> str | None:
    if model is Organization:
        return "pk"
    if model in (Unit, Position, Employee):
        return "organization"
    return None


class PositionInline(admin.TabularInline):
    model = Position
    fields = ["title", "role"]
    extra = 0
    show_change_link = True


@admin.register(Organization)
class OrganizationAdmin(OrganizationScopedAdmin):
    organization_path = "pk"
    list_display = ["name", "short_name", "pemerintah_daerah", "city", "time_zone"]
    search_fields = ["name", "short_name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A new Perangkat Daerah is the deployment's business, not one office's.
        return request.user.is_superuser and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@admin.register(Unit)
class UnitAdmin(OrganizationScopedAdmin):
    list_display = ["name", "short_name", "parent", "kind", "fills_form_rkt", "head_position"]
    list_filter = ["kind", "fills_form_rkt"]
    list_select_related = ["parent", "head_position"]
    search_fields = ["name", "short_name"]
    inlines = [PositionInline]

    def get_list_filter(self, request: HttpRequest):
        if request.user.is_superuser:
            return ["organization", *self.list_filter]
        return self.list_filter

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        head = form.base_fields.get("head_position")
        if head is not None:
            # Only a jabatan of this very unit can head it; a new unit has none yet.
            head.queryset = Position.objects.filter(unit=obj) if obj else Position.objects.none()
        return form

    def save_formset(self, request, form, formset, change) -> None:
        # Positions added inline belong to the unit's organisation.
        for position in formset.save(commit=False):
            position.organization_id = form.instance.organization_id
            position.save()
        for position in formset.deleted_objects:
            position.delete()
        formset.save_m2m()


@admin.register(Position)
class PositionAdmin(OrganizationScopedAdmin):
    list_display = ["title", "unit", "role", "holder_names"]
    list_filter = ["role"]
    list_select_related = ["unit"]
    search_fields = ["title", "unit__name", "holders__name"]
    filter_horizontal = ["holders"]
    exclude = ["organization"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("holders")

    def save_model(self, request, obj: Position, form, change) -> None:
        # The organisation follows the unit: the form cannot set them apart.
        obj.organization_id = obj.unit.organization_id
        super().save_model(request, obj, form, change)

    @admin.display(description=_("pemangku jabatan"))
    def holder_names(self, position: Position) -> str:
        return ", ".join(holder.full_name for holder in position.holders.all())


class TrainingInline(admin.TabularInline):
    """The employee's diklat/pelatihan, read against the SOPs' Kualifikasi Pelaksana
    (erkt.sop.qualifications). Scoped with the employee it belongs to."""

    model = Training
    fields = ["name", "year", "certificate_number"]
    extra = 0


@admin.register(Employee)
class EmployeeAdmin(OrganizationScopedAdmin):
    list_display = [
        "full_name",
        "nip_formatted",
        "pangkat",
        "pendidikan",
        "organization",
        "user_link",
    ]
    list_select_related = ["organization", "user"]
    search_fields = ["name", "nip", "nik"]
    inlines = [TrainingInline]

    def get_list_filter(self, request: HttpRequest):
        return ["organization", "pendidikan"] if request.user.is_superuser else ["pendidikan"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        organization_id = own_organization_id(request)
        if db_field.name == "user" and organization_id is not None:
            # Offer only the free accounts and those of this organisation; never an
            # administrator's or a superuser's account outside it.
            field.queryset = field.queryset.filter(
                Q(employee__isnull=True, is_staff=False, is_superuser=False)
                | Q(employee__organization_id=organization_id)
            )
        return field

    def get_search_results(self, request, queryset, search_term):
        # A NIP is often typed in its written form "19820425 200902 2 002".
        compact = normalize_nip(search_term)
        if compact.isdigit():
            search_term = compact
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("NIP"), ordering="nip")
    def nip_formatted(self, employee: Employee) -> str:
        return employee.nip_display

    @admin.display(description=_("nama"), ordering="name")
    def full_name(self, employee: Employee) -> str:
        return employee.full_name

    @admin.display(description=_("akun pengguna"), ordering="user__username")
    def user_link(self, employee: Employee) -> str:
        if employee.user is None:
            return "-"
        url = reverse("admin:auth_user_change", args=[employee.user_id])
        return format_html('<a href="{}">{}</a>', url, employee.user.username)


@admin.register(Substitution)
class SubstitutionAdmin(OrganizationScopedAdmin):
    list_display = ["position", "kind", "substitute", "start_date", "end_date", "sp_number"]
    list_filter = ["kind"]
    list_select_related = ["position", "substitute"]
    search_fields = ["position__title", "substitute__name", "sp_number"]

    def save_model(self, request, obj: Substitution, form, change) -> None:
        obj.organization_id = obj.position.organization_id
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


# Accounts and groups, scoped the same way (registered on import).
from erkt.org import admin_accounts  # noqa: E402, F401


@admin.register(PemkabMembership)
class PemkabMembershipAdmin(admin.ModelAdmin):
    """Pembaca Pemkab: granted by a superuser only (they read every OPD of the deployment)."""

    list_display = ("name", "body", "user", "granted_by", "granted_at")
    list_filter = ("body",)
    search_fields = ("name", "user__username")
    autocomplete_fields = ("user",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission

    def save_model(self, request: HttpRequest, obj: PemkabMembership, form, change) -> None:
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)
