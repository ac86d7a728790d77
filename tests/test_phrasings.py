"""Extraction beyond the five notes' own wording: phrasings the issue lists (other verbs
for held/planned/proposed/selected, dates across months and without a year, ordinals in
words, attendance written other ways, candidates as lettered items). The note
tests/data/phrasings/IC-2014-2.txt is invented for these checks; the held-out measure is
bench/extraction_accuracy.py on notes the rules were not written from."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from idmkg.dates import find_dates
from idmkg.extract import extract_facts
from idmkg.extract.attendance import figure_after_pattern
from idmkg.extract.common import cardinal_from_words, ordinal_from_words
from idmkg.extract.references import CITED_PARAS, RANGE
from idmkg.parse import PREVIOUS_IC, parse_note, parse_text

NOTE = Path(__file__).parent / "data" / "phrasings" / "IC-2014-2.txt"


@pytest.fixture(scope="module")
def facts(schema_labels):
    return {(str(f.subject), f.prop, str(f.value)) for f in extract_facts([parse_note(NOTE)], *schema_labels)}


@pytest.mark.parametrize("words, n", [("fourth", 4), ("Ninety-fourth", 94), ("ninetieth", 90), ("One hundredth", 100),
                                      ("One hundred and fifth", 105), ("hundred and twenty-second", 122),
                                      ("Thirteenth", 13), ("One hundred and nineteenth", 119),
                                      ("the", None), ("first session", None)])
def test_ordinals_in_words(words, n):
    assert ordinal_from_words(words) == n


@pytest.mark.parametrize("text, start, end", [
    ("29 November-2 December 2005", dt.date(2005, 11, 29), dt.date(2005, 12, 2)),
    ("on 30 November and 1 December 2010", dt.date(2010, 11, 30), dt.date(2010, 12, 1)),
    ("31 December 2009 to 2 January 2010", dt.date(2009, 12, 31), dt.date(2010, 1, 2)),
    ("21-22 April", dt.date(2014, 4, 21), dt.date(2014, 4, 22)),
    ("from 3 to 4 July 2007", dt.date(2007, 7, 3), dt.date(2007, 7, 4)),
])
def test_date_spans(text, start, end):
    d = find_dates(text, 2014)[0]
    assert (d.start, d.end) == (start, end)


def test_two_dates_joined_by_and_stay_two():
    assert [(d.start, d.end) for d in find_dates("on 28 April 2009 and 19 May 2009")] == [
        (dt.date(2009, 4, 28),) * 2, (dt.date(2009, 5, 19),) * 2]


def test_workshop_convened_under_a_title_with_dates_across_months(facts):
    w = "workshop/2014-1"
    assert {(w, "idm:status", "status/held"), (w, "idm:startDate", "2014-03-31"), (w, "idm:endDate", "2014-04-01"),
            (w, "idm:venue", "Geneva"), (w, "idm:title", "Migrants in crisis situations")} <= facts


def test_scheduled_workshop_is_planned(facts):
    w = "workshop/2014-2"
    assert {(w, "idm:status", "status/planned"), (w, "idm:startDate", "2014-10-08"),
            (w, "idm:title", "Labour mobility and skills recognition")} <= facts


def test_attendance_approximate_and_among_them(facts):
    p = "attendance/workshop/2014-1/participants"
    assert {(p, "idm:count", "300"), (p, "idm:atLeast", "False")} <= facts
    assert ("attendance/workshop/2014-1/government-representatives", "idm:count", "140") in facts


def test_selection_in_other_words_and_a_theme_not_retained(facts):
    assert ("year/2014", "idm:overarchingTheme", "theme/migration-post-2015-agenda") in facts
    assert not any(s == "year/2014" and v == "theme/migration-environment" for s, _, v in facts)


def test_council_session_ordinal_in_words(facts):
    assert {("council/105", "idm:ordinal", "105"), ("council/105", "idm:startDate", "2014-11-25"),
            ("council/105", "idm:endDate", "2014-11-28")} <= facts


def test_written_after_a_consultation_held_on(facts):
    assert ("note/IC-2014-2", "idm:writtenAfter", "consultation/2014-02-19") in facts


def test_candidates_as_lettered_items(facts):
    for key in ("migrants-cities", "diaspora-engagement"):
        proposal = f"proposal/2015/theme/{key}"
        assert (proposal, "idm:candidate", f"theme/{key}") in facts
        assert (proposal, "idm:proposedIn", "note/IC-2014-2") in facts


# -- generalisations read from a second invented note (tests/data/phrasings/IC-2016-3.txt) ------------------

NOTE_2016 = Path(__file__).parent / "data" / "phrasings" / "IC-2016-3.txt"


@pytest.fixture(scope="module")
def facts_2016(schema_labels):
    return {(str(f.subject), f.prop, str(f.value)) for f in extract_facts([parse_note(NOTE_2016)], *schema_labels)}


#: (what the note says, a fact that must be read from it)
PHRASINGS = [
    # a workshop "hosted" by IOM is held; its place written before weekday dates
    ("IOM hosted the first intersessional workshop ... in Geneva on Monday 11 and Tuesday 12 April 2016",
     ("workshop/2016-1", "idm:status", "status/held")),
    ("... in Geneva on Monday 11 and Tuesday 12 April 2016", ("workshop/2016-1", "idm:venue", "Geneva")),
    ("Monday 11 and Tuesday 12 April 2016", ("workshop/2016-1", "idm:startDate", "2016-04-11")),
    ("Monday 11 and Tuesday 12 April 2016", ("workshop/2016-1", "idm:endDate", "2016-04-12")),
    # attendance: category first, then a counting verb; a figure in words
    ("Participants numbered some 250", ("attendance/workshop/2016-1/participants", "idm:count", "250")),
    ("Participants numbered some 250", ("attendance/workshop/2016-1/participants", "idm:atLeast", "False")),
    ("the delegations of ninety governments", ("attendance/workshop/2016-1/governments", "idm:count", "90")),
    # the place written after the dates; a planned workshop
    ("is planned for 10-11 October 2016 in Geneva", ("workshop/2016-2", "idm:venue", "Geneva")),
    ("is planned for 10-11 October 2016 in Geneva", ("workshop/2016-2", "idm:status", "status/planned")),
    # candidates listed as quoted titles after the proposing words, put forward at an earlier meeting
    ("put forward two possible overarching themes for 2017, “Migrants in vulnerable situations” and ...",
     ("proposal/2017/theme/migrants-vulnerable-situations", "idm:candidate", "theme/migrants-vulnerable-situations")),
    ("At the informal consultations held on 5 April 2016, the Administration put forward ...",
     ("proposal/2017/theme/mobility-world-work", "idm:proposedAt", "consultation/2016-04-05")),
    # a choice referring to the candidates by their place in the list
    ("most Members chose the second, which will therefore guide the IDM in 2017",
     ("year/2017", "idm:overarchingTheme", "theme/mobility-world-work")),
    ("most Members chose the second", ("proposal/2017/theme/migrants-vulnerable-situations", "idm:outcome",
                                       "outcome/notSelected")),
    # a section heading "IDM YEAR: TITLE" repeating the theme printed on the cover
    ("IDM 2016: Follow-up and review of migration commitments",
     ("year/2016", "idm:overarchingTheme", "theme/follow-up-review-migration-commitments")),
    # Council dates in a relative clause after the session's name
    ("One hundred and seventh Session of the Council, which will take place from 22 to 25 November 2016",
     ("council/107", "idm:startDate", "2016-11-22")),
    # "tables ... topics for the intersessional workshops of 2017" with lettered items
    ("The Administration tables the following three topics for the intersessional workshops of 2017",
     ("proposal/2017/topic/fair-recruitment", "idm:proposedIn", "note/IC-2016-3")),
    # a note's own proposals are put to the consultation it was prepared for
    ("4 October 2016 (cover) + topics tabled in the note",
     ("proposal/2017/topic/fair-recruitment", "idm:proposedAt", "consultation/2016-10-04")),
    # "since the informal consultations of DATE"
    ("since the informal consultations of 5 April 2016", ("note/IC-2016-3", "idm:writtenAfter",
                                                          "consultation/2016-04-05")),
]


@pytest.mark.parametrize("words, fact", PHRASINGS, ids=[f"{f[0]} {f[1]}" for _, f in PHRASINGS])
def test_phrasing_is_read(facts_2016, words, fact):
    assert fact in facts_2016, f"not read from: {words}"


def test_no_theme_for_the_year_from_a_heading_unlike_the_cover(facts_2016):
    """'IDM 2017: Mobility and the world of work' names next year's theme, but the cover
    names this year's: the heading alone says nothing."""
    themes = {(s, v) for s, p, v in facts_2016 if p == "idm:overarchingTheme"}
    assert themes == {("year/2016", "theme/follow-up-review-migration-commitments"),
                      ("year/2017", "theme/mobility-world-work")}


