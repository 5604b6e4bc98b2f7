"""Every change to a foreign national or a case leaves a history row (who, when, old → new)."""

import datetime as dt

import pytest

from cases import services
from cases.models import (
    AgreedAction,
    Assignment,
    Case,
    CaseNote,
    Deadline,
    DepartureInterview,
    DepartureTerm,
    FamilyLink,
    FamilyLinkRequest,
    ForeignNational,
    LegalProcedure,
)
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.cases import CaseFactory, ProcedureFactory

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


def _history_rows():
    models = (
        Case,
        ForeignNational,
        Assignment,
        CaseNote,
        DepartureInterview,
        AgreedAction,
        LegalProcedure,
        DepartureTerm,
        Deadline,
        FamilyLink,
        FamilyLinkRequest,
    )
    return {model.__name__: model.history.count() for model in models}


def _grew(before, after):
    return {name for name in after if after[name] > before[name]}


@pytest.mark.parametrize(
    ("change", "recorded_in"),
    [
        ("assign", {"Case", "Assignment"}),
        ("start_work", {"Case"}),
        ("confidential", {"Case"}),
        ("note", {"CaseNote"}),
        ("interview", {"DepartureInterview", "AgreedAction", "Deadline"}),
        ("procedure", {"LegalProcedure"}),
        ("decide", {"LegalProcedure"}),
        ("departure_term", {"DepartureTerm", "Deadline"}),
        ("correct_term", {"DepartureTerm", "Deadline"}),
        ("person", {"ForeignNational"}),
        ("family", {"FamilyLink"}),
        ("family_request", {"FamilyLinkRequest"}),
    ],
)
def test_each_change_is_in_the_history(change, recorded_in, team_lead, case_officer):
    case = CaseFactory(case_officer=case_officer, in_progress=True)
    procedure = ProcedureFactory(case=case)
    term = services.departure_term_record(case=case, effective_on=dt.date(2026, 11, 2), actor=case_officer, now=NOW)
    relative = CaseFactory(case_officer=case_officer).foreign_national
    colleague = CaseOfficerFactory(team=case_officer.team)
    actions = {
        "assign": lambda: services.case_assign(case=case, officer=colleague, actor=team_lead, now=NOW),
        "start_work": lambda: services.case_transition(
            case=CaseFactory(case_officer=case_officer), transition="start_work", actor=case_officer, now=NOW
        ),
        "confidential": lambda: services.case_set_confidential(
            case=case, confidential=True, reason="Mediagevoelig", actor=team_lead, now=NOW
        ),
        "note": lambda: services.note_add(case=case, text="Belde met gemachtigde.", actor=case_officer, now=NOW),
        "interview": lambda: services.interview_record(
            case=case,
            kind="first",
            held_at=NOW - dt.timedelta(hours=1),
            interpreter_mode="phone",
            interpreter_language="fa",
            stance="cooperating",
            summary="Wil terug.",
            actor=case_officer,
            now=NOW,
            actions=[("Paspoort ophalen", "foreign_national", dt.date(2026, 12, 1))],
        ),
        "procedure": lambda: services.procedure_record(
            case=case,
            kind="objection",
            lodged_on=dt.date(2026, 11, 20),
            may_await_in_nl=False,
            actor=case_officer,
            now=NOW,
        ),
        "decide": lambda: services.procedure_decide(
            procedure=procedure, outcome="rejected", decided_on=dt.date(2026, 11, 20), actor=case_officer, now=NOW
        ),
        "departure_term": lambda: services.departure_term_record(
            case=case, effective_on=dt.date(2026, 11, 20), actor=case_officer, now=NOW
        ),
        "correct_term": lambda: services.departure_term_correct(
            term=term,
            effective_on=dt.date(2026, 11, 3),
            days=28,
            reason="",
            correction="Verkeerde datum",
            actor=case_officer,
            now=NOW,
        ),
        "person": lambda: services.foreign_national_update(
            case=case, actor=case_officer, now=NOW, surname="Karimi", sex="female"
        ),
        "family": lambda: services.family_link_add(
            case=case, relative_v_number=relative.v_number, relation="sibling", actor=case_officer, now=NOW
        ),
        "family_request": lambda: services.family_link_add(
            case=case, relative_v_number="4040404040", relation="sibling", actor=case_officer, now=NOW
        ),
    }
    before = _history_rows()
    actions[change]()
    assert recorded_in <= _grew(before, _history_rows())
