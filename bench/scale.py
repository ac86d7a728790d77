"""Cost of building and querying the graph against the size of the archive (issue #7).

    .venv/bin/python bench/scale.py [--sizes 10 100 1000] [--with-10000] [--seed 1] [--runs 10]
                                    [--naive-max 100] [--no-server] [--plot FILE] [--json]

Per size N: a synthetic archive of N notes (``bench/synth_archive.py``, seeded; cached under
``bench/.cache/seed<S>-n<N+1>/``; N+1 notes are generated so that "adding one note" can be
measured: the main build reads the first N notes in order, the second build all N+1) is
built **in a fresh subprocess** with ``idmkg.pipeline.build`` (write=True), which reports
each stage through its ``progress`` callback; the child records, per stage, the wall time and
its peak resident memory after the stage (``ru_maxrss``, MB). Then, in the same child:

* triples asserted, inferred and complete;
* each canned query (``idmkg.queries.load_catalogue()``, example parameter values) run with
  ``run_query(name, graph=<built idmkg.ttl>)`` (embedded engine: pyoxigraph on the file,
  loaded once and cached: the load is reported apart as "store load") ``--runs`` times:
  p50 and p95;
* the export ``idmkg export --inferred --ontology`` to TriG (``idmkg.export.export``);
* on an Oxigraph server (``oxigraph serve``, a fresh store on a free port): publish time
  (``idmkg.publish``, Graph Store Protocol) and p50/p95 of each query on ``/query``;
* adding one note the way ``idmkg build`` does it: a second full build with the (N+1)-th note
  (``bench/add_note.py`` times adding it to a live build, ``idmkg.incremental.LiveBuild``, instead).

The naive reference (sizes <= ``--naive-max``, in another fresh subprocess): the asserted graph
+ ontology closed with ``owlrl.DeductiveClosure(OWLRL_Semantics).expand``, every canned query
run by rdflib's SPARQL engine on that closure, and a plain ``pyshacl.validate`` of it against
``ontology/shapes.ttl``; printed as ratios to idmkg's infer / validate / query stages measured
in the same run. Each naive step is bounded by ``--naive-timeout`` seconds (the child is killed).

Prints one table per size and a summary; ``--plot FILE`` draws cost (s) against size on log-log
axes with the fitted slope of each stage; ``--json`` prints everything as one JSON object.
Figures, not assertions: the targets of issue #7 are printed beside the figures.
"""
from __future__ import annotations

import argparse
import json
import math
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
STAGES = ["schema", "parse", "extract", "assemble", "infer", "load", "validate", "write"]
#: progress messages of idmkg.pipeline.build -> stage names
MESSAGES = [("reading ontology", "schema"), ("parsing notes", "parse"), ("extracting facts", "extract"),
            ("assembling graph", "assemble"), ("checking hand-entered", "assemble"), ("inferring", "infer"),
            ("loading the complete graph", "load"),
            ("validating", "validate"), ("writing exports", "write"),
            # the exports are written by a forked process during load and validate
            # (idmkg.write_behind): "write" is what the build waits for beyond those
            ("waiting for the exports", "write")]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], q: float) -> float:
    """The q-quantile of ``values`` (:func:`query_latency.pct`)."""
    from query_latency import pct as quantile

    return quantile(values, q)


# ---------------------------------------------------------------------------------------------
# archives
# ---------------------------------------------------------------------------------------------

def archive(size: int, seed: int) -> tuple[Path, Path]:
    """(folder with the first ``size`` notes, folder with all ``size + 1``), generated once."""
    sys.path.insert(0, str(HERE))
    import synth_archive

    full = CACHE / f"seed{seed}-n{size + 1}"
    done = full / ".complete"
    if not done.exists():
        if full.exists():
            shutil.rmtree(full)
        synth_archive.generate(size + 1, seed, full)
        done.write_text("ok\n")
    main = CACHE / f"seed{seed}-n{size + 1}-first{size}"
    if not (main / ".complete").exists():
        if main.exists():
            shutil.rmtree(main)
        main.mkdir(parents=True)
        notes = synth_archive_order(full)
        for p in notes[:size]:
            shutil.copyfile(p, main / p.name)
        (main / ".complete").write_text("ok\n")
    return main, full


