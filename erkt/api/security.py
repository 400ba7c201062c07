"""Bearer-token authentication of the API."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.security import HttpBearer

from erkt.api.models import ApiToken
from erkt.org.access import is_pemkab
from erkt.org.middleware import SAFE_METHODS


class TokenAuth(HttpBearer):
    """`Authorization: Bearer erkt_…`; a revoked token or an inactive user is refused (401).

    No CSRF check: a bearer token is never sent by the browser on its own.
    """

    def __call__(self, request: HttpRequest) -> ApiToken | None:
        # HttpBearer's, reading the header from META: request.headers builds a mapping of
        # every header of the request first (some 80 Python calls), for this one value.
        auth_value = request.META.get("HTTP_AUTHORIZATION")
        if not auth_value:
            return None
        scheme, _space, token = auth_value.partition(" ")
        if scheme.lower() != self.openapi_scheme:
            return super().__call__(request)  # refused, as HttpBearer refuses it
        return self.authenticate(request, token)

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = ApiToken.find_active(token.strip())
        if api_token is None:
            return None
        api_token.touch()
        # The engine and the access helpers take a user, as they do in the views.
        request.user = api_token.user
        if request.method not in SAFE_METHODS and is_pemkab(api_token.user):
            raise PermissionDenied  # a Pemkab reader changes nothing (403, JSON)
        return api_token


token_auth = TokenAuth()
