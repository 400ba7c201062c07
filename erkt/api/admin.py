from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from erkt.api.models import ApiToken
from erkt.api.tokens import revoke_token
from erkt.org.access import employee_of


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued through the API only: the admin never sees a secret."""

    list_display = [
        "prefix",
        "name",
        "user",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "name", "user__username"]
    readonly_fields = ["user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
    fields = ["user", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiToken]:
        tokens = super().get_queryset(request).select_related("user")
        employee = employee_of(request.user)
        if employee is None:  # an administrator of the whole deployment
            return tokens
        return tokens.filter(user__employee__organization=employee.organization)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        # Revoked tokens stay listed: who had API access, and until when.
        return False

    @admin.action(description=_("Cabut token terpilih"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = list(queryset.filter(revoked_at__isnull=True).select_related("user"))
        for token in tokens:
            revoke_token(token, by=request.user)
        count = len(tokens)
        message = ngettext("%(count)d token dicabut.", "%(count)d token dicabut.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