def test_proposals_of_an_earlier_meeting_are_not_this_notes_own(facts_2016):
    assert not any(s.startswith("proposal/2017/theme/") and p == "idm:proposedIn" for s, p, _ in facts_2016)


@pytest.mark.parametrize("words, n", [("eighty-six", 86), ("two hundred", 200), ("one hundred and eighty", 180),
                                      ("a hundred", 100), ("twelve", 12), ("hundred", None), ("the", None)])
def test_cardinals_in_words(words, n):
    assert cardinal_from_words(words) == n


@pytest.mark.parametrize("text, start, end", [
    ("on Monday 2 and Tuesday 3 April 2001", dt.date(2001, 4, 2), dt.date(2001, 4, 3)),
    ("on Thursday 11 and Friday 12 July", dt.date(2014, 7, 11), dt.date(2014, 7, 12)),
])
def test_date_spans_with_weekdays(text, start, end):
    d = find_dates(text, 2014)[0]
    assert (d.start, d.end) == (start, end)


@pytest.mark.parametrize("paragraph, date", [
    ("since the last informal consultations took place on 6 April 2011.", "6 April 2011"),
    ("since the informal consultations of 19 February, and submits", "19 February"),
    ("since the previous round of IDM informal consultations, held in Geneva on 6 April 2011", "6 April 2011"),
    ("since the last informal consultations (6 April 2011)", "6 April 2011"),
    ("since 6 April 2011, when the last informal consultations took place", "6 April 2011"),
    ("since the last informal consultations in 2010", None),
])
def test_previous_consultation_phrasings(paragraph, date):
    m = PREVIOUS_IC.search(paragraph)
    assert (m.group(1) if m else None) == date


