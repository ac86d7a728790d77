"""Theme lineage: how overarching themes and workshop topics move from proposal to selection to
held workshop, as a networkx directed multigraph built from the knowledge graph through SPARQL
(``queries/lineage-nodes.rq`` and ``queries/lineage-edges.rq``), never from the notes.

Nodes (ids are the IRI's path after ``id/`` with ``:`` for ``/``: ``theme:south-south-migration``,
``year:2009``, ``workshop:2009-2``, ``note:IC-2009-10``) have ``kind`` (year, theme, topic,
workshop, note), ``label``, ``iri``, ``year`` (the dialogue-year column they belong to) and
``state`` (selected, merged, open, not-selected, proposed, held, planned, year, note).

Edges are keyed by their ``kind`` (one edge per kind between two nodes):

=========================  ==========================================================
proposed-for               theme/topic -> year: put forward for that dialogue year
proposed-again             theme/topic -> year: put forward again (an earlier proposal exists)
selected-as                theme/topic -> year: chosen as the year's theme or workshop topic
not-selected               theme/topic -> year: put forward and not chosen
taken-up-as-workshop       topic -> workshop: the workshop is on the topic
merged-into                topic -> workshop: the workshop incorporates it with other topics
renamed                    workshop -> itself: held under another title than announced
builds-on                  theme -> earlier theme: the note says it builds on it
workshop-of                year -> workshop
note-for                   note -> year: the discussion note is about that year
=========================  ==========================================================

and each carries where the notes say so: ``note`` (node id), ``note_label``, ``paragraph``
(IRI of the quoted paragraph, heading, footnote or cover), ``paragraph_label``, ``quote`` (the
exact words), ``source_text`` (the whole paragraph), ``evidence`` (how many quotes support
it) and ``sources`` (every quoted part). ``note`` is the primary source: for a proposal edge
the note that made the proposal (a later note reporting it adds to ``sources``), for the
others the latest note, the one that records the outcome.

The analysis functions (:func:`lineage_of`, :func:`repeated_proposals`,
:func:`never_taken_up`, :func:`longest_chains`) and the exports (:func:`write_lineage`) work
on that graph; drawings are in :mod:`idmkg.lineage_draw`.
"""
from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import graph_file, resources
from .graph_file import DEFAULT_GRAPH  # noqa: F401 (re-exported)
from .errors import IdmkgError

QUERY_NODES = "lineage-nodes"
QUERY_EDGES = "lineage-edges"

NODE_KINDS = ("year", "theme", "topic", "workshop", "note")
#: kind -> (words for people, order of the step within a year)
EDGE_KINDS: dict[str, tuple[str, int]] = {
    "proposed-for": ("proposed for", 0),
    "proposed-again": ("proposed again for", 0),
    "builds-on": ("builds on", 1),
    "selected-as": ("selected as", 2),
    "not-selected": ("not selected for", 2),
    "taken-up-as-workshop": ("taken up as workshop", 3),
    "merged-into": ("merged into", 3),
    "workshop-of": ("workshop of", 4),
    "renamed": ("renamed", 5),
    "note-for": ("note for", 6),
}
PROPOSAL_KINDS = ("proposed-for", "proposed-again")
OUTCOME_KINDS = ("selected-as", "not-selected")
TAKE_UP_KINDS = ("taken-up-as-workshop", "merged-into")
CANDIDATE_KINDS = ("theme", "topic")
STATES = {
    "selected": "selected",
    "merged": "merged into a workshop",
    "open": "open (no choice recorded yet)",
    "not-selected": "proposed only (not selected)",
    "proposed": "proposed",
    "held": "held",
    "planned": "planned",
    "announced": "announced",
    "year": "dialogue year",
    "note": "discussion note",
}
#: output file extension -> format
FORMATS = {".svg": "svg", ".png": "png", ".html": "html", ".htm": "html",
           ".graphml": "graphml", ".gexf": "gexf", ".json": "json"}
_KIND_ORDER = {k: i for i, k in enumerate(NODE_KINDS)}


class LineageError(IdmkgError):
    """A lineage cannot be made or drawn as asked: unknown theme, empty year span, unknown
    output format, unreadable graph or lineage query."""


# ---------------------------------------------------------------------------
# from the knowledge graph
# ---------------------------------------------------------------------------

def query_path(name: str) -> Path:
    return resources.QUERIES_DIR / f"{name}.rq"


@functools.lru_cache(maxsize=8)
def _prepared(path: str, stamp: int):
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(Path(path).read_text(encoding="utf-8"))
    except Exception as err:  # pyparsing and rdflib raise many kinds
        raise LineageError(f"{path}: malformed SPARQL: {' '.join(str(err).split())[:200]}") from None


def select(graph, name: str) -> list[dict]:
    """Run the lineage query ``name`` (a ``.rq`` file of ``queries/``) on an rdflib graph:
    one dict per row, variable name -> RDF term (None when unbound)."""
    path = query_path(name)
    if not path.is_file():
        raise LineageError(f"{path}: lineage query not found (set IDMKG_HOME to the idmkg project folder?)")
    from .engine import binding_aware_bgps

    # the engine every catalogue query runs on with rdflib: each basic graph pattern matched
    # with the values already bound (the lineage-edges branches carry their evidence tail)
    with binding_aware_bgps():
        result = graph.query(_prepared(str(path), path.stat().st_mtime_ns))
        names = [str(v) for v in result.vars]
        return [dict(zip(names, row)) for row in result]


