"""How a deadline reads: its explanation steps as sentences a case officer can check by hand, and its due date.

Explanations are stored as steps (data), never as text, and rendered here in the reader's language
whenever they are shown: the case file, the timeline, the API and the e-mail digest alike.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import dateformat, formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .atw import ATW_NOTES

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MIDNIGHT = dt.time(0)

_DUE_FORMATS = {
    # style: (a last day, a moment)
    "short": ("j-n-Y", "j-n-Y H:i"),
    "long": ("j F Y", "j F Y H:i"),
    "full": ("l j F Y", "l j F Y H:i"),
}


def days_left(*, due_date, due_at, now, tz=AMSTERDAM) -> int:
    """Days from today (Amsterdam) to the last day: 0 on the last day itself, negative once it has passed.

    Counted in calendar days of `tz`, not in 24-hour periods, so a night with a clock change (23 or 25
    hours) is one day like any other.
    """
    last_day = due_date or due_at.astimezone(tz).date()
    return (last_day - now.astimezone(tz).date()).days


def urgency_text(*, due_date, due_at, now, tz=AMSTERDAM) -> str:
    """How near a deadline is on `now`, in words: "nog 3 dagen", "vandaag de laatste dag", "2 dagen verstreken"."""
    days = days_left(due_date=due_date, due_at=due_at, now=now, tz=tz)
    if now >= due_at:
        if days >= 0:
            return _("passed today")
        return ngettext("%(count)s day overdue", "%(count)s days overdue", -days) % {"count": -days}
    if days <= 0:
        return _("due today")
    return ngettext("%(count)s day left", "%(count)s days left", days) % {"count": days}


def explain(steps, *, language=None, tz=AMSTERDAM):
    """Render explanation steps as one run of sentences in `language` (default: the active one), moments in tz."""
    if language is None:
        return " ".join(_render(step, tz) for step in steps)
    with translation.override(language):
        return " ".join(_render(step, tz) for step in steps)


def due_text(*, due_date, due_at, style="short"):
    """When a term ends as a person reads it: the last day of a term in days, the moment of a term in hours.

    A term in days is stored as its exclusive end (00:00 after the last day); showing that moment would
    suggest the term ends a day later than it does. Styles: "short" (1-3-2026), "long" (1 maart 2026),
    "full" (zondag 1 maart 2026).
    """
    day_format, moment_format = _DUE_FORMATS[style]
    if due_date:
        return formats.date_format(due_date, day_format)
    return formats.date_format(timezone.localtime(due_at), moment_format)


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
        values["holiday"] = _holiday_label(step["holiday"], step.get("predicted"))
        sentence = _("Falls on %(holiday)s (%(day)s) → moved to %(date)s (Algemene termijnenwet art. 1).") % values
    elif step.get("predicted"):
        values["holiday"] = _holiday_label(_("a public holiday"), True)
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
        _("%(holiday)s (%(day)s)")
        % {
            "holiday": _holiday_label(day.get("holiday") or _("a public holiday"), day.get("predicted")),
            "day": _day_month(day["date"]),
        }
        if day.get("holiday") or day.get("predicted")
        else _("a public holiday (%(day)s)") % {"day": _day_month(day["date"])}
        for day in holidays
    ]
    return " " + _("Also skipped: %(days)s.") % {"days": _enumerate(named)}


def _atw_two_working_days(step, tz):
    sentence = _(
        "The term contains fewer than two days that are not a Saturday, Sunday or public holiday → "
        "extended to %(date)s (Algemene termijnenwet art. 2)."
    ) % {"date": _date(dt.date.fromisoformat(step["to"]), weekday=True)}
    if step.get("predicted"):
        sentence += " " + _("Counted as holidays: %(days)s (predicted designated days, no decree known yet).") % {
            "days": _enumerate([_day_month(day) for day in step["predicted"]])
        }
    return sentence


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


def _dublin_regulation(step, tz):
    values = {
        "date": _date(dt.date.fromisoformat(step["registered_on"])),
        "from": _date(dt.date.fromisoformat(step["ammr_applies_from"])),
    }
    if step["regulation"] == "604/2013":
        return (
            _(
                "Asylum application registered on %(date)s, before %(from)s: the time limits of Reg. (EU) 604/2013 "
                "apply (art. 84 Reg. (EU) 2024/1351)."
            )
            % values
        )
    if step["registered_on"] == step["ammr_applies_from"]:
        return (
            _(
                "Asylum application registered on %(date)s, the day Reg. (EU) 2024/1351 applies from: art. 84 leaves "
                "that day open, and Regie applies Reg. (EU) 2024/1351 (art. 85)."
            )
            % values
        )
    return (
        _("Asylum application registered on %(date)s, after %(from)s: Reg. (EU) 2024/1351 applies (art. 84-85).")
        % values
    )


def _dublin_ground(step, tz):
    texts = {
        "none": _("Transfer time limit: %(basis)s."),
        "detained": _("Transfer time limit while the person is detained: %(basis)s."),
        "imprisoned": _("Transfer time limit extended because of imprisonment: %(basis)s."),
        "absconded": _("Transfer time limit extended because the person absconded: %(basis)s."),
        "resists": _("Transfer time limit extended because the person physically resists the transfer: %(basis)s."),
        "unfit": _(
            "Transfer time limit extended because the person intentionally made themself unfit for the transfer: "
            "%(basis)s."
        ),
        "medical_non_compliance": _(
            "Transfer time limit extended because the person does not comply with the medical requirements for "
            "the transfer: %(basis)s."
        ),
        # Only in steps stored by the withdrawn AMMR version: the regulation has no such ground.
        "medical": _("Transfer time limit extended because of the person's medical condition: %(basis)s."),
    }
    try:
        sentence = texts[step["circumstance"]] % {"basis": step["legal_basis"]}
    except KeyError:
        raise ValueError(f"Unknown circumstance in explanation step: {step!r}.") from None
    counted_from = step.get("from")
    if counted_from == "acceptance":
        sentence += " " + _("It runs from the acceptance of the request or the final decision on a suspensive appeal.")
    elif counted_from == "notice":
        sentence += " " + _("It runs from the moment the responsible Member State was informed.")
    return sentence


def _target_and_legal_day(step, tz):
    target, legal = dt.date.fromisoformat(step["target"]), dt.date.fromisoformat(step["legal"])
    values = {"target": _date(target, weekday=True), "legal": _date(legal, weekday=True), "source": step["source"]}
    if target == legal:
        return (
            _(
                "Legal last day and internal target: %(legal)s (the Algemene termijnenwet applies to this term: "
                "%(source)s)."
            )
            % values
        )
    return (
        _(
            "Legal last day: %(legal)s (the Algemene termijnenwet applies to this term: %(source)s); late only after "
            "it. Internal target: %(target)s, the day itself without the shift; the reminder and the work item aim "
            "at it."
        )
        % values
    )


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
    "dublin_regulation": _dublin_regulation,
    "dublin_ground": _dublin_ground,
    "target_and_legal_day": _target_and_legal_day,
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


def _holiday_label(name, predicted):
    label = _holiday_name(name)
    if predicted:
        return _("%(holiday)s (predicted designated day, no decree known yet)") % {"holiday": label}
    return label


def _holiday_name(name):
    # Designated days are named after their weekday ("Vrijdag na Hemelvaartsdag"); inside a Dutch sentence
    # a weekday is written in lower case, a holiday's own name is not.
    first, _space, rest = name.partition(" ")
    if first in ("Maandag", "Vrijdag") and rest:
        return f"{first.lower()} {rest}"
    return name
