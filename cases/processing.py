"""The catalogue of processing activities: why Regie reads a person's data, named on every access-log row.

The Logboek Dataverwerkingen standard asks each logged processing to name its activity in the
register of processing activities (AVG art. 30); the row then tells the privacy officer not only who
read whom, but for what. Every `log_read` names one of these; an app adds its own with
`register_processing_activity` from its `AppConfig.ready()`.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# DT&V carries out a task in the public interest: AVG art. 6 lid 1 onder e, for the return tasks the
# Vreemdelingenwet 2000 gives the minister. Special categories (health, in medical particulars) add
# AVG art. 9 lid 2 onder g.
PUBLIC_TASK = "AVG art. 6 lid 1 onder e"


@dataclass(frozen=True)
class ProcessingActivity:
    code: str
    name: Promise
    purpose: Promise
    legal_basis: str = PUBLIC_TASK

    def __str__(self):
        return str(self.name)


_CATALOGUE: dict[str, ProcessingActivity] = {}


def register_processing_activity(activity: ProcessingActivity) -> ProcessingActivity:
    """Add an activity to the catalogue (idempotent for the same definition)."""
    known = _CATALOGUE.get(activity.code)
    if known is not None and known != activity:
        raise ValueError(f"Processing activity {activity.code!r} is registered already with another definition.")
    _CATALOGUE[activity.code] = activity
    return activity


def processing_activity(code) -> ProcessingActivity:
    """The activity of this code (or the activity itself); an unknown one is a programming error."""
    if isinstance(code, ProcessingActivity):
        code = code.code
    try:
        return _CATALOGUE[code]
    except KeyError:
        raise ValueError(f"Unknown processing activity {code!r}: register it in the catalogue first.") from None


def processing_activities() -> list[ProcessingActivity]:
    return list(_CATALOGUE.values())


def activity_label(code) -> str:
    """The activity's name, or the code itself for a row written before the catalogue (or by a removed app)."""
    activity = _CATALOGUE.get(code)
    return str(activity.name) if activity else (code or "–")


CASE_WORK = register_processing_activity(
    ProcessingActivity(
        "case_work",
        _("Return case work"),
        _(
            "Directing the departure of the foreign national: the case file, interviews, procedures, "
            "deadlines and documents."
        ),
    )
)
CASELOAD = register_processing_activity(
    ProcessingActivity(
        "caseload",
        _("Caseload and deadline monitoring"),
        _("Dividing and steering the work: work queues, assignment, overdue deadlines and notifications."),
    )
)
SEARCH = register_processing_activity(
    ProcessingActivity(
        "search",
        _("Finding a foreign national"),
        _("Identifying the person a question is about, by V-number, name or date of birth."),
    )
)
INTAKE = register_processing_activity(
    ProcessingActivity(
        "intake",
        _("Handover and registration"),
        _("Receiving a case from a chain partner or a registration at the desk, and checking for duplicates."),
    )
)
PARTNER_STATUS = register_processing_activity(
    ProcessingActivity(
        "partner_status",
        _("Status information to chain partners"),
        _("Telling the chain partner that handed a case over how it stands (data minimisation: status only)."),
    )
)
EMERGENCY_ACCESS = register_processing_activity(
    ProcessingActivity(
        "emergency_access",
        _("Emergency access (break the glass)"),
        _("Opening a case outside one's scope in an urgent situation, with a recorded reason."),
    )
)
