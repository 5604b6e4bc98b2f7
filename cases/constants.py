from django.db import models
from django.utils.translation import gettext_lazy as _

from dtv.accounts.constants import ChainPartner


class Phase(models.TextChoices):
    INTAKE = "intake", _("Intake")
    IN_PROGRESS = "in_progress", _("In progress")
    DEPARTURE_PREPARATION = "departure_preparation", _("Departure being prepared")
    CLOSED = "closed", _("Closed")


class AccessResult(models.TextChoices):
    """What came of an access to personal data (Logboek Dataverwerkingen: the status of the processing)."""

    SUCCESS = "success", _("Read")
    DENIED = "denied", _("Refused")


class AccessChannel(models.TextChoices):
    """How personal data was read: through the browser, the API, an export or the shell."""

    WEB = "web", _("Web interface")
    API = "api", _("API")
    EXPORT = "export", _("Export")
    SYSTEM = "system", _("System")


class DatePrecision(models.TextChoices):
    """How much of a date of birth is known: partial dates are normal in return cases."""

    FULL = "full", _("Full date")
    YEAR_MONTH = "year_month", _("Year and month")
    YEAR = "year", _("Year only")
    UNKNOWN = "unknown", _("Unknown")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    X = "x", _("X (unspecified)")
    UNKNOWN = "unknown", _("Unknown")


class NationalityStatus(models.TextChoices):
    CLAIMED = "claimed", _("Claimed")
    ESTABLISHED = "established", _("Established")


# ICAO Doc 9303 codes beside ISO 3166-1 alpha-3, as travel documents use them.
STATELESS = "XXA"
NATIONALITY_UNKNOWN = "XXX"


class Vulnerability(models.TextChoices):
    MINOR = "minor", _("Minor")
    UNACCOMPANIED_MINOR = "unaccompanied_minor", _("Unaccompanied minor (AMV)")
    MEDICAL = "medical", _("Medical")
    PREGNANCY = "pregnancy", _("Pregnancy")
    DISABILITY = "disability", _("Disability")
    FAMILY_WITH_MINORS = "family_with_minors", _("Family with minors")
    TRAFFICKING_VICTIM = "trafficking_victim", _("Victim of human trafficking")


class Source(models.TextChoices):
    """Who handed the case over (the inflow figures count these)."""

    IND = "ind", _("IND")
    POLICE = "police", _("Police (AVIM)")
    KMAR = "kmar", _("KMar")
    SELF_REGISTRATION = "self_registration", _("Self-registration")
    OTHER = "other", _("Other")


# The source a chain partner's handovers carry, and so the scope it reads back (permissions.py).
# Built from ChainPartner itself: a partner without a Source of the same value fails at import,
# instead of silently emptying that partner's scope.
SOURCE_OF_PARTNER = {partner: Source(partner.value) for partner in ChainPartner}


def source_of_partner(partner) -> Source | None:
    """The handover source of a chain partner's organisation; None for a user who is no chain partner."""
    return SOURCE_OF_PARTNER.get(partner) if partner else None


class Track(models.TextChoices):
    ASYLUM_REJECTED = "asylum_rejected", _("Asylum application rejected")
    DUBLIN = "dublin", _("Dublin claimant")
    REGULAR_REJECTED = "regular_rejected", _("Regular application rejected")
    CRIMINAL_JUSTICE = "criminal_justice", _("Criminal-justice chain (VRIS)")
    BORDER_REFUSAL = "border_refusal", _("Refused entry at the border")
    SELF_REGISTERED = "self_registered", _("Self-registered for return")


class HandoverOutcome(models.TextChoices):
    NEW_CASE = "new_case", _("New case opened")
    REPEATED = "repeated", _("Same handover received before")
    ADDED_TO_OPEN_CASE = "added_to_open_case", _("Added to the open case of this V-number")
    NEW_CASE_AFTER_CLOSED = "new_case_after_closed", _("New case, linked to the closed earlier case")
    # The V-number belongs to a person none of whose cases the sender has a part in: stored, attached
    # to nothing, until a DT&V officer matches it (intake.handover_match) or finds it is not this person.
    AWAITING_MATCH = "awaiting_match", _("Awaiting a match by DT&V")
    NOT_MATCHED = "not_matched", _("Not matched: not this V-number's person")


