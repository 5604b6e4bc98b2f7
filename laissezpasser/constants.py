"""The vocabulary of travel-document requests: states, answers, channels, reason codes (stored data: never rename)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MissionKind(models.TextChoices):
    EMBASSY = "embassy", _("Embassy")
    CONSULATE = "consulate", _("Consulate")


class Readmission(models.TextChoices):
    """What binds the country to take its nationals back."""

    EU = "eu", _("EU readmission agreement")
    BILATERAL = "bilateral", _("Bilateral (Benelux) readmission agreement")
    MEMORANDUM = "memorandum", _("Memorandum of understanding")
    NONE = "none", _("No agreement")


class ProofDocument(models.TextChoices):
    """Documents a country accepts as proof of nationality or identity."""

    PASSPORT = "passport", _("Passport (also expired)")
    ID_CARD = "id_card", _("Identity card")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    MILITARY_BOOK = "military_book", _("Military service book")
    CIVIL_REGISTER = "civil_register", _("Extract from the civil register")
    FAMILY_DOCUMENTS = "family_documents", _("Documents of family members")
    COPIES = "copies", _("Copies of documents")


class Channel(models.TextChoices):
    """How DT&V reached the mission, or the mission answered."""

    POST = "post", _("Letter")
    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("The country's online portal")
    IN_PERSON = "in_person", _("At the mission in person")
    PHONE = "phone", _("Telephone")
    LIAISON = "liaison", _("Liaison officer / diplomatic channel")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    PRESENTATION_SCHEDULED = "presentation_scheduled", _("Presentation scheduled")
    PRESENTED = "presented", _("Presented")
    ESCALATED = "escalated", _("Escalated")
    NATIONALITY_CONFIRMED = "nationality_confirmed", _("Nationality confirmed")
    IDENTITY_CONFIRMED = "identity_confirmed", _("Identity confirmed")
    NOT_NATIONAL = "not_national", _("Not a national")
    NOT_ESTABLISHED = "not_established", _("Cannot be established")
    ISSUED = "issued", _("Laissez-passer issued")
    USED = "used", _("Used")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Answer(models.TextChoices):
    """What a mission can answer; each is also the state the request moves to."""

    NATIONALITY_CONFIRMED = State.NATIONALITY_CONFIRMED.value, State.NATIONALITY_CONFIRMED.label
    IDENTITY_CONFIRMED = State.IDENTITY_CONFIRMED.value, State.IDENTITY_CONFIRMED.label
    NOT_NATIONAL = State.NOT_NATIONAL.value, State.NOT_NATIONAL.label
    NOT_ESTABLISHED = State.NOT_ESTABLISHED.value, State.NOT_ESTABLISHED.label
    ISSUED = State.ISSUED.value, State.ISSUED.label


class WithdrawalReason(models.TextChoices):
    OUTFLOW = "outflow", _("The person left the caseload")
    NO_ANSWER = "no_answer", _("No answer after the escalation period")
    OTHER = "other", _("Other")


class ContactKind(models.TextChoices):
    REMINDER_SENT = "reminder_sent", _("Reminder sent")
    ANSWER_RECEIVED = "answer_received", _("Message received")


ANSWER_STATES = frozenset(Answer.values)
# A request still under way: no second one for the same case and country meanwhile. An issued LP
# counts as open until it is used or expires.
OPEN_STATES = frozenset(
    {
        State.DRAFT,
        State.SUBMITTED,
        State.PRESENTATION_SCHEDULED,
        State.PRESENTED,
        State.ESCALATED,
        State.NATIONALITY_CONFIRMED,
        State.IDENTITY_CONFIRMED,
        State.ISSUED,
    }
)
# Waiting for the mission: reminders run and an answer can come.
AWAITING_STATES = frozenset(
    {
        State.SUBMITTED,
        State.PRESENTATION_SCHEDULED,
        State.PRESENTED,
        State.ESCALATED,
        State.NATIONALITY_CONFIRMED,
        State.IDENTITY_CONFIRMED,
    }
)
CONFIRMING_ANSWERS = frozenset({State.NATIONALITY_CONFIRMED, State.IDENTITY_CONFIRMED, State.ISSUED})
REFUSING_ANSWERS = frozenset({State.NOT_NATIONAL, State.NOT_ESTABLISHED})


class Figure(models.TextChoices):
    """What a row of a country's tally counts (CountryTally; stored data: never rename)."""

    SUBMITTED = "submitted", _("Submissions")
    # A request's first answer, with its response days: it confirmed nationality or identity or was an LP, or not.
    ANSWER_CONFIRMING = "answer_confirming", _("First answers confirming")
    ANSWER_REFUSING = "answer_refusing", _("First answers not confirming")
    # A submitted request's first presentation demanded (a later one for the same request counts no more).
    PRESENTATION = "presentation", _("Presentations demanded")
    WITHDRAWN = "withdrawn", _("Withdrawals")
    # An LP issued, with its validity in days (first and last day included; 0 when the dates are not recorded).
    ISSUED = "issued", _("Laissez-passers issued")


# Who may move a request from which state (the services check it; the pages offer only these).
TRANSITIONS = {
    "submit": ({State.DRAFT}, State.SUBMITTED),
    "schedule_presentation": (
        {State.SUBMITTED, State.ESCALATED, State.NATIONALITY_CONFIRMED, State.IDENTITY_CONFIRMED},
        State.PRESENTATION_SCHEDULED,
    ),
    "record_presentation": ({State.PRESENTATION_SCHEDULED}, State.PRESENTED),
    "record_answer": (
        {
            State.SUBMITTED,
            State.PRESENTATION_SCHEDULED,
            State.PRESENTED,
            State.ESCALATED,
            State.NATIONALITY_CONFIRMED,
            State.IDENTITY_CONFIRMED,
        },
        None,  # the answer given
    ),
    "escalate": (
        {
            State.SUBMITTED,
            State.PRESENTATION_SCHEDULED,
            State.PRESENTED,
            State.NATIONALITY_CONFIRMED,
            State.IDENTITY_CONFIRMED,
        },
        State.ESCALATED,
    ),
    "record_use": ({State.ISSUED}, State.USED),
    "record_expiry": ({State.ISSUED}, State.EXPIRED),
    "withdraw": (set(OPEN_STATES), State.WITHDRAWN),
}

# Raad van State 19 November 2025 (the ECLI is to be added once functional administration records it).
RVS_2025_BASIS = "ABRvS 19 november 2025 (presentatie en LP-aanvraag tijdens asielberoep)"
