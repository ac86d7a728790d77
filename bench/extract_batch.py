"""Parse + per-note extraction of a corpus: one process, the process pool, and the facts cache.

    .venv/bin/python bench/extract_batch.py [--sizes 100 1000] [--seed 1] [--workers 2] [--five]
                                            [--runs 1] [--json]

Per corpus (the project's notes with ``--five``; synthetic archives of each size, written by
``bench/synth_archive.py`` once under ``bench/.cache/seed<S>-n<N>/``), in this process:

* ``sequential``: ``parse_corpus`` + ``extract_facts`` (the reference);
* ``one process``: ``extract_corpus(workers=1)``;
* ``pool``: ``extract_corpus(workers=W)`` with the pool forced on whatever the size
  (``POOL_MIN_CHARS = 0``), to see where it starts to pay;
* ``default``: ``extract_corpus(workers=W)`` as the build calls it (pool above ``POOL_MIN_CHARS``);
* ``cold cache`` / ``warm cache``: ``extract_corpus(workers=W, cache_dir=fresh folder)`` twice;
* ``resolve``: the cross-note rules alone (part of every figure above: they always run).

Every variant is checked to give the reference's notes and facts, in the same order (exit 1
if not). Best of ``--runs``. Figures, not assertions; other work on the machine shows in them.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


from idmkg import resources  # noqa: E402
from idmkg.extract import batch, chronological, extract_facts, read_note  # noqa: E402
from idmkg.parse import parse_corpus  # noqa: E402
from idmkg.pipeline import extraction_labels, load_schema  # noqa: E402


def synthetic(size: int, seed: int) -> Path:
    """A synthetic archive of ``size`` notes, generated once."""
    sys.path.insert(0, str(HERE))
    import synth_archive

    folder = HERE / ".cache" / f"seed{seed}-n{size}"
    if not (folder / ".complete").exists() and not (size == 1000 and seed == 1 and folder.is_dir()):
        if folder.exists():
            shutil.rmtree(folder)
        synth_archive.generate(size, seed, folder)
        (folder / ".complete").write_text("ok\n")
    return folder


def cpu() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


CPU: dict[str, float] = {}


def timed(fn, runs: int, name: str | None = None):
    """Best wall time of ``runs``; the CPU time of that run goes to ``CPU[name]``."""
    best, out = None, None
    for _ in range(runs):
        t, c = time.perf_counter(), cpu()
        out = fn()
        s, cs = time.perf_counter() - t, cpu() - c
        if best is None or s < best:
            best = s
            if name:
                CPU[name] = cs
    return best, out


def same(a, b) -> bool:
    (na, fa), (nb, fb) = a, b
    return na == nb and fa == fb and [repr(f) for f in fa] == [repr(f) for f in fb] \
        and [f.rule for f in fa] == [f.rule for f in fb]


def measure(corpus: Path, labels: tuple, workers: int, runs: int) -> dict:
    C, A = labels

    def reference():
        notes = parse_corpus(corpus)
        return notes, extract_facts(notes, C, A)

    rec: dict = {"corpus": str(corpus)}
    CPU.clear()
    rec["sequential"], ref = timed(reference, runs, "sequential")
    rec["notes"], rec["facts"] = len(ref[0]), len(ref[1])
    rec["chars"] = sum(len(p.read_text(encoding="utf-8")) for p in batch.corpus_files(corpus))
    ok = True

    def variant(name, fn):
        nonlocal ok
        rec[name], got = timed(fn, runs, name)
        if not same(ref, got):
            print(f"{corpus}: {name} differs from the sequential path", file=sys.stderr)
            ok = False

    variant("one process", lambda: batch.extract_corpus(corpus, C, A, workers=1))
    saved = batch.POOL_MIN_CHARS
    batch.POOL_MIN_CHARS = 0
    try:
        variant("pool", lambda: batch.extract_corpus(corpus, C, A, workers=workers))
    finally:
        batch.POOL_MIN_CHARS = saved
    variant("default", lambda: batch.extract_corpus(corpus, C, A, workers=workers))
    cold, warm = [], []
    for _ in range(runs):
        cache = Path(tempfile.mkdtemp(prefix="idmkg-facts-"))
        try:
            t, c = time.perf_counter(), cpu()
            got = batch.extract_corpus(corpus, C, A, workers=workers, cache_dir=cache)
            cold.append(time.perf_counter() - t)
            CPU["cold cache"] = cpu() - c
            ok &= same(ref, got)
            t, c = time.perf_counter(), cpu()
            got = batch.extract_corpus(corpus, C, A, workers=workers, cache_dir=cache)
            warm.append(time.perf_counter() - t)
            CPU["warm cache"] = cpu() - c
            ok &= same(ref, got)
        finally:
            shutil.rmtree(cache)
    rec["cold cache"], rec["warm cache"] = min(cold), min(warm)
    # the cross-note rules alone, on the per-note facts
    from idmkg.extract import attendance, combine
    from idmkg.extract.concepts import ConceptMatcher

    ordered = chronological(ref[0])
    m, fig = ConceptMatcher.from_labels(C), attendance.figure_pattern(A)
    per = [read_note(n, m, A, fig) for n in ordered]
    rec["resolve"], _ = timed(lambda: combine(ordered, per), runs, "resolve")
    rec["cpu"] = dict(CPU)
    rec["identical"] = ok
    return rec


COLUMNS = ["sequential", "one process", "pool", "default", "cold cache", "warm cache", "resolve"]


def table(recs: list[dict], workers: int) -> str:
    head = f"{'corpus':<34} {'notes':>5} {'kB':>6} " + " ".join(f"{c:>11}" for c in COLUMNS) + "  same"
    lines = [f"parse + extract, seconds (best of runs; pool = {workers} processes, forced on)", head,
             "-" * len(head)]
    for r in recs:
        name = Path(r["corpus"]).name if "notes" != Path(r["corpus"]).name else "notes/ (the five)"
        lines.append(f"{name:<34} {r['notes']:>5} {r['chars'] / 1000:>6.0f} "
                     + " ".join(f"{r[c]:>11.2f}" for c in COLUMNS) + f"  {'yes' if r['identical'] else 'NO'}")
        lines.append(f"{'  CPU s (this process + workers)':<47} "
                     + " ".join(f"{r['cpu'].get(c, float('nan')):>11.2f}" for c in COLUMNS))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=batch.default_workers())
    ap.add_argument("--five", action="store_true", help="also the project's notes (notes/)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    schema = load_schema()
    labels = extraction_labels(schema)
    corpora = ([resources.NOTES_DIR] if args.five else []) + [synthetic(n, args.seed) for n in args.sizes]
    recs = [measure(c, labels, args.workers, args.runs) for c in corpora]
    print(json.dumps(recs, indent=2) if args.json else table(recs, args.workers))
    print(f"POOL_MIN_CHARS = {batch.POOL_MIN_CHARS:,} characters of note text to read", file=sys.stderr)
    return 0 if all(r["identical"] for r in recs) else 1


if __name__ == "__main__":
    sys.exit(main())
