"""Tests of idmkg.parse: the formatting quirks of the five vendored notes, each checked on
the real notes and on a tiny synthetic text, bad input, and property tests."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from idmkg.errors import IdmkgError, NoteError
from idmkg.parse import parse_corpus, parse_note, parse_text

NOTES = Path(__file__).resolve().parents[1] / "notes"

EXPECTED_COUNTS = {
    "IC-2009-1": 12,
    "IC-2009-10": 16,
    "IC-2010-5": 14,
    "idm-2008-after-2007-02-26": 19,
    "idm-2009-after-2009-02-26": 17,
}

FAST = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TITLE = "INTERNATIONAL DIALOGUE ON MIGRATION 2009"
# A line over 300 characters makes a text the one-paragraph-per-line (markdown) layout.
LONG = "This long opening sentence is filler that makes the text one paragraph per line. " * 5
assert len(LONG) > 300


@pytest.fixture(scope="module")
def corpus() -> dict:
    notes = parse_corpus(NOTES)
    return {n.key: n for n in notes}


@pytest.fixture(scope="module")
def corpus_list() -> list:
    return parse_corpus(NOTES)


def all_items(note):
    return [i for p in note.paragraphs for i in p.items]


def all_text(note) -> str:
    """Every text the parsed note keeps (paragraphs, items, headings, footnotes, annex)."""
    parts = [note.title, note.subtitle or "", note.annex]
    for p in note.paragraphs:
        parts += [p.text, p.heading or ""]
        parts += [i.text for i in p.items]
        parts += [f.text for f in p.footnotes]
    parts += [f.text for f in note.annex_footnotes]
    return "\n".join(parts)


# ---------------------------------------------------------------------------
# corpus-wide structure
# ---------------------------------------------------------------------------

def test_corpus_keys_and_paragraph_counts(corpus):
    assert {k: len(n.paragraphs) for k, n in corpus.items()} == EXPECTED_COUNTS


def test_corpus_sorted_by_key_not_file_name(corpus_list):
    keys = [n.key for n in corpus_list]
    assert keys == sorted(keys)
    assert [n.source.name for n in corpus_list] != sorted(n.source.name for n in corpus_list)


@pytest.mark.parametrize("key", sorted(EXPECTED_COUNTS))
def test_paragraph_numbers_consecutive(corpus, key):
    note = corpus[key]
    assert [p.number for p in note.paragraphs] == list(range(1, EXPECTED_COUNTS[key] + 1))
    lines = [p.line for p in note.paragraphs]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    src = note.source.read_text(encoding="utf-8").split("\n")
    for p in note.paragraphs:
        assert re.match(rf"\s*{p.number}\.(\s|$)", src[p.line - 1]), (p.number, src[p.line - 1])


@pytest.mark.parametrize("key", sorted(EXPECTED_COUNTS))
def test_item_offsets(corpus, key):
    note = corpus[key]
    for p in note.paragraphs:
        for item in p.items:
            assert p.text[item.start:item.end] == item.text, (p.number, item.label)
            assert "\n" not in item.text
        starts = [i.start for i in p.items]
        assert starts == sorted(starts)


@pytest.mark.parametrize("key", sorted(EXPECTED_COUNTS))
def test_no_markup_left_in_text(corpus, key):
    for p in corpus[key].paragraphs:
        for text in [p.text, p.heading or "", *(f.text for f in p.footnotes)]:
            assert "**" not in text and "<sup>" not in text and "</sup>" not in text
            assert not re.search("[⁰¹²³⁴⁵⁶⁷⁸⁹]", text)
            assert not re.search(r"^#|\s#", text)
            assert "  " not in text.replace("\n  o", "")
            assert text == text.strip()


@pytest.mark.parametrize("key", sorted(EXPECTED_COUNTS))
def test_source_and_hash(corpus, key):
    note = corpus[key]
    assert note.source.parent == NOTES
    assert note.sha256 == hashlib.sha256(note.source.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------
# Nothing lost
# ---------------------------------------------------------------------------

_MARKERS = re.compile(r"<sup>\d{1,2}</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_WORD = re.compile(r"\w{4,}")
# Words printed only on the cover page (letterhead, "Original:" label). They are not kept
# by the parser (it keeps title, subtitle, symbol, place, language and dates instead).
COVER_ONLY = {
    "organisation", "internationale", "pour", "migrations",  # French letterhead
    "organización", "internacional", "para", "migraciones",  # Spanish letterhead
    "organization",  # "IOM International Organization for Migration" letterhead
    "original",  # "Original: English"
}


def words(text: str) -> set[str]:
    """\\w{4,} tokens, case-folded; footnote markers (<sup>1</sup>, ¹, glued 'Strategy3') removed."""
    text = _MARKERS.sub(" ", text)
    return {re.sub(r"(?<=[^\W\d_])\d{1,2}$", "", w).casefold() for w in _WORD.findall(text)}


@pytest.mark.parametrize("key", sorted(EXPECTED_COUNTS))
def test_nothing_lost(corpus, key):
    note = corpus[key]
    source = note.source.read_text(encoding="utf-8")
    kept = all_text(note)
    meta = [note.symbol or "", note.place or "", note.language or ""]
    meta += [f"{d:%d %B %Y}" for d in (note.issued, note.consultation_date) if d]
    missing = words(source) - words(kept + "\n" + "\n".join(meta))
    assert missing <= COVER_ONLY, sorted(missing - COVER_ONLY)
    # the exemptions really are cover-page words of this note
    cover = "\n".join(source.split("\n")[: note.paragraphs[0].line - 1])
    assert missing <= words(cover)


def test_nothing_lost_detects_a_dropped_word(corpus):
    """The check above is not vacuous: dropping a paragraph is noticed."""
    note = corpus["IC-2010-5"]
    kept = all_text(note).replace(note.paragraph(11).text, "")
    assert "unifying" in words(note.source.read_text(encoding="utf-8")) - words(kept)


# ---------------------------------------------------------------------------
# Headings: markdown-like (#, ###, **bold**, *italic*), plain lines, hidden in wrapped text
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("key,number,heading", [
    ("IC-2009-10", 1, None),
    ("IC-2009-10", 2, "IDM 2009: Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration"),
    ("IC-2009-10", 7, "Ninety-eighth Session of the Council"),
    ("IC-2009-10", 8, "IDM 2010: Migration and Social Change"),
    ("IC-2009-10", 9, "A. Social change as a driver of migration"),
    ("IC-2009-10", 10, "A. Social change as a driver of migration"),
    ("IC-2009-10", 11, "B. Migration and transnationalism: opportunities and challenges"),
    ("IC-2009-10", 16, "D. Changing cities: social impacts of migration"),
    ("IC-2009-1", 1, None),
    ("IC-2009-1", 2, "IDM 2008: Lessons learned on Return Migration"),
    ("IC-2009-1", 6, "First Workshop: Effective Respect for the Human Rights of Migrants: "
                     "A Shared Responsibility (25-26 March, 2009)"),
    ("IC-2009-1", 12, "Funding approach"),
    ("IC-2010-5", 9, "First proposal: The future of migration: Building capacities for change"),
    ("IC-2010-5", 11, "Second proposal: Migration and human security"),
    ("idm-2009-after-2009-02-26", 1, None),
    ("idm-2009-after-2009-02-26", 2, "IDM 2009: Human Rights and Migration: Working Together for Safe, "
                                     "Dignified and Secure Migration"),
    ("idm-2009-after-2009-02-26", 8, "IDM 2010"),
    ("idm-2009-after-2009-02-26", 9, "(a) South-South Migration"),
    ("idm-2009-after-2009-02-26", 13, "(b) Migration and Social Change"),
    ("idm-2008-after-2007-02-26", 2, None),
    ("idm-2008-after-2007-02-26", 8, "IDM 2008: Return Migration: Challenges and Opportunities"),
    ("idm-2008-after-2007-02-26", 13, "IDM 2009"),
    ("idm-2008-after-2007-02-26", 14, "(a) Human Rights and Migration: Working together for safe, "
                                      "dignified and secure migration"),
    ("idm-2008-after-2007-02-26", 16, "(b) South-South Migration"),
])
def test_headings_on_corpus(corpus, key, number, heading):
    assert corpus[key].paragraph(number).heading == heading


@pytest.mark.parametrize("key,number,ending", [
    # the heading lines printed after the paragraph's last sentence are not its text
    ("idm-2009-after-2009-02-26", 1, "for consideration by the membership."),
    ("idm-2009-after-2009-02-26", 7, "or other input by the membership."),
    ("idm-2009-after-2009-02-26", 8, "This dimension will be integrated into whichever theme is selected."),
    ("idm-2009-after-2009-02-26", 12, "and other mechanisms."),
    ("idm-2008-after-2007-02-26", 2, "Human Security Network in cooperation with IOM."),
    ("idm-2008-after-2007-02-26", 7, "will also soon be available on the IOM website."),
    ("idm-2008-after-2007-02-26", 12, "IOM Strategy (MC/INF/287)."),
    ("idm-2008-after-2007-02-26", 13, "the IOM Strategy adopted by the IOM Council."),
    ("IC-2009-10", 6, "in the annex to this discussion note."),
])
def test_hidden_headings_not_in_paragraph_text(corpus, key, number, ending):
    assert corpus[key].paragraph(number).text.endswith(ending)


def test_headings_in_lines_layout_synthetic():
    text = f"""{TITLE}
