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
    # What taking it means, shown on the confirmation page before the officer confirms.
    consequence: str = ""
    # Closing and reopening record more than a phase (why, how the person left): each has a service
    # of its own (case_close, case_reopen) and the plain case_transition refuses them.
    own_service: bool = False

    @property
    def target_label(self):
        return Phase(self.target).label


TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "start_work",
            _("Start work on the case"),
            (Phase.INTAKE,),
            Phase.IN_PROGRESS,
            _("The case leaves the intake and is worked in the caseload of its case officer."),
        ),
        Transition(
            "prepare_departure",
            _("Start preparing the departure"),
            (Phase.IN_PROGRESS,),
            Phase.DEPARTURE_PREPARATION,
            _(
                "The case is marked as being prepared for departure: the team sees it among the departures in "
                "preparation. Running deadlines stay as they are. You can go back to “in progress”."
            ),
        ),
        Transition(
            "resume_work",
            _("Back to in progress"),
            (Phase.DEPARTURE_PREPARATION,),
            Phase.IN_PROGRESS,
            _("The departure is no longer being prepared; the case is worked as in progress again."),
        ),
        Transition(
            "close",
            _("Close the case"),
            (Phase.INTAKE, Phase.IN_PROGRESS, Phase.DEPARTURE_PREPARATION),
            Phase.CLOSED,
            _("The case leaves the caseload and its running deadlines are cancelled."),
            own_service=True,
        ),
        Transition(
            "reopen",
            _("Reopen the case"),
            (Phase.CLOSED,),
            Phase.IN_PROGRESS,
            _(
                "The closure ends and the case is in progress again with its case officer. Deadlines that were "
                "cancelled on closing stay cancelled: record the departure term again if one runs."
            ),
            own_service=True,
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
