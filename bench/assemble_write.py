"""Assembly and export at archive scale (issue #7): seconds and peak memory of turning the
facts into triples and writing them, the rdflib way and the lean way.

    .venv/bin/python bench/assemble_write.py [--corpus bench/.cache/seed1-n101-first100]
                                             [--paths graphs lean] [--keep DIR] [--json]

The notes are parsed and the facts read once (figures printed for scale); each path then runs
in a fresh subprocess, so that its peak memory (``ru_maxrss``, MB, after each stage: the peak
so far, the notes and facts included) is its own:

* ``graphs``: what ``idmkg.pipeline`` does today: ``assemble()`` (one rdflib Graph per named
  graph), the union with the ontology as one Graph (``BuildResult.complete()``), ``to_turtle``
  and ``to_trig`` of the Graphs, written with ``write_atomic``;
* ``lean``: ``assemble_triples()`` (plain tuples, no Graph), ``turtle_chunks`` and
  ``trig_chunks`` streamed through ``write_atomic``, and the named graphs written by
  ``nquads_chunks`` and bulk-loaded into a pyoxigraph Store (``ChunkReader``).

The files are asserted + ontology (the inferred graph belongs to the inference stage and is
left out); both paths write the same bytes, which is checked (``same bytes`` in the table).
Wall and CPU seconds are printed: on a shared machine the CPU figure is the steadier one.
Figures, not assertions.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = HERE / ".cache" / "seed1-n101-first100"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Stages:
    def __init__(self):
        self.rows: list[dict] = []
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def mark(self, name: str, **extra) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.rows.append({"stage": name, "wall_s": round(wall - self._wall, 2), "cpu_s": round(cpu - self._cpu, 2),
                          "peak_mb": round(rss_mb()), **extra})
        self._wall, self._cpu = time.perf_counter(), time.process_time()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def run_path(path: str, facts_file: Path, out: Path) -> dict:
    """One path, in this (fresh) process."""
    from idmkg.assemble import graph_name
    from idmkg.namespaces import data_prefixes
    from idmkg.pipeline import load_schema

    stages = Stages()
    with open(facts_file, "rb") as fh:
        notes, facts, base = pickle.load(fh)
    schema = load_schema()
    prefixes = data_prefixes(base)
    stages.mark("load notes, facts, ontology")
    out.mkdir(parents=True, exist_ok=True)
    if path == "graphs":
        from idmkg.assemble import assemble, union
        from idmkg.serialize import to_trig, to_turtle, write_atomic

        graphs = assemble(notes, facts, base)
        stages.mark("assemble", triples=sum(len(g) for g in graphs.values()))
        complete = union([*graphs.values(), schema], base)
        stages.mark("union (complete graph)", triples=len(complete))
        write_atomic(out / "idmkg.ttl", to_turtle(complete, prefixes))
        stages.mark("write Turtle")
        named = dict(graphs)
        named[graph_name(base, "ontology")] = schema
        write_atomic(out / "idmkg.trig", to_trig(named, prefixes))
        stages.mark("write TriG")
    else:
        import pyoxigraph as ox

        from idmkg.assemble import assemble_triples
        from idmkg.serialize import ChunkReader, nquads_chunks, trig_chunks, turtle_chunks, write_atomic

        graphs = assemble_triples(notes, facts, base)
        stages.mark("assemble", triples=sum(len(g) for g in graphs.values()))
        ontology = list(schema)
        write_atomic(out / "idmkg.ttl", turtle_chunks([t for g in graphs.values() for t in g] + ontology, prefixes))
        stages.mark("write Turtle")
        named = dict(graphs)
        named[graph_name(base, "ontology")] = ontology
        write_atomic(out / "idmkg.trig", trig_chunks(named, prefixes))
        stages.mark("write TriG")
        store = ox.Store()
        store.bulk_load(input=ChunkReader(nquads_chunks(named)), format=ox.RdfFormat.N_QUADS)
        stages.mark("N-Quads -> Oxigraph bulk load", triples=len(store))
    return {"path": path, "stages": stages.rows,
            "files": {p.name: {"bytes": p.stat().st_size, "sha256": digest(p)} for p in sorted(out.iterdir())}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of notes (default: %(default)s)")
    parser.add_argument("--paths", nargs="+", choices=["graphs", "lean"], default=["graphs", "lean"])
    parser.add_argument("--base", default="https://w3id.org/idmkg/")
    parser.add_argument("--keep", type=Path, default=None, help="write the files here (default: a temporary folder)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=3, metavar=("PATH", "FACTS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        path, facts_file, out = args.child
        print(json.dumps(run_path(path, Path(facts_file), Path(out))))
        return 0

    sys.path.insert(0, str(ROOT))

    from idmkg.extract import extract_facts
    from idmkg.parse import parse_corpus
    from idmkg.pipeline import extraction_labels, load_schema

    if not args.corpus.is_dir():
        parser.error(f"{args.corpus}: no such folder (make one with bench/synth_archive.py or bench/scale.py)")
    work = Path(tempfile.mkdtemp(prefix="idmkg-assemble-write-"))
    t0 = time.perf_counter()
    schema = load_schema()
    notes = parse_corpus(args.corpus)
    t1 = time.perf_counter()
    facts = extract_facts(notes, *extraction_labels(schema))
    t2 = time.perf_counter()
    facts_file = work / "facts.pickle"
    with open(facts_file, "wb") as fh:
        pickle.dump((notes, facts, args.base), fh)
    report = {"corpus": str(args.corpus), "notes": len(notes), "facts": len(facts),
              "parse_s": round(t1 - t0, 2), "extract_s": round(t2 - t1, 2), "paths": []}
    for path in args.paths:
        out = (args.keep / path) if args.keep else work / path
        done = subprocess.run([sys.executable, __file__, "--child", path, str(facts_file), str(out)],
                              capture_output=True, text=True, cwd=ROOT)
        if done.returncode:
            sys.stderr.write(done.stderr)
            return done.returncode
        report["paths"].append(json.loads(done.stdout.strip().splitlines()[-1]))
    digests = {json.dumps(p["files"], sort_keys=True) for p in report["paths"]}
    report["same_bytes"] = len(digests) == 1 if len(report["paths"]) > 1 else None
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"{report['corpus']}: {report['notes']} notes, {report['facts']} facts "
          f"(parse {report['parse_s']} s, extract {report['extract_s']} s)")
    for p in report["paths"]:
        print(f"\npath: {p['path']}")
        print(f"  {'stage':34} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}  triples")
        for row in p["stages"]:
            print(f"  {row['stage']:34} {row['wall_s']:8.2f} {row['cpu_s']:8.2f} {row['peak_mb']:8d}  "
                  f"{row.get('triples', '')}")
        work_rows = [r for r in p["stages"] if not r["stage"].startswith("load")]
        print(f"  {'total (assemble + write)':34} {sum(r['wall_s'] for r in work_rows):8.2f} "
              f"{sum(r['cpu_s'] for r in work_rows):8.2f}")
        for name, f in p["files"].items():
            print(f"  {name}: {f['bytes']:,} bytes, sha256 {f['sha256']}")
    if report["same_bytes"] is not None:
        print(f"\nsame bytes from every path: {'yes' if report['same_bytes'] else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
