"""Word .docx -> blocks, with python-docx (the package: document, styles, numbering and
footnotes parts).

Word's automatic numbering leaves the number out of the text: it is rebuilt from each
paragraph's numbering properties (``w:numPr``: ``numId`` and ``ilvl``, on the paragraph or its
style) and the numbering part (format, level text ``%1.``, start, restarts): decimal numbers at
the first level are the note's paragraph numbers, letters and roman numerals its items
``(a)``, bullets its bullets. Footnote references (``w:footnoteReference``) become markers
numbered in the order they appear, as Word prints them, and the footnotes are read from the
footnotes part. Headers and footers live in parts of their own and are not read.
"""
from __future__ import annotations

import io
import re

from .normalise import BULLET, FOOTNOTE, HEADING, ITEM, PARA, TEXT, Block, as_list_item, classify, squash

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _fmt(fmt: str, n: int) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n) if fmt == "lowerLetter" else _letters(n).upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)


def _val(el, tag: str, default=None):
    child = el.find(_W + tag) if el is not None else None
    return child.get(_W + "val") if child is not None else default


class _Numbering:
    """Word list numbering: counters per abstract list, restarted by ``startOverride``."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, dict]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for a in root.findall(_W + "abstractNum"):
            levels = {}
            for lvl in a.findall(_W + "lvl"):
                levels[int(lvl.get(_W + "ilvl", "0"))] = {
                    "fmt": _val(lvl, "numFmt", "decimal"), "text": _val(lvl, "lvlText", "%1."),
                    "start": int(_val(lvl, "start", "1"))}
            levels_of = a.get(_W + "abstractNumId")
            self.levels[levels_of] = levels
        for num in root.findall(_W + "num"):
            overrides = {}
            for o in num.findall(_W + "lvlOverride"):
                start = _val(o, "startOverride")
                if start is not None:
                    overrides[int(o.get(_W + "ilvl", "0"))] = int(start)
            self.nums[num.get(_W + "numId")] = (_val(num, "abstractNumId"), overrides)

    def label(self, num_id: str, ilvl: int) -> tuple[str, str, int] | None:
        """(format, label text, number) of the next paragraph of list ``num_id`` at ``ilvl``."""
        if num_id not in self.nums or num_id == "0":
            return None
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        lvl = levels.get(ilvl, {"fmt": "decimal", "text": f"%{ilvl + 1}.", "start": 1})
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        counters[ilvl] = counters.get(ilvl, lvl["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = lvl["text"] or ""

        def sub(m):
            k = int(m.group(1)) - 1
            level = levels.get(k, {"fmt": "decimal", "start": 1})
            return _fmt(level["fmt"], counters.get(k, level["start"]))

        return lvl["fmt"], re.sub(r"%(\d)", sub, text), counters[ilvl]


def _run_text(el, refs: dict[str, int], out: list[str]) -> None:
    """The text of a paragraph's content, depth first: runs, hyperlinks, insertions, fields."""
    for child in el:
        tag = child.tag
        if tag == _W + "r":
            rpr = child.find(_W + "rPr")
            sup = _val(rpr, "vertAlign") == "superscript"
            for part in child:
                ptag = part.tag
                if ptag == _W + "t":
                    text = part.text or ""
                    if sup and re.fullmatch(r"\s*\d{1,2}\s*", text):
                        out.append(f"<sup>{text.strip()}</sup>")
                    else:
                        out.append(text)
                elif ptag in (_W + "tab", _W + "ptab"):
                    out.append(" ")
                elif ptag in (_W + "br", _W + "cr"):
                    out.append("\n")
                elif ptag == _W + "noBreakHyphen":
                    out.append("-")
                elif ptag == _W + "footnoteReference":
                    fid = part.get(_W + "id")
                    if part.get(_W + "customMarkFollows") in ("1", "true"):
                        continue
                    refs.setdefault(fid, len(refs) + 1)
                    out.append(f"<sup>{refs[fid]}</sup>")
        elif tag in (_W + "hyperlink", _W + "ins", _W + "smartTag", _W + "fldSimple", _W + "sdt",
                     _W + "sdtContent", _W + "customXml"):
            _run_text(child, refs, out)


