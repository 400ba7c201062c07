"""No lost edit: the records two people can hold open carry a version.

An edit form (and an API body) sends back the version it was loaded with. The
service claims the record with `UPDATE ... WHERE pk = ? AND version = ?` inside
its transaction: of two writers holding the same version exactly one moves it on,
the other gets `Stale` (409) naming who changed the record last and when, and
nothing of theirs is written. Version 0 means "not recorded yet": a record is
created at version 1.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from erkt.org.templatetags.indonesian import BULAN
from erkt.workflow.errors import Conflict

NEW = 0
VERSION_HELP = gettext_lazy(
    "Naik satu pada setiap perubahan; penyimpanan dengan versi lama ditolak."
)


class Stale(Conflict):
    """The record changed since the editor loaded it (HTTP 409); nothing was written."""


def version_field() -> models.PositiveIntegerField:
    return models.PositiveIntegerField(gettext_lazy("versi"), default=1, help_text=VERSION_HELP)


def updated_by_field() -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("diubah oleh"),
    )


def format_waktu(value: datetime.datetime | None, time_zone: str) -> str:
    """'6 Desember 2026 19.42' in the office's time zone; '-' when unknown."""
    if value is None:
        return "-"
    if timezone.is_aware(value):
        value = value.astimezone(zoneinfo.ZoneInfo(time_zone))
    return f"{value.day} {BULAN[value.month - 1]} {value.year} {value:%H.%M}"


def name_of(user: Any) -> str:
    """The display name of a user: the employee's name with titles, else the account's."""
    if user is None:
        return _("pengguna lain")
    from erkt.org.models import Employee

    employee = Employee.objects.filter(user=user).first()
    if employee is not None:
        return employee.full_name
    return user.get_full_name() or user.get_username()


def stale(record: models.Model, time_zone: str) -> Stale:
    """The refusal for a write based on an old version of `record` (read fresh here)."""
    fresh = type(record)._default_manager.get(pk=record.pk)
    return Stale(
        _("Data telah diubah oleh %(nama)s pada %(waktu)s; muat ulang")
        % {"nama": name_of(fresh.updated_by), "waktu": format_waktu(fresh.updated_at, time_zone)}
    )


def claim(record: models.Model, version: int | None, *, by: Any, time_zone: str) -> None:
    """Move the stored `record` from `version` on by one, or raise Stale; call inside atomic().

    `version` None is a write that read nothing to compare (a step action, the
    demo): it moves the version on unconditionally. The instance gets the new
    version, `updated_by` and `updated_at`, so a later `record.save()` in the
    same transaction keeps them.
    """
    now = timezone.now()
    manager = type(record)._default_manager
    rows = manager.filter(pk=record.pk)
    if version is not None:
        rows = rows.filter(version=version)
    moved = rows.update(version=F("version") + 1, updated_by=by, updated_at=now)
    if not moved:
        raise stale(record, time_zone)
    record.version = manager.values_list("version", flat=True).get(pk=record.pk)
    record.updated_by = by
    record.updated_at = now


def save_versioned(
    record: models.Model, version: int | None, *, by: Any, time_zone: str
) -> models.Model:
    """Claim an existing record (stale version: Stale), or stamp a new one; the caller saves."""
    if record.pk is None:
        record.version = 1
        record.updated_by = by
        record.updated_at = timezone.now()
        return record
    if version == NEW:
        raise stale(record, time_zone)
    claim(record, version, by=by, time_zone=time_zone)
    return record
