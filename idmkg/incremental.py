"""A build kept in memory, to which notes are added one at a time: each stage redoes only
what the new note changes, and the result is the full build's (tests/test_incremental.py).

What a notebook, the server or a curator's session holds while an archive grows::

    live = LiveBuild.start("notes/")          # a full build, kept
    change = live.add("new/IC-2011-4.txt")    # seconds for one note, even at 1,000 notes
    live.result.summary(); live.write("dist")

Stage by stage, for one added note:

- **extract**: only the new note is read (:func:`idmkg.extract.read_note`); the cross-note
  rules (:func:`idmkg.extract.combine`) run again over every note's kept raw facts, since a
  new note can settle what earlier notes left open, but only on the facts they read
  (:func:`idmkg.extract.resolve_scope.resolve_seen`: the properties their source names; the
  others, 60 per cent of a synthetic archive's facts, passed around them in place); the
  notes' raw facts, put together and split for the rules, are kept
  (:class:`idmkg.extract.resolve_scope.Combined`): a note written after all those held is
  appended to them, not every note's facts put together again;
- **assemble**: a note's graph is made again only if the facts it holds changed (usually
  the new note's alone), and ``derived`` is made again (:mod:`idmkg.assemble`);
- **infer**: :class:`idmkg.reason_counted.CountedClosure` takes the triples that entered
  and left the merge of the asserted graphs and says which inferred triples came and went;
- **working store**: those differences only are applied to the Oxigraph dataset;
- **SHACL**: :mod:`idmkg.shacl_focus` checks again only what the change can affect: the
  focus nodes it reaches (the subjects of the changed triples, and the nodes whose shapes
  reach them: through a value's class or a nested shape), and, for the whole-graph checks
  (``sh:targetNode``), the value nodes their queries reach from the changed triples; the
  rest keep their results, and a check it cannot follow runs in full.

Only what is cheap to keep is kept: the notes, their raw facts, the triples of each graph,
the counts of the closure and the validation results. The exports are written on demand
(:meth:`LiveBuild.write`, the same bytes as ``idmkg build``). Hand-entered facts
(``graph/curated.ttl``) are not supported here: with any, use a full build.
"""
from __future__ import annotations

import gc
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import resources
from .assemble import (Assembly, Seen, derived_inputs, derived_triples, facts_by_note, graph_name, note_triples,
                       year_refs_of)
from .dataset import Dataset
from .errors import IdmkgError, NoteError
from .extract import NoteRules, chronological
from .extract.batch import read_notes
from .extract.resolve_scope import Combined
from .infer import about_data, kept_prefixes
from .model import Note
from .namespaces import DEFAULT_BASE
from .parse import parse_note
from .pipeline import BuildResult, GraphsOnDemand, extraction_labels, load_curated, load_schema, write_outputs
from .reason import Closure
from .reason_counted import CountedClosure
from .shacl_focus import focus_of, revalidate, validate_all
from .validate import StoreLookup, compiled, report_from_results


@dataclass
class Change:
    """What one :meth:`LiveBuild.add` did: triples in and out at each level, the focus nodes
    validated again, and seconds per stage."""

    notes: list[str]
    graphs_changed: list[str]
    asserted_added: int = 0
    asserted_removed: int = 0
    inferred_added: int = 0
    inferred_removed: int = 0
    focus_nodes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