class DuplicateReview(models.TextChoices):
    """The review of a possible duplicate person: never merged silently, always decided by a person."""

    DISTINCT = "distinct", _("Different people")
    SAME_PERSON = "same_person", _("Same person: functional administration merges the records")


class ClosureReason(models.TextChoices):
    """Why a case left the caseload (DOMAIN.md, life of a dossier 12: outflow)."""

    DEPARTED_INDEPENDENTLY = "departed_independently", _("Departed independently (demonstrable)")
    DEPARTED_FORCED = "departed_forced", _("Departed under force (removal)")
    DEPARTED_UNSUPERVISED = "departed_unsupervised", _("Left without supervision, destination unknown")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit granted")
    ASYLUM_APPLICATION = "asylum_application", _("New asylum application (outflow without departure)")
    DECEASED = "deceased", _("Deceased")
    OTHER = "other", _("Other (departure options exhausted)")


# The closure reasons that are a departure: they record when the person left.
DEPARTURE_CLOSURES = (
    ClosureReason.DEPARTED_INDEPENDENTLY,
    ClosureReason.DEPARTED_FORCED,
    ClosureReason.DEPARTED_UNSUPERVISED,
)
# ... and those that are demonstrable (aantoonbaar): with destination and evidence, as outflow reporting needs.
DEMONSTRABLE_DEPARTURES = (ClosureReason.DEPARTED_INDEPENDENTLY, ClosureReason.DEPARTED_FORCED)


class DestinationType(models.TextChoices):
    """Where a person went who left demonstrably (DOMAIN.md 12; the outflow figures split on it)."""

    COUNTRY_OF_ORIGIN = "country_of_origin", _("Country of origin")
    DUBLIN_STATE = "dublin_state", _("Dublin member state")
    OTHER_COUNTRY = "other_country", _("Other country (with access)")


class ClosureEvidence(models.TextChoices):
    """What shows that the person left (demonstrable departure)."""

    REMOVAL_EXECUTED = "removal_executed", _("Removal carried out (KMar report)")
    IOM_CONFIRMATION = "iom_confirmation", _("Confirmation by IOM or an NGO")
    BORDER_CROSSING = "border_crossing", _("Exit stamp or border check")
    OTHER = "other", _("Other evidence (described in the remark)")


# The states bound by the Dublin regulation (Reg. 604/2013 art. 1; Reg. 2024/1351 art. 1 and the
# association agreements): the EU member states, Iceland, Liechtenstein, Norway and Switzerland.
DUBLIN_STATES = frozenset(
    {
        "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
        "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
        "ISL", "LIE", "NOR", "CHE",
    }
)  # fmt: skip


class FamilyRelation(models.TextChoices):
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    PARTNER = "partner", _("Partner")
    SIBLING = "sibling", _("Brother or sister")
    OTHER = "other", _("Other relative")


# A family link is recorded both ways: the relative's side is the inverse relation.
INVERSE_FAMILY_RELATION = {
    FamilyRelation.PARENT: FamilyRelation.CHILD,
    FamilyRelation.CHILD: FamilyRelation.PARENT,
    FamilyRelation.PARTNER: FamilyRelation.PARTNER,
    FamilyRelation.SIBLING: FamilyRelation.SIBLING,
    FamilyRelation.OTHER: FamilyRelation.OTHER,
}


class InterviewKind(models.TextChoices):
    FIRST = "first", _("First departure interview")
    FOLLOW_UP = "follow_up", _("Follow-up interview")
    FINAL = "final", _("Final interview")


class InterpreterMode(models.TextChoices):
    IN_PERSON = "in_person", _("Interpreter present in person")
    PHONE = "phone", _("Interpreter by phone")
    NONE = "none", _("No interpreter")


class Stance(models.TextChoices):
    """The person's stance towards departure, as the case officer assessed it in the interview."""

    COOPERATING = "cooperating", _("Cooperating")
    NOT_COOPERATING = "not_cooperating", _("Not cooperating")
    UNDECIDED = "undecided", _("Undecided")


