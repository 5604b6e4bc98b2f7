"""Forms of the departure pages: they check the shape; the services check the rules."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import DestinationType
from cases.dates import parse_date, parse_moment

from .constants import (
    CancellationReason,
    DepartureTrack,
    DublinAnswer,
    DublinClaimKind,
    NoticeMethod,
    NoticeRecipient,
    RemovalKind,
)

_TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
_SHORT = {**_TEXT, "autocomplete": "off", "spellcheck": "false", "size": 16}
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}
_AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
CHOOSE = [("", _("— choose —"))]


class MomentText(forms.Field):
    """A moment typed as DD-MM-JJJJ UU:MM, in Amsterdam time."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("DD-MM-YYYY HH:MM"))
        kwargs.setdefault("widget", forms.TextInput(attrs=_SHORT))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        return timezone.make_aware(parse_moment(value))


class DateText(MomentText):
    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("DD-MM-YYYY"))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return value if isinstance(value, dt.date) else parse_date(value)


def _choice(choices, **kwargs):
    return forms.ChoiceField(choices=CHOOSE + list(choices), widget=forms.Select(attrs=_SELECT), **kwargs)


def _text(label, max_length, required=False, area=False):
    widget = forms.Textarea(attrs=_AREA) if area else forms.TextInput(attrs=_TEXT)
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget)


def _country(label, required=True):
    return forms.CharField(
        label=label,
        max_length=3,
        min_length=3,
        required=required,
        help_text=_("Three-letter code (MAR, ESP, ...)."),
        widget=forms.TextInput(attrs={**_SHORT, "size": 4}),
    )


class PlanForm(forms.Form):
    destination_type = _choice(DestinationType.choices, label=_("Destination"))
    destination_country = _country(_("Country of destination"))
    third_country_access = _text(_("Access to the third country and its basis"), 300)
    track = _choice(DepartureTrack.choices, label=_("Track"))
    programme = _text(_("Support programme (IOM/NGO)"), 200)
    obstacles = _text(_("Obstacles"), 4000, area=True)
    agreed_actions = _text(_("Agreed actions"), 4000, area=True)
    reason = _text(_("Reason for this version"), 500, required=True)


class BookingForm(forms.Form):
    kind = _choice(RemovalKind.choices, label=_("Kind of flight"))
    carrier = _text(_("Carrier"), 100, required=True)
    flight_number = _text(_("Flight number"), 20, required=True)
    departure_airport = _text(_("Departure airport"), 100, required=True)
    departs_at = MomentText(label=_("Departure"))
    destination_country = _country(_("Country of destination"), required=False)
    transfer_points = _text(_("Transfer points"), 300)
    kmar_escorts = forms.IntegerField(
        label=_("KMar escorts"), min_value=0, max_value=20, initial=0, widget=forms.NumberInput(attrs=_SHORT)
    )
    dtv_escort = forms.BooleanField(label=_("Escorted by DT&V"), required=False)
    medical_escort = forms.BooleanField(label=_("Medical escort"), required=False)
    medical_escort_conditions = _text(_("Conditions of the medical escort"), 500)
    ticket_reference = _text(_("Ticket reference"), 50)


class NoticeForm(forms.Form):
    recipient = _choice(NoticeRecipient.choices, label=_("Told"))
    notified_at = MomentText(label=_("Moment of notice"))
    method = _choice(NoticeMethod.choices, label=_("Method"))


class ConfirmForm(forms.Form):
    """A step without fields: the button is the confirmation."""


class ExecuteForm(forms.Form):
    executed_at = MomentText(label=_("Actually departed at"))
    escorted_by = _text(_("Escorted by"), 300)
    handover = _text(_("Handover at the destination"), 500)


class CancelForm(forms.Form):
    reason = _choice(CancellationReason.choices, label=_("Reason"))
    note = _text(_("Explanation"), 500)


class RebookForm(CancelForm):
    departs_at = MomentText(label=_("New departure"))
    flight_number = _text(_("Flight number"), 20)
    carrier = _text(_("Carrier"), 100)


