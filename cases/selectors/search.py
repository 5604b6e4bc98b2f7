"""Search for cases within the user's scope: V-number, part of a name or alias, date of birth."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from dtv.core.text import fold

from ..constants import (
    DatePrecision,
)
from ..dates import parse_date_text
from ..models import (
    Case,
    ForeignNational,
    Nationality,
)
from ..permissions import cases_visible_to
from .casefile import case_with_person

SEARCH_LIMIT = 50


@dataclass(frozen=True)
class SearchCriteria:
    v_number: str = ""
    name: str = ""
    date_of_birth: dt.date | None = None
    date_precision: str = DatePrecision.FULL


def parse_search_date(text: str):
    """'17-05-1990', '05-1990', '1990' (or ISO order) → (first day, precision); ValidationError otherwise."""
    return parse_date_text(text, partial=True)


def _date_of_birth_matches(day, precision):
    """A searched date matches a stored partial date when they agree as far as both are known."""
    year = Q(date_of_birth__year=day.year)
    if precision == DatePrecision.YEAR:
        return year
    month = year & Q(date_of_birth__month=day.month)
    if precision == DatePrecision.YEAR_MONTH:
        return month & ~Q(date_of_birth_precision=DatePrecision.YEAR) | year & Q(
            date_of_birth_precision=DatePrecision.YEAR
        )
    return (
        Q(date_of_birth=day, date_of_birth_precision=DatePrecision.FULL)
        | month & Q(date_of_birth_precision=DatePrecision.YEAR_MONTH)
        | year & Q(date_of_birth_precision=DatePrecision.YEAR)
    )


def case_search(*, user, criteria: SearchCriteria):
    """Cases within the user's scope whose person matches every given criterion, at most SEARCH_LIMIT + 1."""
    people = ForeignNational.objects.all()
    if criteria.v_number:
        people = people.filter(v_number=criteria.v_number)
    if criteria.name:
        for word in fold(criteria.name).split(" "):
            people = people.filter(search_name__contains=word)
    if criteria.date_of_birth:
        people = people.filter(_date_of_birth_matches(criteria.date_of_birth, criteria.date_precision))
    return (
        case_with_person(cases_visible_to(user))
        .filter(foreign_national__in=people)
        .prefetch_related(
            Prefetch("foreign_national__nationalities", queryset=Nationality.objects.order_by("status", "country"))
        )
        .order_by("foreign_national__surname", "foreign_national__given_names", "-opened_at", "id")[: SEARCH_LIMIT + 1]
    )


def cases_outside_scope(*, user, v_number):
    """Ids of cases of this exact V-number that the user cannot see: the user may break the glass."""
    if not v_number or not user.has_perm("cases.break_glass"):
        return []
    return list(
        Case.objects.filter(foreign_national__v_number=v_number)
        .exclude(pk__in=cases_visible_to(user).values("pk"))
        .order_by("-opened_at")
        .values_list("pk", flat=True)
    )
