# What goes into the inferred graph (as idmkg.infer.infer filters owlrl's closure): derived
# triples (reason:derived, never asserted nor in the ontology) about the data (base:id/...)
# or the concept scheme, no blank-node objects, no ?x owl:sameAs ?x, no owl:Thing or
# rdfs:Resource types.
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl:  <http://www.w3.org/2002/07/owl#>
INSERT { GRAPH target: { ?s ?p ?o } }
WHERE {
  GRAPH reason:new { ?s ?p ?o }
  FILTER (isIRI(?s) && (STRSTARTS(STR(?s), STR(data:)) || STRSTARTS(STR(?s), STR(concepts:))))
  FILTER (!isBlank(?o))
  FILTER (!(?p = owl:sameAs && sameTerm(?s, ?o)))
  FILTER (!(?p = rdf:type && (?o = owl:Thing || ?o = rdfs:Resource)))
}