def _style_info(document) -> dict[str, tuple[str, str | None, int]]:
    """style id -> (name, numId, ilvl) of the styles, following ``basedOn`` for numbering."""
    info = {}
    raw = {}
    for style in document.styles.element.findall(_W + "style"):
        sid = style.get(_W + "styleId")
        ppr = style.find(_W + "pPr")
        numpr = ppr.find(_W + "numPr") if ppr is not None else None
        raw[sid] = (_val(style, "name", sid), _val(numpr, "numId") if numpr is not None else None,
                    int(_val(numpr, "ilvl", "0")) if numpr is not None else 0, _val(style, "basedOn"))
    for sid, (name, num, ilvl, based) in raw.items():
        seen = {sid}
        while num is None and based in raw and based not in seen:
            seen.add(based)
            _, num, ilvl, based = raw[based]
        info[sid] = (name, num, ilvl)
    return info


def docx_blocks(data: bytes) -> list[Block]:
    import docx  # python-docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    document = docx.Document(io.BytesIO(data))
    part = document.part
    try:
        numbering = _Numbering(part.numbering_part.element)
    except (KeyError, NotImplementedError, AttributeError):
        numbering = _Numbering(None)
    styles = _style_info(document)
    refs: dict[str, int] = {}
    blocks: list[Block] = []
    next_para = 1

    def paragraph(p) -> None:
        nonlocal next_para
        ppr = p.find(_W + "pPr")
        style_id = _val(ppr, "pStyle")
        name, num_id, ilvl = styles.get(style_id, (style_id or "", None, 0))
        numpr = ppr.find(_W + "numPr") if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr, "numId", num_id)
            ilvl = int(_val(numpr, "ilvl", str(ilvl)))
        out: list[str] = []
        _run_text(p, refs, out)
        text = squash("".join(out))
        label = numbering.label(num_id, ilvl) if num_id else None
        if not text:
            return
        heading = bool(re.match(r"(?i)heading\s*\d", name or ""))
        if label is not None:
            fmt, shown, number = label
            if fmt == "bullet":
                blocks.append(Block(BULLET, text, level=ilvl + 1))
                return
            if fmt in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman"):
                blocks.append(Block(ITEM, text, label=_fmt(fmt.replace("upper", "lower"), number), level=ilvl + 1))
                return
            if fmt == "decimal" and ilvl == 0 and not heading:
                blocks.append(Block(PARA, text, number=number))
                next_para = number + 1
                return
            text = f"{shown} {text}".strip()
        if heading and next_para > 1:
            blocks.append(Block(HEADING, text))
            return
        block = as_list_item(classify(text, next_para), blocks)
        if block.kind == PARA:
            next_para = block.number + 1
        blocks.append(block)

    def walk(el) -> None:
        for child in el:
            if child.tag == _W + "p":
                paragraph(child)
            elif child.tag in (_W + "tbl", _W + "tr", _W + "tc", _W + "sdt", _W + "sdtContent", _W + "customXml"):
                walk(child)

    walk(document.element.body)

    notes: dict[int, str] = {}
    footnotes_part = next((rel.target_part for rel in part.rels.values()
                           if rel.reltype == RT.FOOTNOTES and not rel.is_external), None)
    if footnotes_part is not None:
        from docx.oxml import parse_xml

        root = parse_xml(footnotes_part.blob) if not hasattr(footnotes_part, "element") else footnotes_part.element
        for fn in root.findall(_W + "footnote"):
            fid = fn.get(_W + "id")
            if fn.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            texts = []
            for p in fn.iter(_W + "p"):
                out: list[str] = []
                _run_text(p, {}, out)
                texts.append("".join(out))
            text = squash(" ".join(texts)).replace("\n", " ")
            text = re.sub(r"^<sup>\d{1,2}</sup>\s*", "", text)
            if fid in refs:
                notes[refs[fid]] = text
    body_notes = [b for b in blocks if b.kind == FOOTNOTE]  # typed by hand as "¹ text"
    blocks = [b for b in blocks if b.kind != FOOTNOTE]
    for b in body_notes:
        notes.setdefault(b.number, b.text)
    return blocks + [Block(FOOTNOTE, t, number=n) for n, t in sorted(notes.items())]


def convert(data: bytes) -> str:
    from .normalise import render

    return render(docx_blocks(data))


__all__ = ["TEXT", "convert", "docx_blocks"]
