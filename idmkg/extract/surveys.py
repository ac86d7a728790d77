"""Survey figures: participant satisfaction surveys reported in a note's annex, e.g.
"GENERAL APPRECIATION: 100% OVERALL SATISFACTION", "understanding of the issues (88%)",
"60 per cent satisfaction rates", "The response rate was 23 per cent (43/190)".

The survey belongs to the workshop its annex (or the annex's footnote) names: "the second
IDM intersessional workshop for 2009"."""
from __future__ import annotations

import re
from decimal import Decimal

from ..model import Ref
from .common import Part, Reader, slug
from .workshops import MENTION, mention_ordinal, workshop_ref

#: (pattern, how to name the measure from the match); the pattern has groups pct and measure
FIGURES = [
    (re.compile(r"^(?P<section>[A-Z][A-Z ,]+):\s+(?P<pct>\d{1,3})%\s+(?P<measure>[A-Z][A-Z ]+)$", re.M),
     lambda m: f"{m.group('measure').lower()} ({m.group('section').lower()})"),
    (re.compile(r"(?:helped|contributed to)\s+(?P<measure>[^(),]+?)\s+\((?P<pct>\d{1,3})%\)"),
     lambda m: m.group("measure")),
    (re.compile(r"(?P<pct>\d{1,3}) per cent (?:of participants )?(?P<measure>(?:were|expressed|confirmed|questioned|"
                r"left|satisfaction)[^.;,]*?)(?=\s+and\s+\d|[.;,]|$)", re.M),
     lambda m: m.group("measure")),
]
RESPONSE_RATE = re.compile(r"response rate was (?P<pct>\d{1,3}) per cent \((?P<n>\d+)/(?P<of>\d+)\)")
SIDE_EVENT = re.compile(r"\bThe side event attracted\b")


def _surveyed_meeting(r: Reader) -> Ref | None:
    for fn in r.note.annex_footnotes:
        m = MENTION.search(fn.text)
        if m and m.group("year") and mention_ordinal(m):
            return workshop_ref(int(m.group("year")), mention_ordinal(m))
    return None


def _result(r: Reader, meeting: Ref, measure: str, ev) -> Ref:
    ref = Ref("survey", f"{meeting.kind}/{meeting.key}/{slug(measure, 60)}")
    r.add(ref, "rdf:type", Ref("class", "SurveyResult"), ev)
    r.add(ref, "idm:surveyOf", meeting, ev)
    r.add(ref, "idm:measure", measure, ev)
    return ref


def read(r: Reader, part: Part) -> None:
    if not (part.id == "annex" or (part.id.startswith("fn/") and part.paragraph is None)):
        return
    meeting = _surveyed_meeting(r)
    if meeting is None:
        return
    text = part.text
    m = RESPONSE_RATE.search(text)
    if m:
        ev = r.evidence(part, m.start(), m.end())
        ref = _result(r, meeting, "response rate", ev)
        r.add(ref, "idm:percentage", Decimal(m.group("pct")), r.evidence(part, m.start("pct"), m.end("pct")))
        r.add(ref, "idm:respondents", int(m.group("n")), r.evidence(part, m.start("n"), m.end("n")))
        r.add(ref, "idm:surveyed", int(m.group("of")), r.evidence(part, m.start("of"), m.end("of")))
    if part.id != "annex":
        return
    taken: list[tuple[int, int]] = []
    for pattern, name in FIGURES:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            measure = name(m).strip()
            line_start = text.rfind("\n", 0, m.start()) + 1
            if SIDE_EVENT.search(text, line_start, m.start() + 1):
                measure = f"side event: {measure}"
            ref = _result(r, meeting, measure, r.evidence(part, m.start(), m.end()))
            r.add(ref, "idm:percentage", Decimal(m.group("pct")), r.evidence(part, m.start("pct"), m.end("pct")))
