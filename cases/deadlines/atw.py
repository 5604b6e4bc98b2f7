"""The Algemene termijnenwet (Atw): its holidays and the extension of statutory terms (art. 1-3)."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from dateutil.easter import easter
from django.utils.translation import gettext_lazy as _

from .counting import require_date

STATUTORY = "statutory"
DESIGNATED = "designated"

SOURCE_ART_3_1 = "Atw art. 3 lid 1"
SOURCE_ART_3_2 = "Atw art. 3 lid 2"
SOURCE_PRACTICE = "vaste praktijk"

# Why the Atw does or does not apply to a rule. The keys appear in explanation steps
# ({"type": "atw_not_applied", "reason": key}), so they are stored data: never rename one.
ATW_NOTES = {
    "statutory_days": _(
        "Statutory term in days: the Algemene termijnenwet applies (Atw art. 1 and 2), "
        "except to a term longer than 90 days."
    ),
    "longer_than_90_days": _("The Algemene termijnenwet does not apply to a term longer than 90 days (Atw art. 4A)."),
    "counted_backwards": _(
        "Counted backwards from the flight, so the Algemene termijnenwet does not apply (Atw art. 1 lid 2) "
        "and the moment is never moved."
    ),
    "hours": _("A term in hours: the Algemene termijnenwet does not apply."),
    "measure_maximum": _(
        "Maximum duration of a freedom-restricting measure: extending the term would lengthen the measure, "
        "so the Algemene termijnenwet is not applied."
    ),
    "court_notice": _(
        "A statutory term in days for the authorities to act: the Algemene termijnenwet applies, because art. 4 "
        "Atw excludes only terms of the deprivation of liberty itself (Rb. 's-Gravenhage 5 June 2001, "
        "ECLI:NL:RBSGR:2001:AD5467)."
    ),
    # Stored by the withdrawn court-notice version that applied no Atw.
    "earliest_date": _(
        "Regie shows the earliest date, without a shift under the Algemene termijnenwet, "
        "so that the notification is always on time."
    ),
    "detention_maximum": _(
        "A term longer than three months that sets a maximum duration of detention: "
        "the Algemene termijnenwet does not apply."
    ),
    "internal_review": _("An internal review term, not a statutory term: the Algemene termijnenwet does not apply."),
    "eu_regulation": _(
        "EU law has its own counting rules (Reg. 1182/71): the Algemene termijnenwet does not apply and "
        "Regie shows the calendar date without a weekend shift."
    ),
    "working_agreement": _("A working agreement, not a statutory term: the Algemene termijnenwet does not apply."),
    "agreed_date": _("A date agreed in the departure interview, not a statutory term: it is not moved."),
}


@dataclass(frozen=True)
class Holiday:
    date: dt.date
    name: str  # Dutch: the name the Atw and the decrees use
    kind: str  # STATUTORY or DESIGNATED
    source: str
    # A designated day no recorded decree names: what the standing practice predicts, not law (yet).
    predicted: bool = False


@dataclass(frozen=True)
class Decree:
    """A royal decree under art. 3 lid 3 Atw: the days it designates for its years, and where it is published."""

    years: range
    citation: str
    days: tuple  # ((date, name), ...)
    # Whether `days` is every day the decree designates (its title names them all). If not, only the days
    # Regie can support are listed, and the standing practice still predicts the others for those years.
    complete: bool


# The decrees Regie knows, published in the Staatscourant for three years at a time. Years outside them
# (before the first, between them, after the last) get the standing practice, marked as predicted.
_DECREES = (
    Decree(
        range(2014, 2017),
        "Besluit van 17 juni 2013 (Atw art. 3 lid 3, 2014-2016)",
        (
            (dt.date(2014, 5, 30), "Vrijdag na Hemelvaartsdag"),
            (dt.date(2015, 5, 4), "Maandag vóór Bevrijdingsdag"),
            (dt.date(2015, 5, 15), "Vrijdag na Hemelvaartsdag"),
            (dt.date(2016, 5, 6), "Vrijdag na Hemelvaartsdag"),
        ),
        complete=False,
    ),
    Decree(
        range(2017, 2020),
        "Stcrt. 2016, 58653 (Atw art. 3 lid 3, 2017-2019)",
        (
            (dt.date(2017, 5, 26), "Vrijdag na Hemelvaartsdag"),
            (dt.date(2018, 5, 11), "Vrijdag na Hemelvaartsdag"),
            (dt.date(2018, 12, 24), "Maandag vóór Eerste Kerstdag"),
            (dt.date(2018, 12, 31), "Maandag vóór Nieuwjaarsdag"),
            (dt.date(2019, 5, 31), "Vrijdag na Hemelvaartsdag"),
        ),
        complete=False,
    ),
    Decree(
        range(2023, 2026),
        "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025 "
        "met een algemeen erkende feestdag",
        (
            (dt.date(2023, 4, 28), "Vrijdag na Koningsdag"),
            (dt.date(2023, 5, 19), "Vrijdag na Hemelvaartsdag"),
            (dt.date(2024, 5, 10), "Vrijdag na Hemelvaartsdag"),
            (dt.date(2024, 12, 27), "Vrijdag na Tweede Kerstdag"),
            (dt.date(2025, 5, 30), "Vrijdag na Hemelvaartsdag"),
        ),
        complete=True,
    ),
    Decree(
        range(2026, 2029),
        "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 "
        "met een algemeen erkende feestdag",
        (
            (dt.date(2026, 1, 2), "Vrijdag na Nieuwjaarsdag"),
            (dt.date(2026, 5, 15), "Vrijdag na Hemelvaartsdag"),
            (dt.date(2027, 5, 7), "Vrijdag na Hemelvaartsdag"),
            (dt.date(2028, 4, 28), "Vrijdag na Koningsdag"),
            (dt.date(2028, 5, 26), "Vrijdag na Hemelvaartsdag"),
        ),
        complete=True,
    ),
)


class HolidayCalendar(dict):
    """The date → name mapping the Atw functions take, knowing which of its days are predicted, not law."""

    def __init__(self, names=(), *, predicted=()):
        super().__init__(names)
        self.predicted = frozenset(predicted)


THURSDAY = 3
SATURDAY = 5
SUNDAY = 6


def royal_birthday(year):
    """Return the date and name of the day the monarch's birthday is celebrated (never on a Sunday)."""
    if year <= 2013:
        day, name = dt.date(year, 4, 30), "Koninginnedag"
    else:
        day, name = dt.date(year, 4, 27), "Koningsdag"
    if day.weekday() == SUNDAY:
        # Moved to the Saturday before, as both royal decrees on the celebration prescribe.
        day -= dt.timedelta(days=1)
    return day, name


