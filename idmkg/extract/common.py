"""What every extraction rule shares: the parts of a note it reads, the reader that
collects facts with their evidence, title normalisation and small text helpers."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

from ..model import Evidence, Fact, Note, Ref

STOP_WORDS = frozenset("a an and as at by for in of on or the to with its their".split())
#: a quoted title; the notes sometimes open a quote with ” (a typo kept as printed); or in single quotes
#: (‘Women on the move’), opened after a space or bracket and closed before a non-letter, so that an
#: apostrophe (“the Organization’s”) neither opens nor closes one
QUOTED = re.compile(r"[“”\"]([^“”\"]{3,200})[”\"]|(?<![\w’‘])‘([^‘’“”\"]{3,200})’(?![\w’])")
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
SENTENCE_SPLIT = re.compile(r"(?<=[.?!;])[”\"’]?\s+(?=[A-Z“\"(])")


def normalise(title: str) -> str:
    """A key for a title: case, accents, punctuation and stop words ignored."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in STOP_WORDS]
    return "-".join(words)


def content_words(title: str) -> frozenset[str]:
    return frozenset(normalise(title).split("-")) - {""}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the content words of two titles."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def slug(text: str, limit: int = 80) -> str:
    """A key from a title, at most ``limit`` characters, cut between words."""
    key = normalise(text)
    if len(key) > limit:
        key = key[: limit + 1].rsplit("-", 1)[0]
    return key or "untitled"


ABBREVIATIONS = ("i.e.", "e.g.", "para.", "paras.", "No.", "cf.", "etc.")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of a paragraph text (not split after "i.e.", "e.g.", ...)."""
    spans, start = [], 0
    for m in SENTENCE_SPLIT.finditer(text):
        if text[: m.start()].endswith(ABBREVIATIONS):
            continue
        spans.append((start, m.start() + len(m.group(0).rstrip())))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            out.append((s, e))
    return out


@dataclass(frozen=True)
class Part:
    """A piece of a note that facts are read from: a paragraph, a heading, a footnote,
    the cover or the annex. ``paragraph`` is the paragraph it belongs to, if any."""

    note: Note
    id: str
    text: str
    paragraph: int | None
    heading: str | None = None

    @property
    def ref(self) -> Ref:
        return Ref("part", f"{self.note.key}/{self.id}")


def parts(note: Note) -> Iterator[Part]:
    """The parts of a note in reading order."""
    yield Part(note, "cover", note.cover, None)
    previous_heading = None
    for p in note.paragraphs:
        if p.heading and p.heading != previous_heading:
            yield Part(note, f"h/{p.number}", p.heading, p.number)
        previous_heading = p.heading
        yield Part(note, f"p/{p.number}", p.text, p.number, p.heading)
        for fn in p.footnotes:
            yield Part(note, f"fn/{fn.number}", fn.text, p.number)
    if note.annex:
        yield Part(note, "annex", note.annex, None)
        for fn in note.annex_footnotes:
            yield Part(note, f"fn/{fn.number}", fn.text, None)


@dataclass
class Reader:
    """Collects the facts read from one note, remembering what the note was talking about."""

    note: Note
    facts: list[Fact] = field(default_factory=list)
    last_meeting: Ref | None = None
    #: the part where a Council session became the last meeting talked about
    meeting_part: str | None = None
    #: the meeting talked about before that Council session
    meeting_before: Ref | None = None
    last_workshop: Ref | None = None
    #: the part where the last workshop was named
    workshop_part: str | None = None
    #: the heading of the section where the last workshop was named
    workshop_section: str | None = None
    proposal_section: dict | None = None
    current_candidate: Ref | None = None
    #: a heading "Proposal 2" with no title: the paragraph below names the candidate
    candidate_pending: bool = False
    topic_offer: dict = field(default_factory=dict)
    #: the candidates a sentence just listed, as (part id, kind, title, year, start, end)
    listed_candidates: list = field(default_factory=list)
    #: the consultation the note says its proposals are put to, by (kind, year), with the evidence of those words
    put_to: dict = field(default_factory=dict)
    #: the last choice of workshop topics read: {"part", "year", "at", "chosen" (normalised titles)}; the
    #: sentences after it, and the next paragraph, may say what became of the candidates left out
    topic_choice: dict | None = None
    #: "The second of them ... was first proposed for 2021", said in a paragraph of candidates listed in the annex
    #: (read after it): (place word, earlier years, evidence), for the annex list to resolve
    pending_before: list = field(default_factory=list)

    def evidence(self, part: Part, start: int, end: int) -> Evidence:
        return Evidence(self.note.key, part.id, start, end, part.text[start:end])

    def add(self, subject: Ref, prop: str, value: object, *evidence: Evidence) -> None:
        self.facts.append(Fact(subject, prop, value, tuple(evidence)))

    def entity(self, ref: Ref, cls: str, label: str, ev: Evidence, prop_label: str = "rdfs:label") -> Ref:
        self.add(ref, "rdf:type", Ref("class", cls), ev)
        self.add(ref, prop_label, label, ev)
        return ref


def find_quoted(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Quoted titles in text[start:end] as (title, start, end) of the title inside the quotes."""
    end = len(text) if end is None else end
    return [(m.group(g).strip(), m.start(g), m.end(g)) for m in QUOTED.finditer(text, start, end)
            for g in (1 if m.group(1) is not None else 2,)]


