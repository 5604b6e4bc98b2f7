"""Every change to a case or its person: one function each, the same for browser, API, tasks and shell.

Each service takes the acting user and `now`, checks who may act (permissions.py) and the rules,
raises ValidationError (a field is wrong: 400 / form error) or DomainError (a rule says no: 409),
writes the change, its CaseEvent and (through django-simple-history) its history row, all in one
transaction. One module per part of the case work; import them from here.
"""

from .assignment import BulkAssignmentRefused, case_assign, cases_assign_bulk
from .departure_term import departure_term_correct, departure_term_record
from .interviews import agreed_action_complete, interview_record
from .person import family_link_add, foreign_national_update
from .phase import (
    BREAK_GLASS_MINUTES,
    break_glass_open,
    case_review_duplicate,
    case_set_confidential,
    case_transition,
    note_add,
)
from .procedures import procedure_decide, procedure_record

__all__ = [
    "BREAK_GLASS_MINUTES",
    "BulkAssignmentRefused",
    "agreed_action_complete",
    "break_glass_open",
    "case_assign",
    "case_review_duplicate",
    "case_set_confidential",
    "case_transition",
    "cases_assign_bulk",
    "departure_term_correct",
    "departure_term_record",
    "family_link_add",
    "foreign_national_update",
    "interview_record",
    "note_add",
    "procedure_decide",
    "procedure_record",
]
