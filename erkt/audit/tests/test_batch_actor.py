"""Entries recorded in one batch name their actor as entries recorded one by one do: the
names worked out once per batch are the same names."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from erkt.audit.log import batch, record
from erkt.audit.models import AuditEntry, HashAlgorithm
from erkt.org.models import Employee, Position, Role, Substitution

pytestmark = pytest.mark.database

ACTOR_FIELDS = ("user_id", "user_repr", "position_id", "position_repr", "acting_kind", "acting_for")


def actors(entries: list[AuditEntry]) -> list[tuple]:
    return [tuple(getattr(e, name) for name in ACTOR_FIELDS) for e in entries]


def test_a_batch_names_each_actor_as_single_entries_do(demo, kepala, sekretaris):
    head = Position.objects.get(organization=demo, role=Role.KEPALA)
    today = timezone.localdate()
    Substitution.objects.create(
        organization=demo,
        position=head,
        substitute=Employee.objects.get(user=sekretaris),
        kind=Substitution.Kind.PLT,
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=30),
        sp_number="800/031/BKPSDM/2026",
        sp_date=today,
    )
    own = sekretaris.employee.positions.get()
    calls = [
        (sekretaris, head),
        (sekretaris, head),
        (sekretaris, None),
        (sekretaris, own),
        (sekretaris, head),
        (kepala, head),
        (kepala, None),
        (AnonymousUser(), None),
        (None, None),
        (sekretaris, head),
    ]

    def record_all() -> list[AuditEntry]:
        return [
            record(organization=demo, user=user, position=position, action="x.y", obj=demo)
            for user, position in calls
        ]

    one_by_one = record_all()
    with batch():
        batched = record_all()
    assert actors(batched) == actors(one_by_one)
    assert batched[0].acting_kind == "plt" and batched[0].acting_for
    assert batched[3].acting_kind == ""


def test_a_new_entry_is_keyed_as_before(entries):
    stored = AuditEntry.objects.get(pk=entries[0].pk)
    assert stored.algorithm == HashAlgorithm.HMAC == 1
    assert stored.compute_hash() == stored.hash
