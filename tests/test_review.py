"""``idmkg review``: what was read from one note, paragraph by paragraph, and what looks
missed."""
from __future__ import annotations

import json
import re

import pytest

from idmkg.cli import main
from idmkg.review import PartReview, Signal, find_note, review_note, signals, to_html
from tests.helpers import one_line_error

NOTES = ["IC/2010/5", "IC/2009/10", "IC/2009/1", "idm-2008-after-2007-02-26", "idm-2009-after-2009-02-26"]


@pytest.fixture(scope="module")
def reviews():
    return {name: review_note(name) for name in NOTES}


@pytest.mark.parametrize("name", NOTES)
def test_every_fact_read_from_the_note_is_shown_at_its_words(reviews, facts, notes, name):
    review = reviews[name]
    key = find_note(notes, name).key
    expected = {(str(f.subject), f.prop, str(f.value)) for f in facts
                if any(e.note == key for e in f.evidence) and f.prop not in ("idm:discusses", "dcterms:subject")}
    shown = {(f.subject, f.prop, f.value) for p in review.parts for f in p.facts}
    assert shown == expected
    for part in review.parts:
        for fact in part.facts:
            assert fact.rule and "@" in fact.rule
            for start, end, quote in fact.spans:
                assert part.text[start:end] == quote


def test_the_five_notes_have_few_flagged_paragraphs(reviews):
    flagged = {name: [p.label for p in r.missed] for name, r in reviews.items()}
    assert sum(len(v) for v in flagged.values()) <= 3, flagged
    assert all(r.facts > 50 for r in reviews.values())


def test_signals_and_what_counts_as_missed():
    text = 'The third workshop, “Migration and the Labour Market”, met on 3 May 2011 with 140 participants.'
    kinds = {s.kind: s.text for s in signals(text, 2011)}
    assert kinds["date"] == "3 May 2011" and kinds["figure"] == "140"
    assert kinds["quoted title"] == "Migration and the Labour Market" and kinds["keyword"] in ("workshop", "participants")
    assert PartReview("p/1", "¶1", text, signals=signals(text, 2011)).missed
    scare = 'Some call it “one-size-fits-all” policy.'
    assert not [s for s in signals(scare, 2011) if s.kind == "quoted title"]
    only_keyword = PartReview("p/2", "¶2", "The theme matters.", signals=[Signal("keyword", "theme", 4, 9)])
    assert not only_keyword.missed


def test_html_review_marks_facts_and_is_self_contained(reviews):
    page = to_html(reviews["IC/2010/5"])
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    marks = re.findall(r'<mark id="[^"]+" class="fact">', page)
    assert len(marks) > 20
    assert '<article id="p-2"' in page


def test_cli_review(runner, tmp_path):
    result = runner.invoke(main, ["review", "IC/2010/5"])
    assert result.exit_code == 0, result.output
    assert "¶2" in result.output and "workshops/dates@" in result.output
    out = tmp_path / "review.html"
    result = runner.invoke(main, ["review", "002_5c41cb46aeb7a953.txt", "--html", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{"):])
    assert data["note"] == "IC-2010-5" and data["facts"] > 50
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_review_of_an_unknown_note(runner):
    one_line_error(runner.invoke(main, ["review", "IC/1999/1"]), "no note named 'IC/1999/1'", "IC/2010/5")
