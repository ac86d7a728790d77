"""Attendance figures: "attended by more than 200 participants representing 69 governments",
"154 were government representatives from over 70 countries", "180 participants from 67
countries". The categories and their wordings come from the controlled vocabulary
(``ontology/vocab.ttl``, skos:hiddenLabel of each idm:AttendanceCategory); the figure belongs
to the meeting the note was last talking about.

The rules' word lists (lower-bound and approximation qualifiers, counting verbs, the words that
trigger a sentence, other kinds of event, panels, broadcasts, registration, speakers) are data
too: idm:signal-* concepts in ``ontology/vocab.ttl`` read through :mod:`idmkg.extract.signals`;
what stays here is the sentence structure (and grammar words)."""
from __future__ import annotations

import re

from ..model import Ref
from .common import CARDINAL_WORDS, Part, Reader, cardinal_from_words, sentences
from .signals import alternation

TRIGGER = re.compile(r"\b(" + alternation("attendance-trigger") + r")\b", re.IGNORECASE)
#: a sentence about another kind of event than the workshop or session the note was talking about
#: (the name of one too: "The Global Conference on Cities gathered ...")
OTHER_EVENT = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Aa])\s+(?:\w+\s+){0,3}?(?i:" + alternation("other-event") + r")\b"
                         # "173 in the conference room", "the Geneva International Conference Centre": a place, no event
                         r"(?!\s+(?i:rooms?|halls?|cent(?:re|er)s?|facilit\w*|build\w*|platforms?|calls?|services?|venues?))")
#: people who spoke in a part of the meeting, not its attendance: "Ministers and senior officials from 14 countries
#: took part in a panel on ...", "speakers from 12 countries participated in the round table" (the audience of a
#: panel is: "The IDM panel drew some 350 participants")
PANELLISTS = re.compile(r"\b(?:took\s+part|taking\s+part|participated|spoke|served|sat)\s+(?:in|on)\s+(?:a|an|the|its)\s+"
                        r"(?:[\w-]+\s+){0,2}?(?:" + alternation("panel-part") + r")\b", re.IGNORECASE)
#: a sentence about an earlier meeting than the one the note was talking about: "Over 300 participants
#: attended last year’s workshop", "as at the previous session"
EARLIER_EVENT = re.compile(r"\b(?:last|the\s+previous|the\s+preceding)\s+year[’']s\b|\b(?:the|a|an)\s+(?:previous|preceding|"
                           r"earlier|past)\s+(?:\w+\s+){0,2}?(?:workshops?|sessions?|consultations?|meetings?)\b", re.IGNORECASE)
#: a lower bound ("more than 200") sets idm:atLeast; an approximation ("some 300") does not
#: ("Attendance exceeded 350 participants": a verb that sets a lower bound before the figure)
LOWER_BOUND = re.compile(alternation("at-least", " "), re.IGNORECASE)
QUALIFIER = r"(?:(?P<q>" + alternation("at-least", " ") + "|" + alternation("approximately", " ") + r")\s+)?"


def figure_pattern(labels: dict[str, list[str]]) -> re.Pattern:
    """One pattern for every category wording, longest first so the most specific wins."""
    alternatives = sorted(((lab, key) for key, labs in labels.items() for lab in labs), key=lambda x: -len(x[0]))
    groups = "|".join(re.escape(lab) for lab, _ in alternatives)
    # "35 were from international organizations", "38 came from ...", "80 from ...", "171 represented governments"
    # "121 represented the governments of 66 countries": people representing governments
    return re.compile(QUALIFIER + r"(?P<n>\d[\d,]*|" + CARDINAL_WORDS + r")\s+(?:(?:of\s+(?:them|whom)\s+)?"
                      r"(?:(?:were|came)\s+(?:(?P<from>from)\s+)?|(?P<from2>from)\s+|(?P<rep>represented)\s+(?:the\s+(?=governments\b))?)?)?"
                      + QUALIFIER.replace("q>", "q2>")
                      # "12 United Nations entities and other international organizations", "36 youth-led and civil
                      # society organizations": one count for a kind and the category it is joined to (words that
                      # are no category's and no function word before "and (other)")
                      + r"(?:(?:(?!(?:" + _words(labels) + r"|" + FUNCTION_WORDS + r")\b)[A-Za-z][\w-]*\s+){1,3}and\s+"
                      r"(?:other\s+)?(?=(?:" + groups + r")\b))?"
                      + r"(?P<label>" + groups + r")\b", re.IGNORECASE)


#: words that end a noun phrase's modifiers: what comes after them is no category a figure counts
FUNCTION_WORDS = (r"of|from|in|at|to|the|a|an|them|whom|were|was|came|and|or|with|by|for|on|than|as|well|who|which|that|"
                  r"their|its|these|those|other|representing|represented|including|among|along|together")


