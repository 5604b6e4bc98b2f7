"""seed_demo --cases N: believable synthetic cases, written in bulk, exactly as the services would have left them."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Q

from cases import events
from cases.constants import (
    DEMONSTRABLE_DEPARTURES,
    DEPARTURE_CLOSURES,
    INVERSE_FAMILY_RELATION,
    LIVE_DEADLINE_STATUSES,
    InterpreterMode,
    Phase,
    Source,
    Vulnerability,
)
from cases.deadlines import registry
from cases.deadlines.atw import calendar_rows, holiday_names
from cases.deadlines.counting import urgency_key
from cases.models import (
    Alias,
    Assignment,
    Case,
    CaseEvent,
    Deadline,
    DepartureInterview,
    FamilyLink,
    ForeignNational,
    Handover,
    LegalProcedure,
)
from cases.people import person_search_key, person_search_name
from cases.services import cases_legal_obstacle_rebuild
from dtv.core.text import fold
from dtv.demo.people import person_spec, v_number
from tests.demo.seeding import CASES, NOW, seed


def row_counts():
    models = (ForeignNational, Case, Handover, CaseEvent, Deadline, Assignment, DepartureInterview, FamilyLink)
    counts = {model.__name__: model.objects.count() for model in models}
    counts.update({f"{model.__name__} history": model.history.count() for model in (ForeignNational, Case, Deadline)})
    return counts


def is_unaccompanied_minor(case):
    return Vulnerability.UNACCOMPANIED_MINOR in case.foreign_national.vulnerabilities


@pytest.mark.django_db
class TestSeedDemoCommand:
    def test_a_second_run_with_the_same_number_creates_nothing(self):
        with time_machine.travel(NOW, tick=False):
            call_command("seed_demo", cases=60, force=True, stdout=io.StringIO())
            first = row_counts()
            call_command("seed_demo", cases=60, force=True, stdout=(output := io.StringIO()))
        assert row_counts() == first
        assert first["Case"] == 60
        assert "Demo cases: 60 existed, 0 created" in output.getvalue()

    def test_a_larger_run_adds_only_the_missing_cases_and_keeps_the_first_ones(self):
        seed(count=40)
        before = dict(ForeignNational.objects.values_list("v_number", "surname"))
        report = seed(count=70)
        assert (report.existing, report.created) == (40, 30)
        people = dict(ForeignNational.objects.values_list("v_number", "surname"))
        assert set(people) == {v_number(i) for i in range(70)}
        assert {number: people[number] for number in before} == before

    def test_refuses_to_run_with_debug_off_unless_forced(self):
        with pytest.raises(CommandError, match="only with DEBUG on, or --force"):
            call_command("seed_demo", cases=10)
        assert ForeignNational.objects.count() == 0


@pytest.mark.django_db
class TestSeededCases:
    def test_every_person_is_the_synthetic_person_of_their_index(self):
        seed()
        people = {p.v_number: p for p in ForeignNational.objects.all()}
        for index in range(CASES):
            spec = person_spec(index, today=NOW.date())
            person = people[spec.v_number]
            assert (person.surname, person.given_names, person.date_of_birth, person.sex) == (
                spec.surname,
                spec.given_names,
                spec.date_of_birth,
                spec.sex,
            )
        assert all(number.startswith("9") and len(number) == 10 for number in people)

    def test_unaccompanied_minors_are_17_or_younger_and_only_ever_with_a_specialist(self):
        seed()
        cases = [
            c for c in Case.objects.select_related("foreign_national", "case_officer") if is_unaccompanied_minor(c)
        ]
        assert len(cases) == 2
        eighteen_years_ago = dt.date(2008, 11, 23)
        assert all(c.foreign_national.date_of_birth > eighteen_years_ago for c in cases)
        assert all(c.case_officer is None or c.case_officer.is_unaccompanied_minor_specialist for c in cases)
        holders = Assignment.objects.filter(case__in=cases).select_related("case_officer")
        assert all(a.case_officer.is_unaccompanied_minor_specialist for a in holders)
        assert holders.count() == len([c for c in cases if c.case_officer])

    def test_the_national_intake_queue_has_neither_team_nor_officer(self):
        seed()
        unassigned = Case.objects.filter(Q(team__isnull=True) | Q(case_officer__isnull=True))
        assert unassigned.count() == 10
        assert set(unassigned.values_list("phase", "team", "case_officer")) == {(Phase.INTAKE, None, None)}
        assert not Assignment.objects.filter(case__in=unassigned).exists()

    def test_the_search_name_and_key_hold_every_name_and_alias(self):
        seed()
        people = ForeignNational.objects.prefetch_related("aliases")
        for person in people:
            assert person.search_name == person_search_name(person, person.aliases.all())
            assert person.search_key == person_search_key(person, person.aliases.all())
            assert person.search_name == fold(person.search_name)
        accented = [p for p in people if not p.surname.isascii()]
        assert len(accented) == 13
        assert Alias.objects.count() == 23

    def test_every_deadline_is_due_when_the_rules_say(self):
        seed()
        holidays = holiday_names(calendar_rows(2000, 2040))
        deadlines = list(Deadline.objects.all())
        # 383 of the cases (4 of them detentions' 18 months, 7 their periodic reviews), 157 of LP requests
        assert len(deadlines) == 540
        for deadline in deadlines:
            start = deadline.start_at or deadline.start_date
            rule, computation = registry.compute(deadline.kind, start=start, params=deadline.params, holidays=holidays)
            assert (deadline.due_at, deadline.due_date, deadline.target_at, deadline.rule_version) == (
                computation.due_at,
                computation.due_date,
                computation.target_at,
                rule.version,
            ), deadline.kind

    def test_deadline_events_store_steps_and_never_rendered_text(self):
        seed()
        opened = CaseEvent.objects.filter(kind="deadline.opened")
        assert opened.exists()
        assert not CaseEvent.objects.filter(kind__startswith="deadline.", data__has_key="explanation").exists()
        assert all(event.data["steps"] for event in opened)

    def test_next_deadline_is_the_most_urgent_live_deadline_and_closed_cases_have_none(self):
        seed()
        for deadline in Deadline.objects.all():
            rule = registry.rule_version(deadline.kind, on=None, version=deadline.rule_version)
            assert deadline.statutory == rule.statutory
            assert deadline.urgency == urgency_key(
                due_date=deadline.due_date, due_at=deadline.due_at, statutory=rule.statutory, tz=registry.AMSTERDAM
            )
        for case in Case.objects.select_related("next_deadline"):
            live = Deadline.objects.filter(case=case, status__in=LIVE_DEADLINE_STATUSES)
            nearest = min(live, key=lambda d: (d.urgency, d.pk), default=None)
            assert case.next_deadline_id == (nearest.pk if nearest else None)
            copied = (nearest.due_at, nearest.urgency) if nearest else (None, None)
            assert (case.next_due_at, case.next_due_key) == copied
        closed = Case.objects.filter(phase=Phase.CLOSED)
        assert closed.count() == 51
        assert not Deadline.objects.filter(case__in=closed, status__in=LIVE_DEADLINE_STATUSES).exists()

    def test_the_stored_legal_obstacle_is_what_the_services_would_have_stored(self):
        seed()
        assert Case.objects.exclude(legal_obstacle_until=None).exists()
        assert cases_legal_obstacle_rebuild() == 0

    def test_demonstrable_departures_record_their_date_destination_and_evidence(self):
        seed()
        departed = Case.objects.filter(closure_reason__in=DEMONSTRABLE_DEPARTURES)
        assert departed.exists()
        assert not departed.filter(Q(departed_on=None) | Q(destination_type="") | Q(closure_evidence="")).exists()
        assert not Case.objects.exclude(closure_reason__in=DEPARTURE_CLOSURES).exclude(departed_on=None).exists()

    def test_interviews_without_an_interpreter_all_give_the_reason(self):
        seed()
        without = DepartureInterview.objects.filter(interpreter_mode=InterpreterMode.NONE)
        assert without.count() == 8
        assert not without.filter(no_interpreter_reason="").exists()
        assert not without.exclude(interpreter_language="").exists()
        with_interpreter = DepartureInterview.objects.exclude(interpreter_mode=InterpreterMode.NONE)
        for interview in with_interpreter.select_related("case__foreign_national"):
            assert interview.interpreter_language == interview.case.foreign_national.languages[0]

    def test_history_rows_exist_for_every_created_row(self):
        seed()
        assert ForeignNational.history.count() == ForeignNational.objects.count() == CASES
        assert Case.history.count() == CASES
        assert Deadline.history.count() == Deadline.objects.count()
        assert LegalProcedure.history.count() == LegalProcedure.objects.count()
        assert set(ForeignNational.history.values_list("history_type", flat=True)) == {"+"}

    def test_family_links_are_recorded_both_ways_with_the_inverse_relation(self):
        seed()
        links = {(link.foreign_national_id, link.relative_id): link.relation for link in FamilyLink.objects.all()}
        assert len(links) == 6
        for (person, relative), relation in links.items():
            assert links[(relative, person)] == INVERSE_FAMILY_RELATION[relation]

    def test_the_timeline_starts_with_the_handover_and_names_each_assignment(self):
        seed()
        for case in Case.objects.prefetch_related("events"):
            events = sorted(case.events.all(), key=lambda e: (e.occurred_at, e.id))
            assert [e.kind for e in events[:1]] == ["case.opened"]
            assert "handover.received" in [e.kind for e in events[:3]]
            assigned = [e for e in events if e.kind == "case.assigned"]
            if case.case_officer_id:
                assert assigned[-1].data["to_id"] == case.case_officer_id
            else:
                assert assigned == []

    def test_partners_receive_their_own_handovers_and_case_officers_the_self_registrations(self):
        seed()
        received = set(Handover.objects.values_list("source", "received_by__username", "received_by__chain_partner"))
        by_source = {}
        for source, username, partner in received:
            by_source.setdefault(source, set()).add((username if partner else "case officer", partner))
        assert by_source[Source.IND] == {("ketenpartner-ind", "ind")}
        assert by_source[Source.POLICE] == {("ketenpartner-politie", "police")}
        assert by_source[Source.SELF_REGISTRATION] == {("case officer", "")}

    def test_possible_duplicates_share_name_birth_date_and_nationality_and_await_review(self):
        seed(count=300)
        flagged = Case.objects.exclude(possible_duplicate_of=None).select_related(
            "foreign_national", "possible_duplicate_of"
        )
        assert flagged.count() == 2
        for case in flagged:
            person, other = case.foreign_national, case.possible_duplicate_of
            assert (person.surname, person.date_of_birth) == (other.surname, other.date_of_birth)
            assert person.v_number != other.v_number
            assert set(person.nationalities.values_list("country", flat=True)) & set(
                other.nationalities.values_list("country", flat=True)
            )
            assert case.duplicate_review == ""
            assert case.events.filter(
                kind=events.CASE_POSSIBLE_DUPLICATE.code, data__foreign_national=other.pk
            ).exists()

    def test_regievoerder_holds_a_realistic_caseload_at_the_default_size(self):
        seed(count=300)
        open_cases = Case.objects.filter(case_officer__username="regievoerder").exclude(phase=Phase.CLOSED)
        assert open_cases.count() == 40
        noord = Case.objects.filter(team__code="noord")
        amv = [c for c in noord.select_related("foreign_national", "case_officer") if is_unaccompanied_minor(c)]
        assert {c.case_officer.username for c in amv} == {"amv-specialist"}
