"""Cross-note rules, run after every note has been read: what became of each proposal,
which workshop took up which topic, which wording is a thing's preferred title, and the
final status of workshops announced in one note and reported held in a later one.

Each derived fact cites the facts it was derived from, so it keeps their evidence."""
from __future__ import annotations

from collections import Counter, defaultdict

from ..model import Evidence, Fact, Ref
from .common import similarity

TOPIC_MATCH = 0.75


class Facts:
    """Index of facts by subject and property."""

    def __init__(self, facts: list[Fact]):
        self.facts = facts
        self.by_sp: dict[tuple[Ref, str], list[Fact]] = defaultdict(list)
        for f in facts:
            self.by_sp[(f.subject, f.prop)].append(f)

    def values(self, subject: Ref, prop: str) -> list:
        return sorted({f.value for f in self.by_sp.get((subject, prop), [])}, key=str)

    def evidence(self, subject: Ref, prop: str) -> tuple:
        return tuple(e for f in self.by_sp.get((subject, prop), []) for e in f.evidence)

    def subjects(self, cls: str) -> list[Ref]:
        return sorted({f.subject for f in self.facts if f.prop == "rdf:type" and f.value == Ref("class", cls)}, key=str)


def resolve(facts: list[Fact], note_order: dict[str, int], sections: dict[tuple[str, str], tuple]) -> list[Fact]:
    """``sections`` maps (note, part id) to (text, id of the heading part above it or None)."""
    idx = Facts(facts)
    out = list(facts)
    out += _topics_taken_up(idx)
    idx = Facts(out)
    out += _proposal_outcomes(idx)
    out += _previous_proposals(idx)
    out = _proposals_made_at(out)
    out = _builds_on(out, sections)
    out = _workshop_status(out)
    out = _preferred_titles(out, note_order)
    return out


def _workshops_of(idx: Facts, year: Ref) -> list[Ref]:
    return [w for w in idx.subjects("IntersessionalWorkshop") if year in idx.values(w, "idm:servesYear")]


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


def _proposal_outcomes(idx: Facts) -> list[Fact]:
    out = []
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
        decided = [q for q in idx.subjects("Proposal") if q != p and year in idx.values(q, "idm:targetYear")
                   and idx.values(q, "idm:candidate")[0].kind == "topic"
                   and any(f.value == Ref("outcome", "selected") and not f.derived
                           for f in idx.by_sp.get((q, "idm:outcome"), []))]
        if not on_topic and decided:
            # "the membership selected X and Y": a topic of that year not named was not selected
            out.append(Fact(p, "idm:outcome", Ref("outcome", "notSelected"),
                            tuple(e for q in decided for e in idx.evidence(q, "idm:outcome")), derived=True))
            continue
        if on_topic:
            out.append(Fact(p, "idm:outcome", Ref("outcome", "selected"),
                            tuple(e for w in on_topic for e in idx.evidence(w, "idm:onTopic")), derived=True))
        elif len(workshops) >= 2 and all(idx.values(w, "idm:title") for w in workshops):
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
    for f in facts:
        if f.prop != "idm:themesProposedAt":
            continue
        for p in idx.subjects("Proposal"):
            cand = idx.values(p, "idm:candidate")
            if f.subject not in idx.values(p, "idm:targetYear") or not cand or cand[0].kind != "theme":
                continue
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
    for f in facts:
        if f.prop == "idm:targetYear" and f.subject.kind == "proposal":
            cand = next((g.value for g in facts if g.subject == f.subject and g.prop == "idm:candidate"), None)
            if cand is not None:
                theme_years.setdefault(cand, int(f.value.key))
    out = []
    for f in facts:
        if not (f.prop == "idm:buildsOn" and isinstance(f.value, Ref) and f.value.kind == "phrase"):
            out.append(f)
            continue
        phrase = f.value.key
        for (note, pid), (text, heading) in sorted(sections.items()):
            for quoted in (f"“{phrase}”", f'"{phrase}"'):
                at = text.find(quoted)
                if at < 0 or any(e.note == note and e.part == pid for e in f.evidence):
                    continue
                found = themes_at.get((note, pid), set()) | themes_at.get((note, heading), set())
                for theme in sorted(found, key=str):
                    if theme == f.subject or theme_years.get(theme, 9999) >= theme_years.get(f.subject, 0):
                        continue
                    ev = Evidence(note, pid, at + 1, at + 1 + len(phrase), phrase)
                    out.append(Fact(f.subject, "idm:buildsOn", theme, f.evidence + (ev,), derived=True))
    return out


def _workshop_status(facts: list[Fact]) -> list[Fact]:
    """A note that announces a workshop as planned says so (``idm:announcedIn``, in that
    note's graph); "planned" stays the status only while no note reports it held, so that
    conclusion is derived."""
    held = {f.subject for f in facts if f.prop == "idm:status" and f.value == Ref("status", "held")}
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
