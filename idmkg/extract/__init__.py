"""Parsed notes -> facts with provenance.

Each rule module reads one kind of fact from the parts of a note (``read(reader, part)``);
:func:`extract_facts` runs them over every note in the order the notes were written, then
the cross-note rules of :mod:`.resolve`.
"""
from __future__ import annotations

import datetime as dt

from ..model import Fact, Note
from . import attendance, concepts, documents, meetings, references, surveys, themes, workshops
from .common import Reader, parts
from .concepts import ConceptMatcher
from .resolve import resolve


def chronological(notes: list[Note]) -> list[Note]:
    """Notes in the order they were written: dialogue year, then issue date, then the
    date of the last consultation they report since."""
    def when(n: Note) -> tuple:
        return (n.dialogue_year, n.issued or n.previous_consultation or dt.date.min, n.key)
    return sorted(notes, key=when)


def extract_facts(notes: list[Note], concept_labels: dict[str, list[str]],
                  attendance_labels: dict[str, list[str]]) -> list[Fact]:
    matcher = ConceptMatcher.from_labels(concept_labels)
    figure = attendance.figure_pattern(attendance_labels)
    ordered = chronological(notes)
    facts: list[Fact] = []
    sections: dict[tuple[str, str], tuple] = {}
    for note in ordered:
        r = Reader(note)
        heading = None
        for part in parts(note):
            if part.id.startswith("h/"):
                heading = part.id
            sections[(note.key, part.id)] = (part.text, heading if part.id.startswith("p/") else None)
            documents.read(r, part)
            meetings.read(r, part)
            workshops.read(r, part)
            attendance.read(r, part, attendance_labels, figure)
            themes.read(r, part)
            references.read(r, part)
            surveys.read(r, part)
            concepts.read(r, part, matcher)
        facts.extend(r.facts)
    facts = list(dict.fromkeys(facts))  # two rules reading the same words state the same fact once
    return resolve(facts, {n.key: i for i, n in enumerate(ordered)}, sections)
