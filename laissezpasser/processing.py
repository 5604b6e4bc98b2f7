"""The processing activity under which reads of travel-document requests are access-logged."""

from django.utils.translation import gettext_lazy as _

from cases.processing import ProcessingActivity, register_processing_activity

TRAVEL_DOCUMENTS = register_processing_activity(
    ProcessingActivity(
        "travel_documents",
        _("Obtaining travel documents"),
        _("Asking the country of origin for a laissez-passer: nationality, identity, presentation and answers."),
    )
)