class LiveBuild:
    """A build held in memory (see the module docstring). Make one with :meth:`start`."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self.schema = load_schema()
        self._schema_triples = set(self.schema)
        self.shapes = resources.load_turtle(resources.SHAPES)
        self._engine = compiled(self.shapes)
        self._labels = extraction_labels(self.schema)   # (concept, attendance) wordings
        self._rules = NoteRules(*self._labels)
        self._closure_rules = Closure(self.schema)
        self.notes: dict[str, Note] = {}
        self._raw: dict[str, tuple] = {}
        self._asm = Assembly([], self.base)
        self.facts: list = []
        self._combined = Combined()             # the raw facts put together for the rules, kept
        self._by_note: dict[str, list] = {}
        self.graphs: dict[str, list] = {}
        self._seen: dict[str, Seen] = {}
        self._derived_made: dict = {}           # derived fact -> its triples (assemble.derived_triples)
        self._derived_set: set = set()          # the derived graph's triples, as a set
        self._counts: Counter = Counter()       # asserted triple -> graphs holding it
        self.closure: CountedClosure | None = None
        self.inferred: set[tuple] = set()
        self.dataset = Dataset()
        self._results: list[dict] = []
        self.report = None

    # -- making one ---------------------------------------------------------------------------

    @classmethod
    def start(cls, corpus: Path | str | None = None, base: str = DEFAULT_BASE, progress=None, *,
              workers: int | None = None, cache_dir: Path | str | None = None) -> LiveBuild:
        """A full build of ``corpus`` (default: the notes of the repository), kept. The notes
        are read as ``idmkg build`` reads them (:func:`idmkg.extract.batch.read_notes`):
        ``workers`` processes for a large corpus, and the facts cache ``cache_dir`` if given."""
        say = progress or (lambda message: None)
        live = cls(base)
        if len(load_curated(live.base)):
            raise IdmkgError(f"{resources.CURATED} holds hand-entered facts, which a live build does not "
                             "apply: use 'idmkg build'")
        say("parsing notes")
        reads = read_notes(corpus or resources.NOTES_DIR, *live._labels, workers=workers,
                           cache_dir=cache_dir, progress=say)
        live._raw.update((r.note.key, (r.facts, r.sections)) for r in reads)  # read: _update keeps them
        live._update([r.note for r in reads], say)
        return live

    # -- growing --------------------------------------------------------------------------

    def add(self, *items: Path | str | Note, progress=None) -> Change:
        """Add notes (parsed ``Note`` objects, or paths of notes in the corpus format) and
        bring every stage up to date. A note already held (same key or same text) is
        refused, and nothing changes."""
        say = progress or (lambda message: None)
        notes = [item if isinstance(item, Note) else parse_note(Path(item)) for item in items]
        texts = {n.sha256: n for n in self.notes.values()}
        keys: set[str] = set()
        for n in notes:
            if n.key in self.notes or n.key in keys:
                raise NoteError(n.source, f"note {n.key} is already in the graph")
            if n.sha256 in texts:
                raise NoteError(n.source, f"same text as {texts[n.sha256].source} ({texts[n.sha256].key})")
            keys.add(n.key)
        return self._update(notes, say)

    def _update(self, notes: list[Note], say) -> Change:
        with _collector_paused():
            return self._update_stages(notes, say)

    def _update_stages(self, notes: list[Note], say) -> Change:
        first = self.closure is None
        clock = _Clock()
        say(f"reading {len(notes)} note(s)")
        for n in notes:
            self.notes[n.key] = n
            if n.key not in self._raw:  # (start reads its notes ahead, through the pool and cache)
                self._raw[n.key] = self._rules.read(n)
            self._asm.know(n)
        clock.lap("extract")
        say("cross-note rules")
        ordered = chronological(list(self.notes.values()))
        self._combined.update([n.key for n in ordered], [self._raw[n.key] for n in ordered])
        self.facts = self._combined.resolved()
        clock.lap("resolve")
        say("assembling the changed graphs")
        changed = self._assemble({n.key for n in notes})
        clock.lap("assemble")
        added, removed = self._merge_delta(changed)
        say(f"inferring ({len(added)} asserted triples in, {len(removed)} out)")
        if first:
            self.closure = CountedClosure(self._closure_rules, added | self._schema_triples)
            came, gone = self.closure.derived(), set()
        else:
            came, gone = self.closure.update(added=added, removed=removed)
        keep = kept_prefixes(self.base)
        came = {t for t in came if about_data(t, keep)}
        gone = {t for t in gone if about_data(t, keep)}
        clock.lap("infer")
        plus, minus = self._complete_delta(added, removed, came, gone)
        say(f"updating the working store (+{len(plus)} -{len(minus)})")
        if first:
            self.dataset.add(self.schema)
        self.dataset.remove(minus)
        self.dataset.add(plus)
        clock.lap("load")
        focus = None if first else self._focus(plus | minus)
        say("validating (SHACL)" + ("" if first else f", {len(focus)} focus nodes"))
        self._validate(focus)
        clock.lap("validate")
        return Change(sorted(n.key for n in notes), sorted(changed), len(added), len(removed), len(came), len(gone),
                      0 if focus is None else len(focus), clock.laps)

    # -- stages -------------------------------------------------------------------------------

    def _assemble(self, new: set[str]) -> dict[str, list]:
        """The graphs whose triples must be made again: the notes whose facts changed and
        ``derived``; graph IRI -> old triples (empty for a new graph)."""
        by_note = facts_by_note(self.facts)
        changed: dict[str, list] = {}
        year_prefix = f"{self._asm.mint.base}id/year/"
        for key in sorted(self.notes):
            facts = by_note.get(key, [])
            if key not in new and facts == self._by_note.get(key):
                continue
            name = self._note_graph(key)
            changed[name] = self.graphs.get(name, [])
            triples = note_triples(self._asm, self.notes[key], facts)
            seen = Seen(None, year_prefix)
            seen.see(triples)
            self.graphs[name], self._seen[name], self._by_note[key] = triples, seen, facts
        years = year_refs_of(self.facts)
        mint = self._asm.mint
        seen = Seen.merged([self._seen[self._note_graph(k)] for k in sorted(self.notes)],
                           {mint(y) for y in years})
        name = graph_name(self.base, "derived")
        changed[name] = self.graphs.get(name, [])
        self.graphs[name] = derived_triples(self._asm, derived_inputs(self.facts), years, seen,
                                           self._derived_made)
        return changed

    def _merge_delta(self, changed: dict[str, list]) -> tuple[set, set]:
        """Triples that entered and left the merge of the asserted graphs."""
        counts = self._counts
        entered, left = set(), set()
        derived = graph_name(self.base, "derived")
        for name, old in changed.items():
            # the derived graph changes on every add and is the largest: its set is kept
            old_set = self._derived_set if name == derived else set(old)
            new_set = set(self.graphs[name])
            if name == derived:
                self._derived_set = new_set
            for t in old_set - new_set:
                counts[t] -= 1
                if not counts[t]:
                    del counts[t]
                    left.add(t)
            for t in new_set - old_set:
                counts[t] += 1
                if counts[t] == 1:
                    entered.add(t)
        both = entered & left                     # moved between graphs: still in the merge
        entered -= both
        left -= both
        schema = self._schema_triples
        return entered - schema, left - schema

    def _complete_delta(self, added, removed, came, gone) -> tuple[set, set]:
        """Triples that entered and left the complete graph (asserted + inferred + ontology);
        updates the inferred set."""
        inferred = self.inferred
        was_inferred = {t for t in added | removed if t in inferred}
        inferred -= gone
        inferred |= came
        schema, counts = self._schema_triples, self._counts

        def now(t):
            return t in counts or t in schema or t in inferred

        def before(t):
            asserted_before = (t in counts and t not in added) or t in removed
            inferred_before = (t in inferred and t not in came) or t in gone or t in was_inferred
            return asserted_before or t in schema or inferred_before

        candidates = added | removed | came | gone
        plus = {t for t in candidates if now(t) and not before(t)}
        minus = {t for t in candidates if before(t) and not now(t)}
        return plus, minus

    def _focus(self, changed: set[tuple]):
        """What SHACL must check again after ``changed`` (triples in or out of the working
        store, which holds the new data): :func:`idmkg.shacl_focus.focus_of`; its ``len`` is
        the number of focus nodes."""
        return focus_of(self._engine, self.dataset.store, changed)

    def _validate(self, focus) -> None:
        """SHACL results: all of them the first time; then only what the change can affect
        (:func:`idmkg.shacl_focus.revalidate`: the focus nodes, the value nodes of the
        whole-graph checks, the full run's results), the rest kept."""
        store = self.dataset.store
        if focus is None:
            self._results = validate_all(self._engine, store)
        else:
            self._results = revalidate(self._engine, store, self._results, focus)
        self.report = report_from_results(self._results, StoreLookup(store, self.base), self.shapes)
        self.report.add_inconsistencies(self.closure.inconsistencies())

    def _note_graph(self, key: str) -> str:
        return graph_name(self.base, f"note/{key}")

    # -- reading ------------------------------------------------------------------------------

    @property
    def result(self) -> BuildResult:
        """The live build as a :class:`idmkg.pipeline.BuildResult` (summary, exports)."""
        ordered = sorted(self.notes.values(), key=lambda n: n.key)
        names = [self._note_graph(n.key) for n in ordered] + [graph_name(self.base, "derived")]
        asserted = GraphsOnDemand({name: self.graphs[name] for name in names}, self.base)
        return BuildResult(ordered, self.facts, asserted, sorted(self.inferred, key=_order), self.schema, self.report,
                           base=self.base, dataset=self.dataset)

    def write(self, out: Path | str = "dist") -> list[Path]:
        """The exports, as ``idmkg build`` writes them (atomically)."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        return write_outputs(self.result, out)


@contextmanager
def _collector_paused():
    """Python's cycle collector off while an update runs, as it was after. A live build holds
    millions of objects (1.2 M at 300 notes); an update allocates enough to set off full
    collections, each of which walks all of them: 0.3-0.6 s of CPU per added note at 300
    notes, a quarter of the update (measured with gc callbacks). The update makes no cycles
    that matter; what it leaves is collected as usual afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _order(t: tuple) -> tuple:
    return tuple(str(x) for x in t)


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 4)
        self._last = now