def select_file(path: Path, name: str) -> list[dict]:
    """Run the lineage query ``name`` on the graph file ``path`` with the catalogue's default
    engine (Oxigraph, in this process, the store kept until the file changes: see
    :func:`idmkg.queries.run_query`): one dict per row, variable name -> RDF term (a variable
    left unbound is absent). The rows, and their order, are rdflib's (tests/test_queries.py)."""
    from .errors import QueryError
    from .queries import run_query

    try:
        return run_query(name, graph=path, folder=resources.QUERIES_DIR, timeout=None).bindings
    except QueryError as err:
        raise LineageError(str(err)) from None


def graph_path(path: Path | str | None = None, progress=None) -> Path:
    """``path``, or the last build (``dist/idmkg.ttl``), which is built first when there is none."""
    return graph_file.graph_path(path, LineageError, progress)


def load_graph(path: Path | str | None = None, progress=None):
    """The knowledge graph (rdflib) at ``path``, or of the last build (see :func:`graph_path`)."""
    return graph_file.read_graph(graph_path(path, progress), LineageError, progress)


_LOADED: dict[tuple, object] = {}


def load_lineage(path: Path | str | None = None, progress=None):
    """The lineage of the graph at ``path`` (default: the last build, built first if none).
    Kept in memory until the file changes, so a notebook or a test session reads it once."""
    path = graph_path(path, progress)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, str(resources.QUERIES_DIR))
    if key not in _LOADED:
        # the queries run on the file in Oxigraph (seconds at 1,000 notes), not on the graph
        # loaded into rdflib (minutes)
        if progress:
            progress(f"querying the lineage in {path}")
        made = lineage_from_rows(select_file(path, QUERY_NODES), select_file(path, QUERY_EDGES))
        if len(_LOADED) >= 4:
            _LOADED.clear()
        _LOADED[key] = made
    return _LOADED[key].copy()


def node_id(iri) -> str:
    """``https://w3id.org/idmkg/id/theme/south-south-migration`` -> ``theme:south-south-migration``
    (valid as a GraphML/XML name token)."""
    text = str(iri)
    key = text.split("/id/", 1)[1] if "/id/" in text else text
    return re.sub(r"[^A-Za-z0-9._:-]", "_", key.replace("/", ":"))


def _local(term) -> str:
    text = str(term or "")
    return re.split(r"[#/]", text)[-1] if text else ""


def _text(term) -> str:
    return "" if term is None else str(term)


