"""The application's URLs and the bench's bare view: the framework's own cost of a request
(the same middleware, no query, a two-byte answer), measured beside every page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from erkt.urls import urlpatterns as application

BARE_URL = "/bench/bare/"


@csrf_exempt
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(BARE_URL.strip("/") + "/", bare), *application]

handler400 = "erkt.error_views.bad_request"
handler403 = "erkt.error_views.permission_denied"
handler404 = "erkt.error_views.page_not_found"
handler500 = "erkt.error_views.server_error"
