"""OneLoopSelect: the same select as Django's, written without a template render per option."""

from django import forms
from django.test.html import parse_html

from dtv.core.widgets import OneLoopSelect

CHOICES = [("", "Alle nationaliteiten"), ("ERI", "Eritrea (ERI)"), ("MAR", "Marokko (MAR)"), ("X&Y", '<b>"Z"</b>')]


def _both(value, attrs=None, choices=CHOICES):
    ours = OneLoopSelect(attrs={"class": "utrecht-select"}, choices=choices)
    django = forms.Select(attrs={"class": "utrecht-select"}, choices=choices)
    return ours.render("nationaliteit", value, attrs), django.render("nationaliteit", value, attrs)


def test_the_markup_is_djangos_with_the_chosen_value_selected():
    ours, django = _both("MAR", attrs={"id": "id_nationaliteit", "aria-invalid": "true", "required": True})
    assert parse_html(ours) == parse_html(django)
    assert '<option value="MAR" selected>Marokko (MAR)</option>' in ours
    assert ours.count(" selected") == 1


def test_nothing_chosen_selects_the_empty_option_as_django_does():
    ours, django = _both(None)
    assert parse_html(ours) == parse_html(django)
    assert '<option value="" selected>Alle nationaliteiten</option>' in ours


def test_values_and_labels_are_escaped():
    ours, django = _both("X&Y")
    assert parse_html(ours) == parse_html(django)
    assert '<option value="X&amp;Y" selected>&lt;b&gt;&quot;Z&quot;&lt;/b&gt;</option>' in ours
    assert "<b>" not in ours


def test_option_groups_fall_back_to_djangos_templates():
    grouped = [("Afrika", [("ERI", "Eritrea")]), ("Azië", [("AFG", "Afghanistan")])]
    ours, django = _both("AFG", choices=grouped)
    assert ours == django and "<optgroup" in ours
