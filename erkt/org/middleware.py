"""Middleware of e-RKT's own."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.auth import SESSION_KEY
from django.contrib.messages.middleware import MessageMiddleware
from django.core.exceptions import PermissionDenied
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject, empty

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
        if _signed_out(request):
            return None
        if is_pemkab(request.user):
            raise PermissionDenied
        return None


def _signed_out(request: HttpRequest) -> bool:
    """Whether request.user is still AuthenticationMiddleware's lazy object over a session that
    names no user, i.e. will be AnonymousUser: an API request under a bearer token (its
    token's user comes later, refused by TokenAuth if a Pemkab reader's) need not read it
    (some 30 Python calls)."""
    user = request.user
    return (
        type(user) is SimpleLazyObject
        and user._wrapped is empty
        and SESSION_KEY not in request.session
    )


# What django-csp's decorators set on a response to change or drop its policy: a response
# carrying none of them (and a request whose template asked for no nonce) gets the
# settings' policy.
POLICY_OVERRIDES = frozenset(
    {
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_exempt",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
        "_csp_exempt_ro",
    }
)
DEBUG_EXEMPT_STATUSES = (500, 404)


@cache
def settings_policy(report_only: bool) -> tuple[str, tuple[str, ...]]:
    """The header django-csp builds from the settings, and the path prefixes it skips."""
    name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
    policy = getattr(settings, name, None) or {}
    return build_policy(report_only=report_only), tuple(policy.get("EXCLUDE_URL_PREFIXES") or ())


@receiver(setting_changed)
def _forget_settings_policy(setting: str, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        settings_policy.cache_clear()


class PolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, the settings' policy built once per process.

    django-csp builds the header from the settings on every response (some 300 Python
    calls, a fifth of the bare view's). Most responses carry the settings' policy as it
    is; those a decorator changed, or whose page used a nonce, still go through
    django-csp's own path.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or not POLICY_OVERRIDES.isdisjoint(
            response.__dict__
        ):
            return super().process_response(request, response)
        if response.status_code in DEBUG_EXEMPT_STATUSES and settings.DEBUG:
            return response
        for report_only, header in ((False, HEADER), (True, HEADER_REPORT_ONLY)):
            policy, excluded = settings_policy(report_only)
            if policy and header not in response and not request.path_info.startswith(excluded):
                response[header] = policy
        # As django-csp: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


class PlainLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware without its reads of a language prefix in the path when
    the URLconf has no i18n_patterns (ours has none): it read the path twice a request
    (some 30 Python calls) for a result it then ignored. With i18n_patterns, Django's own."""

    def process_request(self, request: HttpRequest) -> None:
        if _language_prefix_patterns_used(request):
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if _language_prefix_patterns_used(request):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def _language_prefix_patterns_used(request: HttpRequest) -> bool:
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    return is_language_prefix_patterns_used(urlconf)[0]


# The JSON API's addresses (erkt/urls.py): answers of their own, no page around them.
API_PREFIX = "/api/"


class PageMessageMiddleware(MessageMiddleware):
    """Django's MessageMiddleware for the pages only: the API shows no messages and adds
    none, and the storage it set up on every API request (a cookie and a session store,
    some 50 Python calls) was never read; a message queued for the user's next page stays
    queued either way."""

    def process_request(self, request: HttpRequest) -> None:
        if not request.path_info.startswith(API_PREFIX):
            super().process_request(request)
