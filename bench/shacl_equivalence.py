"""SHACL on Oxigraph (shapes compiled to SPARQL, idmkg/shacl_sparql.py) against pySHACL: time
and whether the results are equal, on the five notes and on the 100-note synthetic archive.

    .venv/bin/python bench/shacl_equivalence.py [--corpus DIR]... [--no-default]

For each corpus: one build (``write=False, check=False``), in which pySHACL validates the
complete graph (asserted + inferred + ontology) as the pipeline does; then the same graph
loaded into an Oxigraph store and validated by the compiled shapes: in full, for the nodes
one note mentions (what adding one note would check), and on the build's own working
dataset. Prints times and whether results (focus, path, constraint component, severity,
messages, value) and the report for people are equal. Figures, not assertions.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULTS = [None, HERE / ".cache" / "seed1-n101-first100"]


def _key(results):
    from rdflib import Literal
    from rdflib.namespace import XSD

    def norm(t):   # Oxigraph keeps integers as xsd:integer in canonical form
        if isinstance(t, Literal) and isinstance(t.value, int) and not isinstance(t.value, bool):
            return Literal(str(t.value), datatype=XSD.integer)
        return t
    return sorted((str(r["focus"]), str(r["path"]), str(r["component"]), str(r["severity"]),
                   tuple(sorted(map(str, r["messages"]))), str(norm(r["value"]))) for r in results)


def measure(corpus: Path | None) -> dict:
    from idmkg import resources
    from idmkg.pipeline import build
    from idmkg.shacl_sparql import compile_shapes
    from idmkg.validate import results_of, store_of, validate_store

    marks: list[tuple[str, float]] = []
    started = time.perf_counter()
    result = build(corpus, write=False, check=False, progress=lambda m: marks.append((m, time.perf_counter())))
    ended = time.perf_counter()
    stages = dict(zip([m for m, _ in marks], [b - a for (_, a), (_, b) in zip(marks, marks[1:] + [("", ended)])]))
    pyshacl_s = stages.get("validating (SHACL)", float("nan"))
    reference = results_of(result.report.graph)

    shapes = resources.load_turtle(resources.SHAPES)
    t = time.perf_counter()
    graph = result.complete()
    t_complete = time.perf_counter() - t
    t = time.perf_counter()
    store = store_of(graph)
    t_load = time.perf_counter() - t
    t = time.perf_counter()
    engine = compile_shapes(shapes)
    t_compile = time.perf_counter() - t
    t = time.perf_counter()
    compiled = engine.results(store)
    t_full = time.perf_counter() - t
    t = time.perf_counter()
    fast = validate_store(store, shapes)
    t_report = time.perf_counter() - t

    # one note's nodes: what adding that note would check
    notes = sorted(n for n in result.asserted if "/graph/note/" in n)
    from rdflib import URIRef
    last = result.asserted[notes[-1]]
    focus = {str(x) for s, _, o in last for x in (s, o) if isinstance(x, URIRef)}
    t = time.perf_counter()
    part = engine.results(store, focus)
    t_focus = time.perf_counter() - t
    expected = [r for r in compiled if str(r["focus"]) in focus]

    working = result.working_dataset().store
    t = time.perf_counter()
    on_working = engine.results(working)
    t_working = time.perf_counter() - t
    slowest = sorted(engine.seconds.items(), key=lambda kv: -kv[1])[:3]
    return {
        "corpus": str(corpus or "notes/ (five notes)"), "notes": len(result.notes), "triples": len(graph),
        "build_s": ended - started, "pyshacl_s": pyshacl_s, "complete_graph_s": t_complete,
        "load_store_s": t_load, "compile_s": t_compile, "compiled_full_s": t_full,
        "compiled_report_s": t_report, "focus_nodes": len(focus), "compiled_focus_s": t_focus,
        "compiled_working_dataset_s": t_working,
        "results_pyshacl": len(reference), "results_compiled": len(compiled),
        "results_equal": _key(reference) == _key(compiled),
        "report_equal": fast.violations == result.report.violations and fast.conforms == result.report.conforms,
        "focus_equal": _key(part) == _key(expected),
        "working_dataset_equal": _key(on_working) == _key(compiled),
        "slowest_queries": [(k.split("|")[-1].split("#")[-1], round(v, 3)) for k, v in slowest],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, action="append", default=[])
    parser.add_argument("--no-default", action="store_true", help="only the corpora given with --corpus")
    args = parser.parse_args(argv)
    corpora = ([] if args.no_default else DEFAULTS) + args.corpus
    for corpus in corpora:
        if corpus is not None and not corpus.exists():
            print(f"{corpus}: missing (make it with bench/synth_archive.py)", file=sys.stderr)
            continue
        m = measure(corpus)
        print(f"== {m['corpus']}: {m['notes']} notes, {m['triples']:,} triples (complete graph)")
        print(f"   build {m['build_s']:.2f} s, of which pySHACL {m['pyshacl_s']:.2f} s")
        print(f"   compiled: load store {m['load_store_s']:.2f} s (rdflib graph -> Oxigraph), compile "
              f"{m['compile_s']:.3f} s, validate {m['compiled_full_s']:.3f} s (with report {m['compiled_report_s']:.3f} s)"
              f", on the build's working dataset {m['compiled_working_dataset_s']:.3f} s")
        print(f"   one note's {m['focus_nodes']} nodes as focus: {m['compiled_focus_s']:.3f} s")
        print(f"   speed-up (validation alone): {m['pyshacl_s'] / max(m['compiled_full_s'], 1e-9):.0f}x")
        print(f"   results: pySHACL {m['results_pyshacl']}, compiled {m['results_compiled']}; equal: "
              f"{m['results_equal']}; report equal: {m['report_equal']}; focus equal: {m['focus_equal']}; "
              f"working dataset equal: {m['working_dataset_equal']}")
        print(f"   slowest compiled queries: {m['slowest_queries']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
