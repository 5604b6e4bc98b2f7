"""Pure facts about a person that several modules need: the search names, whether an unaccompanied minor."""

from dtv.core.text import fold, name_key

from .constants import Vulnerability


def _names(person, aliases):
    return [(person.given_names, person.surname), *((a.given_names, a.surname) for a in aliases)]


def person_search_name(person, aliases=()) -> str:
    """The folded text name search runs on: names and aliases, accent- and case-free."""
    return fold(" | ".join(f"{given} {surname}" for given, surname in _names(person, aliases)))


def person_search_key(person, aliases=()) -> str:
    """The spelling-variant keys of every name and alias (dtv.core.text.name_key), each between spaces.

    A name part counts as one word ("Al-Hassan" → "alhasan", so "alhassan" finds it) and, when it
    has several, as its words too ("al", "hasan", so "Hasan" finds it): " amar alhasan al hasan ".
    """
    keys = []
    for names in _names(person, aliases):
        for part in names:
            words = name_key(part).split()
            keys += [name_key(part, joined=True), *words] if len(words) > 1 else words
    return f" {' '.join(dict.fromkeys(keys))} " if keys else ""


def person_set_search_names(person, aliases=()) -> None:
    """Set both columns name search reads from the person's names and `aliases` (every writer of names calls this)."""
    person.search_name = person_search_name(person, aliases)
    person.search_key = person_search_key(person, aliases)


def is_unaccompanied_minor(person) -> bool:
    """Whether the person is marked an unaccompanied minor (AMV): such cases go only to AMV specialists."""
    return Vulnerability.UNACCOMPANIED_MINOR in (person.vulnerabilities or [])
