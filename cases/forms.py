"""Browser forms: they parse and check the shape of input; the rules themselves live in the services."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .constants import (
    DEPARTURE_TERM_DAYS,
    ClosureReason,
    DuplicateReview,
    FamilyRelation,
    InterpreterMode,
    InterviewKind,
    NationalityStatus,
    ProcedureKind,
    ProcedureOutcome,
    Sex,
    Source,
    Stance,
    Track,
    Vulnerability,
)
from .countries import country_choices
from .dates import parse_partial_date
from .intake import HandoverData, handover_validate
from .models import AgreedAction
from .selectors import parse_search_date
from .validators import v_number_validator

_TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
_AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}
_DATE = {"class": "utrecht-textbox utrecht-textbox--html-input", "type": "date"}
_DATETIME = {"class": "utrecht-textbox utrecht-textbox--html-input", "type": "datetime-local"}


def _date_field(label, **kwargs):
    return forms.DateField(label=label, widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"), **kwargs)


def _datetime_field(label, **kwargs):
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs=_DATETIME, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        **kwargs,
    )


class SearchForm(forms.Form):
    v_number = forms.CharField(
        label=_("V-number"),
        required=False,
        max_length=10,
        validators=[v_number_validator],
        widget=forms.TextInput(attrs={**_TEXT, "inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        help_text=_("Part of a name or alias; accents, capitals and spellings such as Hasan or Hassan do not matter."),
        widget=forms.TextInput(attrs={**_TEXT, "autocomplete": "off"}),
    )
    date_of_birth = forms.CharField(
        label=_("Date of birth"),
        required=False,
        max_length=10,
        help_text=_("DD-MM-YYYY, MM-YYYY or YYYY."),
        widget=forms.TextInput(attrs={**_TEXT, "autocomplete": "off"}),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if name and len(name) < 2:
            raise ValidationError(_("Enter at least 2 letters of the name."), code="too_short")
        return name

    def clean_date_of_birth(self):
        text = self.cleaned_data["date_of_birth"].strip()
        if not text:
            return None
        try:
            return parse_search_date(text)
        except ValueError:
            raise ValidationError(_("Use DD-MM-YYYY, MM-YYYY or YYYY."), code="date_format") from None

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("v_number") or data.get("name") or data.get("date_of_birth")):
            raise ValidationError(_("Enter a V-number, a name or a date of birth."), code="empty")
        return data


class IdentityForm(forms.Form):
    """The identity fields a person is registered and corrected with (DOMAIN.md 1: validate hard)."""

    surname = forms.CharField(label=_("Surname"), max_length=200, widget=forms.TextInput(attrs=_TEXT))
    given_names = forms.CharField(
        label=_("Given names"), max_length=200, required=False, widget=forms.TextInput(attrs=_TEXT)
    )
    date_of_birth = forms.CharField(
        label=_("Date of birth"),
        max_length=10,
        required=False,
        help_text=_("YYYY-MM-DD, YYYY-MM or YYYY; leave empty when unknown."),
        widget=forms.TextInput(attrs=_TEXT),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.Select(attrs=_SELECT))
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        max_length=100,
        help_text=_("ISO 639 codes separated by commas, for example ar, ti."),
        widget=forms.TextInput(attrs=_TEXT),
    )
    vulnerabilities = forms.MultipleChoiceField(
        label=_("Vulnerabilities"), required=False, choices=Vulnerability.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_date_of_birth(self):
        return parse_partial_date(self.cleaned_data["date_of_birth"], today=self.today)

    def clean_languages(self):
        # The codes are checked by the service that stores them (intake, foreign_national_update).
        return [c.strip().lower() for c in self.cleaned_data["languages"].split(",") if c.strip()]


class IntakeForm(IdentityForm):
    """Manual intake: a person who registers for return themself (self-registration)."""

    # Generated when the form is shown: submitting the same form twice yields the same case.
    reference = forms.CharField(widget=forms.HiddenInput, max_length=100)
    v_number = forms.CharField(
        label=_("V-number"),
        max_length=10,
        widget=forms.TextInput(attrs={**_TEXT, "inputmode": "numeric", "autocomplete": "off"}),
    )
    nationality = forms.ChoiceField(label=_("Nationality"), choices=(), widget=forms.Select(attrs=_SELECT))
    nationality_status = forms.ChoiceField(
        label=_("Nationality is"),
        choices=NationalityStatus.choices,
        initial=NationalityStatus.CLAIMED,
        widget=forms.Select(attrs=_SELECT),
    )
    track = forms.ChoiceField(
        label=_("Track"), choices=Track.choices, initial=Track.SELF_REGISTERED, widget=forms.Select(attrs=_SELECT)
    )
    handover_date = _date_field(_("Registered on"))

    field_order = ["reference", "v_number", "surname", "given_names", "date_of_birth", "sex", "nationality"]

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, today=today, **kwargs)
        self.fields["nationality"].choices = [("", "—")] + country_choices()
        if not self.is_bound:
            self.initial.setdefault("reference", f"SELF-{uuid.uuid4().hex[:16].upper()}")
            self.initial.setdefault("handover_date", today)

    # The service names the list; the form asks for one nationality.
    service_fields = {"nationalities": "nationality"}

    def clean(self):
        data = super().clean()
        # The shape intake.HandoverData.from_cleaned reads.
        if data.get("nationality"):
            data["nationalities"] = [{"country": data["nationality"], "status": data.get("nationality_status")}]
        # The rules are intake's (handover_validate); asking them here shows every error in one round,
        # including those of fields that parsed while others did not (their placeholders are skipped).
        provisional = {"reference": "", "v_number": "", "surname": "", "handover_date": self.today, "track": "", **data}
        try:
            handover_validate(
                HandoverData.from_cleaned(provisional, source=Source.SELF_REGISTRATION, payload={}), today=self.today
            )
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                name = self.service_fields.get(name, name)
                if name not in self.errors:
                    self.add_error(name if name in self.fields else None, errors)
        return data


class AssignForm(forms.Form):
    case_officer = forms.ModelChoiceField(
        label=_("Case officer"), queryset=None, widget=forms.Select(attrs=_SELECT), empty_label="—"
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500, widget=forms.TextInput(attrs=_TEXT))

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_officer"].queryset = officers
        self.fields["case_officer"].label_from_instance = _officer_label


def _officer_label(user):
    label = user.get_full_name() or user.username
    if user.is_unaccompanied_minor_specialist:
        return _("%(name)s (AMV specialist)") % {"name": label}
    return label


class BulkAssignForm(AssignForm):
    cases = forms.TypedMultipleChoiceField(coerce=int, choices=(), error_messages={"required": _("Select cases.")})

    def __init__(self, *args, case_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [(pk, pk) for pk in case_ids]


class CloseForm(forms.Form):
    closure_reason = forms.ChoiceField(
        label=_("Reason for closing"), choices=[("", "—"), *ClosureReason.choices], widget=forms.Select(attrs=_SELECT)
    )


class ConfidentialForm(forms.Form):
    confidential = forms.BooleanField(label=_("Confidential"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.TextInput(attrs=_TEXT))


class DuplicateReviewForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Verdict"), choices=DuplicateReview.choices, widget=forms.RadioSelect)


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need this case?"),
        max_length=1000,
        help_text=_("Your reason is recorded with every read and shown to the privacy officer."),
        widget=forms.Textarea(attrs=_AREA),
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=5000, widget=forms.Textarea(attrs=_AREA))


class InterviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of interview"), choices=InterviewKind.choices, widget=forms.RadioSelect)
    held_at = _datetime_field(_("Held at"))
    location = forms.CharField(label=_("Location"), required=False, max_length=200, widget=forms.TextInput(attrs=_TEXT))
    interpreter_mode = forms.ChoiceField(
        label=_("Interpreter"), choices=InterpreterMode.choices, widget=forms.RadioSelect
    )
    interpreter_language = forms.CharField(
        label=_("Language of the interpreter"),
        required=False,
        max_length=3,
        help_text=_("ISO 639 code, for example ar (Arabic) or ti (Tigrinya)."),
        widget=forms.TextInput(attrs={**_TEXT, "autocomplete": "off"}),
    )
    no_interpreter_reason = forms.CharField(
        label=_("Reason for interviewing without an interpreter"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**_AREA, "rows": 2}),
    )
    stance = forms.ChoiceField(label=_("Stance towards departure"), choices=Stance.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label=_("Summary"), max_length=20000, widget=forms.Textarea(attrs=_AREA))


class AgreedActionForm(forms.Form):
    description = forms.CharField(
        label=_("Agreed action"), required=False, max_length=500, widget=forms.TextInput(attrs=_TEXT)
    )
    party = forms.ChoiceField(
        label=_("Who acts"), choices=AgreedAction.Party.choices, required=False, widget=forms.Select(attrs=_SELECT)
    )
    due_date = _date_field(_("Due date"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("description") and not data.get("due_date"):
            self.add_error("due_date", _("Give the due date of the agreed action."))
        if data.get("due_date") and not data.get("description"):
            self.add_error("description", _("Describe the agreed action."))
        return data


AgreedActionFormSet = forms.formset_factory(AgreedActionForm, extra=3, max_num=10)


class ProcedureForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of procedure"), choices=ProcedureKind.choices, widget=forms.Select(attrs=_SELECT)
    )
    reference = forms.CharField(
        label=_("Reference"), required=False, max_length=100, widget=forms.TextInput(attrs=_TEXT)
    )
    lodged_on = _date_field(_("Lodged on"))
    may_await_in_nl = forms.TypedChoiceField(
        label=_("May it be awaited in the Netherlands?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs=_AREA))


class ProcedureDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in ProcedureOutcome.choices if c[0] != ProcedureOutcome.PENDING],
        widget=forms.Select(attrs=_SELECT),
    )
    decided_on = _date_field(_("Decided on"))
    effective_until = _date_field(
        _("In force until"),
        required=False,
        help_text=_("Only for a granted interim measure or medical postponement; leave empty when open-ended."),
    )


class DepartureTermForm(forms.Form):
    effective_on = _date_field(_("The decision takes effect on"))
    days = forms.IntegerField(
        label=_("Term in days"),
        min_value=0,
        max_value=365,
        initial=DEPARTURE_TERM_DAYS,
        help_text=_("28 days by law; 0 days or an extension only with a reason."),
        widget=forms.NumberInput(attrs=_TEXT),
    )
    reason = forms.CharField(
        label=_("Reason for a term other than 28 days"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**_AREA, "rows": 2}),
    )
    decision_reference = forms.CharField(
        label=_("Decision reference"), required=False, max_length=100, widget=forms.TextInput(attrs=_TEXT)
    )


class DepartureTermCorrectionForm(DepartureTermForm):
    decision_reference = None
    correction = forms.CharField(
        label=_("What was wrong?"), max_length=2000, widget=forms.Textarea(attrs={**_AREA, "rows": 2})
    )


class PersonForm(IdentityForm):
    legal_representative_name = forms.CharField(
        label=_("Legal representative"), required=False, max_length=200, widget=forms.TextInput(attrs=_TEXT)
    )
    legal_representative_office = forms.CharField(
        label=_("Law office"), required=False, max_length=200, widget=forms.TextInput(attrs=_TEXT)
    )
    legal_representative_contact = forms.CharField(
        label=_("Contact of the legal representative"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=_TEXT),
    )


class FamilyLinkForm(forms.Form):
    relative_v_number = forms.CharField(
        label=_("V-number of the relative"),
        max_length=10,
        validators=[v_number_validator],
        widget=forms.TextInput(attrs={**_TEXT, "inputmode": "numeric"}),
    )
    relation = forms.ChoiceField(
        label=_("The relative is the person's"), choices=FamilyRelation.choices, widget=forms.Select(attrs=_SELECT)
    )
