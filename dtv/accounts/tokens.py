"""Issuing, rotating and revoking API tokens; the plaintext key exists only in the return value of an issue."""

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .authentication import token_digest
from .models import ApiToken

logger = logging.getLogger(__name__)

PREFIX_LENGTH = 8


@dataclass(frozen=True)
class IssuedToken:
    """A token just issued: `key` is the secret, to be handed over now; it cannot be read back later."""

    token: ApiToken
    key: str


def _lifetime(lifetime):
    if lifetime is None:
        return dt.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)
    if lifetime <= dt.timedelta(0) or lifetime > dt.timedelta(days=settings.API_TOKEN_MAX_LIFETIME_DAYS):
        raise ValidationError(
            {
                "lifetime": _("A token lives at least a moment and at most %(days)s days.")
                % {"days": settings.API_TOKEN_MAX_LIFETIME_DAYS}
            }
        )
    return lifetime


@transaction.atomic
def api_token_issue(*, user, actor, now, lifetime: dt.timedelta | None = None) -> IssuedToken:
    """Issue a token for `user`, valid `lifetime` (default API_TOKEN_LIFETIME_DAYS); the key is returned once."""
    if not user.is_active:
        raise ValidationError({"user": _("A deactivated account gets no API token.")})
    lifetime = _lifetime(lifetime)
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        prefix=key[:PREFIX_LENGTH],
        digest=token_digest(key),
        created_at=now,
        created_by=actor,
        expires_at=now + lifetime,
    )
    logger.info(
        "api token issued prefix=%s user=%s by=%s expires=%s",
        token.prefix,
        user.pk,
        actor and actor.pk,
        token.expires_at.isoformat(),
    )
    return IssuedToken(token=token, key=key)


@transaction.atomic
def api_token_revoke(*, token, actor, now) -> ApiToken:
    """Revoke `token` from `now` on; revoking a revoked token changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = now
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        logger.info("api token revoked prefix=%s user=%s by=%s", token.prefix, token.user_id, actor and actor.pk)
    return token


@transaction.atomic
def api_token_rotate(*, token, actor, now, overlap=dt.timedelta(days=7), lifetime=None) -> IssuedToken:
    """Issue a successor of `token` and let the old one run out after `overlap`, so the partner can switch over."""
    old = ApiToken.objects.select_for_update().get(pk=token.pk)
    if not old.is_valid_at(now):
        raise ValidationError({"token": _("This token is no longer valid; issue a new one instead.")})
    issued = api_token_issue(user=old.user, actor=actor, now=now, lifetime=lifetime)
    if old.expires_at > now + overlap:
        old.expires_at = now + overlap
        old.save(update_fields=["expires_at"])
    return issued


def api_tokens_of(user):
    """The tokens of `user`, newest first (digests only, never keys)."""
    return list(ApiToken.objects.filter(user=user).select_related("created_by", "revoked_by"))