def statutory_holidays(year):
    """Return the holidays of art. 3 lid 1 and lid 2 Atw in the given year, sorted by date."""
    easter_sunday = easter(year)
    birthday, birthday_name = royal_birthday(year)
    days = [
        Holiday(dt.date(year, 1, 1), "Nieuwjaarsdag", STATUTORY, SOURCE_ART_3_1),
        Holiday(easter_sunday - dt.timedelta(days=2), "Goede Vrijdag", STATUTORY, SOURCE_ART_3_2),
        Holiday(easter_sunday + dt.timedelta(days=1), "Tweede Paasdag", STATUTORY, SOURCE_ART_3_1),
        Holiday(birthday, birthday_name, STATUTORY, SOURCE_ART_3_1),
        # The Atw names 5 May itself, every year: not only the lustrum years employers give off.
        Holiday(dt.date(year, 5, 5), "Bevrijdingsdag", STATUTORY, SOURCE_ART_3_1),
        Holiday(easter_sunday + dt.timedelta(days=39), "Hemelvaartsdag", STATUTORY, SOURCE_ART_3_1),
        Holiday(easter_sunday + dt.timedelta(days=50), "Tweede Pinksterdag", STATUTORY, SOURCE_ART_3_1),
        Holiday(dt.date(year, 12, 25), "Eerste Kerstdag", STATUTORY, SOURCE_ART_3_1),
        Holiday(dt.date(year, 12, 26), "Tweede Kerstdag", STATUTORY, SOURCE_ART_3_1),
    ]
    # Ascension Day can fall on 5 May (2005, 2016): the date counts once, under both names.
    unique = {}
    for holiday in days:
        if holiday.date in unique:
            holiday = replace(holiday, name=f"{unique[holiday.date].name} en {holiday.name}")
        unique[holiday.date] = holiday
    return sorted(unique.values(), key=lambda holiday: holiday.date)


def decree_for(year) -> Decree | None:
    """The recorded decree that designates days for the given year, if Regie knows one."""
    return next((decree for decree in _DECREES if year in decree.years), None)


def designated_days(year):
    """Return the days designated (or predicted) under art. 3 lid 3 Atw in the given year, sorted by date."""
    statutory = {holiday.date for holiday in statutory_holidays(year)}
    decree = decree_for(year)
    candidates = []
    if decree is not None:
        candidates += [(day, name, decree.citation, False) for day, name in decree.days if day.year == year]
    if decree is None or not decree.complete:
        candidates += [(day, name, source, True) for day, name, source in _standing_practice(year)]
    unique = {}
    for day, name, source, predicted in candidates:
        if day not in statutory:
            unique.setdefault(day, Holiday(day, name, DESIGNATED, source, predicted=predicted))
    return sorted(unique.values(), key=lambda holiday: holiday.date)


