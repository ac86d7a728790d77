"""Intersessional workshops: ordinal, dialogue year, title, dates, venue, held or planned.

Rules (data below): a *mention* is "<ordinal> (IDM) intersessional workshop (for YEAR)"
or a section heading "<Ordinal> Workshop: TITLE (DATES)"; the sentence around it gives
the title (first quoted text), dates, venue ("in Geneva") and status (verb tense).
"This workshop is scheduled for ..." adds dates to the workshop last mentioned; a following
sentence about it ("It was held in Geneva ...") adds what the mention did not give. A
sentence listing a year's workshops ("Both workshops of 2017 took place: “X” in New York on
..., and “Y” in Geneva on ...") names each with its dates and place. A workshop named without
a year takes the year of its dates, of the sentence, or of the workshops its section just named.

Word lists as data: the status verb phrases (held, planned), the wordings of a workshop called
off, and the virtual/hybrid format words are idm:signal-* concepts in ``ontology/vocab.ttl``,
read through :mod:`idmkg.extract.signals`. Still in the regexes: verbs of holding in their
many structural variants (they vary in structure more than in words), ordinals, month names
and grammar words.
"""
from __future__ import annotations

import re

from ..dates import find_dates
from ..model import Ref
from .common import ORDINAL_WORDS, Part, Reader, find_quoted, normalise, sentences, year_ref
from .meetings import declare_consultation
from .signals import alternation
from .themes import (NOT_CHOSEN, ON_CHOSEN, ON_DESCRIBED, ON_LABEL, THEME_WORD, TOPIC_DECISION, TOPICS_DECIDED_AT, propose,
                     topic_ref)

