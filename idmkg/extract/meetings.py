"""Meetings other than workshops: informal consultations, Council sessions and their
segments (panels, keynotes, presentations), conferences; and which consultation each note
was prepared for.

Rules: "informal consultations (held|took place)? on DATE", "the DATE informal
consultations", "Informal Consultations held on DATE (IC/2008/6)"; "<N>th (IOM) Council
(Session)" or "<Ordinal words> Session of the Council (DATES)"; the lettered items of a
paragraph about a Council session are its segments; 'A conference on “TITLE” was held on
DATE in PLACE, co-hosted by ...'; "panel discussion on “TITLE” that took place at the Nth
Council Session".

The rules' word lists (the Council holding a session, a session's position, other bodies holding
sessions, meeting and hosted-event nouns, conference verbs, the wordings of each kind of segment)
are idm:signal-* concepts in ``ontology/vocab.ttl``, read through :mod:`idmkg.extract.signals`;
the sentence structure stays here.
"""
from __future__ import annotations

import datetime as dt
import re

from ..dates import find_dates
from ..model import Ref
from .common import Part, Reader, ordinal_from_words, sentences, slug
from .references import document_ref
from .signals import alternation

CONSULTATION = re.compile(
    r"(?:[Ii]nformal [Cc]onsultations(?: took place| held)? on (?P<d1>\d{1,2} [A-Z][a-z]+(?: \d{4})?)"
    r"|(?:the )?(?P<d2>\d{1,2} [A-Z][a-z]+(?: \d{4})?) [Ii]nformal [Cc]onsultations)"
    r"(?:\s*\((?P<symbol>IC/\d{4}/\d+)\))?")
ORDINAL_NUMBER = re.compile(r"\b(?P<n>\d{2,3})(?:st|nd|rd|th)\s+(?:IOM\s+)?Council(?:\s+[Ss]ession)?")
#: "Ninety-fourth Session of the Council", "One hundred and first Session of the IOM Council":
#: up to five words before "Session", read by ordinal_from_words
ORDINAL_WORDS = re.compile(r"\b(?P<w>(?:[A-Za-z]+[\s-]+){0,4}?[A-Za-z]+(?:th|st|nd|rd)|\d{2,3}(?:th|st|nd|rd))\s+Session of "
                           r"the (?:IOM\s+)?Council", re.IGNORECASE)
#: "The Council will hold its Eighty-eighth Session from 30 November to 3 December 2004"
COUNCIL_HOLDS = re.compile(r"\bCouncil\s+(?:" + alternation("council-holds") + r")\s+its\s+"
                           r"(?P<w>(?:[A-Za-z]+[\s-]+){0,4}?[A-Za-z]+(?:th|st|nd|rd))\s+Session\b")
#: "At its 109th Session, held from ..., the Council heard ...", "The Council, at its One hundred and ninth Session
#: (Geneva, 27-30 November 2018), ...", "the Council's One hundred and ninth Session (27-30 November 2018)": the
#: session named through the Council ("its" only in a sentence naming the Council)
COUNCIL_ITS = re.compile(r"\b(?P<its>its|[Tt]he\s+Council[’']s|[Tt]he\s+IOM\s+Council[’']s)\s+(?:(?:" + alternation("session-position") + r")\s+)?"
                         r"(?P<w>(?:[A-Za-z]+[\s-]+){0,4}?[A-Za-z]+(?:th|st|nd|rd)|\d{2,3}(?:th|st|nd|rd))"
                         r"\s+[Ss]ession\b(?!\s+of\s+the\s+(?:IOM\s+)?Council)")
CONFERENCE = re.compile(r"\bA conference on\s+“(?P<title>[^”]+)”\s+was held on (?P<date>[^,]+?) in (?P<venue>[A-Z][a-z]+)")
CO_HOSTS = re.compile(r"co-hosted by the (?P<a>Government of [A-Z][a-z]+)[^.]*?,? and (?P<b>IOM)\b")
PANEL_AT_COUNCIL = re.compile(r"\bpanel discussion on\s+“(?P<title>[^”]+)”\s+that took place at the")
FORUM = re.compile(r"\bthe (?P<year>\d{4}) (?P<place>[A-Z][a-z]+) (?P<name>Global Forum on Migration and Development)"
                   r"(?: \((?P<abbr>[A-Z]+)\))?(?:, the theme of which was “(?P<theme>[^”]+)”)?")
