"""Browser forms: they parse and check the shape of input; the rules themselves live in the services."""

import datetime as dt
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import from_current_timezone, to_current_timezone
from django.utils.translation import gettext_lazy as _

from dtv.core.fields import BoundedDateFormField
from dtv.core.forms import CHOOSE, LoadedModelChoiceField, required_when
from dtv.core.ids import parse_id
from dtv.core.widgets import OneLoopSelect

from .constants import (
    DEPARTURE_TERM_DAYS,
    NATIONALITY_UNKNOWN,
    STATELESS,
    AccessChannel,
    AccessResult,
    ClosureEvidence,
    ClosureReason,
    DestinationType,
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
from .dates import format_partial_date, parse_date, parse_date_text, parse_moment, parse_partial_date
from .intake import HandoverData, handover_validate
from .languages import language_choices, language_code
from .models import AgreedAction
from .processing import processing_activities
from .selectors import parse_search_date
from .validators import v_number_validator

_TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
_AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}
# Dates are typed text, not type="date": the browser shows a date input in its own locale's order
# (mm/dd/yyyy on an English workstation), while every Regie page shows and reads DD-MM-JJJJ.
_DATE = {**_TEXT, "autocomplete": "off", "spellcheck": "false", "size": 10}
_MOMENT = {**_TEXT, "autocomplete": "off", "spellcheck": "false", "size": 16}