def test_note_without_cover_named_by_informal_consultations_of():
    note = parse_text("INTERNATIONAL DIALOGUE ON MIGRATION 2016\n\n1. This note covers the Dialogue since the "
                      "informal consultations of 5 April 2016.\n\n2. The first workshop took place.\n")
    assert note.key == "idm-2016-after-2016-04-05"


def test_a_figure_after_a_counting_verb_and_exceeded_is_a_lower_bound(schema_labels):
    pattern = figure_after_pattern(schema_labels[1])
    m = pattern.search("the number of participants exceeded 120 this year")
    assert (m.group("n"), m.group("x")) == ("120", "exceeded")
    assert pattern.search("participants were 12 years old") is None


# -- each generalisation on a few invented lines (a note made of the given sections) --------------------------

COVER = ("IC/2019/2\n\nOriginal: English\nGeneva, 11 March 2019\n\nINTERNATIONAL DIALOGUE ON MIGRATION 2019\n\n"
         "26 March 2019\n\n")


def _facts(body: str, schema_labels) -> set[tuple[str, str, str]]:
    note = parse_text(COVER + "1. This note covers the Dialogue since the informal consultations held on "
                      "15 November 2018.\n\n" + body)
    return {(str(f.subject), f.prop, str(f.value)) for f in extract_facts([note], *schema_labels)}


