"""The session store (SESSION_ENGINE): Django's database sessions, read with written-out SQL.

Every request of a signed-in user reads its session first. Django built and compiled the
same query (`Session.objects.get(session_key=key, expire_date__gt=now)`) on every request
in several times the time the database takes to answer it; here it is a string kept per
database vendor. Everything else (saving, expiry, a new key on sign-in) is Django's.
"""

from __future__ import annotations

import functools

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from erkt.org.signed_in import instance_from, model_columns


@functools.cache
def session_sql(vendor: str) -> str:
    """Session.objects.filter(session_key=%s, expire_date__gt=%s), every column."""
    del vendor
    quote = connection.ops.quote_name
    return (
        f"SELECT {model_columns(Session, 's')} FROM {quote(Session._meta.db_table)} s"
        " WHERE s.session_key = %s AND s.expire_date > %s"
    )


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(session_sql(connection.vendor), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            # As Django's: an unknown or expired key is forgotten (a new one on save).
            self._session_key = None
            return None
        return instance_from(Session, row)
