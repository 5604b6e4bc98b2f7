"""An upload handler that stops reading at the document limit, whatever length the request claimed."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


def upload_cut_off(request) -> bool:
    """Whether LimitedUploadHandler stopped this request's upload at the limit (the file is then missing)."""
    return getattr(request, "upload_cut_off", False)


class LimitedUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: counts the file bytes of a request and aborts beyond DOCUMENT_MAX_BYTES.

    RequestBodyLimitMiddleware refuses a request whose Content-Length is too large; this handler
    covers a body whose length was not declared truthfully (a proxy or an ASGI server that streams).
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.DOCUMENT_MAX_BYTES:
            if self.request is not None:
                self.request.upload_cut_off = True
            # connection_reset: do not read (and spool) the rest of the body either.
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None
