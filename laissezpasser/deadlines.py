"""The deadline rules of travel-document requests, registered from LaissezpasserConfig.ready().

The reminder and escalation versions moved here verbatim from cases/deadlines/rules.py (their kind codes
are stored data and stay as they were). They are DT&V working agreements, no statutory terms.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from cases.constants import Responsible
from cases.deadlines.atw import ATW_NOTES
from cases.deadlines.registry import RuleVersion, register
from cases.deadlines.rules import VW_2000_IN_FORCE, calendar_term


class LpDeadlineKind:
    """The codes of the kinds this app registers (stored data: never rename one)."""

    TRAVEL_DOCUMENT_REMINDER = "travel_document_reminder"
    TRAVEL_DOCUMENT_ESCALATION = "travel_document_escalation"
    LP_EXPIRY = "travel_document_lp_expiry"


_WORKING_AGREEMENT = "Werkafspraak DT&V (geen wettelijke termijn)"

REMINDER, ESCALATION, LP_EXPIRY = register(
    RuleVersion(
        kind=LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER,
        version="dtv-werkafspraak",
        label=_("Travel-document request: reminder"),
        # Working agreements have no statutory date; the Vw 2000 date is simply Regie's earliest horizon.
        in_force_from=VW_2000_IN_FORCE,
        in_force_until=None,
        legal_basis=_WORKING_AGREEMENT,
        legal_text=_("Ask the embassy again when a travel-document request stays unanswered"),
        statutory=False,
        atw_applies=False,
        atw_note=ATW_NOTES["working_agreement"],
        counting="weeks",
        params={"weeks": 6},
        params_from_settings={"weeks": "TRAVEL_DOCUMENT_REMINDER_WEEKS"},
        responsible=Responsible.CASE_OFFICER,
        remind_before=None,
        task_text=_("Follow up the travel-document request with the embassy"),
        compute=calendar_term("weeks", param="weeks", note="working_agreement"),
    ),
    RuleVersion(
        kind=LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION,
        version="dtv-werkafspraak",
        label=_("Travel-document request: escalation"),
        in_force_from=VW_2000_IN_FORCE,
        in_force_until=None,
        legal_basis=_WORKING_AGREEMENT,
        legal_text=_("Escalate a travel-document request unanswered for 12 months"),
        statutory=False,
        atw_applies=False,
        atw_note=ATW_NOTES["working_agreement"],
        counting="months",
        params={},
        responsible=Responsible.TEAM_LEAD,
        remind_before=None,
        task_text=_("Travel-document request unanswered for 12 months: escalate"),
        compute=calendar_term("months", amount=12, note="working_agreement"),
    ),
    # Opened when an LP is issued: it starts N days (LP_EXPIRY_WARNING_DAYS) before the LP's last valid
    # day and is due on that day, so the work queue shows it from then on and it is overdue once the LP
    # lapsed unused. Met when the LP is used.
    RuleVersion(
        kind=LpDeadlineKind.LP_EXPIRY,
        version="dtv-werkafspraak",
        label=_("Laissez-passer about to expire"),
        in_force_from=VW_2000_IN_FORCE,
        in_force_until=None,
        legal_basis=_WORKING_AGREEMENT,
        legal_text=_("Book the departure while the laissez-passer is valid, or ask for a new one in time"),
        statutory=False,
        atw_applies=False,
        atw_note=ATW_NOTES["working_agreement"],
        counting="days",
        params={"days": 30},
        params_from_settings={"days": "LP_EXPIRY_WARNING_DAYS"},
        responsible=Responsible.CASE_OFFICER,
        remind_before=None,
        task_text=_("The laissez-passer expires soon: book the departure within its validity"),
        compute=calendar_term("days", param="days", note="working_agreement"),
    ),
)


def reminder_weeks(response_days: int) -> int:
    """The country's response period in the reminder rule's unit: whole weeks, rounded up, at least one."""
    return max(1, -(-response_days // 7))


def lp_expiry_start(valid_until: dt.date, days: int) -> dt.date:
    """The day the expiry warning starts: `days` before the LP's last valid day."""
    return valid_until - dt.timedelta(days=days)