SEGMENT_KINDS = [
    ("Keynote", re.compile(r"\b(?:" + alternation("segment-keynote", " ") + r")\b", re.I)),
    ("Panel", re.compile(r"\b(?:" + alternation("segment-panel", " ") + r")", re.I)),
    ("InteractiveSession", re.compile(r"\b(?:" + alternation("segment-interactive", " ") + r")\b", re.I)),
    ("Presentation", re.compile(r"\b(?:" + alternation("segment-presentation", " ") + r")\b", re.I)),
]
PANELS_DURING = re.compile(r"\bpanel discussions were held\b[^.]*?\bduring the (?P<n>\d{2,3})(?:st|nd|rd|th) Council Session"
                           r" on (?P<list>[^.]+)\.")
LIST_SPLIT = re.compile(r",\s+and\s+on\s+|,\s+and\s+|\s+and\s+on\s+|,\s+")
#: where a segment's title ends inside its item text
TITLE_END = re.compile(r"\s\(|,\s+followed by\b|,\s+with\b|,\s+the theme of\b")
MONTH_ONLY = re.compile(r"\bin (?P<month>January|February|March|April|May|June|July|August|September|October|November|December) (?P<year>\d{4})")


def consultation_ref(date: dt.date) -> Ref:
    return Ref("consultation", date.isoformat())


def council_ref(ordinal: int) -> Ref:
    return Ref("council", str(ordinal))


def declare_consultation(r: Reader, date: dt.date, ev) -> Ref:
    ref = consultation_ref(date)
    r.add(ref, "rdf:type", Ref("class", "InformalConsultation"), ev)
    r.add(ref, "idm:startDate", date, ev)
    r.add(ref, "idm:endDate", date, ev)
    r.add(ref, "rdfs:label", f"IDM informal consultations of {date.day} {date:%B %Y}", ev)
    return ref


def _words_to_ordinal(words: str) -> tuple[int, int] | None:
    """The ordinal at the end of ``words`` (the longest tail that reads as one) and where
    it starts in ``words``; "106th" reads as 106."""
    if digits := re.fullmatch(r"(\d{2,3})(?:th|st|nd|rd)", words):
        return int(digits.group(1)), 0
    spans = [m.start() for m in re.finditer(r"[A-Za-z]+", words)]
    for start in spans:
        n = ordinal_from_words(words[start:])
        if n:
            return n, start
    return None


