"""The practical obstacle "Dublin transfer period expired": registered with cases' removability checks."""

from django.utils.translation import gettext as _

from cases.constants import ObstacleKind
from cases.countries import country_name
from cases.removability import Obstacle, RemovabilityCheck, register_removability_check
from dtv.core.batch import matching, prepared_for

from .models import DublinClaim


def _build(*, ids, on):
    return {
        "expired": DublinClaim.objects.filter(matching("case_id", ids), transfer_until__lt=on).order_by("case_id", "id")
    }


def _rows(cases, *, on):
    return prepared_for(_build, [c.pk for c in cases], on=on)


def _evaluate(cases, rows, *, on):
    found = {}
    for claim in rows["expired"]:
        # After the period the Netherlands is responsible: no transfer to that state any more (art. 29 lid 2).
        found.setdefault(claim.case_id, []).append(
            Obstacle(
                check="dublin_transfer",
                kind=ObstacleKind.PRACTICAL,
                reason=_("Dublin transfer period to %(state)s expired on %(day)s: the Netherlands is responsible.")
                % {"state": country_name(claim.member_state), "day": claim.transfer_until.strftime("%d-%m-%Y")},
                source="departures.dublinclaim",
                source_id=claim.pk,
            )
        )
    return found


CHECK = register_removability_check(
    RemovabilityCheck(key="dublin_transfer", kind=ObstacleKind.PRACTICAL, order=70, rows=_rows, evaluate=_evaluate)
)
