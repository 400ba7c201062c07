"""Archiving the process tells everyone of the office (erkt.notifications)."""

from __future__ import annotations

import pytest

from erkt.documents.archive.services import create_berkas
from erkt.documents.tests.archive.conftest import BERKAS_DATA, user
from erkt.workflow.errors import NotAllowed
from erkt.workflow.models import Notification


def test_archiving_tells_everyone_of_the_office_with_the_nomor_berkas(
    at_step_11, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create_berkas(at_step_11, by=user("tim1"), data=dict(BERKAS_DATA))
    archived = Notification.objects.filter(process=at_step_11, kind="archived")
    assert archived.count() == 9
    message = next(m for m in mailoutbox if "diarsipkan" in m.subject)
    assert message.subject == f"[e-RKT] {at_step_11} selesai dan diarsipkan"
    assert BERKAS_DATA["nomor_berkas"] in message.body


def test_a_refused_archiving_tells_nobody(at_step_11, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(NotAllowed):
        create_berkas(at_step_11, by=user("kepala"), data=dict(BERKAS_DATA))
    assert not Notification.objects.filter(kind="archived").exists()