class DepartureFileForm(forms.Form):
    travel_documents = _text(_("Travel documents"), 4000, area=True)
    behaviour_risk = _text(_("Behaviour and risk"), 4000, area=True)
    risk_facts = _text(_("Facts the risk assessment rests on"), 4000, area=True)
    physical_features = _text(_("Physical features"), 4000, area=True)
    bags = forms.IntegerField(label=_("Pieces of baggage"), min_value=0, max_value=50, required=False)
    baggage_kg = forms.DecimalField(
        label=_("Baggage weight (kg)"), min_value=0, max_value=999, decimal_places=1, required=False
    )
    money = _text(_("Money"), 200)
    valuables = _text(_("Valuables"), 300)
    belongings_location = _text(_("Where the belongings are"), 300)
    destination_contacts = _text(_("Contacts at the destination"), 4000, area=True)


class MedicalForm(forms.Form):
    particulars = _text(_("Medical particulars"), 4000, area=True)
    medication = _text(_("Medication"), 4000, area=True)
    fit_to_travel = forms.BooleanField(label=_("Fit to travel"), required=False, initial=True)
    bma_transport = _text(_("BMA: transport"), 300)
    bma_escort = _text(_("BMA: escort"), 300)
    bma_medication = _text(_("BMA: medication"), 300)
    bma_handover = _text(_("BMA: medical handover at the destination"), 300)
    bma_conditions_met = forms.BooleanField(label=_("BMA conditions arranged"), required=False)


class DublinClaimForm(forms.Form):
    kind = _choice(DublinClaimKind.choices, label=_("Kind of request"))
    member_state = _country(_("Member State"))
    registered_on = DateText(label=_("Asylum application registered on"))
    requested_on = DateText(label=_("Request sent on"))
    urgent = forms.BooleanField(label=_("Urgent reply asked"), required=False)
    eurodac_hit = forms.BooleanField(label=_("Eurodac/VIS hit"), required=False)


class OperationForm(forms.Form):
    kind = _choice(RemovalKind.choices, label=_("Kind of flight"))
    reference = _text(_("Operation reference"), 50, required=True)
    carrier = _text(_("Carrier"), 100, required=True)
    flight_number = _text(_("Flight number"), 20, required=True)
    departure_airport = _text(_("Departure airport"), 100, required=True)
    departs_at = MomentText(label=_("Departure"))
    destination_country = _country(_("Country of destination"))
    seats = forms.IntegerField(
        label=_("Seats for returnees"),
        min_value=1,
        max_value=400,
        required=False,
        widget=forms.NumberInput(attrs=_SHORT),
    )
    kmar_escorts = forms.IntegerField(
        label=_("KMar escorts"), min_value=0, max_value=200, initial=0, widget=forms.NumberInput(attrs=_SHORT)
    )
    dtv_escorts = forms.IntegerField(
        label=_("DT&V escorts"), min_value=0, max_value=50, initial=0, widget=forms.NumberInput(attrs=_SHORT)
    )
    medical_escort = forms.BooleanField(label=_("Medical escort on board"), required=False)


class PassengerForm(forms.Form):
    v_number = forms.CharField(
        label=_("V-number"), max_length=10, widget=forms.TextInput(attrs={**_SHORT, "inputmode": "numeric"})
    )
    seat = forms.CharField(
        label=_("Seat"), max_length=6, required=False, widget=forms.TextInput(attrs={**_SHORT, "size": 5})
    )
    ticket_reference = _text(_("Ticket reference"), 50)


class LeaveForm(forms.Form):
    reason = _text(_("Why the person leaves the operation"), 300, required=True)


class DublinAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=CHOOSE + [(c.value, c.label) for c in (DublinAnswer.ACCEPTED, DublinAnswer.REFUSED)],
        widget=forms.Select(attrs=_SELECT),
    )
    on = DateText(label=_("Answer received on"))


class DublinExtendForm(forms.Form):
    circumstance = forms.ChoiceField(label=_("Ground of the extension"), widget=forms.Select(attrs=_SELECT))
    state_informed_on = DateText(label=_("Responsible state informed on"))

    def __init__(self, *args, grounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Only the grounds the claim's regulation knows (deadlines.dublin_extension_grounds).
        self.fields["circumstance"].choices = CHOOSE + [(g.value, g.label) for g in grounds]
