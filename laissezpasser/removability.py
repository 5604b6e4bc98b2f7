"""The practical obstacle "geen geldig reisdocument": registered with cases' removability checks."""

from cases.constants import ObstacleKind
from cases.removability import Obstacle, RemovabilityCheck, register_removability_check

from .selectors import travel_document_rows, travel_documents_from_rows


def _rows(cases, *, on):
    return travel_document_rows([case.pk for case in cases], on=on)


def _evaluate(cases, rows, *, on):
    ids = [case.pk for case in cases]
    found = {}
    for case_id, document in travel_documents_from_rows(ids, rows, on=on).items():
        if not document:
            # Without a valid travel document nobody leaves (DOMAIN.md 6, 8).
            found[case_id] = [Obstacle(check="travel_document", kind=ObstacleKind.PRACTICAL, reason=document.reason)]
    return found


CHECK = register_removability_check(
    RemovabilityCheck(key="travel_document", kind=ObstacleKind.PRACTICAL, order=60, rows=_rows, evaluate=_evaluate)
)
