"""Markdown -> blocks, with markdown-it-py (CommonMark; already installed with rich).

Read: ATX and setext headings, paragraphs (soft-wrapped lines joined; a hard break, two
spaces or ``\\`` at a line end, kept as a line break on the cover), ordered lists (the numbers
as written are the note's paragraph numbers; a nested ordered list gives lettered items),
bullet lists (``- (a) text`` is item (a)), emphasis and links (their text kept), inline
``<sup>1</sup>`` and superscript digits, and footnotes in the common extension syntax:
references ``[^1]`` and definitions ``[^1]: text`` (indented lines continue a definition).
"""
from __future__ import annotations

import re

from ..parse import ANNEX_HEADING
from .normalise import BULLET, FOOTNOTE, HEADING, ITEM, PARA, Block, classify, squash

FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _footnotes(text: str) -> tuple[str, dict[str, str]]:
    """Take the footnote definitions out of the text."""
    lines = text.split("\n")
    kept: list[str] = []
    defs: dict[str, str] = {}
    current = None
    for line in lines:
        m = FOOTNOTE_DEF.match(line)
        if m:
            current = m.group(1)
            defs[current] = m.group(2)
            continue
        if current is not None and (line.startswith(("    ", "\t")) and line.strip()):
            defs[current] += " " + line.strip()
            continue
        if current is not None and not line.strip():
            kept.append(line)
            continue
        current = None
        kept.append(line)
    return "\n".join(kept), defs


def markdown_blocks(text: str) -> list[Block]:
    from markdown_it import MarkdownIt

    body, defs = _footnotes(text.replace("\r\n", "\n").replace("\r", "\n"))
    numbers: dict[str, int] = {}

    def ref(m: re.Match) -> str:
        label = m.group(1)
        if label not in defs:
            return m.group(0)
        if label not in numbers:
            numbers[label] = int(label) if label.isdigit() else len(numbers) + 1
        return f"<sup>{numbers[label]}</sup>"

    body = FOOTNOTE_REF.sub(ref, body)
    tokens = MarkdownIt("commonmark").parse(body)

    blocks: list[Block] = []
    next_para = 1
    lists: list[dict] = []  # open lists: {"ordered", "n"}
    item_texts: list[list[str]] = []  # text of the open list items
    heading = False
    in_annex = False  # the annex, like the cover, is read line by line

    def inline(tok) -> str:
        out = []
        for c in tok.children or []:
            if c.type in ("text", "code_inline"):
                out.append(c.content)
            elif c.type == "softbreak":  # on the cover, each line is a line of its own
                out.append("\n" if (next_para == 1 or in_annex) and not item_texts else " ")
            elif c.type == "hardbreak":
                out.append("\n")
            elif c.type == "html_inline":
                tag = c.content.lower().replace(" ", "")
                if tag in ("<sup>", "</sup>"):
                    out.append(tag)
                elif tag.startswith("<br"):
                    out.append("\n")
        return squash("".join(out))

    def emit_item(texts: list[str], info: dict) -> None:
        nonlocal next_para
        text = " ".join(t for t in texts if t)
        depth = len(lists)  # the list the item is in is still open
        if info["ordered"] and depth == 1:
            block = classify(text, next_para)
            if block.kind not in (PARA, FOOTNOTE):
                block = Block(PARA, text, number=info["n"])
        elif info["ordered"]:
            block = Block(ITEM, text, label=LETTERS[(info["n"] - 1) % 26], level=depth - 1)
        else:
            block = classify(text, 10**6)
            if block.kind not in (ITEM, FOOTNOTE):
                block = Block(BULLET, text, level=depth)
            else:
                block.level = max(1, depth - (1 if block.kind == ITEM and depth > 1 else 0))
        if block.kind == PARA:
            next_para = block.number + 1
        if block.text or block.kind == PARA:
            blocks.append(block)

    for tok in tokens:
        t = tok.type
        if t in ("ordered_list_open", "bullet_list_open"):
            if item_texts and item_texts[-1] is not None:  # a nested list: the item's own text first
                emit_item(item_texts[-1], lists[-1])
                item_texts[-1] = None
            lists.append({"ordered": t == "ordered_list_open", "n": int((tok.attrs or {}).get("start", 1)) - 1})
        elif t in ("ordered_list_close", "bullet_list_close"):
            lists.pop()
        elif t == "list_item_open":
            info = lists[-1]
            info["n"] = int(tok.info) if tok.info.isdigit() else info["n"] + 1
            item_texts.append([])
        elif t == "list_item_close":
            texts = item_texts.pop()
            if texts is not None:
                emit_item(texts, lists[-1])
        elif t == "heading_open":
            heading = True
        elif t == "heading_close":
            heading = False
        elif t == "inline":
            text = inline(tok)
            if item_texts and item_texts[-1] is not None:
                item_texts[-1].append(text)
            elif item_texts:  # text after a nested list inside an item: its own block
                blocks.append(classify(text, next_para))
            elif heading and next_para > 1:
                blocks.append(Block(HEADING, text))
                in_annex = in_annex or bool(ANNEX_HEADING.match(text))
            elif text:
                block = classify(text, next_para)
                if block.kind == PARA:
                    next_para = block.number + 1
                blocks.append(block)
        elif t in ("fence", "code_block"):
            for line in tok.content.split("\n"):
                if line.strip():
                    blocks.append(classify(line, next_para))
        elif t == "html_block":
            from .html import html_blocks

            blocks.extend(b for b in html_blocks(tok.content))
    notes = {b.number: b.text for b in blocks if b.kind == FOOTNOTE}
    for label, number in numbers.items():
        notes.setdefault(number, squash(re.sub(r"\[\^[^\]]+\]", "", defs[label])))
    blocks = [b for b in blocks if b.kind != FOOTNOTE]
    return blocks + [Block(FOOTNOTE, _plain_inline(t), number=n) for n, t in sorted(notes.items())]


def _plain_inline(text: str) -> str:
    """A footnote definition's text as markdown -> plain (emphasis, links, code)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parseInline(text)
    out = []
    for tok in tokens:
        for c in tok.children or []:
            if c.type in ("text", "code_inline"):
                out.append(c.content)
            elif c.type in ("softbreak", "hardbreak"):
                out.append(" ")
            elif c.type == "html_inline" and c.content.lower() in ("<sup>", "</sup>"):
                out.append(c.content.lower())
    return squash("".join(out)).replace("\n", " ")


def convert(text: str) -> str:
    from .normalise import render

    return render(markdown_blocks(text))
