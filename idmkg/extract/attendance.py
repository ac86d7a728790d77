"""Attendance figures: "attended by more than 200 participants representing 69 governments",
"154 were government representatives from over 70 countries", "180 participants from 67
countries". The categories and their wordings come from the controlled vocabulary
(``ontology/vocab.ttl``, skos:hiddenLabel of each idm:AttendanceCategory); the figure belongs
to the meeting the note was last talking about."""
from __future__ import annotations

import re

from ..model import Ref
from .common import Part, Reader, sentences

TRIGGER = re.compile(r"\b(attended|attendance|brought together|participants|delegates|took part|participated|"
                     r"were government|were from|of whom|among them|representing)\b", re.IGNORECASE)
#: a lower bound ("more than 200") sets idm:atLeast; an approximation ("some 300") does not
LOWER_BOUND = re.compile(r"more than|over|at least|upwards of|in excess of", re.IGNORECASE)
QUALIFIER = (r"(?:(?P<q>more than|over|at least|upwards of|in excess of|some|about|approximately|around|nearly|"
             r"almost|roughly|close to|an estimated)\s+)?")


def figure_pattern(labels: dict[str, list[str]]) -> re.Pattern:
    """One pattern for every category wording, longest first so the most specific wins."""
    alternatives = sorted(((lab, key) for key, labs in labels.items() for lab in labs), key=lambda x: -len(x[0]))
    groups = "|".join(re.escape(lab) for lab, _ in alternatives)
    return re.compile(QUALIFIER + r"(?P<n>\d[\d,]*)\s+(?:were\s+(?:from\s+)?)?" + QUALIFIER.replace("q>", "q2>")
                      + r"(?P<label>" + groups + r")\b", re.IGNORECASE)


def read(r: Reader, part: Part, categories: dict[str, list[str]], pattern: re.Pattern) -> None:
    if not part.id.startswith("p/") or r.last_meeting is None:
        return
    by_label = {lab.lower(): key for key, labs in categories.items() for lab in labs}
    text = part.text
    for s, e in sentences(text):
        if not TRIGGER.search(text[s:e]):
            continue
        for m in pattern.finditer(text, s, e):
            category = by_label[m.group("label").lower()]
            meeting = r.last_meeting
            ref = Ref("attendance", f"{meeting.kind}/{meeting.key}/{category}")
            ev = r.evidence(part, m.start(), m.end())
            r.add(ref, "rdf:type", Ref("class", "AttendanceFigure"), ev)
            r.add(ref, "idm:attendanceOf", meeting, ev)
            r.add(ref, "idm:category", Ref("category", category), ev)
            r.add(ref, "idm:count", int(m.group("n").replace(",", "")), ev)
            qualifier = m.group("q") or m.group("q2") or ""
            r.add(ref, "idm:atLeast", bool(LOWER_BOUND.fullmatch(qualifier)), ev)
