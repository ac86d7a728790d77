"""The OWL 2 RL closure kept up to date as triples come and go, by counting support.

The rules the ontology uses (:mod:`idmkg.reason`) each have one premise as long as no
property is transitive, so what a set of triples entails is the union of what each triple
entails alone (:meth:`idmkg.reason.Closure.consequences`). Counting, for every entailed
triple, how many input triples entail it makes removal as cheap as addition: a triple
stays derived while its count is above zero (no delete-and-rederive pass is needed).

:class:`CountedClosure` holds the input (asserted data and the schema), the counts, and
what the disjointness and functional-property checks need, per subject; :meth:`update`
applies a change and says which derived triples appeared and disappeared. Its derived set
equals :meth:`idmkg.reason.Closure.derive` of the same input (tests/test_incremental.py).
An ontology with a transitive property, or data where a functional property takes two
values (OWL would equate them), raises :class:`idmkg.reason.UnsupportedOntology`: the
caller then rebuilds in full, where owlrl decides.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from rdflib.namespace import RDF

from .reason import Closure, UnsupportedOntology


class CountedClosure:
    """Input triples, the derived triples with their support counts, and the per-subject
    index the consistency checks read."""

    def __init__(self, closure: Closure, triples: Iterable[tuple]):
        self.closure = closure
        self.input: set[tuple] = set()
        self.support: Counter = Counter()
        #: transitive steps (prp-trp) in force: derived triples that count as premises
        self.steps: set[tuple] = set()
        self._edges: dict = {p: defaultdict(set) for p in closure.transitive}  # p -> s -> {o} held
        self._types: dict = defaultdict(Counter)      # subject -> class -> 1 while held
        self._values: dict = defaultdict(Counter)     # (subject, functional property) -> value -> 1
        self.errors: dict = {}                        # subject -> inconsistency messages
        self.update(added=triples)

    # -- reading --------------------------------------------------------------------------

    def derived(self) -> set[tuple]:
        """The entailed triples the input does not hold (what ``Closure.derive`` returns)."""
        return {t for t, n in self.support.items() if n > 0 and t not in self.input}

    def holds(self, triple: tuple) -> bool:
        return triple in self.input or self.support.get(triple, 0) > 0

    def inconsistencies(self) -> list[str]:
        return sorted(m for messages in self.errors.values() for m in messages)

    # -- changing -------------------------------------------------------------------------

    def update(self, added: Iterable[tuple] = (), removed: Iterable[tuple] = ()) -> tuple[set, set]:
        """Remove then add input triples; returns (derived triples that appeared, derived
        triples that went): triples entailed and not in the input, before and after."""
        self._snap: dict[tuple, tuple[bool, bool]] = {}
        removed = [t for t in removed if t in self.input]
        added = [t for t in added if t not in self.input]
        steps = sorted(self.steps, key=str)
        self._premises(steps, -1, virtual=True)        # transitive steps are worked out again below
        self.steps = set()
        self._premises(removed, -1)
        self._premises(added, +1)
        self._transitive_steps()
        came, gone, touched = set(), set(), set()
        for t, (was_input, was_supported) in self._snap.items():
            is_input, is_supported = t in self.input, self.support.get(t, 0) > 0
            was, now = was_supported and not was_input, is_supported and not is_input
            if now and not was:
                came.add(t)
            elif was and not now:
                gone.add(t)
            held_before, held_now = was_input or was_supported, is_input or is_supported
            if held_before != held_now:
                self._index(t, held_now, touched)
        self._check(touched)
        return came, gone

    def _premises(self, triples, sign: int, virtual: bool = False) -> None:
        """Add (sign +1) or remove (-1) premises: input triples, or transitive steps
        (``virtual``: derived, so supported by the step itself)."""
        consequences, support, inp, snap = self.closure.consequences, self.support, self.input, self._snap
        for t in triples:
            if t not in snap:
                snap[t] = (t in inp, support.get(t, 0) > 0)
            if virtual:
                support[t] += sign
            elif sign > 0:
                inp.add(t)
            else:
                inp.discard(t)
            for x in consequences(t):
                if x not in snap:
                    snap[x] = (x in inp, support.get(x, 0) > 0)
                n = support[x] + sign
                if n:
                    support[x] = n
                else:
                    del support[x]
            if virtual and support[t] == 0:
                del support[t]

    def _transitive_steps(self) -> None:
        """prp-trp to a fixpoint: each transitive property's held pairs closed, the missing
        pairs added as premises (their own consequences may add pairs: repeat)."""
        transitive = self.closure.transitive
        if not transitive:
            return
        while True:
            new = []
            for p in sorted(transitive, key=str):
                succ = self._held_edges(p)
                for s in sorted(succ, key=str):
                    seen, todo = set(), list(succ[s])
                    while todo:
                        o = todo.pop()
                        if o in seen:
                            continue
                        seen.add(o)
                        todo.extend(succ.get(o, ()))
                    new += [(s, p, o) for o in seen if not self.holds((s, p, o))]
            if not new:
                return
            new = list(dict.fromkeys(new))
            self.steps.update(new)
            self._premises(new, +1, virtual=True)

    def _held_edges(self, p) -> dict:
        """``p``'s pairs the closure holds now (index plus what changed since the last update)."""
        succ = {s: set(os) for s, os in self._edges[p].items()}
        for t in self._snap:
            if t[1] == p:
                s, _, o = t
                if self.holds(t):
                    succ.setdefault(s, set()).add(o)
                elif o in succ.get(s, ()):
                    succ[s].discard(o)
        return succ

    def _index(self, t: tuple, held: bool, touched: set) -> None:
        s, p, o = t
        if p in self._edges:
            if held:
                self._edges[p][s].add(o)
            else:
                self._edges[p][s].discard(o)
        if p == RDF.type:
            counts = self._types[s]
        elif p in self.closure.functional:
            counts = self._values[(s, p)]
        else:
            return
        if held:
            counts[o] = 1
        else:
            counts.pop(o, None)
        touched.add(s)

    def _check(self, subjects: set) -> None:
        """cax-dw and prp-fp for the subjects whose types or functional values changed,
        worded as :meth:`idmkg.reason.Closure._errors` words them."""
        disjoint = self.closure.disjoint
        for s in subjects:
            cs = self._types.get(s, ())
            errors = [f"Disjoint classes {c.n3()} and {d.n3()} have a common individual {s.n3()}"
                      for c in cs for d in disjoint.get(c, ()) if d in cs and str(c) < str(d)]
            if errors:
                self.errors[s] = errors
            else:
                self.errors.pop(s, None)
            for p in self.closure.functional:
                if len(self._values.get((s, p), ())) > 1:
                    raise UnsupportedOntology(f"functional property {p.n3()} has several values on {s.n3()}: "
                                              "owl:sameAs reasoning needed")
