"""idmkg: the knowledge graph of the IOM International Dialogue on Migration.

The library API, stage by stage (the CLI is a thin shell over these)::

    from idmkg import build, parse_corpus, extract_facts, validate
    result = build()                 # every stage; result.complete() is the rdflib Graph
    result.summary()["counts"]
"""
from .pipeline import BuildResult, build, load_schema
from .errors import DataFileError, IdmkgError, NoteError, ValidationFailed
from .extract import extract_facts
from .parse import parse_corpus, parse_note, parse_text
from .validate import validate

__all__ = ["BuildResult", "DataFileError", "IdmkgError", "NoteError", "ValidationFailed", "build",
           "extract_facts", "load_schema", "parse_corpus", "parse_note", "parse_text", "validate"]
