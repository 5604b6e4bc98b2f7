"""The change history of a case and its person (who, when, old → new)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import (
    Case,
    ForeignNational,
)


@dataclass(frozen=True)
class Change:
    when: dt.datetime
    who: object
    what: str
    field: str
    old: str
    new: str
    reason: str = ""


def _diffs(records, label):
    changes = []
    records = list(records)
    for newer, older in zip(records, records[1:], strict=False):
        delta = newer.diff_against(older)
        for item in delta.changes:
            model_field = newer.instance_type._meta.get_field(item.field)
            changes.append(
                Change(
                    when=newer.history_date,
                    who=newer.history_user,
                    what=label,
                    field=str(model_field.verbose_name),
                    old=_display(model_field, item.old),
                    new=_display(model_field, item.new),
                    reason=newer.history_change_reason or "",
                )
            )
    if records:
        first = records[-1]
        changes.append(
            Change(
                when=first.history_date,
                who=first.history_user,
                what=label,
                field="",
                old="",
                new=_("created"),
                reason=first.history_change_reason or "",
            )
        )
    return changes


def _display(model_field, value):
    if value in (None, ""):
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        return str(value)
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def case_changes(*, case) -> list[Change]:
    """Every recorded change to the case and its person (who, when, old → new), newest first."""
    person_records = ForeignNational.history.filter(id=case.foreign_national_id).select_related("history_user")
    case_records = Case.history.filter(id=case.pk).select_related("history_user")
    changes = _diffs(person_records.order_by("-history_date", "-history_id"), _("Foreign national"))
    changes += _diffs(case_records.order_by("-history_date", "-history_id"), _("Case"))
    return sorted(changes, key=lambda c: c.when, reverse=True)
