"""Uploaded files judged by what their bytes are, never by the name or type the browser sends.

Images must decode completely, and a PDF that carries active content (scripts, launch actions,
embedded files) is refused, because officers open these files on government workstations and a
KMar escort may print them. Pure checks: any app that accepts uploads uses them.
"""

import hashlib
import io
import os
import re
import unicodedata
import zlib
from dataclasses import dataclass

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.formats import number_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image

FILENAME_MAX_LENGTH = 150
# An object stream holds dictionaries only; a few megabytes is already far beyond any real one.
PDF_OBJECT_STREAM_MAX_BYTES = 16 * 1024 * 1024
# Readers look for the end-of-file marker this far from the end (trailing junk after it is common).
PDF_EOF_WINDOW = 1024


@dataclass(frozen=True)
class FileType:
    """A document type the case file accepts, as recognised from the file's content."""

    name: str
    content_type: str
    extension: str
    pillow_formats: tuple = ()


PDF = FileType("PDF", "application/pdf", ".pdf")
PNG = FileType("PNG", "image/png", ".png", ("PNG",))
# Phone cameras write multi-picture JPEGs, which Pillow names MPO.
JPEG = FileType("JPEG", "image/jpeg", ".jpg", ("JPEG", "MPO"))

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_SIGNATURES = (
    (b"%PDF-", PDF),
    (PNG_SIGNATURE, PNG),
    (b"\xff\xd8\xff", JPEG),
)


def detect_file_type(head: bytes) -> FileType | None:
    """The accepted type whose magic number `head` starts with, or None."""
    for signature, file_type in _SIGNATURES:
        if head.startswith(signature):
            return file_type
    return None


def _refuse(message, code):
    raise ValidationError({"upload": ValidationError(message, code=code)})


# --- Images ------------------------------------------------------------------------------------


def _png_end(content: bytes) -> int | None:
    """Where the closing IEND chunk ends, every chunk before it whole with a matching checksum; else None."""
    position = len(PNG_SIGNATURE)
    while position + 12 <= len(content):
        length = int.from_bytes(content[position : position + 4], "big")
        end = position + 12 + length
        if end > len(content):
            return None
        if zlib.crc32(content[position + 4 : end - 4]) != int.from_bytes(content[end - 4 : end], "big"):
            return None
        if content[position + 4 : position + 8] == b"IEND":
            return end
        position = end
    return None


def _png_is_complete(content: bytes) -> bool:
    return _png_end(content) is not None


# Markers without a length field: TEM and the restart markers.
_JPEG_STANDALONE_MARKERS = {0x01, *range(0xD0, 0xD8)}


def _jpeg_end(content: bytes) -> int | None:
    """Where the (first) image ends, its segments and scans following each other up to the end-of-image marker."""
    size, position = len(content), 2
    while position < size:
        if content[position] != 0xFF:
            return None
        while position < size and content[position] == 0xFF:
            position += 1
        if position >= size:
            return None
        marker = content[position]
        position += 1
        if marker == 0xD9:
            return position
        if marker in _JPEG_STANDALONE_MARKERS:
            continue
        if position + 2 > size or int.from_bytes(content[position : position + 2], "big") < 2:
            return None
        position += int.from_bytes(content[position : position + 2], "big")
        if marker == 0xDA:
            # Entropy-coded data runs to the next 0xFF that is neither byte stuffing (FF00) nor a restart marker.
            while True:
                position = content.find(b"\xff", position)
                if position < 0 or position + 1 >= size:
                    return None
                if content[position + 1] != 0x00 and not 0xD0 <= content[position + 1] <= 0xD7:
                    break
                position += 2
    return None


def _jpeg_is_complete(content: bytes) -> bool:
    return _jpeg_end(content) is not None


