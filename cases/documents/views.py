"""Upload and download of case documents: the only way in and out of the document store."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dtv.core.uploads import max_size_text

from ..accesslog import log_read
from ..permissions import OutsideScope, case_for_reading
from ..processing import CASE_WORK
from ..selectors import case_with_person
from .forms import DocumentUploadForm
from .selectors import document_get
from .services import document_upload as upload_service

logger = logging.getLogger(__name__)

# The browser must neither guess the type nor run anything from the file, even if a check missed it.
DOWNLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store, private",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}


def _access(request, case_id):
    """The user's access to the case, or None; outside the scope the case does not exist for them."""
    try:
        return case_for_reading(user=request.user, case_id=case_id, now=timezone.now(), queryset=case_with_person())
    except (OutsideScope, Http404):
        return None


def document_upload(request, pk):
    """Show the upload form for a case (GET) and add the document to the case file (POST)."""
    access = _access(request, pk)
    if access is None:
        raise Http404
    case = access.case
    if not access.can_edit:
        raise PermissionDenied
    max_megabytes = max_size_text(settings.DOCUMENT_MAX_BYTES)
    if request.method == "POST":
        form = DocumentUploadForm(request.POST, request.FILES, max_megabytes=max_megabytes)
        if form.is_valid():
            try:
                document = upload_service(
                    case=case,
                    upload=form.cleaned_data["upload"],
                    kind=form.cleaned_data["kind"],
                    description=form.cleaned_data["description"],
                    actor=request.user,
                    now=timezone.now(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("%(filename)s has been added to the case file.") % {"filename": document.filename}
                )
                return redirect(reverse("cases:case_detail", kwargs={"pk": case.pk}) + "#documenten")
    else:
        form = DocumentUploadForm(max_megabytes=max_megabytes)
    # The page names the person (name and V-number) so that the file lands in the right case.
    log_read(request, activity=CASE_WORK, case=case, reason=access.break_glass_reason)
    return render(request, "cases/document_upload.html", {"case": case, "person": case.foreign_national, "form": form})


def document_download(request, pk):
    """Stream a document to a user who may see its case; every download is access-logged."""
    document = document_get(pk=pk)
    access = _access(request, document.case_id) if document is not None else None
    if access is None:
        raise Http404
    case = access.case
    # One row per download, also when the file turns out to be missing: the page names the person.
    log_read(request, activity=CASE_WORK, case=case, reason=access.break_glass_reason)
    try:
        handle = default_storage.open(document.storage_name, "rb")
    except FileNotFoundError:
        logger.error(
            "File of document %s (case %s) is missing from the document store: %s",
            document.pk,
            document.case_id,
            document.storage_name,
        )
        context = {"case": case, "person": case.foreign_national, "document": document}
        return render(request, "cases/document_missing.html", context, status=404)
    response = FileResponse(handle, as_attachment=True, filename=document.filename, content_type=document.content_type)
    for header, value in DOWNLOAD_HEADERS.items():
        response[header] = value
    return response
