"""The one place that knows where the project's data lives: ontology/, queries/, graph/
and the vendored notes. ``IDMKG_HOME`` overrides the project root."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import DataFileError

ROOT = Path(os.environ.get("IDMKG_HOME", Path(__file__).resolve().parent.parent))
ONTOLOGY_DIR = ROOT / "ontology"
QUERIES_DIR = ROOT / "queries"
CURATED_DIR = ROOT / "graph"
NOTES_DIR = ROOT / "notes"

ONTOLOGY = ONTOLOGY_DIR / "idm.ttl"
VOCAB = ONTOLOGY_DIR / "vocab.ttl"
CONCEPTS = ONTOLOGY_DIR / "concepts.ttl"
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
DATASET = ONTOLOGY_DIR / "dataset.ttl"
CURATED = CURATED_DIR / "curated.ttl"
RULES_DIR = ONTOLOGY_DIR / "rules"  # OWL 2 RL rules as SPARQL Update, for idmkg.reason_store


def load_turtle(path: Path, base: str | None = None):
    """Parse a Turtle data file; a missing or malformed file is one clear :class:`DataFileError`.
    Relative IRIs resolve against ``base`` (default: the file's own URI). Nothing is fetched
    (``@base`` and ``owl:imports`` are data to rdflib; any network request made while
    parsing is refused, see :mod:`idmkg.offline`)."""
    import rdflib

    from . import offline

    if not path.is_file():
        raise DataFileError(f"{path}: file not found (set IDMKG_HOME to the idmkg project folder?)")
    from rdflib.plugins.parsers.notation3 import BadSyntax

    g = rdflib.Graph()
    refused: list = []
    try:
        with offline.guard() as refused:
            g.parse(path, format="turtle", publicID=base)
    except BadSyntax as err:
        before = err._str[: err._i]
        if isinstance(before, bytes):
            before = before.decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise DataFileError(f"{path}:{line}:{column}: malformed Turtle: {err._why}") from None
    except Exception as err:  # rdflib raises many kinds; all mean "bad Turtle"
        if refused:
            raise DataFileError(f"{path}: reading it tried to reach the network ({refused[0]}): refused") from None
        message = " ".join(str(err).split())
        raise DataFileError(f"{path}: malformed Turtle: {message[:300]}") from None
    return g
