"""Intake: a chain partner's handover becomes a case exactly once (DOMAIN.md, life of a dossier 1-2).

Every channel (the API, the registration form, the shell, a later bulk import) hands in a
`HandoverData`; `handover_receive` validates it first (`handover_validate`), so all of them obey the
same rules and nothing is saved from a handover that breaks one.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from dtv.core.exceptions import DomainError

from . import events, signals
from .constants import (
    DatePrecision,
    HandoverOutcome,
    NationalityStatus,
    Phase,
    Sex,
    Source,
    Track,
    Vulnerability,
)
from .countries import is_country
from .languages import is_language_code
from .models import Alias, Case, ForeignNational, Handover, Nationality
from .people import person_set_search_names
from .permissions import can_edit_case, cases_visible_to
from .validators import v_number_validator

# DT&V exists since 1 January 2007: no handover to it can be older (a typo such as 0226 for 2026 is).
FIRST_HANDOVER_DATE = dt.date(2007, 1, 1)
# The oldest plausible date of birth, as dates.parse_partial_date reads it.
FIRST_YEAR_OF_BIRTH = 1900
MAX_NATIONALITIES = 5
MAX_ALIASES = 20
MAX_LANGUAGES = 10
# The lengths of the model fields they end up in.
NAME_LENGTH = 200
REFERENCE_LENGTH = 100


@dataclass(frozen=True)
class HandoverData:
    """A handover as a channel received it; `handover_validate` says whether it may become a case."""

    source: str
    reference: str
    handover_date: dt.date
    v_number: str
    surname: str
    given_names: str = ""
    date_of_birth: dt.date | None = None
    date_of_birth_precision: str = DatePrecision.UNKNOWN
    sex: str = Sex.UNKNOWN
    nationalities: list = field(default_factory=list)  # [(alpha-3, status)]
    aliases: list = field(default_factory=list)  # [(surname, given names)]
    languages: list = field(default_factory=list)
    vulnerabilities: list = field(default_factory=list)
    track: str = ""
    confidential: bool = False
    legal_representative_name: str = ""
    legal_representative_office: str = ""
    legal_representative_contact: str = ""
    payload: dict = field(default_factory=dict)

    @classmethod
    def from_cleaned(cls, data: Mapping, *, source, payload) -> "HandoverData":
        """A handover from a form's cleaned_data or a serializer's validated_data, whatever their extra keys.

        `date_of_birth` comes as the (date, precision) pair dates.parse_partial_date returns;
        nationalities as {"country", "status"} and aliases as {"surname", "given_names"} mappings.
        """
        names = {f.name for f in fields(cls)} - {"source", "payload", "date_of_birth", "date_of_birth_precision"}
        values = {name: data[name] for name in names if name in data}
        date_of_birth, precision = data.get("date_of_birth") or (None, DatePrecision.UNKNOWN)
        values.update(
            nationalities=[(n["country"].upper(), n["status"]) for n in data.get("nationalities", [])],
            aliases=[(a["surname"], a.get("given_names", "")) for a in data.get("aliases", [])],
            languages=[code.strip().lower() for code in data.get("languages", [])],
            vulnerabilities=list(data.get("vulnerabilities", [])),
        )
        return cls(
            source=source,
            date_of_birth=date_of_birth,
            date_of_birth_precision=precision,
            payload=payload,
            **values,
        )


def handover_validate(data: HandoverData, *, today: dt.date) -> None:
    """Every rule a handover must meet before it becomes a case; ValidationError({field: messages}) otherwise."""
    errors = {}

    def refuse(name, message, code):
        errors.setdefault(name, []).append(ValidationError(message, code=code))

    if data.source not in Source.values:
        refuse("source", _("Unknown source of the handover."), "invalid_choice")
    _check_text(refuse, "reference", data.reference, REFERENCE_LENGTH, required=True)
    try:
        v_number_validator(data.v_number or "")
    except ValidationError as error:
        errors.setdefault("v_number", []).extend(error.error_list)
    _check_text(refuse, "surname", data.surname, NAME_LENGTH, required=True)
    _check_text(refuse, "given_names", data.given_names, NAME_LENGTH)
    if data.handover_date > today:
        refuse("handover_date", _("The handover date cannot lie in the future."), "future_date")
    elif data.handover_date < FIRST_HANDOVER_DATE:
        refuse(
            "handover_date", _("A handover date before 2007 (when DT&V began) is not plausible."), "implausible_date"
        )
    _check_date_of_birth(refuse, data, today)
    if data.sex not in Sex.values:
        refuse("sex", _("Unknown sex."), "invalid_choice")
    _check_nationalities(refuse, data.nationalities)
    _check_aliases(refuse, data.aliases)
    _check_languages(refuse, data.languages)
    _check_vulnerabilities(refuse, data.vulnerabilities)
    if data.track not in Track.values:
        refuse("track", _("Choose the track the person came through."), "invalid_choice")
    for name in ("legal_representative_name", "legal_representative_office", "legal_representative_contact"):
        _check_text(refuse, name, getattr(data, name), NAME_LENGTH)
    if errors:
        raise ValidationError(errors)


def _check_text(refuse, name, value, length, *, required=False):
    if required and not (value or "").strip():
        refuse(name, _("Fill in this field."), "required")
    elif len(value or "") > length:
        refuse(name, _("At most %(length)d characters.") % {"length": length}, "max_length")


def _check_date_of_birth(refuse, data, today):
    day, precision = data.date_of_birth, data.date_of_birth_precision
    if precision not in DatePrecision.values or (day is None) != (precision == DatePrecision.UNKNOWN):
        refuse("date_of_birth", _("A date of birth needs its precision, and a precision its date."), "precision")
        return
    if day is None:
        return
    if day > today:
        refuse("date_of_birth", _("A date of birth cannot lie in the future."), "future_date")
    elif day.year < FIRST_YEAR_OF_BIRTH:
        refuse("date_of_birth", _("A date of birth before 1900 is not plausible."), "implausible_date")
    # A partial date is stored on its first day (dates.py); anything else would read as another date.
    if (
        precision == DatePrecision.YEAR
        and (day.month, day.day) != (1, 1)
        or (precision == DatePrecision.YEAR_MONTH and day.day != 1)
    ):
        refuse("date_of_birth", _("A partial date of birth is given on its first day."), "precision")


def _check_nationalities(refuse, nationalities):
    codes = [code for code, _status in nationalities]
    if not codes:
        refuse("nationalities", _("Give at least one nationality (XXX when it is unknown)."), "required")
    if len(codes) > MAX_NATIONALITIES:
        refuse("nationalities", _("At most %(count)d nationalities.") % {"count": MAX_NATIONALITIES}, "max_length")
    unknown = [code for code in codes if not is_country(code)]
    if unknown:
        refuse(
            "nationalities",
            _("Unknown country code: %(codes)s. Use ISO 3166-1 alpha-3, XXA (stateless) or XXX (unknown).")
            % {"codes": ", ".join(unknown)},
            "country",
        )
    if len(codes) != len(set(codes)):
        refuse("nationalities", _("A nationality is listed twice."), "duplicate")
    if any(status not in NationalityStatus.values for _code, status in nationalities):
        refuse("nationalities", _("A nationality is either claimed or established."), "invalid_choice")


def _check_aliases(refuse, aliases):
    if len(aliases) > MAX_ALIASES:
        refuse("aliases", _("At most %(count)d aliases.") % {"count": MAX_ALIASES}, "max_length")
    if any(not (surname or "").strip() for surname, _given in aliases):
        refuse("aliases", _("An alias needs a surname."), "required")
    if any(len(surname or "") > NAME_LENGTH or len(given or "") > NAME_LENGTH for surname, given in aliases):
        refuse("aliases", _("At most %(length)d characters.") % {"length": NAME_LENGTH}, "max_length")


def _check_languages(refuse, languages):
    if len(languages) > MAX_LANGUAGES:
        refuse("languages", _("At most %(count)d languages.") % {"count": MAX_LANGUAGES}, "max_length")
    unknown = [code for code in languages if not is_language_code(code)]
    if unknown:
        refuse("languages", _("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)}, "language")
    if len(languages) != len(set(languages)):
        refuse("languages", _("A language is listed twice."), "duplicate")


def _check_vulnerabilities(refuse, vulnerabilities):
    unknown = [value for value in vulnerabilities if value not in Vulnerability.values]
    if unknown:
        refuse("vulnerabilities", _("Unknown vulnerability: %(values)s.") % {"values": ", ".join(unknown)}, "invalid")
    if len(vulnerabilities) != len(set(vulnerabilities)):
        refuse("vulnerabilities", _("A vulnerability is listed twice."), "duplicate")


# A new V-number handed over by several partners at once: every loser of the race to create the
# person finds it on the next attempt; three attempts cover any interleaving of one insert.
_RECEIVE_ATTEMPTS = 3


def handover_receive(*, data: HandoverData, received_by, now) -> tuple[Handover, bool]:
    """Turn a handover into a case; the same (source, reference) again returns the first result, unchanged.

    A V-number alone never opens a case to its sender: when it belongs to a person none of whose
    cases lies within the sender's scope, the handover is stored attached to nothing, awaiting a
    DT&V officer's match (`handover_match`), and its reply names nothing of the existing person.
    """
    handover_validate(data, today=timezone.localdate(now))
    existing = _find(data)
    if existing is not None:
        return _the_same_handover(existing, data), False
    for _attempt in range(_RECEIVE_ATTEMPTS - 1):
        try:
            return _receive(data=data, received_by=received_by, now=now), True
        except IntegrityError:
            # A concurrent request stored the same handover, or created the person of this new
            # V-number first: the next attempt finds (and locks) that person.
            existing = _find(data)
            if existing is not None:
                return _the_same_handover(existing, data), False
    return _receive(data=data, received_by=received_by, now=now), True


def _the_same_handover(existing, data):
    """The stored handover of this (source, reference), unless the repeat names another person.

    A repeat is answered with the first result (a partner's retry after a lost reply). A reference
    used again for another V-number or surname is a mistake at the sender: refused, with a message
    that names nothing of the person first handed over under it (security review 1, §12).
    """
    stored_surname = existing.payload.get("surname") if isinstance(existing.payload, dict) else None
    other_v_number = bool(existing.v_number) and existing.v_number != data.v_number
    other_surname = (
        isinstance(stored_surname, str) and stored_surname.strip().casefold() != data.surname.strip().casefold()
    )
    if other_v_number or other_surname:
        raise DomainError(
            _(
                "This handover reference was used before for another person. Nothing was stored: "
                "hand this person over under a reference of their own."
            ),
            code="reference_conflict",
        )
    return existing


def _find(data):
    return Handover.objects.select_related("case").filter(source=data.source, reference=data.reference).first()


@transaction.atomic
def _receive(*, data, received_by, now):
    person = ForeignNational.objects.select_for_update().filter(v_number=data.v_number).first()
    new_person = person is None
    if new_person:
        person = _create_person(data)
    open_case = person.cases.open().order_by("-opened_at", "-id").first()
    if new_person:
        takes_part = True
    elif open_case is not None:
        takes_part = cases_visible_to(received_by).filter(pk=open_case.pk).exists()
    else:
        takes_part = cases_visible_to(received_by).filter(foreign_national=person).exists()
    if not takes_part:
        return Handover.objects.create(
            source=data.source,
            reference=data.reference,
            v_number=data.v_number,
            handover_date=data.handover_date,
            received_at=now,
            received_by=received_by,
            case=None,
            outcome=HandoverOutcome.AWAITING_MATCH,
            payload=data.payload,
        )
    if open_case is not None:
        case, outcome = open_case, HandoverOutcome.ADDED_TO_OPEN_CASE
    else:
        case, outcome = _open_case(
            person,
            source=data.source,
            reference=data.reference,
            track=data.track,
            confidential=data.confidential,
            duplicate_of=_near_duplicate(person, data) if new_person else None,
            actor=received_by,
            now=now,
        )
    handover = Handover.objects.create(
        source=data.source,
        reference=data.reference,
        v_number=data.v_number,
        handover_date=data.handover_date,
        received_at=now,
        received_by=received_by,
        case=case,
        outcome=outcome,
        payload=data.payload,
    )
    _record_received(handover, actor=received_by, now=now)
    return handover


def _record_received(handover, *, actor, now):
    events.case_event_record(
        case=handover.case,
        kind=events.HANDOVER_RECEIVED,
        actor=actor,
        now=now,
        data={"source": handover.source, "reference": handover.reference, "outcome": handover.outcome},
    )


def _open_case(person, *, source, reference, track, confidential, duplicate_of, actor, now):
    earlier = person.cases.closed().order_by("-opened_at", "-id").first()
    case = Case.objects.create(
        foreign_national=person,
        phase=Phase.INTAKE,
        opened_at=now,
        source=source,
        track=track,
        confidential=confidential,
        previous_case=earlier,
        possible_duplicate_of=duplicate_of,
    )
    outcome = HandoverOutcome.NEW_CASE_AFTER_CLOSED if earlier else HandoverOutcome.NEW_CASE
    events.case_event_record(
        case=case,
        kind=events.CASE_OPENED,
        actor=actor,
        now=now,
        data={"source": source, "reference": reference, "previous_case": earlier.pk if earlier else None},
    )
    signals.send_on_commit(
        signals.case_opened,
        case_id=case.pk,
        foreign_national_id=person.pk,
        source=source,
        previous_case_id=earlier.pk if earlier else None,
        actor_id=actor.pk,
        at=now,
    )
    if case.possible_duplicate_of_id:
        events.case_event_record(
            case=case,
            kind=events.CASE_POSSIBLE_DUPLICATE,
            actor=None,
            now=now,
            data={"foreign_national": case.possible_duplicate_of_id},
        )
    return case, outcome


# --- Matching a handover that named a person outside its sender's scope -----------------------------------


def _match_targets(v_numbers) -> dict[str, Case]:
    """The open case a handover awaiting a match of each V-number would join (the newest), in one query."""
    targets = {}
    cases = Case.objects.open().filter(foreign_national__v_number__in=v_numbers).select_related("foreign_national")
    for case in cases.order_by("-opened_at", "-id"):
        targets.setdefault(case.foreign_national.v_number, case)
    return targets


def handover_match_target(handover) -> Case | None:
    """The open case a handover awaiting a match would join (None: a new case after the closed ones)."""
    return _match_targets([handover.v_number]).get(handover.v_number)


def handover_subject(handover) -> ForeignNational | None:
    """The person a handover names by its V-number (for the access log of a handover awaiting a match)."""
    return ForeignNational.objects.filter(v_number=handover.v_number).first()


def _may_match_handovers(user) -> bool:
    return user.is_authenticated and user.has_perm("cases.assign_case") and bool(user.team_id)


def _may_match(user, target) -> bool:
    # A handover joins `target` (or opens a new case after the closed ones, target None).
    return target is None or can_edit_case(user, target)


def can_match_handover(user, handover) -> bool:
    """Whether `user` may decide on a handover awaiting a match: a team lead who may change the case it joins."""
    return _may_match_handovers(user) and _may_match(user, handover_match_target(handover))


@dataclass(frozen=True)
class HandoverToMatch:
    """A handover awaiting a match as the team lead compares it: what was sent, the person, the case it joins."""

    handover: Handover
    person: ForeignNational | None
    target: Case | None

    @property
    def sent_surname(self) -> str:
        return self._sent("surname")

    @property
    def sent_given_names(self) -> str:
        return self._sent("given_names")

    def _sent(self, key) -> str:
        payload = self.handover.payload if isinstance(self.handover.payload, dict) else {}
        return str(payload.get(key, ""))[:200]


def handovers_to_match(*, user) -> list[HandoverToMatch]:
    """The handovers awaiting a match that `user` may decide on, oldest first, with person and target (3 queries)."""
    if not _may_match_handovers(user):
        return []
    pending = list(Handover.objects.filter(outcome=HandoverOutcome.AWAITING_MATCH).order_by("received_at", "id"))
    v_numbers = {handover.v_number for handover in pending}
    targets = _match_targets(v_numbers)
    people = ForeignNational.objects.in_bulk(v_numbers, field_name="v_number") if v_numbers else {}
    return [
        HandoverToMatch(handover=handover, person=people.get(handover.v_number), target=targets.get(handover.v_number))
        for handover in pending
        if _may_match(user, targets.get(handover.v_number))
    ]


def handovers_awaiting_match(*, user) -> list[Handover]:
    """The handovers awaiting a match that `user` may decide on, oldest first."""
    return [row.handover for row in handovers_to_match(user=user)]


def _lock_awaiting(handover, actor):
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if handover.outcome != HandoverOutcome.AWAITING_MATCH:
        raise DomainError(_("This handover has been dealt with already."), code="handover_not_awaiting_match")
    if not can_match_handover(actor, handover):
        raise PermissionDenied(_("You may not match this handover."))
    return handover


@transaction.atomic
def handover_match(*, handover, actor, now) -> Handover:
    """Attach a handover that awaited a match to its V-number's person: the open case, or a new one after the closed."""
    handover = _lock_awaiting(handover, actor)
    person = ForeignNational.objects.select_for_update().get(v_number=handover.v_number)
    open_case = person.cases.open().order_by("-opened_at", "-id").first()
    if open_case is not None:
        handover.case, handover.outcome = open_case, HandoverOutcome.ADDED_TO_OPEN_CASE
    else:
        track = handover.payload.get("track") if isinstance(handover.payload, dict) else ""
        handover.case, handover.outcome = _open_case(
            person,
            source=handover.source,
            reference=handover.reference,
            track=track if track in Track.values else "",
            confidential=False,
            duplicate_of=None,
            actor=actor,
            now=now,
        )
    handover.matched_at, handover.matched_by = now, actor
    handover.save(update_fields=["case", "outcome", "matched_at", "matched_by"])
    _record_received(handover, actor=actor, now=now)
    return handover


@transaction.atomic
def handover_not_matched(*, handover, actor, now) -> Handover:
    """Record that a handover awaiting a match is not about its V-number's person: it stays attached to nothing."""
    handover = _lock_awaiting(handover, actor)
    handover.outcome, handover.matched_at, handover.matched_by = HandoverOutcome.NOT_MATCHED, now, actor
    handover.save(update_fields=["outcome", "matched_at", "matched_by"])
    return handover


def _create_person(data):
    aliases = [Alias(surname=surname, given_names=given) for surname, given in data.aliases]
    person = ForeignNational(
        v_number=data.v_number,
        surname=data.surname,
        given_names=data.given_names,
        date_of_birth=data.date_of_birth,
        date_of_birth_precision=data.date_of_birth_precision,
        sex=data.sex,
        languages=list(data.languages),
        vulnerabilities=list(data.vulnerabilities),
        legal_representative_name=data.legal_representative_name,
        legal_representative_office=data.legal_representative_office,
        legal_representative_contact=data.legal_representative_contact,
    )
    person_set_search_names(person, aliases)
    person.save()
    # With history: a bulk insert would otherwise leave these rows out of the change history.
    bulk_create_with_history(
        [Nationality(foreign_national=person, country=code, status=status) for code, status in data.nationalities],
        Nationality,
    )
    for alias in aliases:
        alias.foreign_national = person
    bulk_create_with_history(aliases, Alias)
    return person


def _near_duplicate(person, data):
    """Another person with a variant of the surname, the same date of birth and a shared nationality: flag, never merge.

    The same spelling-variant matching as name search (ForeignNationalQuerySet.named_like): "Hassan"
    handed over by the police is flagged against "Hasan" handed over by the IND.
    """
    if data.date_of_birth is None or not data.nationalities:
        return None
    countries = [code for code, _status in data.nationalities]
    return (
        ForeignNational.objects.named_like(data.surname)
        .filter(date_of_birth=data.date_of_birth, nationalities__country__in=countries)
        .exclude(pk=person.pk)
        .order_by("pk")
        .first()
    )
