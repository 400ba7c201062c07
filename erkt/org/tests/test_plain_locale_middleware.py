"""PlainLocaleMiddleware chooses the language and writes the headers as Django's does."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse, HttpResponseNotFound
from django.middleware.locale import LocaleMiddleware
from django.test import RequestFactory
from django.urls import path
from django.utils import translation

from erkt.org.middleware import PlainLocaleMiddleware


def _page(request):
    return HttpResponse(translation.gettext("Tidak ditemukan."))


def _missing(request):
    return HttpResponseNotFound("x")


# A URLconf with a language prefix, where Django's own middleware does the work.
urlpatterns = i18n_patterns(path("halaman/", _page))

REQUESTS = [
    {},
    {"HTTP_ACCEPT_LANGUAGE": "en"},
    {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.8,id;q=0.5"},
    {"HTTP_ACCEPT_LANGUAGE": "fr, *"},
    {"HTTP_ACCEPT_LANGUAGE": "id"},
    {"HTTP_COOKIE": "django_language=en"},
    {"HTTP_COOKIE": "django_language=xx", "HTTP_ACCEPT_LANGUAGE": "en"},
]


def _answer(middleware_class, view, address: str, meta: dict, urlconf: str | None):
    request = RequestFactory().get(address, **meta)
    if urlconf:
        request.urlconf = urlconf
    with translation.override(None):
        response = middleware_class(view)(request)
    return request.LANGUAGE_CODE, dict(response.headers), response.content


@pytest.mark.parametrize("meta", REQUESTS)
@pytest.mark.parametrize(
    ("view", "address", "urlconf"),
    [
        (_page, "/api/v1/tasks", None),
        (_missing, "/tidak-ada/", None),
        (_page, "/en/halaman/", __name__),
        (_missing, "/halaman/", __name__),
    ],
)
def test_the_language_and_headers_are_djangos(view, address, urlconf, meta):
    ours = _answer(PlainLocaleMiddleware, view, address, meta, urlconf)

    assert ours == _answer(LocaleMiddleware, view, address, meta, urlconf)
