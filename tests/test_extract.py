"""Golden facts: what a careful reader records from each note, with the part it comes from.

Each row: (note key, part, subject, property, value). ``part`` is ``p/N`` (paragraph N),
``h/N`` (the heading above paragraph N), ``fn/N`` (footnote N) or ``cover``. ``value`` is
"kind/key" for things, or a Python literal.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from idmkg.extract import chronological
from idmkg.extract.common import parts
from idmkg.model import Ref

D = dt.date

IC_2009_10 = "IC-2009-10"
IC_2010_5 = "IC-2010-5"
IC_2009_1 = "IC-2009-1"
N2009 = "idm-2009-after-2009-02-26"
N2008 = "idm-2008-after-2007-02-26"
HR = "theme/human-rights-migration-working-together-safe-dignified-secure-migration"

GOLDEN = {
    IC_2009_10: [
        ("cover", "note/IC-2009-10", "idm:symbol", "IC/2009/10"),
        ("cover", "note/IC-2009-10", "idm:issued", D(2009, 9, 24)),
        ("cover", "note/IC-2009-10", "idm:placeOfIssue", "Geneva"),
        ("cover", "note/IC-2009-10", "idm:preparedFor", "consultation/2009-10-20"),
        ("p/1", "note/IC-2009-10", "idm:writtenAfter", "consultation/2009-04-28"),
        ("p/1", "year/2010", "idm:overarchingTheme", "theme/migration-social-change"),
        ("p/2", "workshop/2009-2", "idm:status", "status/held"),
        ("p/2", "workshop/2009-2", "idm:startDate", D(2009, 7, 9)),
        ("p/2", "workshop/2009-2", "idm:endDate", D(2009, 7, 10)),
        ("p/2", "workshop/2009-2", "idm:venue", "Geneva"),
        ("p/2", "workshop/2009-2", "idm:title",
         "Trafficking in Persons and Exploitation of Migrants: Ensuring the Protection of Human Rights"),
        ("p/2", "attendance/workshop/2009-2/participants", "idm:count", 200),
        ("p/2", "attendance/workshop/2009-2/participants", "idm:atLeast", True),
        ("p/2", "attendance/workshop/2009-2/governments", "idm:count", 69),
        ("p/2", "attendance/workshop/2009-2/international-organizations", "idm:count", 12),
        ("p/2", "attendance/workshop/2009-2/ngos-private-sector-academia-media", "idm:count", 13),
        ("p/2", "part/IC-2009-10/p/2", "idm:discusses", "concept/trafficking-in-persons"),
        ("p/7", "council/98", "idm:startDate", D(2009, 11, 23)),
        ("p/7", "council/98", "idm:endDate", D(2009, 11, 26)),
        ("p/7", "segment/98/keynote-address-migration-human-rights-economic-crisis", "idm:startDate", D(2009, 11, 23)),
        ("p/7", "segment/98/keynote-address-migration-human-rights-economic-crisis", "rdf:type", "class/Keynote"),
        ("p/8", "consultation/2009-04-28", "rdf:type", "class/InformalConsultation"),
        ("h/9", "proposal/2010/topic/social-change-driver-migration", "idm:proposedIn", "note/IC-2009-10"),
        ("h/11", "proposal/2010/topic/migration-transnationalism-opportunities-challenges", "idm:targetYear",
         "year/2010"),
        ("h/15", "proposal/2010/topic/changing-cities-social-impacts-migration", "idm:candidate",
         "topic/changing-cities-social-impacts-migration"),
        ("annex", "survey/workshop/2009-2/overall-satisfaction-general-appreciation", "idm:percentage",
         Decimal(100)),
        ("annex", "survey/workshop/2009-2/enhance-understanding-issues", "idm:percentage", Decimal(88)),
        ("annex", "survey/workshop/2009-2/side-event-satisfaction-rates", "idm:percentage", Decimal(60)),
        ("fn/2", "survey/workshop/2009-2/response-rate", "idm:respondents", 43),
        ("fn/2", "survey/workshop/2009-2/response-rate", "idm:surveyed", 190),
        ("p/7", "segment/98/presentation-administration-irregular-migration-mixed-flows", "idm:title",
         "a presentation by the Administration on Irregular Migration and Mixed Flows: IOM's approach"),
    ],
    IC_2010_5: [
        ("cover", "note/IC-2010-5", "idm:symbol", "IC/2010/5"),
        ("cover", "note/IC-2010-5", "idm:issued", D(2010, 4, 16)),
        ("cover", "note/IC-2010-5", "idm:preparedFor", "consultation/2010-04-27"),
        ("p/1", "note/IC-2010-5", "idm:writtenAfter", "consultation/2010-02-18"),
        ("p/2", "workshop/2010-1", "idm:status", "status/held"),
        ("p/2", "workshop/2010-1", "idm:startDate", D(2010, 3, 9)),
        ("p/2", "workshop/2010-1", "idm:endDate", D(2010, 3, 10)),
        ("p/2", "workshop/2010-1", "idm:venue", "Geneva"),
        ("p/2", "workshop/2010-1", "idm:title", "Migration and transnationalism: Opportunities and challenges"),
        ("p/2", "attendance/workshop/2010-1/participants", "idm:count", 225),
        ("p/2", "attendance/workshop/2010-1/government-representatives", "idm:count", 154),
        ("p/2", "attendance/workshop/2010-1/countries", "idm:count", 70),
        ("p/2", "attendance/workshop/2010-1/countries", "idm:atLeast", True),
        ("p/2", "attendance/workshop/2010-1/international-organizations", "idm:count", 35),
        ("p/2", "attendance/workshop/2010-1/ngos-private-sector-academia-media", "idm:count", 26),
        ("p/7", "workshop/2010-2", "idm:status", "status/planned"),
        ("p/7", "workshop/2010-2", "idm:startDate", D(2010, 7, 19)),
        ("p/7", "workshop/2010-2", "idm:title", "Societies and identities: the multifaceted impact of migration"),
        ("h/9", "proposal/2011/theme/future-migration-building-capacities-change", "idm:proposedIn",
         "note/IC-2010-5"),
        ("h/11", "proposal/2011/theme/migration-human-security", "idm:targetYear", "year/2011"),
        ("fn/2", "citation/IC-2010-5/p/7/IC-2010-1", "idm:citedParagraph", 19),
        ("fn/2", "citation/IC-2010-5/p/7/IC-2010-1", "idm:citedParagraph", 20),
        ("p/11", "part/IC-2010-5/p/11", "idm:discusses", "concept/human-security"),
    ],
    IC_2009_1: [
        ("cover", "note/IC-2009-1", "idm:symbol", "IC/2009/1"),
        ("cover", "note/IC-2009-1", "idm:issued", D(2009, 2, 10)),
        ("cover", "note/IC-2009-1", "idm:preparedFor", "consultation/2009-02-26"),
        ("p/2", "year/2008", "idm:overarchingTheme", "theme/return-migration-challenges-opportunities"),
        ("p/2", "workshop/2008-1", "idm:status", "status/held"),
        ("p/2", "workshop/2008-1", "idm:startDate", D(2008, 4, 21)),
        ("p/2", "workshop/2008-2", "idm:startDate", D(2008, 7, 7)),
        ("p/2", "workshop/2008-2", "idm:endDate", D(2008, 7, 8)),
        ("p/2", "council/96", "rdf:type", "class/CouncilSession"),
        ("p/2", "segment/96/mixed-migration-flows", "idm:segmentOf", "council/96"),
        ("p/2", "segment/96/migration-highlights-2008", "rdf:type", "class/Panel"),
        ("p/4", "year/2009", "idm:overarchingTheme", HR),
        ("p/4", "conference/gfmd-2008", "idm:venue", "Manila"),
        ("h/6", "workshop/2009-1", "idm:title",
         "Effective Respect for the Human Rights of Migrants: A Shared Responsibility"),
        ("h/6", "workshop/2009-1", "idm:startDate", D(2009, 3, 25)),
        ("h/9", "workshop/2009-2", "idm:startDate", D(2009, 7, 9)),
        ("fn/2", "citation/IC-2009-1/p/2/IC-2008-6", "idm:citedDocument", "note/IC-2008-6"),
        ("fn/2", "consultation/2008-10-23", "rdf:type", "class/InformalConsultation"),
        ("fn/2", "note/IC-2008-6", "idm:preparedFor", "consultation/2008-10-23"),
        ("fn/3", "citation/IC-2009-1/p/2/MC-2266", "idm:citedDocument", "doc/MC-2266"),
        ("p/3", "part/IC-2009-1/p/3", "idm:discusses", "concept/return-migration"),
    ],
    N2009: [
        ("cover", f"note/{N2009}", "idm:concernsYear", "year/2009"),
        ("p/1", f"note/{N2009}", "idm:writtenAfter", "consultation/2009-02-26"),
        ("p/2", "workshop/2009-1", "idm:status", "status/held"),
        ("p/2", "workshop/2009-1", "idm:startDate", D(2009, 3, 25)),
        ("p/2", "workshop/2009-1", "idm:endDate", D(2009, 3, 26)),
        ("p/2", "workshop/2009-1", "idm:venue", "Geneva"),
        ("p/2", "attendance/workshop/2009-1/participants", "idm:count", 200),
        ("p/2", "attendance/workshop/2009-1/governments", "idm:count", 71),
        ("p/2", "attendance/workshop/2009-1/international-organizations", "idm:count", 22),
        ("p/2", "attendance/workshop/2009-1/ngos-private-sector-academia-media", "idm:count", 8),
        ("p/7", "workshop/2009-2", "skos:altLabel",
         "Trafficking and Exploitation of Migrants: Ensuring Protection of Human Rights"),
        ("p/7", "workshop/2009-2", "idm:startDate", D(2009, 7, 9)),
        ("p/7", "workshop/2009-2", "idm:announcedIn", f"note/{N2009}"),
        ("h/9", "proposal/2010/theme/south-south-migration", "idm:proposedIn", f"note/{N2009}"),
        ("h/13", "proposal/2010/theme/migration-social-change", "idm:proposedIn", f"note/{N2009}"),
        ("fn/2", f"citation/{N2009}/p/7/IC-2009-1", "idm:citedParagraph", 9),
        ("fn/2", f"citation/{N2009}/p/7/IC-2009-1", "idm:citedParagraph", 11),
        ("p/9", f"part/{N2009}/p/9", "idm:discusses", "concept/south-south-migration"),
    ],
    N2008: [
        ("p/1", f"note/{N2008}", "idm:writtenAfter", "consultation/2007-02-26"),
        ("p/3", "conference/2008-02-19", "idm:title",
         "Climate Change, Environmental Degradation and Migration: Addressing Vulnerabilities and Harnessing "
         "Opportunities"),
        ("p/3", "conference/2008-02-19", "idm:venue", "Geneva"),
        ("p/3", "conference/2008-02-19", "idm:organizer", "org/government-greece"),
        ("p/3", "council/94", "rdf:type", "class/CouncilSession"),
        ("p/3", "segment/94/migration-environment", "idm:segmentOf", "council/94"),
        ("p/4", "attendance/conference/2008-02-19/participants", "idm:count", 180),
        ("p/4", "attendance/conference/2008-02-19/countries", "idm:count", 67),
        ("p/4", "attendance/conference/2008-02-19/intergovernmental-and-non-governmental-organizations",
         "idm:count", 33),
        ("p/8", "year/2008", "idm:overarchingTheme", "theme/return-migration-challenges-opportunities"),
        ("p/9", "workshop/2008-1", "idm:startDate", D(2008, 4, 21)),
        ("p/9", "workshop/2008-1", "idm:title", "Managing Return Migration"),
        ("p/9", "consultation/2007-10-18", "rdf:type", "class/InformalConsultation"),
        ("p/9", "consultation/2008-04-29", "rdf:type", "class/InformalConsultation"),
        ("p/9", "proposal/2008/topic/return-critical-element-comprehensive-migration-management-systems",
         "idm:proposedAt", "consultation/2007-10-18"),
        ("p/9", "proposal/2008/topic/return-critical-element-comprehensive-migration-management-systems",
         "idm:outcome", "outcome/incorporated"),
        ("p/9", "workshop/2008-1", "idm:incorporatesTopic", "topic/managing-return-when-entry-stay-is-not-authorized"),
        ("p/10", "workshop/2008-2", "idm:onTopic", "topic/enhancing-role-return-migration-fostering-development"),
        ("p/10", "workshop/2008-2", "idm:incorporatesTopic",
         "topic/managing-return-making-temporary-circular-labour-migration-schemes-feasible"),
        ("p/11", "workshop/2008-2", "idm:startDate", D(2008, 7, 7)),
        ("p/12", f"citation/{N2008}/p/12/MC-INF-287", "idm:citedDocument", "doc/MC-INF-287"),
        ("h/14", f"proposal/2009/{HR}", "idm:proposedIn", f"note/{N2008}"),
        ("h/16", "proposal/2009/theme/south-south-migration", "idm:proposedIn", f"note/{N2008}"),
    ],
}

#: what the notes say only read together: (subject, property, value, [(note, part) of the evidence])
CROSS_NOTE = [
    (f"proposal/2009/{HR}", "idm:outcome", "outcome/selected", [(IC_2009_1, "p/4")]),
    ("proposal/2009/theme/south-south-migration", "idm:outcome", "outcome/notSelected", [(IC_2009_1, "p/4")]),
    ("proposal/2010/theme/migration-social-change", "idm:outcome", "outcome/selected", [(IC_2009_10, "p/1")]),
    ("proposal/2010/theme/south-south-migration", "idm:outcome", "outcome/notSelected", [(IC_2009_10, "p/8")]),
    ("proposal/2011/theme/migration-human-security", "idm:outcome", "outcome/open", []),
    ("proposal/2010/topic/social-change-driver-migration", "idm:outcome", "outcome/notSelected", [(IC_2010_5, "p/2")]),
    ("proposal/2010/topic/migration-transnationalism-opportunities-challenges", "idm:outcome", "outcome/selected",
     [(IC_2010_5, "p/2")]),
    ("proposal/2010/topic/societies-identities-multifaceted-impact-migration", "idm:outcome", "outcome/selected",
     [(IC_2010_5, "p/7")]),
    ("workshop/2010-1", "idm:onTopic", "topic/migration-transnationalism-opportunities-challenges",
     [(IC_2010_5, "p/2"), (IC_2009_10, "h/11")]),
    (f"note/{N2009}", "idm:preparedFor", "consultation/2009-04-28", [(IC_2009_10, "p/8"), (N2009, "h/9")]),
    ("proposal/2010/theme/south-south-migration", "idm:proposedAt", "consultation/2009-04-28",
     [(IC_2009_10, "p/8")]),
    ("theme/migration-human-security", "idm:buildsOn", HR, [(IC_2010_5, "p/12"), (IC_2009_1, "p/4")]),
    ("proposal/2010/theme/south-south-migration", "idm:previousProposal", "proposal/2009/theme/south-south-migration",
     [(N2009, "h/9"), (N2008, "h/16")]),
    ("workshop/2009-2", "skos:prefLabel",
     "Trafficking in Persons and Exploitation of Migrants: Ensuring the Protection of Human Rights", []),
    ("workshop/2009-2", "skos:altLabel", "Trafficking and Exploitation of Migrants: Ensuring Protection of Human Rights",
     [(IC_2009_1, "h/9"), (N2009, "p/7")]),
]


def _value(v):
    if isinstance(v, str) and "/" in v and v.split("/", 1)[0] in {
            "note", "consultation", "theme", "topic", "status", "year", "class", "concept", "doc", "org",
            "council", "outcome", "proposal"}:
        kind, key = v.split("/", 1)
        return Ref(kind, key)
    return v


def _find(facts, subject, prop, value):
    return [f for f in facts if str(f.subject) == subject and f.prop == prop and f.value == _value(value)]


@pytest.mark.parametrize("note", sorted(GOLDEN))
def test_each_note_has_at_least_15_golden_facts(note):
    assert len(GOLDEN[note]) >= 15


@pytest.mark.parametrize("note,part,subject,prop,value",
                         [(n, *row) for n, rows in GOLDEN.items() for row in rows],
                         ids=lambda x: str(x)[:40])
def test_golden_fact(facts, note, part, subject, prop, value):
    found = _find(facts, subject, prop, value)
    assert found, f"no fact {subject} {prop} {value!r}"
    sources = {(e.note, e.part) for f in found for e in f.evidence}
    assert (note, part) in sources, f"{subject} {prop} {value!r} is read from {sources}, expected {note} {part}"


@pytest.mark.parametrize("subject,prop,value,sources", CROSS_NOTE, ids=lambda x: str(x)[:40])
def test_cross_note_fact(facts, subject, prop, value, sources):
    found = _find(facts, subject, prop, value)
    assert found, f"no fact {subject} {prop} {value!r}"
    have = {(e.note, e.part) for f in found for e in f.evidence}
    for source in sources:
        assert source in have


def test_every_quote_is_the_text_at_its_offsets(notes, facts):
    texts = {(n.key, p.id): p.text for n in notes for p in parts(n)}
    for f in facts:
        for e in f.evidence:
            assert texts[(e.note, e.part)][e.start:e.end] == e.quote, (f, e)
            assert e.quote.strip(), (f, e)


def test_every_fact_but_derived_labels_has_evidence(facts):
    bare = [f for f in facts if not f.evidence and f.prop != "skos:prefLabel"]
    assert bare == []


def test_one_title_per_thing(facts):
    titles = {}
    for f in facts:
        if f.prop == "idm:title":
            titles.setdefault(f.subject, set()).add(f.value)
    assert {s: t for s, t in titles.items() if len(t) > 1} == {}


def test_workshop_status_is_final(facts):
    status = {}
    for f in facts:
        if f.prop == "idm:status":
            status.setdefault(str(f.subject), set()).add(f.value.key)
    assert status == {
        "workshop/2008-1": {"held"}, "workshop/2008-2": {"held"}, "workshop/2009-1": {"held"},
        "workshop/2009-2": {"held"}, "workshop/2010-1": {"held"}, "workshop/2010-2": {"planned"},
    }


def test_notes_are_read_in_the_order_written(notes):
    assert [n.key for n in chronological(notes)] == [N2008, IC_2009_1, N2009, IC_2009_10, IC_2010_5]


def test_extraction_does_not_depend_on_note_order(notes, schema_labels):
    from idmkg.extract import extract_facts

    concepts, categories = schema_labels
    a = extract_facts(list(notes), concepts, categories)
    b = extract_facts(list(reversed(notes)), concepts, categories)
    assert sorted(map(repr, a)) == sorted(map(repr, b))
