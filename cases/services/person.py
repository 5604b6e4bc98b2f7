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
    ForeignNational,
    Nationality,
)
from ..people import person_set_search_names
from ._common import _require_edit

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
def foreign_national_update(*, case, actor, now, nationalities=None, aliases=None, **changes) -> ForeignNational:
    """Correct the identity of the case's person; every open case of the person records what changed."""
    _require_edit(actor, case)
    person = ForeignNational.objects.select_for_update().get(pk=case.foreign_national_id)
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
    person.save()
    for open_case in person.cases.open():
        events.case_event_record(
            case=open_case, kind=events.PERSON_CHANGED, actor=actor, now=now, data={"fields": changed}
        )
    return person


@transaction.atomic
def family_link_add(*, case, relative_v_number, relation, actor, now) -> FamilyLink:
    """Link the case's person to another foreign national, both ways (parent ↔ child, partner ↔ partner)."""
    _require_edit(actor, case)
    person = case.foreign_national
    relative = ForeignNational.objects.filter(v_number=relative_v_number).first()
    if relative is None:
        raise ValidationError({"relative_v_number": _("No foreign national has this V-number.")}, code="unknown")
    if relative.pk == person.pk:
        raise ValidationError({"relative_v_number": _("A person cannot be their own relative.")}, code="self")
    if FamilyLink.objects.filter(foreign_national=person, relative=relative).exists():
        raise DomainError(_("This family link has been recorded already."), code="family_link_exists")
    link = FamilyLink.objects.create(foreign_national=person, relative=relative, relation=relation)
    FamilyLink.objects.get_or_create(
        foreign_national=relative, relative=person, defaults={"relation": INVERSE_FAMILY_RELATION[relation]}
    )
    events.case_event_record(
        case=case,
        kind=events.FAMILY_LINKED,
        actor=actor,
        now=now,
        data={"relative": relative.v_number, "relation": relation},
    )
    return link
