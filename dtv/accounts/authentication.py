"""API authentication by a hashed, expiring token (`Authorization: Token <key>`)."""

import hashlib

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .models import ApiToken


def token_digest(key: str) -> str:
    """The SHA-256 of a token key, as stored: the key itself is never kept."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def api_token_for_key(*, key, now) -> ApiToken | None:
    """The valid (not revoked, not expired) token whose key is `key`, with its user; None otherwise."""
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(key)).first()
    if token is None or not token.is_valid_at(now):
        return None
    return token


class ApiTokenAuthentication(TokenAuthentication):
    """DRF's header parsing, but the key is looked up by its digest and must be neither revoked nor expired."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = api_token_for_key(key=key, now=timezone.now())
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        return token.user, token
