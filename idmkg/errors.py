"""Errors a user can act on. The CLI prints their one line; anything else is a bug."""
from __future__ import annotations


class IdmkgError(Exception):
    """Base class: ``str(err)`` is one line saying what went wrong and where."""


class FileProblem(IdmkgError):
    """An error about a file, told as ``path[:line]: message``."""

    def __init__(self, path, message: str, line: int | None = None):
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")
        self.path, self.line = path, line


class NoteError(FileProblem):
    """A note is missing, unreadable, or not shaped like a discussion note."""


class DataFileError(IdmkgError):
    """An ontology, shapes, concept or curated-facts file cannot be read or parsed."""


class CurationConflict(IdmkgError):
    """Hand-entered facts (``graph/curated.ttl``) contradict what the notes say, and are not
    marked as intended overrides (``cur:overrides``). ``conflicts``: one line each."""

    def __init__(self, message: str, conflicts: list[str] | None = None):
        super().__init__(message)
        self.conflicts = list(conflicts or [])


class ValidationFailed(IdmkgError):
    """The graph violates the SHACL shapes."""

    def __init__(self, summary: str, report_text: str = ""):
        super().__init__(summary)
        self.report_text = report_text


class QueryError(IdmkgError):
    """A query cannot be run as asked: unknown name or parameter, a value of the wrong type,
    malformed SPARQL."""


class QueryFileError(FileProblem, QueryError):
    """A catalogue file (``queries/*.rq``) is malformed: its header, parameters or text."""


class EndpointError(IdmkgError):
    """A remote SPARQL endpoint or graph store is down, too slow, refuses the request, or
    answers something that is not what the protocol says."""


class ExportError(IdmkgError):
    """An export or documentation cannot be written as asked: unknown format or note, an
    output path that cannot be written, a malformed endpoint URL or SOURCE_DATE_EPOCH."""


class ServerError(IdmkgError):
    """The server cannot start or serve as asked: the graph file is missing or unreadable,
    the port is taken, a limit is out of range."""


class IngestError(FileProblem):
    """A file given to ``idmkg add`` cannot be added: a format idmkg does not read, a damaged
    or encrypted file, a PDF with no text layer, or a note already in the corpus."""
