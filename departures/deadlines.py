"""The deadline rules of departures, registered from DeparturesConfig.ready().

The flight notice and the Dublin transfer versions moved here verbatim from cases/deadlines/rules.py (their
kind codes and version names are stored data and stay as they were); the answer periods of a Dublin request,
which decide when silence becomes acceptance, are pure functions beside them.
"""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cases.constants import Responsible
from cases.deadlines.atw import ATW_NOTES
from cases.deadlines.counting import add_months, add_weeks, subtract_hours
from cases.deadlines.registry import register, rule
from cases.deadlines.rules import AMMR_APPLIES_FROM, DUBLIN_III_APPLIES_FROM, VW_2000_IN_FORCE, dublin, hours_before

from .constants import FLIGHT_NOTICE_BASIS, DublinCircumstance


class DepartureDeadlineKind:
    """The codes of the kinds this app registers (stored data: never rename one)."""

    FLIGHT_NOTICE = "flight_notice"
    DUBLIN_TRANSFER = "dublin_transfer"


_DUBLIN_III = "Vo. (EU) 604/2013"
_AMMR = "Vo. (EU) 2024/1351"
ACCEPTANCE, NOTICE = "acceptance", "notice"

_DUBLIN_III_GROUNDS = {
    DublinCircumstance.NONE: ("months", 6, f"art. 29 lid 1 {_DUBLIN_III}", ACCEPTANCE),
    DublinCircumstance.IMPRISONED: ("months", 12, f"art. 29 lid 2 {_DUBLIN_III}", ACCEPTANCE),
    DublinCircumstance.ABSCONDED: ("months", 18, f"art. 29 lid 2 {_DUBLIN_III}", ACCEPTANCE),
    DublinCircumstance.DETAINED: ("weeks", 6, f"art. 28 lid 3 {_DUBLIN_III}", ACCEPTANCE),
}
_AMMR_THREE_YEARS = ("months", 36, f"art. 46 lid 2 {_AMMR}", NOTICE)
_AMMR_GROUNDS = {
    DublinCircumstance.NONE: ("months", 6, f"art. 46 lid 1 {_AMMR}", ACCEPTANCE),
    DublinCircumstance.IMPRISONED: ("months", 12, f"art. 46 lid 2 {_AMMR}", ACCEPTANCE),
    # Up to 3 years from the moment the responsible Member State was informed: the caller starts the term then.
    DublinCircumstance.ABSCONDED: _AMMR_THREE_YEARS,
    DublinCircumstance.RESISTS: _AMMR_THREE_YEARS,
    DublinCircumstance.UNFIT: _AMMR_THREE_YEARS,
    DublinCircumstance.MEDICAL_NON_COMPLIANCE: _AMMR_THREE_YEARS,
    DublinCircumstance.DETAINED: ("weeks", 5, f"art. 45 lid 3 {_AMMR}", ACCEPTANCE),
}
# What the withdrawn version computed (see its reading); kept only to read back what it stored.
_WITHDRAWN_AMMR_GROUNDS = {
    "none": ("months", 6, f"art. 46 lid 1 {_AMMR}", ACCEPTANCE),
    "imprisoned": ("months", 12, f"art. 46 lid 2 {_AMMR}", ACCEPTANCE),
    "medical": ("months", 12, f"art. 46 lid 2 {_AMMR}", ACCEPTANCE),
    "absconded": ("months", 36, f"art. 46 lid 2 {_AMMR}", ACCEPTANCE),
    "detained": ("weeks", 6, f"art. 45 lid 3 {_AMMR}", ACCEPTANCE),
}


_DUBLIN = {
    "kind": DepartureDeadlineKind.DUBLIN_TRANSFER,
    "label": _("Dublin transfer"),
    "legal_text": _("Dublin transfer time limit"),
    "statutory": True,
    "atw_applies": False,
    "atw_note": ATW_NOTES["eu_regulation"],
    "counting": "months",
    "params": {"circumstance": DublinCircumstance.NONE.value, "registered_on": None},
    "responsible": Responsible.CASE_OFFICER,
    "remind_before": dt.timedelta(days=28),
    "remind_before_when": (("circumstance", DublinCircumstance.DETAINED.value, dt.timedelta(days=7)),),
    "task_text": _("Dublin transfer time limit expires: transfer, or the Netherlands becomes responsible"),
    "chosen_by": "registered_on",
}

