"""One limit on failed sign-ins for the web login, the admin login and the API token door.

django-axes counts the failures in the database (AccessAttempt), so every worker and
every server sees the same count. Two limits apply within the cool-off window:

- per username and client address (AXES_FAILURE_LIMIT, 5): someone guessing from one
  place is stopped quickly, and cannot lock the real user out from elsewhere;
- per username from any address (ERKT_LOGIN_USERNAME_FAILURE_LIMIT, 30): a slower
  limit against guessing spread over many addresses.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# Lockout parameters, in this order: the pair, then the username alone.
LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]


class LoginLimitHandler(AxesDatabaseHandler):
    """Axes' database handler with a second, slower limit per username.

    Axes compares one number with AXES_FAILURE_LIMIT; the per-username count is
    scaled so that it reaches that limit at ERKT_LOGIN_USERNAME_FAILURE_LIMIT.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        pair, username = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        limit = settings.AXES_FAILURE_LIMIT
        return max(pair, username * limit // settings.ERKT_LOGIN_USERNAME_FAILURE_LIMIT)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """After a successful sign-in, forget the failures from that address only: the
        real user signing in must not wipe an attacker's count elsewhere."""
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return count


class LoginLimitBackend(AxesStandaloneBackend):
    """Refuses a locked-out sign-in; authenticates nobody itself (ModelBackend does).

    A sign-in without a request (the test client's login(), a management command)
    comes through no login door and is not counted.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def client_address(request: HttpRequest) -> str | None:
    """The address the limit counts: the peer's, or the one the outermost of
    LOGIN_PROXY_COUNT trusted proxies saw (X-Forwarded-For, counted from the right).

    Any client can write X-Forwarded-For; only the entries our own proxies append count.
    """
    proxies = settings.LOGIN_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
    if proxies and len(addresses) >= proxies:
        return addresses[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_message() -> str:
    minutes = int(get_cool_off().total_seconds() // 60)
    return _(
        "Terlalu banyak percobaan masuk yang gagal untuk akun ini. "
        "Demi keamanan, akun dikunci sementara; coba lagi %(minutes)d menit lagi."
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """429 with the reason in Bahasa Indonesia: JSON for the API, a page otherwise."""
    message = lockout_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    return render(request, "registration/locked_out.html", {"message": message}, status=429)
