"""Form plumbing shared by the apps."""

from django.core.exceptions import ValidationError

from .exceptions import DomainError


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
