"""Search for cases within the user's scope: V-number, part of a name or alias (or a spelling variant), date of birth.

Names match as ForeignNationalQuerySet.name_matches says (literally, accent- and case-free, or
through the spelling-variant key), served by the trigram indexes on PostgreSQL. Results are
ranked: every word a whole name first, then names that start with the words, then spelling
variants of whole names, then the rest; within each, by trigram word similarity on PostgreSQL
(SQLite, for `make run`, ranks by the tiers alone), then by name.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Case as SqlCase
from django.db.models import CharField, F, Func, IntegerField, OuterRef, Q, Value, When

from dtv.core.expressions import any_of
from dtv.core.text import fold, name_key

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
from ..querysets import MIN_KEY_LENGTH, name_match
from .rows import nationalities_prefetch

SEARCH_LIMIT = 50
# The columns a result row shows (and the foreign keys select_related follows): the rest is left unread.
SEARCH_ROW_FIELDS = (
    "id",
    "phase",
    "foreign_national",
    "case_officer",
    "foreign_national__v_number",
    "foreign_national__surname",
    "foreign_national__given_names",
    "foreign_national__date_of_birth",
    "foreign_national__date_of_birth_precision",
    "case_officer__username",
    "case_officer__first_name",
    "case_officer__last_name",
)


@dataclass(frozen=True)
class SearchCriteria:
    v_number: str = ""
    name: str = ""
    date_of_birth: dt.date | None = None
    date_precision: str = DatePrecision.FULL


def parse_search_date(text: str):
    """'17-05-1990', '05-1990', '1990' (or ISO order) → (first day, precision); ValidationError otherwise."""
    return parse_date_text(text, partial=True)


def _date_of_birth_matches(day, precision, *, prefix="foreign_national__"):
    """A searched date matches a stored partial date when they agree as far as both are known."""

    def born(**lookups):
        return Q(**{f"{prefix}{name}": value for name, value in lookups.items()})

    year = born(date_of_birth__year=day.year)
    if precision == DatePrecision.YEAR:
        return year
    month = year & born(date_of_birth__month=day.month)
    if precision == DatePrecision.YEAR_MONTH:
        return month & ~born(date_of_birth_precision=DatePrecision.YEAR) | year & born(
            date_of_birth_precision=DatePrecision.YEAR
        )
    return (
        born(date_of_birth=day, date_of_birth_precision=DatePrecision.FULL)
        | month & born(date_of_birth_precision=DatePrecision.YEAR_MONTH)
        | year & born(date_of_birth_precision=DatePrecision.YEAR)
    )


class _Padded(Func):
    """Words of the stored names between spaces, hyphenated parts as words: " omar al hassan | … ".

    One function in SQL (PostgreSQL and SQLite alike) rather than Concat of Replace: the column is never NULL, and
    Concat's NULL-safe pairs made this the costliest expression to compile of the search (it is ranked on twice).
    """

    template = "(' ' || REPLACE(%(expressions)s, '-', ' ') || ' ')"
    output_field = CharField()


def _padded(column):
    return _Padded(F(column))


def _name_rank(text):
    """0: every word is a whole name part; 1: every word starts one; 2: every word is a variant of one; 3: the rest."""
    words = fold(text).split()
    keys = [name_key(word, joined=True) for word in words]

    def every(condition):
        return Q(*(condition(word, key) for word, key in zip(words, keys, strict=True)))

    return SqlCase(
        When(every(lambda word, key: Q(_names__contains=f" {word} ")), then=0),
        When(every(lambda word, key: Q(_names__contains=f" {word}")), then=1),
        When(
            every(
                lambda word, key: (
                    Q(foreign_national__search_key__contains=f" {key} ") if len(key) >= MIN_KEY_LENGTH else Q(pk__in=[])
                )
            ),
            then=2,
        ),
        default=3,
        output_field=IntegerField(),
    )


def _in_scope(user, persons):
    """Cases in the user's scope whose person is one of `persons`: the people from the trigram indexes, then the
    ids of their cases in scope from the index case_person_scope alone (an index-only scan: a common partial
    matches thousands of people, most of them outside the scope), then only those cases from the table."""
    in_scope = cases_visible_to(user).filter(any_of("foreign_national_id", persons.order_by().values("pk")))
    return any_of("pk", in_scope.order_by().values("pk"))


def case_search(*, user, criteria: SearchCriteria):
    """Cases in the user's scope whose person matches every given criterion, best first, at most SEARCH_LIMIT + 1."""
    person = Q()
    if criteria.v_number:
        person &= Q(v_number=criteria.v_number)
    if criteria.name:
        person &= name_match(criteria.name)
    if criteria.date_of_birth:
        person &= _date_of_birth_matches(criteria.date_of_birth, criteria.date_precision, prefix="")
    # Only what a result row shows (cases/views/_search_rows.py): every further join costs planning time on each
    # search, every further column the building of 50 cases, people and officers.
    rows = (
        cases_visible_to(user)
        .filter(_in_scope(user, ForeignNational.objects.filter(person)))
        .select_related("foreign_national", "case_officer")
        .only(*SEARCH_ROW_FIELDS)
    )
    if connection.vendor == "postgresql":
        # The person's nationality codes in the order every list shows them, in the same statement.
        codes = Nationality.objects.filter(foreign_national_id=OuterRef("foreign_national_id")).order_by(
            "status", "country"
        )
        rows = rows.annotate(nationality_codes=ArraySubquery(codes.values("country")))
    else:
        rows = rows.prefetch_related(nationalities_prefetch())
    order = ["foreign_national__surname", "foreign_national__given_names", "-opened_at", "id"]
    if criteria.name:
        rows = rows.alias(_names=_padded("foreign_national__search_name"), name_rank=_name_rank(criteria.name))
        order = ["name_rank", *order]
        if connection.vendor == "postgresql":
            rows = rows.alias(
                name_similarity=TrigramWordSimilarity(Value(fold(criteria.name)), "foreign_national__search_name")
            )
            order = ["name_rank", "-name_similarity", *order[1:]]
    return rows.order_by(*order)[: SEARCH_LIMIT + 1]


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
