"""Pure facts about a person that several modules need: the search name, whether an unaccompanied minor."""

from dtv.core.text import fold

from .constants import Vulnerability


def person_search_name(person, aliases=()) -> str:
    """The folded text name search runs on: names and aliases, accent- and case-free."""
    names = [f"{person.given_names} {person.surname}", *(f"{a.given_names} {a.surname}" for a in aliases)]
    return fold(" | ".join(names))


def is_unaccompanied_minor(person) -> bool:
    """Whether the person is marked an unaccompanied minor (AMV): such cases go only to AMV specialists."""
    return Vulnerability.UNACCOMPANIED_MINOR in (person.vulnerabilities or [])
