"""The period the statistics are counted over: a year, or a first and last day."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.dates import parse_date
from dtv.core.fields import DATE_MAX_YEAR, DATE_MIN_YEAR

from .statistics import Period


class PeriodForm(forms.Form):
    jaar = forms.IntegerField(label=_("Year"), min_value=DATE_MIN_YEAR, max_value=DATE_MAX_YEAR, required=False)
    van = forms.CharField(label=_("First day"), required=False, help_text=_("DD-MM-YYYY"))
    tot = forms.CharField(label=_("Last day"), required=False, help_text=_("DD-MM-YYYY"))

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        for field in self.fields.values():
            field.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"

    def clean(self):
        data = super().clean()
        for name in ("van", "tot"):
            if data.get(name):
                try:
                    data[name] = parse_date(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("The last day lies before the first day."))
        return data

    def period(self) -> Period:
        """The period asked for; the current year when nothing (valid) was asked."""
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
            if data.get("van") and data.get("tot"):
                return Period(data["van"], data["tot"] + dt.timedelta(days=1))
            if data.get("jaar"):
                return Period.year(data["jaar"])
        return Period.year(self.today.year)


class AnnualReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=DATE_MIN_YEAR, max_value=DATE_MAX_YEAR)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
