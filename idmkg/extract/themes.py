"""Overarching themes chosen for a year, and candidate themes and workshop topics put forward.

Selection rules: a sentence naming a quoted title together with "selected", "overarching
... theme for YEAR" or "preference for the theme of"; the year is read from the sentence
(patterns in ``SELECTION_YEAR``) or, failing that, the paragraph.

Proposal rules: a paragraph that asks the membership to select an overarching theme (or
workshop topics) for a year opens a *proposal section*; each following section heading
shaped like a candidate ("(a) TITLE", "First proposal: TITLE", "A. TITLE") names one
candidate, until a heading of another shape. Topics "offered by the Administration during
the informal consultations on DATE: (a) “X” and (b) “Y”" are proposals made at that meeting.
"""
from __future__ import annotations

import re

from ..dates import find_dates
from ..model import Ref
from .common import Part, Reader, find_quoted, normalise, sentences, year_ref
from .meetings import consultation_ref

SELECTION = re.compile(
    r"\b(overarching theme selected by|selected the overarching theme|is the (?:selected )?overarching (?:IDM )?theme"
    r"|preference for the theme of)\b", re.IGNORECASE)
#: other ways of saying a theme was chosen: a choosing verb in a sentence about a theme
CHOSEN = re.compile(r"\b(selected|chose|chosen|adopted|endorsed|opted for|agreed (?:on|upon)|decided (?:on|upon)|"
                    r"settled on|retained|expressed (?:a|its) preference for)\b", re.IGNORECASE)
NOT_CHOSEN = re.compile(r"\b(?:not|never)\s+(?:been\s+)?(?:selected|chosen|adopted|retained|endorsed)\b", re.IGNORECASE)
THEME_WORD = re.compile(r"\b(?:overarching\s+)?theme\b", re.IGNORECASE)
SELECTION_YEAR = [
    re.compile(r"\b(?:IDM in|IDM theme for|theme for the IDM in|guide the IDM in|In|for)\s+(\d{4})\b"),
    re.compile(r"\bfor the (\d{4}) IDM\b"),
    re.compile(r"\b(?:IDM|Dialogue)\s+(\d{4})\b"),
]
SELECTION_METHOD = re.compile(
    r"(?:through the process of informal consultations and a follow-up survey"
    r"|based on informal consultations with the membership held in \d{4}"
    r"|a follow-up survey was sent out)", re.IGNORECASE)
THEME_SECTION = re.compile(
    r"\b(?:select an overarching theme for IDM (?P<y1>\d{4})|propose two possible overarching themes to guide the IDM in the coming year)")
#: other openings of a proposal section: the Administration proposing (putting forward,
#: suggesting, submitting, tabling, offering) themes or topics for a year
PROPOSING = re.compile(
    r"\b(?:propos\w*|put(?:s|ting)?\s+forward|suggest\w*|submit\w*|tabl\w*|offer\w*|present\w*)\b[^.]{0,120}?"
    r"\b(?P<kind>(?:overarching\s+)?themes?|(?:intersessional\s+)?workshop\s+topics?|topics?)\b"
    r"(?:[^.]{0,80}?\b(?:for|in)\s+(?:the\s+)?(?:IDM\s+(?:in\s+)?)?(?P<year>\d{4})\b"
    r"|[^.]{0,80}?\b(?P<next>coming|next|following)\s+year\b)?", re.IGNORECASE)
TOPIC_SECTION = re.compile(r"\bpotential intersessional workshop topics listed below\b.*?\bconvened in (?P<y>\d{4})", re.S)
CANDIDATE_HEADING = re.compile(
    r"^(?:\((?P<l>[a-z])\)|(?P<o>First|Second|Third|Fourth) (?:proposal|option|theme):|(?P<L>[A-H])[.)]"
    r"|(?:Option|Proposal|Theme|Topic)\s+(?P<n>[A-H1-9]):?|(?P<d>[1-9])\.)\s+(?P<title>.+)$", re.IGNORECASE)
OFFERED = re.compile(r"\btopics? offered by the Administration during the informal consultations on (?P<date>\d{1,2} \w+ \d{4})")
OTHER_TOPIC_SELECTED = re.compile(r"\bthe other topic selected by the membership, namely\b")
FOURTH_TOPIC = re.compile(r"\bincorporate elements of a \w+ topic offered by the Administration")
INCORPORATES = re.compile(r"\bworkshop incorporates elements from\b")
#: "At the informal consultations held on 28 April 2009, the Administration proposed two possible
#: overarching themes for the 2010 IDM": where the proposals of another note were put forward
PROPOSED_AT = re.compile(
    r"\b(?:At|During) the (?:IDM )?informal consultations,?\s+(?:which\s+(?:took place|were held)\s+|held\s+)?on "
    r"(?P<date>\d{1,2} [A-Z][a-z]+ \d{4}),? the Administration\s+(?:proposed|put forward|suggested|presented|submitted|"
    r"tabled|offered)\b[^.]{0,80}?\b(?:overarching\s+)?themes?\b[^.]{0,40}?\b(?:for|in)\s+(?:the\s+)?(?:IDM\s+(?:in\s+)?)?"
    r"(?P<year>\d{4})\b")
