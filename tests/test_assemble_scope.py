"""The derived graph made from the facts it reads (idmkg.assemble.derived_inputs) is the one
made from every fact: same triples, same order, same labels made up."""
from __future__ import annotations

from pathlib import Path

import pytest

from idmkg.assemble import Assembly, Seen, derived_inputs, derived_triples, facts_by_note, note_triples, year_refs_of
from idmkg.extract import extract_facts
from idmkg.namespaces import DEFAULT_BASE
from idmkg.parse import parse_note
from idmkg.pipeline import extraction_labels, load_schema
from idmkg.resources import NOTES_DIR

DATA = Path(__file__).parent / "data"
CORPORA = [NOTES_DIR] + sorted(DATA.glob("training*")) + [DATA / "unseen"]


@pytest.fixture(scope="module")
def labels():
    return extraction_labels(load_schema())


def _derived(notes, facts, given):
    asm = Assembly(notes, DEFAULT_BASE)
    years = year_refs_of(facts)
    seen = Seen({asm.mint(y) for y in years})
    by_note = facts_by_note(facts)
    for note in notes:
        seen.see(note_triples(asm, note, by_note.get(note.key, ())))
    return derived_triples(asm, given, years, seen)


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_the_derived_graph_of_the_facts_it_reads_is_the_full_one(labels, corpus):
    notes = [parse_note(f) for f in sorted(corpus.glob("*.txt"))]
    facts = extract_facts(notes, *labels)
    inputs = derived_inputs(facts)
    assert len(inputs) < len(facts)
    assert _derived(notes, facts, inputs) == _derived(notes, facts, facts)
