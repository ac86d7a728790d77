"""Dates as the notes write them: "24 September 2009", "21-22 April", "9 and 10 July 2009",
"(25-26 March, 2009)", "February 19", "23-26 November 2009", "Monday 2 and Tuesday 3 April
2001", "29 and 30 November and 1 December 2005", "from 4 until 5 March", "the 15th of November 2018",
"15th November 2018", "November 15th, 2018". A missing year comes from
the caller's context year."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(),
        start=1,
    )
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
#: a weekday written before a day: "Monday 2 and Tuesday 3 April 2001"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
#: an ordinal suffix a day may carry: "15th November 2018", "November 15th, 2018", "1st-2nd March"
_ORD = r"(?:st|nd|rd|th)?"
_MONTHS_ALT = _MONTH[len("(?P<month>"):-1]

#: one day with its year, written in any form :func:`find_dates` reads ("15 November 2018", "the 15th of
#: November 2018", "15th November, 2018", "November 15, 2018", "November 15th 2018"), no named groups: for rules
#: that name a meeting by its date inside a larger pattern
DAY_TEXT = (r"(?:(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:" + _MONTHS_ALT + r"),?\s+(?:19|20)\d\d"
            r"|(?:" + _MONTHS_ALT + r")\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)\b")

#: Date expressions, most specific first. Each gives day1, optional day2, month, optional year.
DATE_PATTERNS = [
    # 29 November-2 December 2005 / 30 November and 1 December 2010 / 31 December 2009 to 2 January 2010 /
    # 29 and 30 November and 1 December 2005
    re.compile(
        r"\b(?P<day1>\d{1,2})" + _ORD + r"(?:\s*(?:-|–|and|,)\s*(?P<day1b>\d{1,2})" + _ORD + r")?\s+" + _MONTH.replace("month", "month1") + r"(?:,?\s+" + _YEAR.replace("year", "year1")
        # "From Monday, 4 March, to Tuesday, 5 March 2019": a comma before the separator, a weekday after it
        + r")?(?:,(?=\s*(?:to|until)\b))?\s*(?P<sep>-|–|and|to|until)\s*" + _WEEKDAY + r"(?P<day2>\d{1,2})" + _ORD + r"\s+" + _MONTH + r"(?:,?\s+" + _YEAR + r")?\b"
    ),
    # the 4th and 5th of March 2019 / the 4th of March
    re.compile(
        r"\b(?P<day1>\d{1,2})(?:st|nd|rd|th)(?:\s*(?:-|–|and|to|until)\s*(?:the\s+)?(?P<day2>\d{1,2})(?:st|nd|rd|th))?"
        r"\s+of\s+" + _MONTH + r"(?:,?\s+" + _YEAR + r")?\b"
    ),
    # 9 and 10 July 2009 / 21-22 April / 23-26 November 2009 / 25-26 March, 2009
    re.compile(
        r"\b(?P<day1>\d{1,2})" + _ORD + r"\s*(?:-|–|—|and|to|until|till|through)\s*" + _WEEKDAY + r"(?P<day2>\d{1,2})" + _ORD + r"\s+" + _MONTH
        + r"(?:,?\s+" + _YEAR + r")?\b"
    ),
    # 24 September 2009 / 29 April
    re.compile(r"\b(?P<day1>\d{1,2})" + _ORD + r"\s+" + _MONTH + r"(?:,?\s+" + _YEAR + r")?\b"),
    # February 19 / February 19, 2008 / February 19 2008
    re.compile(r"\b" + _MONTH + r"\s+(?P<day1>\d{1,2})" + _ORD + r"(?:,?\s+" + _YEAR + r")?\b"),
]


@dataclass(frozen=True)
class DateSpan:
    """A date or a span of days found in text, with where it was written."""

    start: dt.date
    end: dt.date
    text_start: int
    text_end: int
    year_given: bool

    @property
    def text(self) -> str:  # pragma: no cover - convenience for debugging
        return f"{self.start}..{self.end}"


def find_dates(text: str, context_year: int | None = None) -> list[DateSpan]:
    """Every date expression in ``text``, left to right, without overlaps.

    A date with no year takes ``context_year``; if that is None it is skipped.
    Impossible dates (31 February) are skipped.
    """
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = m.groupdict()
            year_text = m.group("year")
            year = int(year_text) if year_text else context_year
            if year is None:
                continue
            month = MONTHS[m.group("month").lower()]
            month1 = MONTHS[groups["month1"].lower()] if groups.get("month1") else month
            year1 = int(groups["year1"]) if groups.get("year1") else (year - 1 if month1 > month else year)
            day1 = int(m.group("day1"))
            day2 = int(m.group("day2")) if groups.get("day2") else day1
            try:
                start, end = dt.date(year1, month1, day1), dt.date(year, month, day2)
            except ValueError:
                continue
            last_before = start
            if groups.get("day1b"):
                try:
                    last_before = dt.date(year1, month1, int(groups["day1b"]))
                except ValueError:
                    continue
                if last_before < start:
                    continue
            if end < start or (groups.get("sep") == "and" and (end - last_before).days > 1):
                continue   # "28 April and 19 May": two dates, not a span
            found.append(DateSpan(start, end, m.start(), m.end(), bool(year_text)))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.text_start)


def find_dates_from(text: str, after: dt.date) -> list[DateSpan]:
    """Every date in ``text``, as :func:`find_dates`, a date written without its year read as the first
    such day on or after ``after`` ("the forthcoming consultations on 26 March" in a note issued on
    11 March 2019: 26 March 2019; issued on 2 April 2019: 26 March 2020). A date with its year is as written."""
    readings = [{(d.text_start, d.text_end): d for d in find_dates(text, year)}
                for year in range(after.year, after.year + 5)]   # up to four years on: 29 February
    out = []
    for where in sorted(set().union(*readings)):
        d = next((r[where] for r in readings if where in r and (r[where].year_given or r[where].start >= after)), None)
        if d is not None and not any(o.text_start < where[1] and where[0] < o.text_end for o in out):
            out.append(d)
    return out


def parse_date(text: str, context_year: int | None = None) -> dt.date | None:
    """The first date in ``text`` (its start day), or None."""
    dates = find_dates(text, context_year)
    return dates[0].start if dates else None
