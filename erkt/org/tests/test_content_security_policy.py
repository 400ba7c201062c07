"""The Content-Security-Policy header: scripts only from our static files, no inline code."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

import erkt

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(erkt.__file__).parent.rglob("templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
HTMX_CODE = re.compile(r"\shx-on|\bjs:|\bjavascript:", re.I)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_every_page_sends_a_policy_that_allows_only_our_own_scripts(client: Client, demo):
    policy = directives(client.get(reverse("login")))

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_signed_in_pages_and_the_api_send_the_policy_too(kepala, client_for):
    client = client_for(kepala)

    assert "script-src 'self'" in client.get(reverse("workflow:inbox"))["Content-Security-Policy"]
    assert "default-src 'self'" in client.get("/api/v1/openapi.json")["Content-Security-Policy"]


def test_the_templates_carry_no_inline_script():
    offenders = [
        f"{path.relative_to(Path(erkt.__file__).parent)}: {match.group(0)}"
        for path in TEMPLATES
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, HTMX_CODE)
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]

    assert TEMPLATES
    assert offenders == []


def test_htmx_neither_evaluates_code_nor_injects_its_indicator_style(client: Client, demo):
    html = client.get(reverse("login")).content.decode()

    config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'', html).group(1)
    assert '"includeIndicatorStyles":false' in config
    assert '"allowEval":false' in config
