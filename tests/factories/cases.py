import datetime as dt

import factory
from django.utils import timezone

from cases.constants import ClosureReason, InterpreterMode, InterviewKind, Phase, ProcedureKind, Stance, Vulnerability
from cases.models import AgreedAction, Case, DepartureInterview, ForeignNational, LegalProcedure
from cases.people import person_search_key
from cases.services import cases_legal_obstacle_rebuild
from dtv.core.text import fold

from .accounts import CaseOfficerFactory, TeamLeadFactory


class ForeignNationalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForeignNational

    v_number = factory.Sequence(lambda n: f"{3000000000 + n:010d}")
    surname = factory.Sequence(lambda n: f"Achternaam{n}")
    given_names = "Amir"
    search_name = factory.LazyAttribute(lambda p: fold(f"{p.given_names} {p.surname}"))
    search_key = factory.LazyAttribute(person_search_key)

    class Params:
        unaccompanied_minor = factory.Trait(
            vulnerabilities=[Vulnerability.MINOR, Vulnerability.UNACCOMPANIED_MINOR],
            date_of_birth=dt.date(2010, 5, 1),
            date_of_birth_precision="full",
        )


class CaseFactory(factory.django.DjangoModelFactory):
    """A case; traits per lifecycle phase: CaseFactory(in_progress=True), CaseFactory(intake_queue=True).

    A closed case is closed as the product closes one, through `case_close` at the moment it opened
    (closed_at, the reason, the event, its deadlines cancelled): CaseFactory(closed=True) (a residence
    permit), or CaseFactory(closure=ClosureReason.DECEASED) for another reason; a departure closes as
    demonstrable to the country of origin, with an IOM confirmation.
    """

    class Meta:
        model = Case

    foreign_national = factory.SubFactory(ForeignNationalFactory)
    case_officer = factory.SubFactory(CaseOfficerFactory)
    team = factory.LazyAttribute(lambda c: c.case_officer.team if c.case_officer else None)
    phase = Phase.INTAKE
    opened_at = factory.LazyFunction(timezone.now)
    # A closure reason closes the case through the service once it exists (see the docstring).
    closure = None

    class Params:
        in_progress = factory.Trait(phase=Phase.IN_PROGRESS)
        departure_preparation = factory.Trait(phase=Phase.DEPARTURE_PREPARATION)
        closed = factory.Trait(closure=ClosureReason.RESIDENCE_PERMIT)
        unassigned = factory.Trait(case_officer=None)
        # The national intake: handed over, not yet given to any team.
        intake_queue = factory.Trait(case_officer=None, team=None, phase=Phase.INTAKE)
        confidential_case = factory.Trait(confidential=True)
        unaccompanied_minor = factory.Trait(
            foreign_national=factory.SubFactory(ForeignNationalFactory, unaccompanied_minor=True)
        )

    @classmethod
    def _create(cls, model_class, *args, closure=None, **kwargs):
        case = super()._create(model_class, *args, **kwargs)
        if closure:
            from cases.constants import DEMONSTRABLE_DEPARTURES, DEPARTURE_CLOSURES, ClosureEvidence, DestinationType
            from cases.services import case_close

            actor = case.case_officer or TeamLeadFactory(team=case.team)
            departure = {}
            if closure in DEPARTURE_CLOSURES:
                departure["departed_on"] = timezone.localdate(case.opened_at)
            if closure in DEMONSTRABLE_DEPARTURES:
                departure.update(
                    destination_type=DestinationType.COUNTRY_OF_ORIGIN,
                    destination_country="MAR",
                    evidence=ClosureEvidence.IOM_CONFIRMATION,
                )
            case_close(case=case, closure_reason=closure, actor=actor, now=case.opened_at, **departure)
            case.refresh_from_db()
        return case


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