BUILDS_ON = re.compile(r"\bbuild on earlier overarching (?:topics|themes) which focused on the [“\"](?P<phrase>[^”\"]+)[”\"]")


def theme_ref(title: str) -> Ref:
    return Ref("theme", normalise(title))


def topic_ref(title: str) -> Ref:
    return Ref("topic", normalise(title))


def proposal_ref(year: int, candidate: Ref) -> Ref:
    return Ref("proposal", f"{year}/{candidate.kind}/{candidate.key}")


def declare_topic(r: Reader, kind: str, title: str, ev) -> Ref:
    ref = theme_ref(title) if kind == "theme" else topic_ref(title)
    r.add(ref, "rdf:type", Ref("class", "Theme" if kind == "theme" else "WorkshopTopic"), ev)
    r.add(ref, "idm:title", title, ev)
    return ref


def propose(r: Reader, kind: str, title: str, year: int, ev, *, in_note: bool = True, at: Ref | None = None) -> Ref:
    candidate = declare_topic(r, kind, title, ev)
    ref = proposal_ref(year, candidate)
    r.add(ref, "rdf:type", Ref("class", "Proposal"), ev)
    r.add(ref, "idm:candidate", candidate, ev)
    r.add(ref, "idm:targetYear", year_ref(year), ev)
    r.current_candidate = candidate
    if in_note:
        r.add(ref, "idm:proposedIn", Ref("note", r.note.key), ev)
    if at is not None:
        r.add(ref, "idm:proposedAt", at, ev)
    return ref


def _selection_year(sentence: str, paragraph: str) -> int | None:
    for pattern in SELECTION_YEAR:
        m = pattern.search(sentence)
        if m:
            return int(m.group(1))
    for pattern in SELECTION_YEAR[1:]:
        m = pattern.search(paragraph)
        if m:
            return int(m.group(1))
    return None


def read(r: Reader, part: Part) -> None:
    text = part.text
    if part.id.startswith("h/"):
        _candidate_heading(r, part)
        return
    if not part.id.startswith("p/"):
        return
    m = THEME_SECTION.search(text)
    if m:
        year = int(m.group("y1")) if m.group("y1") else r.note.dialogue_year + 1
        r.proposal_section = {"kind": "theme", "year": year}
    else:
        _proposal_opening(r, part)
    m = TOPIC_SECTION.search(text)
    if m:
        r.proposal_section = {"kind": "topic", "year": int(m.group("y"))}
    at = PROPOSED_AT.search(text)
    if at:
        meeting = consultation_ref(find_dates(at.group("date"))[0].start)
        # resolved across notes: the note that made those proposals was prepared for this meeting
        r.add(year_ref(int(at.group("year"))), "idm:themesProposedAt", meeting, r.evidence(part, at.start(), at.end()))
    builds = BUILDS_ON.search(text)
    if builds and r.proposal_section and r.current_candidate is not None:
        # resolved across notes: which earlier theme was described with these words
        r.add(r.current_candidate, "idm:buildsOn", Ref("phrase", builds.group("phrase")),
              r.evidence(part, builds.start(), builds.end()))
    for s, e in sentences(text):
        sentence = text[s:e]
        if not SELECTION.search(sentence) and _chosen(sentence):
            _select(r, part, s, e)
            continue
        if SELECTION.search(sentence):
            quoted = find_quoted(text, s, e)
            year = _selection_year(sentence, text)
            if quoted and year:
                title, qs, qe = quoted[0]
                ev = r.evidence(part, qs, qe)
                theme = declare_topic(r, "theme", title, ev)
                r.add(year_ref(year), "idm:overarchingTheme", theme, r.evidence(part, s, e))
                method = SELECTION_METHOD.search(text)
                if method:
                    r.add(year_ref(year), "idm:selectedThrough", method.group(0),
                          r.evidence(part, method.start(), method.end()))
        _offered_topics(r, part, s, e)


