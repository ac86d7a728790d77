"""OWL 2 RL inference run inside an Oxigraph store, by rules written as SPARQL Update.

The rules (``ontology/rules/owl2rl-subset.ru``) are the ones :mod:`idmkg.reason` applies
in Python: cax-sco, cax-eqc, prp-spo1, prp-eqp, prp-inv, prp-symp, prp-trp, prp-dom,
prp-rng; cax-dw is a check (``cax-dw.rq``; ``cax-dw-added.rq`` for an added note) and
prp-fp a detection (``prp-fp.rq``) that makes the reasoner refuse, as :mod:`idmkg.reason`
does, so the caller falls back to owlrl.

They run semi-naively to a fixpoint, in working graphs of the store:

- ``closure``: everything known (the data graphs, the ontology, what was derived);
- ``delta``: what the previous round derived (round 0: the closure itself);
- ``new``: what this round derives that the closure does not hold yet.

What was derived is filtered as :func:`idmkg.infer.infer` filters owlrl's closure
(``keep.ru``) into the target graph. The closure graph stays in the store (unless
``keep_closure=False``) so that :func:`add_graph_in_store` can add one note later and
derive only what its triples entail, plus the transitive chains through them; the result
equals a full run (``tests/test_reason_store.py``). The schema must not change between the two.
"""
from __future__ import annotations

from functools import cache

from .errors import IdmkgError
from .reason import UnsupportedOntology, _check_supported
from .resources import RULES_DIR

WORK = "urn:idmkg:reason:"
CLOSURE, DELTA, NEW, ADDED = WORK + "closure", WORK + "delta", WORK + "new", WORK + "added"
#: one round can at most double a transitive chain; far more rounds than that means a bug
MAX_ROUNDS = 200


@cache
def _text(name: str) -> str:
    path = RULES_DIR / name
    if not path.is_file():
        raise IdmkgError(f"{path}: rules file not found (set IDMKG_HOME to the idmkg project folder?)")
    return path.read_text(encoding="utf-8")


def _prefixes(target_graph: str, base: str) -> dict[str, str]:
    from .namespaces import IDMC

    return {"reason": WORK, "target": target_graph, "data": base + "id/", "concepts": str(IDMC)}


def _node(iri: str):
    import pyoxigraph

    return pyoxigraph.NamedNode(iri)


def check_schema(store, schema_graph: str) -> None:
    """Refuse (:class:`UnsupportedOntology`) an ontology using constructs the rules lack,
    with the same check as :mod:`idmkg.reason`."""
    import pyoxigraph
    from rdflib import Graph

    data = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=_node(schema_graph))
    schema = Graph()
    schema.parse(data=data.decode("utf-8"), format="nt")
    _check_supported(schema)


def _fixpoint(store, prefixes: dict, first_delta: str, track: bool = False) -> int:
    """Apply the rules until a round derives nothing; every derived triple ends in the closure
    (and, if ``track``, in the ``added`` graph), filtered into the target. Returns the number
    of rounds."""
    rules = _text("owl2rl-subset.ru")
    delta = first_delta
    for rounds in range(1, MAX_ROUNDS + 1):
        store.update(rules.replace("reason:delta", f"<{delta}>"), prefixes=prefixes)
        new = _node(NEW)
        if not any(True for _ in store.quads_for_pattern(None, None, None, new)):
            return rounds
        store.update(_text("keep.ru"), prefixes=prefixes)  # filtered into the target, round by round
        store.update(f"ADD <{NEW}> TO <{CLOSURE}> ; " + (f"ADD <{NEW}> TO <{ADDED}> ; " if track else "")
                     + f"DROP SILENT GRAPH <{DELTA}> ; MOVE <{NEW}> TO <{DELTA}>")
        delta = DELTA
    raise IdmkgError(f"{RULES_DIR / 'owl2rl-subset.ru'}: no fixpoint after {MAX_ROUNDS} rounds")


def _checks(store, prefixes: dict, scope: str) -> list[str]:
    """prp-fp (refusal) and cax-dw (inconsistencies) where one premise is in ``scope``."""
    def query(name):
        return store.query(_text(name).replace("reason:scope", f"<{scope}>"), prefixes=prefixes)

    for row in query("prp-fp.rq"):
        raise UnsupportedOntology(f"functional property {row['p']} has several values on {row['x']}: "
                                  "owl:sameAs reasoning needed")
    errors = {f"Disjoint classes {row['c'].value} and {row['d'].value} have a common individual {row['x'].value}"
              for row in query("cax-dw.rq" if scope == CLOSURE else "cax-dw-added.rq")}
    return sorted(" ".join(e.split()) for e in errors)


def _clear_work(store, keep_closure: bool) -> None:
    drops = [DELTA, NEW, ADDED] + ([] if keep_closure else [CLOSURE])
    store.update(" ; ".join(f"DROP SILENT GRAPH <{g}>" for g in drops))


def infer_in_store(store, data_graphs: list[str], schema_graph: str, target_graph: str, base: str,
                   keep_closure: bool = True) -> list[str]:
    """Write into ``target_graph`` (emptied first) the triples OWL 2 RL entails from the data
    graphs + the schema graph that none of them states, filtered as :func:`idmkg.infer.infer`
    does; return the inconsistencies (owlrl's wording, sorted). Raises
    :class:`UnsupportedOntology` where the rules are not enough (the caller uses owlrl)."""
    check_schema(store, schema_graph)
    prefixes = _prefixes(target_graph, base)
    _clear_work(store, keep_closure=False)
    sources = [*data_graphs, schema_graph]
    store.update(" ; ".join([f"DROP SILENT GRAPH <{target_graph}>"]
                            + [f"ADD SILENT <{g}> TO <{CLOSURE}>" for g in sources]))
    try:
        _fixpoint(store, prefixes, CLOSURE)
        errors = _checks(store, prefixes, CLOSURE)
    except BaseException:
        _clear_work(store, keep_closure=False)
        raise
    _clear_work(store, keep_closure)
    return errors


def add_graph_in_store(store, graph: str, target_graph: str, base: str, errors: list[str] = ()) -> list[str]:
    """After :func:`infer_in_store` (closure kept), add the triples of one more data graph
    (a note): derive what they entail, update ``target_graph`` (what the new graph asserts is
    no longer inferred), and return the inconsistencies of the whole: ``errors`` (those known
    before) and the ones involving a triple the note brought. Semi-naive: round 0's delta is
    only the triples the closure did not hold; the checks look only at what was added."""
    prefixes = _prefixes(target_graph, base)
    if not any(True for _ in store.quads_for_pattern(None, None, None, _node(CLOSURE))):
        raise IdmkgError(f"no closure in the store to add <{graph}> to: run infer_in_store first")
    _clear_work(store, keep_closure=True)
    store.update(f"""
        INSERT {{ GRAPH <{DELTA}> {{ ?s ?p ?o }} }}
        WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH <{CLOSURE}> {{ ?s ?p ?o }} }} }} ;
        ADD <{DELTA}> TO <{CLOSURE}> ;
        ADD <{DELTA}> TO <{ADDED}> ;
        DELETE {{ GRAPH <{target_graph}> {{ ?s ?p ?o }} }}
        WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}""")
    try:
        _fixpoint(store, prefixes, DELTA, track=True)
        found = _checks(store, prefixes, ADDED)
    finally:
        _clear_work(store, keep_closure=True)
    return sorted(set(errors) | set(found))
