"""Template filters for case data: partial dates, countries, languages, deadlines, timeline, flags."""

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from ..countries import country_name
from ..dates import format_partial_date
from ..deadlines import registry
from ..deadlines.explain import due_text, explain, urgency_text
from ..events import describe
from ..languages import language_name, language_names
from ..selectors import case_flags

register = template.Library()


@register.filter
def partial_date(person):
    """A date of birth as far as it is known: 17-05-1990, 05-1990, 1990 or 'unknown' (as the forms read it)."""
    return format_partial_date(person.date_of_birth, person.date_of_birth_precision) or _("unknown")


@register.filter
def country(code):
    return country_name(code)


@register.filter
def language(code):
    """ "ar" → "Arabisch" (in the active language)."""
    return language_name(code)


@register.filter
def languages(codes):
    """["ar", "ti"] → "Arabisch, Tigrinya"."""
    return language_names(codes)


@register.filter
def deadline_kind_label(kind):
    """The kind's label from the rule registry (whichever app registered it), in the active language."""
    return registry.kind_label(kind)


@register.filter
def explanation(deadline):
    """How the deadline was computed, in the reader's (active) language."""
    return explain(deadline.explanation)


@register.filter
def flags(case):
    """The case's flags; work-queue rows carry the legal_obstacle annotation (legal_obstacle_q)."""
    return case_flags(case, legal_obstacle=getattr(case, "legal_obstacle", False))


@register.filter
def event_label(event):
    return describe(event)[0]


@register.filter
def event_facts(event):
    return describe(event)[1]


@register.filter
def filesize(size):
    return formats.number_format(size / 1024 / 1024, 1) + " MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


@register.filter
def due(deadline, style="short"):
    """When a deadline is due, as a person reads it: the last day of a term in days, the moment of a term in hours.

    A term in days is stored as its exclusive end (00:00 after the last day); showing that moment
    would suggest the term ends a day later than it does. Styles: short, long, full (with the weekday).
    """
    return due_text(due_date=deadline.due_date, due_at=deadline.due_at, style=style)


@register.filter
def target(deadline, style="short"):
    """The internal target of a deadline, formatted as `due` formats the legal last day."""
    return due_text(due_date=deadline.target_date, due_at=deadline.target_at, style=style)


@register.filter
def urgency(deadline, now):
    """How near the legal last day is: "nog 3 dagen", "vandaag", "2 dagen verstreken"."""
    return urgency_text(due_date=deadline.due_date, due_at=deadline.due_at, now=now)


def _version_of(deadline):
    try:
        return registry.rule_version(deadline.kind, on=None, version=deadline.rule_version)
    except LookupError:
        return None


@register.filter
def task(deadline):
    """What the person who must act has to do now that the deadline has come (the rule version's task text)."""
    rule = _version_of(deadline)
    return rule.task_text if rule else deadline_kind_label(deadline.kind)


@register.filter
def statutory(deadline):
    """Whether the deadline's rule version has a statutory legal basis (marking it met then needs a reason)."""
    rule = _version_of(deadline)
    return bool(rule and rule.statutory)


@register.filter
def reading(deadline):
    """The reading Regie applies where the legal text leaves a choice open, with its source (may be empty)."""
    rule = _version_of(deadline)
    return rule.reading if rule else ""
