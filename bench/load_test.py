"""A bounded load test of ``idmkg serve``, as a second process on loopback.

    python bench/load_test.py [--url URL] [--requests 1000] [--concurrency 8] [--json]

Phase 1 sends ``--requests`` requests from ``--concurrency`` threads over a realistic mix:
every canned query (with its example values) through the SPARQL endpoint as SPARQL JSON and
as CSV, the canned-query pages' CSV downloads (``/queries/NAME?format=csv``), entity pages
as HTML and as Turtle, and ``/health``. It reports throughput and the p50/p95/p99/max
latency per kind and overall, and the requests that did not end as expected (errors).

Phase 2 sends one expensive query (a triple cross join of the whole graph) while the same
mix keeps running: the expensive query must end with 503 at the server's time limit, and
the others must keep being served meanwhile (their latency during that time is reported).

Without ``--url``, a server is started on a free port of 127.0.0.1 over the last build
(``dist/idmkg.trig``; built first if missing) with ``--timeout 2`` and stopped at the end.
Only the standard library, httpx and idmkg (for the canned queries' texts) are used.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx

#: the expensive query of phase 2: 19,842 triples cubed, counted (never finishes in time)
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SPARQL_JSON = "application/sparql-results+json"
#: kinds of request, with their share of the mix
WEIGHTS = {"sparql-json": 3, "sparql-csv": 2, "query-csv": 2, "page-html": 3, "page-ttl": 2, "health": 1}
#: entity lists asked of the server to pick pages from (class local name -> how many at most)
PAGE_CLASSES = {"Theme": 6, "WorkshopTopic": 8, "IntersessionalWorkshop": 6, "DialogueYear": 4, "Proposal": 14,
                "Paragraph": 30, "DiscussionNote": 5}


@dataclass(frozen=True)
class Call:
    """One request of the mix: its kind, method, path (with the query string), headers and
    body, and the status it should end with."""

    kind: str
    method: str
    path: str
    headers: tuple = ()
    body: bytes | None = None
    expect: int = 200


@dataclass
class Result:
    kind: str
    status: int          # 0: no answer (connection error or client time-out)
    started: float       # time.monotonic() at the start
    seconds: float
    expected: bool
    error: str = ""


@dataclass
class Phase:
    results: list = field(default_factory=list)
    seconds: float = 0.0


# ---------------------------------------------------------------------------
# the mix
# ---------------------------------------------------------------------------

def canned_texts() -> dict[str, str]:
    """Every canned query with the example values of its parameters bound, as the SPARQL
    text a client would send."""
    from idmkg.queries import load_catalogue, with_values

    out = {}
    for name, query in sorted(load_catalogue().items()):
        values = {p.name: p.example for p in query.params if p.example is not None}
        out[name] = with_values(query.body, query.bind(values))
    return out


def canned_examples() -> dict[str, dict[str, str]]:
    """Each canned query's example parameter values, as a form would send them."""
    from idmkg.queries import load_catalogue

    return {name: {p.name: str(p.example).lower() if isinstance(p.example, bool) else str(p.example)
                   for p in query.params if p.example is not None}
            for name, query in sorted(load_catalogue().items())}


def entity_paths(client: httpx.Client, base: str | None = None) -> list[str]:
    """Local paths of entity pages, asked of the server itself (one SPARQL query per class)."""
    from idmkg.namespaces import DEFAULT_BASE

    base = base or DEFAULT_BASE
    paths = []
    for cls, limit in PAGE_CLASSES.items():
        query = (f"SELECT DISTINCT ?x WHERE {{ ?x a <https://w3id.org/idmkg/ontology#{cls}> "
                 f"FILTER(STRSTARTS(STR(?x), \"{base}id/\")) }} ORDER BY ?x LIMIT {limit}")
        answer = client.post("/sparql", data={"query": query}, headers={"Accept": SPARQL_JSON})
        answer.raise_for_status()
        for row in answer.json()["results"]["bindings"]:
            paths.append("/" + row["x"]["value"][len(base):])
    if not paths:
        raise RuntimeError("the server lists no entity under " + base + "id/")
    return paths


