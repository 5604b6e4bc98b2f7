from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self):
        # The event kinds of cases and of its deadline engine register themselves on import.
        from . import events  # noqa: F401
        from .deadlines import events as deadline_events  # noqa: F401

        # The deadline rules cases registers (its own, and those of the apps still to be built).
        from .deadlines import rules  # noqa: F401
        from .deadlines.calendar import seed_atw_calendar

        # After every migrate (and every flush in tests), so that a database never lacks the calendar.
        post_migrate.connect(seed_atw_calendar, sender=self, dispatch_uid="cases.seed_atw_calendar")
