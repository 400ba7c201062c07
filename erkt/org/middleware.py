"""Middleware of e-RKT's own."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

# The session is saved (and its expiry pushed to now + SESSION_COOKIE_AGE) at most this
# often: saving it on every request would turn every page view into a database write.
REFRESH_SECONDS = 5 * 60
REFRESHED_AT = "_erkt_refreshed_at"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def mark_session_fresh(sender, request: HttpRequest, user, **kwargs) -> None:
    """A new sign-in's session is saved anyway: the next request need not save it again."""
    request.session[REFRESHED_AT] = int(time.time())


class RollingSessionMiddleware:
    """Keeps a signed-in session alive while it is used; an idle one expires.

    With SESSION_COOKIE_AGE (8 hours) the session expires that long after its last
    save; this saves it again once REFRESH_SECONDS have passed since the last save.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.get(SESSION_KEY) is not None:
            now = int(time.time())
            if now - session.get(REFRESHED_AT, 0) >= REFRESH_SECONDS:
                session[REFRESHED_AT] = now
        return self.get_response(request)


# What a Pemkab reader may still send: signing out, the interface language, its own
# password. None of them changes an OPD's data.
PEMKAB_UNSAFE_ALLOWED = ("logout", "set_language", "password_change")


class PemkabReadOnlyMiddleware:
    """A Pemkab reader changes nothing: every POST (PUT, PATCH, DELETE) is refused with 403,
    before any view runs. The API's bearer tokens are refused the same way
    (erkt.api.security.TokenAuth)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        from erkt.org.access import is_pemkab

        if request.method in SAFE_METHODS:
            return None
        match = request.resolver_match
        if match is not None and match.url_name in PEMKAB_UNSAFE_ALLOWED:
            return None
        if is_pemkab(request.user):
            raise PermissionDenied
        return None
