"""Admin of SOP definitions: drafts are edited here; active and superseded ones are read-only."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from erkt.org.admin import OrganizationScopedAdmin
from erkt.sop.io import SopDefinitionError
from erkt.sop.models import Sop, SopActor, SopStep, SopVersion, SopVersionError

VERSION_META_FIELDS = ["sop", "number", "status", "approved_at", "approved_by", "created_at"]
VERSION_IDENTITY_FIELDS = [
    "judul",
    "nomor",
    "tanggal_pembuatan",
    "tanggal_revisi",
    "tanggal_efektif",
    "disahkan_oleh",
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
]


def _is_draft(version: SopVersion | None) -> bool:
    return version is not None and version.is_draft


class SopVersionInline(admin.TabularInline):
    model = SopVersion
    fields = ["number", "status", "judul", "tanggal_efektif", "approved_at"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Sop)
class SopAdmin(OrganizationScopedAdmin):
    list_display = ["code", "active_judul", "active_number", "organization"]
    list_select_related = ["organization"]
    search_fields = ["code", "versions__judul"]
    inlines = [SopVersionInline]

    def get_list_filter(self, request: HttpRequest):
        return ["organization"] if request.user.is_superuser else []

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        # The code names the SOP in files and running processes: fixed once created.
        return ["organization", "code"] if obj else []

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # An SOP that was ever in force is history (processes pinned its versions).
        if obj is not None and obj.versions.exclude(status=SopVersion.Status.DRAFT).exists():
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=gettext_lazy("judul (versi berlaku)"))
    def active_judul(self, sop: Sop) -> str:
        active = sop.active_version
        return active.judul if active else "-"

    @admin.display(description=gettext_lazy("versi berlaku"))
    def active_number(self, sop: Sop) -> str:
        active = sop.active_version
        return str(active.number) if active else "-"


class _DraftOnlyInline(admin.TabularInline):
    """Rows of a version, editable only while the version is a draft."""

    extra = 0

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return _is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return _is_draft(obj) and super().has_delete_permission(request, obj)


class SopActorInline(_DraftOnlyInline):
    model = SopActor
    fields = ["order", "key", "name", "role"]


class SopStepInline(_DraftOnlyInline):
    model = SopStep
    fields = [
        "number",
        "uraian",
        "actor",
        "kind",
        "kelengkapan",
        "waktu_amount",
        "waktu_unit",
        "output",
        "keterangan",
        "yes_step",
        "no_step",
        "per_unit",
        "action",
    ]

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        actor = formset.form.base_fields.get("actor")
        if actor is not None:
            # A step's pelaksana is one of the columns of this very version.
            actor.queryset = obj.actors.all() if obj else SopActor.objects.none()
        return formset


@admin.register(SopVersion)
class SopVersionAdmin(OrganizationScopedAdmin):
    organization_path = "sop__organization"
    list_display = ["sop", "number", "status", "judul", "tanggal_efektif", "approved_at"]
    list_filter = ["status"]
    list_select_related = ["sop"]
    search_fields = ["judul", "nomor", "sop__code"]
    fields = [*VERSION_META_FIELDS, *VERSION_IDENTITY_FIELDS]
    readonly_fields = VERSION_META_FIELDS
    inlines = [SopActorInline, SopStepInline]
    actions = ["create_new_draft", "approve_drafts"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Versions come from `erkt sop load` or from "Buat versi draf baru".
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # An active or superseded version is shown read-only (view permission).
        if obj is not None and not obj.is_draft:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and not obj.is_draft:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        # The bulk delete action would bypass the per-object check above.
        super().delete_queryset(request, queryset.filter(status=SopVersion.Status.DRAFT))

    @admin.action(description=gettext_lazy("Buat versi draf baru"))
    def create_new_draft(self, request: HttpRequest, queryset: QuerySet) -> None:
        for version in queryset.select_related("sop"):
            if version.status != SopVersion.Status.ACTIVE:
                self.message_user(
                    request,
                    _("%(version)s: versi draf baru hanya dapat dibuat dari versi yang berlaku.")
                    % {"version": version},
                    messages.ERROR,
                )
                continue
            try:
                draft = version.new_draft()
            except SopVersionError as exc:
                self.message_user(request, f"{version}: {exc.message}", messages.ERROR)
                continue
            self.message_user(
                request,
                _("Versi draf %(number)d dibuat untuk SOP %(code)s.")
                % {"number": draft.number, "code": version.sop.code},
                messages.SUCCESS,
            )

    @admin.action(description=gettext_lazy("Sahkan versi draf"))
    def approve_drafts(self, request: HttpRequest, queryset: QuerySet) -> None:
        approved = 0
        for version in queryset.select_related("sop"):
            try:
                version.approve(request.user)
            except SopDefinitionError as exc:
                for message in exc.messages:
                    self.message_user(request, f"{version}: {message}", messages.ERROR)
            except SopVersionError as exc:
                self.message_user(request, f"{version}: {exc.message}", messages.ERROR)
            else:
                approved += 1
        if approved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d versi disahkan dan kini berlaku.",
                    "%(count)d versi disahkan dan kini berlaku.",
                    approved,
                )
                % {"count": approved},
                messages.SUCCESS,
            )


from erkt.sop.monev_admin import SopEvaluationAdmin  # noqa: E402, F401  (monev SOP, read-only)
