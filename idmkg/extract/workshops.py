"""Intersessional workshops: ordinal, dialogue year, title, dates, venue, held or planned.

Rules (data below): a *mention* is "<ordinal> (IDM) intersessional workshop (for YEAR)"
or a section heading "<Ordinal> Workshop: TITLE (DATES)"; the sentence around it gives
the title (first quoted text), dates, venue ("in Geneva") and status (verb tense).
"This workshop is scheduled for ..." adds dates to the workshop last mentioned; a following
sentence about it ("It was held in Geneva ...") adds what the mention did not give. A
sentence listing a year's workshops ("Both workshops of 2017 took place: “X” in New York on
..., and “Y” in Geneva on ...") names each with its dates and place. A workshop named without
a year takes the year of its dates, of the sentence, or of the workshops its section just named.
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
LIST_HELD = re.compile(r"\b(?P<n>Two|Three|Four|\d) (?:intersessional )?workshops were "
                       r"(?:convened|held|organized|organised)"
                       r"(?: in (?P<venue>[A-Z][a-z]+))?(?: in (?P<year>\d{4}))?")
TITLE_WITH_DATES = re.compile(r"“(?P<title>[^”]+)”\s*\((?P<dates>[^)]+)\)")
SCHEDULED = re.compile(r"\bThis workshop is scheduled for\b")
#: a title the workshop no longer has: "prepared under the working title “X”", "announced as “X”"
FORMER_TITLE = re.compile(r"\b(?:working|provisional|original|initial|tentative|former)\s+title\s*[“\"]?$"
                          r"|\b(?:announced|advertised|planned)\s+as\s*[“\"]?$|\b(?:originally|initially|formerly)\b[^“\"]*$")
#: a sentence opening with a contrast clause ("While the first workshop focused on ..., this one ...")
SUBORDINATE = re.compile(r"\s*(?:While|Whereas|Although|Unlike|Whilst)\b")
#: a place name: one capitalised word, or two after a word that starts city names ("New York")
PLACE = (r"(?:(?:New|San|Santo|Santa|Addis|Buenos|Cape|Kuala|Hong|Port|Rio|Abu|Tel|Dar|Mexico|Panama|Guatemala|"
         r"Kuwait|Sri|Costa|El|La|Las|Los)\s+[A-Z][a-z]+|[A-Z][a-z]+)")
VENUE = re.compile(r"\b(?:place|held|convened|organized|organised|met|hosted|planned|scheduled|due)\s+"
                   r"(?:at\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|des|de|du|of|the|and)){0,5}\s+)?in\s+"
                   r"(?P<venue>(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
                   r"December)\b)" + PLACE + r")\b")
#: "9-10 July 2013 in Geneva": a place written right after the workshop's dates
VENUE_AFTER_DATE = re.compile(r"\s+in\s+(?P<venue>(?!(?:January|February|March|April|May|June|July|August|September|"
                              r"October|November|December)\b)" + PLACE + r")\b")
#: "in Geneva on Monday 2 ...", "in Geneva from 3 to 4 July": a place written right before dates
VENUE_BEFORE_DATE = re.compile(r"\bin\s+(?P<venue>(?!(?:January|February|March|April|May|June|July|August|September|"
                               r"October|November|December)\b)" + PLACE
                               + r"),?\s+(?:on|from)\s+(?:[A-Z][a-z]+day\s+)?\d")
#: "The second, “Y”, will take place ...": a sentence naming the next workshop by its ordinal alone
ELLIPTIC = re.compile(r"\s*The\s+(?P<ord>second|third|fourth)\s*,\s*[“\"]")
#: a sentence going on about the workshop just named: "It was held in Geneva on ..."
FOLLOW_UP = re.compile(r"(?:It|The workshop|This workshop|The meeting|The event)\s")
#: verb phrases telling whether the workshop already took place, checked in order
STATUS_WORDS = [
    ("planned", re.compile(r"\b(will be held|to be held|will address|will take place|will be convened|will be organized|"
                           r"will focus|will bring|is scheduled|are scheduled|is planned|are planned|is to be held|"
                           r"is foreseen|are foreseen|is expected to take place|is due to (?:take place|be held|meet)|"
                           r"will meet|is set for|has been scheduled|have been scheduled|will be hosted|"
                           r"is to take place|are to be held|will be devoted|will look|will examine|will consider)\b")),
    ("held", re.compile(r"\b(took place|had taken place|has taken place|was held|were held|had been held|"
                        r"was convened|were convened|was organized|was organised|were organized|was attended|"
                        r"brought together|met in|gathered|hosted|was hosted|convened|organized|organised|"
                        r"was (?:successfully )?(?:conducted|completed)|attracted|drew)\b")),
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
    r.workshop_section = part.heading if part.id.startswith("p/") else part.text
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
    _workshop_items(r, part)
    for s, e in sentences(text):
        sentence = text[s:e]
        listed = LIST_HELD.search(sentence)
        if listed:
            given = [d for d in find_dates(sentence) if d.year_given]
            if not listed.group("year") and not given:
                continue
            year = int(listed.group("year")) if listed.group("year") else given[0].start.year
            if not TITLE_WITH_DATES.search(sentence) and _workshop_list(r, part, s, e):
                continue
            for ordinal, m in enumerate(TITLE_WITH_DATES.finditer(sentence), start=1):
                ev = r.evidence(part, s + m.start(), s + m.end())
                ref = _declare(r, part, year, ordinal, ev)
                r.add(ref, "idm:title", m.group("title"), r.evidence(part, s + m.start("title"), s + m.end("title")))
                r.add(ref, "idm:status", Ref("status", "held"), r.evidence(part, s + listed.start(), s + listed.end()))
                _dates(r, part, ref, s + m.start("dates"), s + m.end("dates"), year)
                if listed.group("venue"):
                    r.add(ref, "idm:venue", listed.group("venue"),
                          r.evidence(part, s + listed.start("venue"), s + listed.end("venue")))
            continue
        if _workshop_list(r, part, s, e):
            continue
        if SCHEDULED.search(sentence) and r.last_workshop is not None:
            year = int(r.last_workshop.key.split("-")[0])
            _dates(r, part, r.last_workshop, s, e, year)
            r.add(r.last_workshop, "idm:status", Ref("status", "planned"),
                  r.evidence(part, s + SCHEDULED.search(sentence).start(), s + SCHEDULED.search(sentence).end()))
            continue
        m = MENTION.search(sentence)
        if not m and (m := ELLIPTIC.match(sentence)) and r.workshop_part == part.id and r.last_workshop is not None \
                and r.last_workshop.kind == "workshop":
            # "The first workshop of 2017, “X”, will ... The second, “Y”, will ...": the same year's
            year = int(r.last_workshop.key.split("-")[0])
            ref = _declare(r, part, year, ORDINAL_WORDS[m.group("ord").lower()], r.evidence(part, s + m.start("ord"),
                                                                                            s + m.end("ord")))
            quoted = find_quoted(text, s, e)
            if quoted:
                r.add(ref, "idm:title", quoted[0][0], r.evidence(part, quoted[0][1], quoted[0][2]))
            _details(r, part, ref, s, e, year)
            continue
        if not m:
            if FOLLOW_UP.match(sentence) and r.last_workshop is not None and r.workshop_part == part.id:
                _details(r, part, r.last_workshop, s, e, int(r.last_workshop.key.split("-")[0]), only_missing=True)
            continue
        if SUBORDINATE.match(sentence) and (comma := sentence.find(",", m.end())) > 0:
            # "While the first workshop focused on X, this workshop will ...": what follows the
            # comma is about another workshop; read only the clause that names this one
            e = s + comma
            sentence = text[s:e]
        year = int(m.group("year")) if m.group("year") else _context_year(r, part, sentence, note_year)
        ordinal = ORDINAL_WORDS[m.group("ord").lower()]
        ref = _declare(r, part, year, ordinal, r.evidence(part, s + m.start(), s + m.end()))
        r.workshop_part = part.id
        quoted = [q for q in find_quoted(text, s, e) if not FORMER_TITLE.search(text[max(s, q[1] - 40):q[1]])]
        if quoted:
            title, qs, qe = quoted[0]
            r.add(ref, "idm:title", title, r.evidence(part, qs, qe))
        _details(r, part, ref, s, e, year)


#: "Both workshops of 2017 took place as announced:", "The two workshops in 2018 were held:"
LIST_OPENER = re.compile(r"\b(?:Both|Two|Three|Four|The two|The three|The four)\s+(?:IDM\s+)?(?:intersessional\s+)?"
                         r"workshops\b(?:\s+(?:of|in|for)\s+(?P<year>\d{4}))?", re.IGNORECASE)


def _workshop_list(r: Reader, part: Part, s: int, e: int) -> bool:
    """A sentence listing the workshops of a year, each by its quoted title followed by its
    dates (and place): "Both workshops of 2017 took place as announced: “X” in New York on
    18 and 19 April 2017, and “Y” in Geneva on 30 November and 1 December 2017". The
    workshops are numbered in the order listed; every title must have dates after it."""
    text = part.text
    opener = LIST_OPENER.search(text, s, e)
    if not opener:
        return False
    quoted = find_quoted(text, opener.end(), e)
    if len(quoted) < 2:
        return False
    given = [d for d in find_dates(text[s:e]) if d.year_given]
    said = opener.group("year") or next(iter(re.findall(r"\bin ((?:19|20)\d\d)\b", text[opener.end():quoted[0][1]])),
                                        None)
    if not said and not given:
        return False
    year = int(said) if said else given[0].start.year
    segments = []
    for i, (title, qs, qe) in enumerate(quoted):
        end = quoted[i + 1][1] - 1 if i + 1 < len(quoted) else e
        dates = find_dates(text[qe:end], year)
        if not dates:
            return False
        segments.append((title, qs, qe, end, dates[0]))
    clause = text[s:quoted[0][1]]
    for ordinal, (title, qs, qe, end, d) in enumerate(segments, start=1):
        ref = _declare(r, part, year, ordinal, r.evidence(part, opener.start(), opener.end()))
        r.add(ref, "idm:title", title, r.evidence(part, qs, qe))
        ev = r.evidence(part, qe + d.text_start, qe + d.text_end)
        r.add(ref, "idm:startDate", d.start, ev)
        r.add(ref, "idm:endDate", d.end, ev)
        segment = text[qe:end]
        status = _status(segment) or _status(clause)
        if status:
            where, at = (segment, qe) if _status(segment) else (clause, s)
            sm = next(p.search(where) for st, p in STATUS_WORDS if st == status)
            r.add(ref, "idm:status", Ref("status", status), r.evidence(part, at + sm.start(), at + sm.end()))
        v = VENUE.search(segment) or VENUE_BEFORE_DATE.search(segment)
        if v:
            r.add(ref, "idm:venue", v.group("venue"), r.evidence(part, qe + v.start("venue"), qe + v.end("venue")))
    return True


#: an item (or table row) "First workshop: TITLE | 23-24 April 2003"
ITEM = re.compile(r"^(?P<ord>First|Second|Third|Fourth)\s+(?:intersessional\s+)?workshop\s*[:–—-]\s*"
                  r"(?P<title>[^|]+?)\s*(?:\|\s*(?P<rest>.*))?$", re.IGNORECASE)


def _workshop_items(r: Reader, part: Part) -> None:
    """The workshops of a paragraph's items or table rows, one each: its ordinal, title and
    dates; the status the paragraph's lead gives ("will be held")."""
    para = r.note.paragraph(part.paragraph)
    text = part.text
    lead = text[:para.items[0].start] if para.items else text
    status = _status(lead)
    for item in para.items:
        m = ITEM.match(text[item.start:item.end])
        if not m:
            continue
        at = item.start
        rest = m.group("rest") or ""
        dated = [d for d in find_dates(rest) if d.year_given]
        said = re.findall(r"\b((?:19|20)\d\d)\b", rest)
        year = dated[0].start.year if dated else int(said[0]) if said else r.note.dialogue_year
        ref = _declare(r, part, year, ORDINAL_WORDS[m.group("ord").lower()],
                       r.evidence(part, at + m.start("ord"), at + m.end("title")))
        r.add(ref, "idm:title", m.group("title"), r.evidence(part, at + m.start("title"), at + m.end("title")))
        if dated:
            d = dated[0]
            ev = r.evidence(part, at + m.start("rest") + d.text_start, at + m.start("rest") + d.text_end)
            r.add(ref, "idm:startDate", d.start, ev)
            r.add(ref, "idm:endDate", d.end, ev)
        if status:
            sm = next(p.search(lead) for st, p in STATUS_WORDS if st == status)
            r.add(ref, "idm:status", Ref("status", status), r.evidence(part, sm.start(), sm.end()))


