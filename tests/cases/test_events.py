"""The registry of timeline event kinds: declared once, written only when registered, rendered from the registry."""

import datetime as dt
import pathlib
import re

import pytest
from django.utils import translation

from cases import events
from cases.deadlines import events as deadline_events
from cases.models import CaseEvent
from tests.factories.cases import CaseFactory

NOW = dt.datetime(2026, 3, 10, 8, 30, tzinfo=dt.UTC)
ROOT = pathlib.Path(__file__).resolve().parents[2]


class TestEventKindRegistry:
    def test_a_code_cannot_be_declared_twice(self):
        with pytest.raises(ValueError, match="declared twice"):
            events.event_kind(events.CASE_OPENED.code, "again")

    def test_the_cases_and_deadline_kinds_are_registered(self):
        codes = set(events.event_kinds())
        assert {events.CASE_ASSIGNED.code, deadline_events.DEADLINE_OVERDUE.code, "work_item.done"} <= codes

    @pytest.mark.parametrize("language", ["nl", "en"])
    def test_every_registered_kind_renders_its_label_and_facts_without_error(self, language):
        sample = {
            "source": "ind",
            "reference": "R-1",
            "outcome": "new_case",
            "to": "Sanne de Vries",
            "team": "Noord",
            "from": "intake",
            "kind": "departure_term",
            "due_at": "2026-03-30T22:00:00+00:00",
            "old_due_at": "2026-03-29T22:00:00+00:00",
            "legal_basis": "art. 62 Vw 2000",
            "effective_on": "2026-03-02",
            "days": 28,
            "old": {"days": 28, "effective_on": "2026-03-02"},
            "new": {"days": 42, "effective_on": "2026-03-02"},
        }
        with translation.override(language):
            for kind in events.event_kinds().values():
                label, facts = events.describe(CaseEvent(kind=kind.code, data=sample))
                assert label and isinstance(facts, str)


@pytest.mark.django_db
class TestCaseEventRecord:
    def test_refuses_a_kind_given_as_a_string(self):
        case = CaseFactory()
        with pytest.raises(TypeError):
            events.case_event_record(case=case, kind="case.opened", actor=None, now=NOW)
        assert CaseEvent.objects.count() == 0

    def test_refuses_an_unregistered_kind(self):
        case = CaseFactory()
        stray = events.EventKind(code="case.stray", label="Stray", describe=lambda data: "")
        with pytest.raises(ValueError, match="not registered"):
            events.case_event_record(case=case, kind=stray, actor=None, now=NOW)
        assert CaseEvent.objects.count() == 0

    def test_the_bulk_variant_refuses_an_unregistered_code(self):
        case = CaseFactory()
        with pytest.raises(ValueError, match="not registered"):
            events.case_events_record_many([CaseEvent(case=case, kind="case.stray", occurred_at=NOW)])
        assert CaseEvent.objects.count() == 0


def test_no_module_writes_an_event_kind_as_a_string_literal():
    """Every kind is a constant from an events module, never a literal scattered over services and the seed."""
    offenders = []
    pattern = re.compile(r"""kind\s*=\s*["'][a-z_]+\.[a-z_]+["']""")
    for folder in ("cases", "dtv", "laissezpasser", "departures", "detention", "reports"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
