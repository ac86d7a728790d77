"""Time the three OWL 2 RL reasoners on a (synthetic) archive and prove the store rules equal
owlrl's closure there.

    python bench/reasoner_equivalence.py bench/.cache/seed1-n101-first100
    python bench/reasoner_equivalence.py bench/.cache/seed1-n1000 --per-note

Default: the asserted graph of ``idmkg.pipeline.build(corpus, write=False, check=False)``,
then ``idmkg.infer.infer`` with ``owlrl`` (reference, minutes on 100 notes; ``--no-owlrl``
skips it), ``fast`` (idmkg.reason) and ``store`` (idmkg.reason_store, rdflib graphs in and
out), plus the store rules alone on a store already holding the graphs; the store result is
compared with owlrl's triple by triple.

``--per-note`` (large archives): the notes are parsed, extracted and assembled as the
pipeline does, but no union graph is made and no other reasoner runs: each named graph
(one per note, plus the cross-note ones) goes into an Oxigraph store. Times the store
rules on every graph but the last note's, then adding that note incrementally, then a full
run on everything, and checks incremental == full.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from idmkg.namespaces import DEFAULT_BASE

SCHEMA, TARGET = "urn:bench:schema", "urn:bench:inferred"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(store, graph, name: str) -> None:
    import pyoxigraph

    from idmkg.infer import _to_ox

    node = pyoxigraph.NamedNode(name)
    store.extend(pyoxigraph.Quad(_to_ox(s), _to_ox(p), _to_ox(o), node) for s, p, o in graph)


def _graph_size(store, name: str) -> int:
    import pyoxigraph

    return sum(1 for _ in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(name)))


def whole(corpus: Path, run_owlrl: bool) -> int:
    from idmkg.infer import _to_ox, infer
    from idmkg.pipeline import build
    from idmkg.reason_store import infer_in_store

    t = time.perf_counter()
    result = build(corpus, write=False, check=False)
    asserted, schema = result.asserted_graph, result.schema
    print(f"{corpus}: {len(result.notes)} notes, {len(asserted)} asserted triples, "
          f"{len(schema)} ontology triples (build {time.perf_counter() - t:.1f} s)")
    rows, graphs = [], {}
    for reasoner in (["owlrl"] if run_owlrl else []) + ["fast", "store"]:
        t = time.perf_counter()
        inference = infer(asserted, schema, DEFAULT_BASE, reasoner)
        seconds = time.perf_counter() - t
        assert inference.reasoner == reasoner, f"{reasoner} fell back to {inference.reasoner}"
        graphs[reasoner] = set(inference.graph)
        rows.append((f"infer(..., {reasoner!r})", seconds, len(inference.graph), len(inference.errors)))

    import pyoxigraph

    store = pyoxigraph.Store()
    _load(store, asserted, "urn:bench:data")
    _load(store, schema, SCHEMA)
    t = time.perf_counter()
    errors = infer_in_store(store, ["urn:bench:data"], SCHEMA, TARGET, DEFAULT_BASE, keep_closure=False)
    rows.append(("store rules alone (infer_in_store)", time.perf_counter() - t, _graph_size(store, TARGET), len(errors)))
    print(f"{'reasoner':40} {'seconds':>9} {'inferred':>9} {'errors':>7}")
    for name, seconds, n, e in rows:
        print(f"{name:40} {seconds:9.2f} {n:9d} {e:7d}")
    status = 0
    reference = "owlrl" if run_owlrl else "fast"
    for other in [r for r in graphs if r != reference]:
        same = graphs[other] == graphs[reference]
        print(f"{other} == {reference}: {same} ({len(graphs[other] - graphs[reference])} extra, "
              f"{len(graphs[reference] - graphs[other])} missing)")
        status |= not same
    in_store = {(q.subject, q.predicate, q.object)
                for q in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(TARGET))}
    same = in_store == {tuple(map(_to_ox, t)) for t in graphs[reference]}
    print(f"store rules alone == {reference}: {same}")
    print(f"peak RSS {_rss_mb():.0f} MB")
    return status | (not same)


def per_note(corpus: Path) -> int:
    import pyoxigraph

    from idmkg import parse_corpus
    from idmkg.assemble import assemble
    from idmkg.extract import extract_facts
    from idmkg.pipeline import extraction_labels, load_schema
    from idmkg.reason_store import add_graph_in_store, infer_in_store

    schema = load_schema()
    labels = extraction_labels(schema)
    store = pyoxigraph.Store()
    _load(store, schema, SCHEMA)
    t = time.perf_counter()
    notes = parse_corpus(corpus)
    graphs = assemble(notes, extract_facts(notes, *labels), DEFAULT_BASE)
    print(f"{corpus}: {len(notes)} notes parsed, extracted, assembled ({time.perf_counter() - t:.1f} s)")
    last = max(name for name in graphs if "/note/" in name)
    while graphs:  # into the store, one named graph each, freeing the rdflib graphs as we go
        name, graph = graphs.popitem()
        _load(store, graph, name)
    n_notes = len(notes)
    del notes
    names = sorted(str(g.value) for g in store.named_graphs() if g.value not in (SCHEMA,))
    asserted = sum(_graph_size(store, n) for n in names)
    print(f"{len(names)} graphs, {asserted} asserted quads in the store ({time.perf_counter() - t:.1f} s)")
    rows = []
    first = [n for n in names if n != last]
    t = time.perf_counter()
    errors = infer_in_store(store, first, SCHEMA, TARGET, DEFAULT_BASE)
    rows.append((f"store rules, {n_notes - 1} notes", time.perf_counter() - t, _graph_size(store, TARGET), len(errors)))
    t = time.perf_counter()
    errors = add_graph_in_store(store, last, TARGET, DEFAULT_BASE, errors)
    rows.append(("add 1 note (incremental)", time.perf_counter() - t, _graph_size(store, TARGET), len(errors)))
    incremental = {(q.subject, q.predicate, q.object)
                   for q in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(TARGET))}
    t = time.perf_counter()
    full_errors = infer_in_store(store, names, SCHEMA, TARGET, DEFAULT_BASE, keep_closure=False)
    rows.append((f"store rules, all {n_notes} notes", time.perf_counter() - t, _graph_size(store, TARGET), len(full_errors)))
    full = {(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(TARGET))}
    print(f"{'run':40} {'seconds':>9} {'inferred':>9} {'errors':>7}")
    for name, seconds, n, e in rows:
        print(f"{name:40} {seconds:9.2f} {n:9d} {e:7d}")
    same = incremental == full and errors == full_errors
    print(f"incremental == full: {same}")
    print(f"peak RSS {_rss_mb():.0f} MB")
    return not same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--no-owlrl", action="store_true", help="skip the reference (minutes on 100 notes)")
    parser.add_argument("--per-note", action="store_true", help="assemble note by note into a store (1,000 notes)")
    args = parser.parse_args()
    return per_note(args.corpus) if args.per_note else whole(args.corpus, not args.no_owlrl)


if __name__ == "__main__":
    sys.exit(main())
