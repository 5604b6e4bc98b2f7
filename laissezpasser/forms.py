"""Forms of the travel-document pages: they check the shape; the services check the rules."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.countries import country_name
from cases.dates import parse_date
from cases.languages import language_choices

from .constants import Answer, Channel, ContactKind, WithdrawalReason
from .models import Country, Mission

_TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
_DATE = {**_TEXT, "autocomplete": "off", "spellcheck": "false", "size": 10}
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}
_AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
CHOOSE = [("", _("— choose —"))]


class DateText(forms.Field):
    """A date typed as DD-MM-JJJJ (ISO order accepted)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("DD-MM-YYYY"))
        kwargs.setdefault("widget", forms.TextInput(attrs=_DATE))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        return parse_date(value)


def _choice(choices, **kwargs):
    return forms.ChoiceField(choices=CHOOSE + list(choices), widget=forms.Select(attrs=_SELECT), **kwargs)


def _text(label, max_length, required=False, area=False):
    widget = forms.Textarea(attrs=_AREA) if area else forms.TextInput(attrs=_TEXT)
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget)


class RequestCreateForm(forms.Form):
    country = _choice([], label=_("Country"))
    third_country_access = _text(_("Access to the third country"), 300)
    safeguards_shared = _text(_("What will be shared with the country"), 2000, area=True)
    no_asylum_data_shared = forms.BooleanField(label=_("No asylum data is shared"), required=False)

    def __init__(self, *args, nationalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["third_country_access"].help_text = _("Only for a country that is no nationality of the person.")
        self.fields["safeguards_shared"].help_text = _(
            "Needed while the person may await an asylum appeal in the Netherlands (RvS 19 November 2025)."
        )
        codes = list(Country.objects.values_list("code", flat=True))
        own = [(code, f"{country_name(code)} ({code})") for code in nationalities]
        rest = sorted(
            ((code, f"{country_name(code)} ({code})") for code in codes if code not in nationalities),
            key=lambda pair: pair[1],
        )
        self.fields["country"].choices = CHOOSE + own + rest

    def clean_country(self):
        code = self.cleaned_data["country"]
        country = Country.objects.filter(code=code).first()
        if country is None:
            raise ValidationError(_("Choose a country."))
        return country


class SubmitForm(forms.Form):
    on = DateText(label=_("Submitted on"))
    channel = _choice(Channel.choices, label=_("How"))
    mission = forms.ModelChoiceField(
        queryset=Mission.objects.none(), required=False, label=_("Mission"), widget=forms.Select(attrs=_SELECT)
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        if request is not None:
            self.fields["mission"].queryset = Mission.objects.filter(country_id=request.country_id, active=True)


class ScheduleForm(forms.Form):
    on = DateText(label=_("Presentation on"))
    place = _text(_("Place"), 200)


class PresentationForm(forms.Form):
    on = DateText(label=_("Presented on"))
    accompanied_by = _text(_("Accompanied by"), 200)
    interpreter_language = forms.ChoiceField(
        label=_("Interpreter language"), required=False, widget=forms.Select(attrs=_SELECT)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interpreter_language"].choices = [("", _("none"))] + list(language_choices())


class AnswerForm(forms.Form):
    answer = _choice(Answer.choices, label=_("Answer"))
    on = DateText(label=_("Answered on"))
    channel = _choice(Channel.choices, label=_("How"))
    lp_number = _text(_("Laissez-passer number"), 50)
    lp_issued_on = DateText(label=_("Issued on"), required=False)
    lp_valid_until = DateText(label=_("Valid until"), required=False)
    lp_journey = _text(_("For journey / flight"), 200)
    note = _text(_("Note"), 500)


class DatedForm(forms.Form):
    on = DateText(label=_("Date"))


class EscalateForm(DatedForm):
    note = _text(_("Note"), 500)


class WithdrawForm(forms.Form):
    reason = _choice(WithdrawalReason.choices, label=_("Reason"))
    note = _text(_("Note"), 500)


class ContactForm(forms.Form):
    kind = _choice(ContactKind.choices, label=_("Kind"))
    on = DateText(label=_("Date"))
    channel = _choice(Channel.choices, label=_("Channel"))
    note = _text(_("Note"), 500)


class ConfirmForm(forms.Form):
    """A step without fields (approve, expiry): the button is the confirmation."""
