"""The error summary's items (dtv.core.templatetags.regie_forms): every error once, in page order, each a link
to the element that takes the focus."""

from django import forms
from django.utils import translation

from dtv.core.forms import required_when
from dtv.core.templatetags.regie_forms import ErrorItem, error_items, error_title_prefix


class _Form(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(label="Naam")
    kind = forms.ChoiceField(label="Soort", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    note = required_when(forms.CharField(label="Notitie", required=False), "Nodig bij soort B.")

    def clean(self):
        raise forms.ValidationError("Het geheel klopt niet.")


_Rows = forms.formset_factory(_Form, extra=0, max_num=1, validate_max=True)


def test_lists_form_errors_then_field_errors_with_links_to_the_fields():
    with translation.override("nl"):
        items = error_items(_Form({"token": "t"}))
    assert items == [
        ErrorItem("Het geheel klopt niet."),
        ErrorItem("Naam: Dit veld is vereist.", "#id_name"),
        ErrorItem("Soort: Dit veld is vereist.", "#id_kind_0"),
    ]


def test_a_hidden_field_that_fails_asks_to_reload_the_page_once():
    with translation.override("nl"):
        items = error_items(_Form({"name": "x", "kind": "a"}))
    reload = "Het formulier is niet volledig verstuurd: laad de pagina opnieuw en probeer het nog eens."
    assert ErrorItem(reload) in items


def test_formset_rows_are_numbered_and_formset_errors_listed():
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-token": "t", "form-0-kind": "a"}
    with translation.override("nl"):
        items = error_items(_Rows(data))
    assert items[0] == ErrorItem("Verstuur maximaal 1 formulier.")
    assert ErrorItem("Naam (rij 1): Dit veld is vereist.", "#id_form-0-name") in items


def test_an_unbound_form_or_something_else_gives_no_items_and_no_title_prefix():
    assert error_items(_Form(), "", None) == []
    assert error_title_prefix(_Form()) == ""
    with translation.override("nl"):
        assert error_title_prefix(_Form({})) == "Fout: "


def test_a_field_needed_in_some_cases_is_marked_and_says_when():
    field = _Form.base_fields["note"]
    assert (field.required, field.required_when, field.help_text) == (False, True, "Nodig bij soort B.")