def check_image(content: bytes, file_type: FileType) -> None:
    """Refuse an image that is not wholly what its magic number says, is damaged, or would decode into a bomb."""
    damaged = _("This file is damaged or not a real %(type)s file.") % {"type": file_type.name}
    # Completeness is checked here rather than left to Pillow: WeasyPrint switches Pillow to
    # accepting truncated images (ImageFile.LOAD_TRUNCATED_IMAGES) for the whole process.
    complete = _png_is_complete(content) if file_type is PNG else _jpeg_is_complete(content)
    if not complete:
        _refuse(damaged, "damaged")
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format not in file_type.pillow_formats:
                _refuse(damaged, "damaged")
            if Image.MAX_IMAGE_PIXELS and image.width * image.height > Image.MAX_IMAGE_PIXELS:
                _refuse_bomb()
            image.verify()
        # verify() checks PNG checksums but hardly looks at a JPEG: decode the pixels too.
        with Image.open(io.BytesIO(content)) as image:
            image.load()
    except Image.DecompressionBombError:
        _refuse_bomb()
    except (OSError, SyntaxError, ValueError, EOFError, Image.UnidentifiedImageError):
        _refuse(damaged, "damaged")


def _refuse_bomb():
    _refuse(
        _("This image has too many pixels to be opened safely. Scan the document at a lower resolution."),
        "too_many_pixels",
    )


# --- PDF ---------------------------------------------------------------------------------------

# The keyword `stream`, but not the tail of `endstream`.
_STREAM_START = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_NAME = re.compile(rb"/([^\x00\t\n\f\r ()<>\[\]{}/%]*)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _active_content_labels():
    javascript = _("JavaScript")
    return {
        b"JavaScript": javascript,
        b"JS": javascript,
        b"Launch": _("a command that starts another program"),
        b"EmbeddedFile": _("an embedded file"),
        b"EmbeddedFiles": _("an embedded file"),
        b"RichMedia": _("embedded media (Flash or video)"),
    }


def _names(data: bytes) -> set[bytes]:
    # "#xx" escapes let /J#61vaScript spell /JavaScript: compare the decoded names.
    return {_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name) for name in _NAME.findall(data)}


def _split_streams(data: bytes):
    """The PDF's bytes outside streams (dictionaries, strings), and the object streams' (dictionary, raw data)."""
    outside, object_streams, position = [], [], 0
    while (start := _STREAM_START.search(data, position)) is not None:
        end = data.find(b"endstream", start.end())
        if end < 0:
            end = len(data)
        outside.append(data[position : start.start()])
        header_start = max(data.rfind(b"obj", 0, start.start()), start.start() - 4096, 0)
        header = data[header_start : start.start()]
        if re.search(rb"/Type\s*/ObjStm", header):
            object_streams.append((header, data[start.end() : end]))
        position = end + len(b"endstream")
    outside.append(data[position:])
    return b"\n".join(outside), object_streams


def _inflate_object_stream(header: bytes, raw: bytes) -> bytes:
    filters = set(re.findall(rb"/(\w+Decode)\b", header))
    if not filters:
        return raw
    if filters != {b"FlateDecode"} or b"/DecodeParms" in header:
        _refuse_unreadable_pdf()
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(raw, PDF_OBJECT_STREAM_MAX_BYTES)
    except zlib.error:
        _refuse(_("This PDF is damaged and cannot be checked."), "damaged")
    if inflater.unconsumed_tail:
        _refuse_unreadable_pdf()
    return inflated


def _refuse_unreadable_pdf():
    _refuse(
        _(
            "This PDF is packed in a way that prevents checking it for active content. "
            "Print it to a new PDF and upload that one."
        ),
        "uncheckable",
    )


def check_pdf(content: bytes) -> None:
    """Refuse a PDF that is truncated or carries active content: scripts, launch actions, embedded files."""
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-PDF_EOF_WINDOW:]:
        _refuse(_("This PDF is incomplete or damaged: it has no proper beginning or end."), "damaged")
    outside, object_streams = _split_streams(content)
    names = _names(outside)
    if object_streams and b"Encrypt" in names:
        # The dictionaries inside an encrypted object stream cannot be read without the key.
        _refuse(
            _(
                "This PDF is encrypted, so it cannot be checked for active content. "
                "Remove the protection (or print it to a new PDF) and upload it again."
            ),
            "encrypted",
        )
    for header, raw in object_streams:
        names |= _names(_inflate_object_stream(header, raw))
    labels = _active_content_labels()
    found = sorted({str(labels[name]) for name in names if name in labels})
    if found:
        _refuse(
            _(
                "This PDF contains active content (%(what)s), which is not allowed in a case file. "
                "Print it to a new PDF without scripts or attachments and upload that one."
            )
            % {"what": ", ".join(found)},
            "active_content",
        )


