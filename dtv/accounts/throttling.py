"""API throttles per account: a chain partner's system and a person each get their own budget (429 + Retry-After)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class _AccountRateThrottle(SimpleRateThrottle):
    """Counts requests per authenticated account; the rate is read from settings when the throttle is made."""

    setting = None

    def get_rate(self):
        return getattr(settings, self.setting)

    def applies_to(self, user) -> bool:
        raise NotImplementedError

    def get_cache_key(self, request, view):
        user = request.user
        if not (user and user.is_authenticated) or not self.applies_to(user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}


class PartnerRateThrottle(_AccountRateThrottle):
    """API_THROTTLE_PARTNER for each chain-partner account."""

    scope = "partner"
    setting = "API_THROTTLE_PARTNER"

    def applies_to(self, user):
        return user.is_api_only


class StaffRateThrottle(_AccountRateThrottle):
    """API_THROTTLE_STAFF for each DT&V account (token or session)."""

    scope = "staff"
    setting = "API_THROTTLE_STAFF"

    def applies_to(self, user):
        return not user.is_api_only
