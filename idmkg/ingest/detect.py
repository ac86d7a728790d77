"""What a file is, from its first bytes (and its name when the bytes do not say):
PDF, Word .docx, HTML, markdown or plain text; anything else is an :class:`IngestError`
saying what it is and what to do."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..errors import IngestError, NoteError
from ..parse import decode_note

PDF, DOCX, HTML, MARKDOWN, TEXT = "pdf", "docx", "html", "markdown", "text"
FORMATS = (PDF, DOCX, HTML, MARKDOWN, TEXT)

IMAGES = [(b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"BM", "a BMP image")]
HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
HTML_EXT = {".html", ".htm", ".xhtml"}
MARKDOWN_EXT = {".md", ".markdown", ".mdown", ".mkd"}
TEXT_EXT = {".txt", ".text", ""}


def _zip_kind(path: Path, data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, EOFError, ValueError):
        kind = path.suffix.lower() if path.suffix.lower() in (".docx", ".odt") else "zip archive"
        raise IngestError(path, f"damaged or truncated {kind} (not a readable zip): get a complete copy") from None
    if "word/document.xml" in names:
        return DOCX
    if "mimetype" in names:
        mime = zipfile.ZipFile(io.BytesIO(data)).read("mimetype").decode("ascii", "replace").strip()
        if mime == "application/vnd.oasis.opendocument.text":
            raise IngestError(path, "OpenDocument text (.odt) is not read: save it as .docx or PDF")
        raise IngestError(path, f"an OpenDocument file ({mime}), not a note: save the note as .docx or PDF")
    if "xl/workbook.xml" in names:
        raise IngestError(path, "an Excel workbook, not a note")
    if "ppt/presentation.xml" in names:
        raise IngestError(path, "a PowerPoint presentation, not a note")
    raise IngestError(path, "a zip archive, not a note: unpack it and add the note itself")


def detect(path: Path, data: bytes) -> str:
    """The format of ``data`` (read from ``path``): one of :data:`FORMATS`."""
    if not data.strip():
        raise IngestError(path, "empty file")
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path, data)
    for magic, what in IMAGES:
        if data.startswith(magic):
            raise IngestError(path, f"{what}, not a note: OCR it to text (or PDF with a text layer) first")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        raise IngestError(path, "a WebP image, not a note: OCR it to text first")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise IngestError(path, "a Word 97-2003 .doc (or other OLE) file: save it as .docx or PDF")
    if data.lstrip().startswith(b"{\\rtf"):
        raise IngestError(path, "RTF is not read: save it as .docx or PDF")
    if data.startswith((b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")):
        raise IngestError(path, "a compressed archive, not a note: unpack it first")
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".docx", ".doc", ".odt"):
        raise IngestError(path, f"named {suffix} but is not one (the file is damaged or mislabelled)")
    text_head = data.lstrip(b"\xef\xbb\xbf")
    if suffix in HTML_EXT or HTML_START.match(text_head[:4096]):
        return HTML
    if suffix in MARKDOWN_EXT:
        return MARKDOWN
    if suffix in TEXT_EXT or re.match(rb"^[\x09\x0a\x0d\x20-\x7e\x80-\xff]*$", head):
        return TEXT
    raise IngestError(path, f"unknown kind of file ({suffix or 'no extension'}): idmkg reads PDF, .docx, HTML, "
                            "markdown and UTF-8 text")


def decode(path: Path, data: bytes) -> str:
    """A text format's characters (UTF-8, or as its byte-order mark says)."""
    try:
        return decode_note(path, data)
    except NoteError as err:
        raise IngestError(path, str(err).split(": ", 1)[-1] if str(err).startswith(str(path)) else str(err)) from None
