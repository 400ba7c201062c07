"""The append-only, hash-chained audit log.

Each organisation has one chain: entry n carries the hash of entry n-1
(prev_hash) and its own hash over its content and prev_hash. Changing,
inserting or deleting a row breaks the chain at that point, which
`erkt audit verify` reports. The application never updates or deletes an entry.

The hash is an HMAC-SHA256 under a key kept outside the database (erkt.audit.keys),
so a rewritten chain cannot be made consistent again without that key. Entries
written before the key existed keep their plain SHA-256 (algorithm "legacy"); the
migration that introduced the key sealed where that legacy part ends.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from erkt.org.models import Organization, Position, Substitution

GENESIS_HASH = "0" * 64


class HashAlgorithm(models.IntegerChoices):
    LEGACY = 0, _("SHA-256 tanpa kunci (lama)")
    HMAC = 1, _("HMAC-SHA256 berkunci")


class AuditLogImmutable(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogImmutable("Entri jejak audit tidak dapat diubah.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogImmutable("Entri jejak audit tidak dapat dihapus.")


class AuditEntry(models.Model):
    """Who, acting in which position, did what to which object, when, and why."""

    organization = models.ForeignKey(
        Organization,
        models.CASCADE,
        related_name="audit_entries",
        verbose_name=_("perangkat daerah"),
    )
    seq = models.PositiveBigIntegerField(_("nomor urut"))
    created_at = models.DateTimeField(_("waktu"))
    # PROTECT: deleting a user or position that appears in the log would change hashed data.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pengguna"),
    )
    user_repr = models.CharField(_("nama pengguna"), max_length=200, blank=True)
    position = models.ForeignKey(
        Position,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dalam jabatan"),
    )
    position_repr = models.CharField(_("nama jabatan"), max_length=200, blank=True)
    # A Plt./Plh. acting in `position`: the kind and the holder(s) they acted for.
    acting_kind = models.CharField(
        _("bertindak sebagai"),
        max_length=3,
        choices=Substitution.Kind.choices,
        blank=True,
    )
    acting_for = models.CharField(_("atas nama"), max_length=200, blank=True)
    action = models.SlugField(_("tindakan"), max_length=60)
    object_type = models.CharField(_("jenis objek"), max_length=100, blank=True)
    object_id = models.CharField(_("id objek"), max_length=64, blank=True)
    object_repr = models.CharField(_("objek"), max_length=300, blank=True)
    before = models.JSONField(_("sebelum"), null=True, blank=True)
    after = models.JSONField(_("sesudah"), null=True, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    prev_hash = models.CharField(_("hash sebelumnya"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    # The member's plain int (what the migration records): an enum member is written
    # through the field's conversion, some 9 Python calls an entry, where an int is not.
    algorithm = models.PositiveSmallIntegerField(
        _("algoritma hash"), choices=HashAlgorithm.choices, default=HashAlgorithm.HMAC.value
    )

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entri jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["organization", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "seq"], name="audit_entry_seq_unique")
        ]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogImmutable("Entri jejak audit tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogImmutable("Entri jejak audit tidak dapat dihapus.")

    def hashed_content(self) -> dict[str, Any]:
        content = {
            "organization": self.organization_id,
            "seq": self.seq,
            "created_at": self.created_at.astimezone(datetime.UTC).isoformat(
                timespec="microseconds"
            ),
            "user": self.user_id,
            "user_repr": self.user_repr,
            "position": self.position_id,
            "position_repr": self.position_repr,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
            "prev_hash": self.prev_hash,
        }
        # Only when set: the entries written before substitutes existed keep their hashes.
        if self.acting_kind:
            content["acting_kind"] = self.acting_kind
            content["acting_for"] = self.acting_for
        return content

    @property
    def who(self) -> str:
        """The actor as history shows them: 'Plh. Budi atas nama Siti' for a substitute."""
        employee = getattr(self.user, "employee", None) if self.user is not None else None
        name = employee.full_name if employee is not None else self.user_repr
        if self.acting_kind:
            from erkt.org.substitutes import acting_phrase

            return acting_phrase(self.acting_kind, name, self.acting_for)
        return name

    def compute_hash(self) -> str:
        from erkt.audit.keys import keyed_hash

        text = canonical_json(self.hashed_content())
        if self.algorithm == HashAlgorithm.LEGACY:
            return hashlib.sha256(text.encode()).hexdigest()
        return keyed_hash(text)


class AuditChain(models.Model):
    """The head of an organisation's chain; its row lock serialises appends."""

    organization = models.OneToOneField(
        Organization, models.CASCADE, primary_key=True, related_name="audit_chain"
    )
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    # Where the unkeyed (legacy) part of the chain ends, sealed with the audit key when the
    # key was introduced; 0 and no seal: every entry is keyed.
    legacy_seq = models.PositiveBigIntegerField(default=0)
    legacy_seal = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("kepala rantai audit")
        verbose_name_plural = _("kepala rantai audit")

    def __str__(self) -> str:
        return f"{self.organization}: {self.last_seq}"


def legacy_seal(organization_id: int, seq: int, entry_hash: str) -> str:
    """The keyed seal over the last unkeyed entry of a chain."""
    from erkt.audit.keys import keyed_hash

    return keyed_hash(f"legacy-end:{organization_id}:{seq}:{entry_hash}")


def seal_matches(seal: str, organization_id: int, seq: int, entry_hash: str) -> bool:
    return hmac.compare_digest(seal, legacy_seal(organization_id, seq, entry_hash))


def canonical_json(value: Any) -> str:
    """One byte-exact JSON text per value: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
