"""The cross-note rules (:mod:`.resolve`) run on the facts they can see, the others passed
around them: the same facts, in the same order, as :func:`.resolve.resolve` on all of them.

Most facts of a large archive are of properties no cross-note rule reads or makes (the
concepts each paragraph discusses, attendance figures, citations, symbols, ...): 60 per
cent at 300 synthetic notes. Each rule still walks, indexes or hashes every fact it is
given, so a live build (:mod:`idmkg.incremental`), which runs the rules again on every
added note, gives them only the facts they read.

Which facts those are is read from the rules themselves, not declared beside them: a fact
is *inert* when its property is named in no string of :mod:`.resolve`'s source (a rule
asks for a property by its CURIE: ``idx.values(p, "idm:candidate")``, ``f.prop ==
"idm:status"``), or when it is an ``rdf:type`` whose class is named in none (the rules ask
for the things of a class by name: ``idx.subjects("Proposal")``). A rule changed to read
another property names it, and its facts are then given to the rules; if the source
cannot be read, every fact is (:func:`inert_test` is None).

The order of the facts is kept: each run of consecutive inert facts is stood for, among
the facts the rules see, by one placeholder fact of a property no rule names; the rules
carry it along as they would carry the inert facts themselves (they leave in place the
facts they do not read), and it is replaced by them in the output.
"""
from __future__ import annotations

import importlib
import inspect
import re
from functools import lru_cache
from typing import Callable

from ..model import Fact, Ref, Rule

#: the rules' module (``idmkg.extract.resolve``, which the package's function ``resolve`` hides)
rules = importlib.import_module(__package__ + ".resolve")

#: a CURIE in a string literal: "idm:startDate", "skos:prefLabel", "rdf:type"
_CURIE = re.compile(r"""["']([a-z][a-z0-9]*:[A-Za-z_][A-Za-z0-9_]*)["']""")
#: a capitalised name in a string literal: "Proposal", "IntersessionalWorkshop"
_CLASS = re.compile(r"""["']([A-Z][A-Za-z0-9]*)["']""")

#: the property of the placeholders (named in no rule: see :func:`inert_test`)
GAP = "idm:_inertRun"


@lru_cache(maxsize=1)
def named_in_rules() -> tuple[frozenset[str], frozenset[str]] | None:
    """(properties, class names) named in a string of the rules' source; None if the source
    cannot be read."""
    try:
        source = inspect.getsource(rules)
    except (OSError, TypeError):
        return None
    props = frozenset(_CURIE.findall(source))
    classes = frozenset(_CLASS.findall(source))
    if GAP in props or "rdf:type" not in props:
        return None   # (a rule naming the placeholder's property, or reading types some other way)
    return props, classes


def inert_test() -> Callable[[Fact], bool] | None:
    """``fact -> True`` when no cross-note rule reads or makes a fact like it; None when that
    cannot be told (then every fact goes to the rules)."""
    named = named_in_rules()
    if named is None:
        return None
    props, classes = named

    def inert(f: Fact) -> bool:
        prop = f.prop
        if prop == "rdf:type":
            value = f.value
            return type(value) is Ref and value.kind == "class" and value.key not in classes
        return prop not in props

    return inert


def split(facts: list[Fact], inert: Callable[[Fact], bool]) -> tuple[list[Fact], dict[Fact, list[Fact]]]:
    """(the facts the rules see, with a placeholder for each run of inert facts; placeholder
    -> the run it stands for)."""
    seen: list[Fact] = []
    runs: dict[Fact, list[Fact]] = {}
    _split_on(facts, inert, seen, runs, None)
    return seen, runs


def _split_on(facts, inert: Callable[[Fact], bool] | None, seen: list[Fact], runs: dict[Fact, list[Fact]],
              run: list[Fact] | None) -> list[Fact] | None:
    """Split ``facts`` on into ``seen`` and ``runs`` (as :func:`split` does), continuing the
    run of inert facts ``run`` left open by the facts before them; gives the run left open
    (every fact is seen when ``inert`` is None)."""
    for f in facts:
        if inert is not None and inert(f):
            if run is None:
                run = []
                gap = _placeholder(len(runs))
                runs[gap] = run
                seen.append(gap)
            run.append(f)
        else:
            run = None
            seen.append(f)
    return run


