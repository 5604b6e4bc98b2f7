"""What the Dublin page shows of a case's claims: the answer period, tacit acceptance, the transfer period, expiry.

Every date comes from the rule that decides it (`deadlines.dublin_answer_due` when the claim was recorded,
`services.tacit_acceptance_date`, the engine's transfer deadline, `deadlines.extension_notice_before`); this module
only gathers them, in three statements whatever the number of claims.
"""

import datetime as dt
from dataclasses import dataclass

from cases.constants import SweepStage
from cases.deadlines.models import Deadline
from cases.models import Notification

from .constants import DublinAnswer
from .deadlines import DepartureDeadlineKind, dublin_extension_grounds, extension_notice_before
from .models import DublinClaim
from .services import tacit_acceptance_date


@dataclass
class ClaimFacts:
    claim: DublinClaim
    tacit_on: dt.date
    may_record_tacit: bool
    inform_before: dt.date | None  # exclusive: the last day is the day before
    deadline: Deadline | None
    expired: bool
    lead_told: bool
    grounds: tuple

    @property
    def pending(self) -> bool:
        return self.claim.answer == DublinAnswer.PENDING

    @property
    def accepted(self) -> bool:
        return self.claim.accepted_on is not None

    @property
    def inform_last_day(self) -> dt.date | None:
        return self.inform_before - dt.timedelta(days=1) if self.inform_before else None


def claim_facts(claims, *, today: dt.date) -> list[ClaimFacts]:
    """The facts of each claim as of `today` (a list of DublinClaim in; two more statements)."""
    ids = [c.pk for c in claims]
    deadlines = {
        d.source_id: d
        for d in Deadline.objects.filter(
            source_type="departures.dublinclaim", source_id__in=ids, kind=DepartureDeadlineKind.DUBLIN_TRANSFER
        ).order_by("source_id", "opened_at", "id")  # the latest last: it wins
    }
    escalated = set(
        Notification.objects.filter(deadline__in=[d.pk for d in deadlines.values()], stage=SweepStage.ESCALATION)
        .values_list("deadline_id", flat=True)
        .distinct()
    ) if deadlines else set()  # fmt: skip
    facts = []
    for claim in claims:
        deadline = deadlines.get(claim.pk)
        tacit_on = tacit_acceptance_date(claim)
        facts.append(
            ClaimFacts(
                claim=claim,
                tacit_on=tacit_on,
                may_record_tacit=claim.answer == DublinAnswer.PENDING and today >= tacit_on,
                inform_before=extension_notice_before(claim.accepted_on) if claim.accepted_on else None,
                deadline=deadline,
                expired=claim.transfer_until is not None and claim.transfer_until < today,
                lead_told=deadline is not None and deadline.pk in escalated,
                grounds=dublin_extension_grounds(registered_on=claim.registered_on),
            )
        )
    return facts
