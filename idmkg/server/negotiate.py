"""HTTP content negotiation (RFC 9110 §12.5.1): pick, from what a route can produce, the
media type the client's ``Accept`` header prefers. Quality values and wildcards count;
among equals, the route's own order decides. A ``format`` query parameter (``?format=ttl``),
as HTML forms and download links use, overrides the header."""
from __future__ import annotations

from dataclasses import dataclass

#: short names accepted in ``?format=`` -> media type
FORMAT_NAMES = {
    "html": "text/html",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle", "turtle": "text/turtle",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "nt": "application/n-triples", "ntriples": "application/n-triples",
    "rdf": "application/rdf+xml", "rdfxml": "application/rdf+xml",
    "trig": "application/trig",
    "nq": "application/n-quads",
}

#: media types clients send that mean the same as one we produce
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "application/json-ld": "application/ld+json",
    "text/plain": "application/n-triples",
    "application/xhtml+xml": "text/html",
}


@dataclass(frozen=True)
class Range:
    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media: str) -> int:
        """0 if this range does not cover ``media``, else its specificity (1..3)."""
        kind, _, sub = media.partition("/")
        if self.type == "*":
            return 1
        if self.type != kind:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


def parse_accept(header: str | None) -> list[Range]:
    """The ranges of an Accept header; a missing or empty header accepts anything."""
    ranges = []
    for order, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if media == "*":
            media = "*/*"
        media = ALIASES.get(media, media)
        kind, slash, sub = media.partition("/")
        if not slash or not kind or not sub:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        ranges.append(Range(kind, sub, q, order))
    return ranges or [Range("*", "*", 1.0, 0)]


def choose(accept: str | None, offered: list[str], format_param: str | None = None) -> str | None:
    """The media type from ``offered`` to answer with, or None when the client accepts none
    of them (answer 406). ``format_param`` (a short name or a media type) wins if offered."""
    if format_param:
        wanted = FORMAT_NAMES.get(format_param.lower(), ALIASES.get(format_param.lower(), format_param.lower()))
        return wanted if wanted in offered else None
    ranges = parse_accept(accept)
    best, best_key = None, None
    for position, media in enumerate(offered):
        matching = [(r.matches(media), r) for r in ranges if r.matches(media)]
        if not matching:
            continue
        specificity, rng = max(matching, key=lambda m: (m[0], -m[1].order))
        if rng.q <= 0:
            continue
        key = (rng.q, specificity, -position)
        if best_key is None or key > best_key:
            best, best_key = media, key
    return best
