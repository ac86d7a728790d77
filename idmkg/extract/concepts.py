"""Concept tagging: a paragraph discusses a concept when it uses one of the concept's
labels (skos:prefLabel, altLabel, hiddenLabel in ``ontology/concepts.ttl``), matched
case-insensitively on word boundaries. The first use is the evidence; the number of
uses is kept too."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Ref
from .common import Part, Reader


#: the only non-ASCII characters that an IGNORECASE pattern matches to ASCII letters (Python
#: ``re`` documentation); a text holding one is never pre-filtered
_ASCII_FOLDING = frozenset("\u0130\u0131\u017f\u212a")


def _anchor(label: str) -> str | None:
    """The longest ASCII word of a label, lower case: a text the label's pattern matches
    holds it (case aside), so a concept none of whose anchors occurs need not be matched."""
    words = [w.lower() for w in label.split() if w.isascii()]
    if len(words) != len(label.split()):
        return None
    return max(words, key=lambda w: (len(w), w)) if words else None


@dataclass(frozen=True)
class ConceptMatcher:
    """One compiled pattern per concept, built from its labels, and the anchor words that
    let :meth:`find` skip a concept cheaply (None: always match)."""

    patterns: tuple[tuple[str, re.Pattern], ...]
    anchors: tuple[tuple[str, ...] | None, ...] = ()

    @classmethod
    def from_labels(cls, labels: dict[str, list[str]]) -> "ConceptMatcher":
        compiled, anchors = [], []
        for key in sorted(labels):
            words = sorted({w.strip() for w in labels[key] if w.strip()}, key=lambda w: (-len(w), w))
            if words:
                alternatives = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words)
                compiled.append((key, re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])", re.IGNORECASE)))
                found = [_anchor(w) for w in words]
                anchors.append(None if None in found else tuple(sorted(set(found))))
        return cls(tuple(compiled), tuple(anchors))

    def find(self, text: str) -> list[tuple[str, list[re.Match]]]:
        lowered = None if _ASCII_FOLDING & set(text) else text.lower()
        out = []
        for i, (key, pattern) in enumerate(self.patterns):
            anchors = self.anchors[i] if i < len(self.anchors) else None
            if lowered is not None and anchors is not None and not any(a in lowered for a in anchors):
                continue
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
