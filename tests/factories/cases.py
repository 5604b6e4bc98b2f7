import factory
from django.utils import timezone

from cases.constants import Phase
from cases.models import Case, ForeignNational

from .accounts import CaseOfficerFactory


class ForeignNationalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForeignNational

    v_number = factory.Sequence(lambda n: f"{3000000000 + n:010d}")
    surname = factory.Sequence(lambda n: f"Achternaam{n}")
    given_names = "Amir"


class CaseFactory(factory.django.DjangoModelFactory):
    """A case; traits per lifecycle phase: CaseFactory(in_progress=True)."""

    class Meta:
        model = Case

    foreign_national = factory.SubFactory(ForeignNationalFactory)
    case_officer = factory.SubFactory(CaseOfficerFactory)
    team = factory.LazyAttribute(lambda c: c.case_officer.team if c.case_officer else None)
    phase = Phase.INTAKE
    opened_at = factory.LazyFunction(timezone.now)

    class Params:
        in_progress = factory.Trait(phase=Phase.IN_PROGRESS)
        closed = factory.Trait(phase=Phase.CLOSED)
        unassigned = factory.Trait(case_officer=None)
