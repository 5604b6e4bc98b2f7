"""The deadline rules as versioned data, and the public computations other apps compose their rules from.

A rule version is chosen by the date the term STARTS (or the date its kind names in `chosen_by`), so a
change in the law never moves a deadline that already runs. The registry (`registry.py`) holds the
versions; this module registers the rules of `cases` and, until their apps are built, the rules of
those apps too (none left: the travel documents, the detention terms, the flight notice and Dublin
have moved to their apps). Each app then moves its versions verbatim into its own `deadlines.py` and
registers them from its `AppConfig.ready()`.

A version that turned out to follow a wrong reading is not edited in place: it is withdrawn (taken
out of force, kept under its name) so that the deadlines it computed still say which rule computed
them, and a corrected version takes its place.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from ..constants import DEPARTURE_TERM_DAYS, Responsible
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
from .registry import Computation, register, rule

VW_2000_IN_FORCE = dt.date(2001, 4, 1)
# Art. 59 lid 5 and 6 Vw 2000 (six and eighteen months) came with the transposition of the Return
# Directive (Stb. 2011, 663); before that the Vw set no maximum duration of detention.
RETURN_DIRECTIVE_TRANSPOSED = dt.date(2011, 12, 31)
# Reg. 604/2013 applies to applications lodged from 1 January 2014 (art. 49).
DUBLIN_III_APPLIES_FROM = dt.date(2014, 1, 1)
# Reg. 2024/1351 (AMMR) applies from 1 July 2026 (art. 85); which regulation governs a claim follows the date
# the asylum application was registered (art. 84). 12 June 2026 is the date of the asylum procedure, Eurodac
# and screening regulations, not of the AMMR.
AMMR_APPLIES_FROM = dt.date(2026, 7, 1)
COURT_NOTICE_JUDGMENT = "Rb. 's-Gravenhage 5 juni 2001, ECLI:NL:RBSGR:2001:AD5467"


class DeadlineKind:
    """The codes of the kinds `cases` registers (stored data: never rename one). Labels come from the registry."""

    DEPARTURE_TERM = "departure_term"
    AGREED_ACTION = "agreed_action"


# --- the computations other apps compose their rules from -------------------------------------------------------


def departure_term(start, params, *, holidays, tz):
    """Art. 62 Vw 2000: params["days"] (0 or more) after the decision took effect, extended under the Atw."""
    require_date(start)
    days = whole_number(params, "days", minimum=0)
    if days == 0:
        # A term of 0 days (e.g. risk of absconding): the obligation to leave is immediate, nothing to extend.
        return Computation(start, end_of_day(start, tz), False, ({"type": "zero_term", "start": start.isoformat()},))
    end = add_days(start, days)
    steps = [term_step("days", days, start, end)]
    if days > 90:
        steps.append(not_applied("longer_than_90_days"))
        return Computation(end, end_of_day(end, tz), False, tuple(steps))
    end, atw_steps = atw_extend(end, start=start, holidays=holidays, term_days=days)
    return Computation(end, end_of_day(end, tz), True, tuple(steps + atw_steps))


def statutory_days_with_target(amount, *, source):
    """A statutory term of `amount` days (up to 90) that the Atw extends, with the unshifted day as internal target.

    The legal last day is the Atw-extended one: only after it is the term missed. The team aims at the
    unshifted day, so a shift the Atw allows is a margin, not the plan. `source` names the reading.
    """

    def compute(start, params, *, holidays, tz):
        require_date(start)
        target = add_days(start, amount)
        legal, atw_steps = atw_extend(target, start=start, holidays=holidays, term_days=amount)
        steps = [
            term_step("days", amount, start, target),
            *atw_steps,
            {
                "type": "target_and_legal_day",
                "target": target.isoformat(),
                "legal": legal.isoformat(),
                "source": source,
            },
        ]
        return Computation(
            legal, end_of_day(legal, tz), True, tuple(steps), target_date=target, target_at=end_of_day(target, tz)
        )

    return compute


def calendar_term(unit, *, amount=None, param=None, note):
    """A term in days, weeks or months to which the Atw does not apply: a fixed amount or one taken from params."""

    def compute(start, params, *, holidays, tz):
        require_date(start)
        length = amount if param is None else whole_number(params, param, minimum=1)
        return plain_term(start, unit, length, note=note, tz=tz)

    return compute


def plain_term(start, unit, amount, *, note, tz, before=()):
    """`amount` days, weeks or months after `start`, not moved; `before` are steps to put in front."""
    if unit == "days":
        end, clipped = add_days(start, amount), False
    elif unit == "weeks":
        end, clipped = add_weeks(start, amount), False
    else:
        end, clipped = add_months(start, amount)
    steps = [*before, term_step(unit, amount, start, end, clipped=clipped), not_applied(note)]
    return Computation(end, end_of_day(end, tz), False, tuple(steps))


def hours_outside_night(*, night_start=dt.time(0), night_end=dt.time(9)):
    """params["hours"] of real time from an aware start, the local night not counted (art. 50 Vw 2000)."""

    def compute(start, params, *, holidays, tz):
        require_aware(start)
        amount = positive_hours(params)
        windows = counted_windows(start, amount, tz=tz, night_start=night_start, night_end=night_end)
        end = windows[-1][1]
        step = {
            "type": "hours_outside_night",
            "hours": amount,
            "start": start.astimezone(tz).isoformat(),
            "end": end.isoformat(),
            "night_start": night_start.strftime("%H:%M"),
            "night_end": night_end.strftime("%H:%M"),
            "segments": [{"from": opens.isoformat(), "to": closes.isoformat()} for opens, closes in windows],
        }
        return Computation(None, end, False, (step, not_applied("hours")))

    return compute


def hours(*, maximum=None):
    """params["hours"] of real time after an aware start (at most `maximum`, when the law sets one)."""

    def compute(start, params, *, holidays, tz):
        require_aware(start)
        amount = positive_hours(params)
        if maximum is not None and not 1 <= amount <= maximum:
            raise ValueError(f"This term lasts 1 to {maximum} hours, not {amount}.")
        end = add_hours(start, amount).astimezone(tz)
        step = {"type": "hours", "hours": amount, "start": start.astimezone(tz).isoformat(), "end": end.isoformat()}
        return Computation(None, end, False, (step, not_applied("hours")))

    return compute


def hours_before(start, params, *, holidays, tz):
    """params["hours"] before an aware moment (the flight's departure): counted backwards, never moved."""
    require_aware(start)
    amount = positive_hours(params)
    # Counted backwards from the departure, so art. 1 lid 2 Atw excludes any shift: a notice due on a
    # Saturday stays due on that Saturday (moving it to Monday would shorten the person's notice).
    due = subtract_hours(start, amount).astimezone(tz)
    step = {
        "type": "hours_before_departure",
        "hours": amount,
        "departure": start.astimezone(tz).isoformat(),
        "end": due.isoformat(),
    }
    return Computation(None, due, False, (step,))


def dublin(grounds, *, regulation=None):
    """A Dublin transfer time limit: `grounds` maps params["circumstance"] to (unit, amount, article, counted from).

    With `regulation` (the choice by registration date, art. 84 Reg. 2024/1351) the first step says which
    regulation governs the claim and why.
    """

    def compute(start, params, *, holidays, tz):
        require_date(start)
        circumstance = params.get("circumstance")
        if circumstance not in grounds:
            raise ValueError(
                f"{circumstance!r} is not a ground for the transfer time limit here; use one of {sorted(grounds)}."
            )
        unit, amount, basis, counted_from = grounds[circumstance]
        before = []
        if regulation is not None:
            before.append(
                {
                    "type": "dublin_regulation",
                    "registered_on": params["registered_on"],
                    "regulation": regulation,
                    "ammr_applies_from": AMMR_APPLIES_FROM.isoformat(),
                }
            )
        before.append(
            {"type": "dublin_ground", "circumstance": circumstance, "legal_basis": basis, "from": counted_from}
        )
        return plain_term(start, unit, amount, note="eu_regulation", tz=tz, before=before)

    return compute


def fixed_date(start, params, *, holidays, tz):
    """A date agreed between people: due at its end, never moved."""
    require_date(start)
    steps = ({"type": "agreed_date", "date": start.isoformat()}, not_applied("agreed_date"))
    return Computation(start, end_of_day(start, tz), False, steps)


def term_step(unit, amount, start, end, *, clipped=False):
    """The explanation step "amount units after start = end"."""
    step = {"type": "term", "unit": unit, "amount": amount, "start": start.isoformat(), "end": end.isoformat()}
    if unit == "months":
        step["clipped"] = clipped
    return step


def not_applied(reason):
    """The explanation step saying why the Atw does not apply (a key of ATW_NOTES)."""
    return {"type": "atw_not_applied", "reason": reason}


def whole_number(params, name, *, minimum):
    """params[name] as a whole number of at least `minimum`, or ValueError."""
    value = params[name]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}, not {value!r}.")
    return value


