"""The deadline rules as versioned data: what each legal term counts from, its length, and whether the Atw applies.

A rule version is chosen by the date the term STARTS, so a change in the law never moves a deadline that
already runs: a Dublin acceptance of 11 June 2026 keeps the 604/2013 time limits after AMMR took over.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

from .atw import ATW_NOTES, atw_extend
from .counting import (
    add_days,
    add_hours,
    add_months,
    add_weeks,
    counted_windows,
    end_of_day,
    require_aware,
    require_date,
    subtract_hours,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

VW_2000_IN_FORCE = dt.date(2001, 4, 1)
# Art. 59 lid 5 and 6 Vw 2000 (six and eighteen months) came with the transposition of the Return
# Directive (Stb. 2011, 663); before that the Vw set no maximum duration of detention.
RETURN_DIRECTIVE_TRANSPOSED = dt.date(2011, 12, 31)
AMMR_APPLIES_FROM = dt.date(2026, 6, 12)

CASE_OFFICER = "case_officer"
TEAM_LEAD = "team_lead"
ENFORCEMENT_OFFICER = "enforcement_officer"


class DeadlineKind(models.TextChoices):
    DEPARTURE_TERM = "departure_term", _("Departure term")
    FLIGHT_NOTICE = "flight_notice", _("Flight notice")
    RESTRICTED_LOCATION = "restricted_location", _("Freedom-restricting location (VBL)")
    HOLDING = "holding", _("Holding for identification")
    HOLDING_EXTENSION = "holding_extension", _("Extension of holding")
    DETENTION_COURT_NOTICE = "detention_court_notice", _("Notice of the detention to the court")
    DETENTION_SIX_MONTHS = "detention_six_months", _("Detention: six months")
    DETENTION_MAXIMUM = "detention_maximum", _("Detention: absolute maximum")
    DETENTION_REVIEW = "detention_review", _("Detention review")
    DUBLIN_TRANSFER = "dublin_transfer", _("Dublin transfer")
    TRAVEL_DOCUMENT_REMINDER = "travel_document_reminder", _("Travel-document request: reminder")
    TRAVEL_DOCUMENT_ESCALATION = "travel_document_escalation", _("Travel-document request: escalation")
    AGREED_ACTION = "agreed_action", _("Agreed action")


class DublinCircumstance(models.TextChoices):
    """The ground that sets the Dublin transfer time limit (params["circumstance"])."""

    NONE = "none", _("No special circumstance")
    DETAINED = "detained", _("Detained")
    IMPRISONED = "imprisoned", _("Imprisoned")
    ABSCONDED = "absconded", _("Absconded")
    MEDICAL = "medical", _("Medical condition")


@dataclass(frozen=True)
class Computation:
    due_date: dt.date | None  # the last day of a term in days, weeks or months; None for terms in hours
    due_at: dt.datetime  # aware: the exclusive moment the term expires (date terms: end_of_day(due_date))
    atw_applied: bool  # True when the Atw was applied, even if it moved nothing
    steps: tuple[dict, ...]  # the explanation as JSON-serialisable data (dates and moments as ISO strings)


@dataclass(frozen=True)
class RuleVersion:
    kind: str
    version: str
    in_force_from: dt.date | None  # None: prepared but not (yet) in force
    in_force_until: dt.date | None  # the last day in force; None: open-ended
    legal_basis: str
    legal_text: str
    atw_applies: bool
    atw_note: str
    counting: str  # "days" | "weeks" | "months" | "hours_outside_night" | "hours" | "hours_before" | "fixed_date"
    params: Mapping
    responsible: str
    remind_before: dt.timedelta | None
    task_text: str
    compute: Callable  # compute(start, params, *, holidays, tz) -> Computation
    # Exceptions to remind_before as data: ((param, value, timedelta), ...), first match wins.
    remind_before_when: tuple = ()

    def reminder(self, params=None):
        """Return how long before the due moment the advance reminder goes out for these params (None: none)."""
        merged = {**self.params, **(params or {})}
        for name, value, before in self.remind_before_when:
            if merged.get(name) == value:
                return before
        return self.remind_before

    def in_force_on(self, day):
        """Return whether this version is in force on the given day."""
        return (
            self.in_force_from is not None
            and self.in_force_from <= day
            and (self.in_force_until is None or day <= self.in_force_until)
        )


# --- the computations ---------------------------------------------------------------------------------------------


def _departure_term(start, params, *, holidays, tz):
    require_date(start)
    days = _whole_number(params, "days", minimum=0)
    if days == 0:
        # A term of 0 days (e.g. risk of absconding): the obligation to leave is immediate, nothing to extend.
        return Computation(start, end_of_day(start, tz), False, ({"type": "zero_term", "start": start.isoformat()},))
    end = add_days(start, days)
    steps = [_term_step("days", days, start, end)]
    if days > 90:
        steps.append(_not_applied("longer_than_90_days"))
        return Computation(end, end_of_day(end, tz), False, tuple(steps))
    end, atw_steps = atw_extend(end, start=start, holidays=holidays, term_days=days)
    return Computation(end, end_of_day(end, tz), True, tuple(steps + atw_steps))


def _calendar_term(unit, *, amount=None, param=None, note):
    """A term in days, weeks or months to which the Atw does not apply: a fixed amount or one taken from params."""

    def compute(start, params, *, holidays, tz):
        require_date(start)
        length = amount if param is None else _whole_number(params, param, minimum=1)
        return _plain_term(start, unit, length, note=note, tz=tz)

    return compute


def _plain_term(start, unit, amount, *, note, tz, before=()):
    if unit == "days":
        end, clipped = add_days(start, amount), False
    elif unit == "weeks":
        end, clipped = add_weeks(start, amount), False
    else:
        end, clipped = add_months(start, amount)
    steps = [*before, _term_step(unit, amount, start, end, clipped=clipped), _not_applied(note)]
    return Computation(end, end_of_day(end, tz), False, tuple(steps))


def _holding(start, params, *, holidays, tz):
    require_aware(start)
    hours = _hours(params)
    windows = counted_windows(start, hours, tz=tz, night_start=dt.time(0), night_end=dt.time(9))
    end = windows[-1][1]
    step = {
        "type": "hours_outside_night",
        "hours": hours,
        "start": start.astimezone(tz).isoformat(),
        "end": end.isoformat(),
        "night_start": "00:00",
        "night_end": "09:00",
        "segments": [{"from": opens.isoformat(), "to": closes.isoformat()} for opens, closes in windows],
    }
    return Computation(None, end, False, (step, _not_applied("hours")))


def _holding_extension(start, params, *, holidays, tz):
    require_aware(start)
    hours = _hours(params)
    if not 1 <= hours <= 48:
        # Art. 50 lid 4 Vw 2000 allows at most 48 hours more.
        raise ValueError(f"An extension of holding lasts 1 to 48 hours, not {hours}.")
    end = add_hours(start, hours).astimezone(tz)
    step = {"type": "hours", "hours": hours, "start": start.astimezone(tz).isoformat(), "end": end.isoformat()}
    return Computation(None, end, False, (step, _not_applied("hours")))


def _flight_notice(start, params, *, holidays, tz):
    require_aware(start)
    hours = _hours(params)
    # Counted backwards from the departure, so art. 1 lid 2 Atw excludes any shift: a notice due on a
    # Saturday stays due on that Saturday (moving it to Monday would shorten the person's notice).
    due = subtract_hours(start, hours).astimezone(tz)
    step = {
        "type": "hours_before_departure",
        "hours": hours,
        "departure": start.astimezone(tz).isoformat(),
        "end": due.isoformat(),
    }
    return Computation(None, due, False, (step,))


def _dublin(grounds):
    def compute(start, params, *, holidays, tz):
        require_date(start)
        circumstance = params.get("circumstance")
        if circumstance not in grounds:
            raise ValueError(
                f"{circumstance!r} is not a ground for the transfer time limit here; use one of {sorted(grounds)}."
            )
        unit, amount, basis = grounds[circumstance]
        ground = {"type": "dublin_ground", "circumstance": circumstance, "legal_basis": basis}
        return _plain_term(start, unit, amount, note="eu_regulation", tz=tz, before=(ground,))

    return compute


def _agreed_action(start, params, *, holidays, tz):
    require_date(start)
    steps = ({"type": "agreed_date", "date": start.isoformat()}, _not_applied("agreed_date"))
    return Computation(start, end_of_day(start, tz), False, steps)


def _term_step(unit, amount, start, end, *, clipped=False):
    step = {"type": "term", "unit": unit, "amount": amount, "start": start.isoformat(), "end": end.isoformat()}
    if unit == "months":
        step["clipped"] = clipped
    return step


def _not_applied(reason):
    return {"type": "atw_not_applied", "reason": reason}


def _whole_number(params, name, *, minimum):
    value = params[name]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}, not {value!r}.")
    return value


def _hours(params):
    value = params["hours"]
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError(f"hours must be a positive number, not {value!r}.")
    return value


# --- the registry -------------------------------------------------------------------------------------------------

_DUBLIN_III = "Vo. (EU) 604/2013"
_AMMR = "Vo. (EU) 2024/1351"

_DUBLIN_III_GROUNDS = {
    "none": ("months", 6, f"art. 29 lid 1 {_DUBLIN_III}"),
    "imprisoned": ("months", 12, f"art. 29 lid 2 {_DUBLIN_III}"),
    "absconded": ("months", 18, f"art. 29 lid 2 {_DUBLIN_III}"),
    "detained": ("weeks", 6, f"art. 28 lid 3 {_DUBLIN_III}"),
}
_AMMR_GROUNDS = {
    "none": ("months", 6, f"art. 46 lid 1 {_AMMR}"),
    "imprisoned": ("months", 12, f"art. 46 lid 2 {_AMMR}"),
    "medical": ("months", 12, f"art. 46 lid 2 {_AMMR}"),
    "absconded": ("months", 36, f"art. 46 lid 2 {_AMMR}"),
    # The number of weeks must be verified against the text in the Official Journal (OJ L, 22.5.2024):
    # the product specification says 6 weeks, as under art. 28 lid 3 of Reg. 604/2013.
    "detained": ("weeks", 6, f"art. 45 lid 3 {_AMMR}"),
}


def _frozen(**params):
    return MappingProxyType(params)


def _version(kind, version, *, counting, params=None, **fields):
    return RuleVersion(kind=kind, version=version, counting=counting, params=_frozen(**(params or {})), **fields)


_DEPARTURE_TERM_TASK = _("Departure term expired: reception ends; assess forced departure")

RULES = {
    DeadlineKind.DEPARTURE_TERM: (
        _version(
            DeadlineKind.DEPARTURE_TERM,
            "vw2000",
            in_force_from=VW_2000_IN_FORCE,
            in_force_until=None,
            legal_basis="art. 62 Vw 2000",
            legal_text=_("Departure term"),
            atw_applies=True,
            atw_note=ATW_NOTES["statutory_days"],
            counting="days",
            params={"days": 28},
            responsible=CASE_OFFICER,
            remind_before=dt.timedelta(days=7),
            task_text=_DEPARTURE_TERM_TASK,
            compute=_departure_term,
        ),
    ),
    DeadlineKind.FLIGHT_NOTICE: (
        _version(
            DeadlineKind.FLIGHT_NOTICE,
            "vc2000",
            in_force_from=VW_2000_IN_FORCE,
            in_force_until=None,
            legal_basis="Vreemdelingencirculaire 2000 (aankondiging vertrek)",
            legal_text=_("Notice of the flight to the person and the legal representative"),
            atw_applies=False,
            atw_note=ATW_NOTES["counted_backwards"],
            counting="hours_before",
            params={"hours": 48},
            responsible=CASE_OFFICER,
            remind_before=dt.timedelta(hours=24),
            task_text=_("Notify the person and the legal representative of the flight"),
            compute=_flight_notice,
        ),
    ),
    DeadlineKind.RESTRICTED_LOCATION: (
        _version(
            DeadlineKind.RESTRICTED_LOCATION,
            "vw2000",
            in_force_from=VW_2000_IN_FORCE,
            in_force_until=None,
            legal_basis="art. 56 Vw 2000",
            legal_text=_("Placement in a freedom-restricting location: in principle at most 12 weeks"),
            atw_applies=False,
            atw_note=ATW_NOTES["measure_maximum"],
            counting="weeks",
            responsible=CASE_OFFICER,
            remind_before=dt.timedelta(days=14),
            task_text=_("VBL placement reaches 12 weeks: end it or record why it continues"),
            compute=_calendar_term("weeks", amount=12, note="measure_maximum"),
        ),
    ),
    DeadlineKind.HOLDING: (
        _version(
            DeadlineKind.HOLDING,
            "holding-6h",
            in_force_from=VW_2000_IN_FORCE,
            in_force_until=None,
            legal_basis="art. 50 lid 4 Vw 2000",
            legal_text=_("Holding for identification: at most 6 hours, 00:00-09:00 not counted"),
            atw_applies=False,
            atw_note=ATW_NOTES["hours"],
            counting="hours_outside_night",
            params={"hours": 6},
            responsible=ENFORCEMENT_OFFICER,
            remind_before=dt.timedelta(hours=1),
            task_text=_("Holding ends: release, extend or impose a measure"),
            compute=_holding,
        ),
        # The bill Wet terugkeer en vreemdelingenbewaring: prepared, selectable by version, not in force.
        _version(
            DeadlineKind.HOLDING,
            "holding-9h",
            in_force_from=None,
            in_force_until=None,
            legal_basis="art. 50 lid 4 Vw 2000 (Wet terugkeer en vreemdelingenbewaring, wetsvoorstel)",
            legal_text=_("Holding for identification: at most 9 hours, 00:00-09:00 not counted"),
            atw_applies=False,
            atw_note=ATW_NOTES["hours"],
            counting="hours_outside_night",
            params={"hours": 9},
            responsible=ENFORCEMENT_OFFICER,
            remind_before=dt.timedelta(hours=1),
            task_text=_("Holding ends: release, extend or impose a measure"),
            compute=_holding,
        ),
    ),
    DeadlineKind.HOLDING_EXTENSION: (
        _version(
            DeadlineKind.HOLDING_EXTENSION,
            "vw2000",
            in_force_from=VW_2000_IN_FORCE,
            in_force_until=None,
            legal_basis="art. 50 lid 4 Vw 2000",
            legal_text=_("Extension of holding: at most 48 hours"),
            atw_applies=False,
            atw_note=ATW_NOTES["hours"],
            counting="hours",
            params={"hours": 48},
            responsible=ENFORCEMENT_OFFICER,
            remind_before=dt.timedelta(hours=2),
            task_text=_("Extended holding ends: release or impose a measure"),
            compute=_holding_extension,
        ),
    ),
    DeadlineKind.DETENTION_COURT_NOTICE: (
        _version(
            DeadlineKind.DETENTION_COURT_NOTICE,
            "vw2000",
            in_force_from=VW_2000_IN_FORCE,
            in_force_until=None,
            legal_basis="art. 94 lid 1 Vw 2000",
            legal_text=_("Notify the court of the detention no later than the 28th day after the order was announced"),
            atw_applies=False,
            atw_note=ATW_NOTES["earliest_date"],
            counting="days",
            responsible=ENFORCEMENT_OFFICER,
            remind_before=dt.timedelta(days=7),
            task_text=_("Notify the court of the detention"),
            compute=_calendar_term("days", amount=28, note="earliest_date"),
        ),
    ),
    DeadlineKind.DETENTION_SIX_MONTHS: (
        _version(
            DeadlineKind.DETENTION_SIX_MONTHS,
            "vw2000",
            in_force_from=RETURN_DIRECTIVE_TRANSPOSED,
            in_force_until=None,
            legal_basis="art. 59 lid 5 Vw 2000; art. 15 lid 5 Richtlijn 2008/115/EG",
            legal_text=_("Detention lasts at most six months, unless extended on the statutory grounds"),
            atw_applies=False,
            atw_note=ATW_NOTES["detention_maximum"],
            counting="months",
            responsible=ENFORCEMENT_OFFICER,
            remind_before=dt.timedelta(days=28),
            task_text=_("Detention reaches six months: end it or extend it on the statutory grounds"),
            compute=_calendar_term("months", amount=6, note="detention_maximum"),
        ),
    ),
    DeadlineKind.DETENTION_MAXIMUM: (
        _version(
            DeadlineKind.DETENTION_MAXIMUM,
            "vw2000",
            in_force_from=RETURN_DIRECTIVE_TRANSPOSED,
            in_force_until=None,
            legal_basis="art. 59 lid 6 Vw 2000; art. 15 lid 6 Richtlijn 2008/115/EG",
            legal_text=_("Detention lasts at most eighteen months in all"),
            atw_applies=False,
            atw_note=ATW_NOTES["detention_maximum"],
            counting="months",
            responsible=ENFORCEMENT_OFFICER,
            remind_before=dt.timedelta(days=56),
            task_text=_("Detention reaches its absolute maximum: release the person"),
            compute=_calendar_term("months", amount=18, note="detention_maximum"),
        ),
    ),
    DeadlineKind.DETENTION_REVIEW: (
        _version(
            DeadlineKind.DETENTION_REVIEW,
            "return-directive",
            in_force_from=RETURN_DIRECTIVE_TRANSPOSED,
            in_force_until=None,
            legal_basis="art. 15 lid 3 Richtlijn 2008/115/EG",
            legal_text=_("Review of the detention at reasonable intervals"),
            atw_applies=False,
            atw_note=ATW_NOTES["internal_review"],
            counting="days",
            params={"days": 28},
            responsible=ENFORCEMENT_OFFICER,
            remind_before=dt.timedelta(days=3),
            task_text=_("Review the detention: is removal still in prospect?"),
            compute=_calendar_term("days", param="days", note="internal_review"),
        ),
    ),
    DeadlineKind.DUBLIN_TRANSFER: (
        _version(
            DeadlineKind.DUBLIN_TRANSFER,
            "dublin-604-2013",
            in_force_from=dt.date(2014, 1, 1),
            in_force_until=AMMR_APPLIES_FROM - dt.timedelta(days=1),
            legal_basis=f"art. 29 {_DUBLIN_III}",
            legal_text=_("Dublin transfer time limit"),
            atw_applies=False,
            atw_note=ATW_NOTES["eu_regulation"],
            counting="months",
            params={"circumstance": "none"},
            responsible=CASE_OFFICER,
            remind_before=dt.timedelta(days=28),
            remind_before_when=(("circumstance", "detained", dt.timedelta(days=7)),),
            task_text=_("Dublin transfer time limit expires: transfer, or the Netherlands becomes responsible"),
            compute=_dublin(_DUBLIN_III_GROUNDS),
        ),
        _version(
            DeadlineKind.DUBLIN_TRANSFER,
            "ammr-2024-1351",
            in_force_from=AMMR_APPLIES_FROM,
            in_force_until=None,
            legal_basis=f"art. 46 {_AMMR}",
            legal_text=_("Dublin transfer time limit"),
            atw_applies=False,
            atw_note=ATW_NOTES["eu_regulation"],
            counting="months",
            params={"circumstance": "none"},
            responsible=CASE_OFFICER,
            remind_before=dt.timedelta(days=28),
            remind_before_when=(("circumstance", "detained", dt.timedelta(days=7)),),
            task_text=_("Dublin transfer time limit expires: transfer, or the Netherlands becomes responsible"),
            compute=_dublin(_AMMR_GROUNDS),
        ),
    ),
    DeadlineKind.TRAVEL_DOCUMENT_REMINDER: (
        _version(
            DeadlineKind.TRAVEL_DOCUMENT_REMINDER,
            "dtv-werkafspraak",
            # Working agreements have no statutory date; the Vw 2000 date is simply Regie's earliest horizon.
            in_force_from=VW_2000_IN_FORCE,
            in_force_until=None,
            legal_basis="Werkafspraak DT&V (geen wettelijke termijn)",
            legal_text=_("Ask the embassy again when a travel-document request stays unanswered"),
            atw_applies=False,
            atw_note=ATW_NOTES["working_agreement"],
            counting="weeks",
            params={"weeks": 6},
            responsible=CASE_OFFICER,
            remind_before=None,
            task_text=_("Follow up the travel-document request with the embassy"),
            compute=_calendar_term("weeks", param="weeks", note="working_agreement"),
        ),
    ),
    DeadlineKind.TRAVEL_DOCUMENT_ESCALATION: (
        _version(
            DeadlineKind.TRAVEL_DOCUMENT_ESCALATION,
            "dtv-werkafspraak",
            in_force_from=VW_2000_IN_FORCE,
            in_force_until=None,
            legal_basis="Werkafspraak DT&V (geen wettelijke termijn)",
            legal_text=_("Escalate a travel-document request unanswered for 12 months"),
            atw_applies=False,
            atw_note=ATW_NOTES["working_agreement"],
            counting="months",
            responsible=TEAM_LEAD,
            remind_before=None,
            task_text=_("Travel-document request unanswered for 12 months: escalate"),
            compute=_calendar_term("months", amount=12, note="working_agreement"),
        ),
    ),
    DeadlineKind.AGREED_ACTION: (
        _version(
            DeadlineKind.AGREED_ACTION,
            "departure-interview",
            in_force_from=VW_2000_IN_FORCE,
            in_force_until=None,
            legal_basis="Afspraak uit vertrekgesprek",
            legal_text=_("Action agreed in the departure interview"),
            atw_applies=False,
            atw_note=ATW_NOTES["agreed_date"],
            counting="fixed_date",
            responsible=CASE_OFFICER,
            remind_before=dt.timedelta(days=2),
            task_text=_("Agreed action is due"),
            compute=_agreed_action,
        ),
    ),
}


def rule_version(kind, *, on, version=None):
    """Return the rule version in force on the start date `on`, or the named version; raise LookupError if none."""
    try:
        versions = RULES[kind]
    except KeyError:
        raise LookupError(f"No deadline rule for {kind!r}.") from None
    if version is not None:
        # An explicit version is taken even when not in force: for tests and for preparing future law.
        for candidate in versions:
            if candidate.version == version:
                return candidate
        raise LookupError(f"No version {version!r} of the rule {kind!r}.")
    require_date(on)
    in_force = [candidate for candidate in versions if candidate.in_force_on(on)]
    if not in_force:
        raise LookupError(f"No version of the rule {kind!r} is in force on {on.isoformat()}.")
    return in_force[0]


def compute(kind, *, start, params=None, holidays, tz=AMSTERDAM, version=None):
    """Compute a deadline: return (rule version, computation); start is a date, or an aware datetime for hours."""
    if isinstance(start, dt.datetime):
        require_aware(start)
        on = start.astimezone(tz).date()
    else:
        on = start
    rule = rule_version(kind, on=on, version=version)
    merged = {**rule.params, **(params or {})}
    unknown = set(merged) - set(rule.params)
    if unknown:
        raise ValueError(f"Unknown parameters for {kind!r}: {sorted(unknown)}.")
    return rule, rule.compute(start, merged, holidays=holidays, tz=tz)