def _camel_to_words(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", lambda m: "-" + m.group(1).lower(), name)


def _day(iso: str) -> int:
    """``2009-09-24`` -> its proleptic ordinal (0 if not a date), for sorting by date."""
    import datetime

    try:
        return datetime.date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return 0


def _part_order(part: str) -> tuple:
    """Paragraphs before headings, footnotes and covers; then by number."""
    m = re.search(r"/(p|h|fn)/(\d+)", part)
    if not m:
        return (2, 0, part)
    return (0 if m.group(1) == "p" else 1, int(m.group(2)), part)


def lineage_graph(graph):
    """The lineage (a ``networkx.MultiDiGraph``) of an rdflib graph holding the complete
    knowledge graph (asserted facts + inferences), e.g. ``build().complete()``."""
    return lineage_from_rows(select(graph, QUERY_NODES), select(graph, QUERY_EDGES))


def lineage_from_rows(node_rows: list[dict], edge_rows: list[dict]):
    """The lineage (a ``networkx.MultiDiGraph``) of the rows of ``queries/lineage-nodes.rq``
    and ``queries/lineage-edges.rq`` (variable name -> RDF term; unbound: None or absent)."""
    import networkx as nx

    nodes: dict[str, dict] = {}
    for row in node_rows:
        nid = node_id(row["node"])
        n = nodes.setdefault(nid, {"kind": str(row["kind"]), "iri": str(row["node"]), "labels": set(),
                                   "alt": set(), "year": 0, "status": "", "ordinal": 0, "date": "",
                                   "after": "", "symbol": ""})
        if row.get("label") is not None:
            n["labels"].add(str(row["label"]))
        if row.get("altLabel") is not None:
            n["alt"].add(str(row["altLabel"]))
        if row.get("year") is not None and str(row["year"]).isdigit():
            n["year"] = int(str(row["year"]))
        for key in ("status", "ordinal", "date", "after", "symbol"):
            if row.get(key) is not None:
                value = row[key]
                n[key] = int(str(value)) if key == "ordinal" else (_local(value) if key == "status" else str(value))

    # group evidence rows into edges
    grouped: dict[tuple, dict] = {}
    for row in edge_rows:
        kind = str(row["kind"])
        u, v = node_id(row["source"]), node_id(row["target"])
        if u not in nodes or v not in nodes:
            continue  # e.g. a proposal whose candidate is neither a theme nor a workshop topic
        e = grouped.setdefault((u, kind, v), {"evidence": {}, "extra": {}})
        part = str(row["part"])
        e["evidence"].setdefault((part, str(row["quote"])), {
            "part": part, "quote": str(row["quote"]), "note": node_id(row["note"]),
            "part_label": _text(row.get("partLabel")), "text": _text(row.get("partText")),
            "start": int(str(row["start"])) if row.get("start") is not None else 0})
        for key in ("proposal", "outcome", "via", "previous", "announced", "held"):
            if row.get(key) is not None:
                e["extra"].setdefault(key, set()).add(str(row[key]))

    G = nx.MultiDiGraph()
    G.graph.update(name="idmkg theme lineage",
                   description="How IDM themes and workshop topics moved from proposal to selection to "
                               "held workshop, as recorded in the discussion notes (idmkg).")
    note_date = {nid: (n["date"] or n["after"]) for nid, n in nodes.items() if n["kind"] == "note"}

    def note_label(nid: str) -> str:
        n = nodes.get(nid)
        return (n["symbol"] or nid.split(":", 1)[-1]) if n else nid

    edges = []
    for (u, kind, v), e in grouped.items():
        # the primary source: for a proposal edge, the note that made the proposal (the
        # earliest: a later note that reports an earlier proposal adds a source, not a new
        # proposing note), a paragraph in it rather than a heading or cover; for the others,
        # a paragraph rather than a heading or cover, in the latest note (the one that records
        # the outcome); then the first such part
        def order(x):
            day = _day(note_date.get(x["note"], ""))
            not_paragraph = _part_order(x["part"])[0] != 0
            first = (day, not_paragraph) if kind in PROPOSAL_KINDS else (not_paragraph, -day)
            return (*first, _part_order(x["part"]), x["start"])

        evs = sorted(e["evidence"].values(), key=order)
        first = evs[0]
        extra = {k: sorted(vals) for k, vals in e["extra"].items()}
        data = {
            "kind": kind, "label": EDGE_KINDS.get(kind, (kind, 9))[0], "year": 0,
            "note": first["note"], "note_label": note_label(first["note"]),
            "paragraph": first["part"], "paragraph_label": first["part_label"], "quote": first["quote"],
            "source_text": first["text"], "evidence": len(evs),
            "sources": " ; ".join(sorted({x["part_label"] or x["part"] for x in evs}, key=str)),
            "outcome": _camel_to_words(_local(extra["outcome"][0])) if extra.get("outcome") else "",
            "proposal": extra["proposal"][0] if extra.get("proposal") else "",
            "proposed_at": node_id(extra["via"][0]) if extra.get("via") else "",
            "previous": extra["previous"][0] if extra.get("previous") else "",
        }
        if kind == "renamed":
            data["held_title"] = extra.get("held", [""])[0]
            data["announced_title"] = extra.get("announced", [""])[0]
        edges.append((u, v, kind, data))

    # the year each node belongs to, and each edge's year
    out_by: dict[str, list] = {}
    for u, v, kind, data in edges:
        out_by.setdefault(u, []).append((v, kind, data))
    for nid, n in nodes.items():
        if n["kind"] in CANDIDATE_KINDS:
            years = [nodes[v]["year"] for v, k, _ in out_by.get(nid, []) if k in PROPOSAL_KINDS + OUTCOME_KINDS]
            years = years or [nodes[v]["year"] for v, k, _ in out_by.get(nid, []) if k in TAKE_UP_KINDS]
            years = [y for y in years if y]
            n["year"] = min(years) if years else 0
    for nid, n in nodes.items():  # a candidate only known to build on another: the other's year
        if n["kind"] in CANDIDATE_KINDS and not n["year"]:
            linked = [nodes[v]["year"] for v, k, _ in out_by.get(nid, []) if nodes[v]["year"]]
            n["year"] = min(linked) if linked else 0
    for u, v, kind, data in edges:  # when it happened: the later theme's year for builds-on
        data["year"] = nodes[u]["year"] if kind == "builds-on" else (nodes[v]["year"] or nodes[u]["year"])

    # states
    for nid, n in nodes.items():
        kinds = {k for _, k, _ in out_by.get(nid, [])}
        outcomes = {d["outcome"] for _, k, d in out_by.get(nid, []) if k in PROPOSAL_KINDS}
        if n["kind"] in CANDIDATE_KINDS:
            if kinds & {"selected-as", "taken-up-as-workshop"}:
                state = "selected"
            elif "merged-into" in kinds:
                state = "merged"
            elif "open" in outcomes:
                state = "open"
            elif "not-selected" in kinds:
                state = "not-selected"
            else:
                state = "proposed"
        elif n["kind"] == "workshop":
            state = n["status"] if n["status"] in ("held", "planned") else "announced"
        else:
            state = n["kind"]
        n["state"] = state

    def sort_key(item):
        nid, n = item
        return (_KIND_ORDER.get(n["kind"], 9), n["year"], n["ordinal"], n["date"] or n["after"], min(n["labels"] or {nid}), nid)

    for nid, n in sorted(nodes.items(), key=sort_key):
        label = sorted(n["labels"], key=lambda s: (len(s), s))[0] if n["labels"] else nid
        attrs = {"kind": n["kind"], "label": label, "iri": n["iri"], "year": n["year"], "state": n["state"],
                 "alt_labels": " | ".join(sorted(n["alt"] - {label}))}
        if n["kind"] == "workshop":
            attrs.update(ordinal=n["ordinal"], status=n["status"], date=n["date"], short=f"workshop {nid.split(':')[-1]}")
        elif n["kind"] == "note":
            attrs.update(symbol=n["symbol"], date=n["date"] or n["after"],
                         date_basis="issued" if n["date"] else ("written after the consultations of this date" if n["after"] else ""),
                         short=note_label(nid))
        else:
            attrs.update(short=label)
        G.add_node(nid, **attrs)
    for u, v, kind, data in sorted(edges, key=lambda e: (EDGE_KINDS.get(e[2], ("", 9))[1], e[3]["year"], e[0], e[1], e[2])):
        G.add_edge(u, v, key=kind, **data)
    for u, v, k, data in G.edges(keys=True, data=True):
        if k == "renamed":
            G.nodes[u]["held_title"] = data["held_title"]
            G.nodes[u]["announced_title"] = data["announced_title"]
    return G


# ---------------------------------------------------------------------------
# finding and restricting
# ---------------------------------------------------------------------------

def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(text).casefold())