def _words(labels: dict[str, list[str]]) -> str:
    """Every word of every category wording, as alternatives."""
    words = sorted({w for labs in labels.values() for lab in labs for w in lab.split()}, key=lambda w: -len(w))
    return "|".join(re.escape(w) for w in words)


#: "245 participants, 142 of whom were officials of 79 governments", "of whom 90 were representatives from 40
#: Member States": part of the participants counted as the officials of the governments (or countries) named
#: after them: government representatives (the governments' own figure is read by the figure pattern)
def officials_pattern(labels: dict[str, list[str]]) -> re.Pattern:
    states = sorted((lab for key in ("governments", "countries") for lab in labels.get(key, [])), key=lambda x: -len(x))
    number = r"\d[\d,]*|" + CARDINAL_WORDS
    return re.compile(r"(?:(?P<n>" + number + r")\s+of\s+(?:them|whom)|of\s+(?:them|whom)\s+(?P<n2>" + number + r"))"
                      r"\s+(?:were|was)\s+"
                      r"(?:(?:senior|high-level)\s+)?(?:government\s+)?(?P<label>officials|representatives|delegates)\s+"
                      r"(?:of|from)\s+(?:the\s+)?" + QUALIFIER.replace("q>", "q2>") + r"(?:\d[\d,]*|" + CARDINAL_WORDS
                      + r")\s+(?:" + "|".join(re.escape(lab) for lab in states) + r")\b", re.IGNORECASE)


#: "Participation exceeded 250", "Attendance reached 300": a count of the participants
PARTICIPATION = r"[Pp]articipation|[Aa]ttendance"
#: the figure after its category: "participants numbered some 250", "the number of delegates exceeded 120"
#: (or "Participants, 162 in all, came from ...")
COUNTED = (r"(?:\s+(?:(?:" + alternation("count-verb", " ") + r")\s+"
           r"|(?P<x>" + alternation("count-exceeded") + r")\s+)"
           r"|,\s+(?=[\w-]+(?:\s+[\w-]+){0,3}?\s+in\s+all\b))")


def figure_after_pattern(labels: dict[str, list[str]]) -> re.Pattern:
    """One pattern for a category wording followed by a counting verb and the figure."""
    alternatives = sorted((lab for labs in labels.values() for lab in labs), key=lambda x: -len(x))
    groups = "|".join(re.escape(lab) for lab in alternatives)
    # "brought the number of participants to close to two hundred": "to" only after "the number of"
    return re.compile(r"\b(?P<num>the\s+(?:total\s+)?number\s+of\s+)?(?P<label>" + groups + r"|" + PARTICIPATION + r")"
                      + r"(?:" + COUNTED + r"|(?(num)\s+to\s+|(?!)))" + QUALIFIER
                      + r"(?P<n>\d[\d,]*|" + CARDINAL_WORDS + r")\b(?!\s*(?:per\s*cent|%|years?|countries|governments))",
                      re.IGNORECASE)


