"""Read functions for cases, used by views, the API, tasks and other apps; import them from here.

List selectors return querysets whose number of SQL queries does not depend on the number of rows
(select_related / prefetch_related / annotations), and page by keyset, never by offset.
"""

from .casefile import (
    TIMELINE_PAGE_SIZE,
    CaseFile,
    DepartureTermState,
    Section,
    case_file,
    case_flags,
    case_interviews,
    case_timeline,
    case_with_person,
    flags_of,
)
from .history import Change, case_changes
from .removability import (
    Removability,
    case_removability,
    cases_removability,
    legal_obstacle_until,
    removability_from_rows,
    removability_querysets,
    removal_obstacle,
)
from .rows import (
    CaseRow,
    CaseSummary,
    case_deadlines,
    case_procedures,
    case_rows,
    case_rows_with_removability,
    case_summary,
    nationalities_prefetch,
)
from .search import SEARCH_LIMIT, SearchCriteria, case_search, cases_outside_scope, parse_search_date
from .workqueue import (
    DEFAULT_SORT,
    QUEUE_PAGE_SIZE,
    SORTS,
    QueuePage,
    queue_page,
    queue_total_and_page,
    team_case_officers,
    workqueue_intake,
    workqueue_mine,
    workqueue_sorted,
    workqueue_team,
)

__all__ = [
    "DEFAULT_SORT",
    "QUEUE_PAGE_SIZE",
    "SEARCH_LIMIT",
    "SORTS",
    "TIMELINE_PAGE_SIZE",
    "CaseFile",
    "CaseRow",
    "CaseSummary",
    "Change",
    "DepartureTermState",
    "Removability",
    "SearchCriteria",
    "Section",
    "case_changes",
    "case_deadlines",
    "case_procedures",
    "case_row",
    "case_rows",
    "case_rows_with_removability",
    "case_summary",
    "case_file",
    "case_flags",
    "flags_of",
    "case_interviews",
    "case_removability",
    "case_search",
    "case_timeline",
    "case_with_person",
    "cases_outside_scope",
    "cases_removability",
    "legal_obstacle_until",
    "nationalities_prefetch",
    "parse_search_date",
    "removability_from_rows",
    "removability_querysets",
    "removal_obstacle",
    "team_case_officers",
    "QueuePage",
    "queue_page",
    "queue_total_and_page",
    "workqueue_intake",
    "workqueue_mine",
    "workqueue_sorted",
    "workqueue_team",
]
