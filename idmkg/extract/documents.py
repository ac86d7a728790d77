"""The note itself, read from its cover page and first paragraph: symbol, title, date and
place of issue, language, dialogue year, and the consultation it reports since."""
from __future__ import annotations

import re

from ..dates import find_dates
from ..model import Ref
from ..parse import PREVIOUS_IC
from .common import Part, Reader, sentences, year_ref
from .meetings import declare_consultation

#: a consultation the note's first paragraph says it reports on, other than "since ...": "reports on the choice
#: of the theme made at the informal consultations of 25 October 2005", "reviews ... the outcome of the informal
#: consultations of 15 October 2024", "gives an account of the consultations held on ..."
REPORTED_IC = re.compile(r"\b(?:informal\s+)?consultations,?\s+(?:(?:which\s+(?:were\s+)?|that\s+(?:were\s+)?)?"
                         r"(?:held|convened|took\s+place)\s+(?:in\s+Geneva\s+)?)?(?:of|on)\s+"
                         r"(?:[A-Z][a-z]+day,?\s+)?(?P<date>\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\b")
#: words by which the note says it looks back on what a consultation did (the sentence must have one before the date)
REPORTING = re.compile(r"\b(?:reports?\s+on|review(?:s|ed)?|looks?\s+back|(?:gives?|provides?)\s+an\s+account|recount\w*|"
                       r"summari[sz]\w*|takes?\s+stock|follows?\s+up|outcomes?|results?|conclusions?|decisions?|choice|"
                       r"(?:made|taken|reached|agreed)\s+at|following|further\s+to|subsequent\s+to|in\s+(?:the\s+)?light\s+of|"
                       r"as\s+(?:agreed|decided|requested)\s+at)\b", re.IGNORECASE)



def note_ref(key: str) -> Ref:
    return Ref("note", key)


def _find(r: Reader, part: Part, needle: str | None):
    if not needle:
        return None
    i = part.text.find(needle)
    return r.evidence(part, i, i + len(needle)) if i >= 0 else None


def read(r: Reader, part: Part) -> None:
    note, ref = r.note, note_ref(r.note.key)
    if part.id == "cover":
        title_ev = _find(r, part, note.title)
        if title_ev is None:
            return
        r.add(ref, "rdf:type", Ref("class", "DiscussionNote"), title_ev)
        r.add(ref, "idm:title", note.title + (f": {note.subtitle}" if note.subtitle else ""), title_ev)
        r.add(ref, "idm:concernsYear", year_ref(note.dialogue_year), title_ev)
        if (ev := _find(r, part, note.symbol)):
            r.add(ref, "idm:symbol", note.symbol, ev)
        if note.issued and note.place:
            for d in find_dates(part.text):
                if d.start == note.issued:
                    r.add(ref, "idm:issued", note.issued, r.evidence(part, d.text_start, d.text_end))
                    break
            if (ev := _find(r, part, f"{note.place},")):
                r.add(ref, "idm:placeOfIssue", note.place, r.evidence(part, ev.start, ev.end - 1))
        if note.language and (ev := _find(r, part, note.language)):
            r.add(ref, "idm:originalLanguage", note.language, ev)
        return
    if part.id == "p/1":
        # the same words the parser names the note by ("since the informal consultations of DATE",
        # "since the membership last met, on DATE", "The membership last met ... on DATE")
        m = PREVIOUS_IC.search(part.text)
        dates = find_dates(m.group(1), note.dialogue_year) if m else []
        if dates:
            d = dates[0]
            ev = r.evidence(part, m.start(1), m.end(1))
            r.add(ref, "idm:writtenAfter", declare_consultation(r, d.start, ev), ev)
        elif (reported := _reported_consultation(part.text, note.issued or note.consultation_date)):
            date, start, end = reported
            ev = r.evidence(part, start, end)
            r.add(ref, "idm:writtenAfter", declare_consultation(r, date, ev), ev)


def _reported_consultation(text: str, before):
    """The consultation a first paragraph without "since ..." says the note reports on ("reports on
    the choice ... made at the informal consultations of DATE"): one dated before the note was issued
    (not the one it is written for), in a sentence that looks back on it. None if there is none, or
    if the paragraph gives other past dates (which one the note follows is not said)."""
    if before is None:
        return None
    found = {}
    for s, e in sentences(text):
        for m in REPORTED_IC.finditer(text, s, e):
            dates = find_dates(m.group("date"))
            if dates and dates[0].start < before and REPORTING.search(text, s, m.start()):
                found.setdefault(dates[0].start, (m.start("date"), m.end("date")))
    past = {d.start for d in find_dates(text) if d.start < before}
    if len(found) != 1 or past != set(found):
        return None  # several consultations, or other past dates the note may be looking back on
    (date, (start, end)), = found.items()
    return date, start, end
