"""The case-file panel "Datakwaliteit": which of the internal data-quality rules the case fails."""

from django.utils.translation import gettext_lazy

from cases.models import Case
from cases.panels import Panel, register_panel
from dtv.core.batch import prepared

from .quality import case_score, scored


def _build(*, case_id):
    return {"quality": scored(Case.objects.filter(pk=case_id))}


def _rows(case, *, on, user, params):
    return prepared(_build, case_id=case.pk)


def _context(case, rows, *, on, user, params):
    score = case_score(rows["quality"][0]) if rows["quality"] else []
    return {
        "rules": score,
        "failing": [rule for rule, passes in score if not passes],
        "passed": sum(1 for _rule, passes in score if passes),
    }


register = register_panel(
    Panel(
        key="datakwaliteit",
        title=gettext_lazy("Data quality"),
        template="reports/panel_quality.html",
        order=85,
        querysets=_rows,
        context=_context,
    )
)
