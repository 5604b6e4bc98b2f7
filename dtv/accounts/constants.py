from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of Regie; each is a Django group of the same name holding its permissions."""

    CASE_OFFICER = "case_officer", _("Case officer")
    TEAM_LEAD = "team_lead", _("Team lead")
    ENFORCEMENT_OFFICER = "enforcement_officer", _("Enforcement officer")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functional administrator")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    # Need to know of health data (AVG art. 9): reads the medical particulars of departures, nothing else.
    MEDICAL_STAFF = "medical_staff", _("Medical staff")
    # The national figures (dashboard, statistics, KPIs, exports, the annual report) without any personal data.
    MANAGEMENT = "management", _("Management")
    CHAIN_PARTNER = "chain_partner", _("Chain partner (API only)")


class ChainPartner(models.TextChoices):
    """Organisations that hand cases over to DT&V."""

    IND = "ind", _("IND")
    POLICE = "police", _("Police (AVIM)")
    KMAR = "kmar", _("Royal Netherlands Marechaussee (KMar)")
