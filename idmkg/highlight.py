"""Text with quoted spans marked, as HTML: the evidence quotes on a paragraph page, the
facts and the missed signals in a review. Offsets are into the text; a span whose offsets do
not hold its quote is found by its quote; overlapping spans share one mark."""
from __future__ import annotations

from markupsafe import Markup, escape


def highlight(text: str, evs: list[dict]) -> Markup:
    """``text`` with every evidence quote in a <mark>; overlapping quotes share one mark
    (carrying the first one's id; the others' ids are on spans nested inside it), so each
    quote lies whole inside one mark and every evidence id is an anchor."""
    spans = []
    for ev in evs:
        start, end = ev["start"], ev["end"]
        if not (0 <= start < end <= len(text)) or (ev["quote"] and text[start:end] != ev["quote"]):
            at = text.find(ev["quote"]) if ev["quote"] else -1
            if at < 0:
                continue
            start, end = at, at + len(ev["quote"])
        spans.append((start, end, ev["id"], ev.get("class")))
    spans.sort()
    groups: list[list] = []
    for start, end, ident, cls in spans:
        if groups and start < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], end)
            groups[-1][2].append(ident)
        else:
            groups.append([start, end, [ident], cls])
    out, pos = [], 0
    for start, end, ids, cls in groups:
        out.append(escape(text[pos:start]))
        unique = list(dict.fromkeys(ids))
        inner = escape(text[start:end])
        for i in reversed(unique[1:]):
            inner = Markup('<span id="{}">{}</span>').format(i, inner)
        if cls:
            out.append(Markup('<mark id="{}" class="{}">{}</mark>').format(unique[0], cls, inner))
        else:
            out.append(Markup('<mark id="{}">{}</mark>').format(unique[0], inner))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)
