import datetime as dt

import factory
from django.utils import timezone

from cases.constants import InterpreterMode, InterviewKind, Phase, ProcedureKind, Stance, Vulnerability
from cases.models import AgreedAction, Case, DepartureInterview, ForeignNational, LegalProcedure
from cases.services import cases_legal_obstacle_rebuild
from dtv.core.text import fold

from .accounts import CaseOfficerFactory


class ForeignNationalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForeignNational

    v_number = factory.Sequence(lambda n: f"{3000000000 + n:010d}")
    surname = factory.Sequence(lambda n: f"Achternaam{n}")
    given_names = "Amir"
    search_name = factory.LazyAttribute(lambda p: fold(f"{p.given_names} {p.surname}"))

    class Params:
        unaccompanied_minor = factory.Trait(
            vulnerabilities=[Vulnerability.MINOR, Vulnerability.UNACCOMPANIED_MINOR],
            date_of_birth=dt.date(2010, 5, 1),
            date_of_birth_precision="full",
        )


class CaseFactory(factory.django.DjangoModelFactory):
    """A case; traits per lifecycle phase: CaseFactory(in_progress=True), CaseFactory(intake_queue=True)."""

    class Meta:
        model = Case

    foreign_national = factory.SubFactory(ForeignNationalFactory)
    case_officer = factory.SubFactory(CaseOfficerFactory)
    team = factory.LazyAttribute(lambda c: c.case_officer.team if c.case_officer else None)
    phase = Phase.INTAKE
    opened_at = factory.LazyFunction(timezone.now)

    class Params:
        in_progress = factory.Trait(phase=Phase.IN_PROGRESS)
        departure_preparation = factory.Trait(phase=Phase.DEPARTURE_PREPARATION)
        closed = factory.Trait(
            phase=Phase.CLOSED, closure_reason="residence_permit", closed_at=factory.LazyFunction(timezone.now)
        )
        unassigned = factory.Trait(case_officer=None)
        # The national intake: handed over, not yet given to any team.
        intake_queue = factory.Trait(case_officer=None, team=None, phase=Phase.INTAKE)
        confidential_case = factory.Trait(confidential=True)
        unaccompanied_minor = factory.Trait(
            foreign_national=factory.SubFactory(ForeignNationalFactory, unaccompanied_minor=True)
        )


class InterviewFactory(factory.django.DjangoModelFactory):
    """A first departure interview with an interpreter in person."""

    class Meta:
        model = DepartureInterview

    case = factory.SubFactory(CaseFactory, in_progress=True)
    kind = InterviewKind.FIRST
    held_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    interpreter_mode = InterpreterMode.IN_PERSON
    interpreter_language = "ar"
    stance = Stance.UNDECIDED
    summary = "Vertrekgesprek gevoerd."
    conducted_by = factory.LazyAttribute(lambda i: i.case.case_officer)
    recorded_at = factory.LazyFunction(timezone.now)


class ProcedureFactory(factory.django.DjangoModelFactory):
    """A pending appeal that may be awaited in the Netherlands (it blocks removal)."""

    class Meta:
        model = LegalProcedure
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory, in_progress=True)
    kind = ProcedureKind.APPEAL
    lodged_on = dt.date(2026, 3, 2)
    may_await_in_nl = True
    recorded_at = factory.LazyFunction(timezone.now)
    recorded_by = factory.LazyAttribute(lambda p: p.case.case_officer)

    class Params:
        rejected = factory.Trait(outcome="rejected", decided_on=dt.date(2026, 4, 1))
        not_suspensive = factory.Trait(may_await_in_nl=False)

    @factory.post_generation
    def legal_obstacle(procedure, create, extracted, **kwargs):
        # The services keep Case.legal_obstacle_until; a procedure made here must leave the case as they would.
        if create:
            cases_legal_obstacle_rebuild(case_ids=[procedure.case_id])


class AgreedActionFactory(factory.django.DjangoModelFactory):
    """An action agreed in a departure interview, due in a fortnight (made directly: no deadline)."""

    class Meta:
        model = AgreedAction

    interview = factory.SubFactory(InterviewFactory)
    case = factory.LazyAttribute(lambda a: a.interview.case)
    description = factory.Sequence(lambda n: f"Afspraak {n}")
    party = AgreedAction.Party.FOREIGN_NATIONAL
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
