from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    INTAKE = "intake", _("Intake")
    IN_PROGRESS = "in_progress", _("In progress")
    DEPARTURE_PREPARATION = "departure_preparation", _("Departure being prepared")
    CLOSED = "closed", _("Closed")


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