class ProcedureKind(models.TextChoices):
    OBJECTION = "objection", _("Objection (bezwaar)")
    APPEAL = "appeal", _("Appeal (beroep)")
    FURTHER_APPEAL = "further_appeal", _("Further appeal (hoger beroep)")
    INTERIM_RELIEF = "interim_relief", _("Interim relief (voorlopige voorziening)")
    ECTHR_RULE_39 = "ecthr_rule_39", _("ECtHR interim measure (Rule 39)")
    REPEATED_ASYLUM = "repeated_asylum", _("Repeated asylum application")
    REGULAR_APPLICATION = "regular_application", _("Regular application")
    MEDICAL_POSTPONEMENT = "medical_postponement", _("Medical postponement of removal (art. 64 Vw 2000)")


# The legal basis shown beside a procedure that blocks removal.
PROCEDURE_LEGAL_BASIS = {
    ProcedureKind.OBJECTION: "art. 73 Vw 2000 / art. 7:1 Awb",
    ProcedureKind.APPEAL: "art. 82 Vw 2000 / art. 8:1 Awb",
    ProcedureKind.FURTHER_APPEAL: "art. 8:104 Awb",
    ProcedureKind.INTERIM_RELIEF: "art. 8:81 Awb",
    ProcedureKind.ECTHR_RULE_39: "art. 39 Procesreglement EHRM",
    ProcedureKind.REPEATED_ASYLUM: "art. 40-41 Richtlijn 2013/32/EU",
    ProcedureKind.REGULAR_APPLICATION: "art. 14 Vw 2000",
    ProcedureKind.MEDICAL_POSTPONEMENT: "art. 64 Vw 2000",
}

# Granted measures of these kinds stop removal while they are in force, whatever the main procedure.
PROTECTIVE_MEASURES = (
    ProcedureKind.INTERIM_RELIEF,
    ProcedureKind.ECTHR_RULE_39,
    ProcedureKind.MEDICAL_POSTPONEMENT,
)


class ObstacleKind(models.TextChoices):
    """What stands in the way of removal: the law (a procedure that may be awaited, a measure) or the facts."""

    LEGAL = "legal", _("Legal obstacle")
    PRACTICAL = "practical", _("Practical obstacle")


class ProcedureOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")
    INADMISSIBLE = "inadmissible", _("Inadmissible")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    ID_CARD = "id_card", _("Identity card")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    DECISION = "decision", _("Decision")
    OTHER = "other", _("Other")


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MET = "met", _("Met")
    OVERDUE = "overdue", _("Overdue")
    CANCELLED = "cancelled", _("Cancelled")
    SUSPENDED = "suspended", _("Suspended")


# Deadlines that still demand something of someone: the sweep and the work queue look at these only.
LIVE_DEADLINE_STATUSES = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)
# Deadlines that still count, though a suspended one waits (DeadlineQuerySet.running()).
RUNNING_DEADLINE_STATUSES = (*LIVE_DEADLINE_STATUSES, DeadlineStatus.SUSPENDED)

# The departure term of a return decision: 28 days unless a shorter or longer term is reasoned
# (art. 62 lid 1 Vw 2000). The model default, its constraint, the form, the service and the
# deadline rule's parameters all read this one number.
DEPARTURE_TERM_DAYS = 28


class SweepStage(models.TextChoices):
    """What the sweep does next for a deadline, in this order (TARGET only where the target precedes the legal day)."""

    REMINDER = "reminder", _("Reminder before the deadline")
    TARGET = "target", _("Internal target reached")
    DUE = "due", _("Deadline passed")
    ESCALATION = "escalation", _("Escalated to the team lead")


class Responsible(models.TextChoices):
    """Who must act on a deadline; resolved to a person when the sweep acts."""

    CASE_OFFICER = "case_officer", _("Case officer")
    TEAM_LEAD = "team_lead", _("Team lead")
    ENFORCEMENT_OFFICER = "enforcement_officer", _("Enforcement officer")


class HolidayKind(models.TextChoices):
    STATUTORY = "statutory", _("Recognised public holiday (Atw art. 3 paragraphs 1-2)")
    DESIGNATED = "designated", _("Designated by decree (Atw art. 3 paragraph 3)")