# --- Names -------------------------------------------------------------------------------------


def safe_filename(original: str, file_type: FileType) -> str:
    """The name a document is offered under: the base name only, safe characters, the detected extension."""
    name = re.split(r"[/\\]", original or "")[-1]
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    stem = os.path.splitext(name.strip())[0].strip(" .")
    try:
        stem = get_valid_filename(stem)
    except SuspiciousFileOperation:
        stem = ""
    stem = stem.strip("._-") or _("document")
    return stem[: FILENAME_MAX_LENGTH - len(file_type.extension)] + file_type.extension


def max_size_text(max_bytes) -> str:
    """A byte limit in megabytes as the user reads it ("20", "0,5")."""
    megabytes = max_bytes / (1024 * 1024)
    return number_format(int(megabytes)) if megabytes == int(megabytes) else number_format(megabytes, 1)


def read_checked(upload, *, limit):
    """The upload's bytes and their SHA-256, refusing empty and oversized files before reading too much."""
    too_large = _("The file is larger than the maximum of %(limit)s MB.")
    if upload.size is not None and upload.size > limit:
        _refuse(too_large % {"limit": max_size_text(limit)}, "too_large")
    digest, parts, size = hashlib.sha256(), [], 0
    for chunk in upload.chunks():
        size += len(chunk)
        if size > limit:
            _refuse(too_large % {"limit": max_size_text(limit)}, "too_large")
        digest.update(chunk)
        parts.append(chunk)
    if size == 0:
        _refuse(_("The file is empty."), "empty")
    return b"".join(parts), digest.hexdigest()


# --- Polyglots ----------------------------------------------------------------------------------

# Markup a browser would run if it ever took the file for HTML or SVG: a tag name and the character
# that ends it. Seven to ten fixed bytes: compressed image or PDF data holds such a run by chance
# about once in 10^12 files of the maximum size.
_MARKUP = re.compile(rb"<(?:script|iframe|html|body|svg|object|embed|!doctype|\?php)[\s>/]")
# A ZIP is read from its end: the end-of-central-directory record lies in the last 64 KiB + 22 bytes.
_ZIP_END = b"PK\x05\x06"
_ZIP_WINDOW = 65_535 + 22
_ZIP_START = b"PK\x03\x04"


def _refuse_polyglot():
    _refuse(
        _(
            "This file is also readable as another kind of file (a web page or an archive) and is therefore "
            "refused. Save or print it again as a plain PDF, PNG or JPEG and upload that one."
        ),
        "polyglot",
    )


def check_polyglot(content: bytes, file_type: FileType) -> None:
    """Refuse a file that is also a web page or a ZIP archive (PNG+HTML, PDF with HTML in a comment, JPEG+ZIP)."""
    if _MARKUP.search(content.lower()):
        _refuse_polyglot()
    if _ZIP_END in content[-_ZIP_WINDOW:]:
        _refuse_polyglot()
    if file_type is PNG:
        # Nothing may follow IEND: that is where HTML and archives are appended.
        end = _png_end(content)
        if end is not None and content[end:].strip(b"\x00\r\n\t "):
            _refuse_polyglot()
    elif file_type is JPEG:
        end = _jpeg_end(content)
        if end is not None and content[end:].lstrip(b"\x00").startswith(_ZIP_START):
            _refuse_polyglot()


def check_content(content: bytes) -> FileType:
    """The type of `content` if the case file accepts it; ValidationError on the upload field otherwise."""
    file_type = detect_file_type(content[:16])
    if file_type is None:
        _refuse(_("Only PDF, PNG and JPEG files can be added. This file is none of these."), "type")
    if file_type is PDF:
        check_pdf(content)
    else:
        check_image(content, file_type)
    check_polyglot(content, file_type)
    return file_type
