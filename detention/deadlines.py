"""The deadline rules of supervision and detention, registered from DetentionConfig.ready().

The versions moved verbatim from cases/deadlines/rules.py (their kind codes are stored data and stay as they
were). The pure clocks the services and the legality view share are below them: holding (art. 50 Vw 2000,
the night not counted), the cumulative detention periods (art. 59 lid 5-6 Vw 2000, art. 15 Richtlijn
2008/115/EG) and the periodic review.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from cases.constants import Responsible
from cases.deadlines.atw import ATW_NOTES
from cases.deadlines.counting import add_months, counted_windows
from cases.deadlines.registry import register, rule
from cases.deadlines.rules import (
    COURT_NOTICE_JUDGMENT,
    RETURN_DIRECTIVE_TRANSPOSED,
    VW_2000_IN_FORCE,
    calendar_term,
    hours,
    hours_outside_night,
    statutory_days_with_target,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class DetentionDeadlineKind:
    """The codes of the kinds this app registers (stored data: never rename one)."""

    RESTRICTED_LOCATION = "restricted_location"
    HOLDING = "holding"
    HOLDING_EXTENSION = "holding_extension"
    DETENTION_COURT_NOTICE = "detention_court_notice"
    DETENTION_SIX_MONTHS = "detention_six_months"
    DETENTION_MAXIMUM = "detention_maximum"
    DETENTION_REVIEW = "detention_review"
    ABSCONDING_SIGNAL = "absconding_signal"


DeadlineKind = DetentionDeadlineKind


_COURT_NOTICE = {
    "kind": DeadlineKind.DETENTION_COURT_NOTICE,
    "label": _("Notice of the detention to the court"),
    "legal_basis": "art. 94 lid 1 Vw 2000",
    "legal_text": _("Notify the court of the detention no later than the 28th day after the order was announced"),
    "statutory": True,
    "counting": "days",
    "responsible": Responsible.ENFORCEMENT_OFFICER,
    "remind_before": dt.timedelta(days=7),
    "task_text": _("Notify the court of the detention"),
}

_HOLDING = {
    "kind": DeadlineKind.HOLDING,
    "label": _("Holding for identification"),
    "statutory": True,
    "in_force_until": None,
    "atw_applies": False,
    "atw_note": ATW_NOTES["hours"],
    "counting": "hours_outside_night",
    "responsible": Responsible.ENFORCEMENT_OFFICER,
    "remind_before": dt.timedelta(hours=1),
    "task_text": _("Holding ends: release, extend or impose a measure"),
    "compute": hours_outside_night(night_start=dt.time(0), night_end=dt.time(9)),
}


register(
    rule(
        DeadlineKind.RESTRICTED_LOCATION,
        "vw2000",
        label=_("Freedom-restricting location (VBL)"),
        in_force_from=VW_2000_IN_FORCE,
        in_force_until=None,
        legal_basis="art. 56 Vw 2000",
        legal_text=_("Placement in a freedom-restricting location: in principle at most 12 weeks"),
        statutory=True,
        atw_applies=False,
        atw_note=ATW_NOTES["measure_maximum"],
        counting="weeks",
        responsible=Responsible.CASE_OFFICER,
        remind_before=dt.timedelta(days=14),
        task_text=_("VBL placement reaches 12 weeks: end it or record why it continues"),
        compute=calendar_term("weeks", amount=12, note="measure_maximum"),
    ),
    rule(
        **_HOLDING,
        version="holding-6h",
        in_force_from=VW_2000_IN_FORCE,
        legal_basis="art. 50 lid 4 Vw 2000",
        legal_text=_("Holding for identification: at most 6 hours, 00:00-09:00 not counted"),
        params={"hours": 6},
    ),
    # The bill Wet terugkeer en vreemdelingenbewaring: prepared, selectable by version, not in force.
    rule(
        **_HOLDING,
        version="holding-9h",
        in_force_from=None,
        legal_basis="art. 50 lid 4 Vw 2000 (Wet terugkeer en vreemdelingenbewaring, wetsvoorstel)",
        legal_text=_("Holding for identification: at most 9 hours, 00:00-09:00 not counted"),
        params={"hours": 9},
    ),
    rule(
        DeadlineKind.HOLDING_EXTENSION,
        "vw2000",
        label=_("Extension of holding"),
        in_force_from=VW_2000_IN_FORCE,
        in_force_until=None,
        legal_basis="art. 50 lid 4 Vw 2000",
        legal_text=_("Extension of holding: at most 48 hours"),
        statutory=True,
        atw_applies=False,
        atw_note=ATW_NOTES["hours"],
        counting="hours",
        params={"hours": 48},
        responsible=Responsible.ENFORCEMENT_OFFICER,
        remind_before=dt.timedelta(hours=2),
        task_text=_("Extended holding ends: release or impose a measure"),
        # Art. 50 lid 4 Vw 2000 allows at most 48 hours more.
        compute=hours(maximum=48),
    ),
    rule(
        **_COURT_NOTICE,
        version="vw2000-atw",
        in_force_from=VW_2000_IN_FORCE,
        in_force_until=None,
        atw_applies=True,
        atw_note=ATW_NOTES["court_notice"],
        reading=_(
            "The Algemene termijnenwet applies to the term for notifying the court: art. 4 Atw excludes only "
            "terms of the deprivation of liberty itself, and this term is one for the authorities to act "
            "(Rb. 's-Gravenhage 5 June 2001, ECLI:NL:RBSGR:2001:AD5467). The legal last day is the extended "
            "one; Regie aims its reminder and work item at the unshifted day 28 as the internal target."
        ),
        compute=statutory_days_with_target(28, source=COURT_NOTICE_JUDGMENT),
    ),
    rule(
        **_COURT_NOTICE,
        version="vw2000",
        in_force_from=None,  # withdrawn
        in_force_until=None,
        atw_applies=False,
        atw_note=ATW_NOTES["earliest_date"],
        reading=_(
            "Withdrawn in December 2026: this version did not apply the Algemene termijnenwet, so it showed "
            "the unshifted day 28 as the last day. Kept so that the deadlines it computed can be read."
        ),
        compute=calendar_term("days", amount=28, note="earliest_date"),
    ),
    rule(
        DeadlineKind.DETENTION_SIX_MONTHS,
        "vw2000",
        label=_("Detention: six months"),
        in_force_from=RETURN_DIRECTIVE_TRANSPOSED,
        in_force_until=None,
        legal_basis="art. 59 lid 5 Vw 2000; art. 15 lid 5 Richtlijn 2008/115/EG",
        legal_text=_("Detention lasts at most six months, unless extended on the statutory grounds"),
        statutory=True,
        atw_applies=False,
        atw_note=ATW_NOTES["detention_maximum"],
        counting="months",
        responsible=Responsible.ENFORCEMENT_OFFICER,
        remind_before=dt.timedelta(days=28),
        task_text=_("Detention reaches six months: end it or extend it on the statutory grounds"),
        compute=calendar_term("months", amount=6, note="detention_maximum"),
    ),
    rule(
        DeadlineKind.DETENTION_MAXIMUM,
        "vw2000",
        label=_("Detention: absolute maximum"),
        in_force_from=RETURN_DIRECTIVE_TRANSPOSED,
        in_force_until=None,
        legal_basis="art. 59 lid 6 Vw 2000; art. 15 lid 6 Richtlijn 2008/115/EG",
        legal_text=_("Detention lasts at most eighteen months in all"),
        statutory=True,
        atw_applies=False,
        atw_note=ATW_NOTES["detention_maximum"],
        counting="months",
        responsible=Responsible.ENFORCEMENT_OFFICER,
        remind_before=dt.timedelta(days=56),
        task_text=_("Detention reaches its absolute maximum: release the person"),
        compute=calendar_term("months", amount=18, note="detention_maximum"),
    ),
    rule(
        DeadlineKind.DETENTION_REVIEW,
        "return-directive",
        label=_("Detention review"),
        in_force_from=RETURN_DIRECTIVE_TRANSPOSED,
        in_force_until=None,
        legal_basis="art. 15 lid 3 Richtlijn 2008/115/EG",
        legal_text=_("Review of the detention at reasonable intervals"),
        statutory=True,
        atw_applies=False,
        atw_note=ATW_NOTES["internal_review"],
        counting="days",
        params={"days": 28},
        params_from_settings={"days": "DETENTION_REVIEW_DAYS"},
        responsible=Responsible.ENFORCEMENT_OFFICER,
        remind_before=dt.timedelta(days=3),
        task_text=_("Review the detention: is removal still in prospect?"),
        compute=calendar_term("days", param="days", note="internal_review"),
    ),
)


# The absconding signal (art. 57 Vw 2000): the reports missed in a row are the signal, the term in which the case
# officer follows it up is a DT&V working agreement, not a statutory term.
register(
    rule(
        DeadlineKind.ABSCONDING_SIGNAL,
        "dtv-werkafspraak",
        label=_("Absconding signal: follow-up"),
        in_force_from=VW_2000_IN_FORCE,
        in_force_until=None,
        legal_basis="art. 57 Vw 2000 (termijn: werkafspraak DT&V)",
        legal_text=_(
            "Reports missed in a row under a reporting duty (art. 57 Vw 2000) signal a risk of absconding: the case "
            "officer follows the signal up within the days the working agreement sets"
        ),
        statutory=False,
        atw_applies=False,
        atw_note=ATW_NOTES["working_agreement"],
        counting="days",
        params={"days": 3},
        params_from_settings={"days": "ABSCONDING_SIGNAL_FOLLOW_UP_DAYS"},
        responsible=Responsible.CASE_OFFICER,
        remind_before=None,
        task_text=_(
            "Reports missed in a row (art. 57 Vw 2000): find out whether the person absconded and decide on the "
            "supervision"
        ),
        compute=calendar_term("days", param="days", note="working_agreement"),
    ),
)


# --- pure clocks ---------------------------------------------------------------------------------------------

HOLDING_HOURS = 6
HOLDING_EXTENSION_MAX_HOURS = 48
NIGHT_START, NIGHT_END = dt.time(0), dt.time(9)


def holding_ends_at(starts_at: dt.datetime, *, hours: int = HOLDING_HOURS, tz=AMSTERDAM) -> dt.datetime:
    """When a holding for identification ends: `hours` counted outside 00:00-09:00 local (art. 50 lid 4 Vw 2000)."""
    return counted_windows(starts_at, hours, tz=tz, night_start=NIGHT_START, night_end=NIGHT_END)[-1][1]


def holding_hours_used(starts_at: dt.datetime, now: dt.datetime, *, tz=AMSTERDAM) -> dt.timedelta:
    """How much of the holding's time has run at `now` (the night not counted): the live clock of art. 50 Vw 2000."""
    if now <= starts_at:
        return dt.timedelta(0)
    used = dt.timedelta(0)
    day = starts_at.astimezone(tz).date() - dt.timedelta(days=1)
    while True:
        opens = dt.datetime.combine(day, NIGHT_END, tzinfo=tz)
        closes = dt.datetime.combine(day + dt.timedelta(days=1), NIGHT_START, tzinfo=tz)
        if opens >= now:
            return used
        window_from, window_to = max(starts_at, opens), min(now, closes)
        if window_from < window_to:
            used += window_to - window_from
        day += dt.timedelta(days=1)