IC/2009/7

1. {LONG}

# Hash Heading

2. Under a one-hash heading.

### **Bold Heading Three**

3. Under a bold level-three heading.

*A. Italic heading*

4. Under an italic heading.

Plain Heading Line

5. Under a plain heading, with **bold** and *italic* words.

6. Same heading still.
"""
    note = parse_text(text)
    assert [p.heading for p in note.paragraphs] == [
        None, "Hash Heading", "Bold Heading Three", "A. Italic heading",
        "Plain Heading Line", "Plain Heading Line"]
    assert note.paragraph(5).text == "Under a plain heading, with bold and italic words."


def test_markdown_title_heading_before_paragraph_one():
    text = f"## {TITLE}\n\n### *“A Subtitle”*\n\n**IC/2009/7**\n\n1. {LONG}\n"
    note = parse_text(text)
    assert note.title == TITLE and note.dialogue_year == 2009
    assert note.subtitle == "A Subtitle"
    assert note.symbol == "IC/2009/7" and note.paragraph(1).heading is None


def test_hidden_headings_in_wrapped_synthetic():
    text = f"""{TITLE}
IC/2009/7
1. The first paragraph is wrapped
over two lines.
IDM 2010
2. The second paragraph ends here.
(a)

South-South
Migration

3. Third paragraph.
4. Fourth paragraph.
"""
    note = parse_text(text)
    assert [p.heading for p in note.paragraphs] == [None, "IDM 2010", "(a) South-South Migration",
                                                    "(a) South-South Migration"]
    assert note.paragraph(1).text == "The first paragraph is wrapped over two lines."
    assert note.paragraph(2).text == "The second paragraph ends here."


@pytest.mark.parametrize("marker, heading", [("(a)", "(a) South-South Migration"), ("(1)", "(1) South-South Migration"),
                                             # not a list letter: the lines stay text of paragraph 2
                                             ("Annex A", None)])
def test_lettered_heading_after_a_lead_ending_in_a_colon_in_wrapped_text(marker, heading):
    text = f"""{TITLE}
IC/2009/7
1. The first paragraph is wrapped
over two lines.
2. The Administration submits the following topics
for consideration:
{marker}

South-South
Migration

3. Third paragraph.
"""
    note = parse_text(text)
    assert note.paragraph(3).heading == heading
    lead = "The Administration submits the following topics for consideration:"
    assert note.paragraph(2).text == (lead if heading else lead + f" {marker} South-South Migration")


# ---------------------------------------------------------------------------
# Wrapped PDF text: lines rejoined, line-end hyphens of compounds kept
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("number,phrase", [
    (4, "The principle of non-discrimination is paramount in this regard."),
    (6, "as well as many non-governmental partners, such as recruitment agencies"),
    (12, "Of particular importance is South-South migration and its connection with development."),
    (12, "The need for capacity-building in respect of the legal, institutional"),
    (2, "took place in Geneva on 25 and 26 March 2009 and discussed “Effective Respect for the Human "
        "Rights of Migrants: A Shared Responsibility”."),
])
def test_wrapped_lines_rejoined_with_compound_hyphens(corpus, number, phrase):
    assert phrase in corpus["idm-2009-after-2009-02-26"].paragraph(number).text


def test_wrapped_paragraphs_are_one_line(corpus):
    for key in ("idm-2009-after-2009-02-26", "idm-2008-after-2007-02-26"):
        for p in corpus[key].paragraphs:
            lead = p.text.split("\n")[0]
            assert p.text.count("\n") == len(p.items)
            assert lead and not lead.endswith("-")


def test_wrapped_rejoin_synthetic():
    text = f"""{TITLE}
IC/2009/7
1. A paragraph on non-
discrimination and South-
South migration and capacity-
building, broken
over   several
lines.
"""
    assert parse_text(text).paragraph(1).text == (
        "A paragraph on non-discrimination and South-South migration and capacity-building, "
        "broken over several lines.")


def test_lines_layout_paragraph_continued_after_blank_line(corpus):
    assert "while financial remittances are now widely recognized as a product of migration, social" \
        in corpus["IC-2009-10"].paragraph(13).text
    assert "regional and international). For example, national policies and regional mechanisms " \
        "relating to migration" in corpus["IC-2009-1"].paragraph(3).items[7].text
    assert "encourages donors to support the IDM annual programme as a whole, it also" \
        in corpus["IC-2009-1"].paragraph(12).text
    assert "a range of legal, policy and programmatic responses." in corpus["IC-2009-1"].paragraph(8).text


# ---------------------------------------------------------------------------
# Paragraph numbers alone on their own line
# ---------------------------------------------------------------------------

def test_numbers_alone_on_a_line(corpus):
    note = corpus["idm-2008-after-2007-02-26"]
    assert len(note.paragraphs) == 19
    assert note.paragraph(1).line == 2
    assert note.paragraph(1).text.startswith("This Discussion Note provides an update on International "
                                             "Dialogue on Migration (IDM) activities in 2008")
    assert note.paragraph(8).text.startswith("“Return Migration: Challenges and Opportunities” is the")
    # mixed with numbers followed by text on the same line
    assert note.paragraph(10).text.startswith("The second intersessional workshop will address")
    assert note.paragraph(19).text.endswith("themes that the membership selects.")


def test_numbers_alone_synthetic():
    text = f"{TITLE}\nIC/2009/7\n1.\nFirst paragraph\ntext.\n2.\nSecond.\n 3. Third on the same line.\n4.\n\nFourth.\n"
    note = parse_text(text)
    assert [(p.number, p.text, p.line) for p in note.paragraphs] == [
        (1, "First paragraph text.", 3), (2, "Second.", 6), (3, "Third on the same line.", 8),
        (4, "Fourth.", 9)]


def test_out_of_sequence_number_is_text():
    text = f"{TITLE}\nIC/2009/7\n1. First paragraph cites\n3. which is not paragraph 3.\n2. Second.\n"
    note = parse_text(text)
    assert [p.text for p in note.paragraphs] == ["First paragraph cites 3. which is not paragraph 3.",
                                                 "Second."]


# ---------------------------------------------------------------------------
# Bullets: lone "•" and sub-bullets "o"
# ---------------------------------------------------------------------------

def test_bullets_on_corpus(corpus):
    note = corpus["idm-2008-after-2007-02-26"]
    p6 = note.paragraph(6)
    assert [(i.label, i.level) for i in p6.items] == [("•", 1)] * 3 + [("o", 2)] * 3 + [("•", 1)] * 4
    assert p6.items[0].text == ("Strengthen interstate and multi-stakeholder cooperation at all levels to "
                                "address the interlinkages between climate change, environmental "
                                "degradation and migration.")
    assert p6.items[2].text.endswith("improve the understanding of:")
    assert p6.items[4].text.startswith("the patterns of climate change induced migration")  # " o" line
    assert p6.items[5].text.endswith("disaggregating the push factors of migration.")
    assert p6.items[6].text == "Address in a concerted manner the definitional issues."
    assert p6.text.startswith("Participants discussed the following ideas and action points to move "
                              "the agenda forward:\n• Strengthen")
    assert "\n  o the links between" in p6.text
    for number in (15, 18):
        items = note.paragraph(number).items
        assert len(items) == 10 and all(i.label == "•" and i.level == 1 for i in items)
    assert note.paragraph(15).items[0].text.startswith("In what ways can protection")
    # the bullet printed after footnote 3 with a leading space
    assert note.paragraph(15).items[0].text.endswith("stranded in transit or at destination?")
    assert note.paragraph(18).items[-1].text.endswith("policy-oriented research on south-south migration?")
    assert all(not p.items for p in note.paragraphs if p.number not in (6, 15, 18))


def test_bullets_synthetic():
    text = f"""{TITLE}