SNIPPETS = [
    # workshops listed by title, each with its place and dates
    ("## Review\n\n2. Both workshops of 2017 took place as announced: “Implementing the targets” in New York on "
     "18 and 19 April 2017, and “Measuring progress” in Geneva on 30 November and 1 December 2017.\n",
     [("workshop/2017-1", "idm:venue", "New York"), ("workshop/2017-2", "idm:startDate", "2017-11-30"),
      ("workshop/2017-2", "idm:title", "Measuring progress"), ("workshop/2017-1", "idm:status", "status/held")]),
    ("## Review\n\n2. Two intersessional workshops were organized in 2018: “Young migrants”, held in New York on "
     "26-27 March 2018, and “Youth participation”, held in Geneva on 9 and 10 October 2018 and attended by three "
     "hundred participants.\n",
     [("workshop/2018-2", "idm:venue", "Geneva"), ("attendance/workshop/2018-2/participants", "idm:count", "300")]),
    # the place after a building: "at United Nations Headquarters in New York", "at the Palais des Nations in Geneva"
    ("## Workshops\n\n2. The first intersessional workshop of 2019 will take place at United Nations Headquarters in "
     "New York on 18 and 19 April 2019.\n\n3. The second intersessional workshop of 2019 will be held at the Palais "
     "des Nations in Geneva on 9 October 2019.\n",
     [("workshop/2019-1", "idm:venue", "New York"), ("workshop/2019-2", "idm:venue", "Geneva")]),
    # other ways of saying a workshop is still to come, and a follow-up sentence giving its place
    ("## Workshops\n\n2. The second intersessional workshop of 2019, “Youth and work”, is due to take place on 9 "
     "October 2019. It will be held in Geneva.\n",
     [("workshop/2019-2", "idm:status", "status/planned"), ("workshop/2019-2", "idm:venue", "Geneva")]),
    # workshops as items or table rows "First workshop: TITLE | DATES" under a lead giving the status
    ("## Workshops\n\n2. Both workshops will be held in Geneva. The dates are as follows:\n\n| Workshop | Dates |\n"
     "|---|---|\n| First workshop: Readmission and return | 23-24 April 2019 |\n| Second workshop: Smuggling of "
     "migrants | to be confirmed (autumn 2019) |\n",
     [("workshop/2019-1", "idm:title", "Readmission and return"), ("workshop/2019-1", "idm:startDate", "2019-04-23"),
      ("workshop/2019-2", "idm:title", "Smuggling of migrants"), ("workshop/2019-2", "idm:status", "status/planned")]),
    # "The second, “Y”, will take place ...": the next workshop of the same year by its ordinal alone
    ("## Workshops\n\n2. The first workshop of 2019, “Targets”, will be convened in New York on 18 and 19 April "
     "2019. The second, “Data”, will take place in Geneva on 30 November and 1 December 2019.\n",
     [("workshop/2019-2", "idm:title", "Data"), ("workshop/2019-2", "idm:venue", "Geneva"),
      ("workshop/2019-2", "idm:startDate", "2019-11-30"), ("workshop/2019-2", "idm:status", "status/planned")]),
    # a workshop named without a year in a review of an earlier year's workshops
    ("## Review of 2018\n\n2. Two intersessional workshops were convened in Geneva: “Young migrants” (26-27 March "
     "2018) and “Youth participation” (9-10 October 2018).\n\n3. The first workshop brought together a total of 212 "
     "participants; the second was attended by one hundred and eighty participants.\n",
     [("attendance/workshop/2018-1/participants", "idm:count", "212"),
      ("attendance/workshop/2018-2/participants", "idm:count", "180"), ("workshop/2018-1", "idm:venue", "Geneva")]),
    # candidates under headings "Proposal 1 – ..." / "I. ...", the year given by the section heading
    ("## Themes submitted for 2020\n\n2. The Administration submits the two themes below.\n\n"
     "## Proposal 1 – Migration and disaster displacement\n\n3. This theme would look at relocation.\n\n"
     "## II. Migration and public health\n\n4. This theme would look at epidemics.\n",
     [("proposal/2020/theme/migration-disaster-displacement", "idm:proposedIn", "note/IC-2019-2"),
      ("proposal/2020/theme/migration-public-health", "idm:candidate", "theme/migration-public-health")]),
    # "invites Members to consider, for 2020, one of the following themes: (i) “X”; (ii) “Y”"
    ("## Looking ahead\n\n2. The Administration invites Members to consider, for 2020, one of the following themes, "
     "on which it would welcome their views at the present consultations: (i) “Youth and migration”; and (ii) "
     "“Migration and health”.\n",
     [("proposal/2020/theme/youth-migration", "idm:proposedIn", "note/IC-2019-2"),
      ("proposal/2020/theme/migration-health", "idm:proposedAt", "consultation/2019-03-26")]),
    # candidates as bullets after a paragraph on topics for the next year, without a proposing verb
    ("## Topics\n\n2. Members are invited to weigh the following topics for the two intersessional workshops "
     "foreseen in 2020, and to select two of them:\n- “Remittances”: lower costs;\n- “Diaspora skills”: temporary "
     "return;\n- “Dual citizenship”: rights abroad.\n",
     [("proposal/2020/topic/remittances", "idm:proposedIn", "note/IC-2019-2"),
      ("proposal/2020/topic/dual-citizenship", "idm:candidate", "topic/dual-citizenship")]),
    # topics decided at an autumn consultation are next year's; the one not taken up was not selected
    ("## Workshops\n\n2. At the informal consultations of 8 November 2018 the membership approved two of the three "
     "topics tabled by the Administration, “Remittances” and “Diaspora skills”; the third, “Dual citizenship”, was "
     "not taken up.\n",
     [("proposal/2019/topic/remittances", "idm:outcome", "outcome/selected"),
      ("proposal/2019/topic/remittances", "idm:proposedAt", "consultation/2018-11-08"),
      ("proposal/2019/topic/dual-citizenship", "idm:outcome", "outcome/notSelected")]),
    # a conference held on a date is the meeting later figures belong to
    ("## Events\n\n2. The Conference on Migrants and Cities was hosted by IOM in Geneva on 26 and 27 October 2018. "
     "Close to 600 participants attended, among them the representatives of 110 governments.\n",
     [("attendance/conference/2018-10-26/participants", "idm:count", "600"),
      ("attendance/conference/2018-10-26/governments", "idm:count", "110")]),
    # "Participation exceeded 250" is a lower bound of the participants
    ("## Workshops\n\n2. The second intersessional workshop of 2018 was organized in Geneva on 10 and 11 September "
     "2018. Participation exceeded 250.\n",
     [("attendance/workshop/2018-2/participants", "idm:count", "250"),
      ("attendance/workshop/2018-2/participants", "idm:atLeast", "True")]),
    # a theme "approved"; "settled on" with the year before it; a choice before a mention of proposals
    ("## Themes\n\n2. At the consultations of 8 November 2018, the membership approved “Migration and cities” as the "
     "overarching theme for 2019.\n\n3. For 2020 the membership settled on “Youth and migration”, which had been put "
     "forward in document IC/2018/1; the two other themes proposed were not taken up.\n",
     [("year/2019", "idm:overarchingTheme", "theme/migration-cities"),
      ("year/2020", "idm:overarchingTheme", "theme/youth-migration")]),
    # an introduction that points ahead, then a run of candidate-shaped headings
    ("## Themes for the coming year\n\n2. The Administration submits the following for the consideration of the "
     "membership.\n\n## Option A: Migration and health\n\n3. Text.\n\n## Option B: Youth and migration\n\n"
     "4. Text.\n",
     [("proposal/2020/theme/migration-health", "idm:proposedIn", "note/IC-2019-2"),
      ("proposal/2020/theme/youth-migration", "idm:candidate", "theme/youth-migration")]),
    # a candidate theme that "would build on the discussions held in YEAR under “TITLE”"
    ("## Themes proposed for 2020\n\n2. The Administration submits the two themes below.\n\n## (a) Migration and "
     "health\n\n3. This theme would build on the discussions held in 2017 under “Migration and the State”.\n",
     [("theme/migration-health", "idm:buildsOn", "theme/migration-state")]),
    # other ways of saying a theme was chosen
    ("## Themes\n\n2. In the written round, “Migration and cities” received the most support and will be the "
     "overarching theme for 2020.\n\n3. The membership’s choice fell on “Youth and migration” as the overarching "
     "theme of the IDM in 2021.\n",
     [("year/2020", "idm:overarchingTheme", "theme/migration-cities"),
      ("year/2021", "idm:overarchingTheme", "theme/youth-migration")]),
    # the dates of a Council session after its name, in the same sentence
    ("## Council\n\n2. The IDM session at the One hundred and ninth Session of the Council, from 27 to 30 November "
     "2018, brought together ministers.\n",
     [("council/109", "idm:startDate", "2018-11-27"), ("council/109", "idm:endDate", "2018-11-30")]),
]


