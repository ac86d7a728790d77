"""The signal words of the extraction rules, as data: read once from the controlled
vocabulary (``ontology/vocab.ttl``, the section "Signal words of the extraction rules"),
where each word list is an idm:SignalWords concept (``idm:signal-KEY``) whose
skos:hiddenLabel values are the wordings. The rules (attendance, meetings, workshops) keep
the sentence structure in their regexes and take the word lists from here, at import.

:func:`alternation` gives a list as regex alternatives, longest first so that the most
specific wording wins; a space in a wording matches as the rule says (``space``).
``IDMKG_HOME`` (see :mod:`idmkg.resources`) decides which vocab.ttl is read."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .. import resources
from ..errors import DataFileError

PREFIX = "https://w3id.org/idmkg/ontology#signal-"


@lru_cache(maxsize=None)
def signal_words(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Every word list of the vocabulary, by key (``idm:signal-at-least`` -> ``at-least``),
    each list longest first (then alphabetically)."""
    from rdflib.namespace import RDF, SKOS

    from ..namespaces import IDM

    path = path or resources.VOCAB
    g = resources.load_turtle(path)
    out: dict[str, tuple[str, ...]] = {}
    for s in g.subjects(RDF.type, IDM.SignalWords):
        if not str(s).startswith(PREFIX):
            raise DataFileError(f"{path}: {s} is an idm:SignalWords not named idm:signal-KEY")
        key = str(s)[len(PREFIX):]
        words = {str(o) for o in g.objects(s, SKOS.hiddenLabel)}
        if not words:
            raise DataFileError(f"{path}: idm:signal-{key} has no skos:hiddenLabel (the wordings the rules match)")
        out[key] = tuple(sorted(words, key=lambda w: (-len(w), w)))
    return out


def words(key: str, path: Path | None = None) -> tuple[str, ...]:
    """The wordings of ``idm:signal-KEY``; a list the rules need and the vocabulary lacks is an error."""
    found = signal_words(path)
    if key not in found:
        raise DataFileError(f"{path or resources.VOCAB}: no idm:signal-{key} (an idm:SignalWords with its "
                            f"wordings as skos:hiddenLabel), which the extraction rules read")
    return found[key]


def alternation(key: str, space: str = r"\s+", path: Path | None = None) -> str:
    """The wordings of ``idm:signal-KEY`` as regex alternatives (no group), longest first;
    each space in a wording becomes ``space``."""
    return "|".join(re.escape(w).replace(r"\ ", space) for w in words(key, path))