IC/2009/7
1.
Participants discussed:
•

First bullet
continued.

•

Second bullet:
o

sub one;
 o

sub two.

•

Third bullet.
2.
Next paragraph.
"""
    p = parse_text(text).paragraph(1)
    assert [(i.label, i.level, i.text) for i in p.items] == [
        ("•", 1, "First bullet continued."), ("•", 1, "Second bullet:"),
        ("o", 2, "sub one;"), ("o", 2, "sub two."), ("•", 1, "Third bullet.")]
    assert p.text == ("Participants discussed:\n• First bullet continued.\n• Second bullet:\n"
                      "  o sub one;\n  o sub two.\n• Third bullet.")
    for i in p.items:
        assert p.text[i.start:i.end] == i.text


# ---------------------------------------------------------------------------
# Lettered items "- (a) ..." and an item continued after a footnote block
# ---------------------------------------------------------------------------

def test_lettered_items_on_corpus(corpus):
    p3 = corpus["IC-2009-1"].paragraph(3)
    assert [i.label for i in p3.items] == list("abcdefghijk")
    assert all(i.level == 1 for i in p3.items)
    assert p3.text.startswith("With reference to the overarching theme of the IDM 2008")
    assert "\n(a) Return migration is neither a secondary nor ancillary phenomenon" in p3.text
    b = p3.items[1].text
    assert b.startswith("Most returns are “spontaneous”")
    assert b.endswith("better plan for return and its impact. To do so, migration management can factor "
                      "in the possibility of return at all stages of the migration process.")
    assert p3.items[2].text.startswith("Including return migration in an overall comprehensive")
    assert not any(i.text.startswith(("- ", "(", "impact")) for i in p3.items)
    p7 = corpus["IC-2009-10"].paragraph(7)
    assert [i.label for i in p7.items] == list("abcde")
    assert p7.items[0].text == "a keynote address on Migration, Human Rights and the Economic Crisis (23 November);"
    assert p7.text.startswith("Highlights of the Ninety-eighth Session of the Council (23-26 November 2009) "
                              "will include the following:\n(a) a keynote")


def test_lettered_items_and_continuation_synthetic():
    text = f"""{TITLE}
IC/2009/7

1. {LONG}

2. The principles are:

- (a) **First principle** is short.
- (b) Second principle runs on to a page break and its

¹ A footnote printed at the page foot.

- impact.** To do so, it goes on.
- (c) Third principle.
- Plain bullet one;
- plain bullet two;
- plain bullet three.

3. Next.
"""
    p = parse_text(text).paragraph(2)
    assert [(i.label, i.text) for i in p.items] == [
        ("a", "First principle is short."),
        ("b", "Second principle runs on to a page break and its impact. To do so, it goes on."),
        ("c", "Third principle."),
        ("•", "Plain bullet one;"), ("•", "plain bullet two;"), ("•", "plain bullet three."),
    ]
    assert [f.text for f in p.footnotes] == ["A footnote printed at the page foot."]
    for i in p.items:
        assert p.text[i.start:i.end] == i.text


def test_plain_bullets_without_sentence_end_are_separate_items():
    """Regression: "- x;" bullets used to be glued into one item (continuation heuristic)."""
    text = f"{TITLE}\nIC/2009/7\n\n1. {LONG}\n\n2. List:\n\n- alpha;\n- beta\n- gamma.\n"
    assert [i.text for i in parse_text(text).paragraph(2).items] == ["alpha;", "beta", "gamma."]


# ---------------------------------------------------------------------------
# Footnotes: attached by marker; markers and footnote text removed from paragraph text
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("key,owners", [
    ("IC-2009-1", {1: 1, 2: 2, 3: 2}),
    ("IC-2009-10", {1: 2}),
    ("IC-2010-5", {1: 2, 2: 7}),
    ("idm-2008-after-2007-02-26", {1: 6, 2: 7, 3: 12}),
    ("idm-2009-after-2009-02-26", {1: 2, 2: 7}),
])
def test_footnote_owners(corpus, key, owners):
    note = corpus[key]
    got = {f.number: p.number for p in note.paragraphs for f in p.footnotes}
    assert got == owners
    numbers = sorted([*got, *(f.number for f in note.annex_footnotes)])
    assert numbers == list(range(1, len(numbers) + 1))
    src = note.source.read_text(encoding="utf-8").translate(str.maketrans("¹²³", "123")).split("\n")
    for p in note.paragraphs:
        for f in p.footnotes:
            # a block of lone numbers ("1", "", "2") is dated by its first line
            assert any(str(f.number) in line for line in src[f.line - 1:f.line + 2])
            assert f.text and f.text not in p.text


def test_footnotes_printed_inside_another_paragraph(corpus):
    note = corpus["idm-2008-after-2007-02-26"]
    fn = {f.number: f for p in note.paragraphs for f in p.footnotes}
    assert fn[1].text.startswith("IOM’s working definition refers to “environmental migrants”")
    assert fn[1].text.endswith("who move either within their country or abroad”.")
    assert fn[2].text == ("To access the seminar materials, please use the following direct link: "
                          "http://www.iom.int/hsnconference")
    assert fn[3].text.startswith("Point 10 of the IOM Strategy states: ‘To undertake programmes")
    assert fn[1].line == 116 and 116 <= fn[2].line <= 124  # printed in paragraph 10
    p10 = note.paragraph(10)
    assert not p10.footnotes
    assert "working definition" not in p10.text and "seminar materials" not in p10.text
    assert p10.text.endswith("will also incorporate elements of a fourth topic offered by the "
                             "Administration, i.e. “Managing return: making temporary and circular "
                             "labour migration schemes feasible”.")
    assert "Point 10 of the IOM Strategy states" not in note.paragraph(15).text


@pytest.mark.parametrize("key,number,phrase", [
    # glued markers ("media.1", "issues.1", "website.2", "Strategy3")
    ("idm-2009-after-2009-02-26", 2, "academia and the media."),
    ("idm-2009-after-2009-02-26", 7, "fallen victim to exploitation and abuse. Planning for this"),
    ("idm-2008-after-2007-02-26", 6, "\n• Address in a concerted manner the definitional issues.\n"),
    ("idm-2008-after-2007-02-26", 7, "are available on the IOM website. A comprehensive report"),
    ("idm-2008-after-2007-02-26", 12, "implementation of Point 10 of the IOM Strategy (MC/INF/287)."),
    # superscript markers
    ("IC-2009-1", 1, "In view of the mandate in the IOM Constitution and activity 7"),
    ("IC-2009-1", 2, "(7-8 July). High-level panel discussions were held in the framework of the IDM "
                     "during the 96th Council Session on Return Migration"),
    ("IC-2010-5", 2, "academia and the media."),
    ("IC-2010-5", 7, "will be held in Geneva on 19 and 20 July 2010. While the first"),
    # <sup>1</sup> markers
    ("IC-2009-10", 2, "academia and the media. The panellists and participants"),
])
def test_markers_removed(corpus, key, number, phrase):
    text = corpus[key].paragraph(number).text
    assert phrase in text or text.endswith(phrase)


def test_footnote_texts_on_corpus(corpus):
    assert corpus["IC-2009-1"].paragraph(1).footnotes[0].text == "Article 1(1)(e)."
    f = corpus["IC-2009-10"].paragraph(2).footnotes[0]
    assert f.text.endswith("please visit http://www.iom.int/idmtrafexp.")
    f = corpus["idm-2009-after-2009-02-26"].paragraph(2).footnotes[0]
    # a footnote printed over two lines (with a blank line between)
    assert f.text == ("For further information on the workshop, including final agenda, list of "
                      "participants, background paper and presentations, please visit "
                      "www.iom.int/idmhumanrights.")
    assert corpus["IC-2010-5"].paragraph(7).footnotes[0].text == (
        "For further details on the second intersessional workshop, please refer to document "
        "IC/2010/1 (paras 19–20).")


def test_footnotes_wrapped_synthetic():
    rule = " " * 40
    text = f"""{TITLE}
