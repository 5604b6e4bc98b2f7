"""Measures and detention orders per lifecycle state, made through the services as the product makes them."""

import datetime as dt

from detention import orders, services
from detention.constants import LIGHTER_RUNGS, DetentionArticle, DetentionLocation, MeasureKind

from .accounts import EnforcementOfficerFactory
from .cases import CaseFactory

# A Monday in Amsterdam, 10:00.
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

COMPLETE = {
    "article": DetentionArticle.ART_59,
    "detention_location": DetentionLocation.DETENTION_CENTRE,
    "grounds": [
        {"code": "3b", "facts": "Vertrok op 2 mei 2026 met onbekende bestemming uit de VBL Ter Apel."},
        {"code": "4c", "facts": "Heeft geen vaste woon- of verblijfplaats; sliep laatst bij wisselende kennissen."},
    ],
    "lighter_measures": {
        "reporting_duty": "Meldde zich drie keer niet bij de meldplicht in Ter Apel.",
        "deposit": "Heeft geen middelen om een borgsom te betalen.",
        "restricted_location": "Onttrok zich eerder aan de VBL.",
        "family_location": "Geen gezin: de gezinslocatie is niet aan de orde.",
    },
    "prospect_evidence": "Marokko bevestigde de nationaliteit; een laissez-passer is toegezegd.",
    "flight_booked_on": dt.date(2026, 12, 10),
    "non_refoulement": "Geen reëel risico op een behandeling in strijd met art. 3 EVRM bij terugkeer naar Marokko.",
    "hearing_at": dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC),
    "interpreter": "M. Haddad, Arabisch",
    "lawyer_present": True,
    "vulnerability": "Geen aanwijzingen voor bijzondere kwetsbaarheid; medisch gezien door de arts.",
}


def detention_case(**kwargs):
    return CaseFactory(in_progress=True, **kwargs)


def enforcer_for(case):
    return EnforcementOfficerFactory(team=case.team, first_name="Joris", last_name="Bakker")


def draft_order(case=None, *, actor=None, now=NOW, **fields):
    case = case or detention_case()
    actor = actor or enforcer_for(case)
    return orders.order_draft(case=case, actor=actor, now=now, **fields)


def complete_draft(case=None, *, actor=None, now=NOW, **fields):
    return draft_order(case, actor=actor, now=now, **{**COMPLETE, **fields})


def issued_order(case=None, *, actor=None, now=NOW, starts_at=None, **fields):
    order = complete_draft(case, actor=actor, now=now, **fields)
    return orders.order_issue(order=order, actor=order.drafted_by, now=now, starts_at=starts_at)


def reporting_duty(case, actor, *, now=NOW, starts_at=None):
    return services.measure_impose(
        case=case,
        kind=MeasureKind.REPORTING_DUTY,
        ground="Vertrekplicht; meldplicht om toezicht te houden.",
        frequency_days=7,
        place="Ter Apel",
        actor=actor,
        now=now,
        starts_at=starts_at,
    )


__all__ = ["LIGHTER_RUNGS"]
