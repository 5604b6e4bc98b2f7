"""Paging of the API lists: the same signed keyset as the work queue, so page 1,000 costs what page 1 costs."""

from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from dtv.core.pagination import keyset_page


class KeysetPagination(CursorPagination):
    """Pages a queryset annotated with `sort_key` by (sort_key, id), as dtv.core.pagination does for pages.

    DRF's own cursor falls back to an offset among equal positions, and the work queue's orders
    have long runs of them (every case without a deadline sorts last); this cursor never does.
    The response and the schema are DRF's cursor pagination's (next, previous, results).
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        cursor = request.query_params.get(self.cursor_query_param)
        self.page = keyset_page(queryset, cursor=cursor, size=self.get_page_size(request))
        return self.page.rows

    def _link(self, cursor):
        if cursor is None:
            return None
        return replace_query_param(self.request.build_absolute_uri(), self.cursor_query_param, cursor)

    def get_next_link(self):
        return self._link(self.page.next_cursor)

    def get_previous_link(self):
        return self._link(self.page.previous_cursor)

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data})