def find_node(G, text: str, kinds=CANDIDATE_KINDS) -> str:
    """The theme or topic ``text`` names: its node id, IRI, slug, title (any wording, case and
    punctuation ignored) or a unique part of its title. Unknown or ambiguous: a LineageError
    naming close matches."""
    wanted = str(text).strip()
    pool = [n for n, d in G.nodes(data=True) if d["kind"] in kinds]
    if not wanted:
        raise LineageError("--focus: give a theme or topic title")
    words: dict[str, set[str]] = {}
    for n in pool:
        d = G.nodes[n]
        names = {n, d["iri"], n.split(":", 1)[-1], d["label"], *[a for a in d.get("alt_labels", "").split(" | ") if a]}
        words[n] = names
    exact = [n for n in pool if wanted in words[n] or _norm(wanted) in {_norm(w) for w in words[n]}]
    if len(exact) == 1:
        return exact[0]
    part = [n for n in pool if any(_norm(wanted) and _norm(wanted) in _norm(w) for w in words[n])]
    if len(part) == 1:
        return part[0]
    what = " or ".join({"theme": "theme", "topic": "workshop topic"}.get(k, k) for k in kinds)
    if len(part) > 1:
        names = sorted(G.nodes[n]["label"] for n in part)
        names = "; ".join(names[:6]) + ("; …" if len(names) > 6 else "")
        raise LineageError(f"--focus '{wanted}' matches {len(part)} of the graph's themes and topics: {names}; "
                           "give more of the title")
    labels = {G.nodes[n]["label"]: n for n in pool}
    close = difflib.get_close_matches(wanted, list(labels), n=3, cutoff=0.4)
    if not close:
        by_norm = {_norm(label): label for label in labels}
        close = [by_norm[c] for c in difflib.get_close_matches(_norm(wanted), list(by_norm), n=3, cutoff=0.4)]
    hint = f"; did you mean: {' or '.join(repr(c) for c in close)}?" if close else \
        f"; the graph has: {'; '.join(sorted(labels))}" if labels else "; the graph has none"
    raise LineageError(f"--focus: no {what} called '{wanted}'{hint}")


def parse_years(text: str | None) -> tuple[int, int] | None:
    """``"2009"`` -> (2009, 2009); ``"2009-2010"`` (or ``2009:2010``, ``2009..2010``) -> (2009, 2010)."""
    if text is None:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:(?:-|–|:|\.\.)\s*(\d{4})\s*)?", str(text))
    if not m:
        raise LineageError(f"--year: expected YEAR or FROM-TO (e.g. 2009 or 2009-2010), got '{text}'")
    lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
    if lo > hi:
        raise LineageError(f"--year {text}: the span is empty ({lo} comes after {hi})")
    return lo, hi


def graph_years(G) -> list[int]:
    return sorted({d["year"] for _, d in G.nodes(data=True) if d["kind"] == "year" and d["year"]})


