"""Intake: a chain partner's handover becomes a case exactly once (DOMAIN.md, life of a dossier 1-2)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from . import events, signals
from .constants import DatePrecision, HandoverOutcome, Phase, Sex, Source
from .models import Alias, Case, ForeignNational, Handover, Nationality
from .people import person_search_name


@dataclass(frozen=True)
class HandoverData:
    """A validated handover, whatever channel it came through (API, intake form, shell)."""

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


def handover_receive(*, data: HandoverData, received_by, now) -> tuple[Handover, bool]:
    """Turn a handover into a case; the same (source, reference) again returns the first result, unchanged."""
    existing = _find(data)
    if existing is not None:
        return existing, False
    try:
        return _receive(data=data, received_by=received_by, now=now), True
    except IntegrityError:
        # A concurrent request with the same handover (or the same new V-number) won the race.
        existing = _find(data)
        if existing is None:
            raise
        return existing, False


def _find(data):
    return Handover.objects.select_related("case").filter(source=data.source, reference=data.reference).first()


@transaction.atomic
def _receive(*, data, received_by, now):
    person = ForeignNational.objects.select_for_update().filter(v_number=data.v_number).first()
    new_person = person is None
    if new_person:
        person = _create_person(data)
    open_case = person.cases.exclude(phase=Phase.CLOSED).order_by("-opened_at", "-id").first()
    if open_case is not None:
        case, outcome = open_case, HandoverOutcome.ADDED_TO_OPEN_CASE
    else:
        earlier = person.cases.filter(phase=Phase.CLOSED).order_by("-opened_at", "-id").first()
        case = Case.objects.create(
            foreign_national=person,
            phase=Phase.INTAKE,
            opened_at=now,
            source=data.source,
            track=data.track,
            confidential=data.confidential,
            previous_case=earlier,
            possible_duplicate_of=_near_duplicate(person, data) if new_person else None,
        )
        outcome = HandoverOutcome.NEW_CASE_AFTER_CLOSED if earlier else HandoverOutcome.NEW_CASE
        events.case_event_record(
            case=case,
            kind=events.CASE_OPENED,
            actor=received_by,
            now=now,
            data={"source": data.source, "reference": data.reference, "previous_case": earlier.pk if earlier else None},
        )
        signals.send_on_commit(
            signals.case_opened,
            case_id=case.pk,
            foreign_national_id=person.pk,
            source=data.source,
            previous_case_id=earlier.pk if earlier else None,
            actor_id=received_by.pk,
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
    handover = Handover.objects.create(
        source=data.source,
        reference=data.reference,
        handover_date=data.handover_date,
        received_at=now,
        received_by=received_by,
        case=case,
        outcome=outcome,
        payload=data.payload,
    )
    events.case_event_record(
        case=case,
        kind=events.HANDOVER_RECEIVED,
        actor=received_by,
        now=now,
        data={"source": data.source, "reference": data.reference, "outcome": outcome},
    )
    return handover


def _create_person(data):
    aliases = [Alias(surname=surname, given_names=given) for surname, given in data.aliases]
    person = ForeignNational.objects.create(
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
        search_name=person_search_name(ForeignNational(surname=data.surname, given_names=data.given_names), aliases),
    )
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
    """Another person with the same name, date of birth and a shared nationality: flag, never merge."""
    if data.date_of_birth is None or not data.nationalities:
        return None
    countries = [code for code, _status in data.nationalities]
    return (
        ForeignNational.objects.filter(
            Q(surname__iexact=data.surname),
            date_of_birth=data.date_of_birth,
            nationalities__country__in=countries,
        )
        .exclude(pk=person.pk)
        .order_by("pk")
        .first()
    )


SOURCE_OF_PARTNER = {"ind": Source.IND, "police": Source.POLICE, "kmar": Source.KMAR}
