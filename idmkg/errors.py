"""Errors a user can act on. The CLI prints their one line; anything else is a bug."""
from __future__ import annotations


class IdmkgError(Exception):
    """Base class: ``str(err)`` is one line saying what went wrong and where."""


class NoteError(IdmkgError):
    """A note is missing, unreadable, or not shaped like a discussion note."""

    def __init__(self, path, message: str, line: int | None = None):
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")
        self.path, self.line = path, line


class DataFileError(IdmkgError):
    """An ontology, shapes, concept or curated-facts file cannot be read or parsed."""


class ValidationFailed(IdmkgError):
    """The graph violates the SHACL shapes."""

    def __init__(self, summary: str, report_text: str = ""):
        super().__init__(summary)
        self.report_text = report_text