IC/2009/7
1. The first paragraph cites the media.1 And the G20 group.
2. The second paragraph cites a website.2
3. The third paragraph is broken by a footnote block
1

2

First footnote text
over two lines.
Second footnote text.
 and goes on after the page break.
4. The fourth cites a report3 here and
{rule}
3 Third footnote after a rule line.
 continues after it.
"""
    note = parse_text(text)
    assert [p.text for p in note.paragraphs] == [
        "The first paragraph cites the media. And the G20 group.",
        "The second paragraph cites a website.",
        "The third paragraph is broken by a footnote block and goes on after the page break.",
        "The fourth cites a report here and continues after it.",
    ]
    assert [[(f.number, f.text) for f in p.footnotes] for p in note.paragraphs] == [
        [(1, "First footnote text over two lines.")],
        [(2, "Second footnote text.")],
        [],
        [(3, "Third footnote after a rule line.")],
    ]


def test_footnotes_lines_layout_synthetic():
    text = f"""{TITLE}
IC/2009/7

1. {LONG}

2. Cites a workshop.<sup>1</sup> And a report² here.

3. Third paragraph.

---

<sup>1</sup> First footnote <http://example.org/x>.

² Second footnote.

4. Fourth.
"""
    note = parse_text(text)
    p2 = note.paragraph(2)
    assert p2.text == "Cites a workshop. And a report here."
    assert [(f.number, f.text) for f in p2.footnotes] == [(1, "First footnote http://example.org/x."),
                                                          (2, "Second footnote.")]
    assert not note.paragraph(3).footnotes
    assert note.paragraph(3).text == "Third paragraph."


# ---------------------------------------------------------------------------
# Page-break continuation
# ---------------------------------------------------------------------------

def test_page_break_continuation(corpus):
    note = corpus["idm-2009-after-2009-02-26"]
    p6 = note.paragraph(6)
    assert "all have a role to play. Moreover, partnership is essential: inter-State cooperation" in p6.text
    assert p6.text.endswith("of their mutual rights and responsibilities.")
    p10 = note.paragraph(10)
    assert "environmental factors are among the drivers of South-South migration and call for" in p10.text
    assert p10.text.endswith("to permit various degrees of free movement.")
    for p in note.paragraphs:
        for f in p.footnotes:
            assert "Moreover" not in f.text and "drivers" not in f.text
    assert "in many developing countries" in note.paragraph(11).text
    # a continuation with a leading space outside a footnote block is ordinary text
    assert "south-north flows. The patterns, challenges and opportunities of south-south migration" \
        in corpus["idm-2008-after-2007-02-26"].paragraph(16).text
    assert "data and expertise required to implement effective and coherent migration policies" \
        in corpus["IC-2010-5"].paragraph(10).text


# ---------------------------------------------------------------------------
# Annex
# ---------------------------------------------------------------------------

def test_annex_on_corpus(corpus):
    note = corpus["IC-2009-10"]
    assert note.annex.startswith("Annex\n2009 INTERNATIONAL DIALOGUE ON MIGRATION – INTERSESSIONAL WORKSHOP")
    for phrase in ("PARTICIPANT SATISFACTION SURVEY\n", "GENERAL APPRECIATION: 100% OVERALL SATISFACTION",
                   "WORKSHOP CONTENT AND FORMAT: 80% SATISFACTION",
                   "The side event was deemed informative and useful"):
        assert phrase in note.annex
    assert "<sup>" not in note.annex and "**" not in note.annex and "SURVEY2" not in note.annex
    assert [(f.number, f.line) for f in note.annex_footnotes] == [(2, 110)]
    assert note.annex_footnotes[0].text.startswith("The figures and comments presented below are based on a survey")
    assert note.annex_footnotes[0].text not in note.annex
    last = note.paragraph(16)
    assert last.text.endswith("exposed to an urban culture and lifestyle?")
    for p in note.paragraphs:
        assert "SATISFACTION" not in p.text and "side event" not in p.text
        assert all(f.number != 2 for f in p.footnotes)
    for key in EXPECTED_COUNTS.keys() - {"IC-2009-10"}:
        assert corpus[key].annex == "" and corpus[key].annex_footnotes == ()


def test_annex_synthetic():
    text = f"""{TITLE}
IC/2009/7

1. {LONG}

2. See the annex.

## Annex

Survey results<sup>1</sup>

- A bullet of the annex.

<sup>1</sup> Annex footnote.

3. Not a paragraph: numbered lines in the annex stay annex text.
"""
    note = parse_text(text)
    assert len(note.paragraphs) == 2
    assert note.annex == ("Annex\nSurvey results\n- A bullet of the annex.\n"
                          "3. Not a paragraph: numbered lines in the annex stay annex text.")
    assert [(f.number, f.text) for f in note.annex_footnotes] == [(1, "Annex footnote.")]
    assert not note.paragraph(2).footnotes


# ---------------------------------------------------------------------------
# Cover metadata and keys
# ---------------------------------------------------------------------------

HR_2009 = "Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration"


@pytest.mark.parametrize("key,meta", [
    ("IC-2009-1", dict(symbol="IC/2009/1", issued=dt.date(2009, 2, 10), place="Geneva", language="English",
                       consultation_date=dt.date(2009, 2, 26), dialogue_year=2009, subtitle=HR_2009,
                       previous_consultation=None, file="003_9beb0cb66125f99d.txt")),
    ("IC-2009-10", dict(symbol="IC/2009/10", issued=dt.date(2009, 9, 24), place="Geneva", language="English",
                        consultation_date=dt.date(2009, 10, 20), dialogue_year=2009, subtitle=HR_2009,
                        previous_consultation=dt.date(2009, 4, 28), file="000_aa852f21bc5d0914.txt")),
    ("IC-2010-5", dict(symbol="IC/2010/5", issued=dt.date(2010, 4, 16), place="Geneva", language="English",
                       consultation_date=dt.date(2010, 4, 27), dialogue_year=2010,
                       subtitle="Migration and social change", previous_consultation=dt.date(2010, 2, 18),
                       file="002_5c41cb46aeb7a953.txt")),
    ("idm-2008-after-2007-02-26", dict(symbol=None, issued=None, place=None, language=None,
                                       consultation_date=None, dialogue_year=2008, subtitle=None,
                                       previous_consultation=dt.date(2007, 2, 26),
                                       file="004_511cff8487bd002f.txt")),
    ("idm-2009-after-2009-02-26", dict(symbol=None, issued=None, place=None, language=None,
                                       consultation_date=None, dialogue_year=2009, subtitle=HR_2009,
                                       previous_consultation=dt.date(2009, 2, 26),
                                       file="001_31a5610bdc47bbd8.txt")),
])
def test_cover_metadata(corpus, key, meta):
    note = corpus[key]
    meta = dict(meta)
    file = meta.pop("file")
    assert {k: getattr(note, k) for k in meta} == meta
    assert note.source.name == file
    assert note.title == f"INTERNATIONAL DIALOGUE ON MIGRATION {meta['dialogue_year']}"
    assert note.key == key
    assert note.label == (note.symbol or f"Discussion note for IDM {note.dialogue_year} ({key})")


def test_cover_metadata_synthetic():
    text = """IOM International Organization for Migration

