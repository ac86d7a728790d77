"""Tests of idmkg.dates: the date expressions the notes use, as examples and as properties."""
from __future__ import annotations

import calendar
import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from idmkg.dates import DAY_TEXT, find_dates, find_dates_from, parse_date

FAST = settings(max_examples=200, deadline=None, database=None)
MONTHS = [calendar.month_name[i] for i in range(1, 13)]
D = dt.date


def spans(text, year=None):
    return [(d.start, d.end, text[d.text_start:d.text_end], d.year_given) for d in find_dates(text, year)]


# ---------------------------------------------------------------------------
# the expressions of the notes
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,year,expected", [
    ("Geneva, 24 September 2009", None, [(D(2009, 9, 24), D(2009, 9, 24), "24 September 2009", True)]),
    ("workshops (21-22 April) and (7-8 July).", 2008,
     [(D(2008, 4, 21), D(2008, 4, 22), "21-22 April", False), (D(2008, 7, 7), D(2008, 7, 8), "7-8 July", False)]),
    ("held in Geneva on 9 and 10 July 2009 and", None, [(D(2009, 7, 9), D(2009, 7, 10), "9 and 10 July 2009", True)]),
    ("A Shared Responsibility (25-26 March, 2009)", None,
     [(D(2009, 3, 25), D(2009, 3, 26), "25-26 March, 2009", True)]),
    ("was held on February 19 in Geneva", 2008, [(D(2008, 2, 19), D(2008, 2, 19), "February 19", False)]),
    ("the Council (23-26 November 2009) will", None,
     [(D(2009, 11, 23), D(2009, 11, 26), "23-26 November 2009", True)]),
    ("paras 19–20 July 2010", None, [(D(2010, 7, 19), D(2010, 7, 20), "19–20 July 2010", True)]),
    ("from 3 to 5 May 2011", None, [(D(2011, 5, 3), D(2011, 5, 5), "3 to 5 May 2011", True)]),
    ("on February 19, 2008 and", 2020, [(D(2008, 2, 19), D(2008, 2, 19), "February 19, 2008", True)]),
    ("on February 19 2008 and", 2020, [(D(2008, 2, 19), D(2008, 2, 19), "February 19 2008", True)]),
    ("the 29 April informal consultations", 2008, [(D(2008, 4, 29), D(2008, 4, 29), "29 April", False)]),
    ("since 26 February 2007, and on 18 October 2007:", None,
     [(D(2007, 2, 26), D(2007, 2, 26), "26 February 2007", True),
      (D(2007, 10, 18), D(2007, 10, 18), "18 October 2007", True)]),
])
def test_note_expressions(text, year, expected):
    assert spans(text, year) == expected


def test_missing_year_without_context_is_skipped():
    assert find_dates("on 21-22 April and February 19 and 29 April") == []
    assert spans("21-22 April and 3 May 2009") == [(D(2009, 5, 3), D(2009, 5, 3), "3 May 2009", True)]


@pytest.mark.parametrize("text", [
    "31 February 2009", "30-31 April 2009", "0 May 2009", "February 30", "32 May 2009",
    "May 2009", "in 2009", "September", "24 september 2009", "IC/2009/10", "", "MC/2266",
])
def test_not_dates(text):
    assert find_dates(text, 2009) == []


def test_reversed_range_is_not_a_range():
    found = find_dates("the 26-23 November 2009 meeting")
    assert all(d.start <= d.end for d in found)
    assert spans("the 26-23 November 2009 meeting") == [
        (D(2009, 11, 23), D(2009, 11, 23), "23 November 2009", True)]


def test_no_overlap_range_wins_over_single_day():
    assert spans("9 and 10 July 2009") == [(D(2009, 7, 9), D(2009, 7, 10), "9 and 10 July 2009", True)]


def test_parse_date():
    assert parse_date("Geneva, 16 April 2010") == D(2010, 4, 16)
    assert parse_date("23-26 November 2009") == D(2009, 11, 23)
    assert parse_date("21-22 April", 2008) == D(2008, 4, 21)
    assert parse_date("21-22 April") is None
    assert parse_date("no date here") is None


# ---------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------

# Filler words: letters only, never a month name nor a range word ("and", "to"), so they
# cannot change a date's meaning ("February 19 and 20 March 2009" would be a range).
FILLER_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                      min_size=1, max_size=9).filter(lambda w: w not in MONTHS and w not in ("and", "to"))
FILLER = st.lists(FILLER_WORD, min_size=1, max_size=4).map(" ".join)
SEPARATOR = st.sampled_from([" ", ", ", " (", ") ", ". ", "; ", " “", "” "])
DATES = st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31))


