"""What the graph says about one entity, gathered for a page: its labels, types, facts
with the evidence each was read from (quote, paragraph, note graph), what refers to it, and
the extras of its kind (a note's paragraphs, a theme's proposals, a year's workshops, a
concept's paragraphs). Functions of a :class:`~.snapshot.Snapshot` and an IRI returning plain
dicts and lists, for the templates; lookups go through ``quads_for_pattern`` on the merged
default graph (each triple once), named graphs only to say which note states a fact.
Values from a URL reach this module only as validated IRIs (:func:`valid_path`)."""
from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import quote

import pyoxigraph as ox

from ..namespaces import DCTERMS, IDM, IDMC, OA, RDF, RDFS, SKOS, XSD
from ..highlight import highlight
from .render import curie

#: what an entity page can be answered with, HTML first (browsers send */* among others)
OFFERED = ["text/html", "text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]
#: what an error can be answered with: HTML for browsers, a line of text for the rest
_ERROR_OFFERED = ["text/html", "text/turtle", "application/ld+json", "application/n-triples",
                  "application/rdf+xml", "application/sparql-results+json", "application/sparql-results+xml",
                  "text/csv", "text/tab-separated-values"]
MAX_PATH = 400
_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')
MAX_INCOMING = 300   # links shown per property under "referred to by"


def N(iri) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


TYPE = N(RDF.type)
P = {name: N(iri) for name, iri in {
    "prefLabel": SKOS.prefLabel, "label": RDFS.label, "title": IDM.title, "dctitle": DCTERMS.title,
    "symbol": IDM.symbol, "text": IDM.text, "number": IDM.number, "paragraphOf": IDM.paragraphOf,
    "hasParagraph": IDM.hasParagraph, "partOf": IDM.partOf, "hasFootnote": IDM.hasFootnote,
    "sectionHeading": IDM.sectionHeading, "statedIn": IDM.statedIn, "discusses": IDM.discusses,
    "concernsYear": IDM.concernsYear, "candidate": IDM.candidate, "targetYear": IDM.targetYear,
    "outcome": IDM.outcome, "overarchingTheme": IDM.overarchingTheme, "servesYear": IDM.servesYear,
    "startDate": IDM.startDate, "endDate": IDM.endDate, "attendance": IDM.attendance, "surveyOf": IDM.surveyOf,
    "segmentOf": IDM.segmentOf, "onTopic": IDM.onTopic, "incorporatesTopic": IDM.incorporatesTopic,
    "proposedIn": IDM.proposedIn, "year": IDM.year,
    "hasBody": OA.hasBody, "hasTarget": OA.hasTarget, "hasSource": OA.hasSource, "hasSelector": OA.hasSelector,
    "exact": OA.exact, "start": OA.start, "end": OA.end, "supportsProperty": IDM.supportsProperty,
    "supportsValue": IDM.supportsValue, "broader": SKOS.broader, "narrower": SKOS.narrower,
    "inScheme": SKOS.inScheme, "topConceptOf": SKOS.topConceptOf, "definition": SKOS.definition,
}.items()}
C = {name: N(IDM[name]) for name in (
    "DiscussionNote", "Paragraph", "DialogueYear", "Theme", "WorkshopTopic", "Topic", "IntersessionalWorkshop",
    "Proposal", "Meeting", "Evidence", "Heading", "Footnote", "Cover", "Annex", "Item", "InformalConsultation",
    "CouncilSession", "Conference", "SessionSegment")}
CONCEPT = N(SKOS.Concept)
SCHEME = N(IDMC)
#: properties shown first in a facts table, in this order
FIRST = [str(RDF.type), str(SKOS.prefLabel), str(RDFS.label), str(IDM.title), str(DCTERMS.title), str(IDM.symbol)]
#: incoming links that are evidence plumbing, not "referred to by"
_PLUMBING = {str(OA.hasBody), str(OA.hasSource), str(IDM.supportsValue), str(OA.hasSelector), str(OA.hasTarget)}
_XSD_PLAIN = {str(XSD.string), "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


# ---------------------------------------------------------------- small graph helpers

#: the merged graph (the snapshot materialises the merge of the named graphs as the default
#: graph): each triple once; the named graphs are read only to tell which graph says what
MERGED = ox.DefaultGraph()


def _objects(store, s, p) -> list:
    """Values of ``s p ?`` in the merged default graph (a set: each once)."""
    return [q.object for q in store.quads_for_pattern(s, p, None, MERGED)]


def _subjects(store, p, o) -> list:
    return [q.subject for q in store.quads_for_pattern(None, p, o, MERGED)]


def _first(store, s, p):
    for q in store.quads_for_pattern(s, p, None, MERGED):
        return q.object
    return None


def _int(term, default=0) -> int:
    try:
        return int(term.value)
    except (AttributeError, TypeError, ValueError):
        return default


def _exists(store, node) -> bool:
    return any(True for _ in store.quads_for_pattern(node, None, None, MERGED)) or \
        any(True for _ in store.quads_for_pattern(None, None, node, MERGED))


def valid_path(path: str) -> bool:
    """Whether a path taken from the URL may stand for an IRI (no spaces, quotes, angle
    brackets, control characters; bounded length)."""
    return bool(path) and len(path) <= MAX_PATH and not _BAD.search(path) and ".." not in path.split("/")


def label(snap, term) -> str:
    """The best label of an IRI: skos:prefLabel, rdfs:label, idm:title, dcterms:title,
    idm:symbol (English preferred), else its short form."""
    if not isinstance(term, ox.NamedNode):
        return term.value if isinstance(term, ox.Literal) else str(term)
    labels = snap.cache.setdefault("labels", {})
    key = term.value
    if key not in labels:
        found = None
        document = any(True for _ in snap.store.quads_for_pattern(term, TYPE, N(IDM.Document), MERGED))
        order = ("label", "symbol", "prefLabel", "title", "dctitle") if document else \
            ("prefLabel", "label", "title", "dctitle", "symbol")
        for name in order:
            values = [o for o in _objects(snap.store, term, P[name]) if isinstance(o, ox.Literal)]
            if values:
                english = [v for v in values if (v.language or "en").startswith("en")]
                found = sorted(english or values, key=lambda v: (len(v.value), v.value))[0].value
                break
        labels[key] = found or _short(snap, key)
    return labels[key]


def _short(snap, iri: str) -> str:
    short = curie(iri, snap.base)
    if short.startswith("id:"):
        return short[3:]
    return short


def href(snap, iri: str) -> str | None:
    """The local page of an IRI this server answers for, or None."""
    if iri.startswith(str(IDMC)):
        rest = iri[len(str(IDMC)):]
        return "/concept/" + quote(rest) if "/" not in rest and "#" not in rest else None
    for part in ("id/", "graph/"):
        if iri.startswith(snap.base + part) and len(iri) > len(snap.base + part) and "#" not in iri:
            return "/" + quote(iri[len(snap.base):], safe="/:@-._~!$&'()*+,;=")
    return None


def term_view(snap, term) -> dict:
    """How a value is shown: text, link (local page), IRI, datatype or language."""
    if isinstance(term, ox.NamedNode):
        return {"kind": "iri", "text": label(snap, term), "href": href(snap, term.value), "iri": term.value,
                "short": _short(snap, term.value), "note": ""}
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        note = term.language or ("" if dt in _XSD_PLAIN or not dt else curie(dt, snap.base))
        return {"kind": "literal", "text": term.value, "href": None, "iri": "", "short": "", "note": note}
    return {"kind": "other", "text": str(term), "href": None, "iri": "", "short": "", "note": ""}


def prop_view(snap, iri: str) -> dict:
    return {"iri": iri, "short": curie(iri, snap.base), "label": _prop_label(snap, iri)}


def _prop_label(snap, iri: str) -> str:
    cache = snap.cache.setdefault("prop_labels", {})
    if iri not in cache:
        lab = _first(snap.store, N(iri), P["label"])
        cache[iri] = lab.value if isinstance(lab, ox.Literal) else curie(iri, snap.base).split(":")[-1]
    return cache[iri]


def graph_view(snap, g) -> dict:
    """A named graph as a reader sees it: a note's graph is that note."""
    iri = g.value if isinstance(g, ox.NamedNode) else ""
    note_prefix = snap.base + "graph/note/"
    if iri.startswith(note_prefix):
        note = N(snap.base + "id/note/" + iri[len(note_prefix):])
        return {"iri": iri, "text": "note " + label(snap, note), "href": href(snap, note.value), "kind": "note"}
    name = iri[len(snap.base + "graph/"):] if iri.startswith(snap.base + "graph/") else (iri or "default")
    return {"iri": iri, "text": name, "href": href(snap, iri) if iri else None, "kind": name}


# ---------------------------------------------------------------- evidence

def anchor_id(evidence_iri: str) -> str:
    return "e-" + re.sub(r"[^A-Za-z0-9_-]", "-", evidence_iri.rstrip("/").rsplit("/", 1)[-1])


def evidence(snap, e) -> dict | None:
    """One evidence annotation: what it supports, the quote, where it is, and where to read it."""
    cache = snap.cache.setdefault("evidence", {})
    if e.value in cache:
        return cache[e.value]
    st = snap.store
    body_quads = sorted(st.quads_for_pattern(e, P["hasBody"], None, None),
                        key=lambda q: isinstance(q.graph_name, ox.DefaultGraph))   # a named graph first
    target = _first(st, e, P["hasTarget"])
    if not body_quads or target is None:
        cache[e.value] = None
        return None
    source = _first(st, target, P["hasSource"])
    selector = _first(st, target, P["hasSelector"])
    prop = _first(st, e, P["supportsProperty"])
    value = _first(st, e, P["supportsValue"])
    exact = _first(st, selector, P["exact"]) if selector is not None else None
    ident = anchor_id(e.value)
    view = {
        "iri": e.value, "id": ident, "body": body_quads[0].object,
        "prop": prop.value if prop is not None else "", "value": value,
        "source": source.value if source is not None else "",
        "source_label": label(snap, source) if source is not None else "",
        "href": _source_href(snap, source, ident) if source is not None else None,
        "quote": exact.value if isinstance(exact, ox.Literal) else "",
        "start": _int(_first(st, selector, P["start"]), -1) if selector is not None else -1,
        "end": _int(_first(st, selector, P["end"]), -1) if selector is not None else -1,
        "graph": graph_view(snap, body_quads[0].graph_name),
    }
    cache[e.value] = view
    return view


def _source_href(snap, source, ident: str) -> str | None:
    """Where a quote is read: the paragraph page (a heading is shown above the paragraph it
    stands over, a footnote below the paragraph it belongs to), anchored at the quote."""
    iri = source.value
    m = re.match(r"^(.*/note/[^/]+)/h/(\d+)$", iri)
    if m:
        para = N(f"{m.group(1)}/p/{m.group(2)}")
        if _first(snap.store, para, P["text"]) is not None:
            iri = para.value
    elif "/fn/" in iri:
        owners = _subjects(snap.store, P["hasFootnote"], source)
        if owners:
            iri = owners[0].value
    page = href(snap, iri)
    return f"{page}#{ident}" if page else None


def evidence_about(snap, subject) -> list[dict]:
    out = []
    for e in _subjects(snap.store, P["hasBody"], subject):
        view = evidence(snap, e)
        if view:
            out.append(view)
    return sorted(out, key=lambda v: (v["source"], v["start"]))


def evidence_in(snap, part) -> list[dict]:
    """Every evidence quoting ``part`` (a paragraph, heading, footnote, cover, annex)."""
    out = []
    for target in _subjects(snap.store, P["hasSource"], part):
        for e in _subjects(snap.store, P["hasTarget"], target):
            view = evidence(snap, e)
            if view:
                out.append(view)
    return sorted(out, key=lambda v: (v["start"], v["end"], v["iri"]))


def fact_view(snap, ev: dict) -> dict:
    """A fact drawn from a paragraph: subject, property, value, the quote."""
    return {"subject": term_view(snap, ev["body"]), "prop": prop_view(snap, ev["prop"]) if ev["prop"] else None,
            "value": term_view(snap, ev["value"]) if ev["value"] is not None else None,
            "quote": ev["quote"], "id": ev["id"], "href": ev["href"], "graph": ev["graph"]}


# ---------------------------------------------------------------- entity data

def types_of(snap, node) -> list[dict]:
    return [term_view(snap, t) for t in sorted(_objects(snap.store, node, TYPE), key=lambda t: _short(snap, t.value))]


def facts_of(snap, node) -> dict:
    """The entity's properties: asserted facts (with their evidence and the graphs that state
    them) and the facts only the reasoner adds."""
    evs = defaultdict(list)
    for ev in evidence_about(snap, node):
        evs[(ev["prop"], str(ev["value"]))].append(ev)
    rows: dict[tuple, dict] = {}
    for q in snap.store.quads_for_pattern(node, None, None, None):
        key = (q.predicate.value, str(q.object))
        row = rows.get(key)
        if row is None:
            row = rows[key] = {"prop": q.predicate.value, "object": q.object, "graphs": []}
        gv = graph_view(snap, q.graph_name)
        if gv not in row["graphs"]:
            row["graphs"].append(gv)

    def order(row):
        p = row["prop"]
        return (FIRST.index(p) if p in FIRST else len(FIRST), curie(p, snap.base), str(row["object"]))

    asserted, inferred = [], []
    for row in rows.values():
        if len(row["graphs"]) > 1:   # the merge repeats what the named graphs say
            row["graphs"] = [g for g in row["graphs"] if g["kind"] != "default"]
    for row in sorted(rows.values(), key=order):
        view = {"prop": prop_view(snap, row["prop"]), "value": term_view(snap, row["object"]),
                "graphs": sorted(row["graphs"], key=lambda g: g["text"]),
                "evidence": evs.get((row["prop"], str(row["object"])), [])}
        if all(g["kind"] == "inferred" for g in row["graphs"]):
            inferred.append(view)
        else:
            asserted.append(view)
    return {"asserted": _grouped(asserted), "inferred": _grouped(inferred), "inferred_count": len(inferred)}


def _grouped(rows: list[dict]) -> list[dict]:
    groups: list[dict] = []
    for row in rows:
        if groups and groups[-1]["prop"]["iri"] == row["prop"]["iri"]:
            groups[-1]["rows"].append(row)
        else:
            groups.append({"prop": row["prop"], "rows": [row]})
    return groups


def incoming(snap, node) -> list[dict]:
    """What links to the entity (not evidence plumbing), grouped by property; links that
    only the reasoner adds are left out (they repeat asserted ones)."""
    found: dict[str, dict] = {}
    for q in snap.store.quads_for_pattern(None, None, node, None):
        p = q.predicate.value
        if p in _PLUMBING or not isinstance(q.subject, ox.NamedNode):
            continue
        entry = found.setdefault(p, {})
        entry.setdefault(q.subject.value, set()).add(graph_view(snap, q.graph_name)["kind"])
    groups = []
    for p in sorted(found, key=lambda p: curie(p, snap.base)):
        subjects = [s for s, kinds in found[p].items() if kinds - {"default"} != {"inferred"}]
        if not subjects:
            continue
        views = sorted((term_view(snap, N(s)) for s in subjects), key=lambda v: _natural(v["text"]))
        groups.append({"prop": prop_view(snap, p), "subjects": views[:MAX_INCOMING],
                       "more": max(0, len(views) - MAX_INCOMING)})
    return groups


def _natural(text: str):
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", text)]


def part_view(snap, part, with_facts: bool = True) -> dict:
    """A paragraph (or heading, footnote, cover, annex) with its quotes marked and the facts
    drawn from it."""
    text_term = _first(snap.store, part, P["text"])
    text = text_term.value if isinstance(text_term, ox.Literal) else ""
    evs = evidence_in(snap, part)
    m = re.search(r"/(p|h|fn)/(\d+)$", part.value)
    return {"iri": part.value, "href": href(snap, part.value), "label": label(snap, part),
            "number": m.group(2) if m else "", "kind": m.group(1) if m else part.value.rsplit("/", 1)[-1],
            "html": highlight(text, evs), "text": text,
            "facts": [fact_view(snap, ev) for ev in evs] if with_facts else []}


def _part_key(iri: str):
    m = re.search(r"/(p|h|fn)/(\d+)$", iri)
    return (int(m.group(2)), {"h": 0, "p": 1, "fn": 2}[m.group(1)]) if m else (10**6, 0)


def paragraph_extras(snap, node) -> dict:
    """A paragraph's page: the heading above it, its text, its footnotes; its note and the
    paragraphs before and after."""
    m = re.match(r"^(.*/note/[^/]+)/p/(\d+)$", node.value)
    out = {"heading": None, "footnotes": [], "prev": None, "next": None, "note": None, "section": ""}
    note = _first(snap.store, node, P["paragraphOf"]) or _first(snap.store, node, P["partOf"])
    if note is not None:
        out["note"] = term_view(snap, note)
    if m:
        root, n = m.group(1), int(m.group(2))
        heading = N(f"{root}/h/{n}")
        if _first(snap.store, heading, P["text"]) is not None:
            out["heading"] = part_view(snap, heading)
        for k, key in ((n - 1, "prev"), (n + 1, "next")):
            other = N(f"{root}/p/{k}")
            if _first(snap.store, other, P["text"]) is not None:
                out[key] = term_view(snap, other)
    section = _first(snap.store, node, P["sectionHeading"])
    out["section"] = section.value if isinstance(section, ox.Literal) else ""
    fns = sorted(_objects(snap.store, node, P["hasFootnote"]), key=lambda f: _part_key(f.value))
    out["footnotes"] = [part_view(snap, f) for f in fns]
    return out


def note_extras(snap, node) -> dict:
    """A note's page: every part in reading order (cover, headings and paragraphs, footnotes,
    annex), each with the facts drawn from it."""
    parts = [p for p in _objects(snap.store, node, N(IDM.hasPart))]
    paras = _objects(snap.store, node, P["hasParagraph"])
    known = {p.value for p in parts}
    parts += [p for p in paras if p.value not in known]
    body = [p for p in parts if re.search(r"/(p|h)/\d+$", p.value)]
    body.sort(key=lambda p: _part_key(p.value))
    footnotes = sorted((p for p in parts if re.search(r"/fn/\d+$", p.value)), key=lambda p: _part_key(p.value))
    cover = [p for p in parts if p.value.endswith("/cover")]
    annex = [p for p in parts if p.value.endswith("/annex")]
    return {"cover": [part_view(snap, p) for p in cover], "body": [part_view(snap, p) for p in body],
            "footnotes": [part_view(snap, p) for p in footnotes], "annex": [part_view(snap, p) for p in annex],
            "paragraph_count": len(paras)}


def topic_extras(snap, node) -> dict:
    """A theme or workshop topic: the proposals that put it forward (year, outcome, the
    paragraphs that say so), the years it guided, the workshops on it."""
    proposals = []
    for prop in _subjects(snap.store, P["candidate"], node):
        evs = [ev for ev in evidence_about(snap, prop) if ev["prop"] in (str(IDM.candidate), str(IDM.targetYear))]
        stated = sorted(_objects(snap.store, prop, P["statedIn"]), key=lambda s: s.value)
        year = _first(snap.store, prop, P["targetYear"])
        outcome = _first(snap.store, prop, P["outcome"])
        proposals.append({"proposal": term_view(snap, prop), "year": term_view(snap, year) if year else None,
                          "outcome": term_view(snap, outcome) if outcome else None,
                          "stated": [term_view(snap, s) for s in stated],
                          "evidence": _unique_by_source(evs)})
    proposals.sort(key=lambda p: (p["year"]["text"] if p["year"] else "", p["proposal"]["text"]))
    years = sorted((term_view(snap, y) for y in _subjects(snap.store, P["overarchingTheme"], node)),
                   key=lambda v: v["text"])
    workshops = {}
    for p in ("onTopic", "incorporatesTopic"):
        for w in _subjects(snap.store, P[p], node):
            workshops[w.value] = term_view(snap, w)
    return {"proposals": proposals, "years": years, "workshops": sorted(workshops.values(), key=lambda v: v["iri"])}


def _unique_by_source(evs: list[dict]) -> list[dict]:
    seen, out = set(), []
    for ev in evs:
        key = (ev["source"], ev["quote"])
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


def year_extras(snap, node) -> dict:
    st = snap.store
    themes = [term_view(snap, t) for t in _objects(st, node, P["overarchingTheme"])]
    meetings = [m for m in _subjects(st, P["servesYear"], node)]
    workshops = [m for m in meetings if any(True for _ in st.quads_for_pattern(m, TYPE, C["IntersessionalWorkshop"], None))]
    others = [m for m in meetings if m not in workshops]

    def meeting(m):
        view = term_view(snap, m)
        start, end = _first(st, m, P["startDate"]), _first(st, m, P["endDate"])
        view["dates"] = "–".join(v.value for v in (start, end) if v is not None)
        return view

    proposals = []
    for p in _subjects(st, P["targetYear"], node):
        cand, outcome = _first(st, p, P["candidate"]), _first(st, p, P["outcome"])
        proposals.append({"proposal": term_view(snap, p), "candidate": term_view(snap, cand) if cand else None,
                          "outcome": term_view(snap, outcome) if outcome else None})
    notes = [term_view(snap, n) for n in _subjects(st, P["concernsYear"], node)]
    return {"themes": themes, "workshops": sorted((meeting(m) for m in workshops), key=lambda v: v["iri"]),
            "meetings": sorted((meeting(m) for m in others), key=lambda v: (v["dates"], v["iri"])),
            "proposals": sorted(proposals, key=lambda p: p["proposal"]["iri"]),
            "notes": sorted(notes, key=lambda v: v["text"])}


def meeting_extras(snap, node) -> dict:
    st = snap.store
    attendance = sorted((term_view(snap, a) for a in _objects(st, node, P["attendance"])), key=lambda v: v["iri"])
    surveys = sorted((term_view(snap, s) for s in _subjects(st, P["surveyOf"], node)), key=lambda v: v["iri"])
    segments = sorted((term_view(snap, s) for s in _subjects(st, P["segmentOf"], node)), key=lambda v: v["iri"])
    start, end = _first(st, node, P["startDate"]), _first(st, node, P["endDate"])
    return {"dates": "–".join(v.value for v in (start, end) if v is not None),
            "attendance": attendance, "surveys": surveys, "segments": segments}


def concept_extras(snap, node) -> dict:
    """A concept: broader and narrower concepts, and the paragraphs that discuss it grouped
    by note (with the note's year)."""
    st = snap.store
    broader = sorted((term_view(snap, c) for c in _objects(st, node, P["broader"])), key=lambda v: v["text"])
    narrower = sorted((term_view(snap, c) for c in _objects(st, node, P["narrower"])), key=lambda v: v["text"])
    by_note: dict[str, dict] = {}
    for para in _subjects(st, P["discusses"], node):
        note = _first(st, para, P["paragraphOf"]) or _first(st, para, P["partOf"])
        key = note.value if note is not None else ""
        if key not in by_note:
            year = _first(st, note, P["concernsYear"]) if note is not None else None
            by_note[key] = {"note": term_view(snap, note) if note is not None else None,
                            "year": term_view(snap, year) if year is not None else None, "paragraphs": []}
        text = _first(st, para, P["text"])
        snippet = text.value if isinstance(text, ox.Literal) else ""
        view = term_view(snap, para)
        view["snippet"] = snippet if len(snippet) <= 240 else snippet[:237].rsplit(" ", 1)[0] + " …"
        view["number"] = _int(_first(st, para, P["number"]))
        by_note[key]["paragraphs"].append(view)
    groups = sorted(by_note.values(), key=lambda g: ((g["year"] or {}).get("text", ""), (g["note"] or {}).get("text", "")))
    for g in groups:
        g["paragraphs"].sort(key=lambda v: v["number"])
    return {"broader": broader, "narrower": narrower, "discussed": groups}


def scheme_extras(snap, node) -> dict:
    """The concept scheme: its concepts, with how many paragraphs discuss each."""
    st = snap.store
    concepts = []
    for c in _subjects(st, P["inScheme"], node):
        view = term_view(snap, c)
        view["count"] = len(_subjects(st, P["discusses"], c))
        concepts.append(view)
    return {"concepts": sorted(concepts, key=lambda v: v["text"].lower())}


def entity_data(snap, iri: str) -> dict | None:
    """Everything an entity page shows, or None when the graph does not know the IRI."""
    node = N(iri)
    st = snap.store
    if not _exists(st, node):
        return None
    types = {t.value for t in _objects(st, node, TYPE)}
    kind = "generic"
    if str(IDM.Paragraph) in types:
        kind = "paragraph"
    elif _first(st, node, P["text"]) is not None:
        kind = "part"
    elif str(IDM.DiscussionNote) in types and _first(st, node, P["hasParagraph"]) is not None:
        kind = "note"
    elif str(IDM.Topic) in types or str(IDM.Theme) in types or str(IDM.WorkshopTopic) in types:
        kind = "topic"
    elif str(IDM.DialogueYear) in types:
        kind = "year"
    elif str(IDM.Meeting) in types or str(IDM.IntersessionalWorkshop) in types:
        kind = "meeting"
    elif str(SKOS.Concept) in types:
        kind = "concept"
    elif iri == str(IDMC):
        kind = "scheme"
    data = {"iri": iri, "label": label(snap, node), "kind": kind, "types": types_of(snap, node),
            "facts": facts_of(snap, node), "incoming": incoming(snap, node), "part": None, "extras": {}}
    definition = _first(st, node, P["definition"])
    data["definition"] = definition.value if isinstance(definition, ox.Literal) else ""
    if kind in ("paragraph", "part"):
        data["part"] = part_view(snap, node)
        data["extras"] = paragraph_extras(snap, node) if kind == "paragraph" else {
            "note": term_view(snap, n) if (n := _first(st, node, P["partOf"])) is not None else None}
    elif kind in EXTRAS:
        data["extras"] = EXTRAS[kind](snap, node)
    return data


def description(snap, iri: str) -> list:
    """The entity as RDF: every triple with it as subject (the union of the graphs, each
    once), and its evidence annotations with their targets and selectors."""
    node = N(iri)
    st = snap.store
    out = {q.triple for q in st.quads_for_pattern(node, None, None, MERGED)}
    for e in _subjects(st, P["hasBody"], node):
        out.update(q.triple for q in st.quads_for_pattern(e, None, None, MERGED))
        for target in _objects(st, e, P["hasTarget"]):
            out.update(q.triple for q in st.quads_for_pattern(target, None, None, MERGED))
            for sel in _objects(st, target, P["hasSelector"]):
                out.update(q.triple for q in st.quads_for_pattern(sel, None, None, MERGED))
    return sorted(out, key=str)


# ---------------------------------------------------------------- named graphs

def named_graphs(snap) -> dict[str, int]:
    if "graph_sizes" not in snap.cache:
        sizes = {}
        for g in snap.store.named_graphs():
            if isinstance(g, ox.NamedNode):
                sizes[g.value] = sum(1 for _ in snap.store.quads_for_pattern(None, None, None, g))
        snap.cache["graph_sizes"] = sizes
    return snap.cache["graph_sizes"]


def graph_data(snap, iri: str) -> dict | None:
    sizes = named_graphs(snap)
    if iri not in sizes:
        return None
    g = N(iri)
    counts: dict[str, int] = defaultdict(int)
    for q in snap.store.quads_for_pattern(None, TYPE, None, g):
        counts[q.object.value] += 1
    view = graph_view(snap, g)
    return {"iri": iri, "label": "graph " + view["text"].replace("note ", "of note "), "view": view,
            "triples": sizes[iri],
            "classes": [{"type": term_view(snap, N(t)), "count": n}
                        for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]}


# ---------------------------------------------------------------- home

def _count(snap, text: str) -> int:
    for row in snap.query(text):
        return int(row[0].value)
    return 0


PREFIXES = ("PREFIX idm: <https://w3id.org/idmkg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "PREFIX oa: <http://www.w3.org/ns/oa#> ")
#: what the home page counts: (key, label, query)
COUNTS = [
    ("notes", "discussion notes read", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a idm:DiscussionNote ; idm:sourceFile ?f }"),
    ("documents", "documents cited or mentioned", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a idm:Document "
     "FILTER NOT EXISTS { ?x idm:sourceFile ?f } }"),
    ("paragraphs", "paragraphs", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a idm:Paragraph }"),
    ("years", "dialogue years", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a idm:DialogueYear }"),
    ("themes", "overarching themes", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a idm:Theme }"),
    ("topics", "workshop topics", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a idm:WorkshopTopic }"),
    ("workshops", "intersessional workshops", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a idm:IntersessionalWorkshop }"),
    ("proposals", "proposals", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a idm:Proposal }"),
    ("meetings", "meetings (all kinds, with session segments)", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a idm:Meeting }"),
    ("concepts", "concepts", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a skos:Concept ; "
     "skos:inScheme <https://w3id.org/idmkg/concept/> }"),
    ("evidence", "evidence annotations (quotes)", "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a idm:Evidence }"),
]


def home_data(snap) -> dict:
    if "home" in snap.cache:
        return snap.cache["home"]
    st = snap.store
    counts = [{"key": key, "label": text, "count": _count(snap, PREFIXES + query)} for key, text, query in COUNTS]
    counts.append({"key": "triples", "label": "triples (distinct, all graphs)", "count": snap.triples})

    def typed(cls):
        return [s for s in _subjects(st, TYPE, cls) if isinstance(s, ox.NamedNode)]

    years = []
    for y in typed(C["DialogueYear"]):
        view = term_view(snap, y)
        view["themes"] = [term_view(snap, t) for t in _objects(st, y, P["overarchingTheme"])]
        years.append(view)
    years.sort(key=lambda v: v["text"])

    def listed(cls, key=lambda v: v["text"].lower()):
        return sorted((term_view(snap, s) for s in typed(cls)), key=key)

    workshops = []
    for w in typed(C["IntersessionalWorkshop"]):
        view = term_view(snap, w)
        start = _first(st, w, P["startDate"])
        view["dates"] = start.value if start is not None else ""
        view["short"] = w.value.rsplit("/", 1)[-1]
        workshops.append(view)
    workshops.sort(key=lambda v: v["iri"])
    notes = []
    for n in typed(C["DiscussionNote"]):
        if _first(st, n, P["hasParagraph"]) is None:
            continue
        view = term_view(snap, n)
        title = _first(st, n, P["title"])
        view["title"] = title.value if title is not None else ""
        view["paragraphs"] = len(_objects(st, n, P["hasParagraph"]))
        notes.append(view)
    notes.sort(key=lambda v: v["iri"])
    meetings = []
    for cls, what in (("InformalConsultation", "informal consultation"), ("CouncilSession", "Council session"),
                      ("Conference", "conference")):
        for m in typed(C[cls]):
            view = term_view(snap, m)
            view["what"] = what
            start = _first(st, m, P["startDate"])
            view["dates"] = start.value if start is not None else ""
            meetings.append(view)
    meetings.sort(key=lambda v: (v["what"], v["dates"], v["iri"]))
    data = {"counts": counts, "years": years, "themes": listed(C["Theme"]), "topics": listed(C["WorkshopTopic"]),
            "workshops": workshops, "notes": notes, "meetings": meetings,
            "graphs": [{"view": graph_view(snap, N(g)), "href": href(snap, g), "triples": n}
                       for g, n in sorted(named_graphs(snap).items())]}
    snap.cache["home"] = data
    return data


#: kind of page -> what its page shows beyond the common fields
EXTRAS = {"note": note_extras, "topic": topic_extras, "year": year_extras, "meeting": meeting_extras,
          "concept": concept_extras, "scheme": scheme_extras}
