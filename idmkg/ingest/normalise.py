"""The converters' common output, a list of :class:`Block` s, -> note text in the ``lines``
layout that :mod:`idmkg.parse` reads (see its docstring):

* the cover lines (everything before paragraph 1), one a line, the first title line
  ``INTERNATIONAL DIALOGUE ON MIGRATION YYYY`` written as ``# ...`` (which also tells the
  parser the text is in the ``lines`` layout);
* headings as ``## heading``; unnumbered text after paragraph 1 as a line of its own (the
  parser takes a line starting in lower case as the continuation of the paragraph before);
* numbered paragraphs ``7. text``, one a line; lettered items ``- (a) text``; bullets ``- text``;
* footnote markers as ``<sup>1</sup>`` in the text; the footnotes at the end, each
  ``<sup>1</sup> text`` followed by a blank line (the parser gives a footnote to the
  paragraph whose text carries its marker, wherever the footnote is printed).

Blocks are separated by blank lines. Emphasis is dropped: the converters give plain text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..parse import ANNEX_HEADING, TITLE_LINE

#: kinds of block
TEXT, HEADING, PARA, ITEM, BULLET, FOOTNOTE = "text", "heading", "para", "item", "bullet", "footnote"

_SUP_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
MARKER_LEAD = re.compile(r"^\s*(?:<sup>\s*(\d{1,2})\s*</sup>|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})|\[(\d{1,2})\])\s*")
PARA_LEAD = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
ITEM_LEAD = re.compile(r"^\((\d{1,2}|[a-z]{1,3}|[ivx]{1,5})\)\s+(?=\S)")
#: Word's second-level bullet, a letter "o" (in Courier New or Symbol): "o the links between ..."
SUB_BULLET_LEAD = re.compile(r"^o\s+(?=\S)")
BULLET_LEAD = re.compile(r"^(?:[•▪◦●■·\uf0b7\uf0a7\uf076\uf0d8\uf0fc]\s*|[–-]\s+)(?=\S)")


@dataclass
class Block:
    """One block of a converted document. ``text`` is plain text with footnote markers as
    ``<sup>n</sup>``; it may hold line breaks (kept on the cover, joined elsewhere).
    ``number`` is the paragraph or footnote number, ``label`` an item's letter."""

    kind: str
    text: str
    number: int | None = None
    label: str | None = None
    level: int = 1


def squash(text: str) -> str:
    """Collapse runs of spaces and tabs (not line breaks); strip each line."""
    lines = [re.sub(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def one_line(text: str) -> str:
    return " ".join(squash(text).split("\n"))


def classify(text: str, next_para: int) -> Block:
    """A block of text whose structure is only in its words: ``7. ...`` (the next paragraph
    number), ``(a) ...``, ``• ...``, a footnote ``<sup>1</sup> ...`` / ``¹ ...``, else text."""
    s = squash(text)
    m = PARA_LEAD.match(s)
    if m and int(m.group(1)) == next_para:
        return Block(PARA, s[m.end():], number=int(m.group(1)))
    m = ITEM_LEAD.match(s)
    if m:
        return Block(ITEM, s[m.end():], label=m.group(1))
    m = BULLET_LEAD.match(s)
    if m:
        return Block(BULLET, s[m.end():])
    m = SUB_BULLET_LEAD.match(s)
    if m:
        return Block(BULLET, s[m.end():], level=2)
    m = MARKER_LEAD.match(s)
    if m and s[m.end():].strip() and not m.group(3):
        number = int((m.group(1) or m.group(2)).translate(_SUP_DIGITS))
        return Block(FOOTNOTE, s[m.end():], number=number)
    return Block(TEXT, s)


LIST_GOES_ON = re.compile(r"(?:[;,]|\b(?:and|or))\W*$")


def as_list_item(block: Block, before: list[Block]) -> Block:
    """``block`` (classified by :func:`classify`) as an item of a numbered list when it is one:
    a text "3. ..." after paragraph 1 that is not the next paragraph, or a "paragraph" whose
    number follows the list item just before, that item ending as a list item goes on
    ("...;", "..., and"). Otherwise ``block`` itself."""
    if block.kind == TEXT and before and any(b.kind == PARA for b in before):
        m = PARA_LEAD.match(block.text)
        if m:
            return Block(ITEM, block.text[m.end():], label=m.group(1))
    if block.kind == PARA and before and before[-1].kind == ITEM and before[-1].label == str(block.number - 1) \
            and LIST_GOES_ON.search(before[-1].text):
        return Block(ITEM, block.text, label=str(block.number))
    return block


def render(blocks: list[Block]) -> str:
    """Blocks -> note text (``lines`` layout), ending with one newline."""
    out: list[str] = []
    footnotes: list[Block] = []
    seen_para = False
    title_marked = False
    in_annex = False  # the annex, like the cover, is read line by line
    for b in blocks:
        if b.kind == FOOTNOTE:
            footnotes.append(b)
            continue
        if b.kind == PARA:
            seen_para = True
            out.append(f"{b.number}. {one_line(b.text)}")
        elif b.kind == ITEM and in_annex:  # the annex is read line by line: the item as printed
            out.append(f"({b.label}) {one_line(b.text)}")
        elif b.kind == ITEM:
            out.append(f"{'  ' * (b.level - 1)}- ({b.label}) {one_line(b.text)}")
        elif b.kind == BULLET:
            out.append(f"{'  ' * (b.level - 1)}- {one_line(b.text)}")
        elif not seen_para:  # the cover: keep its lines
            lines = []
            for line in squash(b.text).split("\n"):
                if not title_marked and TITLE_LINE.search(line):
                    line, title_marked = "# " + line, True
                lines.append(line)
            if lines:
                out.append("\n".join(lines))
        elif b.kind == HEADING:
            out.append("## " + one_line(b.text))
            in_annex = in_annex or bool(ANNEX_HEADING.match(one_line(b.text)))
        elif in_annex:
            out.append(squash(b.text))
        else:
            text = one_line(b.text)
            in_annex = bool(ANNEX_HEADING.match(text))
            m = PARA_LEAD.match(text)
            if m:  # "2. ..." that is not the next paragraph: an item of a numbered list, never a paragraph
                text = f"- ({m.group(1)}) {text[m.end():]}"
            if text:
                out.append(text)
    for fn in footnotes:
        out.append(f"<sup>{fn.number}</sup> {one_line(fn.text)}")
    return "\n\n".join(x for x in out if x.strip()) + "\n"