def holding_extension_ends_at(ends_at: dt.datetime, extra_hours: int) -> dt.datetime:
    """The end of an extended holding: at most 48 hours more, counted in real time (art. 50 lid 4 Vw 2000)."""
    if not 1 <= extra_hours <= HOLDING_EXTENSION_MAX_HOURS:
        raise ValueError(f"An extension lasts 1 to {HOLDING_EXTENSION_MAX_HOURS} hours, not {extra_hours}.")
    return ends_at + dt.timedelta(hours=extra_hours)


@dataclass(frozen=True)
class HoldingClock:
    """Where a holding for identification stands at `at` (art. 50 Vw 2000): what every page shows of its clock.

    `used` and `remaining` always add up to `allowed`: the 6 counted hours (the night 00:00-09:00 not counted),
    plus the extension's real hours once an authorised officer extended it (art. 50 lid 4).
    """

    at: dt.datetime
    starts_at: dt.datetime
    hours_ends_at: dt.datetime  # the end of the 6 counted hours
    ends_at: dt.datetime  # the end that applies: the extension's, else the 6 hours'
    extended: bool
    allowed: dt.timedelta
    used: dt.timedelta
    remaining: dt.timedelta
    expired: bool
    # The clock stands still: the local night, before the 6 hours ran out; it runs again at `resumes_at`.
    paused: bool
    resumes_at: dt.datetime | None

    @property
    def used_text(self) -> str:
        return hours_and_minutes(self.used)

    @property
    def remaining_text(self) -> str:
        return hours_and_minutes(self.remaining)

    @property
    def allowed_text(self) -> str:
        return hours_and_minutes(self.allowed)


