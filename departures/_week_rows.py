"""The rows of "Vertrekken deze week": every cell's text worked out once, each row's HTML written here.

Through the template a row cost an `{% include %}` of the notice status, a `{% url %}`, a date filter and a
handful of lookups and translations: ~0.4 ms a row, 16 ms of a team lead's week of 40 departures on one charter.
Here the texts that repeat (the states, the departure moment and its latest notice moment, the officers' names)
are worked out once per page, the removal's URL comes from one `reverse()`, and every value is escaped with
`html.escape`, as in the work queue (`cases/views/_queue_rows.py`). The notice status is still
`selectors.notice_status`, the one definition; `notice_text` says it as `_notice_status.html` does.
"""

from dataclasses import dataclass
from html import escape

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .constants import RemovalState
from .selectors import NoticeStatus, notice_status

# reverse() once with a pk that cannot be a real one, then the pk is put in its place per row.
_PK_PLACEHOLDER = 999999999999999999
_NONE = "–"


def notice_text(status: NoticeStatus) -> str:
    """The notice status as `departures/_notice_status.html` words it."""
    if status.in_time:
        return _("Given in time")
    label = _("Too late") if status.given else _("Not yet given")
    return f"{label} ({_('no later than')} {status.latest_text})"


@dataclass(frozen=True)
class WeekRow:
    url: str
    departs: str
    person: str
    flight: str
    destination: str
    state: str
    notice: str
    officer: str


def _officer_name(row) -> str:
    # The one way a user's full name reads (User.get_full_name), from an unsaved User of the row's two columns.
    return get_user_model()(
        first_name=row.case__case_officer__first_name, last_name=row.case__case_officer__last_name
    ).get_full_name()


def week_rows(removals, notices) -> list[WeekRow]:
    """The page's removals as rows of ready text, in the active language.

    `removals` are named rows of the view's columns (`views.WEEK_VALUES`, from `selectors.departures_this_week`);
    `notices` is removal id → its notices' named rows (any order: `notice_status` picks the current departure's
    first ones and reads only their recipient, moment and departure).
    """
    url = reverse("departures:removal_detail", args=[_PK_PLACEHOLDER])
    states = dict(RemovalState.choices)
    moments, latest_texts, officers = {}, {}, {}
    rows = []
    for removal in removals:
        departs_at = removal.departs_at
        if departs_at not in moments:
            moments[departs_at] = dateformat.format(timezone.localtime(departs_at), "D j-n H:i")
        status = notice_status(removal, notices.get(removal.id, []))
        if status.in_time:
            notice = _("Given in time")
        else:
            # One departure, one latest moment: a charter's forty people share the text.
            key = (status.latest, status.given)
            if key not in latest_texts:
                latest_texts[key] = notice_text(status)
            notice = latest_texts[key]
        officer_id = removal.case__case_officer_id
        if officer_id not in officers:
            officers[officer_id] = (_officer_name(removal) if officer_id else "") or _NONE
        rows.append(
            WeekRow(
                url=url.replace(str(_PK_PLACEHOLDER), str(removal.id)),
                departs=moments[departs_at],
                person=f"{removal.case__foreign_national__surname} ({removal.case__foreign_national__v_number})",
                flight=f"{removal.carrier} {removal.flight_number}",
                destination=removal.destination_country,
                state=str(states.get(removal.state, removal.state)),
                notice=notice,
                officer=officers[officer_id],
            )
        )
    return rows


def rows_html(rows) -> SafeString:
    """The table rows of the page (the markup `departures/this_week.html` had for a row; every value escaped)."""
    td = '<td class="utrecht-table__cell">'
    html = [
        f'<tr class="utrecht-table__row">{td}{escape(row.departs)}</td>{td}{escape(row.person)}</td>'
        f'{td}<a class="utrecht-link" href="{escape(row.url)}">{escape(row.flight)}</a> → {escape(row.destination)}'
        f"</td>{td}{escape(row.state)}</td>{td}{escape(row.notice)}</td>{td}{escape(row.officer)}</td></tr>"
        for row in rows
    ]
    return mark_safe("".join(html))  # noqa: S308  # nosec B308 B703 (every value above is escaped)