@pytest.mark.parametrize("body, expected", SNIPPETS, ids=[str(e[0]) for _, e in SNIPPETS])
def test_generalisation_on_a_snippet(schema_labels, body, expected):
    facts = _facts(body, schema_labels)
    missing = [f for f in expected if f not in facts]
    assert not missing, missing


NOT_FACTS = [
    # a working title is not the workshop's title
    ("## Review of 2018\n\n2. Two intersessional workshops were convened in Geneva: “Young migrants” (26-27 March "
     "2018) and “Youth participation” (9-10 October 2018). The second workshop, prepared under the working title "
     "“Youth voices”, was renamed.\n", ("workshop/2018-2", "idm:title", "Youth voices")),
    # section headings in capitals or roman numbering are not candidates
    ("## Themes submitted for 2020\n\n2. The Administration submits the two themes below.\n\n"
     "## I. THE IDM IN 2019\n\n3. The year went well.\n",
     ("proposal/2020/theme/idm-2019", "rdf:type", "class/Proposal")),
    # a single candidate-shaped heading after an introduction is not a run
    ("## Themes for the coming year\n\n2. The Administration submits the following for the consideration of the "
     "membership.\n\n## Option A: Migration and health\n\n3. Text.\n\n## Other matters\n\n4. Text.\n",
     ("proposal/2020/theme/migration-health", "rdf:type", "class/Proposal")),
    # a theme not taken up is not the year's theme
    ("## Themes\n\n2. The theme “Migration and health” was not taken up as the overarching theme for 2020.\n",
     ("year/2020", "idm:overarchingTheme", "theme/migration-health")),
    # figures in another section are not the last workshop's
    ("## Review\n\n2. The first intersessional workshop of 2018 was held in Geneva on 3 May 2018.\n\n## Outlook\n\n"
     "3. A one-day seminar gathered 187 participants.\n",
     ("attendance/workshop/2018-1/participants", "idm:count", "187")),
]


@pytest.mark.parametrize("body, fact", NOT_FACTS, ids=[str(f) for _, f in NOT_FACTS])
def test_not_read_as_a_fact(schema_labels, body, fact):
    assert fact not in _facts(body, schema_labels)


@pytest.mark.parametrize("after, paragraphs", [
    (" (paras 19–20).", [19, 20]), (" (para. 9-11)", [9, 10, 11]), (", paragraph 9.", [9]),
    (", paragraphs 7 and 8.", [7, 8]), (" (paras. 3, 5 and 7)", [3, 5, 7]), (" (paragraphs 4 to 6)", [4, 5, 6]),
    (", para 2008", []), (" of 2009", []),
])
def test_cited_paragraphs_after_a_symbol(after, paragraphs):
    m = CITED_PARAS.match(after)
    found = [n for piece in RANGE.finditer(m.group("list")) if m
             for n in range(int(piece.group("a")), int(piece.group("b") or piece.group("a")) + 1)] if m else []
    assert found == paragraphs


# -- second round: structures and wordings the first round was not shown -------------------------------------

@pytest.mark.parametrize("paragraph, date", [
    ("since the informal consultations that were convened on Thursday, 4 May 2017. It", "4 May 2017"),
    ("since 3 May 2017, when the membership last met in informal consultations", "3 May 2017"),
    ("The last informal consultations took place on 2 June 2017. This note", "2 June 2017"),
    ("covers the period that began with the informal consultations of 7 November 2016.", "7 November 2016"),
    ("The last workshop took place on 2 June 2017.", None),
])
def test_previous_consultation_phrasings_second_round(paragraph, date):
    m = PREVIOUS_IC.search(paragraph)
    assert (m.group(1) if m else None) == date


def test_days_listed_before_a_span_across_months():
    d = find_dates("on 28 and 29 February and 1 March 2012")[0]
    assert (d.start, d.end) == (dt.date(2012, 2, 28), dt.date(2012, 3, 1))
    assert [(d.start, d.end) for d in find_dates("on 3 and 4 May and 20 June 2012")][0] != (
        dt.date(2012, 5, 3), dt.date(2012, 6, 20))


