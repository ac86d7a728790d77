"""Small immutable records passed between the pipeline stages.

notes (text) -> :class:`Note` with :class:`Paragraph` s -> :class:`Fact` s with
:class:`Evidence` -> RDF graph.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import inspect
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Footnote:
    """A footnote: its number as printed and its text."""

    number: int
    text: str
    line: int


@dataclass(frozen=True)
class Item:
    """A lettered sub-item ``(a)`` or a bullet of a paragraph.

    ``start``/``end`` are character offsets of the item's text inside the
    paragraph's ``text``.
    """

    label: str
    text: str
    start: int
    end: int
    level: int = 1
    #: length of the run of emphasis (``**bold**``) the item opens with, 0 if none: the
    #: item's title when it has one ("**Youth and migration.** The IDM would ...")
    emphasis: int = 0


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph, rejoined across broken lines, footnotes and page breaks.

    ``text`` is the lead text followed by each item on a line of its own
    (``"\\n(a) ..."``); footnote markers are removed from it and kept in
    ``footnotes``.
    """

    number: int
    text: str
    heading: str | None
    items: tuple[Item, ...]
    footnotes: tuple[Footnote, ...]
    line: int


@dataclass(frozen=True)
class Note:
    """A discussion note as parsed: cover metadata and numbered paragraphs."""

    source: Path
    sha256: str
    key: str
    symbol: str | None
    title: str
    subtitle: str | None
    dialogue_year: int
    issued: dt.date | None
    place: str | None
    language: str | None
    consultation_date: dt.date | None
    previous_consultation: dt.date | None
    paragraphs: tuple[Paragraph, ...]
    annex: str = ""
    annex_footnotes: tuple[Footnote, ...] = ()
    cover: str = ""

    def paragraph(self, number: int) -> Paragraph:
        for p in self.paragraphs:
            if p.number == number:
                return p
        raise KeyError(f"{self.key}: no paragraph {number}")

    @property
    def label(self) -> str:
        return self.symbol or f"Discussion note for IDM {self.dialogue_year} ({self.key})"


class _CachedHash:
    """A frozen dataclass's hash, worked out once (facts and refs are hashed millions of
    times on a large archive: the cross-note rules index them, the live build compares
    them). The cached value is never pickled: string hashes differ between processes."""

    __slots__ = ()
    _HASHED: tuple[str, ...] = ()

    def __hash__(self) -> int:
        try:
            return self.__dict__["_hash"]
        except KeyError:
            h = hash(tuple(getattr(self, name) for name in self._HASHED))
            object.__setattr__(self, "_hash", h)
            return h

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_hash", None)
        return state


@dataclass(frozen=True)
class Evidence(_CachedHash):
    """The exact words of a part of a note that state a fact.

    ``part`` names the part inside the note: ``p/3`` (paragraph 3), ``h/6`` (the
    section heading first printed above paragraph 6), ``fn/2`` (footnote 2),
    ``cover`` (the cover page lines) or ``annex``. ``start``/``end`` are offsets
    into that part's text; ``quote`` is ``text[start:end]``.
    """

    note: str
    part: str
    start: int
    end: int
    quote: str
    _HASHED = ("note", "part", "start", "end", "quote")
    __hash__ = _CachedHash.__hash__


@dataclass(frozen=True)
class Ref(_CachedHash):
    """A thing in the graph, named by kind and normalised key (IRI minted later)."""

    kind: str
    key: str
    _HASHED = ("kind", "key")
    __hash__ = _CachedHash.__hash__

    def __str__(self) -> str:
        return f"{self.kind}/{self.key}"


@dataclass(frozen=True)
class Rule:
    """The extraction rule that found a fact: ``name`` is the rule's module and function
    (``workshops/dates``), ``version`` the first 10 hex digits of the SHA-256 of the
    function's source, so it changes exactly when the rule's code does."""

    name: str
    version: str

    def __str__(self) -> str:
        return f"{self.name}@{self.version}"


#: modules whose frames are plumbing, not rules (the record itself, the reader's helpers)
_NOT_RULES = {__name__, "idmkg.extract.common"}


@functools.lru_cache(maxsize=None)
def _rule_of(code, module: str) -> Rule:
    try:
        source = inspect.getsource(code)
    except (OSError, TypeError):
        source = code.co_name
    version = hashlib.sha256(source.encode("utf-8")).hexdigest()[:10]
    return Rule(f"{module.rsplit('.', 1)[-1]}/{code.co_name.lstrip('_')}", version)


def calling_rule() -> Rule | None:
    """The idmkg function that is creating a fact (skipping the reader's helpers and
    comprehensions); None when the fact is made outside idmkg (a test, a notebook)."""
    frame = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        code = frame.f_code
        if module.startswith("idmkg.") and module not in _NOT_RULES and not code.co_name.startswith("<"):
            return _rule_of(code, module)
        frame = frame.f_back
    return None


@dataclass(frozen=True)
class Fact(_CachedHash):
    """One statement: ``subject property value``, with where it was read.

    ``value`` is a :class:`Ref`, or a literal (str, int, bool, float, date).
    ``prop`` is a CURIE such as ``idm:startDate`` or ``rdf:type``.
    ``derived`` marks a conclusion drawn across notes (an outcome, a preferred title): it
    goes to the graph of derived facts, so each note's graph holds only what that note says.
    ``rule`` is the extraction rule that found it: the function creating the fact, unless
    given (it does not take part in equality: two rules finding the same fact find one fact).
    """

    subject: Ref
    prop: str
    value: object
    evidence: tuple[Evidence, ...] = field(default=())
    derived: bool = False
    rule: Rule | None = field(default=None, compare=False)
    _HASHED = ("subject", "prop", "value", "evidence", "derived")
    __hash__ = _CachedHash.__hash__

    def __post_init__(self):
        if self.rule is None:
            object.__setattr__(self, "rule", calling_rule())
