"""The CSRF token drawn with one random read (erkt/org/csrf_token.py): Django's token, which
its CsrfViewMiddleware accepts, every mask character equally likely."""

from __future__ import annotations

import os
import re

import pytest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token
from django.test import Client, RequestFactory
from django.urls import reverse

from erkt.org import csrf_token


def test_the_token_unmasks_to_the_cookies_secret_as_djangos_does():
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = "abcdefghijklmnopqrstuvwxyzABCD09"
    token = csrf_token.get_token(request)
    assert len(token) == 64 and set(token) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == "abcdefghijklmnopqrstuvwxyzABCD09"
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_a_request_without_a_secret_is_given_a_new_one_and_each_token_has_its_own_mask():
    request = RequestFactory().get("/")
    first, second = csrf_token.get_token(request), csrf_token.get_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(secret) == 32 and set(secret) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(first) == _unmask_cipher_token(second) == secret
    assert first[:32] != second[:32]


def test_bytes_that_would_favour_some_characters_are_drawn_again(monkeypatch):
    # 248..255 modulo 62 would give "a".."h" a fifth chance: they are skipped, not used.
    reads = iter([bytes([248, 255, 0, 61]) + bytes(36), bytes(40)])
    monkeypatch.setattr(os, "urandom", lambda n: next(reads)[:n])
    assert csrf_token.random_chars(4) == "a9aa"


@pytest.mark.django_db
def test_the_token_a_page_carries_passes_the_csrf_check_and_a_forged_one_is_refused(demo, tim1):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tim1)
    html = client.get(reverse("workflow:inbox")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert re.search(r'"X-CSRFToken": "[A-Za-z0-9]{64}"', html)
    change = {"language": "en", "next": "/"}
    forged = client.post(reverse("set_language"), {**change, "csrfmiddlewaretoken": "x" * 64})
    assert forged.status_code == 403
    accepted = client.post(reverse("set_language"), {**change, "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302
