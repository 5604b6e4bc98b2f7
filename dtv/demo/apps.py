from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Synthetic demo data across all apps; no app may import it."""

    name = "dtv.demo"
    label = "demo"
    verbose_name = _("Demo data")
