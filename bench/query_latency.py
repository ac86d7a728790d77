"""Latency of each catalogue query: embedded (the default engine, Oxigraph on the graph file,
in a worker process under the time limit), and optionally on rdflib's engine (the reference)
and on a SPARQL endpoint (an Oxigraph server).

    python bench/query_latency.py [--graph dist/idmkg.ttl] [--runs 10] [--rdflib] [--remote [URL]]
                                  [--only NAME ...] [--json FILE]

Each query runs with the example values of its parameters, as ``run_query(name, params,
graph=FILE)`` does for a user. "first" is the first run (the graph file loaded into the
query worker included, for the first query); p50 and p95 are over --runs runs after it
(linear interpolation between the nearest ranks). "rows p50" is the same call followed by
``.rows`` (every value as a Python value: what a caller reading the rows pays).

With --rdflib, the graph is also loaded in an rdflib Graph and each query run on rdflib's
engine (slow on a large graph). With --remote and no URL, a temporary Oxigraph server
(``oxigraph serve``, from the PyPI package ``oxigraph``) is started on a free port of
127.0.0.1, the graph is published to it with idmkg.publish, and the server is stopped at the
end; with a URL, that endpoint is queried (it must already serve the graph).
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from idmkg import load_catalogue, run_query  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_oxigraph(folder: str):
    binary = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not binary:
        raise RuntimeError("the oxigraph server is not installed: pip install oxigraph (or pass --remote URL)")
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", folder, "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2) as response:
                response.read()
            return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("oxigraph did not start")
            time.sleep(0.1)


def pct(values: list[float], q: float) -> float:
    """The q-quantile of ``values``, interpolated linearly between the nearest ranks."""
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def times_ms(run, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        out.append((time.perf_counter() - started) * 1000)
    return out


def median_ms(run, runs: int) -> float:
    return pct(times_ms(run, runs), 0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=None, help="graph file (default: dist/idmkg.ttl, built if missing)")
    parser.add_argument("--runs", type=int, default=10, help="runs per query and engine, after the first")
    parser.add_argument("--rdflib", action="store_true", help="also time rdflib's engine (the reference; slow)")
    parser.add_argument("--remote", nargs="?", const="", default=None, metavar="URL",
                        help="also time a SPARQL endpoint: URL, or none to start a temporary Oxigraph server")
    parser.add_argument("--only", nargs="*", default=None, help="only these queries")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON to this file")
    args = parser.parse_args()

    from idmkg.errors import QueryError
    from idmkg.graph_file import graph_path

    path = graph_path(args.graph, QueryError)
    catalogue = {n: q for n, q in load_catalogue().items() if not args.only or n in args.only}
    graph = None
    if args.rdflib or args.remote == "":
        from rdflib import Graph

        from idmkg import catalogue_graph, load_graph

        started = time.perf_counter()
        graph = Graph()
        for triple in load_graph(path):
            graph.add(triple)
        graph += catalogue_graph()
        print(f"rdflib graph: {len(graph)} triples (with the query catalogue), loaded in "
              f"{time.perf_counter() - started:.1f} s")

    server, folder, endpoint = None, None, args.remote or None
    if args.remote == "":
        from idmkg import publish

        folder = tempfile.TemporaryDirectory(prefix="idmkg-bench-")
        try:
            server, base = start_oxigraph(folder.name)
        except RuntimeError as err:
            sys.exit(str(err))
        publish(f"{base}/store", graph)
        endpoint = f"{base}/query"
        print(f"remote: Oxigraph at {base}, graph published with the Graph Store Protocol")
    figures = {"graph": str(path), "runs": args.runs, "queries": {}}
    try:
        head = f"{'query':<22} {'rows':>6} {'first':>8} {'p50':>8} {'p95':>8} {'rows p50':>9}"
        head += f" {'rdflib p50':>11}" if args.rdflib else ""
        head += f" {'remote p50':>11}" if endpoint else ""
        print(f"graph: {path}")
        print(head)
        totals = {"p50": 0.0, "rows": 0.0, "rdflib": 0.0, "remote": 0.0}
        for name, query in catalogue.items():
            params = {p.name: p.example for p in query.params}
            t0 = time.perf_counter()
            rows = len(run_query(name, params, graph=path))
            first = (time.perf_counter() - t0) * 1000
            embedded = times_ms(lambda: run_query(name, params, graph=path), args.runs)
            with_rows = times_ms(lambda: run_query(name, params, graph=path).rows, args.runs)
            rec = {"rows": rows, "first_ms": first, "p50_ms": pct(embedded, 0.5), "p95_ms": pct(embedded, 0.95),
                   "rows_p50_ms": pct(with_rows, 0.5)}
            line = f"{name:<22} {rows:>6} {first:>8.1f} {rec['p50_ms']:>8.1f} {rec['p95_ms']:>8.1f} " \
                   f"{rec['rows_p50_ms']:>9.1f}"
            totals["p50"] += rec["p50_ms"]
            totals["rows"] += rec["rows_p50_ms"]
            if args.rdflib:
                rec["rdflib_p50_ms"] = median_ms(lambda: run_query(name, params, graph=graph), args.runs)
                totals["rdflib"] += rec["rdflib_p50_ms"]
                line += f" {rec['rdflib_p50_ms']:>11.1f}"
            if endpoint:
                rec["remote_p50_ms"] = median_ms(lambda: run_query(name, params, endpoint=endpoint), args.runs)
                totals["remote"] += rec["remote_p50_ms"]
                line += f" {rec['remote_p50_ms']:>11.1f}"
            figures["queries"][name] = rec
            print(line, flush=True)
        line = f"{'all (sum)':<22} {'':>6} {'':>8} {totals['p50']:>8.1f} {'':>8} {totals['rows']:>9.1f}"
        line += f" {totals['rdflib']:>11.1f}" if args.rdflib else ""
        line += f" {totals['remote']:>11.1f}" if endpoint else ""
        print(line)
        print(f"ms; p50/p95 of {args.runs} runs of run_query(name, params, graph=FILE) (Oxigraph, in a worker "
              "process); rows p50: the same and .rows; rdflib: the reference engine on an rdflib Graph; remote: "
              "an Oxigraph server over HTTP; parameters: the examples in each query's header")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
            folder.cleanup()


if __name__ == "__main__":
    main()
