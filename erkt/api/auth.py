"""Issue, list and revoke API tokens."""

import datetime

from django.contrib.auth import authenticate
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from erkt.api.errors import ApiError
from erkt.api.models import ApiToken
from erkt.api.schemas import TokenCreated, TokenOut, TokenRequest
from erkt.api.tokens import issue_token, revoke_token
from erkt.org.login_limit import lockout_message

router = Router(tags=["Token"])

BAD_CREDENTIALS = _("Username atau kata sandi salah.")
BOTH_EXPIRIES = _("Isi days atau expires_at, tidak keduanya.")
EXPIRY_IN_THE_PAST = _("expires_at harus di masa depan.")


def _check_credentials(request: HttpRequest, username: str, password: str):
    # The login limit (erkt/org/login_limit.py) counts this door with the web and admin
    # logins: authenticate() with the request goes through the axes backend and signals.
    user = authenticate(request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        raise ApiError(429, lockout_message())
    if user is None:
        raise ApiError(401, BAD_CREDENTIALS)
    return user


def _expiry(payload: TokenRequest) -> datetime.datetime | None:
    if payload.days is not None and payload.expires_at is not None:
        raise ApiError(422, BOTH_EXPIRIES)
    if payload.days is not None:
        return timezone.now() + datetime.timedelta(days=payload.days)
    if payload.expires_at is None:
        return None
    expires_at = payload.expires_at
    if timezone.is_naive(expires_at):
        expires_at = timezone.make_aware(expires_at)
    if expires_at <= timezone.now():
        raise ApiError(422, EXPIRY_IN_THE_PAST)
    return expires_at


def token_data(token: ApiToken, request: HttpRequest) -> dict:
    current = getattr(request, "auth", None)
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
        "current": isinstance(current, ApiToken) and current.pk == token.pk,
    }


@router.post(
    "/auth/token", auth=None, response={201: TokenCreated}, summary="Minta token dengan sandi"
)
def token_create(request: HttpRequest, payload: TokenRequest) -> Status:
    expires_at = _expiry(payload)
    user = _check_credentials(request, payload.username, payload.password)
    token, secret = issue_token(user, name=payload.name, expires_at=expires_at)
    request.user = user
    return Status(
        201,
        {
            "id": token.pk,
            "token": secret,
            "prefix": token.prefix,
            "name": token.name,
            "created_at": token.created_at,
            "expires_at": token.expires_at,
        },
    )


@router.delete("/auth/token", response={204: None}, summary="Cabut token yang sedang dipakai")
def token_revoke_current(request: HttpRequest) -> Status:
    revoke_token(request.auth, by=request.user)
    return Status(204, None)


@router.get("/auth/tokens", response=list[TokenOut], summary="Daftar token saya")
def token_list(request: HttpRequest) -> list[dict]:
    return [token_data(token, request) for token in request.user.api_tokens.all()]


@router.delete(
    "/auth/tokens/{token_id}", response={204: None}, summary="Cabut salah satu token saya"
)
def token_revoke(request: HttpRequest, token_id: int) -> Status:
    token = request.user.api_tokens.filter(pk=token_id).first()
    if token is None:
        raise Http404
    revoke_token(token, by=request.user)
    return Status(204, None)
