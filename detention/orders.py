"""The detention order (maatregel van bewaring): a guided draft that cannot be issued until complete.

Since late 2025 the order must state every fact and circumstance in writing (no oral supplement at the
hearing) and carry a fresh non-refoulement assessment; the detention of minors and families is a last resort
that a team lead approves (four eyes, never the drafter). `order_missing_parts` is the one definition of
"complete": the wizard, the API and `order_issue` all ask it. An issued order is immutable; a correction is a
new version that says what changed, and the measure follows the latest version.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import Vulnerability
from cases.deadlines.engine import deadline_open
from cases.events import case_event_record
from departures.selectors import departure_prospect
from dtv.core.exceptions import DomainError
from laissezpasser.selectors import removal_prospect

from . import events, permissions
from .constants import (
    ABSCONDING_GROUNDS,
    LIGHTER_RUNGS,
    DetentionArticle,
    DetentionLocation,
    GroundWeight,
    MeasureKind,
    OrderState,
    RenderState,
)
from .deadlines import DetentionDeadlineKind, Period, cumulative_clock
from .models import DetentionOrder, Measure
from .services import lock_case, measure_facts, require

# The fields a draft holds; what the wizard and the API may set.
DRAFT_FIELDS = (
    "article",
    "detention_location",
    "grounds",
    "lighter_measures",
    "prospect_evidence",
    "flight_booked_on",
    "dublin_claim",
    "non_refoulement",
    "hearing_at",
    "interpreter",
    "interpreter_not_needed",
    "lawyer_present",
    "lawyer_waived",
    "vulnerability",
    "family",
    "last_resort",
)
# A correction copies these too: the facts of the removal prospect taken from the travel-document app.
_COPIED = (*DRAFT_FIELDS, "lp_stage", "lp_expected_on")


@dataclass(frozen=True)
class Missing:
    """One part the order still lacks: a code (stable, for the API) and what to add (for people)."""

    code: str
    message: str


class OrderIncomplete(DomainError):
    """Issuing was refused: the order lacks `missing` (each a Missing)."""

    def __init__(self, missing):
        self.missing = list(missing)
        super().__init__(
            _("The detention order is not complete: %(count)s parts are missing.") % {"count": len(self.missing)},
            code="order_incomplete",
        )
        self.errors = {"missing": [m.message for m in self.missing], "codes": [m.code for m in self.missing]}


def enough_grounds(codes) -> bool:
    """Whether the grounds of art. 5.1b Vb carry a risk of absconding: one heavy ground, or two light ones.

    A reconstruction of Vc 2000 A6/5.3.3.3 — TO BE CHECKED BY LEGAL STAFF.
    """
    weights = [ABSCONDING_GROUNDS[code][0] for code in codes if code in ABSCONDING_GROUNDS]
    return GroundWeight.HEAVY in weights or weights.count(GroundWeight.LIGHT) >= 2


def is_minor(vulnerabilities) -> bool:
    return Vulnerability.MINOR in (vulnerabilities or []) or Vulnerability.UNACCOMPANIED_MINOR in (
        vulnerabilities or []
    )


def needs_last_resort(draft, *, minor: bool) -> bool:
    """Minors and families with minors are detained only as a last resort, approved by a team lead."""
    return minor or bool(draft.family)


def _blank(value) -> bool:
    return not (value or "").strip() if isinstance(value, str) or value is None else False


def order_missing_parts(draft, *, minor: bool = False) -> list[Missing]:
    """Everything the draft still lacks before it can be issued, in the order of the order's sections (pure)."""
    missing = []

    def lacks(code, message):
        missing.append(Missing(code, message))

    if draft.article not in DetentionArticle.values:
        lacks("article", _("State the legal ground: art. 59, 59a or 59b Vw 2000."))
    if draft.detention_location not in DetentionLocation.values:
        lacks("location", _("Choose the place of detention."))
    grounds = [g for g in (draft.grounds or []) if isinstance(g, dict)]
    codes = [g.get("code") for g in grounds]
    if not grounds:
        lacks("grounds", _("State the grounds of the risk of absconding (art. 5.1b Vb)."))
    for ground in grounds:
        code = ground.get("code")
        if code not in ABSCONDING_GROUNDS:
            lacks(f"ground_unknown:{code}", _("Ground %(code)s is not in art. 5.1b Vb.") % {"code": code})
        elif _blank(ground.get("facts")):
            lacks(
                f"ground_facts:{code}",
                _("State the individual facts of ground %(ground)s.") % {"ground": ABSCONDING_GROUNDS[code][1]},
            )
    if grounds and not enough_grounds(codes):
        lacks("grounds_insufficient", _("One heavy ground or two light grounds are needed (art. 5.1b Vb)."))
    lighter = draft.lighter_measures or {}
    for rung in LIGHTER_RUNGS:
        if _blank(lighter.get(rung)):
            lacks(
                f"lighter:{rung}",
                _("Explain why a lighter measure does not suffice: %(measure)s.")
                % {"measure": MeasureKind(rung).label},
            )
    has_prospect_fact = bool(draft.lp_stage) or draft.flight_booked_on is not None or draft.dublin_claim
    if _blank(draft.prospect_evidence) or not has_prospect_fact:
        lacks(
            "prospect",
            _(
                "Show the prospect of removal with its evidence: a travel-document request, a booked flight "
                "or a Dublin claim, and what they show."
            ),
        )
    if _blank(draft.non_refoulement):
        lacks("non_refoulement", _("Record a fresh non-refoulement assessment."))
    if draft.hearing_at is None:
        lacks("hearing_date", _("Give the date and time of the hearing."))
    if _blank(draft.interpreter) and not draft.interpreter_not_needed:
        lacks("interpreter", _("Name the interpreter at the hearing, or record that none was needed."))
    if not (draft.lawyer_present or draft.lawyer_waived):
        lacks("lawyer", _("Record that a lawyer was present at the hearing, or that the person waived one."))
    if _blank(draft.vulnerability):
        lacks("vulnerability", _("Record the vulnerability assessment."))
    if needs_last_resort(draft, minor=minor):
        if _blank(draft.last_resort):
            lacks("last_resort", _("Motivate why detention of a minor or family is the last resort."))
        if draft.approved_by_id is None:
            lacks("approval", _("A team lead must approve the detention of a minor or family (four eyes)."))
    return missing


