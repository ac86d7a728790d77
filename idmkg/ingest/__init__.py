"""Bring a discussion note into the corpus from whatever format it came in.

:func:`convert` reads a file (PDF, .docx, HTML, markdown or text; :mod:`.detect`), turns it
into blocks (:mod:`.pdf`, :mod:`.docx`, :mod:`.html`, :mod:`.markdown`) and writes them as
note text in the ``lines`` layout the parser reads (:mod:`.normalise`); :func:`add_notes`
(:mod:`.add`) checks the notes, refuses duplicates, stores them with their provenance and
rebuilds the graph.
"""
from __future__ import annotations

from .add import AddedNote, AddResult, add_notes, check_corpus
from .convert import Converted, convert

__all__ = ["AddResult", "AddedNote", "Converted", "add_notes", "check_corpus", "convert"]
