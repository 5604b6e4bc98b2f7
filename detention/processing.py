"""The processing activity under which reads of measures and detention orders are access-logged."""

from django.utils.translation import gettext_lazy as _

from cases.processing import ProcessingActivity, register_processing_activity

SUPERVISION_AND_DETENTION = register_processing_activity(
    ProcessingActivity(
        "supervision_detention",
        _("Supervision and detention"),
        _("Imposing supervision and detention measures, the detention order, and the court's review of it."),
    )
)
