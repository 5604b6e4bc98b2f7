"""Review 1, finding 6: an agreed action due 9999-12-31 overflowed the deadline engine (500), API and form alike."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation
from rest_framework import serializers

from dtv.core.fields import BoundedDateField, BoundedDateFormField

MESSAGE = "Vul een datum in tussen de jaren 1900 en 2100."


class ActionSerializer(serializers.Serializer):
    due_date = BoundedDateField()


class ActionForm(forms.Form):
    due_date = BoundedDateFormField()


class TestBoundedDateField:
    @pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
    def test_refuses_a_year_outside_1900_to_2100_with_a_field_error(self, value):
        with translation.override("nl"):
            serializer = ActionSerializer(data={"due_date": value})
            assert serializer.is_valid() is False
        assert serializer.errors == {"due_date": [MESSAGE]}
        assert serializer.errors["due_date"][0].code == "date_out_of_range"

    @pytest.mark.parametrize(
        "value, date", [("1900-01-01", dt.date(1900, 1, 1)), ("2100-12-31", dt.date(2100, 12, 31))]
    )
    def test_accepts_the_first_and_last_day_of_the_range(self, value, date):
        serializer = ActionSerializer(data={"due_date": value})
        assert serializer.is_valid() and serializer.validated_data["due_date"] == date


class TestBoundedDateFormField:
    def test_refuses_9999_12_31_on_the_field_in_dutch(self):
        with translation.override("nl"):
            form = ActionForm(data={"due_date": "9999-12-31"})
            assert form.is_valid() is False
            assert form.errors == {"due_date": [MESSAGE]}

    def test_accepts_a_date_in_range(self):
        form = ActionForm(data={"due_date": "2026-03-31"})
        assert form.is_valid() and form.cleaned_data["due_date"] == dt.date(2026, 3, 31)
