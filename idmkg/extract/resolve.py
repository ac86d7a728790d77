"""Cross-note rules, run after every note has been read: what became of each proposal,
which workshop took up which topic, which wording is a thing's preferred title, and the
final status of workshops announced in one note and reported held in a later one.

Each derived fact cites the facts it was derived from, so it keeps their evidence."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..model import Evidence, Fact, Ref
from .common import content_words, normalise, similarity

TOPIC_MATCH = 0.75


class Facts:
    """Index of facts by subject and property. Facts are grouped by property in one pass;
    a property's facts are indexed by subject when a rule first asks for that property
    (the rules ask for a few properties of the 100,000 facts of a large archive, and the
    index is made several times per run)."""

    def __init__(self, facts: list[Fact]):
        self.facts = facts
        self._by_prop: dict[str, list[Fact]] = defaultdict(list)
        for f in facts:
            self._by_prop[f.prop].append(f)
        self._index_classes()

    def _index_classes(self) -> None:
        self._by_subject = {}
        self.by_sp = _BySubjectProperty(self)
        self._by_class: dict[str, list[Ref]] | None = None   # (made when first asked)
        self._workshops_by_year: dict[Ref, list[Ref]] | None = None

    def extended(self, extra: list[Fact], drop: set[str] | frozenset = frozenset()) -> Facts:
        """The index of ``self.facts + extra`` without the facts of the properties ``drop``,
        made from this one (its groups copied, not the facts indexed again)."""
        kept = [f for f in self.facts if f.prop not in drop] if drop else list(self.facts)
        kept += [f for f in extra if f.prop not in drop]
        out = Facts.__new__(Facts)
        out.facts = kept
        out._by_prop = defaultdict(list, {p: list(fs) for p, fs in self._by_prop.items() if p not in drop})
        for f in extra:
            if f.prop not in drop:
                out._by_prop[f.prop].append(f)
        out._index_classes()
        return out

    def of_property(self, prop: str) -> dict[Ref, list[Fact]]:
        """Subject -> the facts of ``prop`` about it (in the order of the facts; subjects in
        the order of their first fact)."""
        index = self._by_subject.get(prop)
        if index is None:
            index = {}
            for f in self._by_prop.get(prop, ()):
                index.setdefault(f.subject, []).append(f)
            self._by_subject[prop] = index
        return index

    def sorted_items(self, prop: str) -> list[tuple[tuple[Ref, str], list[Fact]]]:
        """((subject, ``prop``), facts) by subject name: the (subject, property) pairs of
        ``prop`` in the order a stable sort of all pairs by subject name gives them."""
        return sorted((((s, prop), fs) for s, fs in self.of_property(prop).items()), key=lambda kv: str(kv[0][0]))

    def values(self, subject: Ref, prop: str) -> list:
        return sorted({f.value for f in self.by_sp.get((subject, prop), [])}, key=str)

    def evidence(self, subject: Ref, prop: str) -> tuple:
        return tuple(e for f in self.by_sp.get((subject, prop), []) for e in f.evidence)

    def subjects(self, cls: str) -> list[Ref]:
        if self._by_class is None:
            by_class: dict[str, set[Ref]] = defaultdict(set)
            for f in self._by_prop.get("rdf:type", ()):
                if isinstance(f.value, Ref) and f.value.kind == "class":
                    by_class[f.value.key].add(f.subject)
            self._by_class = {cls: sorted(refs, key=str) for cls, refs in by_class.items()}
        return list(self._by_class.get(cls, ()))

    def workshops_of(self, year: Ref) -> list[Ref]:
        """The workshops serving a year, in subject order (indexed once)."""
        if self._workshops_by_year is None:
            self._workshops_by_year = defaultdict(list)
            for w in self.subjects("IntersessionalWorkshop"):
                for y in self.values(w, "idm:servesYear"):
                    self._workshops_by_year[y].append(w)
        return list(self._workshops_by_year.get(year, ()))


class _BySubjectProperty:
    """``Facts.by_sp``: (subject, property) -> facts, read through the per-property index."""

    def __init__(self, idx: Facts):
        self._idx = idx

    def get(self, key: tuple[Ref, str], default=None):
        subject, prop = key
        return self._idx.of_property(prop).get(subject, default)


def resolve(facts: list[Fact], note_order: dict[str, int], sections: dict[tuple[str, str], tuple]) -> list[Fact]:
    """``sections`` maps (note, part id) to (text, id of the heading part above it or None)."""
    idx = Facts(facts)
    out = list(facts)
    out += _topics_taken_up(idx)
    out += _topics_named(idx)
    out += _themes_decided_placed(idx)
    out += _cover_themes(idx)
    described = _topics_decided_described(idx)
    out += described
    out += _topics_decided_placed(idx.extended(described))
    before_combined = idx.extended(out[len(facts):])  # = Facts(out)
    combined = _topics_combined(before_combined)
    combined += _topics_by_place(before_combined.extended(combined))
    after_combined = before_combined.extended(combined)  # = Facts(out + combined)
    closest = _topics_closest(after_combined)
    closest += _topic_left(after_combined.extended(closest))
    out += combined + closest
    cancelled = {f.subject for f in out if f.prop == "idm:_cancelled"}
    out = [f for f in out if f.prop not in WORKING]
    idx = after_combined.extended(closest, drop=WORKING)  # = Facts(out)
    out += _proposal_outcomes(idx)
    out += _previous_proposals(idx)
    out = _proposals_made_at(out)
    out = _builds_on(out, sections)
    out = _builds_on_year(out)
    out = _announced_dates(out, note_order)
    out = _workshop_status(out, cancelled)
    out = _preferred_titles(out, note_order)
    return out


def _workshops_of(idx: Facts, year: Ref) -> list[Ref]:
    return idx.workshops_of(year)


def _topics_taken_up(idx: Facts) -> list[Fact]:
    """A workshop whose title matches a topic proposed for its year is on that topic."""
    out = []
    for p in idx.subjects("Proposal"):
        for cand in idx.values(p, "idm:candidate"):
            if cand.kind != "topic":
                continue
            titles = idx.values(cand, "idm:title")
            for year in idx.values(p, "idm:targetYear"):
                for w in _workshops_of(idx, year):
                    if cand in idx.values(w, "idm:onTopic") or cand in idx.values(w, "idm:incorporatesTopic"):
                        continue
                    for wt in idx.values(w, "idm:title"):
                        if any(similarity(wt, t) >= TOPIC_MATCH for t in titles):
                            ev = idx.evidence(w, "idm:title") + idx.evidence(cand, "idm:title")
                            out.append(Fact(w, "idm:onTopic", cand, ev, derived=True))
                            break
    return out


#: a workshop title this close to one chosen topic, and at most half as close to any other, is on that topic
CLOSEST_MATCH = 0.3


def _chosen_topics(idx: Facts) -> dict[Ref, set[Ref]]:
    """Year -> the workshop topics proposed for it whose proposal has the outcome "selected"."""
    chosen: dict[Ref, set[Ref]] = defaultdict(set)
    for p in idx.subjects("Proposal"):
        if Ref("outcome", "selected") in idx.values(p, "idm:outcome"):
            for cand in idx.values(p, "idm:candidate"):
                if cand.kind == "topic":
                    for year in idx.values(p, "idm:targetYear"):
                        chosen[year].add(cand)
    return chosen


def _topics_closest(idx: Facts) -> list[Fact]:
    """A workshop of a year, still on no topic, held under a title of its own ("Legal identity for
    all: documentation, registration and migration") is on the topic chosen for that year that its
    title is clearly closest to ("Legal identity and documentation for migrants"), when no other
    workshop of the year is on that topic or, still on none, about as close to it. Chosen: an outcome "selected" read from a note."""
    out = []
    chosen = _chosen_topics(idx)
    for year in sorted(chosen, key=str):
        workshops = _workshops_of(idx, year)
        taken = {t for w in workshops for t in idx.values(w, "idm:onTopic") + idx.values(w, "idm:incorporatesTopic")}
        free = sorted({c for c in chosen[year] if c not in taken}, key=str)
        for w in workshops:
            if idx.values(w, "idm:onTopic"):
                continue  # (a workshop that takes up elements of a topic not retained still has a topic of its own)
            scores = sorted(((max((similarity(wt, t) for wt in idx.values(w, "idm:title")
                                   for t in idx.values(c, "idm:title")), default=0.0), str(c), c) for c in free),
                            reverse=True)
            if not scores or scores[0][0] < CLOSEST_MATCH or (len(scores) > 1 and scores[1][0] > scores[0][0] / 2):
                continue
            cand = scores[0][2]
            rivals = [max((similarity(wt, t) for wt in idx.values(o, "idm:title") for t in idx.values(cand, "idm:title")),
                          default=0.0) for o in workshops if o != w and not idx.values(o, "idm:onTopic")]
            if any(rival > scores[0][0] / 2 for rival in rivals):
                continue  # another workshop of the year still on no topic is about as close: unsure
            ev = idx.evidence(w, "idm:title") + idx.evidence(cand, "idm:title")
            out.append(Fact(w, "idm:onTopic", cand, ev, derived=True))
            free.remove(cand)
    return out


#: working facts of the note readers (extract/themes.py), consumed here
WORKING = {"idm:_cancelled", "idm:_onTopicPlace", "idm:_incorporatesDescribed", "idm:_listLabel", "idm:_onTopicLabel", "idm:_onTopicDescribed", "idm:_coverTheme",
           "idm:_topicDescribed", "idm:_onTopicsChosen", "idm:_topicPlaced", "idm:_themePlaced"}


def _topics_by_place(idx: Facts) -> list[Fact]:
    """A workshop said to take up "the first of these topics" / "the first of the two selected topics"
    (extract/workshops.py) is on that topic among those chosen for its year, in the order of the one note
    that listed them all (else of the note saying so, when it names them all). Unsure (another count, a
    place beyond them, no order known): nothing."""
    chosen = _chosen_topics(idx)
    out = []
    for (w, _), fs in idx.sorted_items("idm:_onTopicPlace"):
        for f in fs:
            place, count = f.value
            for year in idx.values(w, "idm:servesYear"):
                topics = sorted(chosen.get(year, ()), key=str)
                if not topics or (count is not None and count != len(topics)) or not 1 <= place <= len(topics):
                    continue
                order = _chosen_order(idx, topics, year, f.evidence[0].note if f.evidence else None)
                if order is None:
                    continue
                cand = order[place - 1]
                if cand not in idx.values(w, "idm:onTopic"):
                    out.append(Fact(w, "idm:onTopic", cand, f.evidence + idx.evidence(cand, "idm:title"), derived=True))
    return list(dict.fromkeys(out))


def _chosen_order(idx: Facts, topics: list[Ref], year: Ref, note: str | None) -> list[Ref] | None:
    """The chosen ``topics`` of ``year`` in the order of the one note that proposed them all, else in the
    order ``note`` names them (when it names them all); None when neither says."""
    listed: dict[Ref, dict[str, tuple]] = defaultdict(dict)
    for p in idx.subjects("Proposal"):
        cands = idx.values(p, "idm:candidate")
        if cands and cands[0] in topics and year in idx.values(p, "idm:targetYear"):
            for f in idx.by_sp.get((p, "idm:proposedIn"), ()):
                for e in f.evidence:
                    listed[cands[0]].setdefault(e.note, _listed_order(e))
    common = set.intersection(*(set(listed[t]) for t in topics)) if all(listed.get(t) for t in topics) else set()
    if len(common) == 1:
        n = common.pop()
        return sorted(topics, key=lambda t: (listed[t][n], str(t)))
    named = {t: min((_listed_order(e) for e in idx.evidence(t, "idm:title") if e.note == note), default=None)
             for t in topics}
    if note is None or any(v is None for v in named.values()):
        return None
    return sorted(topics, key=lambda t: (named[t], str(t)))


def _cover_themes(idx: Facts) -> list[Fact]:
    """The theme on a note's cover is its year's overarching theme when no note's text says
    which theme the year had (a year whose text names one keeps only that)."""
    out = []
    for (year, prop), fs in idx.sorted_items("idm:_coverTheme"):
        if prop != "idm:_coverTheme" or idx.values(year, "idm:overarchingTheme"):
            continue
        titles = sorted({f.value for f in fs})
        if len({normalise(t) for t in titles}) != 1:
            continue  # covers that disagree say nothing
        theme = Ref("theme", normalise(titles[0]))
        ev = tuple(e for f in fs for e in f.evidence)
        out.append(Fact(theme, "rdf:type", Ref("class", "Theme"), ev, derived=True))
        for f in fs:
            out.append(Fact(theme, "idm:title", f.value, f.evidence, derived=True))
        out.append(Fact(year, "idm:overarchingTheme", theme, ev, derived=True))
    return out
#: words every topic shares, no help in telling one from another
GENERIC_STEMS = {"migrat", "migran", "mobili"}


def _stem(word: str) -> str:
    for end, repl in (("ies", "y"), ("is", ""), ("es", ""), ("s", "")):
        if word.endswith(end) and len(word) > len(end) + 2:
            word = word[: len(word) - len(end)] + repl
            break
    return word[:6]


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in content_words(text)} - GENERIC_STEMS


def _best_topic(description: str, topics: list[tuple[Ref, Ref]], idx: Facts) -> tuple[Ref, Ref] | None:
    """The (proposal, topic) whose title holds most of the description's words: at least 60
    per cent of them, and more than any other topic's title."""
    words = _stems(description)
    if not words:
        return None
    scored = sorted({(len(words & _stems(t)) / len(words), pc) for pc in topics for t in idx.values(pc[1], "idm:title")},
                    key=lambda x: (-x[0], str(x[1])))
    if not scored or scored[0][0] < 0.6:
        return None
    best = {pc for sc, pc in scored if sc == scored[0][0]}
    return best.pop() if len(best) == 1 else None


def _topics_by_year(idx: Facts) -> dict[Ref, list[tuple[Ref, Ref]]]:
    """Dialogue year -> (proposal, topic) of every workshop topic proposed for it."""
    topics_of: dict[Ref, list[tuple[Ref, Ref]]] = defaultdict(list)
    for p in idx.subjects("Proposal"):
        cands = idx.values(p, "idm:candidate")
        if cands and cands[0].kind == "topic":
            for y in idx.values(p, "idm:targetYear"):
                topics_of[y].append((p, cands[0]))
    return topics_of


def _topics_decided_described(idx: Facts) -> list[Fact]:
    """Topics decided at a consultation and named by description (extract/themes.py): the
    outcome of the topic proposed for that year that the words name, proposed at that
    consultation."""
    topics_of = _topics_by_year(idx)
    out = []
    for (year, prop), fs in idx.sorted_items("idm:_topicDescribed"):
        if prop != "idm:_topicDescribed":
            continue
        for f in fs:
            description, outcome, meeting, workshop = f.value
            hit = _best_topic(description, topics_of.get(year, []), idx)
            if hit is None:
                continue
            p, cand = hit
            out += _topic_decision(idx, p, cand, f.evidence + idx.evidence(cand, "idm:title"), outcome, meeting,
                                   workshop)
    return list(dict.fromkeys(out))


def _topic_decision(idx: Facts, p: Ref, cand: Ref, ev: tuple, outcome: str, meeting: Ref,
                    workshop: Ref | None) -> list[Fact]:
    """What a decision on the proposed topic ``cand`` (proposal ``p``) says: its outcome and the
    consultation it was put to, unless already known, and the workshop that takes it up ("not
    retained as such, although its elements will be taken up in the second workshop")."""
    out = []
    if not idx.values(p, "idm:outcome"):
        out.append(Fact(p, "idm:outcome", Ref("outcome", outcome), ev, derived=True))
    if workshop is not None and workshop in set(idx.subjects("IntersessionalWorkshop")):
        out.append(Fact(workshop, "idm:incorporatesTopic", cand, ev, derived=True))
    if not idx.values(p, "idm:proposedAt"):
        out.append(Fact(p, "idm:proposedAt", meeting, ev, derived=True))
    return out


def _listed_order(ev: Evidence) -> tuple:
    """Where a title stands in its note: body parts by number (a heading before its paragraph), the annex after."""
    kind, _, number = ev.part.partition("/")
    if kind in ("h", "p") and number.isdigit():
        return (0, int(number), 0 if kind == "h" else 1, ev.start)
    return (1, 0, 0, ev.start)


def _topics_decided_placed(idx: Facts) -> list[Fact]:
    """Topics decided by their place in the list put forward ("retained the first and the third",
    extract/themes.py): the topics proposed for that year, in the order of the one note that
    proposed them (as many as the deciding note counts, when it counts them); the outcome and
    the consultation of each place named. Unsure (two proposing notes, a place beyond the list,
    another count): nothing."""
    lists: dict[Ref, dict[Ref, list[tuple[tuple, Ref, Ref]]]] = defaultdict(lambda: defaultdict(list))
    for year, pairs in _topics_by_year(idx).items():
        for p, cand in pairs:
            for f in idx.by_sp.get((p, "idm:proposedIn"), ()):
                if f.evidence:
                    lists[year][f.value].append((_listed_order(f.evidence[0]), p, cand))
    out = []
    for (year, prop), fs in idx.sorted_items("idm:_topicPlaced"):
        notes = lists.get(year, {})
        if len(notes) != 1:
            continue
        listed = sorted(set(next(iter(notes.values()))), key=lambda t: (t[0], str(t[1])))
        named: dict[int, Fact] = {}
        for f in fs:
            place, outcome, meeting, workshop, count = f.value
            if (count is not None and count != len(listed)) or not 1 <= place <= len(listed):
                continue
            _, p, cand = listed[place - 1]
            named[place] = f
            out += _topic_decision(idx, p, cand, f.evidence + idx.evidence(cand, "idm:title"), outcome, meeting,
                                   workshop)
        chose = [f for f in named.values() if f.value[1] == "selected"]
        meetings = {f.value[2] for f in named.values()}
        if chose and len(meetings) == 1:
            # "retained the first and the third": a place of the list not named was not chosen
            for place, (_, p, cand) in enumerate(listed, start=1):
                if place not in named and not idx.values(p, "idm:outcome"):
                    ev = tuple(e for f in chose for e in f.evidence) + idx.evidence(cand, "idm:title")
                    out.append(Fact(p, "idm:outcome", Ref("outcome", "notSelected"), ev, derived=True))
                    if not idx.values(p, "idm:proposedAt"):
                        out.append(Fact(p, "idm:proposedAt", next(iter(meetings)), ev, derived=True))
    return list(dict.fromkeys(out))


def _themes_decided_placed(idx: Facts) -> list[Fact]:
    """A year's theme chosen by its place in the list put forward ("chose the second of the three
    themes proposed", extract/themes.py): the theme proposed for that year at that place, in the
    order of the one note that proposed that year's themes (as many as the deciding note counts,
    when it counts them), is the year's overarching theme and its proposal was selected. Unsure
    (two proposing notes, a place beyond the list, another count, a year whose text names its
    theme already, a cover that names another theme): nothing."""
    out = []
    for (year, prop), fs in idx.sorted_items("idm:_themePlaced"):
        if idx.values(year, "idm:overarchingTheme"):
            continue
        notes: dict[Ref, list[tuple[tuple, Ref, Ref]]] = defaultdict(list)
        for p in idx.subjects("Proposal"):
            cands = idx.values(p, "idm:candidate")
            if cands and cands[0].kind == "theme" and year in idx.values(p, "idm:targetYear"):
                for f in idx.by_sp.get((p, "idm:proposedIn"), ()):
                    if f.evidence:
                        notes[f.value].append((_listed_order(f.evidence[0]), p, cands[0]))
        places = {f.value[0] for f in fs}
        if len(notes) != 1 or len(places) != 1:
            continue
        listed = sorted(set(next(iter(notes.values()))), key=lambda t: (t[0], str(t[1])))
        place, counts = places.pop(), {f.value[2] for f in fs} - {None}
        if not 1 <= place <= len(listed) or any(c != len(listed) for c in counts):
            continue
        _, p, cand = listed[place - 1]
        covers = {normalise(v) for v in idx.values(year, "idm:_coverTheme")}
        if covers and covers != {cand.key}:
            continue
        ev = tuple(e for f in fs for e in f.evidence) + idx.evidence(cand, "idm:title")
        out.append(Fact(year, "idm:overarchingTheme", cand, ev, derived=True))
        if not idx.values(p, "idm:outcome"):
            out.append(Fact(p, "idm:outcome", Ref("outcome", "selected"), ev, derived=True))
    return out


def _topics_named(idx: Facts) -> list[Fact]:
    """A workshop whose note names its topic by letter ("which will take up topic (a)") or by
    description ("The first workshop of 2016, on contingency planning for migrants in host
    countries in crisis, ...") is on the topic proposed for its year under that letter, or
    the one whose title holds most of the description's words (at least 60 per cent, and
    more than any other topic of that year)."""
    topics_of = _topics_by_year(idx)
    out = []
    for w in idx.subjects("IntersessionalWorkshop"):
        named = idx.by_sp.get((w, "idm:_onTopicLabel"), []) + idx.by_sp.get((w, "idm:_onTopicDescribed"), []) \
            + idx.by_sp.get((w, "idm:_incorporatesDescribed"), [])
        for f in named:
            for year in idx.values(w, "idm:servesYear"):
                found = None
                if f.prop == "idm:_onTopicLabel":
                    hits = {cand for p, cand in topics_of.get(year, ()) if f.value in idx.values(p, "idm:_listLabel")}
                    found = hits.pop() if len(hits) == 1 else None
                    extra = tuple(e for p, cand in topics_of.get(year, ()) if cand == found
                                  for e in idx.evidence(p, "idm:_listLabel"))
                else:
                    words = _stems(f.value)
                    scored = sorted({(len(words & _stems(t)) / len(words), cand) for _, cand in topics_of.get(year, ())
                                     for t in idx.values(cand, "idm:title")} if words else set(),
                                    key=lambda x: (-x[0], str(x[1])))
                    best = [(sc, c) for sc, c in scored if sc == scored[0][0]] if scored else []
                    if best and best[0][0] >= 0.6 and len({c for _, c in best}) == 1 \
                            and not any(c != best[0][1] and sc >= best[0][0] for sc, c in scored):
                        found = best[0][1]
                    extra = idx.evidence(found, "idm:title") if found else ()
                # (a session of the workshop given over to a topic: the workshop incorporates it)
                prop = "idm:incorporatesTopic" if f.prop == "idm:_incorporatesDescribed" else "idm:onTopic"
                if found is not None and found not in idx.values(w, "idm:onTopic") + idx.values(w, prop):
                    out.append(Fact(w, prop, found, f.evidence + extra, derived=True))
    return list(dict.fromkeys(out))


def _topics_combined(idx: Facts) -> list[Fact]:
    """The single workshop of a year that "combined the two topics chosen for the year" is on
    every topic a note says was selected for that year."""
    out = []
    for w in idx.subjects("IntersessionalWorkshop"):
        for f in idx.by_sp.get((w, "idm:_onTopicsChosen"), []):
            year = Ref("year", str(f.value))
            for p in idx.subjects("Proposal"):
                cands = idx.values(p, "idm:candidate")
                if not cands or cands[0].kind != "topic" or year not in idx.values(p, "idm:targetYear"):
                    continue
                if Ref("outcome", "selected") in idx.values(p, "idm:outcome") \
                        and cands[0] not in idx.values(w, "idm:onTopic"):
                    out.append(Fact(w, "idm:onTopic", cands[0], f.evidence + idx.evidence(p, "idm:outcome"),
                                    derived=True))
    return list(dict.fromkeys(out))


def _topic_left(idx: Facts) -> list[Fact]:
    """A year with as many workshops as topics chosen for it, every workshop but one on one of those
    topics: the one left ("The first of the two workshops took place ... under the title “Identity,
    data and trust: biometrics in migration management”", the other on “Digital remittances ...”) is
    on the topic left (“Biometrics and the protection of personal data”), when its title shares a word
    with it (a workshop held on something else shares none). Chosen: an outcome "selected"."""
    out = []
    chosen = _chosen_topics(idx)
    for year in sorted(chosen, key=str):
        workshops = _workshops_of(idx, year)
        if len(workshops) != len(chosen[year]) or len(workshops) < 2:
            continue
        left = [w for w in workshops if not idx.values(w, "idm:onTopic")]
        on = {t for w in workshops for t in idx.values(w, "idm:onTopic")}
        free = chosen[year] - on
        if len(left) != 1 or len(free) != 1 or not on <= chosen[year]:
            continue
        w, cand = left[0], next(iter(free))
        if cand in idx.values(w, "idm:incorporatesTopic"):
            continue
        shared = any(_stems(wt) & _stems(t) for wt in idx.values(w, "idm:title") for t in idx.values(cand, "idm:title"))
        if shared:
            ev = idx.evidence(w, "idm:title") + idx.evidence(cand, "idm:title") \
                + tuple(e for o in workshops if o != w for e in idx.evidence(o, "idm:onTopic"))
            out.append(Fact(w, "idm:onTopic", cand, ev, derived=True))
    return out


def _proposal_outcomes(idx: Facts) -> list[Fact]:
    out = []
    # topic proposals of each year whose selection a note states (not derived)
    stated: dict[Ref, list[Ref]] = defaultdict(list)
    for q in idx.subjects("Proposal"):
        cands = idx.values(q, "idm:candidate")
        if cands and cands[0].kind == "topic" and any(f.value == Ref("outcome", "selected") and not f.derived
                                                       for f in idx.by_sp.get((q, "idm:outcome"), [])):
            for y in idx.values(q, "idm:targetYear"):
                stated[y].append(q)
    for p in idx.subjects("Proposal"):
        if idx.values(p, "idm:outcome"):
            continue
        cand = idx.values(p, "idm:candidate")[0]
        year = idx.values(p, "idm:targetYear")[0]
        if cand.kind == "theme":
            chosen = idx.values(year, "idm:overarchingTheme")
            if chosen:
                outcome = "selected" if cand in chosen else "notSelected"
                out.append(Fact(p, "idm:outcome", Ref("outcome", outcome), idx.evidence(year, "idm:overarchingTheme"),
                                derived=True))
            else:
                out.append(Fact(p, "idm:outcome", Ref("outcome", "open"), idx.evidence(p, "idm:candidate"),
                                derived=True))
            continue
        workshops = _workshops_of(idx, year)
        on_topic = [w for w in workshops if cand in idx.values(w, "idm:onTopic")]
        decided = [q for q in stated.get(year, ()) if q != p]
        if not on_topic and decided:
            # "the membership selected X and Y": a topic of that year not named was not selected
            out.append(Fact(p, "idm:outcome", Ref("outcome", "notSelected"),
                            tuple(e for q in decided for e in idx.evidence(q, "idm:outcome")), derived=True))
            continue
        if on_topic:
            out.append(Fact(p, "idm:outcome", Ref("outcome", "selected"),
                            tuple(e for w in on_topic for e in idx.evidence(w, "idm:onTopic")), derived=True))
        elif len(workshops) >= 2 and all(idx.values(w, "idm:onTopic") for w in workshops):
            # every workshop of the year is on another topic: this one was not taken up
            out.append(Fact(p, "idm:outcome", Ref("outcome", "notSelected"),
                            tuple(e for w in workshops for e in idx.evidence(w, "idm:title")), derived=True))
        else:
            out.append(Fact(p, "idm:outcome", Ref("outcome", "open"), idx.evidence(p, "idm:candidate"),
                            derived=True))
    return out


def _previous_proposals(idx: Facts) -> list[Fact]:
    """A candidate put forward again for a later year: the later proposal repeats the earlier."""
    by_candidate: dict[Ref, list[tuple[int, Ref]]] = defaultdict(list)
    for p in idx.subjects("Proposal"):
        for cand in idx.values(p, "idm:candidate"):
            for year in idx.values(p, "idm:targetYear"):
                by_candidate[cand].append((int(year.key), p))
    out = []
    for cand, proposals in by_candidate.items():
        proposals.sort(key=lambda yp: (yp[0], str(yp[1])))
        for (y1, earlier), (y2, later) in zip(proposals, proposals[1:]):
            if y2 > y1:
                ev = idx.evidence(later, "idm:candidate") + idx.evidence(earlier, "idm:candidate")
                out.append(Fact(later, "idm:previousProposal", earlier, ev, derived=True))
    return out


def _proposals_made_at(facts: list[Fact]) -> list[Fact]:
    """"At the informal consultations held on 28 April 2009, the Administration proposed two
    possible overarching themes for the 2010 IDM": the theme proposals for 2010 were made at
    that meeting, and the note proposing them (whose cover page may be lost) was prepared
    for it."""
    idx = Facts(facts)
    out = [f for f in facts if f.prop != "idm:themesProposedAt"]
    theme_proposals: dict[Ref, list[Ref]] = defaultdict(list)
    for p in idx.subjects("Proposal"):
        cand = idx.values(p, "idm:candidate")
        if cand and cand[0].kind == "theme":
            for y in idx.values(p, "idm:targetYear"):
                theme_proposals[y].append(p)
    for f in facts:
        if f.prop != "idm:themesProposedAt":
            continue
        for p in theme_proposals.get(f.subject, ()):
            ev = f.evidence + idx.evidence(p, "idm:proposedIn")
            out.append(Fact(p, "idm:proposedAt", f.value, ev, derived=True))
            for note in idx.values(p, "idm:proposedIn"):
                if not idx.values(note, "idm:preparedFor"):
                    out.append(Fact(note, "idm:preparedFor", f.value, ev, derived=True))
    # a note puts its proposals to the consultation it was prepared for
    idx = Facts(out)
    for p in idx.subjects("Proposal"):
        if idx.values(p, "idm:proposedAt"):
            continue
        for note in idx.values(p, "idm:proposedIn"):
            for meeting in idx.values(note, "idm:preparedFor"):
                ev = idx.evidence(p, "idm:proposedIn") + idx.evidence(note, "idm:preparedFor")
                out.append(Fact(p, "idm:proposedAt", meeting, ev, derived=True))
    return list(dict.fromkeys(out))


def _builds_on(facts: list[Fact], sections: dict) -> list[Fact]:
    """'It would build on earlier overarching topics which focused on the “human dimension”':
    the earlier themes are those whose own paragraphs (or section) use the quoted words."""
    themes_at: dict[tuple[str, str], set[Ref]] = defaultdict(set)
    for f in facts:
        theme = None
        if f.prop == "idm:overarchingTheme" or (f.prop == "idm:candidate" and f.value.kind == "theme"):
            theme = f.value
        elif f.prop == "idm:title" and f.subject.kind == "theme":
            theme = f.subject
        if theme is not None:
            for e in f.evidence:
                themes_at[(e.note, e.part)].add(theme)
    theme_years = {f.value: int(f.subject.key) for f in facts if f.prop == "idm:overarchingTheme"}
    candidate_of: dict[Ref, Ref] = {}
    for g in facts:
        if g.prop == "idm:candidate":
            candidate_of.setdefault(g.subject, g.value)
    for f in facts:
        if f.prop == "idm:targetYear" and f.subject.kind == "proposal":
            cand = candidate_of.get(f.subject)
            if cand is not None:
                theme_years.setdefault(cand, int(f.value.key))
    out = []
    phrases = {f.value.key for f in facts
               if f.prop == "idm:buildsOn" and isinstance(f.value, Ref) and f.value.kind == "phrase"}
    # where each phrase is quoted, found in one pass over the sections (not one per phrase)
    quoted_at: dict[str, list[tuple[tuple[str, str], int]]] = defaultdict(list)
    if phrases:
        for key, (text, _) in sorted(sections.items()):
            for pattern in QUOTED_SPANS:  # “curly” first, then "straight", as text.find would
                seen: set[str] = set()
                for m in pattern.finditer(text):
                    if m.group(1) in phrases and m.group(1) not in seen:
                        seen.add(m.group(1))
                        quoted_at[m.group(1)].append((key, m.start()))
    for f in facts:
        if not (f.prop == "idm:buildsOn" and isinstance(f.value, Ref) and f.value.kind == "phrase"):
            out.append(f)
            continue
        phrase = f.value.key
        for (note, pid), at in quoted_at.get(phrase, ()):
            heading = sections[(note, pid)][1]
            if any(e.note == note and e.part == pid for e in f.evidence):
                continue
            found = themes_at.get((note, pid), set()) | themes_at.get((note, heading), set())
            for theme in sorted(found, key=str):
                if theme == f.subject or theme_years.get(theme, 9999) >= theme_years.get(f.subject, 0):
                    continue
                ev = Evidence(note, pid, at + 1, at + 1 + len(phrase), phrase)
                out.append(Fact(f.subject, "idm:buildsOn", theme, f.evidence + (ev,), derived=True))
    return out


def _builds_on_year(facts: list[Fact]) -> list[Fact]:
    """'would build on the IDM in 2024': the theme builds on the overarching theme of that year
    (as any note states it); nothing if no note names that year's theme."""
    themes_of: dict[Ref, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.prop == "idm:overarchingTheme":
            themes_of[f.subject].append(f)
    out = []
    for f in facts:
        if not (f.prop == "idm:buildsOn" and isinstance(f.value, Ref) and f.value.kind == "year"):
            out.append(f)
            continue
        for theme in sorted({t.value for t in themes_of.get(f.value, [])}, key=str):
            if theme != f.subject:
                ev = f.evidence + tuple(e for t in themes_of[f.value] if t.value == theme for e in t.evidence)
                out.append(Fact(f.subject, "idm:buildsOn", theme, ev, derived=True))
    return list(dict.fromkeys(out))


#: quoted spans, “curly” and "straight"
QUOTED_SPANS = (re.compile(r"“([^“”]*)”"), re.compile(r"\"([^\"]*)\""))


DATE_PROPS = ("idm:startDate", "idm:endDate")


def _announced_dates(facts: list[Fact], note_order: dict[str, int]) -> list[Fact]:
    """A workshop announced for some dates and reported held on others by a later note (it was
    moved): the announced dates go, the dates it was held on stay with their evidence. Dates
    are dropped only when every note giving them comes before a note that reports the workshop
    held and gives it other dates (as for the status, a later report outranks an announcement)."""
    held_in: dict[Ref, set[str]] = defaultdict(set)
    for f in facts:
        if f.prop == "idm:status" and f.value == Ref("status", "held"):
            held_in[f.subject].update(e.note for e in f.evidence)
    # workshop, property -> values the notes reporting it held give, and the earliest such note
    held_dates: dict[tuple[Ref, str], set] = defaultdict(set)
    first_report: dict[Ref, int] = {}
    for f in facts:
        if f.prop in DATE_PROPS and f.subject in held_in:
            notes = {e.note for e in f.evidence} & held_in[f.subject]
            if notes:
                held_dates[(f.subject, f.prop)].add(f.value)
                at = min(note_order.get(n, 0) for n in notes)
                first_report[f.subject] = min(first_report.get(f.subject, at), at)
    out = []
    for f in facts:
        reported = held_dates.get((f.subject, f.prop))
        if reported and f.value not in reported and f.evidence \
                and all(note_order.get(e.note, 0) < first_report[f.subject] for e in f.evidence):
            continue
        out.append(f)
    return out


def _workshop_status(facts: list[Fact], cancelled: set[Ref] = frozenset()) -> list[Fact]:
    """A note that announces a workshop as planned says so (``idm:announcedIn``, in that
    note's graph); "planned" stays the status only while no note reports it held or
    cancelled (``cancelled``), so that conclusion is derived."""
    held = {f.subject for f in facts if f.prop == "idm:status" and f.value == Ref("status", "held")} | set(cancelled)
    out = []
    for f in facts:
        if f.prop == "idm:status" and f.value == Ref("status", "planned"):
            for e in f.evidence:
                out.append(Fact(f.subject, "idm:announcedIn", Ref("note", e.note), (e,)))
            if f.subject not in held:
                out.append(Fact(f.subject, f.prop, f.value, f.evidence, derived=True))
        else:
            out.append(f)
    return out


def _preferred_titles(facts: list[Fact], note_order: dict[str, int]) -> list[Fact]:
    """Every wording a note gives a thing is an ``idm:wording`` in that note's graph. Across
    notes (derived): the title (``idm:title``, ``skos:prefLabel``) is the latest note's
    wording (a workshop is named as it was held, not as it was announced), then the one used
    most; each other wording is a ``skos:altLabel``."""
    titles: dict[Ref, list[Fact]] = defaultdict(list)
    rest = []
    for f in facts:
        (titles[f.subject] if f.prop == "idm:title" else rest).append(f)
    for subject, fs in titles.items():
        counts = Counter(f.value for f in fs)
        latest = {f.value: max(note_order.get(e.note, 0) for e in f.evidence) if f.evidence else 0 for f in fs}
        best = sorted(counts, key=lambda v: (-latest[v], -counts[v], v))[0]
        for f in fs:
            rest.append(Fact(subject, "idm:wording", f.value, f.evidence, f.derived))
        for wording in sorted(counts):
            evidence = tuple(e for f in fs if f.value == wording for e in f.evidence)
            if wording == best:
                rest.append(Fact(subject, "idm:title", best, evidence, derived=True))
                rest.append(Fact(subject, "skos:prefLabel", best, (), derived=True))
            else:
                rest.append(Fact(subject, "skos:altLabel", wording, evidence, derived=True))
    return rest
