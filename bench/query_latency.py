"""Latency of each catalogue query, in process (rdflib) and on a SPARQL endpoint (Oxigraph).

    python bench/query_latency.py [--graph dist/idmkg.ttl] [--runs 10] [--endpoint URL]

Each query runs with the example values of its parameters. "first" is the first in-process
run (parsing and translating the query included); the medians are over --runs runs after
it. Without --endpoint, a temporary Oxigraph server (``oxigraph serve``, from the PyPI
package ``oxigraph``) is started on a free port of 127.0.0.1, the graph is published to it
with idmkg.publish, and the server is stopped at the end.
"""
from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Graph  # noqa: E402

from idmkg import catalogue_graph, load_catalogue, load_graph, publish, run_query  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_oxigraph(folder: str):
    binary = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not binary:
        raise RuntimeError("the oxigraph server is not installed: pip install oxigraph (or pass --endpoint)")
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


def median_ms(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=None, help="graph file (default: dist/idmkg.ttl, built if missing)")
    parser.add_argument("--runs", type=int, default=10, help="runs per query and engine (median reported)")
    parser.add_argument("--endpoint", default=None, help="SPARQL query URL already serving the graph")
    args = parser.parse_args()

    from idmkg.graph_file import graph_path
    from idmkg.errors import QueryError

    path = graph_path(args.graph, QueryError)
    started = time.perf_counter()
    data = load_graph(path)
    graph = Graph()
    for triple in data:
        graph.add(triple)
    graph += catalogue_graph()
    print(f"graph: {len(graph)} triples (with the query catalogue), loaded in {time.perf_counter() - started:.1f} s")

    server, folder = None, None
    endpoint = args.endpoint
    if endpoint is None:
        folder = tempfile.TemporaryDirectory(prefix="idmkg-bench-")
        try:
            server, base = start_oxigraph(folder.name)
        except RuntimeError as err:
            sys.exit(str(err))
        publish(f"{base}/store", graph)
        endpoint = f"{base}/query"
        print(f"remote: Oxigraph at {base}, graph published with the Graph Store Protocol")
    try:
        print(f"{'query':<22} {'rows':>5} {'first (ms)':>11} {'rdflib (ms)':>12} {'oxigraph (ms)':>14} "
              f"{'remote (ms)':>12}")
        totals = [0.0, 0.0, 0.0]
        for name, query in load_catalogue().items():
            params = {p.name: p.example for p in query.params}
            t0 = time.perf_counter()
            rows = len(run_query(name, params, graph=graph))
            first = (time.perf_counter() - t0) * 1000
            embedded = median_ms(lambda: run_query(name, params, graph=graph), args.runs)
            run_query(name, params, graph=path)   # loads the file into Oxigraph once
            fast = median_ms(lambda: run_query(name, params, graph=path), args.runs)
            remote = median_ms(lambda: run_query(name, params, endpoint=endpoint), args.runs)
            totals[0] += embedded
            totals[1] += fast
            totals[2] += remote
            print(f"{name:<22} {rows:>5} {first:>11.1f} {embedded:>12.1f} {fast:>14.1f} {remote:>12.1f}")
        print(f"{'all (sum of medians)':<22} {'':>5} {'':>11} {totals[0]:>12.1f} {totals[1]:>14.1f} {totals[2]:>12.1f}")
        print("rdflib: the reference engine on an rdflib Graph; oxigraph: the default engine on the graph file "
              "(in process); remote: an Oxigraph server over HTTP")
        print(f"medians of {args.runs} runs; parameters: the examples in each query's header")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
            folder.cleanup()


if __name__ == "__main__":
    main()