FLIGHT_NOTICE, DUBLIN_III, DUBLIN_AMMR, _DUBLIN_AMMR_WITHDRAWN = register(
    rule(
        DepartureDeadlineKind.FLIGHT_NOTICE,
        "vc2000",
        label=_("Flight notice"),
        in_force_from=VW_2000_IN_FORCE,
        in_force_until=None,
        legal_basis=FLIGHT_NOTICE_BASIS,
        legal_text=_("Notice of the flight to the person and the legal representative"),
        statutory=True,
        atw_applies=False,
        atw_note=ATW_NOTES["counted_backwards"],
        counting="hours_before",
        # One source reports 36 hours in the circular since 2020: the hours are a setting, 48 by default.
        params={"hours": 48},
        params_from_settings={"hours": "FLIGHT_NOTICE_HOURS"},
        responsible=Responsible.CASE_OFFICER,
        remind_before=dt.timedelta(hours=24),
        task_text=_("Notify the person and the legal representative of the flight"),
        compute=hours_before,
    ),
    rule(
        **_DUBLIN,
        version="dublin-604-2013",
        in_force_from=DUBLIN_III_APPLIES_FROM,
        in_force_until=AMMR_APPLIES_FROM - dt.timedelta(days=1),
        legal_basis=f"art. 29 {_DUBLIN_III}",
        reading=_(
            "Chosen by the date the asylum application was registered: an application registered before "
            "1 July 2026 keeps the time limits of Reg. (EU) 604/2013 (art. 84 Reg. (EU) 2024/1351). The term "
            "runs from the acceptance of the request (or the final decision on a suspensive appeal); art. 42 "
            "counts Saturdays, Sundays and holidays in and moves nothing."
        ),
        compute=dublin(_DUBLIN_III_GROUNDS, regulation="604/2013"),
    ),
    rule(
        **_DUBLIN,
        # "-r2": the corrected reading of December 2026 (the withdrawn "ammr-2024-1351" below).
        version="ammr-2024-1351-r2",
        in_force_from=AMMR_APPLIES_FROM,
        in_force_until=None,
        legal_basis=f"art. 46 {_AMMR}",
        reading=_(
            "Chosen by the date the asylum application was registered (art. 84-85 Reg. (EU) 2024/1351). "
            "Art. 84 leaves an application registered on 1 July 2026 itself open: Regie applies Reg. (EU) "
            "2024/1351 to it, because that regulation applies from that day (art. 85) and Reg. (EU) 604/2013 "
            "continues only for applications registered before it. The 6 months and the year of imprisonment "
            "run from the acceptance (or the final decision on a suspensive appeal); the 3 years run from the "
            "moment the responsible Member State was informed, which must happen before the 6 months end; there "
            "is no extension for a medical inability the person did not cause. Art. 75(d) moves an end on a "
            "Saturday, Sunday or official holiday of the Member State concerned to the next working day: Regie "
            "shows the unshifted date, the earlier and so always safe one, until those holidays are recorded. "
            "A person who reappears with less than 3 months of the 6 left has 3 months from then: record that "
            "as a recomputation from the day they reappeared."
        ),
        compute=dublin(_AMMR_GROUNDS, regulation="2024/1351"),
    ),
    rule(
        **_DUBLIN,
        version="ammr-2024-1351",
        in_force_from=None,  # withdrawn
        in_force_until=None,
        legal_basis=f"art. 46 {_AMMR}",
        reading=_(
            "Withdrawn in December 2026: this version applied Reg. (EU) 2024/1351 from 12 June 2026 by the date "
            "of acceptance, with 6 weeks in detention and a 12-month medical ground, which the regulation does "
            "not contain. Kept so that the deadlines it computed can be read; recompute them with the date the "
            "asylum application was registered."
        ),
        compute=dublin(_WITHDRAWN_AMMR_GROUNDS),
    ),
)