def synth_archive_order(folder: Path) -> list[Path]:
    """Note files in the order they were written (year, then number in the year)."""
    def key(p: Path):
        _, year, n = p.stem.split("-")
        return int(year), int(n)
    return sorted(folder.glob("*.txt"), key=key)


# ---------------------------------------------------------------------------------------------
# the child: one size, one process
# ---------------------------------------------------------------------------------------------

def timed_build(corpus: Path, out: Path) -> tuple[dict, object]:
    from idmkg.pipeline import build

    marks: list[tuple[str, float, float]] = []

    def progress(message: str) -> None:
        marks.append((message, time.perf_counter(), rss_mb()))

    start = time.perf_counter()
    result = build(corpus, out, progress=progress, write=True, check=False)
    end = time.perf_counter()
    stages: dict[str, dict] = {}
    for (msg, t0, _), nxt in zip(marks, marks[1:] + [("end", end, rss_mb())]):
        name = next((s for m, s in MESSAGES if msg.startswith(m)), msg)
        st = stages.setdefault(name, {"s": 0.0, "rss_mb": 0.0})
        st["s"] += nxt[1] - t0
        st["rss_mb"] = max(st["rss_mb"], nxt[2])
    return {"stages": stages, "total_s": end - start, "conforms": bool(result.report and result.report.conforms)}, result


sys.path.insert(0, str(Path(__file__).resolve().parent))
from query_latency import start_oxigraph  # noqa: E402  (one way to start the reference server)


def time_queries(run, names_params, runs: int) -> dict:
    """p50/p95 per query over ``runs`` runs; a query that runs into its time limit is recorded
    as ``{"timeout_s": limit}`` (the others are still timed)."""
    from idmkg.engine import QueryTimeout

    out = {}
    for name, params in names_params:
        times, rows = [], None
        for _ in range(runs):
            t0 = time.perf_counter()
            try:
                res = run(name, params)
            except QueryTimeout:
                out[name] = {"rows": None, "timeout_s": round(time.perf_counter() - t0, 1)}
                break
            times.append((time.perf_counter() - t0) * 1000)
            rows = len(res)
        else:
            out[name] = {"rows": rows, "p50_ms": pct(times, 0.5), "p95_ms": pct(times, 0.95)}
    return out