def restrict(G, focus: str | None = None, years=None):
    """A copy of the lineage limited to one theme's or topic's lineage (``focus``, any name
    :func:`find_node` accepts) and/or to dialogue years (``years``: ``"2009-2010"`` or a
    (from, to) pair). The notes the kept transitions come from are kept too."""
    span = parse_years(years) if isinstance(years, (str, type(None))) else tuple(years)
    keep_edges = {(u, v, k) for u, v, k in G.edges(keys=True)}
    keep_nodes = set(G.nodes)
    if focus is not None:
        start = find_node(G, focus)
        line = lineage_of(G, start)
        keep_nodes = {start} | line.nodes
        keep_edges = {(s.source, s.target, s.kind) for s in line.steps}
    if span is not None:
        lo, hi = span
        keep_nodes = {n for n in keep_nodes if G.nodes[n]["kind"] == "note" or lo <= G.nodes[n]["year"] <= hi}
        if not any(G.nodes[n]["kind"] != "note" for n in keep_nodes):
            have = graph_years(G)
            where = f"the graph has {have[0]}–{have[-1]}" if have else "the graph has no dialogue years"
            scope = f" in the lineage of '{focus}'" if focus is not None else ""
            raise LineageError(f"--year {lo if lo == hi else f'{lo}-{hi}'}: nothing to show{scope}; {where}")
    if focus is not None and span is not None and start not in keep_nodes:
        year = G.nodes[start]["year"]
        raise LineageError(f"--focus '{G.nodes[start]['label']}' belongs to IDM {year}, outside --year "
                           f"{span[0] if span[0] == span[1] else f'{span[0]}-{span[1]}'}")
    if focus is not None or span is not None:
        keep_nodes = {n for n in keep_nodes if G.nodes[n]["kind"] != "note"}
        keep_edges = {(u, v, k) for u, v, k in keep_edges if u in keep_nodes and v in keep_nodes}
        notes = {G.edges[u, v, k]["note"] for u, v, k in keep_edges}
        keep_nodes |= {n for n in notes if n in G}
        keep_edges |= {(u, v, k) for u, v, k in G.edges(keys=True)
                       if k == "note-for" and u in keep_nodes and v in keep_nodes}
    H = G.__class__()
    H.graph.update(G.graph)
    if focus is not None:
        H.graph["focus"] = start
    if span is not None:
        H.graph["years"] = f"{span[0]}-{span[1]}"
    for n, d in G.nodes(data=True):
        if n in keep_nodes:
            H.add_node(n, **d)
    for u, v, k, d in G.edges(keys=True, data=True):
        if (u, v, k) in keep_edges:
            H.add_edge(u, v, key=k, **d)
    return H


# ---------------------------------------------------------------------------
# analysis
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One recorded transition, with where the notes say so."""
    kind: str
    source: str
    target: str
    year: int
    text: str
    note: str
    note_label: str
    paragraph: str
    paragraph_label: str
    quote: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Lineage:
    """The path of a theme or topic from its first proposal to its end."""
    node: str
    label: str
    kind: str
    state: str
    steps: list[Step] = field(default_factory=list)
    end: str = ""

    @property
    def nodes(self) -> set[str]:
        return {self.node} | {s.source for s in self.steps} | {s.target for s in self.steps}

    @property
    def years(self) -> list[int]:
        return sorted({s.year for s in self.steps if s.year})

    def as_dict(self) -> dict:
        return {"node": self.node, "label": self.label, "kind": self.kind, "state": self.state,
                "years": self.years, "end": self.end, "steps": [s.as_dict() for s in self.steps]}


def _name(G, n: str, quoted: bool = True) -> str:
    d = G.nodes[n]
    if d["kind"] == "workshop":
        title = d.get("held_title") or d["label"]
        return f"workshop {n.split(':')[-1]} “{title}” ({d['state']})" if quoted else f"workshop {n.split(':')[-1]}"
    if d["kind"] == "note":
        return d.get("short") or d["label"]
    return d["label"]


def _step_text(G, u: str, v: str, kind: str, d: dict) -> str:
    src, tgt = _name(G, u), _name(G, v)
    if kind == "proposed-for":
        day = d.get("proposed_at", "").split(":")[-1]
        at = f", offered at the informal consultations of {_pretty_day(day)}" if day else ""
        return f"{src} proposed for {tgt} (in {d['note_label']}{at})"
    if kind == "proposed-again":
        return f"{src} proposed again for {tgt} (in {d['note_label']})"
    if kind == "selected-as":
        what = "overarching theme" if G.nodes[u]["kind"] == "theme" else "a workshop topic"
        return f"{src} selected as {'the ' if what.startswith('over') else ''}{what} of {tgt}"
    if kind == "not-selected":
        return f"{src} not selected for {tgt}"
    if kind == "taken-up-as-workshop":
        return f"{src} taken up as {tgt}"
    if kind == "merged-into":
        return f"{src} merged into {tgt}"
    if kind == "workshop-of":
        return f"{src}: {tgt}"
    if kind == "renamed":
        return (f"{_name(G, u, quoted=False)} held as “{d.get('held_title', '')}”, "
                f"announced as “{d.get('announced_title', '')}”")
    if kind == "builds-on":
        return f"{src} builds on {tgt}"
    return f"{src} {d.get('label', kind)} {tgt}"


def describe_edge(G, u: str, v: str, kind: str) -> str:
    """The transition ``(u, v, kind)`` in a sentence, e.g. "South-South Migration proposed again
    for IDM 2010 (in idm-2009-after-2009-02-26)"."""
    return _step_text(G, u, v, kind, G.edges[u, v, kind])


def _pretty_day(iso: str) -> str:
    import datetime

    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _step(G, u, v, kind) -> Step:
    d = G.edges[u, v, kind]
    return Step(kind, u, v, d["year"], _step_text(G, u, v, kind, d), d["note"], d["note_label"],
                d["paragraph"], d["paragraph_label"], d["quote"])