def build_mix(client: httpx.Client, base: str | None = None) -> dict[str, list[Call]]:
    """The requests of each kind, to draw from."""
    texts = canned_texts()
    examples = canned_examples()
    pages = entity_paths(client, base)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    return {
        "sparql-json": [Call("sparql-json", "POST", "/sparql", tuple({**form, "Accept": SPARQL_JSON}.items()),
                             urllib.parse.urlencode({"query": t}).encode()) for t in texts.values()],
        "sparql-csv": [Call("sparql-csv", "GET", "/sparql?" + urllib.parse.urlencode({"query": t}),
                            (("Accept", "text/csv"),)) for t in texts.values()],
        "query-csv": [Call("query-csv", "GET", f"/queries/{name}?" + urllib.parse.urlencode({**values, "format": "csv"}))
                      for name, values in examples.items()],
        "page-html": [Call("page-html", "GET", p, (("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),))
                      for p in pages],
        "page-ttl": [Call("page-ttl", "GET", p, (("Accept", "text/turtle"),)) for p in pages],
        "health": [Call("health", "GET", "/health")],
    }


def draw(mix: dict[str, list[Call]], n: int, seed: int = 2009) -> list[Call]:
    """``n`` calls drawn from the mix by the kinds' weights (reproducible)."""
    rng = random.Random(seed)
    kinds = [k for k in WEIGHTS if mix.get(k)]
    weights = [WEIGHTS[k] for k in kinds]
    return [rng.choice(mix[k]) for k in rng.choices(kinds, weights, k=n)]


# ---------------------------------------------------------------------------
# sending
# ---------------------------------------------------------------------------

def new_client(url: str, timeout: float = 60.0) -> httpx.Client:
    # trust_env=False: never through a proxy, whatever the environment says
    return httpx.Client(base_url=url, timeout=timeout, trust_env=False, follow_redirects=False)


def send(client: httpx.Client, call: Call) -> Result:
    started = time.monotonic()
    try:
        answer = client.request(call.method, call.path, headers=dict(call.headers), content=call.body)
        answer.read()
        status, error = answer.status_code, ""
        if status != call.expect:
            error = f"{call.method} {call.path[:120]}: {status} {answer.text[:200].strip()}"
    except httpx.HTTPError as err:
        status, error = 0, f"{call.method} {call.path[:120]}: {err.__class__.__name__}: {err}"
    seconds = time.monotonic() - started
    return Result(call.kind, status, started, seconds, status == call.expect, error)


def run_calls(url: str, calls: list[Call], concurrency: int) -> Phase:
    """Send ``calls`` from ``concurrency`` threads (one keep-alive connection each)."""
    results: list[Result] = []
    lock = threading.Lock()
    queue = iter(enumerate(calls))

    def worker():
        with new_client(url) as client:
            while True:
                with lock:
                    item = next(queue, None)
                if item is None:
                    return
                result = send(client, item[1])
                with lock:
                    results.append(result)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, name=f"load-{i}") for i in range(max(1, concurrency))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Phase(results, time.monotonic() - started)


def run_load(url: str, requests: int = 1000, concurrency: int = 8, mix: dict | None = None, seed: int = 2009,
             base: str | None = None) -> Phase:
    """Phase 1: ``requests`` requests of the mix at ``concurrency``."""
    if mix is None:
        with new_client(url) as client:
            mix = build_mix(client, base)
    return run_calls(url, draw(mix, requests, seed), concurrency)


@dataclass
class TimeLimitPhase:
    expensive: Result
    body: str
    during: list            # the mix's requests that started and ended while the expensive query ran
    all: list               # every request of the mix in this phase
    seconds: float


def run_time_limit(url: str, concurrency: int = 8, mix: dict | None = None, lead: float = 0.3,
                   after: float = 0.5, seed: int = 2010, base: str | None = None,
                   client_timeout: float = 120.0) -> TimeLimitPhase:
    """Phase 2: the mix at ``concurrency - 1`` threads; after ``lead`` seconds the expensive
    query is sent from one more thread; the mix goes on until ``after`` seconds past its end."""
    if mix is None:
        with new_client(url) as client:
            mix = build_mix(client, base)
    calls = draw(mix, 100_000, seed)
    stop = threading.Event()
    results: list[Result] = []
    lock = threading.Lock()
    position = iter(calls)

    def worker():
        with new_client(url) as client:
            while not stop.is_set():
                with lock:
                    call = next(position, None)
                if call is None:
                    return
                result = send(client, call)
                with lock:
                    results.append(result)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, name=f"mix-{i}") for i in range(max(1, concurrency - 1))]
    for t in threads:
        t.start()
    try:
        time.sleep(lead)
        with new_client(url, client_timeout) as client:
            call = Call("expensive", "POST", "/sparql", (("Content-Type", "application/sparql-query"),
                                                         ("Accept", SPARQL_JSON)), EXPENSIVE.encode(), expect=503)
            t0 = time.monotonic()
            try:
                answer = client.request(call.method, call.path, headers=dict(call.headers), content=call.body)
                body = answer.text.strip()
                expensive = Result("expensive", answer.status_code, t0, time.monotonic() - t0,
                                   answer.status_code == 503, "" if answer.status_code == 503 else body[:200])
            except httpx.HTTPError as err:
                body = f"{err.__class__.__name__}: {err}"
                expensive = Result("expensive", 0, t0, time.monotonic() - t0, False, body)
        time.sleep(after)
    finally:
        stop.set()
        for t in threads:
            t.join()
    end = expensive.started + expensive.seconds
    during = [r for r in results if r.started >= expensive.started and r.started + r.seconds <= end]
    return TimeLimitPhase(expensive, body, during, results, time.monotonic() - started)


