"""The named cast of demo users shared by every test.

Every test that needs people asks for the demo office (`demo`) or one of its
users by name. `stranger` is the Kepala of another organisation: whatever it
asks of BKPSDM must answer 404.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

User = get_user_model()

CAST = {
    "kepala": "kepala",
    "sekretaris": "sekretaris",
    "kasubbag_perencanaan": "kasubbag.perencanaan",
    "tim1": "tim1",
    "tim2": "tim2",
    "kasubbag_umum": "kasubbag.umum",
    "kabid_ppik": "kabid.ppik",
    "kabid_psdm": "kabid.psdm",
    "kabid_mpk": "kabid.mpk",
    "administrator": "admin",
    "bappeda": "bappeda",  # the Pemkab reader (erkt.org.models.PemkabMembership)
}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Bahasa Indonesia). A request with
    Accept-Language: en leaves English active in the thread afterwards (LocaleMiddleware
    activates it and nothing deactivates it), so a later test's messages came out in English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def demo(db, request):
    """The demo office BKPSDM Kabupaten Balangan, as `erkt demo` loads it.

    Loaded once per test process, then restored in each test's transaction
    (erkt.testing.snapshots): a test may change it freely.
    """
    from erkt.org.demo import load_demo
    from erkt.testing.snapshots import restore_or_load

    return restore_or_load(request, "demo", load_demo)


@pytest.fixture
def demo_history(demo, request):
    """The demo office with what `erkt demo` adds: the Renstra 2025-2029, the demo
    certificates and the finished RKT 2025 and RKT 2026 (erkt.rkt.demo_history).

    Run once per test process (some 30 s: every document of both years is rendered and
    signed), then restored like `demo`; its timestamps lie in 2024-2025 and stay as run.
    """
    from erkt.rkt.demo_history import load_demo_history
    from erkt.testing.snapshots import restore_or_load

    def load():
        load_demo_history(demo)
        return demo

    return restore_or_load(request, "demo_history", load)


def _cast_member(name: str):
    @pytest.fixture
    def member(demo):
        return User.objects.get(username=CAST[name])

    member.__name__ = name
    return member


for _name in CAST:
    globals()[_name] = _cast_member(_name)


@pytest.fixture
def other_org(db):
    """A second Perangkat Daerah in the same deployment."""
    from erkt.org.demo import load_other_organization

    return load_other_organization()


@pytest.fixture
def stranger(other_org):
    """The Kepala of the other organisation."""
    return User.objects.get(username="kepala.disdik")


@pytest.fixture
def client_for():
    """A test client signed in as the given user."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


# The browser harness (`page`, screenshots of failures), per-test media dirs, the test PKI
# and fake BSrE, and a local S3-compatible server (`object_storage`: a new bucket as the
# default storage).
pytest_plugins = [
    "erkt.testing.browser",
    "erkt.testing.media",
    "erkt.testing.pki",
    "erkt.testing.bsre",
    "erkt.testing.object_storage",
]


# The slowest test files, with their seconds on an idle 2-core machine (`--durations`,
# setup included): they run first, slowest first. pytest-xdist's worksteal hands each
# worker a contiguous half of the collected order and lets an idle worker take the
# *not yet started* tests from the end of the other's queue, so a 100-s test that starts
# last leaves the other worker idle for as long; started first, it overlaps the rest.
# Each file stays whole (its per-process recordings are made once), and the two files of
# the demo history sit together so that one worker records it instead of both. The rest
# keeps the collected order. Update a figure when a file's time changes much.
SLOW_FIRST = {
    "erkt/rkt/tests/test_rkt_walk_browser.py": 100,
    "erkt/org/tests/test_accessibility_browser.py": 75,
    "erkt/workflow/tests/test_full_run_browser.py": 45,
    "erkt/backup/tests/test_backup_restore.py": 40,
    "erkt/rkt/tests/test_demo_history.py": 35,
    "erkt/sop/tests/test_monev_demo_history.py": 34,
    "erkt/api/tests/test_openapi_contract.py": 30,
    "erkt/api/tests/rkt/test_two_servers.py": 30,
    # About 5 s on SQLite, but four times its CPU on PostgreSQL (three offices with five
    # years each, built through the ORM): in CI's PostgreSQL part, near the end of the
    # collected order (file 40 of 51), it could be the last test to start.
    "erkt/workflow/tests/test_query_counts_at_scale.py": 20,
    "erkt/org/tests/test_demo_command.py": 17,
    "erkt/backup/tests/test_backup_restore_postgresql.py": 15,
    "erkt/api/tests/rkt/test_full_rkt_run_api.py": 12,
}


def pytest_collection_modifyitems(config, items):
    """Deselect (not skip) the tests of the other database: postgresql-marked tests when
    the suite runs on SQLite, sqlite-marked ones when it runs on PostgreSQL. Then move
    the slowest files to the front (SLOW_FIRST); every worker sorts alike."""
    from django.conf import settings

    on_sqlite = "sqlite" in settings.DATABASES["default"]["ENGINE"]
    other = "postgresql" if on_sqlite else "sqlite"
    deselected = [item for item in items if item.get_closest_marker(other)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker(other)]
    items.sort(key=lambda item: -SLOW_FIRST.get(item.nodeid.split("::")[0], 0))


@pytest.fixture
def without_step_actions(monkeypatch):
    """Run SOPs with the engine's default step behaviour (note + uploaded file).

    The engine's and the generic API's tests use it: they prove any SOP runs
    without the RKT app's step actions, which have their own tests.
    """
    from erkt.workflow import actions

    monkeypatch.setattr(actions, "_registry", {})


@pytest.fixture
def kepala_certificate(request, demo):
    """The demo CA (trusted by the demo office) and the Kepala Badan's certificate, as
    `erkt demo` loads them; passphrase DEMO_PASSPHRASE ("demo1234").

    The keys are drawn once per test process (erkt.testing.signing_keys) and, under a
    stopped clock, the rows restored from this process's first load of them
    (erkt.testing.snapshots.restore_or_apply): what follows can be recorded too."""
    from erkt.testing import signing_keys, snapshots

    return snapshots.restore_or_apply(
        request, "kepala_certificate", lambda: signing_keys.load_kepala_certificate(demo)
    )
