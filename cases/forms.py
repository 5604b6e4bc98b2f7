from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

v_number_validator = RegexValidator(r"^\d{10}$", _("A V-number consists of exactly 10 digits."), code="v_number")


class SearchForm(forms.Form):
    v_number = forms.CharField(
        label=_("V-number"),
        required=False,
        max_length=10,
        validators=[v_number_validator],
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("v_number") or data.get("name")):
            raise forms.ValidationError(_("Enter a V-number or a name."), code="empty")
        return data