def _is_night(moment: dt.datetime, tz) -> bool:
    local = moment.astimezone(tz).time()
    return NIGHT_START <= local < NIGHT_END


def holding_clock(
    starts_at: dt.datetime, now: dt.datetime, *, extended_until=None, hours: int = HOLDING_HOURS, tz=AMSTERDAM
) -> HoldingClock:
    """The live clock of a holding (art. 50 lid 4 Vw 2000) at `now`, from `holding_ends_at` and `holding_hours_used`.

    Before the 6 counted hours run out only time outside 00:00-09:00 counts; an extension (`extended_until`,
    at most 48 hours after those 6) runs in real time, night included.
    """
    hours_end = holding_ends_at(starts_at, hours=hours, tz=tz)
    counted = holding_hours_used(starts_at, min(now, hours_end), tz=tz)
    allowed = dt.timedelta(hours=hours)
    used = counted
    ends = hours_end
    if extended_until is not None and extended_until > hours_end:
        ends = extended_until
        allowed += extended_until - hours_end
        used += min(max(now - hours_end, dt.timedelta(0)), extended_until - hours_end)
    paused = now < hours_end and _is_night(now, tz)
    resumes_at = None
    if paused:
        local = now.astimezone(tz)
        resumes_at = dt.datetime.combine(local.date(), NIGHT_END, tzinfo=tz)
    return HoldingClock(
        at=now,
        starts_at=starts_at,
        hours_ends_at=hours_end,
        ends_at=ends,
        extended=ends != hours_end,
        allowed=allowed,
        used=used,
        remaining=allowed - used,
        expired=now >= ends,
        paused=paused,
        resumes_at=resumes_at,
    )


