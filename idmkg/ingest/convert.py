"""One file -> note text: detect the format, convert, normalise."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import IngestError
from . import detect as _detect


@dataclass(frozen=True)
class Converted:
    path: Path
    format: str
    data: bytes  # the file as given
    text: str  # the normalised note text


def library_versions() -> dict[str, str]:
    """The versions of the reading libraries, for the provenance record."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("idmkg", "pdfplumber", "pdfminer.six", "python-docx", "markdown-it-py"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out


def convert_bytes(path: Path, data: bytes) -> Converted:
    path = Path(path)
    fmt = _detect.detect(path, data)
    if fmt == _detect.PDF:
        from .pdf import PdfProblem
        from .pdf import convert as pdf_convert

        try:
            text = pdf_convert(data)
        except PdfProblem as err:
            raise IngestError(path, str(err)) from None
    elif fmt == _detect.DOCX:
        from .docx import convert as docx_convert

        try:
            text = docx_convert(data)
        except IngestError:
            raise
        except Exception as err:  # noqa: BLE001 -- python-docx/lxml raise many kinds for a damaged package
            raise IngestError(path, f"damaged .docx: {type(err).__name__}: {str(err)[:150]}") from None
    elif fmt == _detect.HTML:
        from .html import convert as html_convert

        text = html_convert(_detect.decode(path, data))
    elif fmt == _detect.MARKDOWN:
        from .markdown import convert as md_convert

        text = md_convert(_detect.decode(path, data))
    else:
        text = _detect.decode(path, data).replace("\r\n", "\n").replace("\r", "\n")
        if not text.endswith("\n"):
            text += "\n"
    if not text.strip():
        raise IngestError(path, f"no text found in the {fmt} file")
    return Converted(path, fmt, data, text)


def convert(path: Path | str) -> Converted:
    """Read and convert one file; any problem is an :class:`IngestError` naming it."""
    from ..parse import MAX_NOTE_BYTES, read_bytes

    path = Path(path)
    data = read_bytes(path, IngestError)

    if len(data) > 5 * MAX_NOTE_BYTES:
        raise IngestError(path, f"too large for a discussion note ({len(data) / 1e6:.0f} MB)")
    return convert_bytes(path, data)
