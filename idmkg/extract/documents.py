"""The note itself, read from its cover page and first paragraph: symbol, title, date and
place of issue, language, dialogue year, and the consultation it reports since."""
from __future__ import annotations

from ..dates import find_dates
from ..model import Ref
from ..parse import PREVIOUS_IC
from .common import Part, Reader, year_ref
from .meetings import declare_consultation



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