def hours_and_minutes(span: dt.timedelta) -> str:
    """A span as H:MM (26:05), the way the holding clock shows its hours."""
    minutes = max(0, int(span.total_seconds() // 60))
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Period:
    """A detention period: first day and last day (None while it runs)."""

    starts_on: dt.date
    ends_on: dt.date | None = None


@dataclass(frozen=True)
class CumulativeClock:
    """Days detained in all periods of one removal procedure and when 6 and 18 months are reached."""

    days_total: int
    days_current: int
    six_months_on: dt.date
    eighteen_months_on: dt.date
    # The start the 6/18-month terms run from as if the periods had been one (today minus the days used).
    equivalent_start: dt.date


def days_in(period: Period, *, on: dt.date) -> int:
    """Days detained in one period up to and including `on` (the day of arrest counts)."""
    last = min(period.ends_on or on, on)
    return max(0, (last - period.starts_on).days + 1)


def cumulative_clock(periods, *, current: Period, on: dt.date) -> CumulativeClock:
    """Art. 59 lid 5-6 Vw 2000, art. 15 lid 5-6 Richtlijn 2008/115/EG: all periods of one removal procedure count.

    The months are counted as calendar months from an equivalent start: the current period's start moved back by
    the days of the earlier periods (a release interrupts the detention, not the clock).
    """
    earlier = sum(days_in(p, on=on) for p in periods if p != current)
    current_days = days_in(current, on=on)
    start = current.starts_on - dt.timedelta(days=earlier)
    six, _clipped = add_months(start, 6)
    eighteen, _clipped = add_months(start, 18)
    return CumulativeClock(
        days_total=earlier + current_days,
        days_current=current_days,
        six_months_on=six,
        eighteen_months_on=eighteen,
        equivalent_start=start,
    )


def next_review_on(starts_on: dt.date, reviews, *, every_days: int) -> dt.date:
    """The next periodic review: `every_days` after the last review, or after the start (art. 15 lid 3 Richtlijn)."""
    last = max([starts_on, *reviews])
    return last + dt.timedelta(days=every_days)


def day_28(starts_on: dt.date) -> dt.date:
    """Day 28 of the measure, the internal target of the notice to the court (art. 94 lid 1 Vw 2000)."""
    return starts_on + dt.timedelta(days=28)
