"""Functional administration of the Atw holiday calendar (reference data)."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import AtwHoliday
from .engine import deadlines_recompute_for_calendar_change


@admin.register(AtwHoliday)
class AtwHolidayAdmin(SimpleHistoryAdmin):
    """The Atw calendar (art. 3): functional administration adds the days each new decree designates."""

    list_display = ["date", "name", "kind", "source"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"
    ordering = ["-date"]

    def _recompute(self, request, days):
        now = timezone.now()
        moved = []
        for day in sorted(set(days)):
            moved += deadlines_recompute_for_calendar_change(
                day=day, actor=request.user, now=now, reason=_("Atw calendar changed: %(day)s") % {"day": day}
            )
        if moved:
            messages.info(request, _("%(count)d running deadlines were recomputed.") % {"count": len(moved)})

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        days = [obj.date, *([form.initial["date"]] if change and "date" in form.changed_data else [])]
        super().save_model(request, obj, form, change)
        self._recompute(request, days)

    @transaction.atomic
    def delete_model(self, request, obj):
        day = obj.date
        super().delete_model(request, obj)
        self._recompute(request, [day])

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        days = list(queryset.values_list("date", flat=True))
        super().delete_queryset(request, queryset)
        self._recompute(request, days)