_UNIT_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
             "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19}
_UNIT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_TENS_ORD = {w[:-1] + "ieth": n for w, n in _TENS.items()}


def ordinal_from_words(words: str) -> int | None:
    """An ordinal written in words, 1 to 199: "fourth", "Ninety-fourth", "ninetieth",
    "One hundredth", "One hundred and first", "hundred and twenty-second"; None otherwise."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().strip()) if t and t != "and"]
    if not tokens:
        return None
    total = 0
    if "hundred" in tokens or "hundredth" in tokens:
        i = tokens.index("hundred") if "hundred" in tokens else tokens.index("hundredth")
        if tokens[:i] not in ([], ["one"], ["a"]):
            return None
        if tokens[i] == "hundredth":
            return 100 if i == len(tokens) - 1 else None
        total, tokens = 100, tokens[i + 1:]
    if len(tokens) == 1:
        word = tokens[0]
        n = _UNIT_ORD.get(word) or _TENS_ORD.get(word)
        return total + n if n else None
    if len(tokens) == 2 and tokens[0] in _TENS and tokens[1] in _UNIT_ORD and _UNIT_ORD[tokens[1]] < 10:
        return total + _TENS[tokens[0]] + _UNIT_ORD[tokens[1]]
    return None


_CARD_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
               "seventeen": 17, "eighteen": 18, "nineteen": 19}
#: a number written in words, "eighty-six", "two hundred", "one hundred and eighty", "a hundred"
CARDINAL_WORDS = (r"(?:(?:one|two|three|four|five|six|seven|eight|nine|a)\s+hundred(?:\s+and\s+[a-z]+(?:-[a-z]+)?)?"
                  r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?"
                  r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten)")


def cardinal_from_words(words: str) -> int | None:
    """A cardinal written in words, 1 to 999: "eighty-six", "two hundred", "one hundred and
    eighty", "a hundred"; None otherwise."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().strip()) if t and t != "and"]
    total = 0
    if "hundred" in tokens:
        i = tokens.index("hundred")
        head = tokens[:i]
        if len(head) != 1 or (head[0] != "a" and head[0] not in _CARD_UNITS) or _CARD_UNITS.get(head[0], 1) > 9:
            return None
        total, tokens = 100 * _CARD_UNITS.get(head[0], 1), tokens[i + 1:]
    if not tokens:
        return total or None
    if len(tokens) == 1 and tokens[0] in _CARD_UNITS:
        return total + _CARD_UNITS[tokens[0]]
    if tokens[0] in _TENS and (len(tokens) == 1 or (len(tokens) == 2 and _CARD_UNITS.get(tokens[1], 10) < 10)):
        return total + _TENS[tokens[0]] + (_CARD_UNITS[tokens[1]] if len(tokens) == 2 else 0)
    return None


def year_ref(year: int) -> Ref:
    return Ref("year", str(year))