def child(args) -> dict:
    from idmkg.queries import load_catalogue, run_query

    corpus, full = Path(args.corpus), Path(args.full)
    work = Path(tempfile.mkdtemp(prefix="idmkg-scale-"))
    try:
        rec, result = timed_build(corpus, work / "dist")
        rec["notes"] = len(result.notes)
        counted = result.summary()["triples"]   # read from the build's working dataset
        rec["triples"] = {"asserted": counted["asserted"], "inferred": counted["inferred"],
                          "ontology": counted["ontology and vocabularies"], "complete": counted["complete"]}
        rec["bytes_ttl"] = (work / "dist" / "idmkg.ttl").stat().st_size
        ttl = work / "dist" / "idmkg.ttl"
        cat = load_catalogue()
        names_params = [(n, {p.name: p.example for p in q.params if p.example is not None}) for n, q in cat.items()]
        t0 = time.perf_counter()
        run_query(names_params[0][0], names_params[0][1], graph=ttl)
        rec["store_load_s"] = time.perf_counter() - t0
        rec["queries_embedded"] = time_queries(lambda n, p: run_query(n, p, graph=ttl), names_params, args.runs)
        rec["rss_after_queries_mb"] = rss_mb()
        # export (what `idmkg export -o x.trig --inferred --ontology` does, minus the file write)
        from idmkg.export import export
        t0 = time.perf_counter()
        ex = export(result, "trig", inferred=True, ontology=True)
        rec["export_s"] = time.perf_counter() - t0
        rec["export_bytes"] = len(ex.text.encode("utf-8"))
        del ex
        # server
        if not args.no_server:
            import urllib.request

            folder = tempfile.mkdtemp(prefix="idmkg-oxi-", dir=work)
            server, base = start_oxigraph(folder)
            try:
                # the built idmkg.ttl (the merge) into the default graph (Graph Store Protocol)
                t0 = time.perf_counter()
                request = urllib.request.Request(f"{base}/store?default", data=ttl.read_bytes(),
                                                 method="POST", headers={"Content-Type": "text/turtle"})
                urllib.request.urlopen(request, timeout=600).read()
                rec["publish_s"] = time.perf_counter() - t0
                rec["queries_server"] = time_queries(lambda n, p: run_query(n, p, endpoint=f"{base}/query"),
                                                     names_params, args.runs)
            finally:
                server.terminate()
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
        rec["rss_peak_mb"] = rss_mb()
        del result
        # one more note: a full rebuild (bench/add_note.py times adding it to a live build instead)
        if not args.no_add_one:
            import gc
            gc.collect()
            t0 = time.perf_counter()
            add, res2 = timed_build(full, work / "dist2")
            rec["add_one_s"] = time.perf_counter() - t0
            rec["add_one_notes"] = len(res2.notes)
            del res2
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rec


#: seconds rdflib's engine may take for one canned query in the naive reference
NAIVE_QUERY_LIMIT = 120.0


def naive_child(args) -> dict:
    """owlrl full closure + rdflib SPARQL + plain pySHACL, on the asserted graph of the same archive."""
    import owlrl
    import pyshacl
    from rdflib import Graph

    from idmkg import resources
    from idmkg.pipeline import build
    from idmkg.queries import load_catalogue

    result = build(Path(args.corpus), None, write=False, check=False)
    g = Graph()
    for t in result.asserted_graph:
        g.add(t)
    for t in result.schema:
        g.add(t)
    rec = {"input_triples": len(g)}
    t0 = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    rec["infer_s"] = time.perf_counter() - t0
    rec["closure_triples"] = len(g)
    shapes = resources.load_turtle(resources.SHAPES)
    t0 = time.perf_counter()
    conforms, _, _ = pyshacl.validate(g, shacl_graph=shapes)
    rec["validate_s"] = time.perf_counter() - t0
    rec["conforms"] = bool(conforms)
    from idmkg.queries import run_query
    cat = load_catalogue()
    names_params = [(n, {p.name: p.example for p in q.params if p.example is not None}) for n, q in cat.items()]
    # rdflib's engine is given NAIVE_QUERY_LIMIT seconds per query: one over it is recorded as
    # such, and the other queries and the owlrl and pySHACL figures above are still reported
    rec["queries"] = time_queries(lambda n, p: run_query(n, p, graph=g, engine="rdflib", timeout=NAIVE_QUERY_LIMIT),
                                  names_params, args.runs)
    rec["rss_peak_mb"] = rss_mb()
    return rec


# ---------------------------------------------------------------------------------------------
# the parent
# ---------------------------------------------------------------------------------------------

def run_child(mode: str, corpus: Path, full: Path, args, timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), f"--_{mode}", "--corpus", str(corpus), "--full", str(full),
           "--runs", str(args.runs)]
    if args.no_server:
        cmd.append("--no-server")
    if args.no_add_one:
        cmd.append("--no-add-one")
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["?"])[-1]}
    rec = json.loads(proc.stdout.strip().splitlines()[-1])
    rec["process_wall_s"] = wall
    return rec