def lineage_of(G, node: str) -> Lineage:
    """The path of a theme or topic (a node id, or any name :func:`find_node` accepts) from
    its first proposal to its end: its proposals and their outcomes, the workshop(s) it
    became (and a renaming), for a selected theme the workshops of its year, and the later
    themes that build on it with their own paths; steps in time order."""
    if node not in G:
        node = find_node(G, node)
    steps: dict[tuple, Step] = {}

    def add(u, v, k):
        if (u, v, k) not in steps and G.has_edge(u, v, k):
            steps[(u, v, k)] = _step(G, u, v, k)

    def workshop(w):
        if G.has_edge(w, w, "renamed"):
            add(w, w, "renamed")

    todo, seen = [node], set()
    while todo:
        c = todo.pop(0)
        if c in seen:
            continue
        seen.add(c)
        for u, v, k in list(G.out_edges(c, keys=True)):
            if k in PROPOSAL_KINDS + OUTCOME_KINDS + TAKE_UP_KINDS + ("builds-on",):
                add(u, v, k)
            if k == "selected-as" and G.nodes[c]["kind"] == "theme":
                for _, w, k2 in G.out_edges(v, keys=True):
                    if k2 == "workshop-of":
                        add(v, w, k2)
                        workshop(w)
            if k in TAKE_UP_KINDS:
                workshop(v)
        for u, v, k in list(G.in_edges(c, keys=True)):
            if k == "builds-on":
                add(u, v, k)
                todo.append(u)
    order = [s for _, s in sorted(steps.items(), key=lambda kv: (
        kv[1].year, EDGE_KINDS.get(kv[1].kind, ("", 9))[1], G.nodes[kv[1].source].get("year", 0),
        kv[1].target, kv[1].source))]
    d = G.nodes[node]
    line = Lineage(node, d["label"], d["kind"], d["state"], order)
    line.end = _end(G, node, line)
    return line


def _years_text(years) -> str:
    years = [f"IDM {y}" for y in sorted(set(years))]
    return years[0] if len(years) == 1 else ", ".join(years[:-1]) + " and " + years[-1]


def _end(G, node: str, line: Lineage) -> str:
    d = G.nodes[node]
    out = [(v, k) for _, v, k in G.out_edges(node, keys=True)]
    proposed = [G.nodes[v]["year"] for v, k in out if k in PROPOSAL_KINDS]
    parts = []
    if d["state"] == "selected":
        for v, k in out:
            if k == "selected-as":
                if d["kind"] == "theme":
                    ws = [w for _, w, k2 in G.out_edges(v, keys=True) if k2 == "workshop-of"]
                    held = ", ".join(f"{w.split(':')[-1]} ({G.nodes[w]['state']}"
                                     f"{', renamed' if G.has_edge(w, w, 'renamed') else ''})" for w in ws)
                    parts.append(f"selected as the overarching theme of {G.nodes[v]['label']}"
                                 + (f"; its workshops: {held}" if held else ""))
                else:
                    parts.append(f"selected as a workshop topic of {G.nodes[v]['label']}")
        for v, k in out:
            if k == "taken-up-as-workshop":
                parts.append(f"taken up as {_name(G, v)}")
    elif d["state"] == "merged":
        parts += [f"merged into {_name(G, v)}" for v, k in out if k == "merged-into"]
    elif d["state"] == "open":
        parts.append(f"still open: proposed for {_years_text(proposed)}; the notes record no choice yet")
    elif d["state"] == "not-selected":
        times = "either time" if len(proposed) == 2 else ("any time" if len(proposed) > 2 else "")
        parts.append(f"never selected: proposed for {_years_text(proposed)}" + (f", not selected {times}" if times else ", not selected"))
    else:
        parts.append(f"proposed for {_years_text(proposed)}" if proposed else "no proposal recorded")
    later = [u for u, _, k in G.in_edges(node, keys=True) if k == "builds-on"]
    for u in later:
        parts.append(f"built on by {G.nodes[u]['label']} ({G.nodes[u]['state'].replace('-', ' ')}"
                     f"{', proposed for ' + _years_text(_proposal_years(G, u)) if _proposal_years(G, u) else ''})")
    return "; ".join(parts)


def _proposal_years(G, n) -> list[int]:
    return sorted(G.nodes[v]["year"] for _, v, k in G.out_edges(n, keys=True) if k in PROPOSAL_KINDS)


def candidates(G) -> list[str]:
    return [n for n, d in G.nodes(data=True) if d["kind"] in CANDIDATE_KINDS]