def _context_year(r: Reader, part: Part, sentence: str, note_year: int) -> int:
    """The year of a workshop named without one ("the first workshop"): the year its dates
    give, else that of the workshops the same section just named (a review of last year's
    workshops), else the note's year."""
    dated = [d for d in find_dates(sentence) if d.year_given]
    if dated:
        return dated[0].start.year
    said = set(re.findall(r"\b(?:of|in|for)\s+((?:19|20)\d\d)\b", sentence))
    if len(said) == 1:
        return int(said.pop())
    if r.last_workshop is not None and r.last_workshop.kind == "workshop" and r.workshop_section == part.heading:
        return int(r.last_workshop.key.split("-")[0])
    return note_year


def _has(r: Reader, ref: Ref, prop: str) -> bool:
    return any(f.subject == ref and f.prop == prop for f in r.facts)


def _details(r: Reader, part: Part, ref: Ref, s: int, e: int, year: int, only_missing: bool = False) -> None:
    """Status (verb tense), dates and venue of a workshop read from one sentence; with
    ``only_missing``, only what no earlier sentence of the note gave."""
    text = part.text
    sentence = text[s:e]
    status = _status(sentence)
    if status and not (only_missing and _has(r, ref, "idm:status")):
        sm = next(p.search(sentence) for st, p in STATUS_WORDS if st == status)
        r.add(ref, "idm:status", Ref("status", status), r.evidence(part, s + sm.start(), s + sm.end()))
    if not (only_missing and _has(r, ref, "idm:startDate")):
        _dates(r, part, ref, s, e, year)
    if only_missing and _has(r, ref, "idm:venue"):
        return
    v = VENUE.search(sentence) or VENUE_BEFORE_DATE.search(sentence)
    if v is None:
        for d in find_dates(sentence, year)[:1]:
            v = VENUE_AFTER_DATE.match(sentence, d.text_end)
    if v:
        r.add(ref, "idm:venue", v.group("venue"), r.evidence(part, s + v.start("venue"), s + v.end("venue")))
