from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaissezpasserConfig(AppConfig):
    name = "laissezpasser"
    verbose_name = _("Travel documents")