@st.composite
def expressions(draw, context_year):
    """One date expression: (text, start, end, year_given) or None when it has no year and no context."""
    start = draw(DATES)
    month = MONTHS[start.month - 1]
    last = calendar.monthrange(start.year, start.month)[1]
    end = start.replace(day=draw(st.integers(start.day, last)))
    day = str(start.day).zfill(draw(st.sampled_from([1, 2])))
    kind = draw(st.sampled_from(["D Month YYYY", "D Month", "D-E Month", "D-E Month YYYY",
                                 "D and E Month YYYY", "Month D", "Month D, YYYY", "Month D YYYY"]))
    dash = draw(st.sampled_from(["-", "–", " - ", " and ", " to "]))
    comma = draw(st.sampled_from(["", ","]))
    text = {
        "D Month YYYY": f"{day} {month}{comma} {start.year}",
        "D Month": f"{day} {month}",
        "D-E Month": f"{day}{dash}{end.day} {month}",
        "D-E Month YYYY": f"{day}{dash}{end.day} {month}{comma} {start.year}",
        "D and E Month YYYY": f"{day} and {end.day} {month} {start.year}",
        "Month D": f"{month} {day}",
        "Month D, YYYY": f"{month} {day}, {start.year}",
        "Month D YYYY": f"{month} {day} {start.year}",
    }[kind]
    if "E" not in kind:
        end = start
    year_given = "YYYY" in kind
    if not year_given:
        if context_year is None:
            return text, None
        try:
            start, end = start.replace(year=context_year), end.replace(year=context_year)
        except ValueError:  # 29 February in a context year that is not a leap year: skipped
            return text, None
    return text, (start, end, year_given)


@st.composite
def texts_with_dates(draw):
    context_year = draw(st.one_of(st.none(), st.integers(1900, 2099)))
    text, expected = draw(FILLER), []
    for _ in range(draw(st.integers(0, 5))):
        expr, result = draw(expressions(context_year))
        text += draw(SEPARATOR)
        if result is not None:
            expected.append((*result, len(text), len(text) + len(expr)))
        text += expr + draw(SEPARATOR) + draw(FILLER)
    return text, context_year, expected


@FAST
@given(texts_with_dates())
def test_property_dates_in_random_text(case):
    text, context_year, expected = case
    got = [(d.start, d.end, d.year_given, d.text_start, d.text_end) for d in find_dates(text, context_year)]
    assert got == expected, text


@FAST
@given(st.text(), st.one_of(st.none(), st.integers(1, 9999)))
def test_property_arbitrary_text_never_raises(text, context_year):
    found = find_dates(text, context_year)
    previous_end = 0
    for d in found:
        assert previous_end <= d.text_start < d.text_end <= len(text)
        assert d.start <= d.end
        previous_end = d.text_end


@FAST
@given(st.lists(st.one_of(st.sampled_from(MONTHS + ["and", "to", "-", "–", ",", " ", "2009", "19", "31", "0"]),
                          st.integers(0, 40).map(str), st.text(max_size=3)), max_size=12).map(" ".join),
       st.one_of(st.none(), st.integers(1900, 2099)))
def test_property_date_like_text_never_raises(text, context_year):
    for d in find_dates(text, context_year):
        assert d.start <= d.end and text[d.text_start:d.text_end]


@pytest.mark.parametrize("text, start, end", [
    # a weekday with a comma on each side of "to", and a comma after the first date
    ("From Monday, 4 March, to Tuesday, 5 March 2019, delegates met", dt.date(2019, 3, 4), dt.date(2019, 3, 5)),
    # days written as ordinals, "of" before the month
    ("on the 4th and 5th of March 2019", dt.date(2019, 3, 4), dt.date(2019, 3, 5)),
    ("on the 21st of June", dt.date(2019, 6, 21), dt.date(2019, 6, 21)),
])
def test_weekday_commas_and_ordinal_days(text, start, end):
    d = find_dates(text, 2019)[0]
    assert (d.start, d.end) == (start, end)


def test_a_comma_before_and_keeps_two_dates():
    """"4 March, and 5 June 2019": two dates of a list, not a span from March to June."""
    assert [(d.start, d.end) for d in find_dates("on 4 March, and 5 June 2019", 2019)] == [
        (dt.date(2019, 3, 4), dt.date(2019, 3, 4)), (dt.date(2019, 6, 5), dt.date(2019, 6, 5))]