**INFORMAL CONSULTATIONS ON
INTERNATIONAL DIALOGUE ON MIGRATION**

IC/2011/3

Original: French
Bangkok, 2 March 2011

INTERNATIONAL DIALOGUE ON MIGRATION 2011

***“The Future of
Migration”***

15 March 2011

1. This note follows the informal consultations held on 4 November 2010.
"""
    note = parse_text(text, "cover.txt")
    assert (note.key, note.symbol, note.dialogue_year, note.title, note.subtitle) == (
        "IC-2011-3", "IC/2011/3", 2011, "INTERNATIONAL DIALOGUE ON MIGRATION 2011", "The Future of Migration")
    assert (note.issued, note.place, note.language, note.consultation_date, note.previous_consultation) == (
        dt.date(2011, 3, 2), "Bangkok", "French", dt.date(2011, 3, 15), None)
    assert note.source == Path("cover.txt")


def test_key_from_previous_consultation_synthetic():
    for phrase in ("since the last Informal Consultations on 26 February 2007",
                   "since the last informal consultations took place on 18 February 2010",
                   "since the last informal consultations held on 3 May 2011"):
        note = parse_text(f" {TITLE}\n1.\nAn update on activities {phrase}, and more.\n")
        assert note.symbol is None and note.subtitle is None
        assert note.key == f"idm-2009-after-{note.previous_consultation.isoformat()}"


def test_symbol_after_title_is_not_the_subtitle():
    """Regression: a symbol line printed after the title was taken as the subtitle."""
    note = parse_text(f"{TITLE}\nIC/2009/7\n1. Text.\n")
    assert note.symbol == "IC/2009/7" and note.subtitle is None
    note = parse_text(f"{TITLE}\nIC/2009/7\nOriginal: English\nGeneva, 1 May 2009\nThe Subtitle\n1. Text.\n")
    assert note.subtitle == "The Subtitle" and note.issued == dt.date(2009, 5, 1)


def test_crlf_line_ends():
    text = f"{TITLE}\r\nIC/2009/7\r\n1.\r\nFirst\r\nparagraph.\r\n2. Second.\r\n"
    assert [p.text for p in parse_text(text).paragraphs] == ["First paragraph.", "Second."]


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------

def assert_one_line_naming(err: NoteError, path: Path) -> None:
    message = str(err)
    assert "\n" not in message
    assert str(path) in message
    assert isinstance(err, IdmkgError)


def test_missing_file(tmp_path):
    path = tmp_path / "missing.txt"
    with pytest.raises(NoteError) as exc:
        parse_note(path)
    assert_one_line_naming(exc.value, path)
    assert "not found" in str(exc.value)


def test_directory(tmp_path):
    with pytest.raises(NoteError) as exc:
        parse_note(tmp_path)
    assert_one_line_naming(exc.value, tmp_path)
    assert "directory" in str(exc.value)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(f"{TITLE}\nIC/2009/7\n1. Caf\xe9 and na\xefve.\n".encode("latin-1"))
    with pytest.raises(NoteError) as exc:
        parse_note(path)
    assert_one_line_naming(exc.value, path)
    assert "UTF-8" in str(exc.value)


def test_no_numbered_paragraphs(tmp_path):
    path = tmp_path / "nopara.txt"
    path.write_text(f"{TITLE}\nIC/2009/7\nJust prose, no numbered paragraph.\n2. Starts at two.\n",
                    encoding="utf-8")
    with pytest.raises(NoteError) as exc:
        parse_note(path)
    assert_one_line_naming(exc.value, path)
    assert "no numbered paragraphs" in str(exc.value)


def test_no_title(tmp_path):
    path = tmp_path / "notitle.txt"
    path.write_text("INTERNATIONAL DIALOGUE ON MIGRATION\nIC/2009/7\n1. Text.\n", encoding="utf-8")
    with pytest.raises(NoteError) as exc:
        parse_note(path)
    assert_one_line_naming(exc.value, path)
    assert "INTERNATIONAL DIALOGUE ON MIGRATION <year>" in str(exc.value)


def test_title_only_after_paragraph_one_is_not_a_title():
    with pytest.raises(NoteError, match="no title"):
        parse_text(f"IC/2009/7\n1. Text.\n{TITLE}\n")


def test_no_key(tmp_path):
    path = tmp_path / "nokey.txt"
    path.write_text(f"{TITLE}\n1. A note without symbol or previous consultations.\n", encoding="utf-8")
    with pytest.raises(NoteError) as exc:
        parse_note(path)
    assert_one_line_naming(exc.value, path)


def test_empty_text():
    with pytest.raises(NoteError) as exc:
        parse_text("", "empty.txt")
    assert str(exc.value).startswith("empty.txt:")


def test_same_note_twice_in_corpus(tmp_path):
    shutil.copy(NOTES / "000_aa852f21bc5d0914.txt", tmp_path / "a.txt")
    shutil.copy(NOTES / "002_5c41cb46aeb7a953.txt", tmp_path / "b.txt")
    shutil.copy(NOTES / "000_aa852f21bc5d0914.txt", tmp_path / "c.txt")
    with pytest.raises(NoteError) as exc:
        parse_corpus(tmp_path)
    assert_one_line_naming(exc.value, tmp_path / "c.txt")
    assert str(tmp_path / "a.txt") in str(exc.value) and "IC-2009-10" in str(exc.value)


def test_corpus_error_names_the_bad_file(tmp_path):
    shutil.copy(NOTES / "000_aa852f21bc5d0914.txt", tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00broken")
    with pytest.raises(NoteError) as exc:
        parse_corpus(tmp_path)
    assert_one_line_naming(exc.value, tmp_path / "b.txt")


def test_corpus_directory_missing_or_empty(tmp_path):
    with pytest.raises(NoteError) as exc:
        parse_corpus(tmp_path / "nowhere")
    assert_one_line_naming(exc.value, tmp_path / "nowhere")
    with pytest.raises(NoteError) as exc:
        parse_corpus(tmp_path)
    assert_one_line_naming(exc.value, tmp_path)


# ---------------------------------------------------------------------------
# Property tests
# ---------------------------------------------------------------------------

# Words of two letters or more: a wrapped line starting with the one-letter word "o" would
# be read as a sub-bullet (see the bullets quirk), which is how the notes print sub-bullets.
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=12)
# Paragraphs are sentences: they end with a full stop. (In wrapped text, lines after the
# last sentence end are a heading hidden at the end of the paragraph, by design.)
PARAGRAPHS = st.lists(st.lists(WORDS, min_size=1, max_size=60), min_size=1, max_size=10)


def _wrap(words: list[str], width: int) -> list[str]:
    lines, line = [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    return lines + [line]


@st.composite
def synthetic_notes(draw):
    paragraphs = draw(PARAGRAPHS)
    layout = draw(st.sampled_from(["lines", "wrapped"]))
    out = [TITLE, "IC/2009/7", ""]
    for number, words in enumerate(paragraphs, start=1):
        words = [*words[:-1], words[-1] + "."]
        if layout == "lines":
            out.append(f"{number}. " + " ".join(words))
            if draw(st.booleans()):
                out.append("")
        else:
            lines = _wrap(words, draw(st.integers(min_value=15, max_value=110)))
            if draw(st.booleans()):  # number alone on its line
                out.append(f"{number}.")
            else:
                lines[0] = f"{number}. {lines[0]}"
            out.extend(lines)
            if draw(st.booleans()):
                out.append("")
    return paragraphs, "\n".join(out) + "\n"


@FAST
@given(synthetic_notes())
def test_property_paragraphs_recovered(case):
    paragraphs, text = case
    note = parse_text(text)
    assert note.key == "IC-2009-7" and note.dialogue_year == 2009 and note.subtitle is None
    assert [p.number for p in note.paragraphs] == list(range(1, len(paragraphs) + 1))
    for p, words in zip(note.paragraphs, paragraphs):
        assert p.text == " ".join(words) + "."
        assert p.items == () and p.footnotes == () and p.heading is None


@st.composite
def bulleted_notes(draw):
    """Wrapped notes whose paragraphs carry lone-character bullets and sub-bullets."""
    out, expected = [TITLE, "IC/2009/7"], []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        lead = draw(st.lists(WORDS, min_size=1, max_size=10))
        out += [f"{number}.", *_wrap([*lead, "follows:"], 40)]
        items = []
        for _ in range(draw(st.integers(0, 5))):
            label = draw(st.sampled_from(["•", "o"]))
            words = draw(st.lists(WORDS, min_size=1, max_size=20))
            words[-1] += "."
            out += [draw(st.sampled_from([label, " " + label])), ""]
            out += _wrap(words, draw(st.integers(15, 80))) + [""]
            items.append((label, 1 if label == "•" else 2, " ".join(words)))
        expected.append((" ".join(lead) + " follows:", items))
    return expected, "\n".join(out) + "\n"


@FAST
@given(bulleted_notes())
def test_property_bullets_and_offsets(case):
    expected, text = case
    note = parse_text(text)
    assert len(note.paragraphs) == len(expected)
    for p, (lead, items) in zip(note.paragraphs, expected):
        assert [(i.label, i.level, i.text) for i in p.items] == items
        assert p.text.split("\n")[0] == lead
        for i in p.items:
            assert p.text[i.start:i.end] == i.text


@FAST
@given(st.text())
def test_property_arbitrary_text_only_note_error(text):
    try:
        parse_text(text)
    except NoteError as err:
        assert "\n" not in str(err)


NOTE_LIKE_LINES = st.sampled_from([
    "", " " * 30, "---", "1.", "2.", "3.", "1. First paragraph.", "2. Second paragraph text",
    "3. since the last Informal Consultations on 26 February 2007", "•", "o", " o", "• bullet text",
    "- (a) item", "- (b) item and its", "- continued.", "- plain bullet", "¹ Footnote.", "² Footnote",
    "<sup>1</sup> Footnote text.", "<sup>2</sup>", "text<sup>3</sup> more", "1", "2", "3",
    "1 Footnote after a rule.", " continuation after a page break", "lower-case line", "Upper Case Line",
    "# Heading", "## Annex", "Annex", "### **Bold**", "*Italic*", "***“Quote”***", TITLE,
    "INTERNATIONAL DIALOGUE ON MIGRATION 1899", "IC/2009/7", "Original: English", "Geneva, 31 February 2009",
    "20 October 2009", "media.1", "word.2", "hyphen-", "(a)", "x" * 301,
])


@FAST
@given(st.lists(st.one_of(NOTE_LIKE_LINES, st.text(max_size=15)), max_size=40))
def test_property_note_like_text_only_note_error(lines):
    try:
        note = parse_text("\n".join(lines))
    except NoteError as err:
        assert "\n" not in str(err)
        return
    assert [p.number for p in note.paragraphs] == list(range(1, len(note.paragraphs) + 1))
    for p in note.paragraphs:
        for i in p.items:
            assert p.text[i.start:i.end] == i.text


def test_a_short_markdown_note_is_read_line_by_line():
    from idmkg.parse import parse_text

    text = (
        "INTERNATIONAL DIALOGUE ON MIGRATION 2011\n\nIC/2011/3\n\n"
        "## IDM 2011: A short note\n\n"
        "1. The first paragraph.\n\n"
        "### Second section\n\n"
        "2. The second paragraph lists:\n"
        "- (a) one item;\n"
        "- (b) another item.\n"
    )
    note = parse_text(text)
    assert [p.number for p in note.paragraphs] == [1, 2]
    assert note.paragraphs[1].heading == "Second section"
    assert [i.label for i in note.paragraphs[1].items] == ["a", "b"]


def test_a_lettered_heading_line_is_a_heading_not_text_of_the_paragraph_before(tmp_path):
    """Lines layout: "(a) Title" or "*(b) Title*" on a line of its own between paragraphs
    heads the next paragraph (it used to be glued to the end of the previous one)."""
    note = tmp_path / "lettered.txt"
    note.write_text("IC/2015/9\n\nGeneva, 1 April 2015\n\nINTERNATIONAL DIALOGUE ON MIGRATION 2015\n\n"
                    "## Proposals\n\n1. The Administration proposes the following themes for the IDM in 2016.\n\n"
                    "(a) Migrants and cities\n\n2. Cities are where migrants live.\n\n"
                    "*(b) Migration and health*\n\n3. Health matters; (c) items in text stay text.\n",
                    encoding="utf-8")
    n = parse_note(note)
    assert [(p.number, p.heading) for p in n.paragraphs] == [
        (1, None), (2, "(a) Migrants and cities"), (3, "(b) Migration and health")]
    assert n.paragraphs[0].text.endswith("in 2016.")


WRAPPED_WITH_RULES = """IC/2002/9
Original: English
Geneva, 4 March 2002
INTERNATIONAL DIALOGUE ON MIGRATION 2002
1.
This note reports on the Dialogue since the last informal consultations, on 8 November
2001, and on the workshops of the year.
The first workshop
2.
The first workshop took place in Geneva on 21-22 May 2002 and was attended by many
delegations.1
____________________
1  The agenda is available from the Administration.
The second workshop
3.
The second workshop will be convened in Geneva in July 2002. It will look at the
cost of transfers.
 IC/2002/9
