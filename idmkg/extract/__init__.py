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


#: what one note yields before the cross-note rules: its facts in the order the rules read
#: them, and its parts by (note key, part id) -> (text, heading above a paragraph or None)
Sections = dict[tuple[str, str], tuple]


def read_note(note: Note, matcher: ConceptMatcher, attendance_labels: dict[str, list[str]],
              figure) -> tuple[list[Fact], Sections]:
    """Every per-note rule over every part of one note: its raw facts (before the cross-note
    rules) and its sections. Depends on nothing but the note and the labels, so it can run in
    any process and be cached (:mod:`.batch`)."""
    r = Reader(note)
    sections: Sections = {}
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
    return r.facts, sections


class NoteRules:
    """The per-note rules with the patterns they compile from the labels (the concept
    matcher, the attendance figure), made once and used for any number of notes."""

    def __init__(self, concept_labels: dict[str, list[str]], attendance_labels: dict[str, list[str]]):
        self.matcher = ConceptMatcher.from_labels(concept_labels)
        self.attendance = attendance_labels
        self.figure = attendance.figure_pattern(attendance_labels)

    def read(self, note: Note) -> tuple[list[Fact], Sections]:
        """:func:`read_note` with these patterns."""
        return read_note(note, self.matcher, self.attendance, self.figure)


def combine(ordered: list[Note], per_note: list[tuple[list[Fact], Sections]], rules=resolve) -> list[Fact]:
    """The raw facts of each note (``per_note``, in the order of ``ordered``, the notes in
    the order they were written) put together and passed through the cross-note rules
    (``rules``: :func:`.resolve.resolve`, or a function giving the same facts)."""
    facts: list[Fact] = []
    sections: Sections = {}
    for note_facts, note_sections in per_note:
        facts.extend(note_facts)
        sections.update(note_sections)
    facts = list(dict.fromkeys(facts))  # two rules reading the same words state the same fact once
    return rules(facts, {n.key: i for i, n in enumerate(ordered)}, sections)


def extract_facts(notes: list[Note], concept_labels: dict[str, list[str]],
                  attendance_labels: dict[str, list[str]]) -> list[Fact]:
    """The facts of ``notes``, one note after another in one process (for many notes, with
    a pool and a cache: :func:`idmkg.extract.batch.extract_corpus`)."""
    rules = NoteRules(concept_labels, attendance_labels)
    ordered = chronological(notes)
    return combine(ordered, [rules.read(note) for note in ordered])
