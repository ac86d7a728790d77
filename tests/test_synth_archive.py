"""The synthetic archive generator (bench/synth_archive.py): deterministic, parseable, and the
extraction rules read back exactly the facts it plants."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import extraction_accuracy  # noqa: E402
import synth_archive  # noqa: E402

from idmkg import parse_note  # noqa: E402
from idmkg.extract.common import ordinal_from_words  # noqa: E402


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth12")
    synth_archive.generate(12, 3, out)
    return out


def test_same_seed_same_bytes(archive, tmp_path):
    again = tmp_path / "again"
    synth_archive.generate(12, 3, again)
    assert _bytes(archive) == _bytes(again)
    other = tmp_path / "other"
    synth_archive.generate(12, 4, other)
    assert _bytes(other) != _bytes(archive)


def test_every_note_parses_and_is_named_by_its_symbol(archive):
    notes = sorted(archive.glob("*.txt"))
    assert len(notes) == 12
    keys = set()
    for path in notes:
        note = parse_note(path)
        assert note.symbol and note.key == note.symbol.replace("/", "-")
        assert path.stem == note.key.lower()
        assert note.paragraphs and note.consultation_date and note.issued
        keys.add(note.key)
    assert len(keys) == 12


def test_extracted_facts_equal_planted(archive):
    report = extraction_accuracy.compare(archive)
    assert not report["rejected"]
    assert report["misses"] == [] and report["wrong"] == []
    assert report["total"]["precision"] == 1.0 and report["total"]["recall"] == 1.0
    # the archive exercises every kind of fact in scope
    kinds = set(report["kinds"])
    for kind in ("workshop.title", "workshop.altLabel", "workshop.announcedIn", "workshop.onTopic",
                 "proposal.previousProposal", "proposal.outcome", "year.overarchingTheme", "council.startDate",
                 "citation.citedParagraph", "attendance.count", "note.writtenAfter"):
        assert kind in kinds, kind


def test_council_ordinals_read_back():
    for n in range(1, 200):
        words = synth_archive.ordinal_words(n)
        if words is not None:
            assert ordinal_from_words(words) == n, words