# ---------------------------------------------------------------------------
# ordinal days in every form, and DAY_TEXT (one day with its year, for rules)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,year,start,end,written", [
    ("held on the 15th of November 2018, where", None, D(2018, 11, 15), D(2018, 11, 15), "15th of November 2018"),
    ("held on 15th November 2018.", None, D(2018, 11, 15), D(2018, 11, 15), "15th November 2018"),
    ("held on November 15th, 2018.", None, D(2018, 11, 15), D(2018, 11, 15), "November 15th, 2018"),
    ("on 1st-2nd March 2019", None, D(2019, 3, 1), D(2019, 3, 2), "1st-2nd March 2019"),
    ("on 21st and 22nd April", 2008, D(2008, 4, 21), D(2008, 4, 22), "21st and 22nd April"),
    ("on the 3rd of May", 2010, D(2010, 5, 3), D(2010, 5, 3), "3rd of May"),
    ("from 30th November to 2nd December 2005", None, D(2005, 11, 30), D(2005, 12, 2), "30th November to 2nd December 2005"),
])
def test_ordinal_days_in_every_form(text, year, start, end, written):
    assert spans(text, year) == [(start, end, written, year is None)]


@pytest.mark.parametrize("text", ["its 15th anniversary in November 2018", "the 21st century", "the 2nd session",
                                  "November 15thly", "15thNovember 2018"])
def test_ordinal_numbers_that_are_not_days(text):
    assert find_dates(text, 2018) == []


@pytest.mark.parametrize("text", ["15 November 2018", "the 15th of November 2018", "15th November, 2018",
                                  "November 15, 2018", "November 15th 2018", "15th of November 2018"])
def test_day_text_matches_one_day_with_its_year(text):
    assert re.fullmatch(DAY_TEXT, text)
    assert parse_date(text) == D(2018, 11, 15)


@pytest.mark.parametrize("text", ["15 November", "the 15th of November", "November 2018", "15-16 November 2018",
                                  "15 Novembre 2018", "November 15"])
def test_day_text_near_misses(text):
    assert not re.fullmatch(DAY_TEXT, text)


@FAST
@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)),
       st.sampled_from(["{d} {m} {y}", "the {d}{o} of {m} {y}", "{d}{o} {m} {y}", "{d}{o} {m}, {y}", "{m} {d}, {y}",
                        "{m} {d}{o}, {y}", "{m} {d}{o} {y}"]),
       st.text(alphabet="abc ,.;", max_size=10))
def test_property_day_text_and_find_dates_agree(day, form, filler):
    o = {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10 if day.day not in (11, 12, 13) else 0, "th")
    written = form.format(d=day.day, o=o, m=MONTHS[day.month - 1], y=day.year)
    assert re.fullmatch(DAY_TEXT, written)
    found = find_dates(f"{filler} {written} {filler}")
    assert [(d.start, d.end) for d in found] == [(day, day)]


# ---------------------------------------------------------------------------
# find_dates_from: a date without its year, the first such day on or after a day the text is known to follow
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,after,expected", [
    ("the forthcoming informal consultations on 26 March", D(2019, 3, 11), [(D(2019, 3, 26), D(2019, 3, 26))]),
    ("the forthcoming informal consultations on 26 March", D(2019, 3, 26), [(D(2019, 3, 26), D(2019, 3, 26))]),
    ("the forthcoming informal consultations on 26 March", D(2019, 4, 2), [(D(2020, 3, 26), D(2020, 3, 26))]),
    ("the next workshop, on the 15th of January", D(2019, 11, 20), [(D(2020, 1, 15), D(2020, 1, 15))]),
    ("from 30 December to 2 January", D(2019, 12, 1), [(D(2019, 12, 30), D(2020, 1, 2))]),
    ("from 30 December to 2 January", D(2020, 1, 1), [(D(2020, 12, 30), D(2021, 1, 2))]),
    # a date with its year is as written, even before the day
    ("the consultations of 15 November 2018 and 26 March", D(2019, 3, 11),
     [(D(2018, 11, 15), D(2018, 11, 15)), (D(2019, 3, 26), D(2019, 3, 26))]),
    ("29 February", D(2019, 3, 1), [(D(2020, 2, 29), D(2020, 2, 29))]),
    ("from 30 December to 2 January", D(2019, 12, 31), [(D(2020, 12, 30), D(2021, 1, 2))]),
    ("29 February", D(2020, 3, 1), [(D(2024, 2, 29), D(2024, 2, 29))]),
    ("no date here, only March", D(2019, 3, 11), []),
])
def test_find_dates_from(text, after, expected):
    found = find_dates_from(text, after)
    assert [(d.start, d.end) for d in found] == expected
    assert [text[d.text_start:d.text_end] for d in found] == [text[d.text_start:d.text_end] for d in find_dates(text, 2000)]


@FAST
@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)), st.integers(1, 12), st.integers(1, 28))
def test_property_find_dates_from_is_the_first_day_on_or_after(after, month, day):
    [d] = find_dates_from(f"on {day} {MONTHS[month - 1]}.", after)
    assert d.start >= after and (d.start - after).days < 366 and (d.start.month, d.start.day) == (month, day)
    assert not d.year_given
