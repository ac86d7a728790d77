"""PDF -> blocks, with pdfplumber (pdfminer.six underneath): words with their position,
font and size, so that the layout can be read, not guessed from plain text.

* **Lines**: words grouped by vertical overlap; a digit raised above its line in a smaller
  font is a footnote marker (``<sup>1</sup>``).
* **Running headers and footers**: a line among the first or last two of a page, in the top
  or bottom tenth, that repeats (digits aside) on at least half of the pages (two at least);
  a lone page number (``3``, ``- 3 -``, ``Page 3``, ``3 of 5``) at the top or bottom edge.
* **Footnotes**: the lines below a page's last body line set in a smaller font than the
  body, starting with their number; without a size difference, lines in the lower part of
  the page starting with the next footnote number after a wide gap.
* **Paragraphs**: a new block after a gap wider than the line spacing, at a line that
  starts with the next paragraph number, an item ``(a)`` or a bullet, or a change of font;
  a paragraph broken by a page break is rejoined when the page's last line is not the end
  of a sentence or fills the line. Lines are joined with a space; a line ending in a hyphen
  joins the next without one (as :func:`idmkg.parse.join_lines` does).

A PDF without any text (a scan) is refused: it needs OCR first.
"""
from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..parse import ANNEX_HEADING, SENTENCE_END
from .normalise import BULLET, FOOTNOTE, HEADING, ITEM, PARA, TEXT, Block, as_list_item, classify

PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
STARTS_BLOCK = re.compile(r"^(?:\d{1,3}\.\s|\(\d{1,2}\)\s|\([a-z]{1,3}\)\s|\([ivx]{1,5}\)\s|[•▪◦●■·\uf0b7\uf0a7\uf076\uf0d8\uf0fc]\s?|o\s)")
FOOTNOTE_START = re.compile(r"^(?:<sup>)?(\d{1,2})(?:</sup>)?(?:\s+|(?=[A-Z“\"]))(.*)$")


class PdfProblem(Exception):
    """Raised with a message; :mod:`.detect` turns it into an IngestError naming the file."""


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    font: str  # the font family, and "bold" when every word of the line is bold
    words: list = field(default_factory=list)
    text: str = ""


def _group_lines(words: list[dict], page: int, body: float) -> list[Line]:
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        h = max(w["bottom"] - w["top"], 0.1)
        best = None
        for line in reversed(lines[-3:]):
            overlap = min(line.bottom, w["bottom"]) - max(line.top, w["top"])
            if overlap >= 0.5 * min(h, line.bottom - line.top):
                best = line
                break
        if best is None:
            best = Line(page, w["top"], w["bottom"], w["x0"], w["x1"], w["size"], w["fontname"])
            lines.append(best)
        best.words.append(w)
        best.top, best.bottom = min(best.top, w["top"]), max(best.bottom, w["bottom"])
        best.x0, best.x1 = min(best.x0, w["x0"]), max(best.x1, w["x1"])
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
        sizes = Counter()
        fonts = Counter()
        for w in line.words:
            sizes[round(w["size"], 1)] += len(w["text"])
            fonts[w["fontname"]] += len(w["text"])
        line.size = sizes.most_common(1)[0][0]
        bold = all(re.search(r"bold|black|heavy|semibold", w["fontname"], re.IGNORECASE) for w in line.words)
        line.font = _family(fonts.most_common(1)[0][0]) + (" bold" if bold else "")
        baseline = max(w["bottom"] for w in line.words if round(w["size"], 1) == line.size)
        parts = []
        prev = None
        for i, w in enumerate(line.words):
            raised = w["size"] < 0.85 * max(line.size, body) and w["bottom"] < baseline - 1
            if raised and re.fullmatch(r"\d{1,2}", w["text"]) and i > 0:
                parts.append(f"<sup>{w['text']}</sup>")
            else:
                # words split by a change of font are one word when they touch
                space = prev is not None and w["x0"] - prev["x1"] > 0.12 * min(w["size"], prev["size"])
                parts.append((" " if space else "") + w["text"])
            prev = w
        line.text = "".join(parts).strip()
    return [ln for ln in lines if ln.text]


def _family(fontname: str) -> str:
    """``ABCDEF+DejaVuSerif-BoldItalic`` -> ``dejavuserif``."""
    name = fontname.split("+", 1)[-1]
    name = re.split(r"[-,]", name)[0]
    return re.sub(r"(?i)(bold|italic|oblique|regular|roman|medium|light|mt|ps)+$", "", name).lower()


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text)).strip().lower()


