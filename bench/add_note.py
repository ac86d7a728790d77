"""Adding one note to a large archive held in a live build (idmkg.incremental).

    python bench/add_note.py [--archive DIR] [--size N] [--adds K] [--check]

Takes the first N notes (by file name) of a synthetic archive (default: the 1,000-note
``bench/.cache/seed1-n1000``, made with ``bench/synth_archive.py`` if missing), starts a
live build on them (a full build, kept in memory), then adds the next K notes one at a
time and prints, for each, the seconds of every stage (extract, resolve, assemble, infer,
load, validate), the CPU seconds of the whole add (a figure that holds better than the
wall clock on a loaded machine) and what changed. ``--check`` then compares the live build with a full
build of the same N+K notes (every named graph, inferred triples, working store, SHACL
report) and prints whether they are equal. Figures, not assertions.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, default=HERE / ".cache" / "seed1-n1000")
    parser.add_argument("--size", type=int, default=1000, help="notes in the live build before adding")
    parser.add_argument("--adds", type=int, default=3, help="notes added one at a time after")
    parser.add_argument("--check", action="store_true", help="compare with a full build at the end")
    args = parser.parse_args()

    from idmkg.incremental import LiveBuild

    if not args.archive.exists():
        import synth_archive

        synth_archive.generate(args.size + args.adds, 1, args.archive)
    files = sorted(args.archive.glob("*.txt"))
    if len(files) < args.size + args.adds:
        sys.exit(f"{args.archive}: {len(files)} notes, fewer than --size + --adds")
    work = Path(tempfile.mkdtemp(prefix="idmkg-add-"))
    start = work / "start"
    start.mkdir()
    for f in files[:args.size]:
        shutil.copy(f, start / f.name)
    began = time.perf_counter()
    live = LiveBuild.start(start)
    print(f"live build of {args.size} notes: {time.perf_counter() - began:.1f} s, "
          f"{len(live.dataset):,} triples in the working store, peak {peak_mb():,.0f} MB")
    stages = ["extract", "resolve", "assemble", "infer", "load", "validate"]
    print(f"\n| note added | {' | '.join(stages)} | total (s) | CPU (s) | graphs changed | asserted +/- | inferred +/- | focus nodes |")
    print("|---|" + "---|" * (len(stages) + 6))
    for f in files[args.size:args.size + args.adds]:
        cpu = time.process_time()
        change = live.add(f)
        cpu = time.process_time() - cpu
        print(f"| {change.notes[0]} | " + " | ".join(f"{change.seconds[s]:.3f}" for s in stages)
              + f" | **{change.total_seconds:.2f}** | {cpu:.2f} | {len(change.graphs_changed)} | +{change.asserted_added}/-"
              f"{change.asserted_removed} | +{change.inferred_added}/-{change.inferred_removed} | {change.focus_nodes} |")
    print(f"\npeak memory {peak_mb():,.0f} MB")
    if args.check:
        from idmkg.pipeline import build

        everything = work / "all"
        everything.mkdir()
        for f in files[:args.size + args.adds]:
            shutil.copy(f, everything / f.name)
        began = time.perf_counter()
        full = build(everything, write=False, check=False)
        print(f"full build of {args.size + args.adds} notes: {time.perf_counter() - began:.1f} s")
        same = {
            "named graphs": {n: set(t) for n, t in full.asserted.triples.items()}
            == {n: set(t) for n, t in live.graphs.items()},
            "inferred": set(full.inferred) == live.inferred,
            "working store": set(full.working_dataset().store) == set(live.dataset.store),
            "SHACL report": sorted(map(str, full.report.violations)) == sorted(map(str, live.report.violations)),
        }
        for what, equal in same.items():
            print(f"  {what}: {'equal' if equal else 'DIFFERENT'}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
