"""The upload form: it checks the shape of the input; the file itself is judged by the service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dtv.core.forms import CHOOSE

from ..constants import DocumentKind
from .services import DESCRIPTION_MAX_LENGTH

# What the file picker offers; the service decides by content, not by this list.
ACCEPTED_EXTENSIONS = ".pdf,.png,.jpg,.jpeg"


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[("", CHOOSE), *DocumentKind.choices],
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
        error_messages={"required": _("Choose the kind of document.")},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "autocomplete": "off"}),
    )
    upload = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG or JPEG, at most %(limit)s MB."),
        widget=forms.FileInput(attrs={"accept": ACCEPTED_EXTENSIONS, "class": "utrecht-textbox"}),
        error_messages={"required": _("Choose a file."), "empty": _("The file is empty.")},
    )

    def __init__(self, *args, max_megabytes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = self.fields["upload"].help_text % {"limit": max_megabytes}
