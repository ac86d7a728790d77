"""HTML -> blocks, with the standard library's parser.

Read: ``<h1>``..``<h6>`` (headings), ``<p>``/``<div>``/``<blockquote>`` text, ``<ol>`` (numbered
paragraphs; ``type="a"``/``"i"`` lists are lettered items, numbered from ``start``/``value``),
``<ul>`` (bullets), ``<br>`` (a line break, kept on the cover), ``<sup>`` footnote markers
(also inside a link, as pandoc writes them: ``<a href="#fn1"><sup>1</sup></a>``; and Word's
``<a href="#_ftn1">[1]</a>``), and footnote sections: pandoc's ``<section class="footnotes">``
(``<li id="fn1">``), Word's ``<div id="ftn1">``, or a paragraph that starts with a marker.
``<head>``, ``<script>``, ``<style>``, ``<nav>`` and back-links (``↩``) are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .normalise import BULLET, FOOTNOTE, HEADING, ITEM, PARA, TEXT, Block, classify, squash

SKIP = {"head", "script", "style", "nav", "template", "noscript", "svg", "math", "title"}
VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base", "source", "embed"}
BLOCKS = {"p", "div", "section", "article", "main", "body", "html", "blockquote", "header", "footer",
          "aside", "figure", "figcaption", "table", "tr", "td", "th", "tbody", "thead", "dl", "dt", "dd",
          "center", "pre", "address", "li", "ol", "ul", "h1", "h2", "h3", "h4", "h5", "h6"}
FOOTNOTE_ID = re.compile(r"^(?:_?ftn|fn|footnote-?|note-?)(\d{1,2})$", re.IGNORECASE)
FOOTNOTE_REF = re.compile(r"^#(?:_?ftn|fn|footnote-?|note-?)(\d{1,2})$", re.IGNORECASE)
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


@dataclass
class Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)  # Node or str


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs})
        if tag == "p":  # an unclosed <p> ends at the next block
            self._close_open("p", stop=BLOCKS - {"p"})
        if tag == "li":
            self._close_open("li", stop={"ol", "ul"})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: (v or "") for k, v in attrs}))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def _close_open(self, tag, stop):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
            if self.stack[i].tag in stop:
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _is_footnote_section(node: Node) -> bool:
    cls = (node.attrs.get("class", "") + " " + node.attrs.get("role", "")).lower()
    style = node.attrs.get("style", "").lower()
    return ("footnotes" in cls or "endnotes" in cls or "doc-endnotes" in cls or
            "mso-element:footnote-list" in style)


def _footnote_number(node: Node) -> int | None:
    m = FOOTNOTE_ID.match(node.attrs.get("id", ""))
    return int(m.group(1)) if m else None


def _list_label(kind: str, n: int) -> str:
    if kind == "a":
        return chr(ord("a") + n - 1) if n <= 26 else str(n)
    if kind == "A":
        return chr(ord("a") + n - 1) if n <= 26 else str(n)
    if kind in ("i", "I"):
        return ROMAN[n - 1] if n <= len(ROMAN) else str(n)
    return str(n)


class _Walker:
    def __init__(self):
        self.blocks: list[Block] = []
        self.footnotes: dict[int, str] = {}
        self.next_para = 1

    # inline text of a node, with <sup>n</sup> markers and \n for <br>
    def inline(self, node: Node, footnote_body: bool = False) -> str:
        out = []
        for child in node.children:
            if isinstance(child, str):
                out.append(re.sub(r"\s+", " ", child))
                continue
            tag = child.tag
            if tag in SKIP:
                continue
            if tag == "br":
                out.append("\n")
            elif tag == "a" and FOOTNOTE_REF.match(child.attrs.get("href", "")) and not footnote_body:
                out.append(f"<sup>{FOOTNOTE_REF.match(child.attrs['href']).group(1)}</sup>")
            elif tag == "a" and footnote_body and re.match(r"^#(?:_?ftnref|fnref)", child.attrs.get("href", "")):
                continue  # back-link
            elif tag == "sup":
                text = self.inline(child, footnote_body).strip()
                if re.fullmatch(r"\[?\d{1,2}\]?", text):
                    out.append(f"<sup>{text.strip('[]')}</sup>")
                else:
                    out.append(text)
            elif tag in BLOCKS:
                out.append("\n" + self.inline(child, footnote_body) + "\n")
            else:
                out.append(self.inline(child, footnote_body))
        text = "".join(out).replace("↩︎", "").replace("↩", "")
        return text

    def emit(self, block: Block) -> None:
        if block.kind == FOOTNOTE:
            self.footnotes.setdefault(block.number, block.text)
            return
        if not block.text.strip() and block.kind != PARA:
            return
        if block.kind == PARA:
            self.next_para = block.number + 1
        self.blocks.append(block)

    def text_block(self, text: str, heading: bool = False) -> None:
        text = squash(text)
        if not text:
            return
        if heading:
            self.emit(Block(HEADING, text))
            return
        self.emit(classify(text, self.next_para))

    def footnote_section(self, node: Node) -> None:
        counter = [0]

        def visit(n: Node):
            for child in n.children:
                if not isinstance(child, Node) or child.tag in SKIP:
                    continue
                number = _footnote_number(child)
                if child.tag == "li" or number is not None:
                    counter[0] += 1
                    text = squash(self.inline(child, footnote_body=True))
                    number = number or counter[0]
                    # a printed lead marker of its own number: "[1]", "<sup>1</sup>"
                    text = re.sub(rf"^(?:<sup>\s*\[?{number}\]?\s*</sup>|\[{number}\])\s*", "", text)
                    self.footnotes.setdefault(number, " ".join(text.split("\n")))
                elif child.tag in ("p", "div"):
                    block = classify(self.inline(child, footnote_body=True), 10**6)
                    if block.kind == FOOTNOTE:
                        self.footnotes.setdefault(block.number, block.text)
                    else:
                        visit(child)
                else:
                    visit(child)
        visit(node)

    def walk(self, node: Node) -> None:
        run: list = []  # inline content between blocks

        def flush():
            if run:
                self.text_block(self.inline(Node("span", {}, list(run))))
                run.clear()

        for child in node.children:
            if isinstance(child, str):
                run.append(child)
                continue
            tag = child.tag
            if tag in SKIP:
                continue
            if _is_footnote_section(child) or (tag in ("div", "aside", "section") and _footnote_number(child)):
                flush()
                if _footnote_number(child) and not _is_footnote_section(child):
                    self.footnote_section(Node("div", {}, [child]))
                else:
                    self.footnote_section(child)
                continue
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                flush()
                text = squash(self.inline(child))
                if self.next_para == 1:  # on the cover, a heading is a cover line
                    self.text_block(text)
                else:
                    self.text_block(text, heading=True)
            elif tag in ("ol", "ul"):
                flush()
                self.list(child, level=1)
            elif tag in ("p", "pre", "dt", "dd", "figcaption", "address"):
                flush()
                if any(isinstance(c, Node) and c.tag in ("ol", "ul", "table", "div") for c in child.children):
                    self.walk(child)
                else:
                    self.text_block(self.inline(child))
            elif tag in BLOCKS:
                flush()
                self.walk(child)
            elif tag == "hr":
                flush()
            else:
                run.append(child)
        flush()

    def list(self, node: Node, level: int) -> None:
        ordered = node.tag == "ol"
        kind = node.attrs.get("type", "1") if ordered else "•"
        try:
            n = int(node.attrs.get("start", "1")) - 1
        except ValueError:
            n = 0
        for child in node.children:
            if not isinstance(child, Node) or child.tag != "li":
                continue
            try:
                n = int(child.attrs["value"]) if "value" in child.attrs else n + 1
            except ValueError:
                n += 1
            direct = Node("li", {}, [c for c in child.children if not (isinstance(c, Node) and c.tag in ("ol", "ul"))])
            text = squash(self.inline(direct))
            if not ordered:
                self.emit(Block(BULLET, text, level=level))
            elif kind == "1" and level == 1:
                block = classify(text, self.next_para)
                if block.kind == PARA or block.kind == FOOTNOTE:
                    self.emit(block)
                else:
                    self.emit(Block(PARA, text, number=n))
            else:
                self.emit(Block(ITEM, text, label=_list_label(kind, n), level=level))
            for sub in child.children:
                if isinstance(sub, Node) and sub.tag in ("ol", "ul"):
                    self.list(sub, level + 1)


def html_blocks(text: str) -> list[Block]:
    """The blocks of an HTML document; footnotes last, in number order."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    walker = _Walker()
    walker.walk(builder.root)
    notes = [Block(FOOTNOTE, squash(t).replace("\n", " "), number=n) for n, t in sorted(walker.footnotes.items())]
    return walker.blocks + notes


def convert(text: str) -> str:
    """HTML -> note text (``lines`` layout)."""
    from .normalise import render

    return render(html_blocks(text))


__all__ = ["BULLET", "ITEM", "TEXT", "convert", "html_blocks"]
