"""A note added to a live build can change what the cross-note rules concluded from the notes
held before it: decide an earlier note's proposal, report held a workshop another note
announced (under another title), propose again an old candidate, give a year's theme.
Notes added out of year order, one at a time: after each, the live build equals a full build
of the same notes, and the run is checked to have exercised those dependencies (so the
test fails, rather than passing vacuously, if the archive stops exercising them)."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from idmkg.incremental import LiveBuild
from tests.helpers import corpus_of
from tests.test_incremental import assert_same_as_full

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

#: conclusions about a thing an earlier note named that a later-added note can change
CROSS_NOTE = ("idm:outcome", "idm:previousProposal", "idm:status", "idm:title", "skos:prefLabel",
              "skos:altLabel", "idm:onTopic", "idm:overarchingTheme", "idm:proposedAt")


def _derived(live: LiveBuild) -> set:
    return {f for f in live.facts if f.derived and f.prop in CROSS_NOTE}


def _subjects_named_by(live: LiveBuild, keys: set[str]) -> set:
    return {f.subject for f in live.facts if not f.derived and any(e.note in keys for e in f.evidence)}


def _grow(tmp_path, files, order) -> Counter:
    """Start with ``order[0]``, add the rest one at a time, compare with a full build after each
    add; returns, by property, how many derived conclusions about things earlier notes named
    an add made or unmade."""
    live = LiveBuild.start(corpus_of(tmp_path, [files[order[0]]], "start"))
    exercised: Counter = Counter()
    for step, i in enumerate(order[1:], start=1):
        before = _derived(live)
        earlier = _subjects_named_by(live, set(live.notes))
        live.add(files[i])
        for f in before ^ _derived(live):
            if f.subject in earlier:
                exercised[f.prop] += 1
        assert_same_as_full(live, corpus_of(tmp_path, [files[j] for j in order[:step + 1]], f"step{step}"))
    return exercised


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    import synth_archive

    folder = tmp_path_factory.mktemp("archive")
    synth_archive.generate(9, 3, folder)
    return sorted(folder.glob("*.txt"))


def test_notes_added_newest_first_settle_what_earlier_notes_left_open(tmp_path, archive):
    """Newest first: each added note is older than those held, and what they concluded
    (outcomes, titles, statuses) must be worked out again with it."""
    exercised = _grow(tmp_path, archive, list(range(len(archive)))[::-1])
    assert exercised["idm:title"] or exercised["skos:prefLabel"], exercised


def test_notes_added_oldest_first_decide_earlier_proposals_and_workshops(tmp_path, archive):
    """Oldest first (the usual case): later notes decide the proposals of earlier ones and
    report held the workshops they announced."""
    exercised = _grow(tmp_path, archive, list(range(len(archive))))
    assert exercised["idm:outcome"], exercised
    assert exercised["idm:status"], exercised


def test_notes_added_in_a_shuffled_order(tmp_path, archive):
    order = [4, 0, 7, 2, 8, 1, 6, 3, 5][:len(archive)]
    exercised = _grow(tmp_path, archive, order)
    assert sum(exercised.values()), exercised
