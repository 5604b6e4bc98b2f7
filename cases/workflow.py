"""The phases of a case and the transitions between them, as data (DOMAIN.md, life of a dossier)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from dtv.core.exceptions import DomainError

from .constants import Phase


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("start_work", _("Start work on the case"), (Phase.INTAKE,), Phase.IN_PROGRESS),
        Transition(
            "prepare_departure", _("Start preparing the departure"), (Phase.IN_PROGRESS,), Phase.DEPARTURE_PREPARATION
        ),
        Transition("resume_work", _("Back to in progress"), (Phase.DEPARTURE_PREPARATION,), Phase.IN_PROGRESS),
        Transition(
            "close",
            _("Close the case"),
            (Phase.INTAKE, Phase.IN_PROGRESS, Phase.DEPARTURE_PREPARATION),
            Phase.CLOSED,
        ),
    )
}


class InvalidTransition(DomainError):
    code = "invalid_transition"


def transitions_from(phase) -> list[Transition]:
    """The transitions a case in `phase` may take, in a stable order."""
    return [t for t in TRANSITIONS.values() if phase in t.sources]


def check_transition(*, case, name) -> Transition:
    """The transition `name` if `case` may take it; InvalidTransition (naming both phases) otherwise."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise InvalidTransition(_("Unknown transition."))
    if case.phase not in transition.sources:
        raise InvalidTransition(
            _("A case in phase “%(phase)s” cannot go to “%(target)s”.")
            % {"phase": Phase(case.phase).label, "target": Phase(transition.target).label}
        )
    if transition.name == "start_work" and case.case_officer_id is None:
        raise InvalidTransition(_("Assign the case to a case officer before work starts."), code="no_case_officer")
    return transition
