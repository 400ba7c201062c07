"""The `demo` fixture restores the office a fresh `load_demo()` writes (erkt.testing.snapshots)."""

import datetime

import pytest
from django.contrib.auth.hashers import check_password
from django.db import transaction

from erkt.org.demo import DEMO_PASSWORD, load_demo
from erkt.org.models import Organization
from erkt.org.tests.snapshot_helpers import rows
from erkt.testing import snapshots

pytestmark = pytest.mark.database

FROZEN = datetime.datetime(2026, 3, 2, 1, 30, tzinfo=datetime.UTC)


def restored(request):
    """The demo as the fixture gives it on its second use in a process (recorded first)."""
    request.node.stash[snapshots._restored_in_test] = []
    snapshots.restore_or_load(request, "demo", load_demo)  # records it unless already done
    transaction.set_rollback(True)


def test_a_restored_demo_has_the_rows_and_files_of_a_fresh_load(
    db, request, time_machine, settings, tmp_path
):
    time_machine.move_to(FROZEN, tick=False)
    settings.MEDIA_ROOT = tmp_path / "fresh"
    with transaction.atomic():
        fresh_office = load_demo()
        fresh, fresh_logo = rows(), fresh_office.logo.read()
        transaction.set_rollback(True)
    # Recorded (unless an earlier test did) on another day: the stamps follow the clock.
    time_machine.move_to(FROZEN + datetime.timedelta(days=40, hours=3), tick=False)
    settings.MEDIA_ROOT = tmp_path / "recorded"
    with transaction.atomic():
        restored(request)
    time_machine.move_to(FROZEN, tick=False)
    settings.MEDIA_ROOT = tmp_path / "restored"
    request.node.stash[snapshots._restored_in_test] = []
    office = snapshots.restore_or_load(request, "demo", load_demo)
    again = rows()

    assert again.keys() == fresh.keys()
    for table, values in fresh.items():
        for before, after in zip(values, again[table], strict=True):
            if table == "auth_user":
                assert check_password(DEMO_PASSWORD, after.pop("password"))
                before.pop("password")
            if table == "org_organization":
                # Drawn again, as a fresh load does: it keys a per-process cache.
                assert after.pop("calendar_token") != before.pop("calendar_token")
            assert after == before, table
    assert office == Organization.objects.get(short_name="BKPSDM")
    assert office.logo.read() == fresh_logo


def test_the_demo_is_loaded_when_the_database_already_holds_other_rows(db, request):
    with transaction.atomic():
        restored(request)
    Organization.objects.create(short_name="BKPSDM", name="Lama", address="-", city="-")
    request.node.stash[snapshots._restored_in_test] = []

    office = snapshots.restore_or_load(request, "demo", load_demo)

    assert Organization.objects.get().pk == office.pk
    assert office.name == "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
