# OWL 2 RL rules for the constructs idm.ttl uses, as SPARQL 1.1 Update, applied by
# idmkg.reason_store semi-naively until nothing new is derived.
#
# Graphs (prefixes supplied by idmkg.reason_store):
#   reason:closure  everything known so far: data + ontology + what was derived (W)
#   reason:delta    what the previous round derived (round 0: the closure itself)
#   reason:new      what this round derives: conclusions not yet in the closure
# Each rule reads one body atom from the delta and the rest from the closure, so a round
# only does work for what changed. Schema axioms are read from the closure.
# Literal objects never become subjects (as in owlrl and idmkg.reason).
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl:  <http://www.w3.org/2002/07/owl#>

# cax-sco: T(?c rdfs:subClassOf ?d), T(?x rdf:type ?c) -> T(?x rdf:type ?d)
INSERT { GRAPH reason:new { ?x rdf:type ?d } }
WHERE {
  GRAPH reason:delta { ?x rdf:type ?c }
  GRAPH reason:closure { ?c rdfs:subClassOf ?d }
  FILTER NOT EXISTS { GRAPH reason:closure { ?x rdf:type ?d } }
} ;

# cax-eqc1: T(?c owl:equivalentClass ?d), T(?x rdf:type ?c) -> T(?x rdf:type ?d)
INSERT { GRAPH reason:new { ?x rdf:type ?d } }
WHERE {
  GRAPH reason:delta { ?x rdf:type ?c }
  GRAPH reason:closure { ?c owl:equivalentClass ?d }
  FILTER NOT EXISTS { GRAPH reason:closure { ?x rdf:type ?d } }
} ;

# cax-eqc2: T(?c owl:equivalentClass ?d), T(?x rdf:type ?d) -> T(?x rdf:type ?c)
INSERT { GRAPH reason:new { ?x rdf:type ?c } }
WHERE {
  GRAPH reason:delta { ?x rdf:type ?d }
  GRAPH reason:closure { ?c owl:equivalentClass ?d }
  FILTER NOT EXISTS { GRAPH reason:closure { ?x rdf:type ?c } }
} ;

# prp-spo1: T(?p rdfs:subPropertyOf ?q), T(?x ?p ?y) -> T(?x ?q ?y)
INSERT { GRAPH reason:new { ?x ?q ?y } }
WHERE {
  GRAPH reason:closure { ?p rdfs:subPropertyOf ?q }
  GRAPH reason:delta { ?x ?p ?y }
  FILTER NOT EXISTS { GRAPH reason:closure { ?x ?q ?y } }
} ;

# prp-eqp1: T(?p owl:equivalentProperty ?q), T(?x ?p ?y) -> T(?x ?q ?y)
INSERT { GRAPH reason:new { ?x ?q ?y } }
WHERE {
  GRAPH reason:closure { ?p owl:equivalentProperty ?q }
  GRAPH reason:delta { ?x ?p ?y }
  FILTER NOT EXISTS { GRAPH reason:closure { ?x ?q ?y } }
} ;

# prp-eqp2: T(?p owl:equivalentProperty ?q), T(?x ?q ?y) -> T(?x ?p ?y)
INSERT { GRAPH reason:new { ?x ?p ?y } }
WHERE {
  GRAPH reason:closure { ?p owl:equivalentProperty ?q }
  GRAPH reason:delta { ?x ?q ?y }
  FILTER NOT EXISTS { GRAPH reason:closure { ?x ?p ?y } }
} ;

# prp-inv1: T(?p owl:inverseOf ?q), T(?x ?p ?y) -> T(?y ?q ?x)
INSERT { GRAPH reason:new { ?y ?q ?x } }
WHERE {
  GRAPH reason:closure { ?p owl:inverseOf ?q }
  GRAPH reason:delta { ?x ?p ?y }
  FILTER (!isLiteral(?y))
  FILTER NOT EXISTS { GRAPH reason:closure { ?y ?q ?x } }
} ;

# prp-inv2: T(?p owl:inverseOf ?q), T(?x ?q ?y) -> T(?y ?p ?x)
INSERT { GRAPH reason:new { ?y ?p ?x } }
WHERE {
  GRAPH reason:closure { ?p owl:inverseOf ?q }
  GRAPH reason:delta { ?x ?q ?y }
  FILTER (!isLiteral(?y))
  FILTER NOT EXISTS { GRAPH reason:closure { ?y ?p ?x } }
} ;

# prp-symp: T(?p rdf:type owl:SymmetricProperty), T(?x ?p ?y) -> T(?y ?p ?x)
INSERT { GRAPH reason:new { ?y ?p ?x } }
WHERE {
  GRAPH reason:closure { ?p rdf:type owl:SymmetricProperty }
  GRAPH reason:delta { ?x ?p ?y }
  FILTER (!isLiteral(?y))
  FILTER NOT EXISTS { GRAPH reason:closure { ?y ?p ?x } }
} ;

# prp-trp (new on the left): T(?p rdf:type owl:TransitiveProperty), T(?x ?p ?y), T(?y ?p ?z) -> T(?x ?p ?z)
INSERT { GRAPH reason:new { ?x ?p ?z } }
WHERE {
  GRAPH reason:closure { ?p rdf:type owl:TransitiveProperty }
  GRAPH reason:delta { ?x ?p ?y }
  GRAPH reason:closure { ?y ?p ?z }
  FILTER NOT EXISTS { GRAPH reason:closure { ?x ?p ?z } }
} ;

# prp-trp (new on the right): the same rule, the second premise from the delta
INSERT { GRAPH reason:new { ?x ?p ?z } }
WHERE {
  GRAPH reason:closure { ?p rdf:type owl:TransitiveProperty }
  GRAPH reason:delta { ?y ?p ?z }
  GRAPH reason:closure { ?x ?p ?y }
  FILTER NOT EXISTS { GRAPH reason:closure { ?x ?p ?z } }
} ;

# prp-dom: T(?p rdfs:domain ?c), T(?x ?p ?y) -> T(?x rdf:type ?c)
INSERT { GRAPH reason:new { ?x rdf:type ?c } }
WHERE {
  GRAPH reason:closure { ?p rdfs:domain ?c }
  GRAPH reason:delta { ?x ?p ?y }
  FILTER NOT EXISTS { GRAPH reason:closure { ?x rdf:type ?c } }
} ;

# prp-rng: T(?p rdfs:range ?c), T(?x ?p ?y) -> T(?y rdf:type ?c)   (IRIs and blank nodes only)
INSERT { GRAPH reason:new { ?y rdf:type ?c } }
WHERE {
  GRAPH reason:closure { ?p rdfs:range ?c }
  GRAPH reason:delta { ?x ?p ?y }
  FILTER (!isLiteral(?y))
  FILTER NOT EXISTS { GRAPH reason:closure { ?y rdf:type ?c } }
}