def fmt_table(size: int, rec: dict, naive: dict | None) -> str:
    out = [f"\n== {size} notes ==  ({rec['notes']} notes read; triples asserted {rec['triples']['asserted']:,}, "
           f"inferred {rec['triples']['inferred']:,}, complete {rec['triples']['complete']:,}; "
           f"SHACL {'conforms' if rec['conforms'] else 'VIOLATED'})"]
    out.append(f"{'stage':<12} {'seconds':>9} {'share':>6} {'peak RSS MB':>12}")
    total = rec["total_s"]
    for s in STAGES:
        st = rec["stages"].get(s)
        if st:
            out.append(f"{s:<12} {st['s']:>9.2f} {st['s'] / total:>6.0%} {st['rss_mb']:>12.0f}")
    out.append(f"{'BUILD':<12} {total:>9.2f} {'':>6} {max(v['rss_mb'] for v in rec['stages'].values()):>12.0f}")
    out.append(f"export TriG (--inferred --ontology): {rec['export_s']:.2f} s, {rec['export_bytes'] / 1e6:.1f} MB; "
               f"idmkg.ttl {rec['bytes_ttl'] / 1e6:.1f} MB")
    if "add_one_s" in rec:
        out.append(f"add one note (full rebuild with {rec['add_one_notes']} notes): {rec['add_one_s']:.2f} s")
    if "publish_s" in rec:
        out.append(f"load idmkg.ttl into the Oxigraph server (GSP POST): {rec['publish_s']:.2f} s")
    out.append(f"store load for embedded queries (first query): {rec['store_load_s']:.2f} s; "
               f"peak RSS of the process {rec['rss_peak_mb']:.0f} MB")
    srv = rec.get("queries_server", {})
    nq = (naive or {}).get("queries", {})
    out.append(f"{'query':<24} {'rows':>6} {'emb p50':>8} {'emb p95':>8} {'srv p50':>8} {'srv p95':>8} {'rdflib p50':>10}")
    for name, q in rec["queries_embedded"].items():
        s = srv.get(name, {})
        n = nq.get(name, {})
        naive_p50 = f"> {n['timeout_s']:.0f} s" if "timeout_s" in n else f"{n.get('p50_ms', float('nan')):.1f}"
        out.append(f"{name:<24} {q['rows']:>6} {q['p50_ms']:>8.1f} {q['p95_ms']:>8.1f} "
                   f"{s.get('p50_ms', float('nan')):>8.1f} {s.get('p95_ms', float('nan')):>8.1f} "
                   f"{naive_p50:>10}")
    out.append("(ms; p50/p95 over the runs; emb = run_query(graph=idmkg.ttl), srv = Oxigraph server, "
               "rdflib = naive reference on the owlrl closure)")
    if naive:
        if "error" in naive:
            out.append(f"naive reference: {naive['error']}")
        else:
            st = rec["stages"]
            timed = [n for n, q in naive["queries"].items() if "p50_ms" in q and n in rec["queries_embedded"]]
            late = sorted(set(naive["queries"]) - set(timed))
            qi = sum(rec["queries_embedded"][n]["p50_ms"] for n in timed)
            qn = sum(naive["queries"][n]["p50_ms"] for n in timed)
            out.append(f"naive reference (same archive, same run): owlrl closure {naive['infer_s']:.2f} s "
                       f"({naive['infer_s'] / st['infer']['s']:.1f}x idmkg infer), pySHACL {naive['validate_s']:.2f} s "
                       f"({naive['validate_s'] / st['validate']['s']:.1f}x idmkg validate), rdflib SPARQL sum of p50 "
                       f"{qn:.0f} ms ({qn / qi:.1f}x embedded, {len(timed)} queries"
                       + (f"; over the time limit: {', '.join(late)}" if late else "") + "); "
                       f"closure {naive['closure_triples']:,} triples; peak RSS {naive['rss_peak_mb']:.0f} MB")
    return "\n".join(out)


def slope(xs: list[float], ys: list[float]) -> float | None:
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x > 0 and y and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    den = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / den if den else None


