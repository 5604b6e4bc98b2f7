"""Forms of the supervision and detention pages: they check the shape; the services and orders.py check the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.dates import parse_date, parse_moment
from dtv.core.forms import CHOOSE

from .constants import (
    ABSCONDING_GROUNDS,
    LIGHTER_RUNGS,
    CourtStepKind,
    DetentionArticle,
    DetentionLocation,
    EndReason,
    MeasureKind,
    Ruling,
)

_TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
_SHORT = {**_TEXT, "autocomplete": "off", "spellcheck": "false", "size": 16}
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}
_AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
_CHECK = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class DateText(forms.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("DD-MM-YYYY"))
        kwargs.setdefault("widget", forms.TextInput(attrs=_SHORT))
        super().__init__(**kwargs)

    def to_python(self, value):
        return None if value in self.empty_values else parse_date(value)


class MomentText(forms.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("DD-MM-YYYY HH:MM"))
        kwargs.setdefault("widget", forms.TextInput(attrs=_SHORT))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        # Typed in Amsterdam time; DST's missing hour is refused by make_aware's ambiguity rules as Django does.
        return timezone.make_aware(parse_moment(value))


def _choice(choices, **kwargs):
    return forms.ChoiceField(choices=[("", CHOOSE), *choices], widget=forms.Select(attrs=_SELECT), **kwargs)


def _text(label, max_length=2000, *, area=True, required=False, **kwargs):
    widget = forms.Textarea(attrs=_AREA) if area else forms.TextInput(attrs=_TEXT)
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget, **kwargs)


def _check(label):
    return forms.BooleanField(label=label, required=False, widget=forms.CheckboxInput(attrs=_CHECK))


class MeasureForm(forms.Form):
    kind = _choice([c for c in MeasureKind.choices if c[0] != MeasureKind.DETENTION], label=_("Measure"))
    ground = _text(_("Ground"), required=True)
    starts_at = MomentText(label=_("Starts at"), required=False)
    frequency_days = forms.IntegerField(
        label=_("Report every (days)"),
        required=False,
        min_value=1,
        max_value=90,
        widget=forms.NumberInput(attrs=_SHORT),
    )
    place = _text(_("Place of reporting"), 200, area=False)
    amount = forms.DecimalField(
        label=_("Amount of the deposit (EUR)"), required=False, min_value=0, max_digits=9, decimal_places=2,
        widget=forms.NumberInput(attrs=_SHORT),
    )  # fmt: skip
    location = _text(_("Location"), 200, area=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["frequency_days"].help_text = _("For a reporting duty.")
        self.fields["place"].help_text = _("For a reporting duty.")
        self.fields["amount"].help_text = _("For a deposit.")
        self.fields["location"].help_text = _("For a freedom-restricting or family location.")
        self.fields["starts_at"].help_text = _("DD-MM-YYYY HH:MM; empty: now.")


class EndForm(forms.Form):
    reason = _choice(EndReason.choices, label=_("Reason for ending"))
    note = _text(_("Explanation"))


class ExtendVblForm(forms.Form):
    until = MomentText(label=_("Extended until"))
    reason = _text(_("Reason for the extension"), required=True)


class ExtendHoldingForm(forms.Form):
    hours = forms.IntegerField(
        label=_("Extra hours (at most 48)"), min_value=1, max_value=48, widget=forms.NumberInput(attrs=_SHORT)
    )
    reason = _text(_("Reason for the extension"), required=True)


class ReportForm(forms.Form):
    on = DateText(label=_("Date of the report"))
    attended = _choice([("yes", _("Reported")), ("no", _("Did not report"))], label=_("Reported?"))


class SettleForm(forms.Form):
    settled = _choice([("returned", _("Returned")), ("forfeited", _("Forfeited"))], label=_("Deposit"))
    on = DateText(label=_("Date"))


class CourtStepForm(forms.Form):
    kind = _choice(CourtStepKind.choices, label=_("Step"))
    on = DateText(label=_("Date"))
    ruling = _choice(Ruling.choices, label=_("Ruling"), required=False)
    grounds = _text(_("The court's grounds"))
    compensation = forms.DecimalField(
        label=_("Compensation (EUR)"), required=False, min_value=0, max_digits=9, decimal_places=2,
        widget=forms.NumberInput(attrs=_SHORT),
    )  # fmt: skip
    text = _text(_("Progress report"))
    prospect_of_removal = _choice(
        [("yes", _("Yes")), ("no", _("No"))], label=_("Review: is removal still in prospect?"), required=False
    )
    lighter_measure_suffices = _choice(
        [("yes", _("Yes")), ("no", _("No"))], label=_("Review: would a lighter measure suffice?"), required=False
    )
    removal_acts = _text(_("Review: acts towards removal since the last review"))


class CorrectForm(forms.Form):
    changes = _text(_("What the correction changes"), required=True)


class ConfirmForm(forms.Form):
    pass


LAWYER = [("present", _("A lawyer was present")), ("waived", _("The person waived a lawyer"))]


class OrderForm(forms.Form):
    """The draft wizard: every section of the order on one page, each field optional until issuing."""

    article = _choice(DetentionArticle.choices, label=_("Legal ground"), required=False)
    detention_location = _choice(DetentionLocation.choices, label=_("Place of detention"), required=False)
    prospect_evidence = _text(_("Prospect of removal: evidence"))
    flight_booked_on = DateText(label=_("Flight booked for"), required=False)
    dublin_claim = _check(_("Dublin claim accepted or pending"))
    non_refoulement = _text(_("Non-refoulement assessment"))
    hearing_at = MomentText(label=_("Hearing at"), required=False)
    interpreter = _text(_("Interpreter (name and language)"), 200, area=False)
    interpreter_not_needed = _check(_("No interpreter needed"))
    lawyer = _choice(LAWYER, label=_("Lawyer at the hearing"), required=False)
    vulnerability = _text(_("Vulnerability assessment"))
    family = _check(_("Family with minors"))
    last_resort = _text(_("Last-resort motivation (minors and families)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, (_weight, label) in ABSCONDING_GROUNDS.items():
            self.fields[f"ground_{code}"] = _check(label)
            self.fields[f"facts_{code}"] = _text(_("Facts and circumstances: %(ground)s") % {"ground": label})
        for rung in LIGHTER_RUNGS:
            self.fields[f"lighter_{rung}"] = _text(
                _("Why it does not suffice: %(measure)s") % {"measure": MeasureKind(rung).label}
            )

    def ground_rows(self):
        return [
            (self[f"ground_{code}"], self[f"facts_{code}"], weight) for code, (weight, _l) in ABSCONDING_GROUNDS.items()
        ]

    def lighter_rows(self):
        return [self[f"lighter_{rung}"] for rung in LIGHTER_RUNGS]

    def section(self, *names):
        return [self[name] for name in names]

    def to_fields(self) -> dict:
        data = self.cleaned_data
        grounds = [
            {"code": code, "facts": data.get(f"facts_{code}", "")}
            for code in ABSCONDING_GROUNDS
            if data.get(f"ground_{code}") or data.get(f"facts_{code}", "").strip()
        ]
        return {
            "article": data["article"],
            "detention_location": data["detention_location"],
            "grounds": grounds,
            "lighter_measures": {rung: data.get(f"lighter_{rung}", "") for rung in LIGHTER_RUNGS},
            "prospect_evidence": data["prospect_evidence"],
            "flight_booked_on": data["flight_booked_on"],
            "dublin_claim": data["dublin_claim"],
            "non_refoulement": data["non_refoulement"],
            "hearing_at": data["hearing_at"],
            "interpreter": data["interpreter"],
            "interpreter_not_needed": data["interpreter_not_needed"],
            "lawyer_present": data["lawyer"] == "present",
            "lawyer_waived": data["lawyer"] == "waived",
            "vulnerability": data["vulnerability"],
            "family": data["family"],
            "last_resort": data["last_resort"],
        }

    @staticmethod
    def initial_from(order) -> dict:
        from cases.dates import format_date, format_moment

        initial = {
            "article": order.article,
            "detention_location": order.detention_location,
            "prospect_evidence": order.prospect_evidence,
            "flight_booked_on": format_date(order.flight_booked_on) if order.flight_booked_on else "",
            "dublin_claim": order.dublin_claim,
            "non_refoulement": order.non_refoulement,
            "hearing_at": format_moment(timezone.localtime(order.hearing_at)) if order.hearing_at else "",
            "interpreter": order.interpreter,
            "interpreter_not_needed": order.interpreter_not_needed,
            "lawyer": "present" if order.lawyer_present else ("waived" if order.lawyer_waived else ""),
            "vulnerability": order.vulnerability,
            "family": order.family,
            "last_resort": order.last_resort,
        }
        for ground in order.grounds:
            initial[f"ground_{ground['code']}"] = True
            initial[f"facts_{ground['code']}"] = ground["facts"]
        for rung, reason in order.lighter_measures.items():
            initial[f"lighter_{rung}"] = reason
        return initial
