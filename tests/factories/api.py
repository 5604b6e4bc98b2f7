import factory
from django.utils import timezone

from cases.constants import HandoverOutcome, NationalityStatus, Source
from cases.models import Handover, Nationality

from .accounts import ChainPartnerFactory
from .cases import CaseFactory


class NationalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nationality

    country = "SYR"
    status = NationalityStatus.CLAIMED


class HandoverFactory(factory.django.DjangoModelFactory):
    """A chain partner's handover of a case: it puts the case within that partner's scope."""

    class Meta:
        model = Handover

    source = Source.IND
    reference = factory.Sequence(lambda n: f"REF-{n:06d}")
    handover_date = factory.LazyFunction(timezone.localdate)
    received_at = factory.LazyFunction(timezone.now)
    received_by = factory.SubFactory(ChainPartnerFactory, chain_partner=factory.SelfAttribute("..source"))
    case = factory.SubFactory(CaseFactory, unassigned=True, team=None, source=factory.SelfAttribute("..source"))
    v_number = factory.LazyAttribute(lambda h: h.case.foreign_national.v_number if h.case else "")
    outcome = HandoverOutcome.NEW_CASE
    payload = factory.Dict({})
