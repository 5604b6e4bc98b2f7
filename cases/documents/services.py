"""Adding a document to a case file: checked by content, stored under a random name, file + row + event or nothing."""

import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from dtv.core.uploads import check_content, read_checked, safe_filename

from .. import events
from ..constants import DocumentKind
from ..models import Case
from ..permissions import can_edit_case
from .models import CaseDocument

DESCRIPTION_MAX_LENGTH = 300


def _storage_name(case) -> str:
    # A random name without extension: nothing the uploader chose ever reaches the file system.
    return f"documents/{case.pk}/{uuid.uuid4().hex}"


def document_upload(*, case, upload, kind, description, actor, now) -> CaseDocument:
    """Add an uploaded file to the case file after checking its content; file, row and event or nothing."""
    if not can_edit_case(actor, case):
        raise PermissionDenied(_("You may not change this case."))
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose the kind of document.")}, code="required")
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            {
                "description": _("The description may be at most %(max)d characters long.")
                % {"max": DESCRIPTION_MAX_LENGTH}
            },
            code="too_long",
        )
    content, sha256 = read_checked(upload, limit=settings.DOCUMENT_MAX_BYTES)
    file_type = check_content(content)
    filename = safe_filename(upload.name, file_type)
    stored_as = default_storage.save(_storage_name(case), ContentFile(content))
    try:
        with transaction.atomic():
            locked = Case.objects.select_for_update().get(pk=case.pk)
            if not can_edit_case(actor, locked):
                raise PermissionDenied(_("You may not change this case."))
            document = CaseDocument(
                case=locked,
                kind=kind,
                description=description,
                filename=filename,
                storage_name=stored_as,
                content_type=file_type.content_type,
                size=len(content),
                sha256=sha256,
                uploaded_at=now,
                uploaded_by=actor,
            )
            document._history_user = actor
            document.save()
            events.case_event_record(
                case=locked,
                kind=events.DOCUMENT_UPLOADED,
                actor=actor,
                now=now,
                data={"document": document.pk, "kind": kind, "filename": filename},
            )
    except BaseException:
        # Nothing half-saved: a file without its row would be personal data nobody can find or delete.
        default_storage.delete(stored_as)
        raise
    return document