def repeated_proposals(G, kinds=CANDIDATE_KINDS) -> list[dict]:
    """Themes (and topics) proposed for more than one dialogue year (or more than once)."""
    out = []
    for n in candidates(G):
        d = G.nodes[n]
        if d["kind"] not in kinds:
            continue
        props = sorted(((G.nodes[v]["year"], k, e) for _, v, k, e in G.out_edges(n, keys=True, data=True)
                        if k in PROPOSAL_KINDS), key=lambda t: t[0])
        if len(props) < 2:
            continue
        out.append({"node": n, "label": d["label"], "kind": d["kind"], "state": d["state"],
                    "proposals": [{"year": y, "kind": k, "outcome": e["outcome"], "note": e["note"],
                                   "note_label": e["note_label"], "paragraph_label": e["paragraph_label"]}
                                  for y, k, e in props]})
    return sorted(out, key=lambda r: (r["proposals"][0]["year"], r["label"]))


def never_taken_up(G) -> list[dict]:
    """Proposals (a candidate for a year) that were neither selected nor taken up as or merged
    into a workshop of that year: not selected, or still open."""
    out = []
    for n in candidates(G):
        d = G.nodes[n]
        edges = list(G.out_edges(n, keys=True, data=True))
        for _, v, k, e in edges:
            if k not in PROPOSAL_KINDS:
                continue
            year = G.nodes[v]["year"]
            taken = any((k2 == "selected-as" and v2 == v) or
                        (k2 in TAKE_UP_KINDS and G.nodes[v2]["year"] == year) for _, v2, k2, _ in edges)
            if taken:
                continue
            outcome = e["outcome"] or ("not-selected" if G.has_edge(n, v, "not-selected") else "unknown")
            out.append({"node": n, "label": d["label"], "kind": d["kind"], "year": year, "outcome": outcome,
                        "note": e["note"], "note_label": e["note_label"], "paragraph_label": e["paragraph_label"]})
    return sorted(out, key=lambda r: (r["year"], r["kind"] != "theme", r["label"]))


@dataclass
class Chain:
    """A run of successive transitions: node ids and the kinds of the hops between them."""
    nodes: list[str]
    hops: list[str]
    first_year: int
    last_year: int
    text: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _successors(G, node: str, via: str | None, came_from: str | None):
    d = G.nodes[node]
    if d["kind"] in CANDIDATE_KINDS:
        by_target: dict[str, list[str]] = {}
        for _, v, k in G.out_edges(node, keys=True):
            if k in PROPOSAL_KINDS + OUTCOME_KINDS + TAKE_UP_KINDS:
                by_target.setdefault(v, []).append(k)
        for v, ks in by_target.items():
            ks.sort(key=lambda k: list(EDGE_KINDS).index(k))
            yield v, "+".join(ks)
        for u, _, k in G.in_edges(node, keys=True):
            if k == "builds-on":
                yield u, "built-on-by"
    elif d["kind"] == "year" and via and "selected-as" in via.split("+") and came_from \
            and G.nodes[came_from]["kind"] == "theme":
        for _, w, k in G.out_edges(node, keys=True):
            if k == "workshop-of":
                yield w, "workshop-of"


def chains(G) -> list[Chain]:
    """Every maximal run of transitions starting from a theme or topic that builds on no
    other: proposal -> selection -> the year's workshops (for a theme), topic -> workshop,
    earlier theme -> later theme built on it -> its proposals."""
    roots = [n for n in candidates(G) if not any(k == "builds-on" for _, _, k in G.out_edges(n, keys=True))]
    found: list[Chain] = []

    def walk(path, hops):
        nexts = [(v, h) for v, h in _successors(G, path[-1], hops[-1] if hops else None,
                                                 path[-2] if len(path) > 1 else None) if v not in path]
        if not nexts and hops:
            years = [G.nodes[n]["year"] for n in path if G.nodes[n]["year"]]
            text = G.nodes[path[0]]["label"]
            for n, h in zip(path[1:], hops):
                words = ", ".join(EDGE_KINDS.get(x, (x.replace("-", " "),))[0] for x in h.split("+"))
                text += f" —{words}→ {_name(G, n, quoted=False) if G.nodes[n]['kind'] == 'workshop' else G.nodes[n]['label']}"
            found.append(Chain(list(path), list(hops), min(years), max(years), text))
        for v, h in sorted(nexts):
            walk(path + [v], hops + [h])

    for r in sorted(roots):
        walk([r], [])
    return found


def longest_chains(G, n: int = 3) -> list[Chain]:
    """The ``n`` longest chains: most hops first, then the longest span of years."""
    return sorted(chains(G), key=lambda c: (-len(c.hops), -(c.last_year - c.first_year), c.first_year, c.text))[:n]


def analysis(G, focus: str | None = None) -> dict:
    """Everything the CLI prints: counts, themes proposed more than once, proposals never
    taken up, the longest chains, and the focused lineage if any."""
    counts = {k: sum(1 for _, d in G.nodes(data=True) if d["kind"] == k) for k in NODE_KINDS}
    edge_counts = {k: sum(1 for *_, kk in G.edges(keys=True) if kk == k) for k in EDGE_KINDS}
    result = {
        "nodes": {k: v for k, v in counts.items() if v},
        "transitions": {k: v for k, v in edge_counts.items() if v},
        "years": graph_years(G),
        "proposed_more_than_once": repeated_proposals(G),
        "never_taken_up": never_taken_up(G),
        "longest_chains": [c.as_dict() for c in longest_chains(G)],
    }
    if focus is not None:
        result["lineage"] = lineage_of(G, focus if focus in G else find_node(G, focus)).as_dict()
    return result


