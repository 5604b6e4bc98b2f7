"""What the API tests share: the frozen moment, a token client, and the count of every kind of change."""

import datetime as dt
from zoneinfo import ZoneInfo

from rest_framework.test import APIClient

from cases.models import AgreedAction, Assignment, CaseEvent, Deadline, DepartureInterview, LegalProcedure
from tests.factories.accounts import api_token_key

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A Tuesday morning in winter time; every request in these tests happens at this moment.
NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=AMSTERDAM)
TODAY = NOW.date()


def api_client(user=None):
    """A client that authenticates as `user` with a token, as partners and scripts do; anonymous without one."""
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_key(user)}")
    return client


def written():
    """How many rows each kind of change has: a refused request must leave all of them as they were."""
    return {
        "interviews": DepartureInterview.objects.count(),
        "actions": AgreedAction.objects.count(),
        "deadlines": Deadline.objects.count(),
        "events": CaseEvent.objects.count(),
        "procedures": LegalProcedure.objects.count(),
        "assignments": Assignment.objects.count(),
    }
