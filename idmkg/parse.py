"""Note text -> :class:`~idmkg.model.Note` with its numbered paragraphs.

The notes come in two layouts, told apart by line length:

* ``lines``: one paragraph per line (markdown-like headings ``#``, ``**bold**``,
  ``<sup>1</sup>`` or superscript-digit footnote markers, items ``- (a) ...``);
* ``wrapped``: text extracted from PDF, paragraphs broken over lines, paragraph
  numbers sometimes alone on a line, bullets as lone ``•``/``o`` characters,
  footnote markers glued to words (``media.1``), footnote blocks in the middle
  of a paragraph, page-break continuations starting with a space.

A paragraph continued after a footnote block or a page break stays one paragraph;
footnotes go to the paragraph whose text carries their marker.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .dates import parse_date
from .errors import NoteError
from .model import Footnote, Item, Note, Paragraph

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUP_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

PARAGRAPH_START = re.compile(r"^(\d{1,3})\.(?:\s+(.*))?$")
DUPLICATE_START = re.compile(r"^(\d{1,3})\.\s+[A-Z“\"]")
#: "1. Migration and trade;": an item of a numbered list inside a paragraph (read as one only after a lead
#: announcing a list, or right after the item before it)
NUMBERED_ITEM = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
#: "... which are the following: 1. Migration and trade;": a list's first item run onto its lead's line (PDF text)
INLINE_FIRST_ITEM = re.compile(r":\s+1\.\s+(\S.*[;,](?:\s*(?:and|or))?)$")
MD_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
MD_ITEM = re.compile(r"^-\s+\((\d{1,2}|[a-z]{1,3}|[ivx]{1,5})\)\s*(.*)$")
MD_BULLET = re.compile(r"^-\s+(.*)$")
#: "(1) Title;" or "(b) Title." on a line of its own, in a list a paragraph announces
PAREN_ITEM = re.compile(r"^\((\d{1,2}|[a-h]|[ivx]{1,4})\)\s+(\S.*)$")
#: "1) Title" or "b) Title" on a line of its own: the same, with only the closing bracket
HALF_PAREN_ITEM = re.compile(r"^(\d{1,2}|[a-h]|[ivx]{1,4})\)\s+(\S.*)$")
LONE_BULLET = re.compile(r"^([•o▪◦])(?:\s+(.*))?$")
#: a footnote's text on its own line after its number: "<sup>1</sup> text", "¹ text", or markdown's "[^1]: text"
FOOTNOTE_SUP_LINE = re.compile(r"^(?:<sup>(\d{1,2})</sup>|([" + _SUP_CHARS + r"]{1,2})|\[\^(\d{1,2})\]:)\s*(.*)$")
FOOTNOTE_NUM_LINE = re.compile(r"^(\d{1,2})\s+(\S.*)$")
LONE_NUMBER = re.compile(r"^(\d{1,2})$")
#: a line of its own shaped like a lettered heading ("(a) Migrants and cities", "*(b) Title*"):
#: a heading, not text to add to the paragraph before (an item in a list starts with "- ")
LETTERED_HEADING = re.compile(r"^\*{0,2}\((?:[a-h]|i{1,3}|iv|v)\)\s+[^.;]{2,160}?[^.;,*]\*{0,2}$")
#: a line that opens with a list letter or number in brackets, alone or before its title: "(a)", "(b) Title"
LETTER_MARKER = re.compile(r"^\*{0,2}\((?:[a-h]|i{1,3}|iv|v|\d{1,2})\)(?:\s|\*|$)")
INLINE_SUP_MARKER = re.compile(r"<sup>(\d{1,2})</sup>|([" + _SUP_CHARS + r"]{1,2})|\[\^(\d{1,2})\]")
GLUED_MARKER = re.compile(r"(?<=[A-Za-z.,;:)”\"’'])(\d{1,2})(?=\s|$)")
SENTENCE_END = re.compile(r"[.?!][\"”’')\]]*$")
ANNEX_HEADING = re.compile(r"^annex\b", re.IGNORECASE)
#: the annex heading of wrapped text: "ANNEX", "ANNEX I", "ANNEX 2" alone on a line
WRAPPED_ANNEX = re.compile(r"^ANNEX(?:\s+(?:[IVX]{1,4}|\d{1,2}|[A-D]))?$")
RULE_LINE_MIN_SPACES = 10
#: a markdown table row "| a | b |" and its header rule "|---|---|"
TABLE_ROW = re.compile(r"^\|.*\|$")
TABLE_RULE = re.compile(r"^\|[\s:|-]+\|$")
#: the rule above a page's footnotes, typed as a row of underscores or dashes
RULE_LINE = re.compile(r"^(?:_{5,}|-{5,})$")
#: page furniture of PDF text: the running symbol, "Page 2", "- 2 -", and a running head with its page
#: number: "IC/2025/3 – page 1", "IDM 2013 – discussion note      1" (a short label, then the number
#: after a run of spaces or the word page)
PAGE_FURNITURE = re.compile(r"^(?:IC/\d{4}/\d{1,3}|Page \d{1,3}(?: of \d{1,3})?|[-–]\s*\d{1,3}\s*[-–]"
                            r"|(?:IC/\d{4}/\d{1,3}|IDM \d{4})\s+[–—-]\s+(?:[Pp]age\s+\d{1,3}"
                            r"|[A-Za-z][A-Za-z ]{0,40}?\s{3,}\d{1,3}))$")

TITLE_LINE = re.compile(r"INTERNATIONAL DIALOGUE ON MIGRATION\s+((?:19|20)\d\d)", re.IGNORECASE)
SYMBOL = re.compile(r"\b(IC/\d{4}/\d{1,3})\b")
ISSUED_LINE = re.compile(r"^([A-Z][a-z]+),\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})$")
DATE_LINE = re.compile(r"^\d{1,2}\s+[A-Z][a-z]+\s+\d{4}$")
ORIGINAL = re.compile(r"^Original:\s*(\w+)")
#: "since the last informal consultations (which took place) on DATE", "since the informal
#: consultations of DATE", "since the previous round of IDM informal consultations, held in
#: Geneva on DATE", "since the last informal consultations (DATE)", "since DATE, when the
#: last informal consultations took place", "since DATE, when the membership last met in informal
#: consultations", "... that were convened on Wednesday, DATE", "the period that began with the
#: informal consultations of DATE": group 1 is the date
_IC_WORDS = (r"(?:IDM |IOM )?[Ii]nformal [Cc]onsultations(?: on (?:the )?(?:International Dialogue on Migration(?: \(IDM\))?|IDM)"
             # "the informal consultations of the membership", "the last informal consultations on migration"
             r"| of (?:the )?(?:membership|Member States)| on migration)?")
#: "the autumn informal consultations", "the November informal consultations"
_IC_WHEN = (r"(?:(?:spring|summer|autumn|fall|winter|January|February|March|April|May|June|July|August|September|October|"
            r"November|December) (?=(?:IDM |IOM )?[Ii]nformal))?")
#: where or how the consultations met, between the verb and the date: "in Geneva", "online", "in a hybrid format"
_IC_WHERE = r"(?:(?:in Geneva|online|virtually|in (?:a )?(?:hybrid|virtual) format),?\s+)?"
PREVIOUS_IC = re.compile(
    r"(?:(?:[Ss]ince|(?:that|which) (?:began|started|opened) with) (?:(?:the|its) (?:(?:last|previous|most recent|preceding) )?"
    r"(?:(?:[a-z]+ )?round of |session of |meeting of (?:the )?)?" + _IC_WHEN + r"(?:" + _IC_WORDS + r"|consultations)"
    + r",?\s*(?:\(\s*|(?:which|that)\s+)?(?:(?:were|was)\s+)?(?:took place |were held |held |convened |organized "
    r"|organised |met )?" + _IC_WHERE + r"(?:on |of )?(?:[A-Z][a-z]+day,?\s+)?"
    # "since the membership last met, on Tuesday, DATE"
    r"|the (?:membership|Members|Member States) (?:last )?met,?\s+(?:in (?:IDM )?[Ii]nformal [Cc]onsultations,?\s+)?on "
    r"(?:[A-Z][a-z]+day,?\s+)?"
    r"|(?=\d{1,2} [A-Z][a-z]+(?: \d{4})?,? when\b[^.;]{0,80}?" + _IC_WORDS + r"))"
    # "The last informal consultations took place on DATE."
    r"|\b[Tt]he (?:last|previous|most recent|preceding) (?:round of )?" + _IC_WORDS
    + r" (?:took place|were held|was held|met|were convened),?\s+" + _IC_WHERE + r"on (?:[A-Z][a-z]+day,?\s+)?"
    # "The membership last met on the IDM in informal consultations on Thursday, DATE."
    r"|\b[Tt]he membership last met\b[^.;]{0,80}?\b[Ii]nformal\s+[Cc]onsultations,?\s+on (?:[A-Z][a-z]+day,?\s+)?)"
    # "5 November 2013", "5 and 6 November 2013", "5-6 November" (a consultation over two days: its first)
    r"(\d{1,2}(?:(?: and |\s*[-–]\s*)\d{1,2})? [A-Z][a-z]+(?: \d{4})?)"
)

LAYOUT_LINES, LAYOUT_WRAPPED = "lines", "wrapped"


def clean_inline(text: str) -> str:
    """Drop markdown emphasis and link brackets, collapse spaces. Markers must be gone already."""
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = text.replace("***", "").replace("**", "")
    text = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", text)
    return re.sub(r"\s+", " ", text).strip()


def rejoin(lines: list[str]) -> str:
    """Rejoin broken lines: a line ending in a hyphen joins the next without a space
    (the notes' line-end hyphens are all real compounds: non-discrimination, South-South)."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -"):
            out += line
        else:
            out += " " + line
    return out


LEADING_EMPHASIS = re.compile(r"\s*(\*{2,3}|__)(?P<run>\S.*?)\1")


def _emphasis(lines: list[str], body: str) -> int:
    """Length, in ``body``, of the emphasised run the raw lines open with (0 if none)."""
    m = LEADING_EMPHASIS.match(lines[0]) if lines else None
    if not m:
        return 0
    run = clean_inline(m.group("run"))
    return len(run) if run and body.startswith(run) and len(run) < len(body) else 0


def join_lines(lines: list[str]) -> str:
    """Broken lines rejoined (:func:`rejoin`), markdown emphasis dropped."""
    return clean_inline(rejoin(lines))


def detect_layout(lines: list[str]) -> str:
    """``lines`` when a paragraph fits on one line (some line is very long) or the text is
    markdown (``#`` headings, ``- (a)`` items); otherwise wrapped PDF text."""
    if any(len(line) > 300 for line in lines):
        return LAYOUT_LINES
    if any(MD_HEADING.match(line.strip()) or MD_ITEM.match(line.strip()) for line in lines):
        return LAYOUT_LINES
    return LAYOUT_WRAPPED


@dataclass
class _Segment:
    """The lead text of a paragraph or one of its items, as raw lines."""

    label: str | None
    level: int
    lines: list[str] = field(default_factory=list)


@dataclass
class _ParagraphBuilder:
    number: int
    line: int
    heading: str | None
    segments: list[_Segment] = field(default_factory=list)

    @property
    def current(self) -> _Segment:
        return self.segments[-1]


@dataclass
class _FootnoteBlock:
    numbers: list[int]
    line: int
    lines: list[str] = field(default_factory=list)
    owner: int | str | None = None  # paragraph the block sits in (fallback owner)


class _NoteParser:
    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.layout = detect_layout(self.lines)
        self.header: list[str] = []
        self.paragraphs: list[_ParagraphBuilder] = []
        self.heading: str | None = None
        self.pending_heading: list[str] = []
        self.in_annex = False
        self.annex: list[str] = []
        self.blocks: list[_FootnoteBlock] = []
        self.block: _FootnoteBlock | None = None
        self.marker_owner: dict[int, int | str] = {}
        self.next_marker = 1
        self.next_footnote = 1
        self.rule_seen = False
        self.after_footnote = False  # a footnote block came after the last text line
        self.table_row_pending = False  # the last line was a table row (a header if a rule follows)
        self.heading_since_paragraph = False  # a section heading came after the last paragraph's start

    # -- markers -------------------------------------------------------------
    def take_markers(self, text: str) -> str:
        owner: int | str = "annex" if self.in_annex else (self.paragraphs[-1].number if self.paragraphs else 0)

        def record(number: int) -> None:
            self.marker_owner.setdefault(number, owner)
            self.next_marker = max(self.next_marker, number + 1)

        def sup(m: re.Match) -> str:
            record(int((m.group(1) or m.group(2) or m.group(3)).translate(SUPERSCRIPTS)))
            return ""

        text = INLINE_SUP_MARKER.sub(sup, text)
        if self.layout == LAYOUT_WRAPPED:

            def glued(m: re.Match) -> str:
                if int(m.group(1)) != self.next_marker:
                    return m.group(0)
                record(int(m.group(1)))
                return ""

            text = GLUED_MARKER.sub(glued, text)
        return text

    # -- paragraphs ----------------------------------------------------------
    def close_paragraph(self) -> None:
        """In wrapped text a heading hides at the end of the previous paragraph:
        the trailing lines after the last sentence end are a heading."""
        if not self.paragraphs or self.layout != LAYOUT_WRAPPED:
            return
        seg = self.paragraphs[-1].current
        lines = [ln for ln in seg.lines if ln.strip()]
        trailing: list[str] = []
        while lines and not SENTENCE_END.search(lines[-1].strip()):
            trailing.insert(0, lines.pop())
        if not lines:
            # a lead that announces a list ("... select two of them:") and no sentence end after it:
            # a lettered heading right after the colon ("(a)", then its title) starts the heading
            lines, trailing = trailing, []
            cut = next((i for i in range(1, len(lines)) if lines[i - 1].rstrip().endswith(":")
                        and LETTER_MARKER.match(lines[i].strip())), None)
            if cut is not None:
                lines, trailing = lines[:cut], lines[cut:]
        if trailing and lines:
            seg.lines = lines
            self.heading = join_lines(trailing)

    def start_paragraph(self, number: int, rest: str, lineno: int) -> None:
        self.close_paragraph()
        if self.pending_heading:
            self.heading = join_lines(self.pending_heading)
            self.pending_heading = []
        p = _ParagraphBuilder(number, lineno, self.heading, [_Segment(None, 0)])
        self.paragraphs.append(p)
        self.heading_since_paragraph = False
        self.after_footnote = False
        if rest:
            p.current.lines.append(self.take_markers(rest))

    def add_text(self, text: str) -> None:
        self.paragraphs[-1].current.lines.append(self.take_markers(text))
        self.after_footnote = False

    def add_item(self, label: str, level: int, text: str) -> None:
        seg = _Segment(label, level)
        self.paragraphs[-1].segments.append(seg)
        self.after_footnote = False
        if text:
            seg.lines.append(self.take_markers(text))

    # -- footnotes -----------------------------------------------------------
    def open_block(self, numbers: list[int], lineno: int, first: str | None) -> None:
        owner = self.paragraphs[-1].number if self.paragraphs else None
        self.block = _FootnoteBlock(numbers, lineno, [first] if first else [], "annex" if self.in_annex else owner)
        self.blocks.append(self.block)
        self.next_footnote = numbers[-1] + 1
        self.after_footnote = True

    def end_block(self) -> None:
        self.block = None
        self.rule_seen = False

    # -- main loop -----------------------------------------------------------
    def run(self) -> None:
        wrapped = self.layout == LAYOUT_WRAPPED
        for lineno, raw in enumerate(self.lines, start=1):
            line = raw.rstrip()
            s = line.strip()
            if not s:
                if wrapped and len(raw) - len(raw.lstrip(" ")) >= RULE_LINE_MIN_SPACES:
                    self.rule_seen = True
                elif not wrapped and self.block:
                    self.end_block()
                continue
            if s == "---":
                continue
            if wrapped and self.paragraphs and not self.in_annex and PAGE_FURNITURE.match(s):
                if self.block is not None:
                    self.end_block()
                continue
            if wrapped and RULE_LINE.match(s):
                self.rule_seen = True
                continue
            if self.block is not None and wrapped:
                lone = LONE_NUMBER.match(s)
                if lone and int(lone.group(1)) == self.next_footnote and self.block.lines:
                    # "1 / text / 2 / text": the next footnote's number alone on its line
                    self.end_block()
                    self.open_block([int(lone.group(1))], lineno, None)
                    continue
                marked = FOOTNOTE_SUP_LINE.match(s)
                if marked and (marked.group(4) or "").strip() and self.block.lines:
                    # "¹ text" / "[^2]: text": the next footnote, its own marker opening the line
                    self.end_block()
                    self._footnote_start(s, lineno)
                    continue
                numbered = FOOTNOTE_NUM_LINE.match(s)
                if (numbered and int(numbered.group(1)) == self.next_footnote and self.block.lines
                        and SENTENCE_END.search(self.block.lines[-1])):
                    # "1  text. / 2  text.": the next footnote starts on its own line, after one that ends a
                    # sentence (a line of footnote text that wraps onto "2 March 2014" does not)
                    self.end_block()
                    self.open_block([int(numbered.group(1))], lineno, numbered.group(2))
                    continue
                # an indented line right under a footnote number alone on its line is its text;
                # after footnote text, an indented line continues the paragraph after a page break
                if ((line.startswith(" ") and self.block.lines) or self._is_paragraph_start(s)
                        or (self.block.lines and self._heads_next(lineno))):
                    self.end_block()
                else:
                    m = LONE_NUMBER.match(s)
                    if m and int(m.group(1)) == self.next_footnote and not self.block.lines:
                        self.block.numbers.append(int(m.group(1)))
                        self.next_footnote += 1
                    else:
                        self.block.lines.append(s)
                    continue
            if self._footnote_start(s, lineno):
                continue
            md = MD_HEADING.match(s)
            if md:
                self._heading(md.group(1))
                continue
            if self.in_annex:
                self.annex.append(self.take_markers(s))
                continue
            if self._numbered_item(s):
                continue
            if self._is_paragraph_start(s):
                m = PARAGRAPH_START.match(s)
                self.start_paragraph(int(m.group(1)), m.group(2) or "", lineno)
                continue
            self.check_repeated_number(s, lineno)
            if not self.paragraphs:
                self.header.append(s)
                continue
            if self._item(s):
                continue
            if wrapped and WRAPPED_ANNEX.match(s):
                # "ANNEX" alone on its line, in capitals: the annex begins (not a line of the paragraph)
                self._heading(s)
                continue
            if wrapped:
                self.add_text(s)
            elif _starts_lowercase(s) and not LETTERED_HEADING.match(s):
                self.add_text(s)
            elif (segs := self.paragraphs[-1].segments)[-1].label in ("•", "o") and not segs[-1].lines:
                self.add_text(s)  # the text of a bullet typed alone on the line before
            else:
                self._heading(s)

    def _heads_next(self, lineno: int) -> bool:
        """Whether the line ``lineno`` (1-based) and at most one more line before the next
        paragraph number read as a section heading: short, no sentence end. A heading right
        after a footnote block is not the footnote's last words."""
        lines: list[str] = []
        for raw in self.lines[lineno - 1:lineno + 3]:
            s = raw.strip()
            if not s or PAGE_FURNITURE.match(s):
                continue
            if self._is_paragraph_start(s):
                return bool(lines) and len(" ".join(lines)) <= 120 and not any(SENTENCE_END.search(x) for x in lines)
            lines.append(s)
            if len(lines) > 2:
                return False
        return False

    def _is_paragraph_start(self, s: str) -> bool:
        m = PARAGRAPH_START.match(s)
        expected = self.paragraphs[-1].number + 1 if self.paragraphs else 1
        return bool(m) and int(m.group(1)) == expected and not self.in_annex

    def check_repeated_number(self, s: str, lineno: int) -> None:
        """A line that starts like an earlier paragraph ("3. The ...") is a repeated paragraph
        number: the note is damaged and its paragraphs cannot be trusted. One that starts
        like the paragraph after next ("6. The ..." after paragraph 4) means paragraph 5 was
        not recognised (its number missing, or without its full stop): going on would fold
        every later paragraph into paragraph 4, so it is an error too."""
        m = DUPLICATE_START.match(s)
        if m and not self.in_annex and self.paragraphs and int(m.group(1)) == self.paragraphs[-1].number + 2:
            last = self.paragraphs[-1].number
            raise NoteError(self.path, f"paragraph {last + 2} follows paragraph {last}: paragraph {last + 1} is "
                                       f"missing or its number is not written '{last + 1}.'", lineno)
        if m and not self.in_annex and self.paragraphs:
            number = int(m.group(1))
            earlier = next((p for p in self.paragraphs if p.number == number), None)
            if earlier is not None:
                raise NoteError(self.path, f"paragraph {number} appears twice (first at line {earlier.line})", lineno)

    def _footnote_start(self, s: str, lineno: int) -> bool:
        m = FOOTNOTE_SUP_LINE.match(s)
        if m and (m.group(4) or "").strip():
            number = int((m.group(1) or m.group(2) or m.group(3)).translate(SUPERSCRIPTS))
            self.open_block([number], lineno, m.group(4))
            if self.layout == LAYOUT_LINES:
                self.block = self.block  # one line each; ended by the next blank line
            return True
        if self.layout != LAYOUT_WRAPPED or not self.paragraphs:
            return False
        m = LONE_NUMBER.match(s)
        if m and int(m.group(1)) == self.next_footnote:
            self.open_block([int(m.group(1))], lineno, None)
            return True
        m = FOOTNOTE_NUM_LINE.match(s)
        if m and self.rule_seen and int(m.group(1)) == self.next_footnote:
            self.open_block([int(m.group(1))], lineno, m.group(2))
            return True
        return False

    def _heading(self, text: str) -> None:
        text = self.take_markers(text)
        title = clean_inline(text)
        if ANNEX_HEADING.match(title):
            self.close_paragraph()
            self.in_annex = True
            self.annex.append(title)
            return
        if self.in_annex:
            self.annex.append(title)
        elif not self.paragraphs:
            self.header.append(text)
        else:
            self.heading = title
            self.heading_since_paragraph = True

    def _item(self, s: str) -> bool:
        if self.layout == LAYOUT_LINES and TABLE_ROW.match(s):
            return self._table_row(s)
        if self.layout == LAYOUT_LINES:
            m = MD_ITEM.match(s) or PAREN_ITEM.match(s) or HALF_PAREN_ITEM.match(s)
            if m and not m.group(0).startswith("-") and not (self._introduces_list() or self._continues_list(m.group(1))):
                m = None
            if m:
                self.add_item(m.group(1), 1, m.group(2))
                return True
            m = MD_BULLET.match(s)
            if m:
                segs = self.paragraphs[-1].segments
                last = join_lines(segs[-1].lines) if segs[-1].label else ""
                if last and not SENTENCE_END.search(last) and self.after_footnote:
                    self.add_text(m.group(1))  # an item continued after a footnote block
                else:
                    self.add_item("•", 1, m.group(1))
                return True
            m = LONE_BULLET.match(s)
            if m and (m.group(1) != "o" or self.paragraphs[-1].segments[-1].label in ("•", "o")):
                # "• Title" (a list typed with bullet characters, as in the wrapped layout): an item; "o Title"
                # only under a bullet item (a sub-item), never a line of its own
                self.add_item("•" if m.group(1) != "o" else "o", 1 if m.group(1) != "o" else 2, m.group(2) or "")
                return True
            return False
        m = PAREN_ITEM.match(s) or HALF_PAREN_ITEM.match(s)
        if m and (self._introduces_list() or self._continues_list(m.group(1))):
            # "(a) Title. Text ..." at the start of a line, after a lead ending with ":" or the item before it
            self.add_item(m.group(1), 1, m.group(2))
            return True
        m = LONE_BULLET.match(s)
        if m:
            self.add_item("•" if m.group(1) != "o" else "o", 1 if m.group(1) != "o" else 2, m.group(2) or "")
            return True
        return False

    def _numbered_item(self, s: str) -> bool:
        """"1. Migration and trade;" on a line of its own, in a paragraph that announces a list
        ("... the following:"), or the next item of a numbered list the paragraph ends with: an
        item of that paragraph, not a paragraph written twice. A number that is also the next
        paragraph's stays the paragraph unless the item before it ends as a list item goes on
        ("...;", "...,", "...; and")."""
        m = NUMBERED_ITEM.match(s)
        if not m or not self.paragraphs or self.in_annex:
            return False
        label = m.group(1)
        segs = self.paragraphs[-1].segments
        if label == "2" and segs[-1].label is None and segs[-1].lines and not self.heading_since_paragraph \
                and (inline := INLINE_FIRST_ITEM.search(segs[-1].lines[-1])):
            # the first item was run onto the lead's line: it becomes the list's first item
            segs[-1].lines[-1] = segs[-1].lines[-1][:inline.start() + 1]
            self.add_item("1", 1, inline.group(1))
        if not ((label == "1" and self._introduces_list())
                or (self._continues_list(label) and segs[-1].label.isdigit())):
            return False
        if self._is_paragraph_start(s):
            last = join_lines(segs[-1].lines).rstrip()
            if segs[-1].label is None or not re.search(r"[;,](?:\s*(?:and|or))?$", last):
                return False
        self.add_item(label, 1, m.group(2))
        return True

    def _introduces_list(self) -> bool:
        """Whether the paragraph so far ends by announcing a list ("... select two of them:"), or
        with an item of one ("(1) ...;"): then "(2) ..." on a line of its own is its next item,
        not a section heading."""
        segs = self.paragraphs[-1].segments if self.paragraphs else []
        if not segs or self.heading_since_paragraph:
            return False
        last = join_lines(segs[-1].lines).rstrip()
        return last.endswith(":") or (segs[-1].label is not None and bool(re.search(r"[;,](?:\s*(?:and|or))?$", last)))

    def _continues_list(self, label: str) -> bool:
        """Whether "(2) ..." on a line of its own is the next item of the list the paragraph
        ends with: the paragraph's last segment is the item just before it in sequence
        ("(1)", "(a)", "(i)"), whatever that item ended with ("(1) **Title.** Text.")."""
        segs = self.paragraphs[-1].segments if self.paragraphs else []
        if not segs or self.heading_since_paragraph or segs[-1].label is None:
            return False
        return _next_label(segs[-1].label) == label

    def _table_row(self, s: str) -> bool:
        """A markdown table inside a paragraph: each body row is an item of the paragraph,
        its cells joined by " | "; the header row (the one above the |---| rule) is dropped."""
        segs = self.paragraphs[-1].segments
        if TABLE_RULE.match(s):
            if len(segs) > 1 and segs[-1].label == "•" and self.table_row_pending:
                segs.pop()
            self.table_row_pending = False
            return True
        cells = [c.strip() for c in s.strip().strip("|").split("|")]
        self.add_item("•", 1, " | ".join(c for c in cells if c))
        self.table_row_pending = True
        return True

    # -- result ----------------------------------------------------------------
    def footnotes(self) -> dict[int, tuple[Footnote, int | str | None]]:
        out: dict[int, tuple[Footnote, int | str | None]] = {}
        for block in self.blocks:
            texts = _split_block(block.lines, len(block.numbers))
            for number, text in zip(block.numbers, texts):
                owner = self.marker_owner.get(number, block.owner)
                out[number] = (Footnote(number, join_lines([text]), block.line), owner)
        return out

    def build_paragraphs(self) -> tuple[Paragraph, ...]:
        notes = self.footnotes()
        result = []
        for p in self.paragraphs:
            text = join_lines(p.segments[0].lines)
            items = []
            for seg in p.segments[1:]:
                body = join_lines(seg.lines)
                prefix = f"({seg.label}) " if seg.label not in ("•", "o") else f"{seg.label} "
                text += ("\n" if text else "") + ("  " if seg.level > 1 else "") + prefix
                start = len(text)
                text += body
                items.append(Item(seg.label, body, start, len(text), seg.level, _emphasis(seg.lines, body)))
            fns = tuple(fn for fn, owner in sorted(notes.values(), key=lambda x: x[0].number) if owner == p.number)
            result.append(Paragraph(p.number, text, p.heading, tuple(items), fns, p.line))
        return tuple(result)


ROMAN_SEQUENCE = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def _next_label(label: str) -> str | None:
    """The label after ``label`` in its sequence: "1" -> "2", "a" -> "b", "iii" -> "iv"."""
    if label.isdigit():
        return str(int(label) + 1)
    if label in ROMAN_SEQUENCE[1:-1] or label == "i":
        # "i" is both a letter and a numeral: after "h" it is handled below as a letter
        return ROMAN_SEQUENCE[ROMAN_SEQUENCE.index(label) + 1]
    if len(label) == 1 and label.isalpha() and label.islower():
        return chr(ord(label) + 1)
    return None


def _starts_lowercase(s: str) -> bool:
    for ch in s:
        if ch.isalpha():
            return ch.islower()
    return False


def _split_block(lines: list[str], count: int) -> list[str]:
    """Split a block of footnote text printed under several lone numbers into ``count``
    footnotes, at lines that end a sentence and are followed by a capitalised line."""
    if count <= 1:
        return [" ".join(lines)]
    cuts = [i + 1 for i in range(len(lines) - 1)
            if SENTENCE_END.search(lines[i]) and lines[i + 1][:1].isupper()][: count - 1]
    bounds = [0, *cuts, len(lines)]
    parts = [" ".join(lines[a:b]) for a, b in zip(bounds, bounds[1:])]
    return parts + [""] * (count - len(parts))


def _header_metadata(path: Path, header: list[str]) -> dict:
    meta: dict = {"symbol": None, "issued": None, "place": None, "language": None,
                  "consultation_date": None, "title": None, "subtitle": None, "year": None}
    lines = [clean_inline(h).strip("#").strip() for h in header]
    lines = [re.sub(r"^#+\s*", "", ln) for ln in lines if ln]
    title_at = None
    for i, ln in enumerate(lines):
        if meta["symbol"] is None and (m := SYMBOL.search(ln)):
            meta["symbol"] = m.group(1)
        if (m := ORIGINAL.match(ln)):
            meta["language"] = m.group(1)
        if (m := ISSUED_LINE.match(ln)):
            meta["place"], meta["issued"] = m.group(1), parse_date(m.group(2))
        elif DATE_LINE.match(ln) and meta["consultation_date"] is None:
            meta["consultation_date"] = parse_date(ln)
        if title_at is None and (m := TITLE_LINE.search(ln)):
            title_at, meta["year"], meta["title"] = i, int(m.group(1)), ln.strip()
    if title_at is None:
        raise NoteError(path, "no title 'INTERNATIONAL DIALOGUE ON MIGRATION <year>' before paragraph 1")
    sub = []
    for ln in lines[title_at + 1:]:
        if DATE_LINE.match(ln) or TITLE_LINE.search(ln):
            break
        if SYMBOL.fullmatch(ln) or ORIGINAL.match(ln) or ISSUED_LINE.match(ln):
            continue  # cover lines printed after the title are not the subtitle
        sub.append(ln)
    if sub:
        meta["subtitle"] = join_lines(sub).strip("“”\"")
    return meta


def parse_text(text: str, path: Path | str = "<text>") -> Note:
    """Parse a note's text. ``path`` names it in errors and records its source."""
    path = Path(path)
    parser = _NoteParser(path, text)
    parser.run()
    if not parser.paragraphs:
        raise NoteError(path, "no numbered paragraphs found (expected a line starting '1.')")
    paragraphs = parser.build_paragraphs()
    meta = _header_metadata(path, parser.header)
    m = PREVIOUS_IC.search(paragraphs[0].text)
    previous = parse_date(m.group(1), meta.get("year")) if m else None
    if meta["symbol"]:
        key = meta["symbol"].replace("/", "-")
    elif previous:
        key = f"idm-{meta['year']}-after-{previous.isoformat()}"
    else:
        raise NoteError(path, "cannot name the note: no symbol (IC/YYYY/N) on its cover and no "
                              "'since the last informal consultations on <date>' in paragraph 1", 1)
    annex_notes = tuple(fn for fn, owner in sorted(parser.footnotes().values(), key=lambda x: x[0].number)
                        if owner == "annex")
    return Note(
        source=path,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        key=key,
        symbol=meta["symbol"],
        title=meta["title"],
        subtitle=meta["subtitle"],
        dialogue_year=meta["year"],
        issued=meta["issued"],
        place=meta["place"],
        language=meta["language"],
        consultation_date=meta["consultation_date"],
        previous_consultation=previous,
        paragraphs=paragraphs,
        annex="\n".join(clean_inline(a) for a in parser.annex),
        annex_footnotes=annex_notes,
        cover="\n".join(clean_inline(h) for h in parser.header),
    )


#: a discussion note is a few pages; anything bigger is not one (and would be slow to read)
MAX_NOTE_BYTES = 10 * 1024 * 1024
BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]