def flight_notice_hours() -> int:
    """The hours of notice the flight-notice rule asks for now (setting FLIGHT_NOTICE_HOURS, 48 by default)."""
    return int(getattr(settings, "FLIGHT_NOTICE_HOURS", FLIGHT_NOTICE.params["hours"]))


def latest_notice_moment(departs_at: dt.datetime, *, hours: int | None = None) -> dt.datetime:
    """The last moment the person and the representative may be told of a flight leaving at `departs_at`.

    Counted backwards in absolute hours (a DST change in between changes the wall-clock difference, never the
    hours) and never moved by the Algemene termijnenwet (art. 1 lid 2 Atw: terms counted backwards).
    """
    return subtract_hours(departs_at, hours if hours is not None else flight_notice_hours())


# --- the answer period of a Dublin request: silence is acceptance after it ---------------------------------


def dublin_answer_due(*, kind, requested_on: dt.date, registered_on: dt.date, urgent=False, eurodac_hit=False):
    """(last day to answer, article): after that day a request not answered counts as accepted.

    Dublin III: take charge 2 months (1 month urgent), take back 1 month (2 weeks on a Eurodac hit),
    art. 22(1)/(6)/(7) and 25(1)/(2) Reg. 604/2013. AMMR: take charge 1 month (2 weeks after a Eurodac/VIS
    hit; urgent at least 1 week, Regie reads the shortest, 1 week), take back a notification confirmed within
    2 weeks, art. 40-41 Reg. 2024/1351. EU periods are not moved by the Atw (Reg. 1182/71 counting).
    """
    from .constants import DublinClaimKind

    ammr = registered_on >= AMMR_APPLIES_FROM
    if kind == DublinClaimKind.TAKE_CHARGE:
        if ammr:
            if urgent:
                return add_weeks(requested_on, 1), f"art. 40 lid 1 {_AMMR}"
            if eurodac_hit:
                return add_weeks(requested_on, 2), f"art. 40 lid 1 {_AMMR}"
            return add_months(requested_on, 1)[0], f"art. 40 lid 1 {_AMMR}"
        if urgent:
            return add_months(requested_on, 1)[0], f"art. 22 lid 6 {_DUBLIN_III}"
        return add_months(requested_on, 2)[0], f"art. 22 lid 1 en 7 {_DUBLIN_III}"
    if ammr:
        return add_weeks(requested_on, 2), f"art. 41 lid 2 {_AMMR}"
    if eurodac_hit:
        return add_weeks(requested_on, 2), f"art. 25 lid 1 {_DUBLIN_III}"
    return add_months(requested_on, 1)[0], f"art. 25 lid 1 en 2 {_DUBLIN_III}"


def dublin_extension_grounds(*, registered_on: dt.date) -> tuple:
    """The grounds that extend the transfer period of a claim, by the regulation its registration date chooses.

    Dublin III: imprisonment (12 months) and absconding (18 months), art. 29 lid 2 Reg. 604/2013. AMMR:
    imprisonment (1 year) and absconding, resisting, making oneself unfit or not complying with the medical
    requirements (3 years from the notice), art. 46 lid 2 Reg. 2024/1351. Detention is a shorter period of its own.
    """
    grounds = _AMMR_GROUNDS if registered_on >= AMMR_APPLIES_FROM else _DUBLIN_III_GROUNDS
    return tuple(
        DublinCircumstance(c) for c in grounds if c not in (DublinCircumstance.NONE, DublinCircumstance.DETAINED)
    )


def extension_notice_before(accepted_on: dt.date) -> dt.date:
    """The day by which (exclusive) the responsible state must be told of an extension: the end of the 6 months.

    Art. 9 lid 2 Reg. 1560/2003 (Dublin III) and art. 46 lid 2 Reg. 2024/1351: told later, no extension.
    """
    return add_months(accepted_on, 6)[0]
