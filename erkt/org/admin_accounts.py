"""Accounts and groups in the admin, scoped like the rest of the organisation.

A superuser manages every account. Any other staff user administers the
accounts of its own organisation's pegawai only: it never sees another office's
accounts nor a superuser's (404), never grants staff or superuser status, and
grants only the permissions and groups it holds itself.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from erkt.org.admin import own_organization_id
from erkt.org.models import Employee

admin.site.unregister(User)
admin.site.unregister(Group)


def grantable_permissions(user) -> QuerySet:
    """The permissions `user` may hand out: those it holds, directly or through a group."""
    if user.is_superuser:
        return Permission.objects.all()
    return Permission.objects.filter(Q(user=user) | Q(group__user=user)).distinct()


def grantable_groups(user) -> QuerySet:
    """The groups `user` may hand out: those it belongs to."""
    return Group.objects.all() if user.is_superuser else Group.objects.filter(user=user)


class NotFoundOutsideScopeMixin:
    """A row outside the user's queryset answers 404, not the admin's "does not exist" redirect."""

    def _require_in_scope(self, request: HttpRequest, object_id: str | None) -> None:
        if object_id is not None and self.get_object(request, unquote(object_id)) is None:
            raise Http404

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._require_in_scope(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._require_in_scope(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._require_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)


@admin.register(User)
class AccountAdmin(NotFoundOutsideScopeMixin, UserAdmin):
    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        organization_id = own_organization_id(request)
        if organization_id is None:
            return queryset
        # Only a superuser manages superusers, wherever they work.
        return queryset.filter(employee__organization_id=organization_id, is_superuser=False)

    def _is_scoped(self, request: HttpRequest) -> bool:
        return not request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        # Another administrator may hold more than this one: looked at, not taken over.
        return not (self._is_scoped(request) and obj is not None and _is_other_staff(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return not (self._is_scoped(request) and obj is not None and _is_other_staff(request, obj))

    def get_list_filter(self, request: HttpRequest):
        if self._is_scoped(request):
            # The groups filter would name every group of the deployment.
            return ("is_staff", "is_active")
        return super().get_list_filter(request)

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        if self._is_scoped(request):
            # A bulk delete would reach other administrators of the office.
            actions.pop("delete_selected", None)
        return actions

    def get_fieldsets(self, request: HttpRequest, obj=None):
        if obj is None and self._is_scoped(request):
            return ((None, {"fields": ("employee", *self.add_fieldsets[0][1]["fields"])}),)
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self._is_scoped(request):
            return fieldsets
        # Superuser status is not even shown; staff status is shown read-only.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "is_superuser"]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and self._is_scoped(request):
            readonly += ["is_staff", "last_login", "date_joined"]
        return readonly

    def get_form(self, request: HttpRequest, obj=None, **kwargs):
        if obj is None and self._is_scoped(request):
            # A new account belongs to a pegawai of this office who has none yet.
            employees = Employee.objects.filter(
                organization_id=own_organization_id(request), user__isnull=True
            )
            field = forms.ModelChoiceField(queryset=employees, label=_("pegawai"))
            kwargs["form"] = type("AccountCreationForm", (self.add_form,), {"employee": field})
        return super().get_form(request, obj, **kwargs)

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "user_permissions":
            kwargs["queryset"] = grantable_permissions(request.user).select_related("content_type")
        elif db_field.name == "groups":
            kwargs["queryset"] = grantable_groups(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        employee = form.cleaned_data.get("employee")
        if not change and employee is not None:
            Employee.objects.filter(pk=employee.pk, user__isnull=True).update(user=obj)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        user = form.instance
        # What this administrator cannot grant, it cannot take away either.
        kept_permissions = list(
            user.user_permissions.exclude(pk__in=grantable_permissions(request.user))
        )
        kept_groups = list(user.groups.exclude(pk__in=grantable_groups(request.user)))
        super().save_related(request, form, formsets, change)
        user.user_permissions.add(*kept_permissions)
        user.groups.add(*kept_groups)


def _is_other_staff(request: HttpRequest, user) -> bool:
    return user.is_staff and user.pk != request.user.pk


@admin.register(Group)
class ScopedGroupAdmin(NotFoundOutsideScopeMixin, GroupAdmin):
    """Groups span every organisation: only a superuser shapes them; others see their own."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return grantable_groups(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser
