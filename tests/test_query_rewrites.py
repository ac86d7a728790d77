"""The catalogue queries rewritten for Oxigraph's planner give exactly the rows of the texts
they replace (tests/data/queries-before/, the catalogue as it was), in the same order, on
both engines, on the five notes. The speed is measured by bench/query_rewrites.py on a
large archive, not here."""
from __future__ import annotations

from pathlib import Path

import pytest

from idmkg.queries import load_catalogue, run_query

BEFORE = Path(__file__).parent / "data" / "queries-before"
OLD = load_catalogue(BEFORE)
NEW = load_catalogue()
ENGINES = ("oxigraph", "rdflib")
#: queries whose ORDER BY had ties, now broken by more keys: the old keys that are columns (the
#: new order refines the old one, so these columns come in the same sequence)
TIE_BROKEN = {"lineage-edges": ("kind", "source", "target", "note", "part", "start"),
              "paragraphs-about": ("noteLabel", "number", "tagLabel", "paragraph")}
#: values beyond the examples where a rewrite moved a parameter's filter: by IRI, by label
MORE = {"concept-timeline": [{"concept": "idmc:human-rights"}, {"concept": "Human Rights"}],
        "extraction-rules": [{"rule": "themes/propose"}]}
# (h8-q2) paragraphs-about decides its tags before the paragraphs join: the concept by IRI and by
# a label in another case, with and without the narrower concepts
MORE.update({"paragraphs-about": [{"concept": "idmc:human-rights"}, {"concept": "idmc:human-rights", "narrower": True},
                                  {"concept": "Human Rights", "narrower": True}]})


def cases(query) -> list[dict]:
    """Parameter sets to run a query with: its examples; each value of an enum; and the
    required parameters alone (an optional parameter left out is another query plan)."""
    examples = {p.name: p.example for p in query.params}
    out = [examples, {p.name: p.example for p in query.params if p.required}]
    for p in query.params:
        for value in p.enum or ():
            out.append({**examples, p.name: value})
    out.extend(MORE.get(query.name, []))
    unique = []
    for params in out:
        if params not in unique:
            unique.append(params)
    return unique


CASES = [(name, params) for name in sorted(OLD) for params in cases(NEW[name])]


def test_every_old_query_is_still_in_the_catalogue_with_the_same_parameters():
    assert set(OLD) <= set(NEW)
    for name, old in OLD.items():
        new = NEW[name]
        assert [(p.name, p.type, p.enum, p.default, p.required) for p in old.params] == \
               [(p.name, p.type, p.enum, p.default, p.required) for p in new.params], name
        assert (old.summary, old.tags) == (new.summary, new.tags), name


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}-{'-'.join(map(str, p.values())) or 'none'}"
                                                     for n, p in CASES])
def test_rewritten_query_gives_the_same_rows_in_the_same_order(built_ttl, name, params, engine):
    old = run_query(name, params, graph=built_ttl, folder=BEFORE, engine=engine, timeout=None)
    new = run_query(name, params, graph=built_ttl, engine=engine, timeout=None)
    assert new.vars == old.vars
    if name in TIE_BROKEN:   # the old order was not total: same rows, the old keys in the same order
        assert sorted(new.key()) == sorted(old.key())
        assert [tuple(r[v] for v in TIE_BROKEN[name]) for r in new.rows] == \
               [tuple(r[v] for v in TIE_BROKEN[name]) for r in old.rows]
    else:
        assert new.rows == old.rows
    assert len(new) > 0, f"{name} {params}: no rows, nothing compared"


@pytest.mark.parametrize("name, params", [c for c in CASES if c[0] in TIE_BROKEN],
                         ids=[f"{n}-{'-'.join(map(str, p.values())) or 'none'}" for n, p in CASES if n in TIE_BROKEN])
def test_a_total_order_is_the_same_on_both_engines(built_ttl, name, params):
    """Through the worker (the default) and in process, and on rdflib: one order."""
    reference = run_query(name, params, graph=built_ttl, engine="rdflib", timeout=None)
    for timeout in (None, 30):
        fast = run_query(name, params, graph=built_ttl, timeout=timeout)
        assert fast.key(canonical=True) == reference.key(canonical=True), timeout
    keys = reference.key()
    assert len(keys) > 1


def test_the_comparison_can_fail(built_ttl, tmp_path):
    """A text that drops one note's row is caught: the comparison above is not vacuous."""
    source = (BEFORE / "documents.rq").read_text(encoding="utf-8")
    text = source.replace("\n}\nORDER BY", "\n  FILTER(!BOUND(?symbol) || STR(?symbol) != \"IC/2009/1\")\n}\nORDER BY")
    assert text != source
    (tmp_path / "documents.rq").write_text(text, encoding="utf-8")
    for engine in ENGINES:
        old = run_query("documents", graph=built_ttl, folder=BEFORE, engine=engine, timeout=None)
        new = run_query("documents", graph=built_ttl, folder=tmp_path, engine=engine, timeout=None)
        assert len(new) == len(old) - 1


# ---- the same check on a synthetic archive (bench/synth_archive.py): more notes per year, more
# citations between notes, re-proposed themes; other rows than the five notes give

BENCH = Path(__file__).parent.parent / "bench"
SYNTH_NOTES = 12


