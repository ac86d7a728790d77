"""Old against new text of each catalogue query: p50 latency on a graph file, and whether the
two give the same rows in the same order.

    python bench/query_rewrites.py --graph /tmp/q100/idmkg.ttl [--runs 10] [--before tests/data/queries-before]

The "before" folder holds the catalogue as it was before the queries were rewritten for
Oxigraph (tests/data/queries-before/); the current catalogue is queries/. Each query runs
with the example values of its parameters (and, for a query with optional parameters,
without them too), on the embedded Oxigraph store in this process (the graph file loaded
once), p50 of --runs runs after one warm-up run. With --rdflib, the rdflib engine is run once
on each text as well and its rows compared (slow on a large graph).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from idmkg.queries import load_catalogue, run_query  # noqa: E402
from query_latency import median_ms as p50_ms  # noqa: E402  (median of the runs)


def cases(query) -> list[dict]:
    """The parameter sets a query is run with: the examples, and the defaults alone when a
    parameter is optional (its absence is a different query plan)."""
    examples = {p.name: p.example for p in query.params}
    out = [examples]
    if query.params and not all(p.required for p in query.params):
        out.append({p.name: p.example for p in query.params if p.required})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, required=True, help="graph file (a build's idmkg.ttl)")
    parser.add_argument("--runs", type=int, default=10, help="runs per query and text (p50 reported)")
    parser.add_argument("--before", type=Path, default=ROOT / "tests" / "data" / "queries-before",
                        help="folder of the query texts before the rewrite")
    parser.add_argument("--after", type=Path, default=ROOT / "queries", help="folder of the current texts")
    parser.add_argument("--only", nargs="*", default=None, help="only these queries")
    parser.add_argument("--rdflib", action="store_true", help="also compare rows on the rdflib engine (slow)")
    args = parser.parse_args()

    before, after = load_catalogue(args.before), load_catalogue(args.after)
    started = time.perf_counter()
    run_query(next(iter(after)), {p.name: p.example for p in next(iter(after.values())).params},
              graph=args.graph, folder=args.after, timeout=None)
    print(f"graph: {args.graph}, loaded in Oxigraph in {time.perf_counter() - started:.1f} s")
    print(f"{'query':<22} {'params':<28} {'rows':>6} {'old p50 (ms)':>13} {'new p50 (ms)':>13} {'x':>6}  same rows")
    total_old = total_new = 0.0
    differ = []
    for name, query in after.items():
        if args.only and name not in args.only:
            continue
        if name not in before:
            print(f"{name:<22} (new query: no old text)")
            continue
        for params in cases(query):
            def old():
                return run_query(name, params, graph=args.graph, folder=args.before, timeout=None)

            def new():
                return run_query(name, params, graph=args.graph, folder=args.after, timeout=None)

            old_rows, new_rows = old(), new()
            same = old_rows.vars == new_rows.vars and old_rows.rows == new_rows.rows
            if args.rdflib:
                from idmkg.engine import load_graph

                graph = _rdflib_graph(args.graph, load_graph)
                ref_old = run_query(name, params, graph=graph, folder=args.before, engine="rdflib", timeout=None)
                ref_new = run_query(name, params, graph=graph, folder=args.after, engine="rdflib", timeout=None)
                same = same and ref_old.rows == ref_new.rows == new_rows.rows
            t_old, t_new = p50_ms(old, args.runs), p50_ms(new, args.runs)
            total_old += t_old
            total_new += t_new
            if not same:
                differ.append((name, params))
            shown = ", ".join(f"{k}={v}" for k, v in params.items()) or "-"
            print(f"{name:<22} {shown[:28]:<28} {len(new_rows):>6} {t_old:>13.1f} {t_new:>13.1f} "
                  f"{t_old / max(t_new, 1e-9):>6.1f}  {'yes' if same else 'NO'}")
    print(f"{'all (sum of p50)':<22} {'':<28} {'':>6} {total_old:>13.1f} {total_new:>13.1f}")
    print(f"embedded Oxigraph, in process, no time limit; p50 of {args.runs} runs after a warm-up run")
    if differ:
        sys.exit("rows differ for: " + "; ".join(f"{n} {p}" for n, p in differ))


_GRAPH = {}


def _rdflib_graph(path: Path, load_graph):
    if path not in _GRAPH:
        _GRAPH[path] = load_graph(path)
    return _GRAPH[path]


if __name__ == "__main__":
    main()
