"""Field validators shared by the browser forms and the API serializers."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# ASCII digits only: "\d" would also take Arabic-Indic or fullwidth digits.
v_number_validator = RegexValidator(r"^[0-9]{10}$", _("A V-number consists of exactly 10 digits."), code="v_number")