def decode_note(path: Path, data: bytes) -> str:
    """The text of a note file: UTF-8, or any encoding announced by a byte-order mark."""
    if not data.strip():
        raise NoteError(path, "empty file")
    if len(data) > MAX_NOTE_BYTES:
        raise NoteError(path, f"too large for a discussion note ({len(data) / 1e6:.0f} MB; "
                              f"the limit is {MAX_NOTE_BYTES // (1024 * 1024)} MB)")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise NoteError(path, f"starts with a {encoding} byte-order mark but is not {encoding} "
                                      f"(byte {err.start})") from None
    if data.startswith(b"%PDF"):
        raise NoteError(path, "is a PDF file; give idmkg its text (UTF-8)")
    if b"\x00" in data[:4096]:
        raise NoteError(path, "binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        hint = " (it looks like Latin-1 or Windows-1252: re-save it as UTF-8)" if data[err.start] >= 0x80 else ""
        raise NoteError(path, f"not UTF-8 text at byte {err.start}{hint}", line) from None


def parse_note(path: Path | str) -> Note:
    """Read and parse one note file; a missing, unreadable, empty, binary or wrongly encoded
    file is a :class:`NoteError` naming it."""
    path = Path(path)
    return parse_text(decode_note(path, read_bytes(path)), path)


def read_bytes(path: Path, error: type = NoteError) -> bytes:
    """The bytes of a note file (or of a file to add, with ``error`` IngestError); a missing
    file, a folder or an unreadable file is one ``error`` naming it."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(path, "note not found" if error is NoteError else "file not found") from None
    except IsADirectoryError:
        raise error(path, "is a directory, not a note") from None
    except OSError as err:
        raise error(path, f"cannot read: {err.strerror}") from None


def corpus_files(directory: Path | str) -> list[Path]:
    """The ``*.txt`` notes of a corpus folder, by file name; a missing or empty folder is a
    NoteError."""
    directory = Path(directory)
    if not directory.is_dir():
        raise NoteError(directory, "corpus directory not found")
    files = sorted(directory.glob("*.txt"))
    if not files:
        raise NoteError(directory, "no notes (*.txt) in corpus directory")
    return files


def parse_corpus(directory: Path | str) -> list[Note]:
    """Parse every ``*.txt`` note in ``directory``, sorted by note key (not file name)."""
    notes = [parse_note(f) for f in corpus_files(directory)]
    check_distinct(notes)
    return sorted(notes, key=lambda n: n.key)


def check_distinct(notes: list[Note]) -> None:
    """A note given twice (two files, one key) is a NoteError naming the second file."""
    seen: dict[str, Path] = {}
    for n in notes:
        if n.key in seen:
            raise NoteError(n.source, f"same note as {seen[n.key]} (both are {n.key})")
        seen[n.key] = n.source