Page 2
The third workshop
4.
The third workshop is foreseen for the autumn.
____________________
2  Funding is still being sought.
 - 3 -
Looking ahead
5.
Members may propose topics.
"""


def test_wrapped_heading_after_a_footnote_block_is_a_heading_not_footnote_text():
    """Wrapped (PDF) text: a row of underscores opens the footnotes; a short line with no
    sentence end right before the next paragraph number is the next section's heading."""
    n = parse_text(WRAPPED_WITH_RULES)
    assert [(p.number, p.heading) for p in n.paragraphs][1:3] == [(2, "The first workshop"), (3, "The second workshop")]
    assert [fn.text for fn in n.paragraphs[1].footnotes] == ["The agenda is available from the Administration."]
    assert n.paragraphs[1].text.endswith("delegations.")


def test_wrapped_page_furniture_is_dropped():
    """The running symbol, "Page 2" and "- 3 -" between pages are neither text nor heading."""
    n = parse_text(WRAPPED_WITH_RULES)
    assert n.paragraphs[2].text.endswith("cost of transfers.")
    assert n.paragraphs[3].heading == "The third workshop"
    assert n.paragraphs[4].heading == "Looking ahead"
    assert n.symbol == "IC/2002/9"


def test_a_markdown_table_in_a_paragraph_gives_one_item_per_body_row():
    """Lines layout: "| a | b |" rows under a paragraph are its items (cells joined by " | "),
    the header row above the |---| rule is dropped, and the next heading still heads the next
    paragraph."""
    n = parse_text("IC/2003/9\n\nGeneva, 1 March 2003\n\nINTERNATIONAL DIALOGUE ON MIGRATION 2003\n\n"
                   "## Workshops\n\n1. The dates are as follows:\n\n| Workshop | Dates |\n|---|---|\n"
                   "| First workshop: Return | 23-24 April 2003 |\n| Second workshop: Smuggling | autumn 2003 |\n\n"
                   "Looking ahead\n\n2. Text.\n")
    p = n.paragraphs[0]
    assert [i.text for i in p.items] == ["First workshop: Return | 23-24 April 2003",
                                         "Second workshop: Smuggling | autumn 2003"]
    assert all(p.text[i.start:i.end] == i.text for i in p.items)
    assert n.paragraphs[1].heading == "Looking ahead"


@pytest.mark.parametrize("line", ["IDM 2013 – discussion note                                  1",
                                  "IC/2025/3 – page 1", "IC/2025/3 - Page 12"])
def test_running_heads_with_a_page_number_are_page_furniture(line):
    from idmkg.parse import PAGE_FURNITURE
    assert PAGE_FURNITURE.match(line)


@pytest.mark.parametrize("line", ["IDM 2013 – the discussion continued in 2 sessions.",
                                  "IC/2025/3 – see paragraph 4"])
