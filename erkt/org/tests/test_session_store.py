"""The session store's written-out read (erkt.org.sessions) against Django's own."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from erkt.org.sessions import SessionStore


@pytest.mark.database
def test_it_reads_what_djangos_store_reads(db, django_assert_num_queries):
    store = SessionStore()
    store["colour"] = "<merah>"
    store.save()
    with django_assert_num_queries(1):
        read = SessionStore(store.session_key).load()
    assert read == DjangoStore(store.session_key).load() == {"colour": "<merah>"}


@pytest.mark.database
def test_an_expired_or_unknown_session_is_empty_and_its_key_forgotten(db):
    store = SessionStore()
    store["colour"] = "biru"
    store.save()
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    for key in (store.session_key, "tidak-ada-sesi-dengan-kunci-ini"):
        expired = SessionStore(key)
        assert expired.load() == {}
        assert expired.session_key is None


def test_the_session_engine_is_erkts(settings):
    assert settings.SESSION_ENGINE == "erkt.org.sessions"
