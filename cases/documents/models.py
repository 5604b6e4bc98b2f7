"""The documents of a case (the files themselves live outside any served folder)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import (
    DocumentKind,
)


class CaseDocument(models.Model):
    """An uploaded document of a case; the file lives outside any served folder under a random name."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=30, choices=DocumentKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    storage_name = models.CharField(_("stored as"), max_length=255, unique=True, editable=False)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.filename
