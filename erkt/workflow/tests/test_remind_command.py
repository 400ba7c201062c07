"""`erkt remind [--org SINGKATAN] [--dry-run]`, run once each working day."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from erkt.audit.models import AuditEntry
from erkt.workflow.models import Notification
from erkt.workflow.tests.page_helpers import MONDAY, at, run_to, start

FRIDAY = MONDAY + datetime.timedelta(days=4)


def remind(*args: str) -> str:
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def late_tim_task(demo, kepala, time_machine):
    """Step 5 of the Tim Perencanaan, due Thursday, seen on Friday: late."""
    time_machine.move_to(at(MONDAY), tick=False)
    run_to(start(demo, kepala), 5)
    time_machine.move_to(at(FRIDAY), tick=False)


def test_it_sends_and_prints_a_summary(late_tim_task, mailoutbox):
    output = remind()
    assert "Terkirim: 0 pengingat, 3 eskalasi." in output
    assert "Dilewati tanpa alamat e-mail: 0." in output
    assert len(mailoutbox) == 3
    assert Notification.objects.count() == 3


def test_running_it_twice_sends_nothing_the_second_time(late_tim_task, mailoutbox):
    remind()
    assert "Terkirim: 0 pengingat, 0 eskalasi." in remind()
    assert len(mailoutbox) == 3


def test_dry_run_sends_nothing_and_stores_nothing(late_tim_task, mailoutbox):
    entries = AuditEntry.objects.count()
    output = remind("--dry-run")
    assert "Akan dikirim: 0 pengingat, 3 eskalasi." in output
    assert mailoutbox == []
    assert not Notification.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_it_names_who_was_skipped_without_an_address(late_tim_task, tim2, mailoutbox):
    tim2.email = ""
    tim2.save(update_fields=["email"])
    output = remind()
    assert "Dilewati tanpa alamat e-mail: 1." in output
    assert "Ahmad Syarifuddin" in output
    assert len(mailoutbox) == 2


def test_it_reminds_only_the_organisation_named(late_tim_task, other_org, mailoutbox):
    assert "3 eskalasi" in remind("--org", "BKPSDM")
    mailoutbox.clear()
    Notification.objects.all().delete()
    assert "0 eskalasi" in remind("--org", "DISDIK")
    assert mailoutbox == []


def test_it_refuses_an_unknown_organisation(demo):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        remind("--org", "TIDAKADA")


def test_it_sends_nothing_on_a_day_off(late_tim_task, time_machine, mailoutbox):
    time_machine.move_to(at(FRIDAY + datetime.timedelta(days=1)), tick=False)
    assert "Hari libur, tidak ada yang dikirim: BKPSDM." in remind("--org", "BKPSDM")
    assert mailoutbox == []
