"""The timeline event kinds of departures (codes are stored data: never rename one)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.countries import country_name
from cases.events import choice_label, event_kind, moment_text

from .constants import CancellationReason, DepartureTrack, DublinAnswer, DublinClaimKind, NoticeMethod, NoticeRecipient


def _plan(data):
    return _("Departure plan version %(version)s: %(track)s to %(country)s (%(reason)s).") % {
        "version": data.get("version", ""),
        "track": choice_label(DepartureTrack, data.get("track")),
        "country": country_name(data.get("country", "")),
        "reason": data.get("reason", ""),
    }


def _plan_approved(data):
    return _("Forced track of departure plan version %(version)s approved.") % {"version": data.get("version", "")}


def _flight(data):
    return _("%(flight)s to %(country)s, departing %(at)s.") % {
        "flight": data.get("flight", ""),
        "country": country_name(data.get("country", "")),
        "at": moment_text(data.get("departs_at", "")),
    }


def _notice(data):
    return _("%(who)s told of the flight on %(at)s (%(method)s).") % {
        "who": choice_label(NoticeRecipient, data.get("recipient")),
        "at": moment_text(data.get("notified_at", "")),
        "method": choice_label(NoticeMethod, data.get("method")),
    }


def _executed(data):
    return _("Departed on %(at)s (%(flight)s).") % {
        "at": moment_text(data.get("executed_at", "")),
        "flight": data.get("flight", ""),
    }


def _cancelled(data):
    return _("Removal %(flight)s cancelled: %(reason)s.") % {
        "flight": data.get("flight", ""),
        "reason": choice_label(CancellationReason, data.get("reason")),
    }


def _file(data):
    return _("KMar departure file updated: %(score)s%% complete.") % {"score": data.get("score", "")}


def _kmar_pdf(data):
    return _("PDF of the KMar departure file for flight %(flight)s requested.") % {"flight": data.get("flight", "")}


def _claim(data):
    return _("%(kind)s request to %(state)s sent on %(on)s.") % {
        "kind": choice_label(DublinClaimKind, data.get("kind")),
        "state": country_name(data.get("member_state", "")),
        "on": data.get("on", ""),
    }


def _claim_answer(data):
    return _("%(state)s: %(answer)s (%(on)s).") % {
        "state": country_name(data.get("member_state", "")),
        "answer": choice_label(DublinAnswer, data.get("answer")),
        "on": data.get("on", ""),
    }


def _claim_expired(data):
    return _("Transfer period to %(state)s expired on %(on)s: the Netherlands is responsible.") % {
        "state": country_name(data.get("member_state", "")),
        "on": data.get("on", ""),
    }


PLAN_RECORDED = event_kind("departures.plan_recorded", gettext_lazy("Departure plan recorded"), _plan)
PLAN_APPROVED = event_kind("departures.plan_approved", gettext_lazy("Forced track approved"), _plan_approved)
REMOVAL_BOOKED = event_kind("departures.removal_booked", gettext_lazy("Removal booked"), _flight)
REMOVAL_REBOOKED = event_kind("departures.removal_rebooked", gettext_lazy("Removal rebooked"), _flight)
REMOVAL_NOTICE_GIVEN = event_kind("departures.notice_given", gettext_lazy("Flight notice given"), _notice)
REMOVAL_CONFIRMED = event_kind("departures.removal_confirmed", gettext_lazy("Removal confirmed"), _flight)
REMOVAL_EXECUTED = event_kind("departures.removal_executed", gettext_lazy("Removal carried out"), _executed)
REMOVAL_CANCELLED = event_kind("departures.removal_cancelled", gettext_lazy("Removal cancelled"), _cancelled)
DEPARTURE_FILE_UPDATED = event_kind("departures.file_updated", gettext_lazy("KMar departure file updated"), _file)
KMAR_PDF_REQUESTED = event_kind(
    "departures.kmar_pdf_requested", gettext_lazy("KMar departure file handed over as PDF"), _kmar_pdf
)
DUBLIN_CLAIM_SENT = event_kind("departures.dublin_claim_sent", gettext_lazy("Dublin request sent"), _claim)
DUBLIN_CLAIM_ANSWERED = event_kind("departures.dublin_claim_answered", gettext_lazy("Dublin answer"), _claim_answer)
DUBLIN_CLAIM_EXPIRED = event_kind(
    "departures.dublin_claim_expired", gettext_lazy("Dublin transfer period expired"), _claim_expired
)


def _operation(data):
    return _("On operation %(reference)s (%(flight)s), seat %(seat)s.") % {
        "reference": data.get("reference", ""),
        "flight": data.get("flight", ""),
        "seat": data.get("seat") or "-",
    }


def _operation_left(data):
    return _("Taken off operation %(reference)s: %(reason)s.") % {
        "reference": data.get("reference", ""),
        "reason": data.get("reason", ""),
    }


OPERATION_JOINED = event_kind("departures.operation_joined", gettext_lazy("Joined a group operation"), _operation)
OPERATION_LEFT = event_kind("departures.operation_left", gettext_lazy("Left a group operation"), _operation_left)
