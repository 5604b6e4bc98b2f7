"""The error summary of a form page (GOV.UK / NL Design System pattern): every error once at the top of the form,
each a link to its field, and "Error: " before the page title; the partial is templates/partials/form_errors.html."""

from dataclasses import dataclass

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class ErrorItem:
    text: str
    href: str = ""  # "#id_field", or "" for an error of the form as a whole


def _anchor(bound_field):
    # Radio buttons and checkbox groups have no element with the field's own id: link to the first option.
    return "#" + (bound_field.id_for_label or f"{bound_field.auto_id}_0")


def _form_items(form, row=None):
    items = [ErrorItem(str(error)) for error in form.non_field_errors()]
    if any(bound_field.errors for bound_field in form.hidden_fields()):
        # A hidden field only fails when the page was not sent as shown: nothing the officer can correct there.
        items.append(ErrorItem(_("The form was not sent completely: reload the page and try again.")))
    for bound_field in form.visible_fields():
        label = bound_field.label
        if row is not None:
            label = _("%(label)s (row %(row)s)") % {"label": label, "row": row}
        for error in bound_field.errors:
            items.append(ErrorItem(_("%(label)s: %(error)s") % {"label": label, "error": error}, _anchor(bound_field)))
    return items


def error_items(*forms):
    """Every error of the forms and formsets given, in page order; things that are not forms are skipped."""
    items = []
    for form in forms:
        if isinstance(form, BaseFormSet) and form.is_bound:
            items += [ErrorItem(str(error)) for error in form.non_form_errors()]
            for number, row in enumerate(form.forms, start=1):
                items += _form_items(row, row=number)
        elif isinstance(form, BaseForm) and form.is_bound:
            items += _form_items(form)
    return items


@register.simple_tag
def form_error_items(*forms):
    """The items of the error summary: {% form_error_items form formset as error_items %}."""
    return error_items(*forms)


@register.simple_tag
def error_title_prefix(*forms):
    """ "Error: " before the page title when the page shows a form that failed, as a screen reader hears first."""
    return _("Error:") + " " if error_items(*forms) else ""