def read(r: Reader, part: Part, categories: dict[str, list[str]], pattern: re.Pattern) -> None:
    if not part.id.startswith("p/") or r.last_meeting is None:
        return
    last = r.last_meeting
    if last.kind == "workshop" and r.workshop_section != part.heading:
        return  # figures in another section of the note are not that workshop's
    if last.kind == "council" and r.meeting_part != part.id:
        # a Council session's figures are given where it is named; later ones are the
        # figures of the meeting talked about before it
        if r.meeting_before is None:
            return
        r.last_meeting = r.meeting_before
    by_label = {lab.lower(): key for key, labs in categories.items() for lab in labs}
    text = part.text
    counted = False  # the sentence before gave attendance figures
    for s, e in sentences(text):
        goes_on, counted = counted and GOES_ON.match(text, s, e), False
        if not TRIGGER.search(text[s:e]) and not goes_on:
            continue
        other = OTHER_EVENT.search(text, s, e)
        if other and r.last_meeting.kind not in ("conference",) \
                and not re.search(r"\b(?:workshop|session|plenary)\b", text[s:other.start()], re.IGNORECASE):
            continue  # "The conference gathered over 400 participants": not the meeting talked about
        if PANELLISTS.search(text, s, e):
            continue  # "Ministers from 14 countries took part in a panel": the panel's speakers
        if EARLIER_EVENT.search(text, s, e):
            continue  # "Over 300 participants attended last year’s workshop"
        found = list(pattern.finditer(text, s, e))
        officials = list(_officials(categories).finditer(text, s, e)) if REPRESENTATIVES in categories else []
        found = [f for f in found if not any(o.start() <= f.start() < o.start("label") for o in officials)] + officials
        for m in _after(categories).finditer(text, s, e):
            if not any(m.start() < f.end() and f.start() < m.end() for f in found):
                found.append(m)
        found += _shared_head(text, s, found, by_label)
        # "250 participants registered, of whom 230 attended" (only after a count of those registered: "245 participants,
        # of whom 120 attended in person" gives the in-person share, no figure)
        found += [_Figure(a, "participants") for a in ATTENDED_OF_THEM.finditer(text, s, e)
                  if not any(f.start() <= a.start("n") < f.end() for f in found)
                  and REGISTERED.search(text, s, a.start()) and not re.search(r"\bin\s+person\b|\bonline\b|\bremotely\b",
                                                                             text[a.end():e])]
        found.sort(key=lambda m: m.start())
        switches = _ordinal_switches(r, text, s, e)
        for m in found:
            label = m.group("label").lower()
            category = by_label.get(label) or ("participants" if label in ("participation", "attendance") else None)
            if any(m is o for o in officials):
                category = REPRESENTATIVES
            if category is None or category not in categories:
                continue
            groups = m.groupdict()
            if category == "governments" and REPRESENTATIVES in categories and (groups.get("rep") or (
                    (groups.get("from") or groups.get("from2")) and _counts_people(text[s:m.start()]))):
                # "171 represented governments", "230 participants attended, 140 of them from governments": people,
                # not governments (but "Representatives of 120 States took part; 85 were from Member States": States)
                category = REPRESENTATIVES
            if SPEAKERS_BEFORE.search(text, max(s, m.start() - 40), m.start()):
                continue  # "Forty-two speakers from 30 countries": where the speakers came from
            if REGISTERED.match(text, m.end(), e) and ATTENDED_OF_THEM.search(text, m.end(), e):
                # "250 participants registered, of whom 230 attended": who signed up, not who came (a count of those
                # registered, said alone, is the attendance: "in all, 296 participants registered")
                continue
            if REMOTE_AUDIENCE.match(text, m.end(), e):
                continue  # "a further 1,200 people followed the webcast": an audience, not the meeting's attendance
            if category == NGOS and MIXED in categories and MIXED_LIST.match(text, m.end(), e):
                category = MIXED  # "80 from civil society organizations, research institutes and companies"
            meeting = next((ref for at, ref in reversed(switches) if at < m.start()), r.last_meeting)
            count = _count(m.group("n") or m.groupdict().get("n2"))
            if count is None:
                continue
            ref = Ref("attendance", f"{meeting.kind}/{meeting.key}/{category}")
            ev = r.evidence(part, m.start(), m.end())
            r.add(ref, "rdf:type", Ref("class", "AttendanceFigure"), ev)
            r.add(ref, "idm:attendanceOf", meeting, ev)
            r.add(ref, "idm:category", Ref("category", category), ev)
            r.add(ref, "idm:count", count, ev)
            counted = True
            qualifier = groups.get("q") or groups.get("q2") or ""
            r.add(ref, "idm:atLeast", bool(LOWER_BOUND.fullmatch(qualifier) or groups.get("x")), ev)


#: a sentence going on about the people the sentence before counted, with their breakdown: "They came from 87 Member
#: States, ...", "Delegations of 91 governments were present, along with ...", "Of these, 120 were ...", "Among them
#: were 40 ..."
GOES_ON = re.compile(r"\s*(?:They|These|Those|Of\s+(?:these|them|whom)|Among\s+(?:them|these)|Between\s+them|"
                     r"(?:Government\s+)?(?:Delegations|Delegates|Representatives|Officials|Participants)\s+(?:of|from)\b)")
#: "18 intergovernmental and 24 non-governmental organizations": the first figure's words before "and" share the
#: noun the second figure's category ends with
SHARED_BEFORE = re.compile(QUALIFIER + r"(?P<n>\d[\d,]*|" + CARDINAL_WORDS + r")\s+(?P<adj>[A-Za-z][\w-]*)\s*(?:,\s*)?"
                           r"(?:and|or|,)\s+$", re.IGNORECASE)


class _Figure:
    """A figure read from two places: its number before "and", its category's noun after the next figure."""

    def __init__(self, m: re.Match, label: str):
        self._m, self._label = m, label

    def start(self, group=0):
        return self._m.start(group)

    def end(self, group=0):
        return self._m.end(group)

    def group(self, name):
        return self._label if name == "label" else self._m.group(name)

    def groupdict(self):
        return {**self._m.groupdict(), "label": self._label}


