"""Functional administration of the Atw holiday calendar (reference data): the screens call the calendar services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from dtv.core.forms import add_service_errors

from ..models import AtwHoliday
from .calendar import CalendarChange, atw_holiday_delete, atw_holiday_save, atw_holiday_validate


class AtwHolidayForm(forms.ModelForm):
    class Meta:
        model = AtwHoliday
        fields = ["date", "name", "kind", "source", "predicted"]

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                atw_holiday_validate(
                    date=data.get("date"),
                    name=data.get("name", ""),
                    kind=data.get("kind", ""),
                    source=data.get("source", ""),
                    predicted=data.get("predicted", False),
                    holiday=self.instance,
                )
            except ValidationError as error:
                add_service_errors(self, error)
        return data


@admin.register(AtwHoliday)
class AtwHolidayAdmin(SimpleHistoryAdmin):
    """The Atw calendar (art. 3): functional administration adds the days each new decree designates, and
    confirms a predicted day (untick "predicted", cite the decree) once its decree is published."""

    form = AtwHolidayForm
    list_display = ["date", "name", "kind", "predicted", "source"]
    list_filter = ["kind", "predicted"]
    search_fields = ["name"]
    date_hierarchy = "date"
    ordering = ["-date"]

    def _report(self, request, change):
        if change.moved:
            messages.info(request, _("%(count)d running deadlines were recomputed.") % {"count": len(change.moved)})

    def save_model(self, request, obj, form, change):
        # `obj` carries the form's values already; for a change the service reads the row as stored.
        data = form.cleaned_data
        result = atw_holiday_save(
            date=data["date"],
            name=data["name"],
            kind=data["kind"],
            source=data["source"],
            predicted=data["predicted"],
            holiday=obj,
            actor=request.user,
            now=timezone.now(),
        )
        self._report(request, result)

    def delete_model(self, request, obj):
        self._report(request, atw_holiday_delete(holiday=obj, actor=request.user, now=timezone.now()))

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        now = timezone.now()
        moved = [
            deadline
            for holiday in queryset
            for deadline in atw_holiday_delete(holiday=holiday, actor=request.user, now=now).moved
        ]
        self._report(request, CalendarChange(holiday=None, moved=moved))