# ---------------------------------------------------------------------------
# figures
# ---------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by linear interpolation between closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def latency(results: list[Result]) -> dict:
    ms = [r.seconds * 1000 for r in results]
    return {"count": len(results), "errors": sum(not r.expected for r in results),
            "p50_ms": round(percentile(ms, .50), 1), "p95_ms": round(percentile(ms, .95), 1),
            "p99_ms": round(percentile(ms, .99), 1), "max_ms": round(max(ms), 1) if ms else float("nan")}


def statuses(results: list[Result]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in results:
        out[str(r.status)] = out.get(str(r.status), 0) + 1
    return dict(sorted(out.items()))


def summary(phase: Phase) -> dict:
    kinds = sorted({r.kind for r in phase.results}, key=lambda k: list(WEIGHTS).index(k) if k in WEIGHTS else 99)
    return {"requests": len(phase.results), "seconds": round(phase.seconds, 2),
            "throughput_rps": round(len(phase.results) / phase.seconds, 1) if phase.seconds else 0.0,
            "errors": sum(not r.expected for r in phase.results), "statuses": statuses(phase.results),
            "overall": latency(phase.results),
            "by_kind": {k: latency([r for r in phase.results if r.kind == k]) for k in kinds},
            "error_samples": [r.error for r in phase.results if not r.expected][:10]}


def time_limit_summary(phase: TimeLimitPhase, limit: float | None) -> dict:
    during = phase.during
    seconds = phase.expensive.seconds
    return {"time_limit_s": limit,
            "expensive": {"status": phase.expensive.status, "seconds": round(seconds, 2),
                          "answer": phase.body[:200]},
            "others_during": {**latency(during), "statuses": statuses(during),
                              "ok": sum(r.status == 200 for r in during),
                              "throughput_rps": round(len(during) / seconds, 1) if seconds else 0.0,
                              "by_kind": {k: latency([r for r in during if r.kind == k])
                                          for k in sorted({r.kind for r in during})}},
            "phase": {"requests": len(phase.all), "seconds": round(phase.seconds, 2),
                      "errors": sum(not r.expected for r in phase.all), "statuses": statuses(phase.all),
                      "error_samples": [r.error for r in phase.all if not r.expected][:10]}}


def table(rows: dict[str, dict]) -> str:
    head = f"{'kind':<14} {'count':>6} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    lines = [head, "-" * len(head)]
    for kind, row in rows.items():
        lines.append(f"{kind:<14} {row['count']:>6} {row['errors']:>6} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
                     f"{row['p99_ms']:>8.1f} {row['max_ms']:>8.1f}")
    return "\n".join(lines)


def report(figures: dict) -> str:
    load, limit = figures["load"], figures.get("time_limit")
    phase1 = (f"phase 1: {load['requests']} requests at concurrency {figures['concurrency']} in "
              f"{load['seconds']:.2f} s: {load['throughput_rps']:.1f} req/s, {load['errors']} errors, "
              f"statuses {load['statuses']}")
    out = [f"server: {figures['url']} ({figures.get('server', 'given')})", phase1,
           table({**load["by_kind"], "all": load["overall"]})]
    out += [f"  error: {e}" for e in load["error_samples"]]
    if limit:
        e, d, whole = limit["expensive"], limit["others_during"], limit["phase"]
        ended = (f"phase 2: expensive query (triple cross join) ended with {e['status']} after {e['seconds']:.2f} s "
                 f"(time limit {limit['time_limit_s']} s): {e['answer']}")
        meanwhile = (f"  meanwhile {d['count']} other requests completed ({d['ok']} with 200, "
                     f"{d['throughput_rps']} req/s), statuses {d['statuses']}")
        overall = {k: d[k] for k in ("count", "errors", "p50_ms", "p95_ms", "p99_ms", "max_ms")}
        after = (f"  whole phase: {whole['requests']} requests in {whole['seconds']:.2f} s, "
                 f"{whole['errors']} errors, statuses {whole['statuses']}")
        out += ["", ended, meanwhile, table({**d["by_kind"], "all": overall}), after]
        out += [f"  error: {e}" for e in whole["error_samples"]]
    return "\n".join(out)


# ---------------------------------------------------------------------------
# a server of our own
# ---------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``idmkg serve`` on a free port of 127.0.0.1 (its output in a temporary log file)."""

    def __init__(self, graph: Path, timeout: float = 2.0, workers: int = 2, wait: float = 120.0):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # open while the server runs, closed by stop()
        self.log = tempfile.NamedTemporaryFile(prefix="idmkg-load-", suffix=".log", delete=False)  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "idmkg", "serve", "--graph", str(graph), "--port", str(self.port),
             "--timeout", f"{timeout:g}", "--workers", str(workers), "--reload-interval", "0"],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.monotonic() + wait
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"idmkg serve exited ({self.process.returncode}): {Path(self.log.name).read_text()}")
            try:
                if httpx.get(self.url + "/health", timeout=2, trust_env=False).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"idmkg serve did not answer in {wait:g} s: {Path(self.log.name).read_text()}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