@pytest.fixture(scope="module")
def synth_ttl(tmp_path_factory):
    """A 12-note synthetic archive (invented notes, 6 years of 2), built once (fast reasoner)."""
    import sys

    sys.path.insert(0, str(BENCH))
    import synth_archive

    from idmkg.pipeline import build

    tmp = tmp_path_factory.mktemp("synth")
    synth_archive.generate(SYNTH_NOTES, 7, tmp / "notes")
    result = build(tmp / "notes", out=tmp / "dist", check=False)
    return next(p for p in result.outputs if p.suffix == ".ttl")


#: the parameter-free case and the required parameters alone (the examples name themes of the
#: real notes, which the synthetic archive does not have)
SYNTH_CASES = sorted({(name, tuple(sorted((p.name, p.example) for p in NEW[name].params if p.required)))
                      for name in OLD})


@pytest.mark.parametrize("name, params", SYNTH_CASES,
                         ids=[f"{n}-{'-'.join(str(v) for _, v in p) or 'none'}" for n, p in SYNTH_CASES])
def test_rewritten_query_gives_the_same_rows_in_the_same_order_on_a_synthetic_archive(synth_ttl, name, params):
    """On each engine, old and new text: the same rows in the same order (the tie-broken
    queries: the same rows, the old keys in the same order); across engines, rdflib's rows
    being the reference, the same rows up to the integer datatypes Oxigraph canonicalises
    (Result.key(canonical=True))."""
    params = dict(params)
    reference = run_query(name, params, graph=synth_ttl, folder=BEFORE, engine="rdflib", timeout=None)
    for engine in ENGINES:
        old = run_query(name, params, graph=synth_ttl, folder=BEFORE, engine=engine, timeout=None)
        new = run_query(name, params, graph=synth_ttl, engine=engine, timeout=None)
        assert new.vars == old.vars == reference.vars, engine
        if name in TIE_BROKEN:
            assert sorted(new.key()) == sorted(old.key()), engine
            assert [tuple(r[v] for v in TIE_BROKEN[name]) for r in new.rows] == \
                   [tuple(r[v] for v in TIE_BROKEN[name]) for r in old.rows], engine
            assert sorted(new.key(canonical=True)) == sorted(reference.key(canonical=True)), engine
        else:
            assert new.rows == old.rows, engine
            assert new.key(canonical=True) == reference.key(canonical=True), engine


@pytest.mark.parametrize("name", ["carried-forward", "cross-references", "lineage-edges", "lineage-nodes",
                                  "title-variants", "annual-themes", "meetings", "documents"])
def test_the_synthetic_archive_gives_the_rewritten_queries_rows_to_compare(synth_ttl, name):
    params = {p.name: p.example for p in NEW[name].params if p.required}
    assert len(run_query(name, params, graph=synth_ttl, engine="oxigraph", timeout=None)) > 0


# ---- (h8-q2) paragraphs-about on the synthetic archive with narrower=true too (its tags are now
# decided with the concept, before the paragraphs join): rows to compare, same rows, same order

@pytest.mark.parametrize("narrower", [False, True])
def test_paragraphs_about_on_a_synthetic_archive_with_and_without_narrower(synth_ttl, narrower):
    params = {"concept": NEW["paragraphs-about"].param("concept").example, "narrower": narrower}
    reference = run_query("paragraphs-about", params, graph=synth_ttl, folder=BEFORE, engine="rdflib", timeout=None)
    assert len(reference) > 0
    for engine in ENGINES:
        old = run_query("paragraphs-about", params, graph=synth_ttl, folder=BEFORE, engine=engine, timeout=None)
        new = run_query("paragraphs-about", params, graph=synth_ttl, engine=engine, timeout=None)
        assert new.vars == old.vars
        assert sorted(new.key()) == sorted(old.key()), engine
        assert [tuple(r[v] for v in TIE_BROKEN["paragraphs-about"]) for r in new.rows] == \
               [tuple(r[v] for v in TIE_BROKEN["paragraphs-about"]) for r in old.rows], engine
        assert sorted(new.key(canonical=True)) == sorted(reference.key(canonical=True)), engine


# ---- (h9) lineage-edges reads the quoted part and its note from the annotation (idm:quotedPart,
# idm:quotedNote, written by the build) instead of walking oa:hasTarget/oa:hasSource and
# (idm:partOf|idm:paragraphOf)+ per row. Its previous text (tests/data/queries-before/h9/, whose
# order was already total): exactly the same rows in the same order, on both engines, on the
# five notes and on the synthetic archive (the comparison with the first text above holds too)

BEFORE_H9 = BEFORE / "h9"
H9 = sorted(load_catalogue(BEFORE_H9))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", H9)
def test_h9_rewrite_gives_the_same_rows_in_the_same_order(built_ttl, synth_ttl, name, engine):
    for graph in (built_ttl, synth_ttl):
        old = run_query(name, graph=graph, folder=BEFORE_H9, engine=engine, timeout=None)
        new = run_query(name, graph=graph, engine=engine, timeout=None)
        assert new.vars == old.vars
        assert new.rows == old.rows, graph
        assert len(new) > 10, graph


def test_h9_rewrite_on_both_engines_is_one_answer(synth_ttl):
    """Oxigraph's rows (through the worker) are rdflib's, the reference, in order."""
    for name in H9:
        reference = run_query(name, graph=synth_ttl, engine="rdflib", timeout=None)
        fast = run_query(name, graph=synth_ttl, timeout=30)
        assert fast.key(canonical=True) == reference.key(canonical=True)
