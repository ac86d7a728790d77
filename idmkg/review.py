"""What idmkg understood of one note, for the curator who adds it: paragraph by paragraph,
the facts extracted with the words they came from, and the paragraphs that look like they
hold facts but yielded none (a date, a figure, a quoted title, or words such as workshop,
theme, proposed, selected), each with the signals that make it look so.

The note is read with the rest of the corpus (facts can depend on other notes: a proposal's
outcome, a workshop held under a new title). Shown in the terminal (rich) or as one
self-contained HTML page. A missed fact is added by hand to ``graph/curated.ttl`` (see the
header of that file), and the next build counts it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


from .dates import find_dates
from .errors import IdmkgError
from .extract.common import find_quoted, parts
from .model import Fact, Note

#: what a concept tag is: the paragraph discusses a concept; not a fact a curator reviews
_TAGS = {"idm:discusses", "dcterms:subject"}
KEYWORDS = re.compile(r"\b(workshops?|themes?|propos(?:ed|al|als)|select(?:ed|ion)|held|convened|attend(?:ed|ance)|"
                      r"participants|delegates|consultations?|survey)\b", re.IGNORECASE)
FIGURE = re.compile(r"\b(?<![/\d])(\d{1,3}(?:,\d{3})+|\d{2,})(?![/\d])\b|\bper cent\b")
TEMPLATE = Path(__file__).parent / "templates" / "review.html"


class ReviewError(IdmkgError):
    """The note to review is not in the corpus."""


@dataclass
class Signal:
    kind: str     # date, figure, quoted title, keyword
    text: str
    start: int
    end: int


@dataclass
class FactView:
    subject: str
    prop: str
    value: str
    rule: str
    spans: list[tuple[int, int, str]]


@dataclass
class PartReview:
    id: str
    label: str
    text: str
    facts: list[FactView] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)

    @property
    def missed(self) -> bool:
        """Looks like it states something, but no fact was read from it: a keyword together
        with a date, figure or quoted title, or two of those."""
        if self.facts:
            return False
        kinds = {s.kind for s in self.signals}
        strong = kinds & {"date", "figure", "quoted title"}
        return bool(("keyword" in kinds and strong) or len(strong) >= 2)


@dataclass
class Review:
    note: Note
    parts: list[PartReview]

    @property
    def facts(self) -> int:
        return sum(len(p.facts) for p in self.parts)

    @property
    def missed(self) -> list[PartReview]:
        return [p for p in self.parts if p.missed]


def find_note(notes: list[Note], name: str) -> Note:
    """A note by key, symbol (IC/2010/5) or file name."""
    wanted = name.strip()
    for note in notes:
        if wanted in (note.key, note.symbol, note.source.name, note.source.stem, str(note.source)):
            return note
    known = ", ".join(sorted(n.symbol or n.key for n in notes))
    raise ReviewError(f"no note named {name!r} in the corpus (it has: {known}); add it first with 'idmkg add FILE'")


def _label(note: Note, part_id: str) -> str:
    kind, _, number = part_id.partition("/")
    return {"p": f"¶{number}", "h": f"heading above ¶{number}", "fn": f"footnote {number}"}.get(kind, part_id)


def signals(text: str, year: int | None) -> list[Signal]:
    found = [Signal("date", text[d.text_start:d.text_end], d.text_start, d.text_end) for d in find_dates(text, year)]
    taken = [(s.start, s.end) for s in found]
    for m in FIGURE.finditer(text):
        if not any(a <= m.start() < b for a, b in taken) and not re.fullmatch(r"(19|20)\d\d", m.group()):
            found.append(Signal("figure", m.group(), m.start(), m.end()))
    # a title has a few words ("Migration and social change"); "one-size-fits-all" is a scare quote
    found += [Signal("quoted title", t, a, b) for t, a, b in find_quoted(text) if len(t.split()) >= 3]
    found += [Signal("keyword", m.group(), m.start(), m.end()) for m in KEYWORDS.finditer(text)]
    return sorted(found, key=lambda s: (s.start, s.end))


def _value(fact: Fact) -> str:
    return str(fact.value)


def review_note(name: str, corpus: Path | str | None = None) -> Review:
    """Parse the corpus, extract the facts, and gather them for the note called ``name``."""
    from . import resources
    from .extract import extract_facts
    from .parse import parse_corpus
    from .pipeline import extraction_labels, load_schema

    notes = parse_corpus(corpus or resources.NOTES_DIR)
    note = find_note(notes, name)
    schema = load_schema()
    facts = extract_facts(notes, *extraction_labels(schema))
    by_part: dict[str, list[tuple[Fact, list]]] = {}
    for fact in facts:
        spans = [e for e in fact.evidence if e.note == note.key]
        for part_id in dict.fromkeys(e.part for e in spans):
            by_part.setdefault(part_id, []).append((fact, [e for e in spans if e.part == part_id]))
    out = []
    for part in parts(note):
        if not part.text.strip():
            continue
        review = PartReview(part.id, _label(note, part.id), part.text,
                            signals=signals(part.text, note.dialogue_year))
        for fact, evs in by_part.get(part.id, []):
            if fact.prop in _TAGS:
                review.tags.append(_value(fact).split("/", 1)[-1])
                continue
            review.facts.append(FactView(str(fact.subject), fact.prop, _value(fact), str(fact.rule or "hand"),
                                         [(e.start, e.end, e.quote) for e in evs]))
        out.append(review)
    return Review(note, out)


# ---------------------------------------------------------------------------
# showing it
# ---------------------------------------------------------------------------

def _marks(part: PartReview, with_signals: bool) -> list[dict]:
    marks = [{"start": a, "end": b, "quote": q, "id": f"{part.id.replace('/', '-')}-f{i}", "class": "fact"}
             for i, f in enumerate(part.facts) for a, b, q in f.spans]
    if with_signals:
        marks += [{"start": s.start, "end": s.end, "quote": s.text, "id": f"{part.id.replace('/', '-')}-s{i}",
                   "class": "signal"} for i, s in enumerate(part.signals) if s.kind != "keyword" or part.missed]
    return marks


def to_html(review: Review) -> str:
    """One self-contained HTML page (no script, no external request)."""
    import jinja2

    from .highlight import highlight

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE.parent)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    rows = [{"part": p, "html": highlight(p.text, _marks(p, p.missed))} for p in review.parts]
    return env.get_template(TEMPLATE.name).render(review=review, rows=rows)


def print_review(review: Review, console, show_all: bool = False) -> None:
    """The review in the terminal: each paragraph with facts (quoted words highlighted) or
    flagged as missed; ``show_all`` shows every part."""
    from rich.markup import escape
    from rich.panel import Panel
    from rich.text import Text

    note = review.note
    console.print(f"[bold]{note.label}[/bold] ({note.source.name}): {review.facts} facts from "
                  f"{sum(1 for p in review.parts if p.facts)} of {len(review.parts)} parts; "
                  f"{len(review.missed)} part(s) look like they hold facts but yielded none")
    for part in review.parts:
        if not (part.facts or part.missed or show_all):
            continue
        text = Text(part.text)
        for mark in _marks(part, part.missed):
            text.stylize("bold black on green" if mark["class"] == "fact" else "bold black on yellow",
                         mark["start"], mark["end"])
        lines = [text]
        for f in part.facts:
            lines.append(Text.from_markup(f"  [green]•[/green] {escape(f.subject)} [cyan]{escape(f.prop)}[/cyan] "
                                          f"{escape(f.value)}  [dim]{escape(f.rule)}[/dim]"))
        if part.missed:
            kinds = ", ".join(f"{s.kind} '{s.text}'" for s in part.signals)
            lines.append(Text.from_markup(f"  [yellow]no fact read; it has: {escape(kinds)}[/yellow]"))
        if part.tags:
            lines.append(Text.from_markup(f"  [dim]concepts: {escape(', '.join(sorted(set(part.tags))))}[/dim]"))
        title = f"{part.label}" + ("  [yellow]MISSED?[/yellow]" if part.missed else "")
        console.print(Panel(Text("\n").join(lines), title=title, title_align="left", expand=True))
