"""The processing activity under which downloads of the reports' documents are access-logged."""

from django.utils.translation import gettext_lazy as _

from cases.processing import ProcessingActivity, register_processing_activity

REPORTING = register_processing_activity(
    ProcessingActivity(
        "reporting",
        _("Management reporting"),
        _("The organisation's figures: statistics per period, KPIs and the annual report, counted from events."),
    )
)
