"""The processing activities under which reads of departures are access-logged."""

from django.utils.translation import gettext_lazy as _

from cases.processing import PUBLIC_TASK, ProcessingActivity, register_processing_activity

DEPARTURES = register_processing_activity(
    ProcessingActivity(
        "departures",
        _("Preparing and carrying out departure"),
        _("The departure plan, booking the flight, the notice, the pre-removal checks and the KMar departure file."),
    )
)
# Health data is a special category: its reads are logged under their own purpose and basis.
MEDICAL = register_processing_activity(
    ProcessingActivity(
        "departure_medical",
        _("Medical particulars for a departure"),
        _("Whether the person can travel and the medical advisers' conditions for the journey (need to know)."),
        legal_basis=f"{PUBLIC_TASK}; AVG art. 9 lid 2 onder g",
    )
)
