"""Form plumbing shared by the apps."""

from django.core.exceptions import ValidationError
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