def _minor(case) -> bool:
    return is_minor(case.foreign_national.vulnerabilities)


def _clean(fields) -> dict:
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    cleaned = dict(fields)
    if "grounds" in cleaned:
        grounds = cleaned["grounds"] or []
        if not isinstance(grounds, list) or not all(isinstance(g, dict) for g in grounds):
            raise ValidationError({"grounds": _("Give the grounds as a list of code and facts.")})
        seen = [g.get("code") for g in grounds]
        if len(seen) != len(set(seen)):
            raise ValidationError({"grounds": _("Each ground once.")})
        cleaned["grounds"] = [
            {"code": str(g.get("code", "")), "facts": str(g.get("facts", "")).strip()} for g in grounds
        ]
    if "lighter_measures" in cleaned:
        lighter = cleaned["lighter_measures"] or {}
        if not isinstance(lighter, dict) or set(lighter) - set(LIGHTER_RUNGS):
            raise ValidationError({"lighter_measures": _("Give a reason per lighter measure.")})
        cleaned["lighter_measures"] = {k: str(v).strip() for k, v in lighter.items()}
    hearing = cleaned.get("hearing_at")
    if hearing is not None and timezone.is_naive(hearing):
        raise ValidationError({"hearing_at": _("Give the moment with its time zone.")})
    for name in ("prospect_evidence", "non_refoulement", "interpreter", "vulnerability", "last_resort"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    return cleaned


def _snapshot_prospect(order, now):
    """The facts of the prospect of removal from the apps that hold them, as the order states them.

    The travel-document request's stage and expected answer always come from laissezpasser; the booked flight
    and the Dublin claim from departures are offered: they fill the draft where the officer stated none, and a
    date or claim the officer stated stays theirs.
    """
    today = timezone.localdate(now)
    prospect = removal_prospect(case=order.case, today=today)
    order.lp_stage = prospect.stage
    order.lp_expected_on = prospect.expected_on
    departure = departure_prospect(case=order.case, today=today)
    if order.flight_booked_on is None and departure.has_flight:
        order.flight_booked_on = timezone.localdate(departure.departs_at)
    if not order.dublin_claim and departure.has_dublin_claim:
        order.dublin_claim = True


def _lock_order(order) -> DetentionOrder:
    case = lock_case(order.case)
    locked = DetentionOrder.objects.select_for_update(of=("self",)).get(pk=order.pk)
    locked.case = case
    return locked


def _facts(order, **extra):
    return {"order": order.pk, "version": order.version, **extra}


@transaction.atomic
def order_draft(*, case, actor, now, **fields) -> DetentionOrder:
    """Start a detention order for the case (the enforcement officer's draft)."""
    case = lock_case(case)
    require(permissions.can_impose(actor, case))
    order = DetentionOrder(case=case, drafted_by=actor, drafted_at=now, **_clean(fields))
    _snapshot_prospect(order, now)
    order.save()
    case_event_record(case=case, kind=events.ORDER_DRAFTED, actor=actor, now=now, data=_facts(order))
    return order


def _require_draft(order):
    if order.state != OrderState.DRAFT:
        raise DomainError(
            _("An issued detention order cannot be changed: correct it with a new version."), code="order_immutable"
        )


@transaction.atomic
def order_update(*, order, actor, now, **fields) -> DetentionOrder:
    """Change a draft; an approval given to the earlier text lapses (the team lead approved what they read)."""
    order = _lock_order(order)
    require(permissions.can_impose(actor, order.case))
    _require_draft(order)
    cleaned = _clean(fields)
    changed = [name for name, value in cleaned.items() if getattr(order, name) != value]
    for name, value in cleaned.items():
        setattr(order, name, value)
    if changed and order.approved_by_id is not None:
        order.approved_by, order.approved_at = None, None
    _snapshot_prospect(order, now)
    order.save()
    return order


@transaction.atomic
def order_approve(*, order, actor, now) -> DetentionOrder:
    """A team lead approves the last resort for a minor or family: four eyes, never the drafter's own."""
    order = _lock_order(order)
    require(permissions.can_approve(actor, order.case))
    _require_draft(order)
    if actor.pk == order.drafted_by_id:
        raise DomainError(_("Nobody approves their own draft (four eyes)."), code="self_approval")
    if not needs_last_resort(order, minor=_minor(order.case)):
        raise DomainError(_("Only the detention of a minor or family needs approval."), code="approval_not_needed")
    if _blank(order.last_resort):
        raise DomainError(_("Motivate the last resort before it is approved."), code="last_resort_missing")
    order.approved_by, order.approved_at = actor, now
    order.save(update_fields=["approved_by", "approved_at"])
    case_event_record(case=order.case, kind=events.ORDER_APPROVED, actor=actor, now=now, data=_facts(order))
    return order


def _periods_of(case, procedure, *, exclude=None):
    detentions = Measure.objects.filter(case=case, kind=MeasureKind.DETENTION, removal_procedure=procedure)
    if exclude is not None:
        detentions = detentions.exclude(pk=exclude.pk)
    return [
        Period(timezone.localdate(m.starts_at), timezone.localdate(m.ends_at) if m.ends_at else None)
        for m in detentions
    ]


@transaction.atomic
def order_issue(*, order, actor, now, starts_at=None, new_removal_procedure=False) -> DetentionOrder:
    """Issue a complete order: the detention starts, its clocks open, the PDF is rendered after the commit.

    Refused with `order_incomplete` (listing what is missing) while the draft lacks a part; a second click
    finds the order issued and is refused (`order_immutable`): one order, one measure, one PDF.
    """
    order = _lock_order(order)
    require(permissions.can_impose(actor, order.case))
    _require_draft(order)
    _snapshot_prospect(order, now)
    missing = order_missing_parts(order, minor=_minor(order.case))
    if missing:
        raise OrderIncomplete(missing)
    case = order.case
    order.state, order.issued_by, order.issued_at = OrderState.ISSUED, actor, now
    order.render_state = RenderState.QUEUED
    order.save()  # still a draft in the database: this save is the issuing
    if order.previous_id is not None:
        measure = _supersede(order, actor=actor, now=now)
    else:
        measure = _start_detention(order, actor=actor, now=now, starts_at=starts_at or now, new=new_removal_procedure)
    case_event_record(case=case, kind=events.ORDER_ISSUED, actor=actor, now=now, data=_facts(order, measure=measure.pk))
    _render_after_commit(order)
    return order


def _render_after_commit(order):
    from .tasks import render_order_pdf

    transaction.on_commit(lambda: render_order_pdf.delay(order_id=order.pk))


def _supersede(order, *, actor, now):
    previous = DetentionOrder.objects.select_for_update().get(pk=order.previous_id)
    previous.state = OrderState.SUPERSEDED
    previous.save(update_fields=["state"])
    measure = Measure.objects.select_for_update().get(order=previous)
    measure.order = order
    measure.article = order.article
    measure.detention_location = order.detention_location
    measure.legal_basis = f"art. {order.article} Vw 2000"
    measure.save(update_fields=["order", "article", "detention_location", "legal_basis"])
    case_event_record(
        case=order.case,
        kind=events.ORDER_CORRECTED,
        actor=actor,
        now=now,
        data={"previous": previous.pk, "order": order.pk, "version": order.version, "changes": order.changes},
    )
    return measure


def _start_detention(order, *, actor, now, starts_at, new):
    case = order.case
    if Measure.objects.filter(case=case, kind=MeasureKind.DETENTION, ends_at__isnull=True).exists():
        raise DomainError(_("The person is detained already."), code="already_detained")
    latest = Measure.objects.filter(case=case, kind=MeasureKind.DETENTION).order_by("-removal_procedure").first()
    procedure = (latest.removal_procedure + (1 if new else 0)) if latest else 1
    codes = ", ".join(g["code"] for g in order.grounds)
    measure = Measure.objects.create(
        case=case,
        kind=MeasureKind.DETENTION,
        legal_basis=f"art. {order.article} Vw 2000",
        ground=_("Risk of absconding, art. 5.1b Vb: %(codes)s") % {"codes": codes},
        imposed_by=actor,
        imposed_at=now,
        starts_at=starts_at,
        article=order.article,
        detention_location=order.detention_location,
        removal_procedure=procedure,
        order=order,
    )
    case_event_record(case=case, kind=events.MEASURE_IMPOSED, actor=actor, now=now, data=measure_facts(measure))
    start = timezone.localdate(starts_at)
    clock = cumulative_clock(_periods_of(case, procedure, exclude=measure), current=Period(start), on=start)
    trigger = str(measure)
    common = {"case": case, "actor": actor, "now": now, "source": measure, "trigger": trigger}
    deadline_open(kind=DetentionDeadlineKind.DETENTION_COURT_NOTICE, start=start, **common)
    deadline_open(kind=DetentionDeadlineKind.DETENTION_SIX_MONTHS, start=clock.equivalent_start, **common)
    deadline_open(kind=DetentionDeadlineKind.DETENTION_MAXIMUM, start=clock.equivalent_start, **common)
    deadline_open(kind=DetentionDeadlineKind.DETENTION_REVIEW, start=start, **common)
    return measure


@transaction.atomic
def order_correct(*, order, changes, actor, now) -> DetentionOrder:
    """Start a correction of an issued order: a new draft version that names what changed."""
    order = _lock_order(order)
    require(permissions.can_impose(actor, order.case))
    if order.state != OrderState.ISSUED:
        raise DomainError(_("Only the current issued order can be corrected."), code="order_not_current")
    if not (changes or "").strip():
        raise ValidationError({"changes": _("Say what the correction changes.")})
    if DetentionOrder.objects.filter(previous=order).exists():
        raise DomainError(_("A correction of this order exists already."), code="correction_exists")
    correction = DetentionOrder(
        case=order.case,
        version=order.version + 1,
        previous=order,
        changes=changes.strip(),
        drafted_by=actor,
        drafted_at=now,
        **{name: getattr(order, name) for name in _COPIED},
    )
    correction.save()
    case_event_record(case=order.case, kind=events.ORDER_DRAFTED, actor=actor, now=now, data=_facts(correction))
    return correction


def order_for_change(*, user, order_id):
    """The draft or order as the user may change it (404 outside the scope, 403 without the right)."""
    from django.shortcuts import get_object_or_404

    order = get_object_or_404(
        permissions.measures_visible_to(user, DetentionOrder.objects.select_related("case__foreign_national")),
        pk=order_id,
    )
    if not permissions.can_impose(user, order.case):
        raise PermissionDenied
    return order


def days_to(on: dt.date | None, today: dt.date) -> int | None:
    return None if on is None else (on - today).days