MENTION = re.compile(
    r"\b(?:(?P<ord>first|second|third|fourth|single|only|opening)\s+|(?P<last>last)\s+(?=of\b))"
    # "the first 2008 workshop": the year between the ordinal and the word
    r"(?:(?P<year2>(?:19|20)\d\d)\s+(?=(?:IDM\s+)?(?:intersessional\s+)?workshop\b))?"
    r"(?:of\s+(?:the|these|its|this\s+year[’']s|the\s+year[’']s)\s+(?:(?P<count>two|three|four)\s+)?)?"
    r"(?:(?:one|two|three|half)-day\s+)?(?:(?:virtual|online|hybrid|in-person)\s+)?(?:IDM\s+)?(?:intersessional\s+)?"
    r"workshops?\b(?:\s+(?:for|of)\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
#: "..., the first IDM workshop to meet in West Africa", "it will be the first IDM workshop to be webcast":
#: a superlative said of a workshop, not its ordinal
SUPERLATIVE_BEFORE = re.compile(r"(?:,|\b(?:be|was|is|been|become|became))\s+the\s+$")
SUPERLATIVE_AFTER = re.compile(r"(?:\s+(?:since|in|of|for|outside|at|after|on)\b[^.;,“”\"]{0,60}?)?\s+(?:to|ever)\b")


def _mention(sentence: str) -> re.Match | None:
    """The first mention of a workshop by its ordinal in a sentence, superlatives skipped."""
    for m in MENTION.finditer(sentence):
        if m.group("last") and not m.group("count"):
            continue  # "the last of the workshops": which one is not said
        if not (SUPERLATIVE_AFTER.match(sentence, m.end()) and SUPERLATIVE_BEFORE.search(sentence, 0, m.start())):
            return m
    return None
#: "single" and "only" workshop of a year: its first
MENTION_ORDINALS = {**ORDINAL_WORDS, "single": 1, "only": 1, "opening": 1}
COUNTS = {"two": 2, "three": 3, "four": 4}


def mention_ordinal(m: re.Match) -> int | None:
    """The ordinal a MENTION gives: its word, or for "the last of the three workshops" the
    count (None for "the last of the workshops", which does not say)."""
    if m.group("last"):
        return COUNTS[m.group("count").lower()] if m.group("count") else None
    return MENTION_ORDINALS[m.group("ord").lower()]
#: a section heading numbering the workshop: "Workshop I – TITLE", "Workshop 2: TITLE"
NUMBERED_HEADING = re.compile(r"^(?:Intersessional\s+)?[Ww]orkshop\s+(?P<n>I{1,3}|IV|[1-4])\s*[–—:-]\s*"
                              r"[“\"]?(?P<title>[^“”\"]{3,200}?)[”\"]?\s*$")
_NUMBERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
#: "Second Workshop: TITLE (DATES)", or the title alone ("First Workshop: Powering the transition"): its dates and status
#: are then in the paragraphs below
HEADING = re.compile(r"^(?P<ord>First|Second|Third|Fourth)\s+(?:[Ii]ntersessional\s+|IDM\s+)?[Ww]orkshop:\s*[“\"]?(?P<title>[^“”\"]+?)[”\"]?"
                     r"(?:\s*\((?P<dates>[^)]+)\))?\s*$")
LIST_HELD = re.compile(r"\b(?P<n>Two|Three|Four|\d) (?:intersessional )?workshops were "
                       r"(?:convened|held|organized|organised)"
                       r"(?: in (?P<venue>[A-Z][a-z]+))?(?: in (?P<year>\d{4}))?")
TITLE_WITH_DATES = re.compile(r"“(?P<title>[^”]+)”\s*\((?P<dates>[^)]+)\)")
SCHEDULED = re.compile(r"\bThis workshop is scheduled for\b")
#: a title the workshop no longer has: "prepared under the working title “X”", "announced as “X”"
FORMER_TITLE = re.compile(r"\b(?:working|provisional|original|initial|tentative|former)\s+title\s*[“\"]?$"
                          r"|\b(?:[Aa]nnounced|[Aa]dvertised|[Pp]lanned|[Ff]oreseen|[Ss]cheduled)\b[^“”\".;]{0,30}?"
                          r"\b(?:as|under\s+the\s+(?:title|name))\s*[“\"]?$"
                          r"|\b(?:originally|initially|formerly)\b[^“\"]*$")
#: a quoted topic, not a workshop's title: "the third topic, “Z”, ...", "the third, “Z”, was merged with the first"
TOPIC_TITLE = re.compile(r"\b(?:topic|(?:[Tt]he\s+)(?:third|fourth|fifth|other|remaining))\s*,?\s*[“\"]$")
#: a title still to be confirmed is the title of a workshop not yet held: "under the provisional title “X”"
PROVISIONAL = re.compile(r"\b(?:working|provisional|tentative)\s+title\s*(?:is\s+|was\s+|will\s+be\s+)?[“\"]?$")
#: the title a workshop was held under, in a sentence going on about it: "It was convened ... under the title “Y”"
HELD_UNDER = re.compile(r"\b(?:under|given)\s+the\s+(?:final\s+|new\s+)?title\s*[“\"]$|\b(?:renamed|retitled)(?:\s+(?:accordingly|as|to))?\s*[“\"]$"
                        r"|\btitle\s+was\s+(?:changed|amended|altered)\b[^“”\".;]{0,60}?\bto\s*[“\"]$")
#: a sentence opening with a contrast clause ("While the first workshop focused on ..., this one ...")
SUBORDINATE = re.compile(r"\s*(?:While|Whereas|Although|Unlike|Whilst)\b")
#: a place name: one capitalised word, or two after a word that starts city names ("New York")
PLACE = (r"(?:(?:New|San|Santo|Santa|Addis|Buenos|Cape|Kuala|Hong|Port|Rio|Abu|Tel|Dar|Mexico|Panama|Guatemala|"
         r"Kuwait|Sri|Costa|El|La|Las|Los)\s+[A-Z][a-z]+|[A-Z][a-z]+)")
#: "held in hybrid format, in Geneva and online", "held in a hybrid format at the ...": the format between the verb
#: and the place
HYBRID = r"(?:in\s+(?:a\s+)?hybrid\s+(?:" + alternation("hybrid-format") + r"),?\s+)?"
VENUE = re.compile(r"\b(?:place|held|convened|organized|organised|met|hosted|planned|scheduled|due)\s+" + HYBRID +
                   r"(?:at\s+(?:the\s+)?[A-Z][A-Za-z]+(?:\s+(?:[A-Z][A-Za-z]+|des|de|du|of|the|and)){0,5}\s+"
                   # "hosted by the Government of Thailand in Bangkok"
                   r"|by\s+the\s+Governments?\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|and|of|the)){0,4},?\s+)?in\s+"
                   r"(?P<venue>(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
                   r"December)\b)" + PLACE + r")\b")
#: "is tentatively scheduled for July 2013 in Geneva": a place after a month and year
#: (or after a season or a half of the year: "is tentatively scheduled for the autumn in Geneva", "will take place in the
#: second half of 2019 in New York", "in early October in Bangkok")
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
VENUE_AFTER_MONTH = re.compile(r"\b(?:for|in|during)\s+(?:(?:early|mid-?|late)\s*)?"
                               r"(?:" + _MONTHS + r"(?:\s+\d{4})?"
                               r"|(?:the\s+)?(?:(?:early|late)\s+)?(?:spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?\d{4})?"
                               r"|the\s+(?:first|second)\s+half\s+of\s+(?:the\s+year|\d{4}|" + _MONTHS + r"(?:\s+\d{4})?))"
                               r"\s+in\s+(?P<venue>(?!(?:January|February|March|April|May|June|"
                               r"July|August|September|October|November|December)\b)" + PLACE + r")\b")
#: "at United Nations Headquarters in New York", "at the Palais des Nations in Geneva": a building, then its city
VENUE_AT = re.compile(r"\bat\s+(?:the\s+)?[A-Z][A-Za-zà-ÿ]+(?:\s+(?:[A-Z][A-Za-zà-ÿ]+|des|de|du|of|the|and)){0,5}\s+in\s+"
                      r"(?P<venue>(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
                      r"December)\b)" + PLACE + r")\b")
#: "8 and 9 April 2014 at the International Conference Centre Geneva": a building right after the dates
BUILDING_AFTER_DATE = re.compile(r",?\s+at\s+(?:the\s+)?(?P<venue>[A-Z][a-zà-ÿ]+(?:\s+(?:[A-Z][a-zà-ÿ]+|des|de|du|of|the|and))"
                                 r"{1,5})\b(?!\s+in\s)")
#: "hosted at the International Conference Centre Geneva on 10-11 June", "hosted by the United Nations Office at
#: Nairobi on 20 and 21 April": a place after "at", right before the dates
AT_BEFORE_DATE = re.compile(r"\b(?:place|held|convened|organized|organised|met|hosted|meet)\s+" + HYBRID +
                            r"(?:by\s+(?:the\s+)?[A-Z][^.;,“”\"]{0,60}?\s)?"
                            r"at\s+(?:the\s+)?(?P<venue>[A-Z][a-zà-ÿ]+(?:\s+(?:[A-Z][a-zà-ÿ]+|des|de|du|of|the|and)){0,5}),?"
                            # "met at the Palais des Nations, Geneva, on 4 and 5 June": the building, its city after it
                            r"(?:\s+" + PLACE + r",)?"
                            # "at the International Conference Centre Geneva and online on 27 April": a hybrid meeting
                            r"(?:\s+and\s+online,?)?"
                            r"\s+(?:on|from)\s+(?:[A-Z][a-z]+day\s+)?\d")
#: "It will be held at the Geneva International Conference Centre, with the possibility of remote participation": a
#: building named without its city, the clause ending after it
BUILDING_ALONE = re.compile(r"\b(?:place|held|convened|organized|organised|met|hosted|meet|convene)\s+" + HYBRID +
                            r"at\s+(?:the\s+)?(?P<venue>[A-Z][a-zà-ÿ]+(?:\s+(?:[A-Z][a-zà-ÿ]+|des|de|du|of|the|and)){1,5}?)"
                            r"(?=\s*[,.;]|\s*$|\s+(?:with|and|under|in\s+(?:a\s+)?(?:hybrid|virtual|online)))")
#: "(Geneva, 4-5 March 2019)", "(“Migrants and cities”, Geneva, 4–5 March 2019)", "has been set for the second half of the year: Geneva, 13-14 October 2015": a place
#: and the dates after it, after a bracket or a colon
PLACE_COMMA_DATE = re.compile(r"(?:[(:]|\([“\"][^“”\"]{3,200}[”\"],)\s*(?P<venue>(?!(?:January|February|March|April|May|June|July|August|September|"
                              r"October|November|December)\b)" + PLACE + r"),\s+(?=\d{1,2}(?:\s*(?:[-–]|and|to)\s*\d{1,2})?\s+"
                              r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)")
#: "was held online", "met virtually": a workshop without a place
VENUE_VIRTUAL = re.compile(r"\b(?:held|convened|organized|organised|met|took\s+place|moved|switched|shifted|conducted|run|hosted)\s+"
                           r"(?:(?:" + alternation("wholly") + r")\s+)?"
                           # "was moved online", "switched to a virtual format"
                           r"(?P<venue>online|virtually|(?:in|as|to)\s+(?:a\s+|an\s+)?(?:fully\s+)?(?:" + alternation("virtual") + r")\s+"
                           r"(?:format|meeting|event)"
                           r"|by\s+video[\s-]?conference)\b"
                           r"|\b(?:was|is|will\s+be)\s+(?:an?\s+)?(?:fully\s+)?(?P<venue2>" + alternation("virtual") + r")\s+(?:meeting|event)\b")
#: "9-10 July 2013 in Geneva", "on 4 and 5 March 2019, in Geneva": a place written right after the workshop's dates
VENUE_AFTER_DATE = re.compile(r",?\s+in\s+(?P<venue>(?!(?:January|February|March|April|May|June|July|August|September|"
                              r"October|November|December)\b)" + PLACE + r")\b")
_MONTHS_FIRST = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
#: "in Geneva on Monday 2 ...", "in Geneva from 3 to 4 July": a place written right before dates
VENUE_BEFORE_DATE = re.compile(r"\bin\s+(?P<venue>(?!(?:January|February|March|April|May|June|July|August|September|"
                               r"October|November|December)\b)" + PLACE
                               # "in Geneva on March 4-5, 2019": the month first
                               + r"),?\s+(?:on|from)\s+(?:[A-Z][a-z]+day,?\s+)?(?:\d|(?:the\s+)?\d|" + _MONTHS_FIRST + r"\s+\d)")
#: "The second, “Y”, will take place ...": a sentence naming the next workshop by its ordinal alone
#: (or by the title it was announced under: "The second, announced under the title “X”, was convened ... as “Y”")
ELLIPTIC = re.compile(r"\s*The\s+(?P<ord>first|second|third|fourth)\s*,\s*(?:[a-z][^.;,“”\"]{0,50}?\s)?[“\"]")
#: a sentence counting the workshops the next ones name: "Two workshops are foreseen this year."
COUNTING = re.compile(r"\b(?:[Tt]wo|[Tt]hree|[Ff]our|[Bb]oth)\s+(?:IDM\s+)?(?:intersessional\s+)?workshops\b")
#: a sentence going on about the workshop just named: "It was held in Geneva on ...", "That workshop
#: will be convened ...", "At the invitation of the Government of Thailand, it will meet ..."
FOLLOW_UP = re.compile(r"(?:It|Its\s+(?:(?:working|provisional|tentative|final|new)\s+)?title|The workshop|This workshop|"
                       r"That workshop|The meeting|The event)\s"
                       # an opening phrase, then "it": "At the invitation of ..., it will meet", "Developed from the
                       # first of the two selected topics, it was held under the title ..." (after a comma, unless the
                       # phrase opens with a preposition: "Part of the material prepared for it was ..." is no such)
                       r"|(?:(?:At|On|In|After|Following|Under|With|Because|As|Owing|To|Since|Given|Due)\b"
                       r"[^.;“”\"]{0,200}?(?:,\s*|\s+)|[A-Z][a-z]+\b(?:[^.;“”\"]|[“\"][^“”\"]{1,200}[”\"]){0,200}?(?:,\s*|,?\s+and\s+))"
                       r"it\s+(?:was|will|has|had|is|met|took|then)\b")
#: the two topics of a year taken up in one workshop: "both topics ... taken up together", "combined the two topics"
COMBINED = re.compile(r"\b(?:both|the\s+two)\s+topics\b[^.;]{0,200}?\btogether\b"
                      r"|\b(?:combined|merged|brought\s+together|covered)\s+(?:the\s+)?(?:two|both)\s+topics\b",
                      re.IGNORECASE)
#: the dates and place a workshop had before it was moved: "was originally scheduled for 18 and 19 June 2024 in Lisbon"
#: working fact: a note reports the workshop cancelled (resolve drops an earlier "planned"; the vocabulary
#: has no status for it)
CANCELLED = "idm:_cancelled"
SUPERSEDED = re.compile(r"\b(?:originally|initially)\s+(?:scheduled|planned|foreseen|announced|set)\s+for\b")
#: a workshop moved from one date to another: "was postponed from 9 April to 8 October 2019"
MOVED_FROM = re.compile(r"\b(?:postponed|rescheduled|moved|deferred|brought\s+forward)\s+from\s+[^.;]{3,40}?\s+(?:to|until)\s+"
                        r"(?=\d|(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)")
#: where the clause giving the superseded plan ends: a comma, or "but" / "and" before a verb
SUPERSEDED_END = re.compile(r"[,;]|\s+but\b|\s+and\s+(?=(?:has|have|was|were|will|is|had)\b)")
#: a plan that did not happen as planned: "was to have been held in New York in April", "had been planned for
#: March in New York": superseded when the next sentence says the workshop was held after all (a workshop
#: cancelled keeps the dates and place it was planned for)
FORMER_PLAN = re.compile(r"\b(?:was|were)\s+to\s+have\s+been\s+(?:held|convened|organized|organised|hosted)\b"
                         r"|\bhad\s+been\s+(?:scheduled|planned|foreseen|set)\s+for\b")
#: a workshop called off: what a sentence saying so dates is not the workshop
CALLED_OFF = re.compile(r"\b(?:" + alternation("called-off") + r")\b")
#: a workshop that did not take place: "could not be convened", "was not held", "did not take place"; its
#: verb says neither held nor planned (a sentence saying so reads as a workshop called off)
NOT_HELD = re.compile(r"\b(?:could|can|did|was|were|has|have|had|will|would)\s*(?:not|n[’']t)\s+(?:be\s+|been\s+)?(?:held|convened|"
                      r"organized|organised|take\s+place|took\s+place|taken\s+place|meet|met|go\s+ahead)\b"
                      r"|\bcannot\s+be\s+(?:held|convened|organized|organised)\b")
#: verb phrases telling whether the workshop already took place, checked in order
STATUS_WORDS = [
    ("planned", re.compile(r"\b(" + alternation("status-planned", " ") + r"|(?<!was\s)(?<!were\s)to be held|"
                           # "is due to be convened", "is proposed to take place", "is intended to meet"
                           r"(?:is|are)\s+(?:due|expected|proposed|intended|set|going)\s+to\s+(?:take\s+place|meet|convene|"
                           r"be\s+(?:held|convened|organized|organised|hosted))|"
                           # "shall be held", "shall take place"
                           r"shall\s+(?:be\s+held|take\s+place|be\s+convened|meet|convene)|"
                           # "It is now scheduled to take place ...", "is provisionally planned for ..."
                           r"(?:is|are|has\s+been|have\s+been)\s+(?:now|currently|provisionally|tentatively)\s+"
                           r"(?:scheduled|planned|foreseen|set)|"
                           # "will now be held", "will instead take place", "is to be convened", "is being organized"
                           r"will\s+(?:now|also|instead|therefore|then|again)\s+(?:be\s+held|take\s+place|be\s+convened|meet)|"
                           r"(?:is|are)\s+to\s+be\s+(?:convened|organized|organised|hosted)|"
                           r"(?:is|are)\s+being\s+(?:organized|organised|planned|prepared)|"
                           # "is envisaged for", "is slated for", "will convene in Geneva"
                           r"(?:is|are)\s+(?:envisaged|envisioned|slated|pencilled|penciled)|will\s+(?:convene|be\s+convening))\b")),
    ("held", re.compile(r"\b(" + alternation("status-held", " ") + r"|"
                        r"was (?:successfully )?(?:conducted|completed|staged)|"
                        # "went ahead as planned"
                        r"went\s+ahead|"
                        # "The first workshop, held on 4-5 March 2019 in Geneva, focused on ...": a participle after a comma
                        r"(?<=,\s)held\s+(?=(?:in|on|at|from|online|virtually)\b)|"
                        # "met as planned in Geneva", "took place as scheduled"
                        r"met\s+as\s+(?:planned|scheduled|foreseen|announced)|"
                        # "has been held", "was successfully held"
                        r"(?:has|(?<!to\s)have)\s+been\s+(?:successfully\s+)?(?:held|convened)|(?:was|were)\s+successfully\s+held|"
                        r"(?:was|were)\s+(?:\w+\s+){0,4}?(?:eventually|finally|ultimately)\s+(?:held|convened))\b")),
    # "has been postponed to 8 and 9 October": moved to a later date, and nothing says it was then held
    ("planned", re.compile(r"\b(?:was|were|has\s+been|have\s+been)\s+(?:postponed|rescheduled|moved|deferred)\s+"
                           # "postponed from 9 April to 8 October"
                           r"(?:from\s+[^.;]{3,40}?\s+)?(?:to|until)(?=\s+(?:\d|(?:January|February|March|April|May|June|July|August|September|"
                           r"October|November|December)\b))")),
    # a plan said in passing, when nothing else in the sentence says what became of the workshop: "Preparations
    # for the first workshop, planned for 25-26 April 2017 in Geneva, will begin ..."
    ("planned", re.compile(r",\s+(?:planned|scheduled|foreseen|envisaged)\s+for\b"
                           r"(?![^.;]*\b(?:postponed|" + alternation("called-off") + r"|moved|rescheduled|deferred)\b)")),
]


def workshop_ref(year: int, ordinal: int) -> Ref:
    return Ref("workshop", f"{year}-{ordinal}")


def _status(sentence: str) -> str | None:
    hit = _status_hit(sentence)
    return hit[0] if hit else None


def _status_hit(sentence: str) -> tuple[str, re.Match] | None:
    """The status the sentence's verbs give and the words that give it; a verb said not to have
    happened ("could not be convened") gives none."""
    masked = NOT_HELD.sub(lambda m: " " * len(m.group()), sentence)
    for status, pattern in STATUS_WORDS:
        if hit := pattern.search(masked):
            return status, hit
    return None


def _declare(r: Reader, part: Part, year: int, ordinal: int, ev) -> Ref:
    ref = workshop_ref(year, ordinal)
    r.add(ref, "rdf:type", Ref("class", "IntersessionalWorkshop"), ev)
    r.add(ref, "idm:ordinal", ordinal, ev)
    r.add(ref, "idm:servesYear", year_ref(year), ev)
    r.last_workshop = r.last_meeting = ref
    r.workshop_section = part.heading if part.id.startswith("p/") else part.text
    return ref


def _dates(r: Reader, part: Part, ref: Ref, text_start: int, text_end: int, year: int) -> None:
    for d in find_dates(part.text[text_start:text_end], year)[:1]:
        ev = r.evidence(part, text_start + d.text_start, text_start + d.text_end)
        r.add(ref, "idm:startDate", d.start, ev)
        r.add(ref, "idm:endDate", d.end, ev)


def read(r: Reader, part: Part) -> None:
    text, note_year = part.text, r.note.dialogue_year
    if part.id.startswith("h/"):
        m = HEADING.match(text)
        numbered = NUMBERED_HEADING.match(text) if not m else None
        if numbered:
            # "Workshop I – Digital identity and access to services": the paragraphs below give the rest
            ordinal = _NUMBERS[numbered.group("n").upper()]
            said = re.findall(r"\b((?:19|20)\d\d)\b", numbered.group("title"))
            ref = _declare(r, part, int(said[0]) if len(said) == 1 else note_year, ordinal,
                           r.evidence(part, numbered.start("n"), numbered.end("n")))
            r.add(ref, "idm:title", numbered.group("title"),
                  r.evidence(part, numbered.start("title"), numbered.end("title")))
            r.workshop_part = None
            return
        if m:
            ordinal = ORDINAL_WORDS[m.group("ord").lower()]
            dates = find_dates(m.group("dates"), note_year) if m.group("dates") else []
            year = dates[0].start.year if dates else note_year
            ref = _declare(r, part, year, ordinal, r.evidence(part, m.start("ord"), m.end("ord")))
            r.add(ref, "idm:title", m.group("title"), r.evidence(part, m.start("title"), m.end("title")))
            if m.group("dates"):
                r.add(ref, "idm:status", Ref("status", "planned"), r.evidence(part, 0, len(text)))
                _dates(r, part, ref, m.start("dates"), m.end("dates"), year)
        return
    if not part.id.startswith("p/"):
        return
    _workshop_items(r, part)
    _topic_folded_into(r, part)
    handled = _topics_for_workshops(r, part)
    previous = None  # the workshop the clause before named, if any
    for s, e in _clauses(text):
        sentence = text[s:e]
        if any(s < he and hs < e for hs, he in handled):
            previous = None
            continue
        named, previous = previous, None
        if named is not None and (after := _elliptic_clause(r, part, s, e, named)) is not None:
            previous = after
            continue
        listed = LIST_HELD.search(sentence)
        if listed:
            given = [d for d in find_dates(sentence) if d.year_given]
            if not listed.group("year") and not given:
                continue
            year = int(listed.group("year")) if listed.group("year") else given[0].start.year
            if not TITLE_WITH_DATES.search(sentence) and _workshop_list(r, part, s, e):
                continue
            for ordinal, m in enumerate(TITLE_WITH_DATES.finditer(sentence), start=1):
                ev = r.evidence(part, s + m.start(), s + m.end())
                ref = _declare(r, part, year, ordinal, ev)
                r.add(ref, "idm:title", m.group("title"), r.evidence(part, s + m.start("title"), s + m.end("title")))
                r.add(ref, "idm:status", Ref("status", "held"), r.evidence(part, s + listed.start(), s + listed.end()))
                _dates(r, part, ref, s + m.start("dates"), s + m.end("dates"), year)
                if listed.group("venue"):
                    r.add(ref, "idm:venue", listed.group("venue"),
                          r.evidence(part, s + listed.start("venue"), s + listed.end("venue")))
            continue
        if _workshop_list(r, part, s, e):
            continue
        if SCHEDULED.search(sentence) and r.last_workshop is not None:
            year = int(r.last_workshop.key.split("-")[0])
            _dates(r, part, r.last_workshop, s, e, year)
            r.add(r.last_workshop, "idm:status", Ref("status", "planned"),
                  r.evidence(part, s + SCHEDULED.search(sentence).start(), s + SCHEDULED.search(sentence).end()))
            continue
        m = _mention(sentence)
        elliptic = ELLIPTIC.match(sentence) if not m else None
        counted = elliptic and elliptic.group("ord").lower() == "first" and COUNTING.search(text, 0, s) \
            and not [q for q in find_quoted(text, 0, s) if not THEME_WORD.search(text, max(0, q[1] - 80), q[1])] \
            and find_quoted(text, s, e)
        if counted:
            # "Two workshops are foreseen this year. The first, “X”, was convened ...": the year's first
            year = _context_year(r, part, sentence, note_year)
            ref = _declare(r, part, year, 1, r.evidence(part, s + elliptic.start("ord"), s + elliptic.end("ord")))
            r.workshop_part = part.id
            quoted = find_quoted(text, s, e)
            r.add(ref, "idm:title", quoted[0][0], r.evidence(part, quoted[0][1], quoted[0][2]))
            _details(r, part, ref, s, e, year)
            previous = ref
            continue
        if elliptic and elliptic.group("ord").lower() != "first" and r.workshop_part == part.id \
                and r.last_workshop is not None and r.last_workshop.kind == "workshop":
            # "The first workshop of 2017, “X”, will ... The second, “Y”, will ...": the same year's
            year = int(r.last_workshop.key.split("-")[0])
            ref = _declare(r, part, year, ORDINAL_WORDS[elliptic.group("ord").lower()],
                           r.evidence(part, s + elliptic.start("ord"), s + elliptic.end("ord")))
            # (not the title it was announced under: "The second, announced under the title “X”, ... as “Y”")
            quoted = [q for q in find_quoted(text, s, e) if not FORMER_TITLE.search(text[max(s, q[1] - 40):q[1]])]
            if quoted:
                r.add(ref, "idm:title", quoted[0][0], r.evidence(part, quoted[0][1], quoted[0][2]))
            _details(r, part, ref, s, e, year)
            previous = ref
            continue
        if not m and (m := INDEFINITE.search(sentence)) and _status(sentence):
            if _unnumbered(r, part, s, e, m, note_year):
                continue
            m = None
        if not m:
            if SESSION_ON.search(sentence) and r.last_workshop is not None and r.last_workshop.kind == "workshop" \
                    and r.workshop_part == part.id and not FOLLOW_UP.match(sentence):
                # "In keeping with the wishes of the membership, one of its sessions will be devoted to ...": the
                # workshop just named
                _topic_back_reference(r, part, r.last_workshop, s, e)
                continue
            if FOLLOW_UP.match(sentence) and r.last_workshop is not None and r.workshop_part == part.id \
                    and not CALLED_OFF.search(sentence):
                _details(r, part, r.last_workshop, s, e, int(r.last_workshop.key.split("-")[0]), only_missing=True)
                _topic_back_reference(r, part, r.last_workshop, s, e)
                # "Its working title is “X”": a title still to be confirmed, in a sentence saying nothing of a meeting held
                planned = _status(sentence) in ("planned", None)
                held_as = [q for q in find_quoted(text, s, e) if HELD_UNDER.search(text[max(s, q[1] - 90):q[1]])
                           or (planned and PROVISIONAL.search(text[max(s, q[1] - 40):q[1]]))]
                if held_as and not _has(r, r.last_workshop, "idm:title"):
                    r.add(r.last_workshop, "idm:title", held_as[0][0], r.evidence(part, held_as[0][1], held_as[0][2]))
            continue
        if SUBORDINATE.match(sentence) and (comma := sentence.find(",", m.end())) > 0:
            # "While the first workshop focused on X, this workshop will ...": what follows the
            # comma is about another workshop; read only the clause that names this one
            e = s + comma
            sentence = text[s:e]
        said = m.group("year") or m.group("year2")
        year = int(said) if said else _context_year(r, part, sentence, note_year)
        ordinal = mention_ordinal(m)
        ref = _declare(r, part, year, ordinal, r.evidence(part, s + m.start(), s + m.end()))
        r.workshop_part = part.id
        previous = ref
        _topic_named(r, part, ref, s, s + m.end(), e)
        if (c := COMBINED.search(sentence)) and ordinal == 1 and (m.group("ord") or "").lower() in ("single", "only"):
            # "a single workshop", "which combined the two topics chosen for the year": on each of them
            r.add(ref, ON_CHOSEN, year, r.evidence(part, s + c.start(), s + c.end()))
        planned = _status(sentence) == "planned"
        quoted = [q for q in find_quoted(text, s, e) if (not FORMER_TITLE.search(text[max(s, q[1] - 40):q[1]])
                  or (planned and PROVISIONAL.search(text[max(s, q[1] - 40):q[1]])))
                  and not TOPIC_TITLE.search(text[max(s, q[1] - 40):q[1]])]
        if quoted:
            title, qs, qe = quoted[0]
            r.add(ref, "idm:title", title, r.evidence(part, qs, qe))
        elif t := TITLE_AFTER_COLON.search(sentence, m.end()):
            r.add(ref, "idm:title", t.group("title"), r.evidence(part, s + t.start("title"), s + t.end("title")))
        _details(r, part, ref, s, e, year)
        _held_by_past_verb(r, part, ref, s + m.end(), e)
        if (off := CALLED_OFF.search(sentence) or NOT_HELD.search(sentence)) and not _status(sentence) \
                and not (not CALLED_OFF.search(sentence) and _not_held_then_held(text, s, e, NOT_HELD.search(text, s, e))):
            # "The second workshop of 2025, ..., had to be cancelled": neither held nor planned any more
            r.add(ref, CANCELLED, True, r.evidence(part, s + off.start(), s + off.end()))


#: a title written unquoted after a colon that closes the sentence naming the workshop: "..., was entitled: Migration
#: and the Future of Work.", "bore the title: ..." (capitalised, to the end of the sentence; no quotes, brackets or
#: further colon in it)
TITLE_AFTER_COLON = re.compile(r"\b(?:entitled|titled|(?:bore|bears|has|had|carried|carries)\s+the\s+title)\s*:\s+"
                               r"(?P<title>[A-Z][^.;:“”\"()‘’]{2,150}?)\s*\.?\s*$")


#: where a sentence naming a workshop goes on, after a semicolon, to another one by its ordinal: "the first
#: workshop will be held in Geneva on 3 and 4 June 2025; the second is foreseen for October 2025 in New York"
CLAUSE_SPLIT = re.compile(r";\s+(?=(?:and\s+|while\s+|whereas\s+)?the\s+(?:first|second|third|fourth)\b)", re.IGNORECASE)
#: a clause (or sentence) naming the next workshop by its ordinal alone, right after one that named a workshop:
#: "the second is foreseen for October 2025 in New York", "The second, “Y”, is expected to take place ..."
ELLIPTIC_CLAUSE = re.compile(r"\s*(?:(?:and|while|whereas)\s+)?[Tt]he\s+(?P<ord>second|third|fourth)"
                             r"(?:\s+(?:one|meeting))?(?:\s*,\s*(?:on\s+|entitled\s+)?[“\"](?P<title>[^“”\"]{3,200})[”\"]\s*,"
                             # "The second, on the latter, will be held ...": its topic named back
                             r"|\s*,\s*(?:on|devoted\s+to)\s+the\s+(?:former|latter|(?:first|second|third)\s+of\s+[^,;.“”\"]{3,60})\s*,)?"
                             r"\s+(?:(?=(?:is|will|has|have|was|should|would|could|may|might|shall)\b)"
                             # the verb left out, said once for both: "...; the second, on “Y”, in Bangkok on 9 October"
                             r"|(?P<gap>(?=(?:in|on|at|from)\s+(?:the\s+)?(?:[A-Z]|\d))))")


#: a quoted title that ends with its own question or exclamation mark, then its dates or place in brackets: "“An
#: answer to irregular migration?” (29 February–1 March 2012)": the sentence goes on
TITLE_MARK_THEN_BRACKET = re.compile(r"[?!][”\"]\s+$")
BRACKET_GOES_ON = re.compile(r"\((?:\d|[A-Z][a-z]+,\s)")


def _sentences(text: str) -> list[tuple[int, int]]:
    """The paragraph's sentences, a split after a quoted title's own "?" or "!" before a bracket undone."""
    out: list[tuple[int, int]] = []
    for s, e in sentences(text):
        if out and BRACKET_GOES_ON.match(text, s) and TITLE_MARK_THEN_BRACKET.search(text, out[-1][0], s):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _clauses(text: str) -> list[tuple[int, int]]:
    """The paragraph's sentences, each cut where a semicolon turns from the workshop it named to
    another by its ordinal ("...; the second is foreseen for October")."""
    out = []
    for s, e in _sentences(text):
        cuts = [c for c in CLAUSE_SPLIT.finditer(text, s, e) if _mention(text[s:c.start()]) or ELLIPTIC.match(text, s)]
        for c in cuts:
            out.append((s, c.start()))
            s = c.end()
        out.append((s, e))
    return out


def _elliptic_clause(r: Reader, part: Part, s: int, e: int, named: Ref) -> Ref | None:
    """"The first workshop will be held in Geneva on 3 and 4 June 2025; the second is foreseen for
    October 2025 in New York": the clause after one naming a workshop names the next of the same year
    by its ordinal alone. Read only when it says when or where (a date, or a place): "the second is
    expected in the autumn" names no workshop the note says anything of."""
    m = ELLIPTIC_CLAUSE.match(part.text, s, e)
    if not m or _mention(part.text[s:e]) or named.kind != "workshop":
        return None
    year, before = (int(x) for x in named.key.split("-"))
    ordinal = ORDINAL_WORDS[m.group("ord").lower()]
    sentence = part.text[s:e]
    said = find_dates(sentence, year) or VENUE.search(sentence) or VENUE_BEFORE_DATE.search(sentence) \
        or VENUE_AFTER_MONTH.search(sentence) or VENUE_AT.search(sentence) or VENUE_VIRTUAL.search(sentence)
    # a clause whose verb is left out takes the status the clause before gave the workshop it named
    gapped = [f for f in r.facts if f.subject == named and f.prop == "idm:status"
              and all(ev.part == part.id and ev.end <= s for ev in f.evidence)] if m.group("gap") is not None else []
    if ordinal <= before or not said or not (_status(sentence) or len({f.value for f in gapped}) == 1):
        return None
    ref = _declare(r, part, year, ordinal, r.evidence(part, m.start("ord"), m.end("ord")))
    r.workshop_part = part.id
    if m.group("title"):
        r.add(ref, "idm:title", m.group("title"), r.evidence(part, m.start("title"), m.end("title")))
    _details(r, part, ref, s, e, year)
    if gapped and not _status(sentence):
        r.add(ref, "idm:status", gapped[0].value, gapped[0].evidence[0])
    _topic_back_reference(r, part, ref, s, e)
    return ref


#: the workshop as the subject of a verb in the past telling what it did: "The second workshop of 2018, “Cities”
#: (Geneva, 12-13 November 2018), examined ...", "the first workshop, “Cities”, discussed ...": it met
PAST_CONTENT = re.compile(r"(?:\s*,\s*[“\"][^“”\"]{1,200}[”\"]|\s*\([^()]{0,100}\)|\s*,\s*(?:on|in)\s+[^,;.“”\"]{1,80})*"
                          r"\s*,?\s+(?P<verb>examined|focused\s+on|discussed|reviewed|considered|explored|looked\s+at|"
                          r"dealt\s+with|heard|featured|concentrated\s+on|centred\s+on|centered\s+on|assessed|debated)\b"
                          # not a participle: "“X”, examined in the annex, is proposed for ..."
                          r"(?!\s+(?:in|by|below|above|at|during|earlier|later)\b)")


def _held_by_past_verb(r: Reader, part: Part, ref: Ref, after: int, e: int) -> None:
    """Held, when the sentence has no verb saying whether the workshop met, but says in the past what it
    did ("The second workshop, “Cities” (Geneva, 12-13 November 2018), examined ..."), and gives no date
    after the note was written."""
    text = part.text
    if _status(text[after:e]) or _has(r, ref, "idm:status") or NOT_HELD.search(text, after, e) \
            or CALLED_OFF.search(text, after, e):
        return
    v = PAST_CONTENT.match(text, after, e)
    written = r.note.issued or r.note.consultation_date
    if v is None or (written and any(d.start > written for d in find_dates(text[after:e], int(ref.key.split("-")[0])))):
        return
    r.add(ref, "idm:status", Ref("status", "held"), r.evidence(part, v.start("verb"), v.end("verb")))


#: "A one-day workshop, “X”, was organized ...", "An intersessional workshop entitled “X” took place ...":
#: a workshop introduced without its ordinal, its quoted title right after it
INDEFINITE = re.compile(r"\b(?:an?|one)\s+(?:(?:(?:one|two|three|half)-day|intersessional|IDM|further|additional|"
                        r"new|single)\s+)*workshop\s*(?:,|\s+(?:on|entitled|titled|called|under\s+the\s+title))?"
                        r"\s*(?=[“\"])", re.IGNORECASE)


#: "The first workshop of 2016, on contingency planning for migrants in crisis, was held": the
#: words after the mention describe the workshop's topic (also ", devoted to protracted displacement,")
DESCRIBED = re.compile(r",\s+(?:on|devoted\s+to|dedicated\s+to)\s+(?:the\s+)?(?P<d>(?![A-Z]?[a-z]*day\b|\d|(?:January|February|March|April|May|June|"
                       r"July|August|September|October|November|December)\b)[^,;.“”\"()]{5,120}?)\s*,")
#: "The second workshop will take up environmental change and rural livelihoods.": its topic described
#: (a title in apposition, "The second workshop, “Y”, will ...", or a relative clause, "The second workshop, which
#: will address diasporas in crisis, is ...")
TAKES_UP = re.compile(r"(?:,\s*[“\"][^“”\"]{3,200}[”\"],?|,\s*which)?"
                      r"\s+(?:will|would|is\s+to)\s+(?:take\s+up|be\s+devoted\s+to|focus\s+on|deal\s+with|address|examine)\s+"
                      r"(?:the\s+(?:topic|question)\s+of\s+)?(?P<d>(?!the\s+(?:first|second|third|other|remaining)\b)"
                      r"[^,;.“”\"()]{5,120}?)\s*(?:[.;]|,|\s+and\s+(?:will|would|is)\b)")
#: working fact: a workshop on one of the topics chosen for its year, named by its place among them ("which addressed the
#: first of these topics", "Developed from the first of the two selected topics, it was ...", "will address the first of
#: the two topics selected"): (place, how many, or None); the topic is found across notes (resolve.py)
ON_PLACE = "idm:_onTopicPlace"
#: the back-reference itself: a verb or preposition taking up a topic, then "the Nth of these/the (two) selected topics"
TOPIC_PLACE = re.compile(r"(?:\b(?:address(?:ed|es)?|took\s+up|take\s+up|takes\s+up|developed\s+from|drawn\s+from|"
                         r"devoted\s+to|dedicated\s+to|based\s+on|built\s+on|focus(?:ed|es)?\s+on|cover(?:ed|s)?|"
                         r"examin(?:ed|es|e)|explor(?:ed|es|e))|(?<=,\s)on)\s+"
                         r"the\s+(?:(?P<ord>first|second|third|fourth)\s+of\s+(?:these|those|the)\s+"
                         r"(?:(?P<count>two|three|four)\s+)?(?:(?:selected|chosen|retained)\s+)?topics"
                         r"(?:\s+(?:selected|chosen|retained|agreed\s+(?:on|upon)))?"
                         # "which addressed the former", "on the latter": of the two topics just named
                         r"|(?P<pair>former|latter)(?!\s+(?:workshop|session|theme|title)))\b", re.IGNORECASE)
#: "it will also cover the topic “B”": a topic taken up beside the workshop's own
TOPIC_ALSO = re.compile(r"\b(?:also\s+(?:cover|covers|covered|address|addresses|addressed|take\s+up|takes\s+up|took\s+up|"
                        r"include|includes|included|examine|examined)|(?:cover|address|take\s+up|include)\s+as\s+well)\s+"
                        r"the\s+topic\s*,?\s*[“\"](?P<title>[^“”\"]{3,200})[”\"]")
#: "addressed the topic that the membership had retained for the second workshop of the year, “X”": the topic quoted
#: after a clause saying it was chosen
TOPIC_RETAINED = re.compile(r"\b(?:address(?:ed|es)?|took\s+up|takes?\s+up|was\s+devoted\s+to|focused\s+on)\s+the\s+topic\s+"
                            r"(?:that|which)\s+(?:the\s+)?(?:membership|Member\s+States|Members|delegations)\s+"
                            r"(?:had\s+|has\s+|have\s+)?(?:chosen|selected|retained|agreed\s+on|preferred)\b[^“”\".;]{0,80},\s*"
                            r"[“\"](?P<title>[^“”\"]{3,200})[”\"]")
#: working fact: a part of a workshop given over to a topic described ("one of its sessions will be devoted to
#: unaccompanied and separated children in transit"): the workshop incorporates that topic, found across notes
INCORPORATES_DESCRIBED = "idm:_incorporatesDescribed"
SESSION_ON = re.compile(r"\b(?:one\s+of\s+its\s+(?:sessions|panels|segments)|(?:a|one)\s+(?:session|panel|segment)\s+of\s+"
                        r"(?:it|the\s+workshop))\s+(?:will\s+be|would\s+be|is\s+to\s+be|was|has\s+been)\s+"
                        r"(?:devoted|given\s+over|dedicated|set\s+aside)\s+(?:to|for)\s+(?:the\s+(?:topic|question)\s+of\s+)?"
                        r"(?P<d>(?!the\s+(?:first|second|third|other|remaining)\b)[^,;.“”\"()]{5,120}?)\s*(?:[.;,]|$|\s+so\s+that\b)",
                        re.IGNORECASE)
#: a topic not chosen whose questions a workshop takes up, the topic quoted before and named back by "its": "The third,
#: “P”, did not gather enough support ...; its main questions will be taken up in the second workshop", "its two central
#: questions – ... – have been made part of the programme of the first workshop"
FOLDED_INTO = re.compile(r"\b[Ii]ts\s+(?:(?:main|central|key|principal|two|three|core)\s+){0,2}(?:questions|elements|issues|aspects|"
                         r"concerns|themes|points)\b(?:\s*[–—-]\s*[^–—]{0,300}?\s*[–—-])?\s+(?:will|would|are\s+to|have|has|were)\s+"
                         r"(?:therefore\s+|also\s+|instead\s+)?(?:be\s+|been\s+)?"
                         r"(?:taken\s+up|addressed|covered|included|examined|discussed|folded|made\s+part\s+of\s+the\s+programme)\s+"
                         r"(?:in|at|into|within|of|during)\s+the\s+(?P<ord>first|second|third|fourth)\s+(?:IDM\s+)?"
                         r"(?:intersessional\s+)?workshop\b(?:\s+of\s+(?:(?P<year>(?:19|20)\d\d)|the\s+year))?")
#: "The topic “X” will be addressed at the second workshop": a quoted topic and the workshop it is for
TOPIC_AT_WORKSHOP = re.compile(r"\btopic,?\s+[“\"](?P<title>[^“”\"]{3,200})[”\"],?\s+(?:will\s+be|is\s+to\s+be|was|is)\s+"
                               r"(?:addressed|discussed|taken\s+up|covered|examined)\s+(?:at|in|by|during)\s+the\s+"
                               r"(?:first|second|third|fourth)\s+(?:IDM\s+)?(?:intersessional\s+)?workshop\b")
#: "The second workshop was convened in Geneva on 11–12 July 2016 on the topic “X”, which the membership had
#: chosen last October": the topic a workshop met on (under a title of its own, given apart); the relative
#: clause says the topic was selected for the year
HELD_ON_TOPIC = re.compile(r"\b(?:on|devoted\s+to|dedicated\s+to|addressing|which\s+addressed)\s+the\s+"
                           r"(?:(?:selected|chosen|retained)\s+)?(?:topic|subject)\s*,?\s*[“\"](?P<title>[^“”\"]{3,200})[”\"]"
                           r"(?P<chosen>,?\s+which\s+(?:the\s+)?(?:membership|Member\s+States|Members|delegations)\s+"
                           r"(?:had\s+|has\s+|have\s+)?(?:chosen|selected|agreed\s+on|approved|retained)\b)?")
#: "The second workshop, which will take up topic (a), ...": the topic by its letter in a list
TOPIC_LETTER = re.compile(r"\btopic\s+\((?P<l>[a-h])\)")


def _topic_named(r: Reader, part: Part, ref: Ref, s: int, after: int, e: int) -> None:
    """The topic a workshop is on when the sentence names it by description or by letter; the
    topic itself is found across notes (resolve.py) among the topics proposed for its year."""
    text = part.text
    d = DESCRIBED.match(text, after, e) or TAKES_UP.match(text, after, e)
    if d:
        r.add(ref, ON_DESCRIBED, d.group("d"), r.evidence(part, d.start("d"), d.end("d")))
    t = TOPIC_AT_WORKSHOP.search(text, s, after)
    if t and t.end() == after:
        r.add(ref, "idm:onTopic", topic_ref(t.group("title")), r.evidence(part, t.start("title"), t.end("title")))
    on = HELD_ON_TOPIC.search(text, after, e)
    if on and (re.fullmatch(r",?\s*", text[after:on.start()]) or (_status(text[after:on.start()]) and not re.search(r"[;“”\"]", text[after:on.start()]))):
        # right after the mention, or after the workshop's verb (nothing quoted between): the topic it met on
        year = int(ref.key.split("-")[0])
        tev = r.evidence(part, on.start("title"), on.end("title"))
        r.add(ref, "idm:onTopic", topic_ref(on.group("title")), tev)
        if on.group("chosen"):
            proposal = propose(r, "topic", on.group("title"), year, tev, in_note=False)
            r.add(proposal, "idm:outcome", Ref("outcome", "selected"),
                  r.evidence(part, on.start("chosen"), on.end("chosen")))
    _topic_back_reference(r, part, ref, s, e)
    clause_end = text.find(",", after + 2, e)
    letter = TOPIC_LETTER.search(text, after, clause_end if clause_end > 0 else e)
    if letter and re.match(r",\s+which\b", text[after:]):
        r.add(ref, ON_LABEL, letter.group("l"), r.evidence(part, letter.start(), letter.end()))


#: a topic named by its place and described, between a quoted title and "its": "The third, on access to health care"
ANOTHER_TOPIC = re.compile(r"\b(?:first|second|third|fourth|fifth|other|remaining|last)\b(?:\s+(?:topic|one|proposal))?,?\s+"
                           r"(?:on|about|concerning|dealing\s+with|relating\s+to)\b", re.IGNORECASE)


def _topic_folded_into(r: Reader, part: Part) -> None:
    """A topic not chosen, quoted in the paragraph, whose questions "will be taken up in the second workshop": that
    workshop of the note's year (or the year said) incorporates it. The topic is the last one quoted before "its", in
    the same sentence or the one before; unsure (nothing quoted there): nothing."""
    text = part.text
    spans = sentences(text)
    for m in FOLDED_INTO.finditer(text):
        i = next((k for k, (s, e) in enumerate(spans) if s <= m.start() < e), None)
        if i is None:
            continue
        start = spans[max(0, i - 1)][0] if not find_quoted(text, spans[i][0], m.start()) else spans[i][0]
        quoted = [q for q in find_quoted(text, start, m.start()) if not THEME_WORD.search(text, max(0, q[1] - 40), q[1])]
        if not quoted:
            continue
        title, qs, qe = quoted[-1]
        if ANOTHER_TOPIC.search(text, qe, m.start()):
            continue  # "... “Y”. The third, on access to health care, ..., although several of its elements ...": not Y
        year = int(m.group("year")) if m.group("year") else r.note.dialogue_year
        ref = workshop_ref(year, ORDINAL_WORDS[m.group("ord").lower()])
        ev = r.evidence(part, m.start("ord"), m.end())
        r.add(ref, "rdf:type", Ref("class", "IntersessionalWorkshop"), ev)
        r.add(ref, "idm:ordinal", ORDINAL_WORDS[m.group("ord").lower()], ev)
        r.add(ref, "idm:servesYear", year_ref(year), ev)
        r.add(ref, "idm:incorporatesTopic", topic_ref(title), r.evidence(part, qs, qe))


def _topic_back_reference(r: Reader, part: Part, ref: Ref, s: int, e: int) -> None:
    """The topic a workshop takes up, named back: by its place among the topics chosen ("the first of these topics"),
    or quoted after a clause saying it was chosen ("the topic that the membership had retained ..., “X”")."""
    text = part.text
    for m in TOPIC_PLACE.finditer(text, s, e):
        if m.group("pair"):
            place, count = (1 if m.group("pair").lower() == "former" else 2), 2
        else:
            place = ORDINAL_WORDS[m.group("ord").lower()]
            count = COUNTS[m.group("count").lower()] if m.group("count") else None
        r.add(ref, ON_PLACE, (place, count), r.evidence(part, m.start(), m.end()))
    for m in TOPIC_ALSO.finditer(text, s, e):
        r.add(ref, "idm:incorporatesTopic", topic_ref(m.group("title")), r.evidence(part, m.start("title"), m.end("title")))
    for m in SESSION_ON.finditer(text, s, e):
        r.add(ref, INCORPORATES_DESCRIBED, m.group("d"), r.evidence(part, m.start("d"), m.end("d")))
    for m in TOPIC_RETAINED.finditer(text, s, e):
        r.add(ref, "idm:onTopic", topic_ref(m.group("title")), r.evidence(part, m.start("title"), m.end("title")))


#: "“Border management and trade facilitation”, for the first workshop, which will be convened ...":
#: a topic chosen for one of the year's workshops, named by its ordinal
FOR_WORKSHOP = re.compile(r"[“\"](?P<title>[^“”\"]{3,200})[”\"],?\s+for\s+the\s+(?P<ord>first|second|third|fourth)\s+"
                          r"(?:intersessional\s+)?workshop\b", re.IGNORECASE)
#: "A third topic, “Readmission agreements and return”, was not taken up."
OTHER_TOPIC = re.compile(r"\b(?:A|The)\s+(?:third|fourth|fifth|further|other|remaining)\s+topic,?\s+[“\"]"
                         r"(?P<title>[^“”\"]{3,200})[”\"],?\s+(?P<no>(?:was|were)\s+not\s+(?:taken\s+up|selected|retained|"
                         r"chosen))\b")


def _topics_for_workshops(r: Reader, part: Part) -> list[tuple[int, int]]:
    """"At the consultations of 8 November 2005, Members chose the following topics for the
    two workshops of 2006: “X”, for the first workshop, which will be convened in Geneva on
    ...; “Y”, for the second workshop, ...". Each topic was put forward at that consultation and
    selected, and names its workshop: ordinal, title, dates, venue, planned (the decision
    comes before the workshop). A topic said "not taken up" was not selected. Returns the
    spans read, which the sentence rules skip."""
    text = part.text
    found = list(FOR_WORKSHOP.finditer(text))
    at, decided = TOPICS_DECIDED_AT.search(text), TOPIC_DECISION.search(text)
    if not found or not at or not decided or decided.start() > found[0].start() \
            or not re.search(r"\btopics\b", text[:found[0].start()], re.IGNORECASE) \
            or NOT_CHOSEN.search(text[:found[0].start()]):
        return []
    held = find_dates(at.group("date"))
    if not held:
        return []
    said = re.findall(r"\bworkshops\s+(?:of|in|for)\s+((?:19|20)\d\d)\b", text[:found[0].start()])
    year = int(said[0]) if said else held[0].start.year + (1 if held[0].start.month >= 9 else 0)
    if year < held[0].start.year:
        return []
    meeting = declare_consultation(r, held[0].start, r.evidence(part, at.start("date"), at.end("date")))
    dev = r.evidence(part, decided.start(), decided.end())
    spans = [(at.start(), found[-1].end())]
    for i, m in enumerate(found):
        stop = re.compile(r";|\.(?:\s|$)").search(text, m.end())
        end = min(stop.start() if stop else len(text), found[i + 1].start() if i + 1 < len(found) else len(text))
        ref = _declare(r, part, year, ORDINAL_WORDS[m.group("ord").lower()],
                       r.evidence(part, m.start("ord"), m.end()))
        tev = r.evidence(part, m.start("title"), m.end("title"))
        r.add(ref, "idm:title", m.group("title"), tev)
        proposal = propose(r, "topic", m.group("title"), year, tev, in_note=False, at=meeting)
        r.add(proposal, "idm:outcome", Ref("outcome", "selected"), dev)
        r.add(ref, "idm:onTopic", topic_ref(m.group("title")), tev)
        segment = text[m.end():end]
        status = _status(segment)
        if status is None and held[0].start.year < year:
            r.add(ref, "idm:status", Ref("status", "planned"), dev)
        _details(r, part, ref, m.end(), end, year)
        spans.append((m.start(), end))
    for m in OTHER_TOPIC.finditer(text, found[-1].end()):
        tev = r.evidence(part, m.start("title"), m.end("title"))
        proposal = propose(r, "topic", m.group("title"), year, tev, in_note=False, at=meeting)
        r.add(proposal, "idm:outcome", Ref("outcome", "notSelected"), r.evidence(part, m.start("no"), m.end("no")))
        spans.append((m.start(), m.end()))
    return spans


def _unnumbered(r: Reader, part: Part, s: int, e: int, m: re.Match, note_year: int) -> bool:
    """A workshop the sentence introduces without an ordinal ("A one-day workshop, “X”, was
    organized in Geneva on ..."): it comes after the workshops of its year the note already
    named, so its ordinal is one more than theirs (the first if none). Not read if its title
    is that of a workshop already named (the same workshop again) or if the sentence names
    several workshops."""
    text = part.text
    sentence = text[s:e]
    quoted = [q for q in find_quoted(text, s + m.end(), e) if q[1] - 1 == s + m.end() or q[1] == s + m.end()]
    if not quoted or len(re.findall(r"\bworkshops?\b", sentence, re.IGNORECASE)) > 1:
        return False
    title, qs, qe = quoted[0]
    year = _context_year(r, part, sentence, note_year)
    known = {}
    for f in r.facts:
        if f.subject.kind == "workshop" and f.prop == "idm:title":
            known[f.subject] = normalise(str(f.value))
    if normalise(title) in known.values():
        return False
    ordinals = [int(ref.key.split("-")[1]) for ref in known if ref.key.split("-")[0] == str(year)]
    ref = _declare(r, part, year, max(ordinals, default=0) + 1, r.evidence(part, s + m.start(), s + m.end()))
    r.workshop_part = part.id
    r.add(ref, "idm:title", title, r.evidence(part, qs, qe))
    _details(r, part, ref, s, e, year)
    return True


#: "Both workshops of 2017 took place as announced:", "The two workshops in 2018 were held:"
LIST_OPENER = re.compile(r"\b(?:Both|Two|Three|Four|The two|The three|The four)\s+(?:IDM\s+)?(?:intersessional\s+)?"
                         r"workshops\b(?:\s+(?:of|in|for)\s+(?P<year>\d{4}))?", re.IGNORECASE)


def _workshop_list(r: Reader, part: Part, s: int, e: int) -> bool:
    """A sentence listing the workshops of a year, each by its quoted title followed by its
    dates (and place): "Both workshops of 2017 took place as announced: “X” in New York on
    18 and 19 April 2017, and “Y” in Geneva on 30 November and 1 December 2017". The
    workshops are numbered in the order listed; every title must have dates after it."""
    text = part.text
    opener = LIST_OPENER.search(text, s, e)
    if not opener:
        return False
    quoted = find_quoted(text, opener.end(), e)
    if len(quoted) < 2:
        return False
    given = [d for d in find_dates(text[s:e]) if d.year_given]
    said = opener.group("year") or next(iter(re.findall(r"\bin ((?:19|20)\d\d)\b", text[opener.end():quoted[0][1]])),
                                        None)
    if not said and not given:
        return False
    year = int(said) if said else given[0].start.year
    segments = []
    for i, (title, qs, qe) in enumerate(quoted):
        end = quoted[i + 1][1] - 1 if i + 1 < len(quoted) else e
        dates = find_dates(text[qe:end], year)
        if not dates:
            return False
        segments.append((title, qs, qe, end, dates[0]))
    clause = text[s:quoted[0][1]]
    for ordinal, (title, qs, qe, end, d) in enumerate(segments, start=1):
        ref = _declare(r, part, year, ordinal, r.evidence(part, opener.start(), opener.end()))
        r.add(ref, "idm:title", title, r.evidence(part, qs, qe))
        ev = r.evidence(part, qe + d.text_start, qe + d.text_end)
        r.add(ref, "idm:startDate", d.start, ev)
        r.add(ref, "idm:endDate", d.end, ev)
        segment = text[qe:end]
        status = _status(segment) or _status(clause)
        if status:
            where, at = (segment, qe) if _status(segment) else (clause, s)
            sm = next(hit for st, p in STATUS_WORDS if st == status and (hit := p.search(where)))
            r.add(ref, "idm:status", Ref("status", status), r.evidence(part, at + sm.start(), at + sm.end()))
        v = VENUE.search(segment) or VENUE_BEFORE_DATE.search(segment)
        if v:
            r.add(ref, "idm:venue", v.group("venue"), r.evidence(part, qe + v.start("venue"), qe + v.end("venue")))
    return True


#: an item (or table row) "First workshop: TITLE | 23-24 April 2003"
ITEM = re.compile(r"^(?P<ord>First|Second|Third|Fourth)\s+(?:intersessional\s+)?workshop\s*[:–—-]\s*"
                  r"(?P<title>[^|]+?)\s*(?:\|\s*(?P<rest>.*))?$", re.IGNORECASE)


def _workshop_items(r: Reader, part: Part) -> None:
    """The workshops of a paragraph's items or table rows, one each: its ordinal, title and
    dates; the status the paragraph's lead gives ("will be held")."""
    para = r.note.paragraph(part.paragraph)
    text = part.text
    lead = text[:para.items[0].start] if para.items else text
    status = _status(lead)
    for item in para.items:
        m = ITEM.match(text[item.start:item.end])
        if not m:
            continue
        at = item.start
        rest = m.group("rest") or ""
        dated = [d for d in find_dates(rest) if d.year_given]
        said = re.findall(r"\b((?:19|20)\d\d)\b", rest)
        year = dated[0].start.year if dated else int(said[0]) if said else r.note.dialogue_year
        ref = _declare(r, part, year, ORDINAL_WORDS[m.group("ord").lower()],
                       r.evidence(part, at + m.start("ord"), at + m.end("title")))
        r.add(ref, "idm:title", m.group("title"), r.evidence(part, at + m.start("title"), at + m.end("title")))
        if dated:
            d = dated[0]
            ev = r.evidence(part, at + m.start("rest") + d.text_start, at + m.start("rest") + d.text_end)
            r.add(ref, "idm:startDate", d.start, ev)
            r.add(ref, "idm:endDate", d.end, ev)
        if status:
            sm = next(hit for st, p in STATUS_WORDS if st == status and (hit := p.search(lead)))
            r.add(ref, "idm:status", Ref("status", status), r.evidence(part, sm.start(), sm.end()))
        _selected_topic(r, part, lead, ref, year, m.group("title"), at + m.start("title"), at + m.end("title"))


def _selected_topic(r: Reader, part: Part, lead: str, ref: Ref, year: int, title: str, ts: int, te: int) -> None:
    """"At the consultations of 12 November 2002 Members selected two workshop topics." followed
    by the workshops as items: each workshop is on the topic its title names, a topic
    selected for its year (put forward at that consultation when the lead names it)."""
    decided = TOPIC_DECISION.search(lead)
    if not decided or not re.search(r"\btopics\b", lead, re.IGNORECASE) or THEME_WORD.search(lead) \
            or NOT_CHOSEN.search(lead):
        return
    meeting = None
    at = TOPICS_DECIDED_AT.search(lead)
    if at and (held := find_dates(at.group("date"))) and held[0].start.year in (year - 1, year):
        meeting = declare_consultation(r, held[0].start, r.evidence(part, at.start("date"), at.end("date")))
    proposal = propose(r, "topic", title, year, r.evidence(part, ts, te), in_note=False, at=meeting)
    r.add(proposal, "idm:outcome", Ref("outcome", "selected"), r.evidence(part, decided.start(), decided.end()))
    r.add(ref, "idm:onTopic", topic_ref(title), r.evidence(part, ts, te))


def _context_year(r: Reader, part: Part, sentence: str, note_year: int) -> int:
    """The year of a workshop named without one ("the first workshop"): the year its dates
    give, else that of the workshops the same section just named (a review of last year's
    workshops), else the note's year."""
    dated = [d for d in find_dates(sentence) if d.year_given]
    if dated:
        return dated[0].start.year
    said = set(re.findall(r"\b(?:of|in|for)\s+((?:19|20)\d\d)\b", sentence))
    if len(said) == 1:
        return int(said.pop())
    if r.last_workshop is not None and r.last_workshop.kind == "workshop" and r.workshop_section == part.heading:
        return int(r.last_workshop.key.split("-")[0])
    return note_year


def _has(r: Reader, ref: Ref, prop: str) -> bool:
    return any(f.subject == ref and f.prop == prop for f in r.facts)


def _plan_replaced_after(text: str, e: int) -> bool:
    """Whether a later sentence of the paragraph goes on about the same workshop and says it was
    held, or gives its new plan ("It is now scheduled to take place ..."): what the sentence
    before said it was to have been is no longer its date or place."""
    for s2, e2 in sentences(text):
        if s2 >= e and FOLLOW_UP.match(text, s2, e2) and _status(text[s2:e2]):
            return True
    return False


def _not_held_then_held(text: str, s: int, e: int, not_held: re.Match) -> bool:
    """Whether a workshop said not to have taken place as planned ("could not take place on 7 November
    as announced") is then said to have met or given a new plan, later in the sentence ("..., and was
    held online on 23 January") or in a sentence going on about it ("It was held online on ..."):
    the dates and place after "could not" are those it did not have."""
    after = SUPERSEDED_END.search(text, s + not_held.end(), e)
    return bool(after and _status(text[after.end():e])) or _plan_replaced_after(text, e)


def _details(r: Reader, part: Part, ref: Ref, s: int, e: int, year: int, only_missing: bool = False) -> None:
    """Status (verb tense), dates and venue of a workshop read from one sentence; with
    ``only_missing``, only what no earlier sentence of the note gave."""
    text = part.text
    sentence = text[s:e]
    rest = None
    if (moved := SUPERSEDED.search(sentence)) or ((moved := FORMER_PLAN.search(sentence)) and _plan_replaced_after(text, e)) \
            or ((moved := NOT_HELD.search(sentence)) and _not_held_then_held(text, s, e, moved)):
        # what follows "was originally scheduled for" is no longer the workshop's date or place; a clause after
        # it that says what became of the workshop ("..., originally scheduled for April, has been postponed to
        # 8 October") gives what the sentence before it did not
        after = SUPERSEDED_END.search(sentence, moved.end())
        if after and _status(sentence[after.end():]):
            rest = (s + after.end(), e)
        e = s + moved.start()
        sentence = text[s:e]
    if rest:
        _details(r, part, ref, s, e, year, only_missing)
        _details(r, part, ref, *rest, year, only_missing=True)
        return
    status = _status(sentence)
    if status and not (only_missing and _has(r, ref, "idm:status")):
        sm = _status_hit(sentence)[1]
        r.add(ref, "idm:status", Ref("status", status), r.evidence(part, s + sm.start(), s + sm.end()))
    if not (only_missing and _has(r, ref, "idm:startDate")):
        # "was postponed from 9 April to 8 October 2019": the dates after "to" are the workshop's
        moved_from = MOVED_FROM.search(sentence)
        _dates(r, part, ref, s + moved_from.end() if moved_from else s, e, year)
    if only_missing and _has(r, ref, "idm:venue"):
        return
    v = VENUE.search(sentence) or VENUE_BEFORE_DATE.search(sentence)
    if v is None:
        for d in find_dates(sentence, year)[:1]:
            v = VENUE_AFTER_DATE.match(sentence, d.text_end)
    if v is None:
        v = VENUE_AT.search(sentence)
    if v is None:
        for d in find_dates(sentence, year)[:1]:
            v = BUILDING_AFTER_DATE.match(sentence, d.text_end)
    if v is None:
        v = AT_BEFORE_DATE.search(sentence) or VENUE_AFTER_MONTH.search(sentence) or PLACE_COMMA_DATE.search(sentence) \
            or BUILDING_ALONE.search(sentence)
    if v is None and (v := VENUE_VIRTUAL.search(sentence)):
        g = "venue" if v.group("venue") else "venue2"
        venue = "online"  # "online", "virtually", "in a virtual format": a meeting without a place
        r.add(ref, "idm:venue", venue, r.evidence(part, s + v.start(g), s + v.end(g)))
        return
    if v:
        r.add(ref, "idm:venue", v.group("venue"), r.evidence(part, s + v.start("venue"), s + v.end("venue")))