def _remove_running(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Drop running headers and footers and page numbers."""
    def edge(lines, i, h):
        line = lines[i]
        return (i < 2 and line.top < 0.12 * h) or (i >= len(lines) - 2 and line.bottom > 0.88 * h)

    counts: Counter = Counter()
    for lines, h in zip(pages, heights):
        counts.update({_key(ln.text) for i, ln in enumerate(lines) if edge(lines, i, h)})
    repeated = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    out = []
    for lines, h in zip(pages, heights):
        kept = []
        for i, ln in enumerate(lines):
            if edge(lines, i, h) and (_key(ln.text) in repeated or PAGE_NUMBER.match(ln.text)):
                continue
            kept.append(ln)
        out.append(kept)
    return out


def _split_footnotes(lines: list[Line], body: float, spacing: float, height: float,
                     next_footnote: int) -> tuple[list[Line], list[Line]]:
    """(body lines, footnote lines) of one page."""
    if not lines:
        return lines, []
    # by size: the trailing run of lines in a smaller font
    cut = len(lines)
    while cut > 0 and lines[cut - 1].size < 0.92 * body:
        cut -= 1
    if cut < len(lines) and FOOTNOTE_START.match(lines[cut].text):
        return lines[:cut], lines[cut:]
    # by position: a line starting with the next footnote number after a wide gap, low on the page
    for i in range(1, len(lines)):
        m = FOOTNOTE_START.match(lines[i].text)
        gap = lines[i].top - lines[i - 1].top
        if (m and int(m.group(1)) == next_footnote and lines[i].top > 0.6 * height and gap > 1.8 * spacing
                and not STARTS_BLOCK.match(lines[i].text)):
            return lines[:i], lines[i:]
    return lines, []


GLUED_END = re.compile(r"(?<=[^\s<>])[/–]$")  # "pid/" or "14–" at a line's end: the text goes on without a space


def _join(texts: list[str]) -> str:
    """Lines of a block rejoined as the parser rejoins wrapped lines; a line broken after a
    slash or an en dash attached to the word before it (a URL, a range "14–16") is rejoined
    without a space."""
    from ..parse import rejoin

    glued: list[str] = []
    for text in texts:
        if glued and GLUED_END.search(glued[-1].rstrip()) and text.strip():
            glued[-1] = glued[-1].rstrip() + text.strip()
        else:
            glued.append(text)
    return rejoin(glued)


def _expected(current: list[Line], next_para: int) -> int:
    """The paragraph number a new paragraph would carry, the open block being ``current``."""
    m = re.match(r"^(\d{1,3})\.\s", current[0].text) if current else None
    return next_para + 1 if m and int(m.group(1)) == next_para else next_para


def _heading(lines: list[Line], body: float) -> bool:
    """A block set apart as a heading: every line bold (or larger than the body), short, not
    ending a sentence."""
    text = " ".join(ln.text for ln in lines)
    styled = all(ln.font.endswith(" bold") or ln.size > body + 0.5 for ln in lines)
    return styled and len(lines) <= 3 and len(text) <= 250 and not SENTENCE_END.search(text)


def pdf_blocks(data: bytes) -> list[Block]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    if b"%%EOF" not in data[-2048:]:
        raise PdfProblem("truncated or damaged PDF (no end-of-file marker): get a complete copy")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        with pdf:
            raw_pages = []
            images = 0
            for page in pdf.pages:
                words = page.extract_words(extra_attrs=["size", "fontname"], x_tolerance=1)
                images += len(page.images)
                raw_pages.append((words, float(page.height), float(page.width)))
    except PdfminerException as err:
        cause = err.args[0] if err.args else err
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise PdfProblem("encrypted PDF (password-protected): save an unprotected copy") from None
        raise PdfProblem(f"damaged PDF: {type(cause).__name__}: {cause}"[:200]) from None
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise PdfProblem("encrypted PDF (password-protected): save an unprotected copy") from None
    except (PSException, ValueError, KeyError, TypeError) as err:
        raise PdfProblem(f"damaged PDF: {type(err).__name__}: {err}"[:200]) from None
    if not raw_pages:
        raise PdfProblem("PDF without pages")
    sizes: Counter = Counter()
    for words, _, _ in raw_pages:
        for w in words:
            sizes[round(w["size"], 1)] += len(w["text"])
    if sum(sizes.values()) < 20:
        if images:
            raise PdfProblem("no text layer (a scanned PDF?): OCR it first")
        raise PdfProblem("no text in the PDF (empty pages)")
    body = sizes.most_common(1)[0][0]
    pages = [_group_lines(words, i, body) for i, (words, _, _) in enumerate(raw_pages)]
    heights = [h for _, h, _ in raw_pages]
    pages = _remove_running(pages, heights)

    gaps = [b.top - a.top for lines in pages for a, b in itertools.pairwise(lines)
            if abs(a.size - body) < 0.5 and abs(b.size - body) < 0.5 and b.top > a.top]
    # the line spacing: the commonest gap between body lines (a median would be pulled up by
    # the gaps between short paragraphs), then the tightest gap close to it
    spacing = Counter(round(g * 2) / 2 for g in gaps).most_common(1)[0][0] if gaps else body * 1.2
    spacing = min(g for g in gaps if g > 0.8 * spacing) if gaps else spacing
    right = max((ln.x1 for lines in pages for ln in lines), default=0)

    blocks: list[Block] = []
    footnotes: dict[int, list[str]] = {}
    next_para, next_footnote = 1, 1
    para_x0: float | None = None  # where paragraph numbers stand (paragraph 1's)

    def indented(ln: Line) -> bool:
        """Set in from the paragraph numbers: a numbered list item, never a paragraph."""
        return para_x0 is not None and ln.x0 > para_x0 + 0.5 * body
    current: list[Line] = []

    in_annex = False

    def flush():
        nonlocal next_para, in_annex, para_x0
        if not current:
            return
        texts = [ln.text for ln in current]
        if in_annex and not re.match(r"^(\d{1,3})\.\s", texts[0]):
            # the annex is read line by line (like the cover): a line that stops where the
            # next line's first word would have fitted ends a line of the note; the others
            # were wrapped by the layout and are rejoined
            runs: list[list[str]] = [[]]
            for ln, nxt in zip(current, current[1:] + [None]):
                runs[-1].append(ln.text)
                if nxt is None or right - ln.x1 > (nxt.words[0]["x1"] - nxt.words[0]["x0"]) + 0.5 * ln.size:
                    runs.append([])
            heading = _heading(current, body)
            for run in filter(None, runs):
                block = Block(HEADING, _join(run)) if heading else classify(_join(run), next_para)
                if block.kind == FOOTNOTE:
                    block = Block(TEXT, _join(run))
                if block.kind == PARA:
                    next_para = block.number + 1
                blocks.append(block)
            current.clear()
            return
        if next_para == 1:  # the cover: keep its lines, but rejoin a line wrapped at the margin
            text = ""
            for ln in current:
                text += ln.text + (" " if ln.x1 > 0.9 * right else "\n")
            block = classify(texts[0], next_para)
            if block.kind == PARA:
                text = _join(texts)
        else:
            text = _join(texts)
        block = classify(text, next_para)
        if next_para > 1:
            block = as_list_item(block, blocks)
        if block.kind == PARA and indented(current[0]):
            block = Block(ITEM, block.text, label=str(block.number))
        elif block.kind == PARA and para_x0 is None:
            para_x0 = current[0].x0
        if next_para > 1 and block.kind != PARA and _heading(current, body):
            block = Block(HEADING, text)
        if block.kind == PARA:
            next_para = block.number + 1
        if block.kind == FOOTNOTE:
            footnotes.setdefault(block.number, [block.text])
        else:
            blocks.append(block)
        in_annex = in_annex or next_para > 1 and block.kind in (HEADING, TEXT) and bool(ANNEX_HEADING.match(block.text))
        current.clear()

    for lines, height in zip(pages, heights):
        body_lines, notes = _split_footnotes(lines, body, spacing, height, next_footnote)
        for ln in notes:
            m = FOOTNOTE_START.match(ln.text)
            if m and int(m.group(1)) >= next_footnote and m.group(2):
                number = int(m.group(1))
                footnotes[number] = [m.group(2)]
                next_footnote = number + 1
            elif footnotes:
                footnotes[max(footnotes)].append(ln.text)
        for i, ln in enumerate(body_lines):
            if current:
                prev = current[-1]
                new_page = ln.page != prev.page
                starts = STARTS_BLOCK.match(ln.text)
                m = re.match(r"^(\d{1,3})\.\s", ln.text)
                expected = next_para if indented(current[0]) else _expected(current, next_para)
                clause_end = re.search(r"(?:[.:;,]|\b(?:and|or))\W*$", prev.text.replace("</sup>", ""))
                if starts and (not m or int(m.group(1)) == expected or indented(ln) or clause_end and _expected(current, next_para) > 1):
                    flush()
                elif new_page:
                    ended = SENTENCE_END.search(prev.text.replace("</sup>", "").rstrip("<sup>0123456789"))
                    full = prev.x1 > 0.9 * right
                    if not ((not ended or full) and abs(ln.size - prev.size) <= 0.5 and next_para > 1):
                        flush()
                elif ln.top - prev.bottom > 0.6 * spacing or ln.top - prev.top > 1.4 * spacing or abs(ln.size - prev.size) > 0.5 or ln.font != prev.font and prev.x1 < 0.9 * right:
                    flush()
            current.append(ln)
        # the page's last block stays open: it may go on on the next page
    flush()
    return blocks + [Block(FOOTNOTE, _join(t), number=n) for n, t in sorted(footnotes.items())]


def convert(data: bytes) -> str:
    from .normalise import render

    return render(pdf_blocks(data))
