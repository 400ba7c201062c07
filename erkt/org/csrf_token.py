"""The CSRF token of a page's forms, masked as Django masks it, from one random read.

Every page of a signed-in user carries the token (the navigation's language and sign-out
forms, htmx's header). Django's get_token() masks the cookie's secret with 32 characters
drawn one by one with secrets.choice: 33 reads of os.urandom and some 460 Python calls a
page, a tenth of what a near-empty page paid beyond a bare view. Here the mask's 32
characters come from one os.urandom read (bytes at or above LIMIT are drawn again, so every
character stays equally likely) and the secret is enciphered with a lookup table; the rest
is Django's get_token(): the same secret, the cookie renewed the same way, the same token
format, which CsrfViewMiddleware checks unchanged.
"""

from __future__ import annotations

import os

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, _add_new_csrf_cookie
from django.utils.functional import SimpleLazyObject

CHARS = CSRF_ALLOWED_CHARS
SIZE = len(CHARS)
INDEX = {char: index for index, char in enumerate(CHARS)}
# 248 = 4 x 62: a byte below it, modulo 62, gives each of the 62 characters with one chance.
LIMIT = 256 - 256 % SIZE


def random_chars(length: int) -> str:
    """`length` characters of CSRF_ALLOWED_CHARS, each uniformly from the system's CSPRNG
    (what django.utils.crypto.get_random_string gives, one read instead of one per char)."""
    drawn: list[str] = []
    while len(drawn) < length:
        drawn += [CHARS[byte % SIZE] for byte in os.urandom(length + 8) if byte < LIMIT]
    return "".join(drawn[:length])


def get_token(request: HttpRequest) -> str:
    """django.middleware.csrf.get_token(request), its mask drawn by random_chars()."""
    if "CSRF_COOKIE" in request.META:
        secret = request.META["CSRF_COOKIE"]
        # As Django's: the cookie is used, so the response sends it again (its expiry renewed).
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    else:
        secret = _add_new_csrf_cookie(request)
    mask = random_chars(CSRF_SECRET_LENGTH)
    pairs = zip(secret, mask, strict=True)
    cipher = "".join([CHARS[(INDEX[s] + INDEX[m]) % SIZE] for s, m in pairs])
    return mask + cipher


def csrf(request: HttpRequest) -> dict:
    """Context processor: `csrf_token`, evaluated only when a page shows it. Listed after
    Django's built-in csrf processor, whose value it replaces (never evaluated then)."""
    return {"csrf_token": SimpleLazyObject(lambda: get_token(request))}
