"""Time and peak memory of each build stage on the project's notes (or --corpus DIR).

    .venv/bin/python bench/build_time.py [--corpus DIR] [--runs 3]

Prints one row per stage: median wall time over the runs, and the peak resident memory of
the process at the end (ru_maxrss). Figures, not assertions: targets are checked by reading.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path


def one_run(corpus: Path | None) -> dict[str, float]:
    from idmkg.pipeline import build

    marks: list[tuple[str, float]] = []

    def progress(message: str) -> None:
        marks.append((message, time.perf_counter()))

    start = time.perf_counter()
    result = build(corpus, None, progress=progress, write=False, check=False)
    end = time.perf_counter()
    stages = {}
    for (name, t0), (_, t1) in zip(marks, marks[1:] + [("end", end)]):
        stages[name.split(" from ")[0].split(" (")[0]] = t1 - t0
    stages["TOTAL"] = end - start
    stages["_triples_asserted"] = len(result.asserted_graph)
    stages["_triples_inferred"] = len(result.inferred)
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = [one_run(args.corpus) for _ in range(args.runs)]
    print(f"{'stage':<45} {'median s':>10}   (runs: {args.runs})")
    for stage in runs[0]:
        if stage.startswith("_"):
            continue
        print(f"{stage:<45} {statistics.median(r[stage] for r in runs):>10.3f}")
    print(f"{'triples asserted / inferred':<45} {runs[0]['_triples_asserted']:>10} / {runs[0]['_triples_inferred']}")
    print(f"{'peak RSS (MB)':<45} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>10.0f}")


if __name__ == "__main__":
    main()
