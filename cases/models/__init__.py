"""The models of `cases`, one module per sub-domain; importing them from `cases.models` keeps working.

The deadline and document models live with their sub-domains (`cases/deadlines/`, `cases/documents/`)
and are imported here because Django registers an app's models from `<app>.models`.
"""

from ..deadlines.models import AtwHoliday, Deadline, Notification, WorkItem
from ..documents.models import CaseDocument
from .audit import AccessLogEntry, AppendOnlyModel, BreakGlassGrant, CaseEvent
from .case import Assignment, Case, Handover
from .casework import AgreedAction, CaseNote, DepartureInterview, DepartureTerm, LegalProcedure
from .person import Alias, FamilyLink, FamilyLinkRequest, ForeignNational, Nationality

__all__ = [
    "AccessLogEntry",
    "AgreedAction",
    "Alias",
    "AppendOnlyModel",
    "Assignment",
    "AtwHoliday",
    "BreakGlassGrant",
    "Case",
    "CaseDocument",
    "CaseEvent",
    "CaseNote",
    "Deadline",
    "DepartureInterview",
    "DepartureTerm",
    "FamilyLink",
    "FamilyLinkRequest",
    "ForeignNational",
    "Handover",
    "LegalProcedure",
    "Nationality",
    "Notification",
    "WorkItem",
]