def test_sentences_after_a_symbol_are_not_page_furniture(line):
    from idmkg.parse import PAGE_FURNITURE
    assert not PAGE_FURNITURE.match(line)


WRAPPED_LONE_FOOTNOTE_NUMBERS = """INTERNATIONAL DIALOGUE ON MIGRATION 2013
1.
This note reports on the Dialogue since the
informal consultations of 8 November 2012.
2.
The membership agreed on two topics.1 The third was withdrawn.
3.
The first workshop met in Geneva and attendance reached 247.2
4.
Participants asked that return be made easier through flexible visa and residence
rules.
                                                 
1
  The topics are described in document IC/2012/7, paragraph 4.
2
  The presentations are available at www.iom.int/idmgreenjobs.
IDM 2013 – discussion note                                                                      1

 5.
The second workshop will meet in Bangkok.
"""


def test_footnote_number_alone_on_a_line_keeps_its_indented_text():
    """Wrapped text: a footnote number alone on its line, its text indented on the next: the
    text is the footnote's, not the end of the paragraph above the footnotes; the next number
    alone on a line opens the next footnote; after the page break the next paragraph goes on."""
    n = parse_text(WRAPPED_LONE_FOOTNOTE_NUMBERS)
    fns = {fn.number: (fn.text, p.number) for p in n.paragraphs for fn in p.footnotes}
    assert fns == {1: ("The topics are described in document IC/2012/7, paragraph 4.", 2),
                   2: ("The presentations are available at www.iom.int/idmgreenjobs.", 3)}
    assert n.paragraphs[3].text.endswith("residence rules.")
    assert n.paragraphs[4].text == "The second workshop will meet in Bangkok."


WRAPPED_FOOTNOTE_LINES = """INTERNATIONAL DIALOGUE ON MIGRATION 2015
1.
This note reports on the Dialogue since the
informal consultations of 8 October 2014.
2.
The workshop drew over 200 participants.1 Its report is online.
3.
The membership chose the first two topics set out in the annex to document
IC/2014/8.2 The third topic will be addressed in a session of the second
workshop.3
4.
The second workshop will meet in New York.
                                                 
1  A report on the workshop is available at www.iom.int/idm-uhc. 
2  IC/2014/8, paras 11–16. 
3  The programme was first circulated on
2 March 2015. 

– 2 –
 
5.
The IDM would look at return.4
                                                 
4  IC/2014/8, para. 8. 
"""


def test_wrapped_footnotes_each_on_its_own_numbered_line():
    """Wrapped text: footnotes printed one after the other as "1  text." / "2  text." lines at the page foot are
    separate footnotes, each with the paragraph carrying its marker (a wrapped footnote line starting with a
    number, "2 March 2015.", after a line that does not end a sentence, stays the footnote's text); the next
    page's footnote, numbered on, is one too and not the paragraph's last words."""
    n = parse_text(WRAPPED_FOOTNOTE_LINES)
    fns = {fn.number: (fn.text, p.number) for p in n.paragraphs for fn in p.footnotes}
    assert fns == {1: ("A report on the workshop is available at www.iom.int/idm-uhc.", 2),
                   2: ("IC/2014/8, paras 11–16.", 3),
                   3: ("The programme was first circulated on 2 March 2015.", 3),
                   4: ("IC/2014/8, para. 8.", 5)}
    assert n.paragraph(5).text == "The IDM would look at return."


LISTED = ("INTERNATIONAL DIALOGUE ON MIGRATION 2016\n\n"
          "1. This note covers the Dialogue since the informal consultations of 12 April 2016.\n\n## The topics\n\n"
          "2. The Administration submits three topics and asks the membership to select two of them:\n\n"
          "(1) *Migration and cities: the local level*;\n\n(2) *Migration and health*;\n\n(3) *Return*.\n\n"
          "3. The first topic would look at cities.\n")


def test_numbered_items_a_paragraph_announces_are_its_items():
    note = parse_text(LISTED)
    p = note.paragraph(2)
    assert [i.label for i in p.items] == ["1", "2", "3"]
    assert p.items[0].text.startswith("Migration and cities: the local level")
    assert note.paragraph(3).heading == "The topics"


def test_numbered_lines_after_a_heading_stay_headings():
    text = LISTED.replace("(1) *Migration", "## Proposals\n\n(1) *Migration")
    note = parse_text(text)
    assert note.paragraph(2).items == ()


# -- numbered list items ("1. / 2. / 3.") inside a numbered paragraph ----------------------------

NUMBERED_LINES = """INTERNATIONAL DIALOGUE ON MIGRATION 2014

1. This note covers the Dialogue since the informal consultations of 5 November 2013.

## Workshops

2. The Administration suggests three topics{lead}

1. Migration and trade;

2. Health and mobility;

3. Return and reintegration.

3. Delegations are invited to choose.
"""

NUMBERED_WRAPPED = """INTERNATIONAL DIALOGUE ON MIGRATION 2014

1.
This note covers the Dialogue since the informal consultations of 5 November
2013.
Workshops
2.
The Administration suggests three topics for the workshops of the year, which are
the following: 1. Migration and trade;
2. Health and mobility;
3. Return and reintegration.
3.
Delegations are invited to choose.
"""


@pytest.mark.parametrize("text", [NUMBERED_LINES.format(lead=":"), NUMBERED_WRAPPED,
                                  NUMBERED_WRAPPED.replace("following: 1. Migration", "following:\n1. Migration")])
def test_numbered_list_items_inside_a_paragraph_are_its_items(text):
    note = parse_text(text)
    assert [p.number for p in note.paragraphs] == [1, 2, 3]
    p2 = note.paragraph(2)
    assert [i.label for i in p2.items] == ["1", "2", "3"]
    assert [p2.text[i.start:i.end].strip() for i in p2.items][0].endswith("Migration and trade;")
    assert note.paragraph(3).text == "Delegations are invited to choose."


def test_a_repeated_paragraph_number_without_a_list_lead_is_still_refused():
    # no lead announcing a list: "1. Migration ..." is paragraph 1 written twice
    with pytest.raises(NoteError, match="paragraph 1 appears twice"):
        parse_text(NUMBERED_LINES.format(lead="."))


@pytest.mark.parametrize("item_end, items", [(";", ["1", "2"]), (".", ["1"])])
def test_a_list_item_numbered_like_the_next_paragraph(item_end, items):
    # "2." after item "1." in paragraph 1: the next item when item 1 ends as a list item goes on,
    # else paragraph 2
    text = ("INTERNATIONAL DIALOGUE ON MIGRATION 2014\n\n1. This note covers the Dialogue since the informal consultations of 5 November 2013 under "
            "two headings:\n\n"
            f"1. Migration and trade{item_end}\n\n2. Health and mobility.\n\n3. Delegations are invited to choose.\n")
    if items == ["1"]:
        note = parse_text(text)
        assert [p.number for p in note.paragraphs] == [1, 2, 3]
    else:
        # items 1 and 2 in paragraph 1, then paragraph 2
        note = parse_text(text.replace("3. Delegations", "2. Delegations"))
        assert [p.number for p in note.paragraphs] == [1, 2]
    assert [i.label for i in note.paragraph(1).items] == items


NUMBERED_PDF = Path(__file__).parent / "data" / "phrasings" / "numbered-items"


def test_numbered_list_items_in_a_libreoffice_pdf():
    """tests/data/phrasings/numbered-items/ic-2014-9.pdf was made from ic-2014-9.txt beside it by
    tests/data/unseen/make_pdfs.sh (NOTES_DIR=that folder FORMATS=pdf): its items "1. / 2. / 3."
    come out of the PDF text with the first one run onto the lead's line."""
    from idmkg.ingest.convert import convert
    note = parse_text(convert(NUMBERED_PDF / "ic-2014-9.pdf").text)
    assert [p.number for p in note.paragraphs] == [1, 2, 3]
    p2 = note.paragraph(2)
    assert [i.label for i in p2.items] == ["1", "2", "3"]
    assert p2.text.startswith("The Administration suggests three topics for the workshops of 2015")
    assert [p2.text[i.start:i.end].strip() for i in p2.items][-1].endswith("Return and reintegration of migrants.")


