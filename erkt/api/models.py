"""Personal API tokens: the secret is shown once and only its SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from erkt.compiled_sql import Shape

TOKEN_PREFIX = "erkt_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 6
# last_used_at is informative; writing it on every request would turn every read into a write.
TOUCH_INTERVAL = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token of one user; revoking it is final."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("pengguna"),
    )
    name = models.CharField(_("nama"), max_length=100, blank=True)
    key_hash = models.CharField(_("hash token"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("awalan"), max_length=PREFIX_LENGTH, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    expires_at = models.DateTimeField(
        _("berlaku sampai"), null=True, blank=True, help_text=_("Kosong: berlaku sampai dicabut.")
    )

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(
        cls, user, *, name: str = "", expires_at: datetime | None = None
    ) -> tuple[ApiToken, str]:
        """Create a token for `user`; return it with the plain secret, which is never stored."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            key_hash=hash_secret(secret),
            prefix=secret[:PREFIX_LENGTH],
            expires_at=expires_at,
        )
        return token, secret

    @classmethod
    def find_active(cls, secret: str) -> ApiToken | None:
        if not secret.startswith(TOKEN_PREFIX):
            return None
        # The user's employee record (with its organisation) and Pemkab membership come in
        # the same query and are kept where erkt.org.access caches them: every request asks
        # for them (the organisation, the Pemkab reader's refusal to change anything).
        # key_hash is unique: one row at most. The query is compiled once (every API request
        # runs it), so the expiry is checked on the row rather than in SQL.
        found = _ACTIVE_TOKEN.rows(hash_secret(secret))
        token = found[0] if found and not found[0].is_expired else None
        if token is not None:
            user = token.user
            user._erkt_employee = getattr(user, "employee", None)
            user._erkt_pemkab = getattr(user, "pemkab_membership", None)
        return token

    @property
    def is_active(self) -> bool:
        """Not revoked; an expired token is refused too but can still be revoked."""
        return self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def touch(self) -> None:
        """Record a use, at most once per TOUCH_INTERVAL, without a read-modify-write race."""
        now = timezone.now()
        if self.last_used_at and now - self.last_used_at < TOUCH_INTERVAL:
            return
        ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
        self.last_used_at = now


# ApiToken.find_active's read: an unrevoked token of an active user by its hash, with the
# user's employee (and organisation) and Pemkab membership.
_ACTIVE_TOKEN = Shape(
    lambda key_hash: (
        ApiToken.objects.select_related("user__employee__organization", "user__pemkab_membership")
        .filter(key_hash=key_hash, revoked_at__isnull=True, user__is_active=True)
        .order_by()[:1]
    )
)