def read(r: Reader, part: Part) -> None:
    text = part.text
    if part.id == "cover":
        _cover(r, part)
        return
    year = r.note.dialogue_year
    for m in CONSULTATION.finditer(text):
        which = "d1" if m.group("d1") else "d2"
        dates = find_dates(m.group(which), year)
        if not dates:
            continue
        ref = declare_consultation(r, dates[0].start, r.evidence(part, m.start(which), m.end(which)))
        if m.group("symbol"):
            doc = document_ref(m.group("symbol"))
            ev = r.evidence(part, m.start("symbol"), m.end("symbol"))
            r.add(doc, "rdf:type", Ref("class", "DiscussionNote"), ev)
            r.add(doc, "idm:symbol", m.group("symbol"), ev)
            r.add(doc, "idm:preparedFor", ref, ev)
    for m in ORDINAL_NUMBER.finditer(text):
        ref = _council(r, part, int(m.group("n")), m.start(), m.end())
        # "at the 110th Council session (26–29 November 2019)": its dates in brackets right after it
        after = _dates_after(text, m.end(), year) if re.match(r"\s*\(", text[m.end():]) else []
        if after and after[0].start != after[0].end:
            d = after[0]
            ev = r.evidence(part, m.end() + d.text_start, m.end() + d.text_end)
            r.add(ref, "idm:startDate", d.start, ev)
            r.add(ref, "idm:endDate", d.end, ev)
    its = [m for m in COUNCIL_ITS.finditer(text)
           if m.group("its") != "its" or _names_council(text, m.start())]
    for m in [*ORDINAL_WORDS.finditer(text), *COUNCIL_HOLDS.finditer(text), *its]:
        found = _words_to_ordinal(m.group("w"))
        if found is None:
            continue
        ref = _council(r, part, found[0], m.start("w") + found[1], m.end())
        after = _dates_after(text, m.end(), year)
        if (after and after[0].start == after[0].end and _hosts_event(text, m.start("w") + found[1])
                and not text[m.end():].lstrip().startswith("(")):
            # "a panel held during the 105th Session of the Council, on 26 November 2014": one day, the panel's (a
            # span of days, "the IDM panel at the ... Session of the Council, held from 24 to 27 November", is the
            # session's)
            after = []
        if after:
            d = after[0]
            ev = r.evidence(part, m.end() + d.text_start, m.end() + d.text_end)
            r.add(ref, "idm:startDate", d.start, ev)
            r.add(ref, "idm:endDate", d.end, ev)
            _segments(r, part, ref, d.start.year)
    for m in CONFERENCE.finditer(text):
        _conference(r, part, m)
    if not CONFERENCE.search(text):
        for m in CONFERENCE_HELD.finditer(text):
            _conference_held(r, part, m)
        if not CONFERENCE_HELD.search(text):
            _conference_dated(r, part)
    for m in PANEL_AT_COUNCIL.finditer(text):
        council = ORDINAL_NUMBER.search(text, m.end())
        if council:
            host = council_ref(int(council.group("n")))
            seg = Ref("segment", f"{host.key}/{slug(m.group('title'))}")
            ev = r.evidence(part, m.start("title"), m.end("title"))
            r.add(seg, "rdf:type", Ref("class", "Panel"), ev)
            r.add(seg, "idm:title", m.group("title"), ev)
            r.add(seg, "idm:segmentOf", host, ev)
            month = MONTH_ONLY.search(text, council.end(), council.end() + 30)
            if month:
                r.add(host, "idm:heldIn", f"{month.group('month')} {month.group('year')}",
                      r.evidence(part, month.start("month"), month.end("year")))
    for m in PANELS_DURING.finditer(text):
        host = council_ref(int(m.group("n")))
        start = m.start("list")
        for piece in LIST_SPLIT.split(m.group("list")):
            at = text.index(piece, start)
            start = at + len(piece)
            title = piece.strip()
            seg = Ref("segment", f"{host.key}/{slug(title)}")
            ev = r.evidence(part, at, at + len(title))
            r.add(seg, "rdf:type", Ref("class", "Panel"), ev)
            r.add(seg, "idm:title", title, ev)
            r.add(seg, "idm:segmentOf", host, r.evidence(part, m.start("n"), m.end()))
    for m in FORUM.finditer(text):
        ref = Ref("conference", f"gfmd-{m.group('year')}")
        ev = r.evidence(part, m.start(), m.end("name"))
        name = f"{m.group('year')} {m.group('place')} {m.group('name')}"
        r.add(ref, "rdf:type", Ref("class", "Conference"), ev)
        r.add(ref, "idm:title", name, ev)
        r.add(ref, "idm:venue", m.group("place"), r.evidence(part, m.start("place"), m.end("place")))
        if m.group("theme"):
            r.add(ref, "idm:themeTitle", m.group("theme"), r.evidence(part, m.start("theme"), m.end("theme")))


#: words naming another meeting: dates after one of them are that meeting's
OTHER_MEETING = re.compile(r"\b(?:" + alternation("other-meeting") + r")\b",
                           re.IGNORECASE)


#: "a panel held during (the)", "a side event on the margins of (the)", "presented at a round table at (the)": an event
#: held within the session named next (group "event" is its noun, the words after it end right before the session)
HOSTED_EVENT = re.compile(r"\b(?P<event>" + alternation("hosted-event", " ") + r")\b[^.;]*?\b(?:during|at|in\s+the\s+"
                          r"course\s+of|on\s+the\s+(?:margins|sidelines|occasion)\s+of)\s+(?:the\s+)?$", re.IGNORECASE)


