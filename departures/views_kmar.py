"""The KMar file's PDF on the pages: ask for it, follow its progress (htmx polls), download it (need to know)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from cases.accesslog import log_read
from cases.permissions import can_edit_case, scoped
from dtv.core.forms import run_service
from dtv.core.http import htmx_target
from dtv.core.pdf import PDF_HEADERS, RenderState

from . import forms, services
from .kmar_pdf import kmar_pdf_bytes, kmar_pdf_current
from .models import KmarFilePdf, Removal
from .permissions import can_read_medical, removal_for_file_reader
from .processing import DEPARTURES, MEDICAL


def kmar_pdf_context(user, removal):
    """What the PDF block of the KMar file page shows for `removal` (None: no removal to hand over)."""
    if removal is None:
        return None
    pdf = KmarFilePdf.objects.filter(removal=removal).select_related("removal").first()
    return {
        "removal": removal,
        "pdf": pdf,
        "rendering": pdf is not None and pdf.rendering,
        "current": kmar_pdf_current(pdf),
        "may_download": can_read_medical(user, removal.case, removal=removal),
        "may_request": removal.is_open
        and user.has_perm("departures.change_departurefile")
        and can_edit_case(user, removal.case),
    }


def _removal(request, pk):
    if not request.user.has_perm("departures.view_departurefile"):
        raise PermissionDenied
    removal = get_object_or_404(scoped(Removal.objects.select_related("case__foreign_national"), request.user), pk=pk)
    return removal


@require_POST
@vary_on_headers("HX-Request", "HX-Target")
def kmar_pdf_make(request, pk):
    removal = _removal(request, pk)
    form = forms.ConfirmForm(request.POST)
    now = timezone.now()
    done = run_service(form, lambda: services.kmar_pdf_request(removal=removal, actor=request.user, now=now))
    if htmx_target(request) is None:
        if done:
            messages.success(request, _("The PDF for KMar is being prepared."))
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("departures:file", pk=removal.case_id)
    context = kmar_pdf_context(request.user, removal)
    context["errors"] = form.non_field_errors()
    return render(request, "departures/_kmar_pdf.html", context)


@require_GET
def kmar_pdf_status(request, pk):
    """The PDF's progress (htmx polls it while the task runs; the whole page works without)."""
    removal = _removal(request, pk)
    return render(request, "departures/_kmar_pdf.html", kmar_pdf_context(request.user, removal))


@require_GET
def kmar_pdf_download(request, pk):
    removal = removal_for_file_reader(request.user, pk)
    if not can_read_medical(request.user, removal.case, removal=removal):
        raise PermissionDenied  # the PDF carries the medical particulars: need to know only
    pdf = KmarFilePdf.objects.filter(removal=removal, render_state=RenderState.DONE).first()
    if pdf is None or not pdf.pdf_path:
        raise Http404
    content = kmar_pdf_bytes(pdf)
    log_read(request, activity=DEPARTURES, case=removal.case)
    log_read(request, activity=MEDICAL, case=removal.case)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="vertrekdossier-{removal.pk}.pdf"'
    for header, value in PDF_HEADERS.items():
        response[header] = value
    return response
