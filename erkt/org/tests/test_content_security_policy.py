"""The Content-Security-Policy header: scripts only from our static files, no inline code."""

import re
from pathlib import Path

import pytest
from csp.decorators import csp_exempt, csp_update
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware
from django.http import HttpResponse, HttpResponseNotFound
from django.test import Client, RequestFactory
from django.urls import reverse

import erkt
from erkt.org.middleware import PolicyMiddleware

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(erkt.__file__).parent.rglob("templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
HTMX_CODE = re.compile(r"\shx-on|\bjs:|\bjavascript:", re.I)
NONCE_VALUE = re.compile(r"'nonce-[^']+'")


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


def _plain(request):
    return HttpResponse("ok")


@csp_update({"img-src": ["https://peta.example"]})
def _updated(request):
    return HttpResponse("ok")


@csp_exempt()
def _exempt(request):
    return HttpResponse("ok")


def _with_nonce(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')


def _missing(request):
    return HttpResponseNotFound("tidak ada")


def _headers(middleware_class, view) -> dict[str, str]:
    request = RequestFactory().get("/tugas/")
    middleware = middleware_class(view)
    return dict(middleware(request).headers)


@pytest.mark.parametrize("view", [_plain, _updated, _exempt, _with_nonce, _missing])
@pytest.mark.parametrize("debug", [False, True])
def test_the_policy_built_once_is_django_csps_own(view, debug, settings):
    # PolicyMiddleware keeps the settings' header instead of building it on every response;
    # a decorated response or a page's nonce still gets django-csp's own.
    settings.DEBUG = debug
    ours = _headers(PolicyMiddleware, view)
    theirs = _headers(CSPMiddleware, view)
    if view is _with_nonce:  # a new nonce per request
        ours["Content-Security-Policy"] = NONCE_VALUE.sub("N", ours["Content-Security-Policy"])
        theirs["Content-Security-Policy"] = NONCE_VALUE.sub("N", theirs["Content-Security-Policy"])
    assert ours == theirs


def test_a_changed_policy_setting_is_sent_at_once(settings):
    before = _headers(PolicyMiddleware, _plain)["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"script-src": ["'self'"]}}

    headers = _headers(PolicyMiddleware, _plain)
    assert "script-src 'self'" in before
    assert headers["Content-Security-Policy"] == "default-src 'none'"
    assert headers == _headers(CSPMiddleware, _plain)


def test_a_nonce_asked_for_after_the_header_is_an_error():
    request = RequestFactory().get("/tugas/")
    PolicyMiddleware(_plain)(request)

    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