def _hosts_event(text: str, at: int) -> bool:
    """Whether the Council session named at ``at`` is where another event was held, that event being what the
    sentence is about ("a panel held during the One hundred and fifth Session of the Council, on 26 November 2014"):
    a date after the session's name, unless in brackets right after it, is then that event's."""
    s = next((s for s, e in sentences(text) if s <= at < e), 0)
    return bool(HOSTED_EVENT.search(text[s:at]))


#: bodies other than the IOM Council that hold sessions
OTHER_SESSION_BODY = re.compile(r"\b(?:" + alternation("other-session-body") + r")\b")


def _names_council(text: str, at: int) -> bool:
    """Whether the sentence around ``at`` names the Council as what "its" stands for ("At its 109th Session,
    ..., the Council heard", "The Council, at its ..."), and no other body that holds sessions."""
    s, e = next(((s, e) for s, e in sentences(text) if s <= at < e), (0, len(text)))
    sentence = text[s:e]
    return bool(re.search(r"\b(?:IOM\s+)?Council\b", sentence)) and not OTHER_SESSION_BODY.search(sentence)


def _dates_after(text: str, at: int, year: int) -> list:
    """Dates of the meeting named just before ``at``: "(27-30 November 2012)", ", which will
    take place from 5 to 8 December 2011": within the same sentence and 80 characters, with
    no other meeting named in between."""
    stop = re.search(r"[.;](?:\s|$)", text[at:at + 80])
    window = text[at:at + (stop.start() if stop else 80)]
    dates = find_dates(window, year)
    if not dates or OTHER_MEETING.search(window[:dates[0].text_start]):
        return []
    return dates


def _council(r: Reader, part: Part, ordinal: int, start: int, end: int) -> Ref:
    ref = council_ref(ordinal)
    if part.id.startswith("p/"):
        # attendance figures in the same paragraph are the session's (see attendance.read)
        if r.last_meeting is None or r.last_meeting.kind != "council":
            r.meeting_before = r.last_meeting
        r.last_meeting, r.meeting_part = ref, part.id
    ev = r.evidence(part, start, end)
    r.add(ref, "rdf:type", Ref("class", "CouncilSession"), ev)
    r.add(ref, "idm:ordinal", ordinal, ev)
    r.add(ref, "rdfs:label", f"{ordinal}th Session of the IOM Council", ev)
    return ref


def _segments(r: Reader, part: Part, host: Ref, year: int) -> None:
    """Each lettered item of the paragraph is one segment of the Council session."""
    para = r.note.paragraph(part.paragraph)
    for item in para.items:
        found = next(((k, m) for k, p in SEGMENT_KINDS if (m := p.search(item.text))), None)
        if found is None:
            continue
        kind, m = found
        # "further to discussions ..., a presentation by ...": the title starts at the segment's own words
        lead = item.text.rfind(", a ", 0, m.start())
        begin = lead + 2 if lead >= 0 else 0
        end = TITLE_END.search(item.text, begin)
        title = item.text[begin:end.start() if end else len(item.text)].rstrip(";:, ")
        ref = Ref("segment", f"{host.key}/{slug(title, 60)}")
        ev = r.evidence(part, item.start + begin, item.start + begin + len(title))
        r.add(ref, "rdf:type", Ref("class", kind), ev)
        r.add(ref, "idm:title", title, ev)
        r.add(ref, "idm:segmentOf", host, ev)
        dates = find_dates(item.text, year)
        if dates:
            d = dates[-1]
            dev = r.evidence(part, item.start + d.text_start, item.start + d.text_end)
            r.add(ref, "idm:startDate", d.start, dev)
            r.add(ref, "idm:endDate", d.end, dev)


def _conference(r: Reader, part: Part, m: re.Match) -> None:
    dates = find_dates(m.group("date"), r.note.dialogue_year)
    if not dates:
        return
    ref = Ref("conference", dates[0].start.isoformat())
    ev = r.evidence(part, m.start("title"), m.end("title"))
    r.add(ref, "rdf:type", Ref("class", "Conference"), ev)
    r.add(ref, "idm:title", m.group("title"), ev)
    dev = r.evidence(part, m.start("date"), m.end("date"))
    r.add(ref, "idm:startDate", dates[0].start, dev)
    r.add(ref, "idm:endDate", dates[0].end, dev)
    r.add(ref, "idm:venue", m.group("venue"), r.evidence(part, m.start("venue"), m.end("venue")))
    hosts = CO_HOSTS.search(part.text, m.end())
    if hosts:
        for g in ("a", "b"):
            org = Ref("org", slug(hosts.group(g)))
            oev = r.evidence(part, hosts.start(g), hosts.end(g))
            r.add(org, "rdf:type", Ref("class", "Organization"), oev)
            r.add(org, "rdfs:label", hosts.group(g), oev)
            r.add(ref, "idm:organizer", org, oev)
    r.last_meeting = ref


