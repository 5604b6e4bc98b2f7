"""The ladder of supervision measures, the detention articles, the grounds of art. 5.1b Vb and the court's steps."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dtv.core.pdf import RenderState as _RenderState


class MeasureKind(models.TextChoices):
    """The rungs of the ladder, lightest first (the order is the ladder's)."""

    REPORTING_DUTY = "reporting_duty", _("Reporting duty")
    DEPOSIT = "deposit", _("Deposit")
    RESTRICTED_LOCATION = "restricted_location", _("Freedom-restricting location (VBL)")
    FAMILY_LOCATION = "family_location", _("Family location")
    HOLDING = "holding", _("Holding for identification")
    DETENTION = "detention", _("Detention")


# What the "impose" transition takes: every rung but detention, which only an issued order imposes.
IMPOSABLE_MEASURE_KINDS = [c for c in MeasureKind.choices if c[0] != MeasureKind.DETENTION]

# The article each measure rests on (shown with the measure, cited in the order).
MEASURE_BASIS = {
    MeasureKind.REPORTING_DUTY: "art. 57 Vw 2000",
    MeasureKind.DEPOSIT: "art. 54 lid 1 onder a Vw 2000",
    MeasureKind.RESTRICTED_LOCATION: "art. 56 Vw 2000",
    MeasureKind.FAMILY_LOCATION: "art. 56 Vw 2000",
    MeasureKind.HOLDING: "art. 50 Vw 2000",
    MeasureKind.DETENTION: "art. 59 Vw 2000",
}

# The lighter measures an order must weigh, each with the reason it does not suffice.
LIGHTER_RUNGS = (
    MeasureKind.REPORTING_DUTY,
    MeasureKind.DEPOSIT,
    MeasureKind.RESTRICTED_LOCATION,
    MeasureKind.FAMILY_LOCATION,
)


class DetentionArticle(models.TextChoices):
    ART_59 = "59", _("Art. 59 Vw 2000 (removal)")
    ART_59A = "59a", _("Art. 59a Vw 2000 (Dublin transfer)")
    ART_59B = "59b", _("Art. 59b Vw 2000 (asylum seeker)")


class DetentionLocation(models.TextChoices):
    DETENTION_CENTRE = "detention_centre", _("Detention centre")
    BORDER_DETENTION = "border_detention", _("Border detention (Schiphol)")
    FAMILY_FACILITY = "family_facility", _("Closed family facility (Zeist)")
    POLICE_CELL = "police_cell", _("Police cell")


class EndReason(models.TextChoices):
    DEPARTED = "departed", _("Departed")
    LIGHTER_MEASURE = "lighter_measure", _("Replaced by a lighter measure")
    NO_PROSPECT = "no_prospect", _("No prospect of removal")
    COURT_ORDER = "court_order", _("Lifted by the court")
    MAXIMUM_REACHED = "maximum_reached", _("Maximum duration reached")
    IDENTIFIED = "identified", _("Identity established")
    ABSCONDED = "absconded", _("Absconded")
    CASE_CLOSED = "case_closed", _("Case closed")
    OTHER = "other", _("Other")


class GroundWeight(models.TextChoices):
    HEAVY = "heavy", _("Heavy ground")
    LIGHT = "light", _("Light ground")


# The grounds of the risk of absconding of art. 5.1b lid 3 (heavy) and lid 4 (light) Vreemdelingenbesluit 2000.
# RECONSTRUCTION from public sources, TO BE CHECKED BY LEGAL STAFF before use in real orders: the wording and the
# lettering follow the Vb as Regie understood it; the rule that decides whether the grounds suffice
# (`enough_grounds` in orders.py) is the reading of Vc A6/5.3.3.3 and must be checked with it.
ABSCONDING_GROUNDS = {
    # lid 3: heavy grounds
    "3a": (GroundWeight.HEAVY, _("Entered the Netherlands unlawfully or tried to (3a)")),
    "3b": (GroundWeight.HEAVY, _("Evaded supervision before (3b)")),
    "3c": (GroundWeight.HEAVY, _("Declared undesirable or subject to an entry ban (3c)")),
    "3d": (GroundWeight.HEAVY, _("Did not comply with a departure obligation before (3d)")),
    "3e": (GroundWeight.HEAVY, _("Stated the intention not to comply with the return obligation (3e)")),
    "3f": (GroundWeight.HEAVY, _("Used false or forged documents (3f)")),
    "3g": (GroundWeight.HEAVY, _("Gave false or contradictory information on identity or nationality (3g)")),
    "3h": (GroundWeight.HEAVY, _("Applied for asylum in another Member State or stays without right there (3h)")),
    "3i": (GroundWeight.HEAVY, _("Does not cooperate in establishing identity or nationality (3i)")),
    # lid 4: light grounds
    "4a": (GroundWeight.LIGHT, _("Did not comply with a supervision measure (4a)")),
    "4b": (GroundWeight.LIGHT, _("Did not report to the authorities as required (4b)")),
    "4c": (GroundWeight.LIGHT, _("Has no fixed place of residence or stay (4c)")),
    "4d": (GroundWeight.LIGHT, _("Has insufficient means of subsistence (4d)")),
    "4e": (GroundWeight.LIGHT, _("Is suspected of or convicted for a crime (4e)")),
    "4f": (GroundWeight.LIGHT, _("Holds no valid travel document (4f)")),
}
GROUND_CODES = tuple(ABSCONDING_GROUNDS)


class OrderState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    SUPERSEDED = "superseded", _("Corrected by a later version")


# Moved to dtv.core.pdf (every app's PDFs share it); imported here under its old name.
RenderState = _RenderState


class CourtStepKind(models.TextChoices):
    APPEAL_LODGED = "appeal_lodged", _("Appeal lodged")
    COURT_NOTIFIED = "court_notified", _("Court notified (art. 94 Vw 2000)")
    HEARING = "hearing", _("Hearing")
    RULING = "ruling", _("Ruling")
    FURTHER_APPEAL = "further_appeal", _("Further appeal")
    PROGRESS_REPORT = "progress_report", _("Progress report to the court")
    REVIEW = "review", _("Periodic review")


class Ruling(models.TextChoices):
    LAWFUL = "lawful", _("Lawful")
    UNLAWFUL = "unlawful", _("Unlawful")


# v2: tables with a fixed layout (the same text, columns no longer sized by their content).
ORDER_TEMPLATE_VERSION = "order-2026-12-v2"
