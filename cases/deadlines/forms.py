"""The browser form of the deadline subsystem: confirming that a deadline was met."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DeadlineMetForm(forms.Form):
    """What was done to meet the deadline: required for a statutory term (the service holds that rule too)."""

    reason = forms.CharField(
        label=_("What was done"),
        max_length=1000,
        error_messages={"required": _("This is a statutory term: say what was done to meet it.")},
        widget=forms.Textarea(attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}),
    )

    def __init__(self, *args, statutory, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required = statutory
        if statutory:
            field.help_text = _(
                "This is a statutory term. Say what was done, for example: departed demonstrably on 12-3-2026 "
                "(IOM confirmation), or: notice given to the person and the lawyer on 4-3-2026."
            )