def test_an_item_opening_with_bold_keeps_its_colon():
    note = parse_text(COVER + "1. This note covers the Dialogue since the informal consultations held on "
                      "15 November 2018.\n\n## Themes\n\n2. The Administration submits two themes for 2020:\n\n"
                      "- **Health: a shared good.** The IDM would look at care.\n- **Cities.** The IDM would look "
                      "at towns.\n")
    items = note.paragraph(2).items
    assert [note.paragraph(2).text[i.start:i.start + i.emphasis] for i in items] == ["Health: a shared good.",
                                                                                     "Cities."]


SNIPPETS_2 = [
    # a workshop introduced without an ordinal: the next one of its year
    ("## The IDM in 2019\n\n2. A two-day workshop entitled “Cities and newcomers” was convened in Bern on 4 and 5 "
     "March 2019, with some 150 participants from 60 countries.\n",
     [("workshop/2019-1", "idm:ordinal", "1"), ("workshop/2019-1", "idm:title", "Cities and newcomers"),
      ("workshop/2019-1", "idm:venue", "Bern"), ("workshop/2019-1", "idm:status", "status/held"),
      ("attendance/workshop/2019-1/countries", "idm:count", "60")]),
    # attendance wordings of the vocabulary: Member States, civil society organizations, government officials
    ("## Workshops\n\n2. The first intersessional workshop of 2018 was held in Geneva on 3 May 2018. It was attended "
     "by delegates of 81 Member States and 17 civil society organizations; of the 240 participants, 120 were "
     "government officials.\n",
     [("attendance/workshop/2018-1/governments", "idm:count", "81"),
      ("attendance/workshop/2018-1/non-governmental-organizations", "idm:count", "17"),
      ("attendance/workshop/2018-1/government-representatives", "idm:count", "120")]),
    ("## Workshops\n\n2. The first intersessional workshop of 2018 was held in Geneva on 3 May 2018. It drew 210 "
     "participants, 95 of them government delegates.\n",
     [("attendance/workshop/2018-1/government-representatives", "idm:count", "95")]),
    # the theme chosen "in preference to" another, and chosen at a consultation: both were candidates
    ("## Themes\n\n2. “Migration and cities” is the overarching theme the membership adopted for 2019 at the "
     "consultations of 8 November 2018, in preference to “Migration and trade”.\n",
     [("proposal/2019/theme/migration-cities", "idm:outcome", "outcome/selected"),
      ("proposal/2019/theme/migration-trade", "idm:outcome", "outcome/notSelected")]),
    # a theme settled on, the year from the section heading, the other candidate in the next sentence
    ("## The Dialogue in 2019\n\n2. “Migration and cities” is the theme on which the membership agreed at the "
     "consultations of 8 November 2018. It was proposed along with “Migration and trade”, which may return later.\n",
     [("year/2019", "idm:overarchingTheme", "theme/migration-cities"),
      ("proposal/2019/theme/migration-trade", "idm:outcome", "outcome/notSelected")]),
    ("## Themes\n\n2. The overarching theme that will guide the IDM in 2019 is “Migration and cities”. Members "
     "preferred it, in the survey, to “Migration and trade”, the other theme offered at the November "
     "consultations.\n",
     [("year/2019", "idm:overarchingTheme", "theme/migration-cities"),
      ("proposal/2019/theme/migration-trade", "idm:outcome", "outcome/notSelected"),
      ("proposal/2019/theme/migration-trade", "idm:proposedAt", "consultation/2018-11-15")]),
    # topics selected, the workshops listed as table rows: each workshop is on its topic
    ("## Workshops\n\n2. At the consultations of 8 November 2018 Members selected two workshop topics, as follows:"
     "\n\n| Workshop | Dates |\n|---|---|\n| First workshop: Remittances and savings | 2-3 April 2019 |\n"
     "| Second workshop: Diaspora skills | autumn 2019 |\n",
     [("workshop/2019-1", "idm:onTopic", "topic/remittances-savings"),
      ("proposal/2019/topic/diaspora-skills", "idm:outcome", "outcome/selected")]),
    # topics chosen "for the first workshop", "for the second workshop"; another "was not taken up"
    ("## Workshops\n\n2. At the consultations of 8 November 2018, Members chose the following topics for the two "
     "workshops of 2019: “Remittances and savings”, for the first workshop, which will be held in Geneva on 2 and 3 "
     "April 2019; and “Diaspora skills”, for the second workshop. A third topic, “Dual citizenship”, was not "
     "taken up.\n",
     [("workshop/2019-1", "idm:title", "Remittances and savings"), ("workshop/2019-1", "idm:venue", "Geneva"),
      ("workshop/2019-1", "idm:startDate", "2019-04-02"), ("workshop/2019-2", "idm:onTopic", "topic/diaspora-skills"),
      ("workshop/2019-2", "idm:status", "status/planned"),
      ("proposal/2019/topic/dual-citizenship", "idm:outcome", "outcome/notSelected"),
      ("proposal/2019/topic/remittances-savings", "idm:proposedAt", "consultation/2018-11-08")]),
    # topics decided by what they are about, not by title: found among the year's proposed topics
    ("## Topics\n\n2. The Administration puts forward three topics for the workshops of 2019: (a) “Seasonal "
     "labour schemes”; (b) “Diaspora bonds and investment”; and (c) “Planned relocation of communities”.\n\n"
     "## Decisions\n\n3. At the consultations of 8 November 2018, of the three topics suggested for the 2019 "
     "workshops, the membership approved the first two, on labour schemes and on diaspora bonds. The third, on "
     "planned relocation, received the least support and was set aside.\n",
     [("proposal/2019/topic/seasonal-labour-schemes", "idm:outcome", "outcome/selected"),
      ("proposal/2019/topic/diaspora-bonds-investment", "idm:proposedAt", "consultation/2018-11-08"),
      ("proposal/2019/topic/planned-relocation-communities", "idm:outcome", "outcome/notSelected")]),
    # other ways of saying a topic was not selected
    ("## Workshops\n\n2. At the informal consultations of 8 November 2018 the membership approved two of the three "
     "topics, “Remittances” and “Diaspora skills”; the third, “Dual citizenship”, was set aside.\n",
     [("proposal/2019/topic/dual-citizenship", "idm:outcome", "outcome/notSelected")]),
    # a workshop on a topic named by description, and one by its letter in the list it was proposed in
    ("## Workshops\n\n2. The Administration puts forward three topics for the workshops of 2019: (a) “Early "
     "warning and disaster preparedness”; (b) “Planned relocation”; and (c) “Seasonal labour schemes for rural "
     "workers”.\n\n3. The first workshop of 2019, on seasonal labour for rural workers, was held in Geneva on 4 "
     "March 2019.\n\n4. The second workshop, which will take up topic (a), will be held in Geneva on 9 October "
     "2019.\n",
     [("workshop/2019-1", "idm:onTopic", "topic/seasonal-labour-schemes-rural-workers"),
      ("workshop/2019-2", "idm:onTopic", "topic/early-warning-disaster-preparedness"),
      ("proposal/2019/topic/planned-relocation", "idm:outcome", "outcome/notSelected")]),
    # a title held under, after an announced one; a provisional title of a workshop still to come
    ("## Workshops\n\n2. The first workshop of 2019, announced for April as “Data and mobility”, was postponed. It "
     "was convened in Geneva on 3 June 2019 under the title “Data for migration policy”.\n\n3. The second workshop "
     "is scheduled for 9 October 2019, under the provisional title “Cities and migrants”.\n",
     [("workshop/2019-1", "idm:title", "Data for migration policy"),
      ("workshop/2019-2", "idm:title", "Cities and migrants")]),
    # a Council document cited with paragraphs; a Council session the Council "will hold"
    ("## Council\n\n2. The Council will hold its One hundred and tenth Session from 26 to 29 November 2019. See "
     "document C/109/RP/12 (paras 4–5).\n",
     [("council/110", "idm:startDate", "2019-11-26"),
      ("citation/IC-2019-2/p/2/C-109-RP-12", "idm:citedParagraph", "5")]),
    # a conference named with an apposition before its verb; its figures are its own
    ("## Events\n\n2. The Conference on Labour Mobility, organized by IOM with the Government of Chile, met in "
     "Santiago (14-16 May 2018). The conference gathered over five hundred participants from 70 countries.\n",
     [("attendance/conference/2018-05-14/participants", "idm:count", "500"),
      ("attendance/conference/2018-05-14/participants", "idm:atLeast", "True")]),
    # a workshop heading numbered in roman figures, its paragraph giving the dates
    ("## Workshop II – Skills partnerships\n\n2. The second workshop is foreseen for 9 and 10 October 2019 in "
     "Geneva.\n",
     [("workshop/2019-2", "idm:title", "Skills partnerships"), ("workshop/2019-2", "idm:startDate", "2019-10-09"),
      ("workshop/2019-2", "idm:venue", "Geneva")]),
    # themes in a table: the first cell is the title
    ("## Themes for 2020\n\n2. The Administration invites Members to consider the two themes in the table below.\n\n"
     "| Theme | Background |\n|---|---|\n| Migration and health: care for all | New |\n"
     "| Youth and migration | Submitted before |\n",
     [("proposal/2020/theme/migration-health-care-all", "idm:candidate", "theme/migration-health-care-all")]),
]