def series(results: dict) -> dict[str, tuple[list, list]]:
    out: dict[str, tuple[list, list]] = {}
    for size, r in sorted(results.items()):
        rec = r["idmkg"]
        if "error" in rec:
            continue
        vals = {s: rec["stages"].get(s, {}).get("s") for s in STAGES if s != "schema"}
        vals["BUILD"] = rec["total_s"]
        vals["max query p50"] = max(q["p50_ms"] for q in rec["queries_embedded"].values()) / 1000
        vals["export"] = rec["export_s"]
        if "add_one_s" in rec:
            vals["add one note"] = rec["add_one_s"]
        naive = r.get("naive") or {}
        if "infer_s" in naive:
            vals["naive owlrl"] = naive["infer_s"]
            vals["naive pySHACL"] = naive["validate_s"]
        for k, v in vals.items():
            if v:
                out.setdefault(k, ([], []))
                out[k][0].append(size)
                out[k][1].append(v)
    return out


def plot(results: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5.5))
    for name, (xs, ys) in series(results).items():
        s = slope(xs, ys)
        ax.plot(xs, ys, marker="o", label=f"{name} (slope {s:.2f})" if s is not None else name,
                linestyle="--" if name.startswith("naive") else "-")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("notes in the archive")
    ax.set_ylabel("seconds")
    ax.set_title("idmkg build cost against archive size (synthetic notes)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--with-10000", action="store_true", help="add 10,000 notes to the sizes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=10, help="runs per query (p50, p95)")
    ap.add_argument("--naive-max", type=int, default=100, help="largest size the naive reference runs on")
    ap.add_argument("--naive-timeout", type=float, default=600)
    ap.add_argument("--timeout", type=float, default=1800, help="seconds allowed per size")
    ap.add_argument("--no-server", action="store_true", help="skip the Oxigraph server")
    ap.add_argument("--no-add-one", action="store_true", help="skip the rebuild with one more note")
    ap.add_argument("--plot", type=Path, default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--_child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--_naive", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--full", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._child or args._naive:
        sys.path.insert(0, str(ROOT))
        rec = child(args) if args._child else naive_child(args)
        print(json.dumps(rec))
        return 0
    sizes = sorted(set(args.sizes + ([10000] if args.with_10000 else [])))
    results: dict[int, dict] = {}
    for size in sizes:
        t0 = time.perf_counter()
        corpus, full = archive(size, args.seed)
        gen = time.perf_counter() - t0
        rec = run_child("child", corpus, full, args, args.timeout)
        rec["generate_or_cache_s"] = gen
        naive = None
        if size <= args.naive_max:
            naive = run_child("naive", corpus, full, args, args.naive_timeout)
        results[size] = {"idmkg": rec, "naive": naive}
        if not args.json:
            if "error" in rec:
                print(f"\n== {size} notes ==  failed: {rec['error']}")
            else:
                print(fmt_table(size, rec, naive))
                if naive is None:
                    print(f"naive reference: skipped (size {size} > --naive-max {args.naive_max})")
            sys.stdout.flush()
    summary = {}
    for name, (xs, ys) in series(results).items():
        summary[name] = {"sizes": xs, "values": ys, "slope": slope(xs, ys)}
    if args.plot:
        plot(results, args.plot)
    if args.json:
        json.dump({"seed": args.seed, "runs": args.runs, "results": results, "slopes": summary}, sys.stdout, indent=1)
        print()
    else:
        print("\nlog-log slopes of cost against size (1 = linear):")
        for name, s in summary.items():
            shown = "-" if s["slope"] is None else f"{s['slope']:.2f}"
            print(f"  {name:<16} {shown}")
        print("\ntargets (issue #7): five notes full build < 2 s; any canned query < 20 ms embedded; 1,000 notes full "
              "build < 60 s and < 4 GB; every canned query < 100 ms p50 embedded on 1,000 notes; one more note "
              "on 1,000 < 2 s")
        if args.plot:
            print(f"plot: {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