class DateTextField(forms.Field):
    """A date typed as DD-MM-JJJJ (ISO order accepted), read by cases.dates."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("DD-MM-YYYY"))
        kwargs.setdefault("widget", forms.DateInput(attrs=_DATE, format="%d-%m-%Y"))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        return parse_date(value)

    def bound_data(self, data, initial):
        # Shown again after another field failed: as the form writes it ("1-2-2026" → "01-02-2026").
        try:
            return self.to_python(data) or data
        except ValidationError:
            return data


class MomentField(DateTextField):
    """A moment typed as DD-MM-JJJJ UU:MM in Amsterdam time; cleaned to an aware datetime."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("DD-MM-YYYY HH:MM"))
        kwargs.setdefault("widget", forms.DateTimeInput(attrs=_MOMENT, format="%d-%m-%Y %H:%M"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return to_current_timezone(value) if isinstance(value, dt.datetime) else value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        return from_current_timezone(parse_moment(value))


class PartialDateTextField(forms.CharField):
    """A date that may be partial, typed as DD-MM-JJJJ, MM-JJJJ or JJJJ; the form's clean method reads it."""

    def bound_data(self, data, initial):
        # Shown again after another field failed: as the case file writes it ("1-2-1990" → "01-02-1990").
        try:
            return format_partial_date(*parse_date_text(data, partial=True))
        except ValidationError:
            return data


class LanguageSelects(forms.MultiWidget):
    """One select per language, the main language first: a single keyboard stop each, type-ahead, no script."""

    use_fieldset = True

    def __init__(self, *, count, choices):
        super().__init__(
            [
                forms.Select(attrs={**_SELECT, "aria-label": _("Language %(number)s") % {"number": n}}, choices=choices)
                for n in range(1, count + 1)
            ]
        )

    def decompress(self, value):
        codes = list(value or [])
        return codes + [""] * (len(self.widgets) - len(codes))


class LanguagesField(forms.MultiValueField):
    """Languages chosen by name, stored as ISO 639 codes in the order chosen, each once."""

    def __init__(self, *, count=3, keep=(), choices=None, **kwargs):
        if choices is None:
            choices = [("", CHOOSE), *language_choices(keep=keep)]
        super().__init__(
            fields=[forms.ChoiceField(choices=choices, required=False) for _n in range(count)],
            widget=LanguageSelects(count=count, choices=choices),
            require_all_fields=False,
            required=False,
            **kwargs,
        )

    def compress(self, data_list):
        return list(dict.fromkeys(code for code in data_list if code))


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
    date_of_birth = PartialDateTextField(
        label=_("Date of birth"),
        required=False,
        max_length=10,
        help_text=_("DD-MM-YYYY, MM-YYYY or YYYY."),
        widget=forms.TextInput(attrs=_DATE),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if name and len(name) < 2:
            raise ValidationError(_("Enter at least 2 letters of the name."), code="too_short")
        return name

    def clean_date_of_birth(self):
        text = self.cleaned_data["date_of_birth"].strip()
        return parse_search_date(text) if text else None

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
    date_of_birth = PartialDateTextField(
        label=_("Date of birth"),
        max_length=10,
        required=False,
        help_text=_("DD-MM-YYYY, MM-YYYY or YYYY as far as it is known; leave empty when unknown."),
        widget=forms.TextInput(attrs=_DATE),
    )
    # No sex is chosen in advance: a default would be recorded for everyone who skips the field.
    sex = forms.ChoiceField(
        label=_("Sex"),
        choices=[("", CHOOSE), *Sex.choices],
        error_messages={"required": _("Choose the sex; choose Unknown when it is not known.")},
        widget=forms.Select(attrs=_SELECT),
    )
    languages = LanguagesField(label=_("Languages"), choices=())  # built per request in __init__
    vulnerabilities = forms.MultipleChoiceField(
        label=_("Vulnerabilities"), required=False, choices=Vulnerability.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        if self.initial.get("sex") == Sex.UNKNOWN:
            # "unknown" is what the record holds when nobody chose: the officer who corrects it chooses.
            self.initial["sex"] = ""
        current = [language_code(code) for code in self.initial.get("languages") or []]
        current = [code for code in current if code]
        self.initial["languages"] = current
        # One select more than the person has languages, and at least three.
        self.fields["languages"] = LanguagesField(
            label=_("Languages"),
            count=max(3, len(current) + 1),
            keep=current,
            help_text=_("The languages the person speaks, the main language first."),
        )

    def clean_date_of_birth(self):
        return parse_partial_date(self.cleaned_data["date_of_birth"], today=self.today)


class IntakeForm(IdentityForm):
    """Manual intake: a person who registers for return themself (self-registration)."""

    # Generated when the form is shown: submitting the same form twice yields the same case.
    reference = forms.CharField(widget=forms.HiddenInput, max_length=100)
    v_number = forms.CharField(
        label=_("V-number"),
        max_length=10,
        widget=forms.TextInput(attrs={**_TEXT, "inputmode": "numeric", "autocomplete": "off"}),
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        choices=(),
        error_messages={"required": _("Choose the nationality; choose Unknown (XXX) when it is not known.")},
        widget=forms.Select(attrs=_SELECT),
    )
    nationality_status = forms.ChoiceField(
        label=_("Nationality is"),
        choices=NationalityStatus.choices,
        initial=NationalityStatus.CLAIMED,
        widget=forms.Select(attrs=_SELECT),
    )
    track = forms.ChoiceField(
        label=_("Track"), choices=Track.choices, initial=Track.SELF_REGISTERED, widget=forms.Select(attrs=_SELECT)
    )
    handover_date = DateTextField(label=_("Registered on"))

    field_order = [
        "reference",
        "v_number",
        "surname",
        "given_names",
        "date_of_birth",
        "sex",
        "nationality",
        "nationality_status",
    ]

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, today=today, **kwargs)
        self.fields["nationality"].choices = [("", CHOOSE), *country_choices()]
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
    case_officer = LoadedModelChoiceField(
        label=_("Case officer"), queryset=None, widget=OneLoopSelect(attrs=_SELECT), empty_label=CHOOSE
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500, widget=forms.TextInput(attrs=_TEXT))

    def __init__(self, *args, officers, **kwargs):
        """`officers`: the people who may be chosen (a queryset, or rows already loaded for another field)."""
        super().__init__(*args, **kwargs)
        self.fields["case_officer"].label_from_instance = _officer_label
        self.fields["case_officer"].load(officers)


def _officer_label(user):
    label = user.get_full_name() or user.username
    if user.is_unaccompanied_minor_specialist:
        return _("%(name)s (AMV specialist)") % {"name": label}
    return label


class BulkAssignForm(AssignForm):
    cases = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=(),
        error_messages={
            "required": _("Select cases."),
            # Says neither which nor how many: a case outside the actor's scope is not to be confirmed or counted.
            "invalid_choice": _("One or more of the selected cases cannot be assigned by you. Nothing was assigned."),
        },
    )

    def __init__(self, *args, case_ids, **kwargs):
        """`case_ids`: the cases that may be chosen, only ever ids within the actor's scope."""
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [(pk, pk) for pk in case_ids]


class CloseForm(forms.Form):
    """Closing a case; which of the departure fields a reason needs is the service's rule (case_close)."""

    closure_reason = forms.ChoiceField(
        label=_("Reason for closing"),
        choices=[("", CHOOSE), *ClosureReason.choices],
        widget=forms.Select(attrs=_SELECT),
    )
    departed_on = DateTextField(
        label=_("Date of departure"),
        required=False,
        help_text=_("The day the person left (left without supervision: the day it was established)."),
    )
    destination_type = forms.ChoiceField(
        label=_("Destination"),
        required=False,
        choices=DestinationType.choices,
        widget=forms.RadioSelect,
    )
    destination_country = forms.ChoiceField(
        label=_("Country of destination"),
        required=False,
        choices=(),
        widget=forms.Select(attrs=_SELECT),
    )
    evidence = forms.ChoiceField(
        label=_("Evidence of the departure"),
        required=False,
        choices=[("", "—"), *ClosureEvidence.choices],
        widget=forms.Select(attrs=_SELECT),
        help_text=_("What shows that the person left; for other evidence, describe it in the remark."),
    )
    remark = forms.CharField(
        label=_("Remark"), required=False, max_length=2000, widget=forms.Textarea(attrs={**_AREA, "rows": 3})
    )
    evidence_document = forms.TypedChoiceField(
        label=_("Document showing the departure"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=(),
        widget=forms.Select(attrs=_SELECT),
        help_text=_("One of the case's documents, e.g. the IOM confirmation or a copy of the exit stamp."),
    )

    def __init__(self, *args, documents=(), **kwargs):
        """`documents`: the case's own documents (the only ones that may be chosen)."""
        super().__init__(*args, **kwargs)
        self.fields["evidence_document"].choices = [
            ("", "—"),
            *((d.pk, f"{d.get_kind_display()}: {d.filename}") for d in documents),
        ]
        countries = [(code, name) for code, name in country_choices() if code not in (STATELESS, NATIONALITY_UNKNOWN)]
        self.fields["destination_country"].choices = [("", "—"), *countries]
        # Required for some reasons only (the service says which): the label says when, not "optional".
        self.fields["departed_on"].required_when = _("required for a departure")
        for name in ("destination_type", "destination_country", "evidence"):
            self.fields[name].required_when = _("required for a demonstrable departure")


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the case reopened?"),
        max_length=2000,
        help_text=_("Recorded on the timeline. For example: the person turned out not to have left."),
        widget=forms.Textarea(attrs={**_AREA, "rows": 3}),
    )


class ConfirmForm(forms.Form):
    """A confirmation step with no fields: the POST is the confirmation."""


class AgreedActionCompleteForm(forms.Form):
    remark = forms.CharField(
        label=_("How was it done?"),
        required=False,
        max_length=2000,
        help_text=_("Recorded on the timeline."),
        widget=forms.Textarea(attrs={**_AREA, "rows": 2}),
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
    held_at = MomentField(label=_("Held at"))
    location = forms.CharField(label=_("Location"), required=False, max_length=200, widget=forms.TextInput(attrs=_TEXT))
    interpreter_mode = forms.ChoiceField(
        label=_("Interpreter"), choices=InterpreterMode.choices, widget=forms.RadioSelect
    )
    interpreter_language = required_when(
        forms.ChoiceField(
            label=_("Language of the interpreter"), required=False, choices=(), widget=forms.Select(attrs=_SELECT)
        ),
        _("Needed when an interpreter takes part."),
    )
    no_interpreter_reason = required_when(
        forms.CharField(
            label=_("Reason for interviewing without an interpreter"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={**_AREA, "rows": 2}),
        ),
        _("Needed when the interview is held without an interpreter."),
    )
    stance = forms.ChoiceField(label=_("Stance towards departure"), choices=Stance.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label=_("Summary"), max_length=20000, widget=forms.Textarea(attrs=_AREA))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interpreter_language"].choices = [("", CHOOSE), *language_choices()]


class AgreedActionForm(forms.Form):
    """One row of agreed actions: an empty row is skipped; a row in use needs its description and due date."""

    description = required_when(
        forms.CharField(label=_("Agreed action"), required=False, max_length=500, widget=forms.TextInput(attrs=_TEXT))
    )
    party = forms.ChoiceField(
        label=_("Who acts"),
        choices=AgreedAction.Party.choices,
        initial=AgreedAction.Party.FOREIGN_NATIONAL,
        widget=forms.Select(attrs=_SELECT),
    )
    due_date = required_when(DateTextField(label=_("Due date"), required=False))

    def clean(self):
        data = super().clean()
        # A date that failed to parse has its own error already; "give the due date" would contradict it.
        if data.get("description") and not data.get("due_date") and "due_date" not in self.errors:
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
    lodged_on = DateTextField(label=_("Lodged on"))
    may_await_in_nl = forms.TypedChoiceField(
        label=_("May it be awaited in the Netherlands?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs=_AREA))


class ProcedureDecisionForm(forms.Form):
    # No outcome is chosen in advance: an officer who only fills in the date must not record "granted".
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", CHOOSE), *(c for c in ProcedureOutcome.choices if c[0] != ProcedureOutcome.PENDING)],
        error_messages={"required": _("Choose the outcome.")},
        widget=forms.Select(attrs=_SELECT),
    )
    decided_on = DateTextField(label=_("Decided on"))
    effective_until = DateTextField(
        label=_("In force until"),
        required=False,
        help_text=_(
            "DD-MM-YYYY. Only for a granted interim measure or medical postponement; leave empty when open-ended."
        ),
    )


class DepartureTermForm(forms.Form):
    effective_on = DateTextField(label=_("The decision takes effect on"))
    days = forms.IntegerField(
        label=_("Term in days"),
        min_value=0,
        max_value=365,
        initial=DEPARTURE_TERM_DAYS,
        help_text=_("28 days by law; 0 days or an extension only with a reason."),
        widget=forms.NumberInput(attrs=_TEXT),
    )
    reason = required_when(
        forms.CharField(
            label=_("Reason for a term other than 28 days"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={**_AREA, "rows": 2}),
        ),
        _("Needed when the term is not 28 days: a shorter term or an extension is recorded with its reason."),
    )
    decision_reference = forms.CharField(
        label=_("Decision reference"), required=False, max_length=100, widget=forms.TextInput(attrs=_TEXT)
    )


class DepartureTermCorrectionForm(DepartureTermForm):
    decision_reference = None
    # The version the editor read: a correction saved meanwhile by someone else makes this one stale.
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    correction = forms.CharField(
        label=_("What was wrong?"), max_length=2000, widget=forms.Textarea(attrs={**_AREA, "rows": 2})
    )


class PersonForm(IdentityForm):
    # The version the editor read: a correction saved meanwhile by someone else makes this one stale.
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
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


class AccessLogFilterForm(forms.Form):
    """The privacy officer's filters on the access log (a GET form; every field may stay empty)."""

    username = forms.CharField(
        label=_("User (username)"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={**_TEXT, "autocomplete": "off"}),
    )
    v_number = forms.CharField(
        label=_("V-number"),
        required=False,
        max_length=10,
        validators=[v_number_validator],
        widget=forms.TextInput(attrs={**_TEXT, "inputmode": "numeric", "autocomplete": "off"}),
    )
    case = forms.CharField(
        label=_("Case number"),
        required=False,
        max_length=18,
        widget=forms.TextInput(attrs={**_TEXT, "inputmode": "numeric", "autocomplete": "off"}),
    )
    activity = forms.ChoiceField(label=_("Processing activity"), required=False, widget=forms.Select(attrs=_SELECT))
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("all"))] + AccessChannel.choices,
        widget=forms.Select(attrs=_SELECT),
    )
    result = forms.ChoiceField(
        label=_("Result"),
        required=False,
        choices=[("", _("all"))] + AccessResult.choices,
        widget=forms.Select(attrs=_SELECT),
    )
    break_glass_only = forms.BooleanField(label=_("Only reads with a break-the-glass reason"), required=False)
    date_from = BoundedDateFormField(
        label=_("From (DD-MM-YYYY)"), required=False, input_formats=["%d-%m-%Y"], widget=forms.TextInput(attrs=_DATE)
    )
    date_to = BoundedDateFormField(
        label=_("Up to and including (DD-MM-YYYY)"),
        required=False,
        input_formats=["%d-%m-%Y"],
        widget=forms.TextInput(attrs=_DATE),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", _("all"))] + [
            (activity.code, activity.name) for activity in processing_activities()
        ]

    def clean_case(self):
        text = self.cleaned_data["case"].strip()
        if not text:
            return None
        case_id = parse_id(text)
        if case_id is None:
            raise ValidationError(_("Enter a case number (digits only)."), code="invalid")
        return case_id

    def criteria(self):
        """The filter for `accesslog.access_log_rows`; the username is resolved by the view."""
        data = self.cleaned_data
        return {
            "v_number": data["v_number"],
            "case_id": data["case"],
            "activity": data["activity"],
            "channel": data["channel"],
            "result": data["result"],
            "break_glass_only": data["break_glass_only"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
