"""The concept matcher's anchor pre-filter (a speed-up) finds exactly what the patterns
alone find: on every paragraph of the notes and on generated text mixing label words,
case changes, hyphens and the non-ASCII letters that IGNORECASE folds to ASCII."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from idmkg import resources
from idmkg.extract.concepts import ConceptMatcher
from idmkg.parse import parse_corpus
from idmkg.pipeline import extraction_labels, load_schema

LABELS = extraction_labels(load_schema())[0]
FAST = ConceptMatcher.from_labels(LABELS)
PLAIN = ConceptMatcher(FAST.patterns)  # no anchors: every pattern runs
WORDS = sorted({w for ws in LABELS.values() for label in ws for w in label.split()})


def spans(found):
    return [(key, [m.span() for m in hits]) for key, hits in found]


def test_every_concept_has_anchors():
    assert len(FAST.anchors) == len(FAST.patterns) == len(LABELS)


def test_same_hits_on_the_notes():
    texts = [p.text for n in parse_corpus(resources.NOTES_DIR) for p in n.paragraphs]
    assert len(texts) > 50
    found = [spans(FAST.find(t)) for t in texts]
    assert found == [spans(PLAIN.find(t)) for t in texts]
    assert sum(len(f) for f in found) > 100


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from([" ", "-", ", ", "\u0130", "\u0131", "\u017f",
                                                                  "\u212a", "S", "MIGRATION", "é"])),
                max_size=25),
       st.sampled_from([str, str.upper, str.title, str.lower]))
def test_same_hits_on_generated_text(pieces, case):
    text = case(" ".join(pieces))
    assert spans(FAST.find(text)) == spans(PLAIN.find(text))
