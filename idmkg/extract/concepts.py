"""Concept tagging: a paragraph discusses a concept when it uses one of the concept's
labels (skos:prefLabel, altLabel, hiddenLabel in ``ontology/concepts.ttl``), matched
case-insensitively on word boundaries. The first use is the evidence; the number of
uses is kept too."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Ref
from .common import Part, Reader


@dataclass(frozen=True)
class ConceptMatcher:
    """One compiled pattern per concept, built from its labels."""

    patterns: tuple[tuple[str, re.Pattern], ...]

    @classmethod
    def from_labels(cls, labels: dict[str, list[str]]) -> "ConceptMatcher":
        compiled = []
        for key in sorted(labels):
            words = sorted({w.strip() for w in labels[key] if w.strip()}, key=lambda w: (-len(w), w))
            if words:
                alternatives = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words)
                compiled.append((key, re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])", re.IGNORECASE)))
        return cls(tuple(compiled))

    def find(self, text: str) -> list[tuple[str, list[re.Match]]]:
        out = []
        for key, pattern in self.patterns:
            hits = list(pattern.finditer(text))
            if hits:
                out.append((key, hits))
        return out


def read(r: Reader, part: Part, matcher: ConceptMatcher) -> None:
    if not part.id.startswith("p/"):
        return
    for key, hits in matcher.find(part.text):
        first = hits[0]
        r.add(part.ref, "idm:discusses", Ref("concept", key), r.evidence(part, first.start(), first.end()))