def last_build() -> Path:
    graph = ROOT / "dist" / "idmkg.trig"
    if not graph.exists():
        print("no dist/idmkg.trig: building it first (idmkg build)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "idmkg", "build"], cwd=ROOT, check=True)
    return graph


def server_time_limit(url: str) -> float | None:
    """The time limit the server states in its service description ("Limits: 2 s per query")."""
    try:
        text = httpx.get(url + "/sparql", headers={"Accept": "text/turtle"}, timeout=10, trust_env=False).text
    except httpx.HTTPError:
        return None
    m = re.search(r"Limits: ([\d.]+) s per query", text)
    return float(m.group(1)) if m else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running idmkg serve (default: start one on the last build)")
    parser.add_argument("--graph", type=Path, help="graph file for the server started (default: dist/idmkg.trig)")
    parser.add_argument("--requests", type=int, default=1000, help="requests in phase 1 (default 1000)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--timeout", type=float, default=2.0, help="time limit of the server started (default 2 s)")
    parser.add_argument("--workers", type=int, default=2, help="query workers of the server started (default 2)")
    parser.add_argument("--no-time-limit-phase", action="store_true", help="skip phase 2 (the expensive query)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    server = None
    url = args.url.rstrip("/") if args.url else None
    if url is None:
        server = Server(args.graph or last_build(), args.timeout, args.workers)
        url = server.url
    try:
        limit = server_time_limit(url)
        with new_client(url) as client:
            mix = build_mix(client)
        # warm-up: every distinct request once (caches, first-query compilation), not counted
        run_calls(url, [c for calls in mix.values() for c in calls], args.concurrency)
        figures = {"url": url, "server": "started by the load test" if server else "given",
                   "concurrency": args.concurrency,
                   "mix": {k: {"weight": WEIGHTS[k], "distinct": len(v)} for k, v in mix.items()},
                   "load": summary(run_load(url, args.requests, args.concurrency, mix))}
        if not args.no_time_limit_phase:
            figures["time_limit"] = time_limit_summary(run_time_limit(url, args.concurrency, mix), limit)
    finally:
        if server is not None:
            server.stop()
    print(json.dumps(figures, indent=2) if args.json else report(figures))
    failed = figures["load"]["errors"] or (
        "time_limit" in figures and (figures["time_limit"]["expensive"]["status"] != 503
                                     or figures["time_limit"]["phase"]["errors"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