def _shared_head(text: str, s: int, found: list, by_label: dict[str, str]) -> list:
    """"along with 18 intergovernmental and 24 non-governmental organizations": 18 intergovernmental organizations,
    when the first figure's word and the second's noun make a category wording."""
    out = []
    for m in found:
        label = m.group("label").split()
        before = SHARED_BEFORE.search(text, max(s, m.start() - 60), m.start())
        if before is None or any(f.start() <= before.start("n") < f.end() for f in found):
            continue
        adj = before.group("adj")
        wording = next((w for k in range(1, len(label)) if (w := f"{adj} {' '.join(label[k:])}").lower() in by_label), None)
        if wording:
            out.append(_Figure(before, wording))
    return out


#: people counted as watching a broadcast of the meeting: "1,200 people followed the webcast", "watched the live stream"
REMOTE_AUDIENCE = re.compile(r"[^.;,]{0,40}?\b(?:" + alternation("remote-watch") + r")\b[^.;]{0,40}?\b"
                             r"(?:" + alternation("broadcast") + r")\b",
                             re.IGNORECASE)
#: people who signed up or were invited: "250 participants registered" (not those who came when the sentence says how
#: many of them did)
REGISTERED = re.compile(r"\s*\b(?:had\s+)?(?:" + alternation("registered") + r")\b", re.IGNORECASE)
#: "..., of whom 230 attended": the part of the people just counted who came
ATTENDED_OF_THEM = re.compile(r"\bof\s+(?:whom|them|these)\s+" + QUALIFIER + r"(?P<n>\d[\d,]*|" + CARDINAL_WORDS
                              + r")\s+(?:actually\s+|eventually\s+|finally\s+)?(?:attended|took\s+part|participated|"
                              r"were\s+present|came)\b", re.IGNORECASE)
REPRESENTATIVES, NGOS, MIXED = ("government-representatives", "non-governmental-organizations",
                                "ngos-private-sector-academia-media")
#: NGOs listed with research, business or the media: "civil society organizations, research institutes and
#: technology companies" counts the mixed category
MIXED_LIST = re.compile(r"(?:,\s+[^,.;]{3,60}?)*,?\s+and\s+(?:the\s+)?[^,.;]{0,40}?\b(?:research|academi\w*|universit\w*|"
                        r"think[\s-]tanks?|compan\w*|private\s+sector|business\w*|enterprises?|media)\b")
#: the people a figure after them is about are the speakers, not the participants: "Forty-two speakers from 30 countries"
SPEAKERS_BEFORE = re.compile(r"\b(?:" + alternation("speakers") + r")\s+"
                             r"(?:(?:came\s+)?from|of|representing)\s+(?:(?:some|about|around|over|more\s+than)\s+)?$",
                             re.IGNORECASE)
#: "...; the second was attended by ...": a clause about another workshop of the same year
ORDINAL_CLAUSE = re.compile(r"\bthe (?P<ord>first|second|third|fourth)\b(?!\s+(?:time|year|day|session|half))",
                            re.IGNORECASE)
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _ordinal_switches(r: Reader, text: str, s: int, e: int) -> list[tuple[int, Ref]]:
    """Where a sentence turns to another workshop already named in the note, by its ordinal."""
    last = r.last_meeting
    if last is None or last.kind != "workshop":
        return []
    year = last.key.split("-")[0]
    known = {f.subject for f in r.facts if f.subject.kind == "workshop"}
    out = []
    for m in ORDINAL_CLAUSE.finditer(text, s, e):
        ref = Ref("workshop", f"{year}-{_ORD[m.group('ord').lower()]}")
        if ref in known:
            out.append((m.start(), ref))
    return out


PEOPLE = re.compile(r"\b(?:participants|people|persons|delegates|attendees|attended)\b", re.IGNORECASE)
STATES = re.compile(r"\b(?:States|governments|countries)\b")


def _counts_people(before: str) -> bool:
    """Whether the figure a sentence gives next ("140 of them from governments") counts the people it last named
    ("230 participants attended, ..."), not the States or governments it last named."""
    people, states = list(PEOPLE.finditer(before)), list(STATES.finditer(before))
    return bool(people) and (not states or people[-1].start() > states[-1].start())


def _count(n: str) -> int | None:
    return int(n.replace(",", "")) if n[0].isdigit() else cardinal_from_words(n)


_AFTER: dict[tuple, re.Pattern] = {}
_OFFICIALS: dict[tuple, re.Pattern] = {}


def _officials(categories: dict[str, list[str]]) -> re.Pattern:
    key = tuple((k, tuple(v)) for k, v in sorted(categories.items()))
    if key not in _OFFICIALS:
        _OFFICIALS[key] = officials_pattern(categories)
    return _OFFICIALS[key]


def _after(categories: dict[str, list[str]]) -> re.Pattern:
    key = tuple((k, tuple(v)) for k, v in sorted(categories.items()))
    if key not in _AFTER:
        _AFTER[key] = figure_after_pattern(categories)
    return _AFTER[key]