@pytest.mark.parametrize("body, expected", SNIPPETS_2, ids=[str(e[0]) for _, e in SNIPPETS_2])
def test_second_round_generalisation_on_a_snippet(schema_labels, body, expected):
    facts = _facts(body, schema_labels)
    missing = [f for f in expected if f not in facts]
    assert not missing, missing


NOT_FACTS_2 = [
    # a workshop introduced without an ordinal whose title is that of one already named is not another
    ("## Workshops\n\n2. The first intersessional workshop of 2019, “Cities and newcomers”, was held in Geneva on 4 "
     "March 2019.\n\n3. A one-day workshop, “Cities and newcomers”, was organized in Geneva on 4 March 2019.\n",
     ("workshop/2019-2", "rdf:type", "class/IntersessionalWorkshop")),
    # figures of a conference are not those of the workshop talked about before it
    ("## Workshops\n\n2. The first intersessional workshop of 2018 was held in Geneva on 3 May 2018.\n\n"
     "3. The Council held its One hundred and ninth Session on 27 November 2018.\n\n"
     "4. A week earlier, the regional conference gathered 400 participants from 90 countries.\n",
     ("attendance/workshop/2018-1/participants", "idm:count", "400")),
    # a decision meeting is not where the candidates were proposed
    ("## Themes\n\n2. At the consultations of 8 November 2018, the membership approved “Migration and cities” as the "
     "overarching theme for 2019.\n",
     ("proposal/2019/theme/migration-cities", "idm:proposedAt", "consultation/2018-11-08")),
    # a description that fits two topics equally names neither
    ("## Workshops\n\n2. The Administration puts forward two topics for the workshops of 2019: (a) “Labour "
     "schemes in cities”; and (b) “Labour schemes in rural areas”.\n\n3. The first workshop of 2019, on labour "
     "schemes, was held in Geneva on 4 March 2019.\n",
     ("workshop/2019-1", "idm:onTopic", "topic/labour-schemes-cities")),
    # working facts of the rules never reach the graph
    ("## Workshops\n\n2. The Administration puts forward three topics for the workshops of 2019: (a) “Early "
     "warning”; (b) “Planned relocation”; and (c) “Labour schemes”.\n",
     ("proposal/2019/topic/early-warning", "idm:_listLabel", "a")),
]


