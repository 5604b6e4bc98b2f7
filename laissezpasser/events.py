"""The timeline event kinds of travel-document requests (codes are stored data: never rename one)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.countries import country_name
from cases.events import event_kind

from .constants import Answer, Channel, WithdrawalReason


def _country(data):
    return country_name(data.get("country", ""))


def _created(data):
    return _("Request to %(country)s drafted.") % {"country": _country(data)}


def _submitted(data):
    text = _("Submitted to %(country)s on %(on)s (%(channel)s).") % {
        "country": _country(data),
        "on": data.get("on", ""),
        "channel": Channel(data["channel"]).label if data.get("channel") in Channel.values else "",
    }
    if data.get("appeal_phase"):
        text += " " + _("In writing during an asylum appeal, with safeguards, approved by a team lead.")
    return text


def _scheduled(data):
    return _("Presentation at the mission of %(country)s on %(on)s.") % {
        "country": _country(data),
        "on": data.get("on", ""),
    }


def _presented(data):
    return _("Presented at the mission of %(country)s on %(on)s.") % {
        "country": _country(data),
        "on": data.get("on", ""),
    }


def _answered(data):
    answer = Answer(data["answer"]).label if data.get("answer") in Answer.values else data.get("answer", "")
    return _("%(country)s answered on %(on)s: %(answer)s.") % {
        "country": _country(data),
        "on": data.get("on", ""),
        "answer": answer,
    }


def _escalated(data):
    return _("Request to %(country)s escalated on %(on)s.") % {"country": _country(data), "on": data.get("on", "")}


def _used(data):
    return _("Laissez-passer of %(country)s used on %(on)s.") % {"country": _country(data), "on": data.get("on", "")}


def _expired(data):
    return _("Laissez-passer of %(country)s expired on %(on)s.") % {"country": _country(data), "on": data.get("on", "")}


def _withdrawn(data):
    reason = data.get("reason", "")
    label = WithdrawalReason(reason).label if reason in WithdrawalReason.values else reason
    return _("Request to %(country)s withdrawn on %(on)s: %(reason)s.") % {
        "country": _country(data),
        "on": data.get("on", ""),
        "reason": label,
    }


def _contact(data):
    if data.get("contact") == "reminder_sent":
        return _("Reminder sent to the mission of %(country)s on %(on)s.") % {
            "country": _country(data),
            "on": data.get("on", ""),
        }
    return _("Message from the mission of %(country)s received on %(on)s.") % {
        "country": _country(data),
        "on": data.get("on", ""),
    }


def _identity_document(data):
    return _("Details of a travel document recorded (valid until %(until)s).") % {"until": data.get("valid_until", "")}


LP_REQUEST_CREATED = event_kind("lp.request_created", gettext_lazy("Travel-document request drafted"), _created)
LP_REQUEST_SUBMITTED = event_kind("lp.request_submitted", gettext_lazy("Travel-document request submitted"), _submitted)
LP_PRESENTATION_SCHEDULED = event_kind(
    "lp.presentation_scheduled", gettext_lazy("Presentation at the mission scheduled"), _scheduled
)
LP_PRESENTED = event_kind("lp.presented", gettext_lazy("Presented at the mission"), _presented)
LP_ANSWER_RECORDED = event_kind("lp.answer_recorded", gettext_lazy("Answer of the mission"), _answered)
LP_ESCALATED = event_kind("lp.escalated", gettext_lazy("Travel-document request escalated"), _escalated)
LP_USED = event_kind("lp.used", gettext_lazy("Laissez-passer used"), _used)
LP_EXPIRED = event_kind("lp.expired", gettext_lazy("Laissez-passer expired"), _expired)
LP_WITHDRAWN = event_kind("lp.withdrawn", gettext_lazy("Travel-document request withdrawn"), _withdrawn)
LP_CONTACT_RECORDED = event_kind("lp.contact_recorded", gettext_lazy("Contact with the mission"), _contact)
LP_IDENTITY_DOCUMENT_RECORDED = event_kind(
    "lp.identity_document_recorded", gettext_lazy("Travel document details recorded"), _identity_document
)