def _clip(text: str, n: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def analysis_text(G, focus: str | None = None) -> str:
    """:func:`analysis` for people: plain text, one fact a line, each with its source."""
    a = analysis(G, focus)
    years = a["years"]
    span = f"IDM {years[0]}–{years[-1]}" if len(years) > 1 else (f"IDM {years[0]}" if years else "no years")
    kinds = {"theme": "themes", "topic": "workshop topics", "workshop": "workshops", "note": "notes", "year": "years"}
    counts = ", ".join(f"{n} {kinds[k] if n != 1 else kinds[k][:-1]}" for k, n in a["nodes"].items() if k != "year")
    lines = [f"Theme lineage, {span}: {counts}; {sum(a['transitions'].values())} transitions", ""]
    if focus is not None:
        line = a["lineage"]
        lines.append(f"{line['label']} ({'overarching theme' if line['kind'] == 'theme' else 'workshop topic'}; "
                     f"{STATES.get(line['state'], line['state'])})")
        for s in line["steps"]:
            lines.append(f"  {s['year'] or '    '}  {s['text']}")
            lines.append(f"        {s['paragraph_label']}: “{_clip(s['quote'], 90)}”")
        lines.append(f"  End: {line['end']}")
        return "\n".join(lines) + "\n"
    lines.append("Proposed more than once:")
    for r in a["proposed_more_than_once"]:
        lines.append(f"  {r['label']} ({r['kind']}): " + "; ".join(
            f"IDM {p['year']} ({p['outcome'].replace('-', ' ') or 'no outcome recorded'}; {p['paragraph_label']})"
            for p in r["proposals"]))
    if not a["proposed_more_than_once"]:
        lines.append("  none")
    lines += ["", "Proposals never taken up:"]
    for r in a["never_taken_up"]:
        lines.append(f"  IDM {r['year']}  {r['label']} ({r['kind']}): {r['outcome'].replace('-', ' ')}"
                     f" [{r['paragraph_label']}]")
    if not a["never_taken_up"]:
        lines.append("  none")
    lines += ["", "Longest chains:"]
    for i, c in enumerate(a["longest_chains"], 1):
        years = f" ({c['first_year']}–{c['last_year']})" if c["first_year"] != c["last_year"] else f" ({c['first_year']})"
        lines.append(f"  {i}. {c['text']}{years}")
    if not a["longest_chains"]:
        lines.append("  none")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# exports
# ---------------------------------------------------------------------------

def output_format(path: Path | str) -> str:
    """The format an output file's extension asks for; an unknown one is a LineageError."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        choices = ", ".join(sorted(set(FORMATS) - {".htm"}))
        got = f"'{suffix}'" if suffix else "no extension"
        raise LineageError(f"{path}: {got} is not a lineage format; use one of {choices}")
    return FORMATS[suffix]


def _latest_note_date(G) -> str:
    dates = [d.get("date", "") for _, d in G.nodes(data=True) if d["kind"] == "note" and d.get("date")]
    return max(dates) if dates else "2010-01-01"


def _for_export(G):
    """A copy whose every edge has a unique, XML-safe ``id``."""
    H = G.copy()
    for i, (u, v, k, d) in enumerate(H.edges(keys=True, data=True)):
        d["id"] = f"e{i}"
    return H


def to_graphml(G) -> str:
    import networkx as nx

    return "\n".join(nx.generate_graphml(_for_export(G), prettyprint=True, edge_id_from_attribute="id")) + "\n"


def to_gexf(G) -> str:
    import networkx as nx

    text = "\n".join(nx.generate_gexf(_for_export(G), prettyprint=True)) + "\n"
    # deterministic: the date of the latest note instead of today's
    return re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{_latest_note_date(G)}"', text, count=1)


def to_node_link(G) -> str:
    import networkx as nx

    data = nx.node_link_data(G, edges="edges")
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def read_export(path: Path | str):
    """Read a GraphML, GEXF or node-link JSON lineage export back into networkx."""
    import networkx as nx

    path = Path(path)
    fmt = output_format(path)
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "json":
        return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    raise LineageError(f"{path}: a {fmt} drawing cannot be read back as a graph")


def render(G, fmt: str, title: str | None = None) -> str | bytes:
    """The lineage as the text or bytes of a file of format ``fmt`` (see :data:`FORMATS`)."""
    if fmt == "graphml":
        return to_graphml(G)
    if fmt == "gexf":
        return to_gexf(G)
    if fmt == "json":
        return to_node_link(G)
    if fmt == "html":
        from .lineage_html import to_html

        return to_html(G, title=title)
    from .lineage_draw import to_image

    return to_image(G, fmt, title=title)


def write_lineage(G, path: Path | str, title: str | None = None) -> Path:
    """Draw or export the lineage to ``path``, the format chosen by its extension; written
    atomically."""
    from .serialize import write_atomic

    path = Path(path)
    data = render(G, output_format(path), title=title)
    write_atomic(path, data)
    return path
