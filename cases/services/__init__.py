"""Every change to a case or its person: one function each, the same for browser, API, tasks and shell.

Each service takes the acting user and `now`, checks who may act (permissions.py) and the rules,
raises ValidationError (a field is wrong: 400 / form error) or DomainError (a rule says no: 409),
writes the change, its CaseEvent and (through django-simple-history) its history row, all in one
transaction. One module per part of the case work; import them from here.
"""

from ._common import StaleEdit
from .assignment import (
    BulkAssignmentRefused,
    RegistrantAssignment,
    case_assign,
    case_assign_registrant,
    cases_assign_bulk,
    self_registration_record,
)
from .departure_term import departure_term_correct, departure_term_record, departure_term_version
from .interviews import agreed_action_complete, interview_record
from .person import FamilyLinkOutcome, family_link_add, family_link_confirm, foreign_national_update
from .phase import (
    BREAK_GLASS_MINUTES,
    break_glass_open,
    case_close,
    case_reopen,
    case_review_duplicate,
    case_set_confidential,
    case_transition,
    note_add,
)
from .procedures import procedure_decide, procedure_record
from .removability import case_legal_obstacle_refresh, cases_legal_obstacle_rebuild

__all__ = [
    "BREAK_GLASS_MINUTES",
    "BulkAssignmentRefused",
    "RegistrantAssignment",
    "agreed_action_complete",
    "break_glass_open",
    "case_assign",
    "case_assign_registrant",
    "case_close",
    "case_legal_obstacle_refresh",
    "case_reopen",
    "case_review_duplicate",
    "case_set_confidential",
    "case_transition",
    "cases_assign_bulk",
    "cases_legal_obstacle_rebuild",
    "departure_term_correct",
    "departure_term_record",
    "departure_term_version",
    "family_link_add",
    "StaleEdit",
    "family_link_confirm",
    "FamilyLinkOutcome",
    "foreign_national_update",
    "interview_record",
    "note_add",
    "procedure_decide",
    "procedure_record",
    "self_registration_record",
]
