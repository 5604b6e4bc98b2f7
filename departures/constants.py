"""The choices of departures: plan tracks, removal kinds and states, notices, cancellation codes, Dublin claims."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartureTrack(models.TextChoices):
    """How the person leaves (DOMAIN.md 5, 8). Not `cases.Track`, which is the procedural route into the caseload."""

    INDEPENDENT = "independent", _("Independent departure")
    SUPPORTED = "supported", _("Independent departure with IOM/NGO support")
    FORCED = "forced", _("Forced departure")


class ApprovalState(models.TextChoices):
    """The team lead's four-eyes decision on a plan version that chooses the forced track."""

    NOT_NEEDED = "not_needed", _("No approval needed")
    PENDING = "pending", _("Awaiting a team lead's approval")
    APPROVED = "approved", _("Approved by a team lead")


class RemovalKind(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled flight")
    CHARTER = "charter", _("Charter flight")
    FRONTEX_JRO = "frontex_jro", _("Frontex joint return operation (JRO)")
    FRONTEX_NRO = "frontex_nro", _("Frontex national return operation (NRO)")
    FRONTEX_CRO = "frontex_cro", _("Frontex collecting return operation (CRO)")


class RemovalState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    NOTIFIED = "notified", _("Notified")
    CONFIRMED = "confirmed", _("Confirmed")
    EXECUTED = "executed", _("Executed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_REMOVAL_STATES = (RemovalState.PLANNED, RemovalState.NOTIFIED, RemovalState.CONFIRMED)

# transition → (the states it may start from, the state it leads to); the services guard with it.
TRANSITIONS = {
    "notify": ((RemovalState.PLANNED, RemovalState.NOTIFIED), RemovalState.NOTIFIED),
    "confirm": ((RemovalState.NOTIFIED,), RemovalState.CONFIRMED),
    "execute": ((RemovalState.CONFIRMED,), RemovalState.EXECUTED),
    "cancel": (OPEN_REMOVAL_STATES, RemovalState.CANCELLED),
    "rebook": (OPEN_REMOVAL_STATES, RemovalState.CANCELLED),
}


class NoticeRecipient(models.TextChoices):
    PERSON = "person", _("The person")
    LEGAL_REPRESENTATIVE = "legal_representative", _("The legal representative")


class NoticeMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person (with interpreter)")
    LETTER = "letter", _("Letter handed over")
    EMAIL = "email", _("E-mail")
    FAX = "fax", _("Fax")
    PHONE = "phone", _("Telephone (confirmed in writing)")


class CancellationReason(models.TextChoices):
    """Why a removal did not go ahead (DOMAIN.md 10; the Inspectie's 2017 categories)."""

    ABSCONDED = "absconded", _("Absconded / left with unknown destination after the announcement")
    INTERIM_RELIEF = "interim_relief", _("Interim relief granted (voorlopige voorziening)")
    RULE_39 = "rule_39", _("ECtHR interim measure (Rule 39)")
    NEW_ASYLUM_APPLICATION = "new_asylum_application", _("New asylum application")
    OTHER_APPLICATION = "other_application", _("Other application")
    MEDICAL = "medical", _("Medical reasons")
    RESISTANCE = "resistance", _("Resistance")
    CARRIER_REFUSED = "carrier_refused", _("Carrier refused")
    ENTRY_REFUSED = "entry_refused", _("Destination refused entry")
    TRAVEL_DOCUMENT = "travel_document", _("Travel document")
    INSUFFICIENT_PREPARATION = "insufficient_preparation", _("Insufficient preparation")
    OTHER = "other", _("Other")


class CheckStatus(models.TextChoices):
    PASSED = "passed", _("Met")
    FAILED = "failed", _("Not met")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class DublinClaimKind(models.TextChoices):
    TAKE_CHARGE = "take_charge", _("Take charge")
    TAKE_BACK = "take_back", _("Take back")


class DublinAnswer(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ACCEPTED = "accepted", _("Accepted explicitly")
    TACITLY_ACCEPTED = "tacitly_accepted", _("Accepted tacitly (no answer in time)")
    REFUSED = "refused", _("Refused")


class DublinCircumstance(models.TextChoices):
    """The ground that sets the Dublin transfer time limit (the deadline's params["circumstance"])."""

    NONE = "none", _("No special circumstance")
    DETAINED = "detained", _("Detained")
    IMPRISONED = "imprisoned", _("Imprisoned")
    ABSCONDED = "absconded", _("Absconded")
    # The three other grounds of the 3-year extension of art. 46 lid 2 Reg. 2024/1351.
    RESISTS = "resists", _("Physically resists the transfer")
    UNFIT = "unfit", _("Intentionally made themself unfit for the transfer")
    MEDICAL_NON_COMPLIANCE = "medical_non_compliance", _("Does not comply with the medical requirements")


FLIGHT_NOTICE_BASIS = "Vreemdelingencirculaire 2000 (aankondiging vertrek)"
MEDICAL_POSTPONEMENT_BASIS = "art. 64 Vw 2000"
