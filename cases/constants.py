from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    INTAKE = "intake", _("Intake")
    IN_PROGRESS = "in_progress", _("In progress")
    DEPARTURE_PREPARATION = "departure_preparation", _("Departure being prepared")
    CLOSED = "closed", _("Closed")


class AccessChannel(models.TextChoices):
    """How personal data was read: through the browser, the API, an export or the shell."""

    WEB = "web", _("Web interface")
    API = "api", _("API")
    EXPORT = "export", _("Export")
    SYSTEM = "system", _("System")
