"""References to other documents (IC/2010/1, MC/2266, MC/INF/287, C/112/RP/14) with the paragraphs cited:
"please refer to document IC/2010/1 (paras 19–20)", "Document IC/2009/1 (para. 9-11)", "document
IC/2001/3, paragraphs 7 and 8"."""
from __future__ import annotations

import re

from ..model import Ref
from .common import Part, Reader

#: IC/2010/1, MC/2266, MC/INF/287 and Council documents named by session: C/112/RP/14, C/110/INF/3
SYMBOL = re.compile(r"\b(?P<symbol>(?:IC|MC)/(?:INF/)?\d{3,4}(?:/\d{1,3})?|C/\d{2,3}/(?:[A-Z]{1,4}/)?\d{1,3})\b")
#: the paragraphs cited right after the symbol: "(paras 19–20)", "(para. 9-11)", ", paragraph 9",
#: ", paragraphs 7 and 8", "(paras. 3, 5 and 7)", "(paragraphs 4 to 6)"
_RANGE = r"\d{1,3}(?!\d)(?:\s*(?:[-–]|to|through)\s*\d{1,3}(?!\d))?"
#: the word for paragraphs: "para.", "paras", "paragraphs", "§", "§§"
_PARAS = r"(?:paras?\.?|paragraphs?|§§?)"
_LIST = r"(?P<list>" + _RANGE + r"(?:\s*(?:,\s*and|,|and)\s*" + _RANGE + r")*)"
CITED_PARAS = re.compile(r"^(?:\s*\(|,\s*(?:at\s+)?)" + _PARAS + r"\s*" + _LIST + r"\)?")
#: the paragraphs cited right before the symbol: "paragraph 8 of document IC/2014/8", "paras 3–5 of IC/2014/8"
CITED_BEFORE = re.compile(r"\b" + _PARAS + r"\s*" + _LIST + r"\s+of\s+(?:the\s+)?(?:(?:discussion\s+)?(?:note|document)\s+)?$",
                          re.IGNORECASE)
RANGE = re.compile(r"(?P<a>\d{1,3})(?!\d)(?:\s*(?:[-–]|to|through)\s*(?P<b>\d{1,3}))?")


def document_ref(symbol: str) -> Ref:
    """IC/... symbols are discussion notes: one IRI (``id/note/IC-2009-1``) whether or not the
    note is in the corpus; other documents (MC/2266, MC/INF/287) are ``id/doc/...``."""
    key = symbol.replace("/", "-")
    return Ref("note" if symbol.startswith("IC/") else "doc", key)


def read(r: Reader, part: Part) -> None:
    if part.paragraph is None or not part.id.startswith(("p/", "fn/")):
        return
    citing = Ref("part", f"{r.note.key}/p/{part.paragraph}")
    for m in SYMBOL.finditer(part.text):
        symbol = m.group("symbol")
        if symbol == r.note.symbol:
            continue
        doc = document_ref(symbol)
        ev = r.evidence(part, m.start(), m.end())
        r.add(doc, "rdf:type", Ref("class", "DiscussionNote" if doc.kind == "note" else "Document"), ev)
        r.add(doc, "idm:symbol", symbol, ev)
        citation = Ref("citation", f"{r.note.key}/p/{part.paragraph}/{doc.key}")
        r.add(citation, "rdf:type", Ref("class", "Citation"), ev)
        r.add(citation, "idm:citingParagraph", citing, ev)
        r.add(citation, "idm:citedDocument", doc, ev)
        r.add(citing, "idm:cites", doc, ev)
        paras = CITED_PARAS.match(part.text[m.end():])
        at = m.end()
        if paras is None and (paras := CITED_BEFORE.search(part.text[max(0, m.start() - 60):m.start()])):
            at = max(0, m.start() - 60)
        if paras:
            pev = r.evidence(part, at + paras.start(), at + paras.end())
            for piece in RANGE.finditer(paras.group("list")):
                a = int(piece.group("a"))
                b = int(piece.group("b") or a)
                if b - a > 50:
                    continue  # not a range of paragraphs
                for n in range(a, b + 1):
                    r.add(citation, "idm:citedParagraph", n, pev)
