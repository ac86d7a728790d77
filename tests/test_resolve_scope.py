"""The cross-note rules given only the facts they read (idmkg.extract.resolve_scope) give
what they give on every fact: the same facts in the same order, on corpora with cross-note
chains (training sets) and on a synthetic archive."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from idmkg.extract import NoteRules, chronological, combine, resolve_scope
from idmkg.extract.resolve import resolve
from idmkg.model import Fact, Ref
from idmkg.parse import parse_note
from idmkg.pipeline import extraction_labels, load_schema
from idmkg.resources import NOTES_DIR

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))


@pytest.fixture(scope="module")
def rules():
    return NoteRules(*extraction_labels(load_schema()))


def _read(rules, files):
    ordered = chronological([parse_note(f) for f in files])
    return ordered, [rules.read(n) for n in ordered]


def _corpora():
    yield "notes", sorted(NOTES_DIR.glob("*.txt"))
    for folder in sorted(DATA.glob("training*")) + [DATA / "unseen"]:
        yield folder.name, sorted(folder.glob("*.txt"))


@pytest.mark.parametrize("name,files", list(_corpora()), ids=lambda v: v if isinstance(v, str) else "")
def test_the_rules_on_the_facts_they_read_give_the_same_facts_in_the_same_order(rules, name, files):
    assert files
    ordered, per_note = _read(rules, files)
    full = combine(ordered, per_note)
    scoped = combine(ordered, per_note, resolve_scope.resolve_seen)
    assert scoped == full
    assert [f.rule for f in scoped] == [f.rule for f in full]
    # and the rules were spared something: inert facts exist and none of them is derived
    inert = resolve_scope.inert_test()
    assert inert is not None
    raw = [f for facts, _ in per_note for f in facts]
    assert any(inert(f) for f in raw) and not any(inert(f) for f in full if f.derived)


@pytest.mark.parametrize("name,files", list(_corpora()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_state_a_live_build_passes_through_gives_the_same_facts(rules, name, files):
    """The notes held after each add, notes added out of year order (newest first, then
    alternately from both ends): a note that decides an earlier proposal, reports held a
    workshop announced under another title, proposes an old candidate again or builds on an
    earlier theme changes what the rules conclude from the facts they are given."""
    order = list(range(len(files)))[::-1]
    order = [order[i // 2] if i % 2 == 0 else order[-1 - i // 2] for i in range(len(order))]
    for n in range(1, len(files) + 1):
        ordered, per_note = _read(rules, [files[i] for i in order[:n]])
        assert combine(ordered, per_note, resolve_scope.resolve_seen) == combine(ordered, per_note)


def test_a_synthetic_archive_gives_the_same_facts(rules, tmp_path):
    import synth_archive

    synth_archive.generate(40, 2, tmp_path)
    ordered, per_note = _read(rules, sorted(tmp_path.glob("*.txt")))
    assert combine(ordered, per_note, resolve_scope.resolve_seen) == combine(ordered, per_note)


def test_every_property_a_rule_names_is_given_to_the_rules():
    """The properties the rules name are found in their source (so a rule that reads one
    more is given its facts), and a fact of any of them is never passed around."""
    props, classes = resolve_scope.named_in_rules()
    for prop in ("idm:candidate", "idm:targetYear", "idm:title", "idm:status", "idm:startDate",
                 "idm:overarchingTheme", "idm:proposedIn", "idm:preparedFor", "idm:_coverTheme"):
        assert prop in props
    assert {"Proposal", "IntersessionalWorkshop"} <= classes
    inert = resolve_scope.inert_test()
    s = Ref("workshop", "2009-1")
    assert not inert(Fact(s, "idm:title", "A title"))
    assert not inert(Fact(s, "rdf:type", Ref("class", "IntersessionalWorkshop")))
    assert inert(Fact(s, "rdf:type", Ref("class", "Paragraph")))
    assert inert(Fact(s, "idm:discusses", Ref("concept", "labour-migration")))


def test_placeholders_are_replaced_by_the_runs_they_stand_for():
    s = Ref("workshop", "2009-1")
    facts = [Fact(s, "idm:discusses", Ref("concept", "a")), Fact(s, "idm:discusses", Ref("concept", "b")),
             Fact(s, "idm:title", "T"), Fact(s, "idm:symbol", "X"), Fact(s, "idm:title", "U")]
    seen, runs = resolve_scope.split(facts, resolve_scope.inert_test())
    assert [f.prop for f in seen] == [resolve_scope.GAP, "idm:title", resolve_scope.GAP, "idm:title"]
    assert resolve_scope.spliced(seen, runs) == facts
    assert resolve_scope.spliced(seen[1:], runs) is None        # a placeholder lost: not spliced
    assert resolve_scope.spliced(seen + seen[:1], runs) is None


@pytest.mark.parametrize("name,files", list(_corpora()), ids=lambda v: v if isinstance(v, str) else "")
def test_the_facts_kept_between_adds_give_the_same_facts_as_combining_them_again(rules, name, files):
    """One :class:`resolve_scope.Combined` taken through the states of a live build: notes
    added in the order they were written (appended), then the rest newest first (each one
    earlier than those held: everything put together again); after each, the facts, their
    order and their rules are those of :func:`combine` on the notes held."""
    ordered_all, _ = _read(rules, files)
    by_key = {n.key: f for n, f in zip(ordered_all, [n.source for n in ordered_all])}
    keys = [n.key for n in ordered_all]
    half = len(keys) // 2
    sequence = keys[:half] + keys[half:][::-1]
    kept = resolve_scope.Combined()
    appended = 0
    for n in range(1, len(sequence) + 1):
        ordered, per_note = _read(rules, [by_key[k] for k in sequence[:n]])
        held = list(kept.keys)
        kept.update([note.key for note in ordered], per_note)
        appended += [note.key for note in ordered][:len(held)] == held and len(held) > 0
        got, full = kept.resolved(), combine(ordered, per_note)
        assert got == full
        assert [f.rule for f in got] == [f.rule for f in full]
    assert appended >= half - 1  # the first half was appended note by note
