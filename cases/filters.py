"""Filters of the work queue (django-filter): phase, track, nationality, flags, case officer."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dtv.core.forms import LoadedModelChoiceField
from dtv.core.widgets import OneLoopSelect

from .constants import DeadlineStatus, Phase, Source, Track, Vulnerability
from .countries import country_choices
from .querysets import vulnerability_q
from .removability import legal_obstacle_q

_SELECT = {"class": "utrecht-select utrecht-select--html-select"}

FLAG_CHOICES = [
    *Vulnerability.choices,
    ("confidential", _("Confidential")),
    ("legal_obstacle", _("Legal obstacle to removal")),
    ("possible_duplicate", _("Possible duplicate")),
    ("overdue", _("Deadline passed")),
]


class _LoadedModelChoiceFilter(django_filters.ModelChoiceFilter):
    # The officers are loaded once by the view and shared with the bulk-assignment form.
    field_class = LoadedModelChoiceField


class WorkqueueFilter(django_filters.FilterSet):
    fase = django_filters.ChoiceFilter(
        field_name="phase",
        label=_("Phase"),
        choices=[c for c in Phase.choices if c[0] != Phase.CLOSED],
        empty_label=_("All phases"),
        widget=OneLoopSelect(attrs=_SELECT),
    )
    spoor = django_filters.ChoiceFilter(
        field_name="track",
        label=_("Track"),
        choices=Track.choices,
        empty_label=_("All tracks"),
        widget=OneLoopSelect(attrs=_SELECT),
    )
    bron = django_filters.ChoiceFilter(
        field_name="source",
        label=_("Source"),
        choices=Source.choices,
        empty_label=_("All sources"),
        widget=OneLoopSelect(attrs=_SELECT),
    )
    nationaliteit = django_filters.ChoiceFilter(
        label=_("Nationality"),
        choices=(),
        empty_label=_("All nationalities"),
        method="filter_nationality",
        widget=OneLoopSelect(attrs=_SELECT),
    )
    kenmerk = django_filters.ChoiceFilter(
        label=_("Flag"),
        choices=FLAG_CHOICES,
        empty_label=_("All cases"),
        method="filter_flag",
        widget=OneLoopSelect(attrs=_SELECT),
    )
    regievoerder = _LoadedModelChoiceFilter(
        field_name="case_officer",
        label=_("Case officer"),
        queryset=None,
        empty_label=_("All case officers"),
        widget=OneLoopSelect(attrs=_SELECT),
    )

    def __init__(self, *args, officers=None, now=None, **kwargs):
        """`officers`: the case officers to filter on (loaded rows), or None for no such filter."""
        super().__init__(*args, **kwargs)
        self.now = now
        # The callable, not its list: the form deepcopies its fields on every request, and a list of ~250
        # countries is copied choice by choice (the select calls it once when it renders).
        self.filters["nationaliteit"].extra["choices"] = country_choices
        if officers is None:
            del self.filters["regievoerder"]
        else:
            self.form.fields["regievoerder"].load(officers)

    def filter_nationality(self, queryset, name, value):
        return queryset.filter(foreign_national__nationalities__country=value)

    def filter_flag(self, queryset, name, value):
        if value in Vulnerability.values:
            return queryset.filter(vulnerability_q(value))
        if value == "confidential":
            return queryset.filter(confidential=True)
        if value == "legal_obstacle":
            return queryset.filter(legal_obstacle_q(timezone.localdate(self.now)))
        if value == "possible_duplicate":
            return queryset.awaiting_duplicate_review()
        if value == "overdue":
            # next_deadline is the most urgent live deadline (its day, statutory first on that day):
            # if any is overdue, this one is, because an overdue term's day has come and every live
            # term of an earlier day has passed too (only an informal term in hours overdue on the
            # day a statutory term still runs would rank second; no rule has one). The status (set
            # by the sweep) is the one definition of overdue, as on the row and the case file.
            return queryset.filter(next_deadline__status=DeadlineStatus.OVERDUE)
        return queryset