def _chosen(sentence: str) -> bool:
    """A sentence saying a theme was chosen in other words ("the membership opted for",
    "adopted ... as the overarching theme"), not that one was not."""
    return bool(CHOSEN.search(sentence) and THEME_WORD.search(sentence) and not NOT_CHOSEN.search(sentence)
                and not PROPOSING.search(sentence))


def _select(r: Reader, part: Part, s: int, e: int) -> None:
    text, sentence = part.text, part.text[s:e]
    quoted = find_quoted(text, s, e)
    year = _selection_year(sentence, text)
    if not quoted or not year:
        return
    verb = CHOSEN.search(sentence)
    after = [q for q in quoted if q[1] > s + verb.start()]
    title, qs, qe = (after or quoted)[0]
    if "preference to" in sentence[:qs - s]:
        title, qs, qe = quoted[0]
    theme = declare_topic(r, "theme", title, r.evidence(part, qs, qe))
    r.add(year_ref(year), "idm:overarchingTheme", theme, r.evidence(part, s, e))


def _proposal_opening(r: Reader, part: Part) -> None:
    """A paragraph proposing themes or topics for a year opens a proposal section; its
    items ("(a) ...") or quoted titles after the opening words are the candidates, else the
    headings that follow."""
    text = part.text
    m = PROPOSING.search(text)
    if not m or not (m.group("year") or m.group("next")):
        return
    kind = "theme" if "theme" in m.group("kind").lower() else "topic"
    year = int(m.group("year")) if m.group("year") else r.note.dialogue_year + 1
    if year < r.note.dialogue_year:
        return
    r.proposal_section = {"kind": kind, "year": year}
    number = int(part.id.split("/")[1])
    items = r.note.paragraph(number).items
    found = False
    for item in items:
        quoted = find_quoted(text, item.start, item.end)
        if quoted:
            title, qs, qe = quoted[0]
        else:
            segment = text[item.start:item.end]
            cut = re.search(r"[:.;]\s|\s[–—-]\s|$", segment)
            title, qs, qe = segment[:cut.start()].strip(" *“”\""), item.start, item.start + cut.start()
        if title:
            propose(r, kind, title, year, r.evidence(part, qs, qe))
            found = True
    if found:
        return
    for title, qs, qe in find_quoted(text, m.end()):
        if re.search(r"\([a-h]\)\s*[“\"]?$|\b[A-H][.:)]\s*[“\"]?$", text[max(0, qs - 6):qs]):
            propose(r, kind, title, year, r.evidence(part, qs, qe))


def _candidate_heading(r: Reader, part: Part) -> None:
    section = r.proposal_section
    if section is None:
        return
    m = CANDIDATE_HEADING.match(part.text)
    if not m:
        r.proposal_section = None
        r.current_candidate = None
        return
    title = m.group("title").strip("“”\" ")
    ev = r.evidence(part, m.start("title"), m.end("title"))
    propose(r, section["kind"], title, section["year"], ev)


def _offered_topics(r: Reader, part: Part, s: int, e: int) -> None:
    """2008's topics: offered at a consultation, some merged into one workshop."""
    text, sentence = part.text, part.text[s:e]
    offered = OFFERED.search(sentence)
    if offered:
        dates = find_dates(offered.group("date"))
        meeting = consultation_ref(dates[0].start)
        r.topic_offer = {"year": r.note.dialogue_year, "at": meeting}
        for title, qs, qe in find_quoted(text, s + offered.end(), e):
            ref = propose(r, "topic", title, r.note.dialogue_year, r.evidence(part, qs, qe), in_note=False, at=meeting)
            if INCORPORATES.search(sentence) and r.last_workshop is not None:
                topic = topic_ref(title)
                r.add(r.last_workshop, "idm:incorporatesTopic", topic, r.evidence(part, qs, qe))
                r.add(ref, "idm:outcome", Ref("outcome", "incorporated"), r.evidence(part, s, e))
        return
    if not r.topic_offer:
        return
    for pattern, outcome in ((OTHER_TOPIC_SELECTED, "selected"), (FOURTH_TOPIC, "incorporated")):
        m = pattern.search(sentence)
        if not m:
            continue
        quoted = find_quoted(text, s + m.end(), e)
        if not quoted:
            continue
        title, qs, qe = quoted[0]
        ref = propose(r, "topic", title, r.topic_offer["year"], r.evidence(part, qs, qe),
                      in_note=False, at=r.topic_offer["at"])
        r.add(ref, "idm:outcome", Ref("outcome", outcome), r.evidence(part, s + m.start(), s + m.end()))
        if r.last_workshop is not None:
            prop = "idm:onTopic" if outcome == "selected" else "idm:incorporatesTopic"
            r.add(r.last_workshop, prop, topic_ref(title), r.evidence(part, qs, qe))