def _standing_practice(year):
    # What the decrees of recent decades designated: the Friday after Ascension Day, and the
    # "bridge" Friday after a holiday on a Thursday. The decrees up to 2019 also designated the Monday
    # before a holiday on a Tuesday (4 May 2015, 24 and 31 December 2018); those of 2023-2028 no
    # longer do, so neither does the prediction.
    ascension = easter(year) + dt.timedelta(days=39)
    days = [(ascension + dt.timedelta(days=1), "Vrijdag na Hemelvaartsdag", SOURCE_PRACTICE)]
    birthday, birthday_name = royal_birthday(year)
    for holiday, name in (
        (dt.date(year, 1, 1), "Nieuwjaarsdag"),
        (birthday, birthday_name),
        (dt.date(year, 5, 5), "Bevrijdingsdag"),
        (dt.date(year, 12, 26), "Tweede Kerstdag"),
    ):
        if holiday.weekday() == THURSDAY:
            days.append((holiday + dt.timedelta(days=1), f"Vrijdag na {name}", SOURCE_PRACTICE))
    return days


def calendar_rows(first_year=2000, last_year=2040):
    """Return every statutory and designated Atw holiday from first_year to last_year inclusive, sorted by date."""
    rows = []
    for year in range(first_year, last_year + 1):
        rows.extend(statutory_holidays(year))
        rows.extend(designated_days(year))
    return sorted(rows, key=lambda holiday: holiday.date)


def is_rest_day(day, holidays):
    """Return whether a day is a Saturday, Sunday or Atw holiday (holidays: a date→name mapping or a set of dates)."""
    return day.weekday() in (SATURDAY, SUNDAY) or day in holidays


def atw_extend(end, *, start, holidays, term_days):
    """Apply art. 1 and 2 Atw to the last day of a statutory term; return (last day, explanation steps)."""
    for value in (end, start):
        require_date(value)
    steps = []
    extended = _next_day_that_counts(end, holidays)
    if extended != end:
        steps.append(_shift_step(end, extended, holidays))
    if term_days >= 3 and _days_that_count(start, extended, holidays) < 2:
        before = extended
        while _days_that_count(start, extended, holidays) < 2:
            extended += dt.timedelta(days=1)
        # The loop stops on a day that counts, so art. 1 has nothing left to move; applied for safety all the same.
        extended = _next_day_that_counts(extended, holidays)
        step = {
            "type": "atw_two_working_days",
            "article": "2",
            "from": before.isoformat(),
            "to": extended.isoformat(),
            "working_days": _days_that_count(start, before, holidays),
        }
        predicted = [
            day.isoformat() for day in _days_between(start, before) if day in getattr(holidays, "predicted", ())
        ]
        if predicted:
            # The extension rests on days no known decree designates: the reader must see that.
            step["predicted"] = predicted
        steps.append(step)
    if not steps:
        steps.append({"type": "atw_no_shift", "date": end.isoformat()})
    return extended, steps


def _next_day_that_counts(day, holidays):
    while is_rest_day(day, holidays):
        day += dt.timedelta(days=1)
    return day


def _days_between(start, end):
    # Art. 2 counts the days of the term itself: the day after the start up to and including the end.
    return [start + dt.timedelta(days=offset) for offset in range(1, (end - start).days + 1)]


def _days_that_count(start, end, holidays):
    return sum(1 for day in _days_between(start, end) if not is_rest_day(day, holidays))


def _shift_step(end, extended, holidays):
    skipped = []
    day = end
    while day < extended:
        skipped.append({"date": day.isoformat(), **_rest_day_reason(day, holidays)})
        day += dt.timedelta(days=1)
    return {
        "type": "atw_shift",
        "article": "1",
        "from": end.isoformat(),
        "to": extended.isoformat(),
        **_rest_day_reason(end, holidays),
        "skipped": skipped,
    }


def _rest_day_reason(day, holidays):
    # A holiday on a weekend day is named as the holiday: that is what people recognise.
    if day in holidays:
        name = holidays.get(day) if isinstance(holidays, Mapping) else None
        if day in getattr(holidays, "predicted", ()):
            # A shift that rests on a day no known decree designates says so (the step is stored data).
            return {"reason": "holiday", "holiday": name, "predicted": True}
        return {"reason": "holiday", "holiday": name}
    return {"reason": "saturday" if day.weekday() == SATURDAY else "sunday", "holiday": None}


def holiday_names(rows):
    """Return the calendar the Atw functions take (date → name, predicted days marked) from Holiday rows."""
    return HolidayCalendar(
        {row.date: row.name for row in rows}, predicted=[row.date for row in rows if getattr(row, "predicted", False)]
    )