#: "The Conference on Migrants and Cities was hosted by IOM in Geneva on 26 and 27 October 2015"
CONFERENCE_HELD = re.compile(
    r"\b(?:[Tt]he|A)\s+(?:International\s+)?Conference\s+on\s+(?P<title>[A-Z][^,.;“”()]{3,100}?)"
    # an apposition between the name and the verb: ", organized by IOM with the Government of Belgium,"
    r"(?:\s*,\s+(?:organi[sz]ed|hosted|convened|co-hosted|held)\b[^,.;]{3,80},)?"
    r"\s+(?:(?:was|were)\s+(?:" + alternation("conference-held") + r")|met|took\s+place)\b(?P<rest>[^.;]{0,120})")


def _conference_held(r: Reader, part: Part, m: re.Match) -> None:
    """A conference named in capitals and said to have been held on a date (with the year):
    the meeting the following attendance figures belong to."""
    dates = [d for d in find_dates(m.group("rest")) if d.year_given]
    if not dates:
        return
    d = dates[0]
    ref = Ref("conference", d.start.isoformat())
    ev = r.evidence(part, m.start("title"), m.end("title"))
    r.add(ref, "rdf:type", Ref("class", "Conference"), ev)
    r.add(ref, "idm:title", f"Conference on {m.group('title')}", ev)
    dev = r.evidence(part, m.start("rest") + d.text_start, m.start("rest") + d.text_end)
    r.add(ref, "idm:startDate", d.start, dev)
    r.add(ref, "idm:endDate", d.end, dev)
    r.last_meeting = ref


#: "IOM joined UNICEF in holding a regional conference on “X” in Bangkok", "IOM hosted in Geneva a
#: global conference on ...": a conference, in lower case, with an article and at most two words before it
CONFERENCE_NAMED = re.compile(r"\b(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}?conference\b(?:\s+on\s+[“\"](?P<title>[^“”\"]{3,200})[”\"])?")


def _conference_dated(r: Reader, part: Part) -> None:
    """A sentence that dates a conference ("On 12 and 13 September 2012, IOM joined UNICEF in
    holding a regional conference on “X” in Bangkok"), naming no workshop or Council session:
    the conference (by its start date) is the meeting the following attendance figures belong to."""
    text = part.text
    for s, e in sentences(text):
        m = CONFERENCE_NAMED.search(text, s, e)
        if not m or re.search(r"\b(?:workshops?|Council|consultations)\b", text[s:e]):
            continue
        dates = [d for d in find_dates(text[s:e]) if d.year_given]
        if len(dates) != 1:
            continue
        d = dates[0]
        ref = Ref("conference", d.start.isoformat())
        ev = r.evidence(part, m.start(), m.end())
        r.add(ref, "rdf:type", Ref("class", "Conference"), ev)
        if m.group("title"):
            r.add(ref, "idm:title", m.group("title"), r.evidence(part, m.start("title"), m.end("title")))
        dev = r.evidence(part, s + d.text_start, s + d.text_end)
        r.add(ref, "idm:startDate", d.start, dev)
        r.add(ref, "idm:endDate", d.end, dev)
        r.last_meeting = ref


def _cover(r: Reader, part: Part) -> None:
    note = r.note
    if note.consultation_date is None:
        return
    iso = note.consultation_date
    for d in find_dates(part.text):
        if d.start == iso and not part.text[max(0, d.text_start - 8):d.text_start].strip().endswith(","):
            ev = r.evidence(part, d.text_start, d.text_end)
            ref = declare_consultation(r, iso, ev)
            r.add(Ref("note", note.key), "idm:preparedFor", ref, ev)
            return
