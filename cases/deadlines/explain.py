"""Render the explanation steps of a deadline computation as sentences a case officer can check by hand."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import dateformat, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .atw import ATW_NOTES

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MIDNIGHT = dt.time(0)


def explain(steps, *, language="nl", tz=AMSTERDAM):
    """Render explanation steps as one run of sentences in the given language; moments are shown in tz."""
    with translation.override(language):
        return " ".join(_render(step, tz) for step in steps)


def _render(step, tz):
    try:
        renderer = _RENDERERS[step["type"]]
    except KeyError:
        raise ValueError(f"Unknown explanation step: {step!r}.") from None
    return renderer(step, tz)


def _term(step, tz):
    amount, unit = step["amount"], step["unit"]
    if unit == "days":
        text = ngettext("%(count)s day after %(start)s = %(end)s.", "%(count)s days after %(start)s = %(end)s.", amount)
    elif unit == "weeks":
        text = ngettext(
            "%(count)s week after %(start)s = %(end)s.", "%(count)s weeks after %(start)s = %(end)s.", amount
        )
    elif unit == "months":
        text = ngettext(
            "%(count)s month after %(start)s = %(end)s.", "%(count)s months after %(start)s = %(end)s.", amount
        )
    else:
        raise ValueError(f"Unknown unit in explanation step: {step!r}.")
    start = dt.date.fromisoformat(step["start"])
    sentence = text % {"count": amount, "start": _date(start), "end": _date(dt.date.fromisoformat(step["end"]))}
    if step.get("clipped"):
        sentence += " " + _("That month has no day %(day)s, so the term ends on its last day.") % {"day": start.day}
    return sentence


def _zero_term(step, tz):
    return _("Departure term of 0 days: immediate obligation to leave on %(date)s.") % {
        "date": _date(dt.date.fromisoformat(step["start"]))
    }


def _atw_shift(step, tz):
    values = {"date": _date(dt.date.fromisoformat(step["to"]), weekday=True), "day": _day_month(step["from"])}
    if step["reason"] == "saturday":
        sentence = _("Falls on a Saturday → moved to %(date)s (Algemene termijnenwet art. 1).") % values
    elif step["reason"] == "sunday":
        sentence = _("Falls on a Sunday → moved to %(date)s (Algemene termijnenwet art. 1).") % values
    elif step["reason"] != "holiday":
        raise ValueError(f"Unknown reason in explanation step: {step!r}.")
    elif step.get("holiday"):
        values["holiday"] = _holiday_name(step["holiday"])
        sentence = _("Falls on %(holiday)s (%(day)s) → moved to %(date)s (Algemene termijnenwet art. 1).") % values
    else:
        sentence = _("Falls on a public holiday (%(day)s) → moved to %(date)s (Algemene termijnenwet art. 1).") % values
    return sentence + _also_skipped(step)


def _also_skipped(step):
    # A weekend explains itself; a holiday further on (Easter Monday after the weekend) is named, so that
    # the reader sees why the term did not end on the Monday.
    holidays = [day for day in step.get("skipped", [])[1:] if day["reason"] == "holiday"]
    if not holidays:
        return ""
    named = [
        _("%(holiday)s (%(day)s)") % {"holiday": _holiday_name(day["holiday"]), "day": _day_month(day["date"])}
        if day.get("holiday")
        else _("a public holiday (%(day)s)") % {"day": _day_month(day["date"])}
        for day in holidays
    ]
    return " " + _("Also skipped: %(days)s.") % {"days": _enumerate(named)}


def _atw_two_working_days(step, tz):
    return _(
        "The term contains fewer than two days that are not a Saturday, Sunday or public holiday → "
        "extended to %(date)s (Algemene termijnenwet art. 2)."
    ) % {"date": _date(dt.date.fromisoformat(step["to"]), weekday=True)}


def _atw_no_shift(step, tz):
    return _("That is a %(weekday)s and not a public holiday: the Algemene termijnenwet moves nothing.") % {
        "weekday": dateformat.format(dt.date.fromisoformat(step["date"]), "l")
    }


def _atw_not_applied(step, tz):
    try:
        return str(ATW_NOTES[step["reason"]])
    except KeyError:
        raise ValueError(f"Unknown reason in explanation step: {step!r}.") from None


def _hours_outside_night(step, tz):
    start, end = _moment(step["start"], tz), _moment(step["end"], tz)
    segments = [(_moment(segment["from"], tz), _moment(segment["to"], tz)) for segment in step["segments"]]
    parts = []
    for index, (opens, closes) in enumerate(segments):
        values = {"duration": _duration(closes - opens), "from": _time(opens)}
        if index == len(segments) - 1:
            parts.append(_("%(duration)s from %(from)s") % values)
            continue
        values["until"] = _("midnight") if closes.time() == MIDNIGHT else _time(closes)
        if opens == start:
            parts.append(_("%(duration)s until %(until)s") % values)
        else:
            parts.append(_("%(duration)s from %(from)s until %(until)s") % values)
    return _(
        "%(duration)s from %(start)s, the hours between %(night_start)s and %(night_end)s not counted: "
        "%(segments)s = %(end)s."
    ) % {
        "duration": _duration(dt.timedelta(hours=step["hours"])),
        "start": _at(start),
        "night_start": step["night_start"],
        "night_end": step["night_end"],
        "segments": _enumerate(parts),
        "end": _at(end),
    }


def _hours(step, tz):
    return _("%(duration)s after %(start)s = %(end)s.") % {
        "duration": _duration(dt.timedelta(hours=step["hours"])),
        "start": _at(_moment(step["start"], tz)),
        "end": _at(_moment(step["end"], tz)),
    }


def _hours_before_departure(step, tz):
    return _(
        "%(duration)s before the departure of the flight (%(departure)s) = %(end)s; "
        "counted backwards, so not moved (Algemene termijnenwet art. 1 lid 2)."
    ) % {
        "duration": _duration(dt.timedelta(hours=step["hours"])),
        "departure": _at(_moment(step["departure"], tz), weekday=True),
        "end": _at(_moment(step["end"], tz), weekday=True),
    }


def _dublin_ground(step, tz):
    texts = {
        "none": _("Transfer time limit: %(basis)s."),
        "detained": _("Transfer time limit while the person is detained: %(basis)s."),
        "imprisoned": _("Transfer time limit extended because of imprisonment: %(basis)s."),
        "absconded": _("Transfer time limit extended because the person absconded: %(basis)s."),
        "medical": _("Transfer time limit extended because of the person's medical condition: %(basis)s."),
    }
    try:
        return texts[step["circumstance"]] % {"basis": step["legal_basis"]}
    except KeyError:
        raise ValueError(f"Unknown circumstance in explanation step: {step!r}.") from None


def _agreed_date(step, tz):
    return _("Agreed date: %(date)s.") % {"date": _date(dt.date.fromisoformat(step["date"]), weekday=True)}


_RENDERERS = {
    "term": _term,
    "zero_term": _zero_term,
    "atw_shift": _atw_shift,
    "atw_two_working_days": _atw_two_working_days,
    "atw_no_shift": _atw_no_shift,
    "atw_not_applied": _atw_not_applied,
    "hours_outside_night": _hours_outside_night,
    "hours": _hours,
    "hours_before_departure": _hours_before_departure,
    "dublin_ground": _dublin_ground,
    "agreed_date": _agreed_date,
}


def _date(day, *, weekday=False):
    # Django's date format names months and weekdays in the active language: "maandag 1 juni 2026".
    return dateformat.format(day, "l j F Y" if weekday else "j F Y")


def _day_month(value):
    return dateformat.format(dt.date.fromisoformat(value), "j F")


def _moment(value, tz):
    return dt.datetime.fromisoformat(value).astimezone(tz)


def _time(moment):
    return dateformat.format(moment, "H:i")


def _at(moment, *, weekday=False):
    return _("%(time)s on %(date)s") % {"time": _time(moment), "date": _date(moment.date(), weekday=weekday)}


def _duration(delta):
    hours, minutes = divmod(round(delta.total_seconds() / 60), 60)
    hours_text = ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    minutes_text = ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    if hours and minutes:
        return _("%(hours)s and %(minutes)s") % {"hours": hours_text, "minutes": minutes_text}
    return hours_text if hours else minutes_text


def _enumerate(parts):
    if len(parts) == 1:
        return parts[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(parts[:-1]), "last": parts[-1]}


def _holiday_name(name):
    # Designated days are named after their weekday ("Vrijdag na Hemelvaartsdag"); inside a Dutch sentence
    # a weekday is written in lower case, a holiday's own name is not.
    first, _space, rest = name.partition(" ")
    if first in ("Maandag", "Vrijdag") and rest:
        return f"{first.lower()} {rest}"
    return name
