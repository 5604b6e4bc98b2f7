"""The PDF plumbing every app's documents share: a static-only URL fetcher, the lazy renderer, stored files with hashes.

WeasyPrint is imported inside `html_to_pdf` only (it is heavy and patches Pillow on import). Its URL fetcher
serves the project's static files under `STATIC_PREFIX` and nothing else, so a stated fact can never make the
renderer fetch a URL. A stored file is kept with its SHA-256 and is handed out only while it still matches it.
"""

import functools
import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _

STATIC_PREFIX = "https://static.regie.invalid/"
# A downloaded PDF is never sniffed into something else nor allowed to run anything.
PDF_HEADERS = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox"}


class RenderState(models.TextChoices):
    NONE = "", _("Not rendered")
    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Rendering")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def static_fetcher_class():
    from django.contrib.staticfiles import finders
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves the project's static files under STATIC_PREFIX; refuses every other URL."""

        def fetch(self, url, headers=None):
            if not url.startswith(STATIC_PREFIX):
                raise ValueError(f"Refused to fetch {url!r}: a Regie PDF uses static files only.")
            found = finders.find(url.removeprefix(STATIC_PREFIX).split("?")[0])
            if not found:
                raise ValueError(f"No static file {url!r}.")
            with open(found, "rb") as handle:
                body = handle.read()
            kind = "text/css" if url.endswith(".css") else "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})

    return StaticOnlyFetcher


@functools.cache
def _static_fetcher():
    """One fetcher for every render: building one sets up an SSL context (tens of milliseconds) it never uses."""
    return static_fetcher_class()()


@functools.cache
def _font_config():
    """One font configuration for every render of the process (no Regie PDF declares a @font-face of its own)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def html_to_pdf(html: str, *, identifier: str) -> bytes:
    """PDF/UA-1 bytes of `html` (WeasyPrint imported here, never at module level)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=STATIC_PREFIX, url_fetcher=_static_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=identifier.encode(), font_config=_font_config()
    )


def pdf_store(content: bytes, *, name) -> tuple[str, str]:
    """Store `content` under `name(sha256)` (the storage may alter it): (stored name, SHA-256)."""
    sha256 = hashlib.sha256(content).hexdigest()
    return default_storage.save(name(sha256), ContentFile(content)), sha256


def pdf_read_checked(path: str, sha256: str) -> bytes:
    """The stored PDF, checked against its hash (a changed file is never handed out)."""
    with default_storage.open(path, "rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != sha256:
        raise ValueError(f"The stored PDF {path!r} does not match its hash.")
    return content
