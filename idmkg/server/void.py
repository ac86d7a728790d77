"""The dataset's VoID/DCAT description as served at ``/.well-known/void``: the same
description the partner export carries (:func:`idmkg.describe.describe`), for the graphs
this server holds, with this server's SPARQL endpoint."""
from __future__ import annotations

import datetime as dt


def void_graph(snapshot, server_url: str):
    """An rdflib Graph describing the snapshot's named graphs (cached per snapshot)."""
    key = ("void", server_url)
    if key in snapshot.cache:
        return snapshot.cache[key]
    import pyoxigraph
    from rdflib import Graph, URIRef

    from ..describe import describe
    from ..store import rdflib_term as _rdflib_term

    # the named graphs of the file; the store's default graph is only their merge (a file
    # without named graphs, such as Turtle, has its triples there: then it is the one graph)
    graphs: dict[str, Graph] = {}
    named = [g for g in snapshot.store.named_graphs() if isinstance(g, pyoxigraph.NamedNode)]
    for name in named or [pyoxigraph.DefaultGraph()]:
        graph = graphs.setdefault(name.value if named else snapshot.base + "graph/default", Graph())
        for quad in snapshot.store.quads_for_pattern(None, None, None, name):
            graph.add((_rdflib_term(quad.subject), URIRef(quad.predicate.value), _rdflib_term(quad.object)))
    moment = dt.datetime.fromtimestamp(snapshot.stamp[0] // 1_000_000_000, tz=dt.timezone.utc)
    description = describe(graphs, [], snapshot.base, endpoint=server_url + "/sparql", moment=moment)
    snapshot.cache[key] = description
    return description