@pytest.mark.parametrize("body, fact", NOT_FACTS_2, ids=[str(f) for _, f in NOT_FACTS_2])
def test_second_round_not_read_as_a_fact(schema_labels, body, fact):
    assert fact not in _facts(body, schema_labels)


def test_cross_note_indexes_give_the_same_results_in_linear_time():
    """Facts.subjects and the workshops of a year are indexed once: resolving twice as many
    notes' facts takes about twice as long, not four times."""
    import time

    from idmkg.extract.resolve import Facts
    from idmkg.model import Fact, Ref

    def corpus(n):
        facts = []
        for i in range(n):
            w = Ref("workshop", f"{2000 + i % 20}-{i}")
            facts += [Fact(w, "rdf:type", Ref("class", "IntersessionalWorkshop"), ()),
                      Fact(w, "idm:servesYear", Ref("year", str(2000 + i % 20)), ())]
        return facts

    idx = Facts(corpus(40))
    assert idx.subjects("IntersessionalWorkshop") == sorted({f.subject for f in idx.facts if f.prop == "rdf:type"},
                                                            key=str)
    assert idx.workshops_of(Ref("year", "2001")) == [w for w in idx.subjects("IntersessionalWorkshop")
                                                     if Ref("year", "2001") in idx.values(w, "idm:servesYear")]

    def timed(n):
        idx = Facts(corpus(n))
        t = time.perf_counter()
        for y in range(2000, 2020):
            for _ in range(50):
                idx.workshops_of(Ref("year", str(y)))
                idx.subjects("IntersessionalWorkshop")
        return time.perf_counter() - t

    small, large = timed(2000), timed(8000)
    assert large < small * 8  # quadratic would be ~16x


def _cover_note_facts(body: str, schema_labels) -> set[tuple[str, str, str]]:
    note = parse_text("INTERNATIONAL DIALOGUE ON MIGRATION 2004\n\nValuing migration: costs and\n\nbenefits\n\n"
                      "1. This note covers the Dialogue since the last informal consultations (22 April 2004).\n\n"
                      + body)
    return {(str(f.subject), f.prop, str(f.value)) for f in extract_facts([note], *schema_labels)}


def test_the_cover_theme_is_the_years_theme_when_the_text_names_none(schema_labels):
    facts = _cover_note_facts("2. The workshops went well.\n", schema_labels)
    assert ("year/2004", "idm:overarchingTheme", "theme/valuing-migration-costs-benefits") in facts
    assert not any(p.startswith("idm:_") for _, p, _ in facts)


def test_the_cover_theme_adds_no_second_theme_to_a_year(schema_labels):
    facts = _cover_note_facts("2. The IDM in 2004 was guided by the overarching theme “Migration and trade”.\n",
                              schema_labels)
    themes = {v for s, p, v in facts if s == "year/2004" and p == "idm:overarchingTheme"}
    assert themes == {"theme/migration-trade"}


def test_an_elliptic_ordinal_without_a_workshop_before_it_does_not_crash(schema_labels):
    # "The second, “X”, would build on ...": no workshop named before it in the paragraph, so the
    # sentence names no workshop; it used to raise IndexError (no group "year") in workshops.read
    facts = _facts("## Themes\n\n2. Two themes were proposed. The second, “Building resilience”, would build on "
                   "the discussions of 2014.\n", schema_labels)
    assert not any(s.startswith("workshop/") for s, _, _ in facts)


def test_an_elliptic_ordinal_after_a_workshop_names_the_next_one(schema_labels):
    facts = _facts("## Workshops\n\n2. The first workshop of 2019, “Labour mobility”, will take place in Geneva on "
                   "9 April 2019. The second, “Building resilience”, will be held in New York on 8 October 2019.\n",
                   schema_labels)
    assert ("workshop/2019-2", "idm:title", "Building resilience") in facts
