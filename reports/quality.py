"""The internal data-quality rules, scored per case (KPI: at least 95% of the data meets them, Jaarplan 2024).

Each rule is one SQL condition on `Case` that holds when the case passes: the case-file panel annotates
one case with all of them, the KPI counts the open cases that pass all of them in one aggregate — the
same definition both ways. The reason beside each rule says why it matters (DOMAIN.md: every error in
name, V-number, sex or nationality delays departure).
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.constants import NATIONALITY_UNKNOWN, STATELESS, DatePrecision, NationalityStatus, ProcedureOutcome, Sex
from cases.models import Case, LegalProcedure, Nationality


@dataclass(frozen=True)
class QualityRule:
    code: str
    label: Promise
    why: Promise
    passes: object  # a Q or boolean expression on Case


def _nationality_settled():
    return Exists(
        Nationality.objects.filter(foreign_national=OuterRef("foreign_national")).filter(
            Q(status=NationalityStatus.ESTABLISHED) | Q(country__in=[NATIONALITY_UNKNOWN, STATELESS])
        )
    )


def _no_pending_procedure():
    return ~Exists(LegalProcedure.objects.filter(case=OuterRef("pk"), outcome=ProcedureOutcome.PENDING))


RULES = [
    QualityRule(
        "v_number",
        _("V-number of 10 digits"),
        _("The V-number is the key the chain partners share; a wrong one sends the file to another person."),
        Q(foreign_national__v_number__regex=r"^[0-9]{10}$"),
    ),
    QualityRule(
        "nationality",
        _("Nationality established, or recorded as unknown (XXX) or stateless (XXA)"),
        _("A travel document is requested from the country of nationality: a claimed nationality is not enough."),
        _nationality_settled(),
    ),
    QualityRule(
        "date_of_birth",
        _("Date of birth known at least to the year"),
        _("Missions and the KMar identify the person by name and date of birth."),
        Q(foreign_national__date_of_birth__isnull=False)
        & ~Q(foreign_national__date_of_birth_precision=DatePrecision.UNKNOWN),
    ),
    QualityRule(
        "sex",
        _("Sex recorded"),
        _("An error in sex delays the departure like an error in name or V-number."),
        ~Q(foreign_national__sex=Sex.UNKNOWN),
    ),
    QualityRule(
        "legal_representative",
        _("Legal representative recorded when a procedure is pending"),
        _("The person and their lawyer must be told of a flight at least 48 hours before it departs."),
        _no_pending_procedure() | ~Q(foreign_national__legal_representative_name=""),
    ),
    QualityRule(
        "track",
        _("Track recorded"),
        _("The track decides the departure plan and the figures the case counts in."),
        ~Q(track=""),
    ),
]


def _flag(rule):
    return ExpressionWrapper(Q(rule.passes), output_field=BooleanField())


def scored(cases):
    """The queryset with a boolean `dq_<code>` per rule (unevaluated: the case-file panel fetches it with the rest)."""
    return cases.annotate(**{f"dq_{rule.code}": _flag(rule) for rule in RULES})


def case_score(case) -> list[tuple[QualityRule, bool]]:
    """(rule, passes) for a case annotated by `scored`."""
    return [(rule, bool(getattr(case, f"dq_{rule.code}"))) for rule in RULES]


def all_rules():
    condition = Q()
    for rule in RULES:
        condition &= Q(rule.passes)
    return condition


def open_cases_meeting_rules(*, team_id=None) -> tuple[int, int]:
    """(open cases meeting every rule, open cases), in one aggregate query."""
    cases = Case.objects.open()
    if team_id is not None:
        cases = cases.filter(team_id=team_id)
    counts = cases.aggregate(total=Count("id"), ok=Count("id", filter=all_rules()))
    return counts["ok"], counts["total"]


def open_cases_meeting_rules_per_team() -> list[tuple[int | None, int, int]]:
    """(team id, open cases meeting every rule, open cases) per team, in one aggregate query (the KPI's snapshot)."""
    rows = (
        Case.objects.open()
        .values("team_id")
        .annotate(total=Count("id"), ok=Count("id", filter=all_rules()))
        .order_by("team_id")
    )
    return [(row["team_id"], row["ok"], row["total"]) for row in rows]
