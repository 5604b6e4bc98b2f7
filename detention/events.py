"""The timeline event kinds of supervision and detention (codes are stored data: never rename one)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events import choice_label, day_text, event_kind, moment_text

from .constants import CourtStepKind, EndReason, MeasureKind, Ruling


def _measure(data):
    return choice_label(MeasureKind, data.get("measure_kind", ""))


def _imposed(data):
    return _("%(measure)s imposed from %(at)s (%(basis)s).") % {
        "measure": _measure(data),
        "at": moment_text(data.get("starts_at", "")),
        "basis": data.get("legal_basis", ""),
    }


def _ended(data):
    return _("%(measure)s ended at %(at)s: %(reason)s.") % {
        "measure": _measure(data),
        "at": moment_text(data.get("ends_at", "")),
        "reason": choice_label(EndReason, data.get("reason", "")),
    }


def _extended(data):
    return _("%(measure)s extended until %(until)s: %(reason)s") % {
        "measure": _measure(data),
        "until": moment_text(data.get("until", "")),
        "reason": data.get("reason", ""),
    }


def _report(data):
    if data.get("attended"):
        return _("Reported on %(on)s.") % {"on": day_text(data.get("on", ""))}
    return _("Did not report on %(on)s.") % {"on": day_text(data.get("on", ""))}


def _absconding(data):
    return _("Risk of absconding: %(count)s reports missed in a row.") % {"count": data.get("missed", "")}


def _deposit(data):
    return _("Deposit %(what)s on %(on)s.") % {
        "what": _("returned") if data.get("settled") == "returned" else _("forfeited"),
        "on": day_text(data.get("on", "")),
    }


def _order(data):
    return _("Detention order %(id)s, version %(version)s.") % {
        "id": data.get("order", ""),
        "version": data.get("version", ""),
    }


def _corrected(data):
    return _("Detention order %(id)s corrected by version %(version)s: %(changes)s") % {
        "id": data.get("previous", ""),
        "version": data.get("version", ""),
        "changes": data.get("changes", ""),
    }


def _court(data):
    text = _("%(step)s on %(on)s.") % {
        "step": choice_label(CourtStepKind, data.get("step", "")),
        "on": day_text(data.get("on", "")),
    }
    if data.get("ruling"):
        text += " " + choice_label(Ruling, data["ruling"]) + "."
    return text


MEASURE_IMPOSED = event_kind("detention.measure_imposed", gettext_lazy("Measure imposed"), _imposed)
MEASURE_ENDED = event_kind("detention.measure_ended", gettext_lazy("Measure ended"), _ended)
MEASURE_EXTENDED = event_kind("detention.measure_extended", gettext_lazy("Measure extended"), _extended)
REPORT_RECORDED = event_kind("detention.report_recorded", gettext_lazy("Reporting duty"), _report)
ABSCONDING_SIGNAL = event_kind("detention.absconding_signal", gettext_lazy("Risk of absconding"), _absconding)
DEPOSIT_SETTLED = event_kind("detention.deposit_settled", gettext_lazy("Deposit settled"), _deposit)
ORDER_DRAFTED = event_kind("detention.order_drafted", gettext_lazy("Detention order drafted"), _order)
ORDER_APPROVED = event_kind("detention.order_approved", gettext_lazy("Detention order approved"), _order)
ORDER_ISSUED = event_kind("detention.order_issued", gettext_lazy("Detention order issued"), _order)
ORDER_CORRECTED = event_kind("detention.order_corrected", gettext_lazy("Detention order corrected"), _corrected)
COURT_STEP = event_kind("detention.court_step", gettext_lazy("Court"), _court)
