"""Input fields shared by the apps' forms and serializers, bounded to values the rest of the system can handle.

A date such as 9999-12-31 parses, but adding one day to it overflows (the deadline engine counts
days forward), and 0001-01-01 is no date anybody in a case file was born or lodged anything on.
Dates that people type are therefore held to years DATE_MIN_YEAR-DATE_MAX_YEAR.
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

DATE_MIN_YEAR = 1900
DATE_MAX_YEAR = 2100


def date_out_of_range_message():
    return _("Enter a date between the years %(first)s and %(last)s.") % {"first": DATE_MIN_YEAR, "last": DATE_MAX_YEAR}


def date_in_range(value: dt.date) -> bool:
    """Whether `value` lies in the years a case file can hold (DATE_MIN_YEAR to DATE_MAX_YEAR)."""
    return DATE_MIN_YEAR <= value.year <= DATE_MAX_YEAR


def validate_date_in_range(value):
    """Django validator: refuse a date outside DATE_MIN_YEAR-DATE_MAX_YEAR (code `date_out_of_range`)."""
    if value is not None and not date_in_range(value):
        raise ValidationError(date_out_of_range_message(), code="date_out_of_range")


class BoundedDateField(serializers.DateField):
    """An API date limited to the years DATE_MIN_YEAR-DATE_MAX_YEAR; outside them a field error, never a 500."""

    def to_internal_value(self, value):
        date = super().to_internal_value(value)
        if not date_in_range(date):
            raise serializers.ValidationError(date_out_of_range_message(), code="date_out_of_range")
        return date


class BoundedDateFormField(forms.DateField):
    """A form date limited to the years DATE_MIN_YEAR-DATE_MAX_YEAR, with a Dutch message on the field."""

    default_validators = [validate_date_in_range]
