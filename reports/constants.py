"""The vocabulary of reports: the figures the summaries count, the KPIs and how a target compares."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Figure(models.TextChoices):
    """What a summary row counts (stored data: never rename a value)."""

    INFLOW = "inflow", _("Inflow")  # key: source
    OUTFLOW = "outflow", _("Outflow")  # key: closure reason, key2: destination type
    OUTFLOW_VRIS = "outflow_vris", _("Outflow of criminal-justice (VRIS) cases")  # key: closure reason
    CASELOAD = "caseload", _("Caseload change")  # key: nationality; +1 opened/reopened, -1 closed, moves between teams
    REOPENED = "reopened", _("Cases reopened")  # key: the reason the case had been closed with
    DURATION = "duration", _("Days from intake to departure")  # key: the number of days
    LP = "lp", _("Travel-document requests")  # key: country, key2: LpCount
    LP_RESPONSE_DAYS = "lp_response_days", _("Days to the first answer (sum)")  # key: country
    LP_RESPONSES = "lp_responses", _("First answers")  # key: country
    REMOVAL_PLANNED = "removal_planned", _("Removals booked")  # key: country, key2: "rebooked" or ""
    REMOVAL_CANCELLED = "removal_cancelled", _("Removals cancelled")  # key: reason, key2: "rebooked" or ""
    REMOVAL_EXECUTED = "removal_executed", _("Removals carried out")  # key: country, key2: the plan's destination type
    DUBLIN_ACCEPTED = "dublin_accepted", _("Dublin claims accepted")  # key: member state
    # key: the ruling (lawful/unlawful) of a detention's first ruling, on the day it was recorded; team: the case's then
    DETENTION_RULING = "detention_ruling", _("Detentions judged (first ruling recorded)")
    # key: "on_time" or "late", on the day a complaint's handling was first recorded in the register
    COMPLAINT_HANDLED = "complaint_handled", _("Complaints handled")


class LpCount(models.TextChoices):
    """The columns of the published LP table (Stand van de uitvoering)."""

    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NATIONALITY_CONFIRMED = "nationality_confirmed", _("Nationality confirmed")
    NOT_CONFIRMED = "not_confirmed", _("Nationality not confirmed")


class InflowSource(models.TextChoices):
    """The inflow columns DT&V publishes: self-registration counts as "other"."""

    IND = "ind", _("IND")
    POLICE = "police", _("Police")
    KMAR = "kmar", _("KMar")
    OTHER = "other", _("Other (self-registration and other)")


class OutflowCategory(models.TextChoices):
    """The outflow categories DT&V publishes (DOMAIN.md 12)."""

    FORCED = "forced", _("Forced departure")
    INDEPENDENT = "independent", _("Independent departure, demonstrable")
    UNSUPERVISED = "unsupervised", _("Independent departure without supervision (destination unknown)")
    ASYLUM_APPLICATION = "asylum_application", _("Outflow without departure: asylum application")
    RESIDENCE_PERMIT = "residence_permit", _("Outflow without departure: residence permit")
    OTHER = "other", _("Outflow without departure: other")


class Kpi(models.TextChoices):
    """The KPIs of the year plan (Jaarplan 2024) that Regie measures."""

    DEMONSTRABLE_DEPARTURE = "demonstrable_departure", _("Demonstrable departure as a share of outflow")
    UNKNOWN_DESTINATION = "unknown_destination", _("Departure with unknown destination as a share of departures")
    VRIS_DEMONSTRABLE = "vris_demonstrable", _("Criminal-justice (VRIS) cases departing demonstrably")
    LAWFUL_DETENTION = "lawful_detention", _("Detention measures lawfully imposed")
    COMPLAINTS_ON_TIME = "complaints_on_time", _("Complaints handled on time")
    DATA_QUALITY = "data_quality", _("Open cases meeting the data-quality rules")


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")


class Light(models.TextChoices):
    """A KPI's traffic light: met, missed by less than the margin, missed; or not measurable."""

    GREEN = "green", _("Target met")
    AMBER = "amber", _("Just below target")
    RED = "red", _("Target missed")
    NONE = "none", _("Not measured")
