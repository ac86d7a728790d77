"""A synthetic archive of IDM discussion notes, with the facts planted in each, for scale tests.

    .venv/bin/python bench/synth_archive.py --notes 100 --seed 7 --out /tmp/archive [--check]

**The notes are not IOM documents**: themes, workshop titles, dates, figures and symbols are
invented. They are written in the style and structure of the notes in ``notes/`` and
``tests/data/unseen/`` (markdown-like "lines" layout: ``N.`` paragraphs, ``###`` and italic
headings, ``- (a)`` items, ``<sup>N</sup>`` footnotes after ``---``): a cover page with symbol
``IC/YYYY/N``, date and place of issue, language and the consultation the note is prepared
for; "since the last informal consultations on DATE"; workshops reported held (title, dates,
venue, attendance) or announced (planned), some announced under the topic's title and held
under another; the year's overarching theme; theme candidates for the next year (some
re-proposed from earlier years, with a footnote citing the note that first proposed them);
workshop topics for the next year; the choice of the next year's theme; the Council session
with its segments; citations of other notes; and discussion paragraphs in between.

Each ``<name>.txt`` comes with ``<name>.facts.yaml``, its planted facts in the answer-key format
``bench/extraction_accuracy.py`` reads (see ``tests/data/unseen/README.md``), so that

    .venv/bin/python bench/extraction_accuracy.py --notes /tmp/archive --quiet

checks that the facts extracted equal the facts planted. Only phrasings today's rules read are
generated (see ``PHRASINGS``); ``--check`` runs that scorer after writing.

The archive spans years 1901-2098 at most (the rules read four-digit years 19xx/20xx):
``notes_per_year = max(2, ceil(N / 198))`` notes a year, as many years as needed, so 10 notes
are 5 years of 2 notes, 1,000 notes 198 years of 5 (the last 3) (spring note, autumn note and update
notes in between). Same seed and size -> byte-identical files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ORD = {1: "first", 2: "second", 3: "third", 4: "fourth"}
CARD = {2: "two", 3: "three", 4: "four", 5: "five"}
VENUES = ["Geneva"] * 8 + ["Bangkok", "Nairobi", "Dakar", "Vienna", "Panama", "Manila", "Brussels", "Lima"]
LANGUAGES = ["English"] * 8 + ["French", "Spanish"]

#: the phrasings generated, by kind (each one read by today's rules); variants dropped
#: because a rule misses them are listed in bench/README.md
PHRASINGS = {
    "previous": ["since the last Informal Consultations on {d}",
                 "since the last informal consultations, held on {d}",
                 "since the last informal consultations took place on {d}",
                 "since the previous informal consultations, which were held on {d}"],
    "held": ["The {o} IDM intersessional workshop for {y} took place in {v} on {d} and explored “{t}”.",
             "The {o} workshop, on “{t}”, took place in {v} on {d}.",
             "The {o} intersessional workshop of {y}, “{t}”, was convened in {v} on {d}.",
             "The {o} of the {n} intersessional workshops for {y}, “{t}”, was held in {v} on {d}.",
             "The {o} of these workshops took place in {v} on {d} under the title “{t}”."],
    "planned": ["Subject to the availability of funding, the {o} intersessional workshop, on “{t}”, will be held in {v} on {d}.",
                "The {o} workshop, “{t}”, will take place in {v} on {d}.",
                "The {o} IDM intersessional workshop for {y}, on “{t}”, is scheduled to be held in {v} on {d}.",
                "The {o} workshop will focus on “{t}” and will be convened in {v}. This workshop is scheduled for {d}.",
                "HEADING"],
    "attendance": ["It was attended by more than {p} participants representing {g} governments, {io} international "
                   "organizations and {ngo} non-governmental organizations.",
                   "Over {p} participants, representing {g} governments, {io} international organizations and "
                   "{ngo} non-governmental organizations, attended.",
                   "It was attended by {p} participants, of whom {gr} were government representatives from {c} countries.",
                   "Approximately {p} participants attended, representing {g} governments, {io} international "
                   "organizations and {ngo} non-governmental organizations.",
                   "It was attended by {p} participants from {c} countries.",
                   "Some {p} participants took part."],
    "theme_now": ["“{t}” is the selected overarching theme for the IDM in {y}.",
                  "The overarching theme for {y}, “{t}”, was endorsed by the membership at the informal "
                  "consultations held on {d}."],
    "theme_next": ["adopted", "preference", "opted"],
    "theme_candidates": ["options", "items", "proposals"],
    "topic_candidates": ["letters", "listed", "brackets", "topic-n"],
    "council_dates": ["{a}-{b} {m} {y}", "{a} {m}-{b} {m2} {y}"],
}

# ---------------------------------------------------------------------------------------------
# titles
# ---------------------------------------------------------------------------------------------

THEME_HEADS = ["Migration", "Mobility", "Human mobility", "Migration governance", "International migration",
               "Migrants", "Labour mobility", "Diaspora engagement", "Migration policy", "Population movement"]
THEME_SUBJECTS = [
    "social change", "development", "human security", "climate change", "urban growth", "economic crisis",
    "demographic change", "health", "human rights", "trade", "the rule of law", "education", "technology",
    "gender equality", "food security", "youth employment", "family life", "public opinion", "natural disasters",
    "regional integration", "labour markets", "rural livelihoods", "conflict", "peacebuilding", "water scarcity",
    "maritime routes", "border regions", "small island States", "ageing societies", "digital economies",
    "public finance", "local government", "cultural heritage", "sport", "tourism", "science and research",
    "energy transitions", "infrastructure", "care work", "the informal economy"]
THEME_ANGLES = [
    "shaping the future", "partners for development", "a shared responsibility", "policies that work",
    "building resilience", "evidence and action", "from dialogue to cooperation", "managing change together",
    "protecting people on the move", "opportunities and challenges", "bridging the gaps", "a whole-of-government approach",
    "lessons from the regions", "the way forward", "rights and responsibilities", "trust and accountability"]
TOPIC_SUBJECTS = [
    "Recognition of skills and qualifications", "Ethical recruitment", "Portability of social security",
    "Remittance costs", "Return and reintegration", "Circular migration schemes", "Diaspora investment",
    "Migrant health services", "Language training", "Unaccompanied children", "Border management",
    "Migration data", "Labour market information", "Consular protection", "Pre-departure orientation",
    "Housing and settlement", "Access to justice", "Family reunification", "Student mobility",
    "Seasonal work programmes", "Counter-trafficking cooperation", "Search and rescue", "Visa facilitation",
    "Local integration plans", "Displacement in disasters", "Planned relocation", "Statelessness",
    "Migrant entrepreneurship", "Financial inclusion", "Public communication", "Anti-discrimination policies",
    "Regional free movement", "Bilateral labour agreements", "Health worker migration", "Climate adaptation",
    "Urban inclusion", "Youth and mobility", "Women migrant workers", "Domestic workers",
    "Irregular migration routes", "Migrant smuggling", "Private sector partnerships", "Academic cooperation"]
TOPIC_ANGLES = [
    "the role of employers", "practical solutions", "lessons learned", "the role of local authorities",
    "what works", "building partnerships", "closing the gaps", "the role of civil society",
    "national experiences", "new approaches", "from policy to practice", "tools for governments",
    "regional perspectives", "the role of diasporas", "protection in practice"]
VARIANT_SUFFIXES = [" in practice", " within and between regions", ": experiences and practices", " across borders",
                    ": the way ahead"]

STOP = frozenset("a an and as at by for in of on or the to with its their from is are be".split())


def words(title: str) -> frozenset[str]:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return frozenset(w for w in re.split(r"[^a-z0-9]+", text) if w and w not in STOP)


def jaccard(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def key_of(title: str) -> str:
    return "-".join(sorted(words(title)))


# ---------------------------------------------------------------------------------------------
# dates and numbers in words
# ---------------------------------------------------------------------------------------------

def day(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def span(start: dt.date, end: dt.date, style: int, with_year: bool = True) -> str:
    """A two-day span as the notes write it."""
    y = f" {end.year}" if with_year else ""
    m = MONTHS[end.month - 1]
    if start.month != end.month:
        return f"{start.day} {MONTHS[start.month - 1]}-{end.day} {m}{y}"
    return [f"{start.day}-{end.day} {m}{y}", f"{start.day} and {end.day} {m}{y}", f"{start.day}–{end.day} {m}{y}",
            f"{start.day} to {end.day} {m}{y}"][style % 4]


_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_UNITS_ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
              "eleventh", "twelfth"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def ordinal_words(n: int) -> str | None:
    """1..199 in words ("Ninety-eighth", "One hundred and first"); None where the rules cannot
    read it back (13th-19th: the reader knows units up to "twelfth")."""
    if not 1 <= n <= 199:
        return None
    prefix, rest = ("", n) if n < 100 else ("one hundred", n - 100)
    if rest == 0:
        text = "one hundredth"
    elif rest <= 12:
        text = _UNITS_ORD[rest]
    elif rest < 20:
        return None
    elif rest % 10 == 0:
        text = _TENS[rest // 10][:-1] + "ieth"
    else:
        text = f"{_TENS[rest // 10]}-{_UNITS_ORD[rest % 10]}"
    if prefix and rest:
        text = f"{prefix} and {text}"
    return text[0].upper() + text[1:]


# ---------------------------------------------------------------------------------------------
# the world: what happened each year
# ---------------------------------------------------------------------------------------------

@dataclass
class Workshop:
    year: int
    ordinal: int
    topic: str                  # the title it was announced under (= the topic's title)
    held_title: str             # the title it was held under
    start: dt.date
    end: dt.date
    venue: str
    attendance: tuple           # (style, values)


@dataclass
class Year:
    year: int
    theme: str
    candidates: list[str]       # theme candidates proposed for year + 1
    selected: str               # the candidate chosen for year + 1
    topics_next: list[str]      # workshop topics proposed for year + 1
    workshops: list[Workshop]
    council: tuple | None       # (ordinal, start, end)


@dataclass
class Fact:
    kind: str
    key: str
    prop: str
    value: object
    at: str
    optional: bool = False


@dataclass
class NoteOut:
    name: str
    symbol: str
    key: str
    year: int
    issued: dt.date
    consultation: dt.date
    text: str = ""
    facts: list[Fact] = field(default_factory=list)


class World:
    def __init__(self, rng: random.Random, first: int, last: int):
        self.rng = rng
        self.used: set[str] = set()
        self.pool: list[str] = []            # themes proposed and not chosen (may come back)
        self.years: dict[int, Year] = {}
        theme = self.new_theme()
        topics = self.new_topics(rng.choice([2, 3]) + 1, [])
        for y in range(first, last + 2):
            n_ws = len(topics) - 1
            chosen = rng.sample(topics, n_ws)
            chosen.sort(key=topics.index)
            workshops = self.workshops(y, chosen, topics)
            n_cand = rng.choice([2, 2, 3])
            candidates = []
            for _ in range(n_cand):
                if self.pool and rng.random() < 0.35:
                    t = self.pool.pop(rng.randrange(len(self.pool)))
                    if t not in candidates and t != theme:
                        candidates.append(t)
                        continue
                candidates.append(self.new_theme())
            selected = rng.choice(candidates)
            self.pool += [c for c in candidates if c != selected and c not in self.pool]
            topics_next = self.new_topics(rng.choice([2, 2, 3, 4]) + 1, [])
            cn = y - 1911
            council = None
            if ordinal_words(cn):
                s = dt.date(y, 11, rng.randint(20, 29))
                council = (cn, s, s + dt.timedelta(days=3))
            self.years[y] = Year(y, theme, candidates, selected, topics_next, workshops, council)
            theme, topics = selected, topics_next

    def new_theme(self) -> str:
        while True:
            t = f"{self.rng.choice(THEME_HEADS)} and {self.rng.choice(THEME_SUBJECTS)}"
            if self.rng.random() < 0.7:
                t += f": {self.rng.choice(THEME_ANGLES)}"
            if ("T", key_of(t)) not in self.used:
                self.used.add(("T", key_of(t)))
                return t

    def new_topics(self, n: int, avoid: list[str]) -> list[str]:
        subjects = self.rng.sample(TOPIC_SUBJECTS, n)
        out = []
        for s in subjects:
            for _ in range(100):
                t = f"{s}: {self.rng.choice(TOPIC_ANGLES)}" if self.rng.random() < 0.75 else s
                if ("t", key_of(t)) not in self.used and all(jaccard(t, o) < 0.5 for o in out):
                    break
            else:
                t = f"{s}: {self.rng.choice(TOPIC_ANGLES)} ({len(self.used)})"
            self.used.add(("t", key_of(t)))
            out.append(t)
        return out

    def workshops(self, y: int, topics: list[str], proposed: list[str]) -> list[Workshop]:
        days = {2: [70, 170], 3: [70, 170, 250], 4: [60, 130, 200, 265]}[len(topics)]
        out = []
        for i, (t, d) in enumerate(zip(topics, days), start=1):
            start = dt.date(y, 1, 1) + dt.timedelta(days=d + self.rng.randint(-6, 6))
            end = start + dt.timedelta(days=1)
            held = t
            if self.rng.random() < 0.3:
                for _ in range(10):
                    cand = t.split(":")[0] + self.rng.choice(VARIANT_SUFFIXES)
                    if cand != t and all(jaccard(cand, o) < 0.5 for o in proposed if o != t):
                        held = cand
                        break
            p = self.rng.randrange(90, 400)
            g = self.rng.randrange(40, min(p, 140))
            values = {"p": p, "g": g, "io": self.rng.randrange(5, 40), "ngo": self.rng.randrange(5, 45),
                      "gr": self.rng.randrange(30, p - 5), "c": self.rng.randrange(30, 120)}
            style = self.rng.randrange(len(PHRASINGS["attendance"]))
            out.append(Workshop(y, i, t, held, start, end, self.rng.choice(VENUES), (style, values)))
        return out


# ---------------------------------------------------------------------------------------------
# filler: discussion sentences that state no fact the rules read
# ---------------------------------------------------------------------------------------------

FILLER = [
    "Participants underlined that migration governance requires cooperation between countries of origin, transit and destination.",
    "Several speakers stressed the importance of reliable data and research for the design of migration policies.",
    "The discussions showed that labour migration can benefit migrants, their families and the societies they join, provided that their rights are protected.",
    "Remittances remain an important source of income for many households, and lowering their cost was described as a practical step.",
    "Speakers called for a comprehensive approach to irregular migration that combines border management with legal migration channels.",
    "The protection of vulnerable migrants, including victims of trafficking in persons, was a recurring concern.",
    "Many delegations described the contribution of the diaspora to development through investment, trade and the transfer of skills.",
    "Integration was seen as a two-way process that involves both migrants and the communities that receive them.",
    "Capacity building for governments with limited resources was identified as a priority for the years ahead.",
    "Participants noted that climate change and environmental degradation are already influencing patterns of human mobility.",
    "The role of regional consultative processes in building trust between neighbouring States was highlighted.",
    "Effective partnerships with the private sector, civil society and migrant associations were described as essential.",
    "Several contributions addressed the situation of internally displaced persons and the links between internal and international movements.",
    "Speakers pointed to the need for policy coherence across ministries dealing with labour, health, education and foreign affairs.",
    "Discrimination and xenophobia were described as obstacles to social cohesion that public communication can help to overcome.",
    "The portability of social security entitlements was raised as a condition for fair and orderly circular migration.",
    "Return migration and sustainable reintegration were discussed as part of the whole migration cycle.",
    "Participants exchanged experiences on the smuggling of migrants and on cooperation between law enforcement agencies.",
    "The specific needs of migrant women and of children travelling alone were emphasized throughout the discussions.",
    "Many speakers recalled that human rights apply to all migrants, whatever their status.",
    "Urbanization and the growth of cities were described as both a driver and a consequence of migration.",
    "The global economic crisis was mentioned as a reminder that migrants are often among the first to lose their jobs.",
    "Demographic change in ageing societies was discussed together with skills shortages in health care and other sectors.",
    "The importance of shared responsibility and international cooperation was underlined by delegations from all regions.",
    "Speakers encouraged States to share effective practices and to learn from one another.",
    "The discussions also touched on resettlement and on the protection of refugees within mixed migration flows.",
    "Migrant networks and transnational families were described as sources of support and information for people on the move.",
    "Several delegations called for further dialogue on these questions in the framework of the IDM.",
]
TOPIC_FILLER = [
    "This workshop would examine the policies and practices that States and other stakeholders have developed in this area.",
    "It would give governments an opportunity to exchange experiences and to identify effective approaches.",
    "Among the questions to be addressed are the respective roles of national and local authorities and of international organizations.",
    "The workshop would also consider how cooperation between countries of origin and destination can be strengthened.",
    "Particular attention would be paid to the rights and needs of migrants and to the expectations of the communities that receive them.",
]
THEME_FILLER = [
    "Under this theme the IDM would examine how migration policies can respond to the changes under way.",
    "It would allow the membership to review the state of knowledge, to share experiences and to identify effective practices.",
    "The IDM would look at the respective roles of governments, international organizations, civil society and the private sector.",
    "The discussions could also consider the links between this subject and the broader objectives of development and human rights.",
]


def filler(rng: random.Random, pool: list[str], n: int) -> str:
    return " ".join(rng.sample(pool, min(n, len(pool))))


# ---------------------------------------------------------------------------------------------
# writing one note
# ---------------------------------------------------------------------------------------------

class Doc:
    """A note in the lines layout: one paragraph a line, headings, items, footnotes after ``---``."""

    def __init__(self):
        self.out: list[str] = []
        self.n = 0
        self.fn = 0
        self.pending: list[tuple[int, str]] = []

    def heading(self, text: str, style: str = "###") -> int:
        """Returns the number of the paragraph the heading stands above (the next one)."""
        self.flush()
        if style == "italic":
            self.out.append(f"*{text}*")
        elif style == "plain":
            self.out.append(text)
        else:
            self.out.append(f"{style} **{text}**" if style == "###" else f"{style} {text}")
        self.out.append("")
        return self.n + 1

    def footnote(self, text: str) -> str:
        self.fn += 1
        self.pending.append((self.fn, text))
        return f"<sup>{self.fn}</sup>"

    def para(self, text: str, items: list[str] | None = None) -> int:
        self.n += 1
        self.out.append(f"{self.n}. {text}")
        for i, item in enumerate(items or []):
            self.out.append(f"- ({'abcdefgh'[i]}) {item}")
        self.out.append("")
        return self.n

    def flush(self) -> None:
        if not self.pending:
            return
        self.out += ["---", ""]
        for n, text in self.pending:
            self.out += [f"<sup>{n}</sup> {text}", ""]
        self.pending = []

    def text(self) -> str:
        self.flush()
        return "\n".join(self.out).rstrip("\n") + "\n"


class Ledger:
    """What the notes have said so far, for the facts decided across notes."""

    def __init__(self):
        self.wordings: dict[tuple, list[tuple[int, str]]] = defaultdict(list)  # workshop -> (note index, title)
        self.held: set[tuple] = set()
        self.announced: dict[tuple, list[str]] = defaultdict(list)
        self.workshop_first_note: dict[tuple, str] = {}
        self.selected: dict[int, str] = {}                       # year -> theme (stated)
        self.theme_props: dict[tuple[int, str], str] = {}        # (year, title) -> proposing note key
        self.topic_props: dict[tuple[int, str], str] = {}
        self.first_proposed: dict[str, tuple[str, int]] = {}     # theme -> (symbol, paragraph)
        self.proposed_in_para: dict[tuple[int, str], tuple[str, int]] = {}  # (year, theme) -> (symbol, paragraph)
        self.consultation: dict[str, dt.date] = {}               # note key -> the consultation it is prepared for


def build(n_notes: int, seed: int) -> list[NoteOut]:
    rng = random.Random(seed)
    per_year = max(2, math.ceil(n_notes / 198))
    n_years = math.ceil(n_notes / per_year)
    first = max(1901, 2020 - n_years)   # 1901: the first note reports since a consultation of the year before
    world = World(rng, first, first + n_years - 1)
    led = Ledger()
    notes: list[NoteOut] = []
    previous_consultation = dt.date(first - 1, 10, rng.randint(10, 28))
    left = n_notes
    for y in range(first, first + n_years):
        k = min(per_year, left)
        left -= k
        plan = world.years[y]
        spacing = 190 / max(1, per_year - 1)
        for i in range(k):
            jitter = rng.randint(-2, 2) if spacing > 10 else 0   # issue dates must stay in order
            c = dt.date(y, 1, 1) + dt.timedelta(days=int(100 + i * spacing) + jitter)
            issued = c - dt.timedelta(days=min(15, max(1, int(spacing / 2))))
            symbol_n = i + 1  # symbols count the notes of the year
            symbol = f"IC/{y}/{symbol_n}"
            note = NoteOut(f"ic-{y}-{symbol_n}", symbol, symbol.replace("/", "-"), y, issued, c)
            led.consultation[note.key] = c
            role = "spring" if i == 0 else ("autumn" if i == per_year - 1 else "update")
            write_note(rng, world, plan, led, note, role, previous_consultation, len(notes), notes)
            notes.append(note)
            previous_consultation = c
    derived_facts(world, led, notes)
    return notes


def write_note(rng, world: World, plan: Year, led: Ledger, note: NoteOut, role: str, prev_c: dt.date,
               index: int, earlier: list[NoteOut]) -> None:
    y, doc, F = note.year, Doc(), note.facts
    key = note.key
    language = rng.choice(LANGUAGES)

    def fact(kind, k, prop, value, at, optional=False):
        F.append(Fact(kind, k, prop, value, at, optional))

    # -- cover -----------------------------------------------------------------------------
    bold = rng.random() < 0.5
    b = "**" if bold else ""
    cover = ["IOM International Organization for Migration",
             "OIM Organisation Internationale pour les Migrations",
             "OIM Organización Internacional para las Migraciones", "",
             f"{b}INFORMAL CONSULTATIONS ON", f"INTERNATIONAL DIALOGUE ON MIGRATION{b}", "",
             f"{b}{note.symbol}{b}", "", f"Original: {language}", f"Geneva, {day(note.issued)}", "",
             f"{b}INTERNATIONAL DIALOGUE ON MIGRATION {y}{b}", "",
             f"***“{plan.theme}”***" if bold else plan.theme, "", day(note.consultation), "",
             f"## INTERNATIONAL DIALOGUE ON MIGRATION {y}", ""]
    doc.out += cover
    for prop, value in (("symbol", note.symbol), ("issued", note.issued), ("placeOfIssue", "Geneva"),
                        ("originalLanguage", language), ("concernsYear", f"year/{y}"),
                        ("preparedFor", f"consultation/{note.consultation.isoformat()}")):
        fact("note", key, prop, value, "cover")

    # -- p/1 ---------------------------------------------------------------------------------
    since = rng.choice(PHRASINGS["previous"]).format(d=day(prev_c))
    tail = {"spring": f", and invites the membership to consider possible overarching themes for the IDM in {y + 1}",
            "autumn": f", reports on the intersessional workshops of {y} and prepares for the Council session",
            "update": ", and reports on the preparation of the coming IDM events"}[role]
    doc.para(f"This discussion note provides an update on International Dialogue on Migration (IDM) activities "
             f"in {y} {since}{tail}.")
    fact("note", key, "writtenAfter", f"consultation/{prev_c.isoformat()}", "p/1")

    # -- the year's theme and its workshops ---------------------------------------------------------
    doc.heading(f"IDM {y}: {plan.theme}", rng.choice(["###", "####"]))
    if role == "spring":
        style = rng.randrange(2)
        s = PHRASINGS["theme_now"][style].format(t=plan.theme, y=y, d=day(prev_c))
        n = doc.para(s + " " + filler(rng, FILLER, 2))
        fact("year", str(y), "overarchingTheme", f"theme/{plan.theme}", f"p/{n}")
        led.selected[y] = plan.theme
    if role != "update" or rng.random() < 0.5:
        ts = [f"“{w.topic}”" for w in plan.workshops]
        names = ", ".join(ts[:-1]) + " and " + ts[-1]
        proposer = next((led.topic_props[(y, w.topic)] for w in plan.workshops if (y, w.topic) in led.topic_props), None)
        if proposer:
            doc.para(f"Following the informal consultations of {day(led.consultation[proposer])} "
                     f"and the subsequent survey, the membership selected the topics {names} for the intersessional "
                     f"workshops of {y}.")
    # held reports: workshops that ended before the note, not yet reported held
    for w in plan.workshops:
        wk = (y, w.ordinal)
        if w.end < note.issued and wk not in led.held:
            report_held(rng, doc, led, note, w, len(plan.workshops), index)
            for _ in range(rng.randint(2, 3)):
                doc.para(filler(rng, FILLER, rng.randint(3, 5)))
    # announce the next workshop not yet held nor announced
    upcoming = [w for w in plan.workshops if w.start > note.issued and (y, w.ordinal) not in led.announced]
    if upcoming:
        announce(rng, doc, led, note, upcoming[0], index)
    if role == "update":
        for _ in range(rng.randint(4, 6)):
            doc.para(filler(rng, FILLER, rng.randint(3, 5)))
        if earlier:
            prev = earlier[-1]
            n = doc.para(f"Preparations for the coming events are made in close consultation with the membership, as "
                         f"agreed at the informal consultations held on {day(prev.consultation)} ({prev.symbol}).")
            fact("note", prev.key, "preparedFor", f"consultation/{prev.consultation.isoformat()}", f"p/{n}")
            fact("note", prev.key, "symbol", prev.symbol, f"p/{n}")
            fact("citation", f"{key}/p/{n}/{prev.key}", "citedDocument", f"note/{prev.key}", f"p/{n}")

    if role == "spring":
        propose_themes(rng, doc, led, note, plan, world)
    if role == "autumn":
        council(rng, doc, note, plan)
        propose_topics(rng, doc, led, note, plan)
        select_theme(rng, doc, led, note, plan)
    doc.para("The Administration looks forward to the views of the membership on the questions raised in this note. "
             + filler(rng, FILLER, 1))
    note.text = "\n\n\n" + doc.text()


def report_held(rng, doc: Doc, led: Ledger, note: NoteOut, w: Workshop, n_ws: int, index: int) -> None:
    y, key = note.year, note.key
    wk = (y, w.ordinal)
    title = w.held_title if wk in led.announced else w.topic
    forms = PHRASINGS["held"]
    style = rng.randrange(len(forms))
    d = span(w.start, w.end, rng.randrange(4), with_year=rng.random() < 0.8)
    s = forms[style].format(o=ORD[w.ordinal], y=y, v=w.venue, d=d, t=title, n=CARD[n_ws])
    s = s[0].upper() + s[1:]
    astyle, values = w.attendance
    a = PHRASINGS["attendance"][astyle].format(**values)
    marker = doc.footnote(f"For further information on the workshop, including the agenda and the presentations, "
                          f"please visit www.iom.int/idm{y}w{w.ordinal}.")
    n = doc.para(f"{s} {a}{marker} " + filler(rng, FILLER, 1))
    at = f"p/{n}"
    wkey = f"{y}-{w.ordinal}"
    fact = lambda k, prop, v: note.facts.append(Fact("workshop" if k is None else "attendance", k or wkey, prop, v, at))
    fact(None, "ordinal", w.ordinal)
    fact(None, "startDate", w.start)
    fact(None, "endDate", w.end)
    fact(None, "venue", w.venue)
    led.held.add(wk)
    led.wordings[wk].append((index, title))
    p, lower = values["p"], astyle in (0, 1)
    cats = {0: [("participants", p, True), ("governments", values["g"], False),
                ("international-organizations", values["io"], False),
                ("non-governmental-organizations", values["ngo"], False)],
            1: [("participants", p, True), ("governments", values["g"], False),
                ("international-organizations", values["io"], False),
                ("non-governmental-organizations", values["ngo"], False)],
            2: [("participants", p, False), ("government-representatives", values["gr"], False),
                ("countries", values["c"], False)],
            3: [("participants", p, False), ("governments", values["g"], False),
                ("international-organizations", values["io"], False),
                ("non-governmental-organizations", values["ngo"], False)],
            4: [("participants", p, False), ("countries", values["c"], False)],
            5: [("participants", p, False)]}[astyle]
    for cat, count, at_least in cats:
        fact(f"workshop/{wkey}/{cat}", "count", count)
        fact(f"workshop/{wkey}/{cat}", "atLeast", at_least)


def announce(rng, doc: Doc, led: Ledger, note: NoteOut, w: Workshop, index: int) -> None:
    y = note.year
    wk = (y, w.ordinal)
    forms = PHRASINGS["planned"]
    style = rng.randrange(len(forms))
    d = span(w.start, w.end, rng.randrange(4), with_year=True)
    wkey = f"{y}-{w.ordinal}"
    facts = [("ordinal", w.ordinal), ("startDate", w.start), ("endDate", w.end)]
    if forms[style] == "HEADING":
        n = doc.heading(f"{ORD[w.ordinal].capitalize()} Workshop: {w.topic} ({d})", "###") 
        doc.para(filler(rng, TOPIC_FILLER, 3).replace("This workshop would", "The workshop will")
                 .replace("It would", "It will").replace("would", "will"))
        at = f"h/{n}"
    else:
        s = forms[style].format(o=ORD[w.ordinal], y=y, v=w.venue, d=d, t=w.topic)
        n = doc.para(s + " As always, the Administration would welcome suggestions concerning case studies and speakers.")
        at = f"p/{n}"
        facts.append(("venue", w.venue))
    for prop, v in facts:
        note.facts.append(Fact("workshop", wkey, prop, v, at))
    led.announced[wk].append(note.key)
    led.wordings[wk].append((index, w.topic))


def propose_themes(rng, doc: Doc, led: Ledger, note: NoteOut, plan: Year, world: World) -> None:
    y1, key = note.year + 1, note.key
    cands = plan.candidates
    style = rng.choice(PHRASINGS["theme_candidates"])
    doc.heading(f"IDM {y1}: Proposed themes", rng.choice(["###", "####"]))
    paras: list[int] = []

    def record(title: str, at: str, para: int) -> None:
        pk = f"{y1}/theme/{title}"
        note.facts += [Fact("proposal", pk, "candidate", f"theme/{title}", at),
                       Fact("proposal", pk, "proposedIn", f"note/{key}", at),
                       Fact("proposal", pk, "proposedAt", f"consultation/{note.consultation.isoformat()}", at, True)]
        led.theme_props[(y1, title)] = key
        led.proposed_in_para[(y1, title)] = (note.symbol, para)
        paras.append(para)

    def reproposal(title: str) -> str:
        first = led.first_proposed.get(title)
        if not first:
            return ""
        earlier_year = max(yy for (yy, t) in led.theme_props if t == title and yy < y1)
        sym, para = led.proposed_in_para[(earlier_year, title)]
        marker = doc.footnote(f"See document {sym} (para. {para}).")
        cite_key = sym.replace("/", "-")
        note.facts.append(Fact("citation", f"{key}/p/{doc.n + 1}/{cite_key}", "citedDocument", f"note/{cite_key}", "fn"))
        note.facts.append(Fact("citation", f"{key}/p/{doc.n + 1}/{cite_key}", "citedParagraph", para, "fn"))
        note.facts.append(Fact("note", cite_key, "symbol", sym, "fn"))
        return (f"This theme was put forward for {earlier_year} but was not chosen at that time; a number of "
                f"delegations have since asked that it be considered again.{marker} ")

    if style == "items":
        n = doc.para(f"The Administration suggests the following {CARD[len(cands)]} overarching themes for the IDM in "
                     f"{y1}, from which the membership is invited to select one:",
                     [f"“{t}”" + (";" if i < len(cands) - 1 else ".") for i, t in enumerate(cands)])
        for t in cands:
            record(t, f"p/{n}", n)
        for i, t in enumerate(cands):
            text = reproposal(t)
            doc.para(f"The {ORD[i + 1]} option " + text.replace("This theme was", "was") if text else
                     filler(rng, THEME_FILLER, 2))
    else:
        if style == "options":
            doc.para(f"The Administration takes this opportunity to invite the membership to select an overarching theme "
                     f"for IDM {y1} from the {CARD[len(cands)]} suggestions below, or to make alternative suggestions.")
            heads = [f"Option {'ABCD'[i]}: {t}" for i, t in enumerate(cands)]
        else:
            doc.para("In line with past practice, the Administration wishes to propose two possible overarching themes to "
                     "guide the IDM in the coming year, for consideration by the membership."
                     if len(cands) == 2 else
                     f"The Administration takes this opportunity to invite the membership to select an overarching "
                     f"theme for IDM {y1} from the suggestions below.")
            heads = [f"{ORD[i + 1].capitalize()} proposal: {t}" for i, t in enumerate(cands)]
        hstyle = rng.choice(["###", "italic", "plain"])
        for t, h in zip(cands, heads):
            n = doc.heading(h, hstyle)
            record(t, f"h/{n}", n)
            doc.para(reproposal(t) + filler(rng, THEME_FILLER, 2))
    for t in cands:
        led.first_proposed.setdefault(t, (note.symbol, led.proposed_in_para[(y1, t)][1]))
    doc.para("Once an overarching theme has been chosen by the membership, more specific workshop topics relating to "
             "that theme will be put to the membership at the next IDM consultations.")


def council(rng, doc: Doc, note: NoteOut, plan: Year) -> None:
    if plan.council is None:
        return
    ordinal, start, end = plan.council
    name = f"{ordinal_words(ordinal)} Session of the Council"
    m, m2 = MONTHS[start.month - 1], MONTHS[end.month - 1]
    if start.month == end.month:
        dates = f"{start.day}-{end.day} {m} {start.year}"
    else:
        dates = f"{start.day} {m}-{end.day} {m2} {end.year}"
    doc.heading(name, "###")
    d = lambda x: f"{x.day} {MONTHS[x.month - 1]}"
    items = [f"a keynote address on *{plan.theme}* ({d(start)});",
             f"a panel discussion on *Migration and {rng.choice(THEME_SUBJECTS)}*, with high-level speakers followed "
             f"by discussion ({d(start + dt.timedelta(days=1))});",
             f"*Highlights of Global and Regional Migration Dialogues*: high-level plenary discussions of recent "
             f"dialogues ({d(end)})."]
    if rng.random() < 0.5:
        n = doc.para(f"Highlights of the {name} ({dates}) will include the following:", items)
    else:
        n = doc.para(f"The IDM segment of the {name} ({dates}) will consist of a keynote address and a panel "
                     f"discussion on the conclusions of the IDM in {note.year}.")
    for prop, v in (("ordinal", ordinal), ("startDate", start), ("endDate", end)):
        note.facts.append(Fact("council", str(ordinal), prop, v, f"p/{n}"))


def propose_topics(rng, doc: Doc, led: Ledger, note: NoteOut, plan: Year) -> None:
    y1, topics = note.year + 1, plan.topics_next
    style = rng.choice(PHRASINGS["topic_candidates"])
    doc.heading(f"IDM {y1}: {plan.selected}", rng.choice(["###", "####"]))
    n_sel = len(topics) - 1
    if style == "listed":
        doc.para(f"The Administration wishes to take this opportunity to request delegations to give consideration to "
                 f"the potential intersessional workshop topics listed below, or such other topics related to the "
                 f"overarching theme as the membership might wish to raise at the informal consultations. "
                 f"{CARD[n_sel].capitalize()} topics should be selected for the IDM intersessional workshops to be "
                 f"convened in {y1}.")
    else:
        doc.para(f"The Administration proposes the following {CARD[len(topics)]} workshop topics for {y1}, among which "
                 f"the membership is requested to select {CARD[n_sel]}.")
    hstyle = rng.choice(["italic", "###"])
    for i, t in enumerate(topics):
        if style in ("letters", "listed"):
            h = f"{'ABCDEFGH'[i]}. {t}"
        elif style == "brackets":
            h = f"({'abcdefgh'[i]}) {t}"
        else:
            h = f"Topic {i + 1}: {t}"
        n = doc.heading(h, hstyle if style != "brackets" else "###")
        pk = f"{y1}/topic/{t}"
        note.facts += [Fact("proposal", pk, "candidate", f"topic/{t}", f"h/{n}"),
                       Fact("proposal", pk, "proposedIn", f"note/{note.key}", f"h/{n}"),
                       Fact("proposal", pk, "proposedAt", f"consultation/{note.consultation.isoformat()}", f"h/{n}", True)]
        led.topic_props[(y1, t)] = note.key
        doc.para(filler(rng, TOPIC_FILLER, rng.randint(2, 4)))


def select_theme(rng, doc: Doc, led: Ledger, note: NoteOut, plan: Year) -> None:
    y1 = note.year + 1
    chosen = plan.selected
    others = [c for c in plan.candidates if c != chosen]
    spring = led.theme_props.get((y1, chosen))
    if spring is None:
        return
    sym = spring.replace("-", "/")
    style = rng.choice(PHRASINGS["theme_next"])
    cited = sorted({led.proposed_in_para[(y1, t)][1] for t in plan.candidates})
    a, b = cited[0], cited[-1] + 1
    marker = doc.footnote(f"The proposals are described in document {sym} (paras {a}–{b}).")
    c_date = led.consultation[spring]
    alt = " and ".join(f"“{o}”" for o in others)
    if style == "adopted":
        s = (f"Finally, the Administration is pleased to report that, following the informal consultations of "
             f"{day(c_date)} and a follow-up survey, the membership adopted “{chosen}” as the overarching theme for the "
             f"IDM in {y1}.{marker} The alternative {'proposal' if len(others) == 1 else 'proposals'}, {alt}, will "
             f"remain available for consideration in future years.")
    elif style == "opted":
        s = (f"After the informal consultations of {day(c_date)}, the membership opted for “{chosen}” as the "
             f"overarching theme for IDM {y1}.{marker} The other {'suggestion' if len(others) == 1 else 'suggestions'}, "
             f"{alt}, may be considered again in future years.")
    else:
        s = (f"At the informal consultations held on {day(c_date)}, the Administration proposed {CARD[len(plan.candidates)]} "
             f"possible overarching themes for the {y1} IDM. At the request of the membership, a follow-up survey was "
             f"sent out to allow delegates to consult with their capitals. The vast majority expressed a preference for "
             f"the theme of “{chosen}”.{marker} The proposed alternative "
             f"{'theme was' if len(others) == 1 else 'themes were'} {alt}.")
        for t in plan.candidates:
            note.facts.append(Fact("proposal", f"{y1}/theme/{t}", "proposedAt", f"consultation/{c_date.isoformat()}",
                                   f"p/{doc.n + 1}"))
    n = doc.para(s)
    note.facts.append(Fact("year", str(y1), "overarchingTheme", f"theme/{chosen}", f"p/{n}"))
    ck = spring
    note.facts.append(Fact("citation", f"{note.key}/p/{n}/{ck}", "citedDocument", f"note/{ck}", f"fn"))
    for p in range(a, b + 1):
        note.facts.append(Fact("citation", f"{note.key}/p/{n}/{ck}", "citedParagraph", p, "fn"))
    note.facts.append(Fact("note", ck, "symbol", sym, "fn"))
    led.selected[y1] = chosen


def derived_facts(world: World, led: Ledger, notes: list[NoteOut]) -> None:
    """Facts decided across notes: workshop titles and status, topics taken up, outcomes,
    repeated proposals. Each is planted in the key of the last note it depends on."""
    last = notes[-1]
    by_key = {n.key: n for n in notes}
    # workshops
    for wk, wordings in led.wordings.items():
        y, o = wk
        wkey = f"{y}-{o}"
        latest = max(i for i, _ in wordings)
        best_note = notes[latest]
        best = [t for i, t in wordings if i == latest][0]
        add = best_note.facts.append
        add(Fact("workshop", wkey, "title", best, "derived"))
        for t in sorted({t for _, t in wordings} - {best}):
            add(Fact("workshop", wkey, "altLabel", t, "derived"))
        add(Fact("workshop", wkey, "status", "status/held" if wk in led.held else "status/planned", "derived"))
        for nk in led.announced.get(wk, []):
            by_key[nk].facts.append(Fact("workshop", wkey, "announcedIn", f"note/{nk}", "derived"))
        for t in {t for _, t in wordings}:
            if (y, t) in led.topic_props:
                add(Fact("workshop", wkey, "onTopic", f"topic/{t}", "derived"))
    # outcomes of theme proposals
    for (y1, t), nk in led.theme_props.items():
        outcome = "open" if y1 not in led.selected else ("selected" if led.selected[y1] == t else "notSelected")
        last.facts.append(Fact("proposal", f"{y1}/theme/{t}", "outcome", f"outcome/{outcome}", "derived"))
    # outcomes of topic proposals
    workshops_of: dict[int, list[tuple]] = defaultdict(list)
    for wk in led.wordings:
        workshops_of[wk[0]].append(wk)
    for (y1, t), nk in led.topic_props.items():
        taken = any(t in {w for _, w in led.wordings[wk]} for wk in workshops_of[y1])
        outcome = "selected" if taken else ("notSelected" if len(workshops_of[y1]) >= 2 else "open")
        last.facts.append(Fact("proposal", f"{y1}/topic/{t}", "outcome", f"outcome/{outcome}", "derived"))
    # repeated proposals
    years_of: dict[str, list[int]] = defaultdict(list)
    for (y1, t) in led.theme_props:
        years_of[t].append(y1)
    for t, ys in years_of.items():
        ys.sort()
        for a, b in zip(ys, ys[1:]):
            by_key[led.theme_props[(b, t)]].facts.append(
                Fact("proposal", f"{b}/theme/{t}", "previousProposal", f"proposal/{a}/theme/{t}", "derived"))


# ---------------------------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------------------------

def _yaml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, dt.date)):
        return str(v) if not isinstance(v, dt.date) else v.isoformat()
    return json.dumps(str(v), ensure_ascii=False)


def answer_key(note: NoteOut) -> str:
    lines = [f"# Answer key for {note.name}.txt (synthetic note written by bench/synth_archive.py; not an IOM document).",
             f"note: {note.key}", f"file: {note.name}.txt", "facts:"]
    seen = set()
    for f in note.facts:
        sig = (f.kind, f.key, f.prop, str(f.value), f.optional)
        if sig in seen:
            continue
        seen.add(sig)
        opt = ", optional: true" if f.optional else ""
        lines.append(f"  - {{kind: {f.kind}, key: {json.dumps(f.key, ensure_ascii=False)}, prop: {f.prop}, "
                     f"value: {_yaml_value(f.value)}, at: {f.at}{opt}}}")
    return "\n".join(lines) + "\n"


def generate(n_notes: int, seed: int, out: Path | str) -> list[Path]:
    """Write ``n_notes`` notes and their answer keys into ``out``; the note files, sorted."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    notes = build(n_notes, seed)
    paths = []
    for note in notes:
        p = out / f"{note.name}.txt"
        p.write_bytes(note.text.encode("utf-8"))
        (out / f"{note.name}.facts.yaml").write_bytes(answer_key(note).encode("utf-8"))
        paths.append(p)
    return sorted(paths)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notes", "-n", type=int, default=10, help="how many notes (default 10)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True, help="folder to write the notes and answer keys into")
    ap.add_argument("--check", action="store_true", help="then score extraction against the planted facts")
    args = ap.parse_args(argv)
    if args.notes < 1:
        ap.error("--notes must be at least 1")
    paths = generate(args.notes, args.seed, args.out)
    print(f"{len(paths)} notes written to {args.out}")
    if args.check:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import extraction_accuracy
        report = extraction_accuracy.compare(args.out)
        extraction_accuracy.print_report(report, quiet=False)
        t = report["total"]
        return 0 if t["precision"] == 1.0 and t["recall"] == 1.0 and not report["rejected"] else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
