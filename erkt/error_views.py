"""Error pages the URLconf names (handler400, handler404): JSON {"detail"} under /api/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.defaults import page_not_found

from erkt.api.errors import NOT_FOUND
from erkt.limits import (
    BAD_REQUEST,
    BAD_REQUEST_TITLE,
    SIZE_ERRORS,
    RequestTooLarge,
    body_limit,
    error_response,
    is_api,
    too_large_response,
)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a request Django refused while reading it; a size refusal answers 413."""
    if isinstance(exception, RequestTooLarge):
        return too_large_response(request, exception.limit)
    if isinstance(exception, SIZE_ERRORS):
        return too_large_response(request, body_limit(request))
    return error_response(request, 400, str(BAD_REQUEST_TITLE), str(BAD_REQUEST))


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: outside the API, Django's page."""
    if is_api(request):
        return error_response(request, 404, "", str(NOT_FOUND))
    return page_not_found(request, exception)
