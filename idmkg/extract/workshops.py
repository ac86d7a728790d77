"""Intersessional workshops: ordinal, dialogue year, title, dates, venue, held or planned.

Rules (data below): a *mention* is "<ordinal> (IDM) intersessional workshop (for YEAR)"
or a section heading "<Ordinal> Workshop: TITLE (DATES)"; the sentence around it gives
the title (first quoted text), dates, venue ("in Geneva") and status (verb tense).
"This workshop is scheduled for ..." adds dates to the workshop last mentioned.
"""
from __future__ import annotations

import re

from ..dates import find_dates
from ..model import Ref
from .common import ORDINAL_WORDS, Part, Reader, find_quoted, sentences, year_ref

MENTION = re.compile(
    r"\b(?P<ord>first|second|third|fourth)\s+(?:of\s+(?:the|these|its)\s+(?:two\s+|three\s+|four\s+)?)?"
    r"(?:IDM\s+)?(?:intersessional\s+)?workshops?\b(?:\s+(?:for|of)\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
HEADING = re.compile(r"^(?P<ord>First|Second|Third|Fourth) Workshop:\s*(?P<title>.+?)\s*\((?P<dates>[^)]+)\)\s*$")
LIST_HELD = re.compile(r"\b(?P<n>Two|Three|\d) intersessional workshops were (?:convened|held) in (?P<year>\d{4})")
TITLE_WITH_DATES = re.compile(r"“(?P<title>[^”]+)”\s*\((?P<dates>[^)]+)\)")
SCHEDULED = re.compile(r"\bThis workshop is scheduled for\b")
#: a sentence opening with a contrast clause ("While the first workshop focused on ..., this one ...")
SUBORDINATE = re.compile(r"\s*(?:While|Whereas|Although|Unlike|Whilst)\b")
VENUE = re.compile(r"\b(?:place|held|convened|organized|organised|met)\s+in\s+(?P<venue>[A-Z][a-z]+)\b")
#: verb phrases telling whether the workshop already took place, checked in order
STATUS_WORDS = [
    ("planned", re.compile(r"\b(will be held|to be held|will address|will take place|will be convened|will be organized|"
                           r"will focus|will bring|is scheduled|are scheduled|is planned|are planned|is to be held|"
                           r"is foreseen|is expected to take place)\b")),
    ("held", re.compile(r"\b(took place|had taken place|has taken place|was held|were held|had been held|"
                        r"was convened|were convened|was organized|was organised|were organized|was attended|"
                        r"brought together|met in|gathered)\b")),
]


def workshop_ref(year: int, ordinal: int) -> Ref:
    return Ref("workshop", f"{year}-{ordinal}")


def _status(sentence: str) -> str | None:
    for status, pattern in STATUS_WORDS:
        if pattern.search(sentence):
            return status
    return None


def _declare(r: Reader, part: Part, year: int, ordinal: int, ev) -> Ref:
    ref = workshop_ref(year, ordinal)
    r.add(ref, "rdf:type", Ref("class", "IntersessionalWorkshop"), ev)
    r.add(ref, "idm:ordinal", ordinal, ev)
    r.add(ref, "idm:servesYear", year_ref(year), ev)
    r.last_workshop = r.last_meeting = ref
    return ref


def _dates(r: Reader, part: Part, ref: Ref, text_start: int, text_end: int, year: int) -> None:
    for d in find_dates(part.text[text_start:text_end], year)[:1]:
        ev = r.evidence(part, text_start + d.text_start, text_start + d.text_end)
        r.add(ref, "idm:startDate", d.start, ev)
        r.add(ref, "idm:endDate", d.end, ev)


def read(r: Reader, part: Part) -> None:
    text, note_year = part.text, r.note.dialogue_year
    if part.id.startswith("h/"):
        m = HEADING.match(text)
        if m:
            ordinal = ORDINAL_WORDS[m.group("ord").lower()]
            dates = find_dates(m.group("dates"), note_year)
            year = dates[0].start.year if dates else note_year
            ref = _declare(r, part, year, ordinal, r.evidence(part, m.start("ord"), m.end("ord")))
            r.add(ref, "idm:title", m.group("title"), r.evidence(part, m.start("title"), m.end("title")))
            r.add(ref, "idm:status", Ref("status", "planned"), r.evidence(part, 0, len(text)))
            _dates(r, part, ref, m.start("dates"), m.end("dates"), year)
        return
    if not part.id.startswith("p/"):
        return
    for s, e in sentences(text):
        sentence = text[s:e]
        listed = LIST_HELD.search(sentence)
        if listed:
            year = int(listed.group("year"))
            for ordinal, m in enumerate(TITLE_WITH_DATES.finditer(sentence), start=1):
                ev = r.evidence(part, s + m.start(), s + m.end())
                ref = _declare(r, part, year, ordinal, ev)
                r.add(ref, "idm:title", m.group("title"), r.evidence(part, s + m.start("title"), s + m.end("title")))
                r.add(ref, "idm:status", Ref("status", "held"), r.evidence(part, s + listed.start(), s + listed.end()))
                _dates(r, part, ref, s + m.start("dates"), s + m.end("dates"), year)
            continue
        if SCHEDULED.search(sentence) and r.last_workshop is not None:
            year = int(r.last_workshop.key.split("-")[0])
            _dates(r, part, r.last_workshop, s, e, year)
            r.add(r.last_workshop, "idm:status", Ref("status", "planned"),
                  r.evidence(part, s + SCHEDULED.search(sentence).start(), s + SCHEDULED.search(sentence).end()))
            continue
        m = MENTION.search(sentence)
        if not m:
            continue
        if SUBORDINATE.match(sentence) and (comma := sentence.find(",", m.end())) > 0:
            # "While the first workshop focused on X, this workshop will ...": what follows the
            # comma is about another workshop; read only the clause that names this one
            e = s + comma
            sentence = text[s:e]
        year = int(m.group("year")) if m.group("year") else note_year
        ordinal = ORDINAL_WORDS[m.group("ord").lower()]
        ref = _declare(r, part, year, ordinal, r.evidence(part, s + m.start(), s + m.end()))
        quoted = find_quoted(text, s, e)
        if quoted:
            title, qs, qe = quoted[0]
            r.add(ref, "idm:title", title, r.evidence(part, qs, qe))
        status = _status(sentence)
        if status:
            sm = next(p.search(sentence) for st, p in STATUS_WORDS if st == status)
            r.add(ref, "idm:status", Ref("status", status), r.evidence(part, s + sm.start(), s + sm.end()))
        _dates(r, part, ref, s, e, year)
        v = VENUE.search(sentence)
        if v:
            r.add(ref, "idm:venue", v.group("venue"), r.evidence(part, s + v.start("venue"), s + v.end("venue")))