MARKDOWN_FOOTNOTES = """INTERNATIONAL DIALOGUE ON MIGRATION 2019

1. This note covers the Dialogue since the informal consultations held on 15 November 2018.

2. The topics were set out in the annex to the last note.[^1] They were discussed at length.

3. The first workshop was held in Geneva.[^2]

[^1]: IC/2018/6, paras 11–13.
[^2]: See www.iom.int.
"""


def test_markdown_footnotes():
    """Markdown's footnotes: the marker "[^1]" in the text (taken out of it) and "[^1]: text" on a line of its own
    are a footnote of the paragraph carrying the marker."""
    n = parse_text(MARKDOWN_FOOTNOTES)
    fns = {fn.number: (fn.text, p.number) for p in n.paragraphs for fn in p.footnotes}
    assert fns == {1: ("IC/2018/6, paras 11–13.", 2), 2: ("See www.iom.int.", 3)}
    assert n.paragraph(2).text == "The topics were set out in the annex to the last note. They were discussed at length."


# -- lists typed with bullet characters, and "1)" / "a)" markers, in the one-paragraph-per-line layout --------

BULLET_LEAD = ("INTERNATIONAL DIALOGUE ON MIGRATION 2020\n\n"
               "1. This note covers the Dialogue since the informal consultations of 15 November 2019.\n\n"
               "## Preparing the Dialogue in 2020\n\n"
               "2. Member States are invited to choose the theme of 2020 from among the following options:\n{gap}"
               "{b} Labour mobility and fair recruitment\n{b} Inclusive societies: migrants and social cohesion\n"
               "{b} Digital technologies and migration governance\n\n"
               "3. The Administration will report on the choice.\n")
BULLET_TITLES = ["Labour mobility and fair recruitment", "Inclusive societies: migrants and social cohesion",
                 "Digital technologies and migration governance"]


@pytest.mark.parametrize("bullet", ["•", "▪", "◦"])
@pytest.mark.parametrize("gap", ["\n", ""])
def test_bullet_character_lines_are_items_in_the_lines_layout(bullet, gap):
    """"• Title" lines (after a blank line or right under the lead) are the paragraph's items, not headings."""
    note = parse_text(BULLET_LEAD.format(gap=gap, b=bullet))
    assert [p.number for p in note.paragraphs] == [1, 2, 3]
    p = note.paragraph(2)
    assert [(i.label, i.level, i.text) for i in p.items] == [("•", 1, t) for t in BULLET_TITLES]
    assert all(p.text[i.start:i.end] == i.text for i in p.items)
    assert note.paragraph(3).heading == "Preparing the Dialogue in 2020"


def test_bullet_alone_on_its_line_takes_the_next_line_in_the_lines_layout():
    text = BULLET_LEAD.format(gap="\n", b="•").replace("• Labour", "•\nLabour").replace("• Inclusive", "•\nInclusive")
    p = parse_text(text).paragraph(2)
    assert [i.text for i in p.items] == BULLET_TITLES
    assert parse_text(text).paragraph(3).heading == "Preparing the Dialogue in 2020"


def test_o_sub_bullets_only_under_a_bullet_item_in_the_lines_layout():
    text = BULLET_LEAD.format(gap="\n", b="•").replace(
        "fair recruitment\n", "fair recruitment:\no recruitment fees;\no contracts.\n")
    p = parse_text(text).paragraph(2)
    assert [(i.label, i.level) for i in p.items] == [("•", 1), ("o", 2), ("o", 2), ("•", 1), ("•", 1)]
    # near-miss: "o" opening a line that is not under a bullet is not an item
    plain = BULLET_LEAD.format(gap="\n", b="-").replace("- Labour", "o Labour")
    assert [i.text for i in parse_text(plain).paragraph(2).items] == BULLET_TITLES[1:]


HALF_PAREN = ("INTERNATIONAL DIALOGUE ON MIGRATION 2020\n\n"
              "1. This note covers the Dialogue since the informal consultations of 15 November 2019.\n\n"
              "## Workshop topics proposed for 2020\n\n"
              "2. The Administration has identified the following possible workshop topics{lead}\n{gap}"
              "{m1} Climate-induced displacement;\n{gap}{m2} Planned relocation as an adaptation strategy.\n\n"
              "3. Delegations are invited to choose.\n")


@pytest.mark.parametrize("m1, m2, label", [("1)", "2)", "1"), ("(1)", "(2)", "1"), ("1.", "2.", "1"),
                                          ("a)", "b)", "a"), ("(a)", "(b)", "a"), ("i)", "ii)", "i")])
@pytest.mark.parametrize("gap", ["", "\n"])
def test_list_markers_under_a_colon_lead_are_items(m1, m2, label, gap):
    note = parse_text(HALF_PAREN.format(lead=":", gap=gap, m1=m1, m2=m2))
    assert [p.number for p in note.paragraphs] == [1, 2, 3]
    p = note.paragraph(2)
    assert [i.label for i in p.items] == [label, {"1": "2", "a": "b", "i": "ii"}[label]]
    assert [i.text for i in p.items] == ["Climate-induced displacement;", "Planned relocation as an adaptation strategy."]
    assert note.paragraph(3).text == "Delegations are invited to choose."


def test_half_bracket_markers_without_a_lead_are_not_items():
    # near-miss: no lead announcing a list: "1) Title" is not an item of the paragraph before
    note = parse_text(HALF_PAREN.format(lead=".", gap="\n", m1="1)", m2="2)"))
    assert note.paragraph(2).items == ()
    assert [p.number for p in note.paragraphs] == [1, 2, 3]


def test_half_bracket_items_in_wrapped_text():
    text = ("INTERNATIONAL DIALOGUE ON MIGRATION 2020\n1.\nThis note covers the Dialogue since the informal consultations of\n"
            "15 November 2019.\n2.\nThe Administration has identified the following possible workshop\ntopics:\n"
            "1) Climate-induced displacement;\n2) Planned relocation as an\nadaptation strategy.\n3.\n"
            "Delegations are invited to choose.\n")
    note = parse_text(text)
    assert [p.number for p in note.paragraphs] == [1, 2, 3]
    assert [(i.label, i.text) for i in note.paragraph(2).items] == [
        ("1", "Climate-induced displacement;"), ("2", "Planned relocation as an adaptation strategy.")]


_TITLE_WORDS = st.lists(st.sampled_from(["Migration", "health", "cities", "return", "labour", "mobility", "data",
                                         "climate", "and", "of", "Diasporas", "skills"]), min_size=1, max_size=5)


@FAST
@given(titles=st.lists(_TITLE_WORDS.map(" ".join), min_size=1, max_size=4),
       style=st.sampled_from(["1)", "(1)", "1.", "a)", "(a)", "-", "•", "- (a)"]),
       gap=st.sampled_from(["", "\n"]))
def test_property_any_marker_style_under_a_colon_lead_gives_the_same_items(titles, style, gap):
    def marker(k: int) -> str:
        n, a = str(k + 1), "abcdefgh"[k]
        return {"1)": f"{n})", "(1)": f"({n})", "1.": f"{n}.", "a)": f"{a})", "(a)": f"({a})",
                "-": "-", "•": "•", "- (a)": f"- ({a})"}[style]
    body = "".join(f"{marker(k)} {t}{';' if k < len(titles) - 1 else '.'}\n{gap}" for k, t in enumerate(titles))
    text = ("INTERNATIONAL DIALOGUE ON MIGRATION 2020\n\n"
            "1. This note covers the Dialogue since the informal consultations of 15 November 2019.\n\n"
            f"## Topics\n\n2. The Administration submits the following topics:\n{gap}{body}\n"
            "3. Delegations are invited to choose.\n")
    note = parse_text(text)
    assert [p.number for p in note.paragraphs] == [1, 2, 3]
    p = note.paragraph(2)
    assert [i.text.rstrip(";.") for i in p.items] == titles
    assert all(p.text[i.start:i.end] == i.text for i in p.items)