def spliced(resolved: list[Fact], runs: dict[Fact, list[Fact]]) -> list[Fact] | None:
    """``resolved`` with each placeholder replaced by the run it stands for; None if a rule
    dropped or repeated a placeholder (then the rules must see every fact)."""
    out: list[Fact] = []
    for f in resolved:
        run = runs.get(f) if f.prop == GAP else None
        if run is None:
            out.append(f)
        else:
            out.extend(run)
    if sum(1 for f in resolved if f.prop == GAP) != len(runs):
        return None
    return out


def resolve_seen(facts: list[Fact], note_order: dict[str, int], sections: dict) -> list[Fact]:
    """:func:`.resolve.resolve` on ``facts``, the inert ones passed around the rules."""
    inert = inert_test()
    if inert is None:
        return rules.resolve(facts, note_order, sections)
    seen, runs = split(facts, inert)
    out = spliced(rules.resolve(seen, note_order, sections), runs)
    return rules.resolve(facts, note_order, sections) if out is None else out


def _placeholder(i: int) -> Fact:
    """The ``i``-th placeholder: the same object every time (made once, hash cached)."""
    while len(_PLACEHOLDERS) <= i:
        n = len(_PLACEHOLDERS)
        _PLACEHOLDERS.append(Fact(Ref("inertRun", str(n)), GAP, n, (), rule=_PLACEHOLDER))
    return _PLACEHOLDERS[i]


_PLACEHOLDERS: list[Fact] = []

#: the rule a placeholder names (given, so that none is looked up per placeholder)
_PLACEHOLDER = Rule("resolve_scope/split", "")


class Combined:
    """The notes' raw facts put together as :func:`idmkg.extract.combine` puts them (in the
    notes' order, each fact once, the sections of every note) and split for the rules as
    :func:`resolve_seen` splits them, kept between the calls of a live build: notes added
    after all those held (the usual case: an archive grows with its newest notes) are
    appended, their facts split on from where the last note's ended; notes added anywhere
    else put everything together again. :meth:`resolved` gives :func:`resolve_seen`'s facts
    on the same notes (tests/test_resolve_scope.py)."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.keys: list[str] = []
        self.facts: dict[Fact, None] = {}
        self.sections: dict = {}
        self.seen: list[Fact] = []
        self.runs: dict[Fact, list[Fact]] = {}
        self._run: list[Fact] | None = None
        self._inert = inert_test()

    def update(self, keys: list[str], per_note: list[tuple[list[Fact], dict]]) -> None:
        """Bring it to the notes ``keys`` (in the order they were written) with their raw
        facts and sections ``per_note``."""
        held = len(self.keys)
        if self.keys != keys[:held]:
            self._reset()
            held = 0
        for key, (note_facts, note_sections) in zip(keys[held:], per_note[held:]):
            self._append(note_facts)
            self.sections.update(note_sections)
            self.keys.append(key)

    def _append(self, note_facts: list[Fact]) -> None:
        facts, fresh = self.facts, []
        for f in note_facts:
            if f not in facts:
                facts[f] = None
                fresh.append(f)
        self._run = _split_on(fresh, self._inert, self.seen, self.runs, self._run)

    def resolved(self) -> list[Fact]:
        """:func:`.resolve.resolve` on the facts held, the inert ones passed around the rules."""
        note_order = {key: i for i, key in enumerate(self.keys)}
        if self._inert is None:
            return rules.resolve(list(self.facts), note_order, self.sections)
        out = spliced(rules.resolve(list(self.seen), note_order, self.sections), self.runs)
        return rules.resolve(list(self.facts), note_order, self.sections) if out is None else out