def positive_hours(params):
    """params["hours"] as a positive number, or ValueError."""
    value = params["hours"]
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError(f"hours must be a positive number, not {value!r}.")
    return value


# --- the rules registered here ---------------------------------------------------------------------------------


_DEPARTURE_TERM_TASK = _("Departure term expired: reception ends; assess forced departure")
# cases' own rules: the departure term and the actions agreed in a departure interview.
register(
    rule(
        DeadlineKind.DEPARTURE_TERM,
        "vw2000",
        label=_("Departure term"),
        in_force_from=VW_2000_IN_FORCE,
        in_force_until=None,
        legal_basis="art. 62 Vw 2000",
        legal_text=_("Departure term"),
        statutory=True,
        atw_applies=True,
        atw_note=ATW_NOTES["statutory_days"],
        counting="days",
        params={"days": DEPARTURE_TERM_DAYS},
        responsible=Responsible.CASE_OFFICER,
        remind_before=dt.timedelta(days=7),
        task_text=_DEPARTURE_TERM_TASK,
        compute=departure_term,
    ),
    rule(
        DeadlineKind.AGREED_ACTION,
        "departure-interview",
        label=_("Agreed action"),
        in_force_from=VW_2000_IN_FORCE,
        in_force_until=None,
        legal_basis="Afspraak uit vertrekgesprek",
        legal_text=_("Action agreed in the departure interview"),
        statutory=False,
        atw_applies=False,
        atw_note=ATW_NOTES["agreed_date"],
        counting="fixed_date",
        responsible=Responsible.CASE_OFFICER,
        remind_before=dt.timedelta(days=2),
        task_text=_("Agreed action is due"),
        compute=fixed_date,
    ),
)
