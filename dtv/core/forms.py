"""Form plumbing shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from .exceptions import DomainError

# The empty first option of a select that has no sensible default: leaving it is refused, not guessed.
CHOOSE = _("— choose —")


def add_service_errors(form, error: ValidationError):
    """Show a service's ValidationError on the form: on its field when the form has one, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def run_service(form, action) -> bool:
    """Call the service; a ValidationError lands on the form, a DomainError above it. True on success."""
    try:
        action()
    except ValidationError as error:
        add_service_errors(form, error)
    except DomainError as error:
        form.add_error(None, error.message)
    else:
        return True
    return False


def required_when(field, help_text=""):
    """Mark a field that is needed only in some cases (the service decides which).

    Such a field is not labelled "(optional)", since leaving it empty is refused in those cases; its
    help text says when it is needed.
    """
    field.required_when = True
    if help_text:
        field.help_text = help_text
    return field


class _LoadedChoices(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.loaded_objects:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.loaded_objects) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.loaded_objects)


class LoadedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that lists and validates rows loaded once (`load(rows)`) instead of querying.

    Django's field runs its queryset again on every render (and once more to validate), so two
    fields offering the same people cost two queries; loaded once, the rows serve both.
    """

    iterator = _LoadedChoices
    loaded_objects = ()

    def load(self, rows):
        """Offer exactly `rows` (model instances, e.g. an evaluated queryset), in their order."""
        self.loaded_objects = list(rows)
        self.widget.choices = self.choices

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        for obj in self.loaded_objects:
            if str(getattr(obj, key)) == str(getattr(value, key, value)):
                return obj
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
