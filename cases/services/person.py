"""Correcting the person of a case and linking family members."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dtv.core.exceptions import DomainError

from .. import events
from ..constants import (
    INVERSE_FAMILY_RELATION,
)
from ..languages import is_language_code
from ..models import (
    Alias,
    FamilyLink,
    FamilyLinkRequest,
    ForeignNational,
    Nationality,
)
from ..people import person_set_search_names
from ..permissions import cases_visible_to
from ._common import StaleEdit, _require_edit

_PERSON_FIELDS = (
    "surname",
    "given_names",
    "date_of_birth",
    "date_of_birth_precision",
    "sex",
    "languages",
    "vulnerabilities",
    "legal_representative_name",
    "legal_representative_office",
    "legal_representative_contact",
)


@transaction.atomic
def foreign_national_update(
    *, case, actor, now, nationalities=None, aliases=None, version=None, **changes
) -> ForeignNational:
    """Correct the identity of the case's person; every open case of the person records what changed.

    With the `version` the editor read, a correction made meanwhile by someone else is refused
    (StaleEdit) instead of being overwritten.
    """
    _require_edit(actor, case)
    person = ForeignNational.objects.select_for_update().get(pk=case.foreign_national_id)
    if version is not None and version != person.version:
        raise StaleEdit()
    unknown = set(changes) - set(_PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Not a person field: {sorted(unknown)}")
    bad_languages = [code for code in changes.get("languages", []) if not is_language_code(code)]
    if bad_languages:
        raise ValidationError({"languages": _("Unknown language code: %s.") % ", ".join(bad_languages)})
    changed = sorted(name for name, value in changes.items() if getattr(person, name) != value)
    for name in changed:
        setattr(person, name, changes[name])
    if nationalities is not None:
        current = set(person.nationalities.values_list("country", "status"))
        wanted = {(code, status) for code, status in nationalities}
        if current != wanted:
            person.nationalities.all().delete()
            for code, status in sorted(wanted):
                Nationality.objects.create(foreign_national=person, country=code, status=status)
            changed.append("nationalities")
    alias_rows = list(person.aliases.all())
    if aliases is not None and {(a.surname, a.given_names) for a in alias_rows} != set(aliases):
        person.aliases.all().delete()
        alias_rows = [Alias.objects.create(foreign_national=person, surname=s, given_names=g) for s, g in aliases]
        changed.append("aliases")
    if not changed:
        return person
    person_set_search_names(person, alias_rows)
    person.version += 1
    person.save()
    for open_case in person.cases.open():
        events.case_event_record(
            case=open_case, kind=events.PERSON_CHANGED, actor=actor, now=now, data={"fields": changed}
        )
    return person


class FamilyLinkOutcome:
    LINKED = "linked"
    REQUESTED = "requested"


@transaction.atomic
def family_link_add(*, case, relative_v_number, relation, actor, now) -> str:
    """Link the case's person to a relative by V-number: both ways when the actor may see the relative, else a request.

    The answer is the same for a V-number nobody has and for one outside the actor's scope (a
    request, FamilyLinkOutcome.REQUESTED), so the form tells nobody whether a person exists.
    """
    _require_edit(actor, case)
    person = case.foreign_national
    if relative_v_number == person.v_number:
        raise ValidationError({"relative_v_number": _("A person cannot be their own relative.")}, code="self")
    relative = (
        ForeignNational.objects.filter(v_number=relative_v_number, cases__in=cases_visible_to(actor).values("pk"))
        .distinct()
        .first()
    )
    if relative is None:
        _lock_people(person.pk)
        _request, created = FamilyLinkRequest.objects.get_or_create(
            foreign_national=person,
            relative_v_number=relative_v_number,
            defaults={"case": case, "relation": relation, "requested_at": now, "requested_by": actor},
        )
        if not created:
            raise DomainError(_("This family link has been requested already."), code="family_link_requested")
        events.case_event_record(
            case=case,
            kind=events.FAMILY_LINK_REQUESTED,
            actor=actor,
            now=now,
            data={"relative_v_number": relative_v_number, "relation": relation},
        )
        return FamilyLinkOutcome.REQUESTED
    _link_both_ways(person, relative, relation, case=case, actor=actor, now=now)
    return FamilyLinkOutcome.LINKED


def _lock_people(*pks):
    # In id order, so two links between the same people made at once wait for each other, never deadlock.
    return list(ForeignNational.objects.select_for_update().filter(pk__in=pks).order_by("pk").values_list("pk"))


def _link_both_ways(person, relative, relation, *, case, actor, now):
    _lock_people(person.pk, relative.pk)
    if FamilyLink.objects.filter(foreign_national=person, relative=relative).exists():
        raise DomainError(_("This family link has been recorded already."), code="family_link_exists")
    FamilyLink.objects.create(foreign_national=person, relative=relative, relation=relation)
    FamilyLink.objects.get_or_create(
        foreign_national=relative, relative=person, defaults={"relation": INVERSE_FAMILY_RELATION[relation]}
    )
    # The relation only: the relative's identity is shown where the reader may see it (the person panel).
    events.case_event_record(
        case=case, kind=events.FAMILY_LINKED, actor=actor, now=now, data={"relation": relation}
    )


@transaction.atomic
def family_link_confirm(*, request_id, case, actor, now) -> FamilyLink:
    """Confirm a request naming this case's person: the link is recorded both ways on the requesting case."""
    _require_edit(actor, case)
    link_request = (
        FamilyLinkRequest.objects.select_for_update()
        .filter(pk=request_id, relative_v_number=case.foreign_national.v_number, confirmed_at__isnull=True)
        .select_related("foreign_national", "case")
        .first()
    )
    if link_request is None:
        raise DomainError(_("This request has been dealt with already."), code="family_link_request_done")
    _link_both_ways(
        link_request.foreign_national,
        case.foreign_national,
        link_request.relation,
        case=link_request.case,
        actor=actor,
        now=now,
    )
    link_request.confirmed_at, link_request.confirmed_by = now, actor
    link_request.save(update_fields=["confirmed_at", "confirmed_by"])
    return link_request
