"""Make the ingest fixtures: HTML, markdown, .docx and PDF versions of two vendored notes.

    .venv/bin/python tests/data/ingest/make_fixtures.py     # needs LibreOffice (soffice) for the PDFs

Each note's text (``lines`` layout, notes/*.txt) is read here, independently of idmkg, into
blocks (cover lines, headings, numbered paragraphs, items, bullets, footnotes, annex lines)
and written as:

* ``NAME.html``: pandoc-style HTML: ``<ol start=N>`` paragraphs, ``<ol type="a">`` items,
  ``<b>``/``<i>`` emphasis, footnote references ``<a href="#fn1"><sup>1</sup></a>`` and a
  ``<section class="footnotes">``;
* ``NAME.md``: markdown soft-wrapped at 72 columns, ``[^1]`` footnotes;
* ``NAME.docx``: python-docx with real Word numbering (``w:numPr``; the numbers are not in
  the text), real footnotes (a footnotes part, 9 pt), a running header (the symbol) and a
  footer with the page number field;
* ``NAME.pdf``: that .docx printed to PDF by LibreOffice: the running header and page numbers
  on every page, the footnotes at the bottom of their page in a smaller font.

The tests use the files; they never need LibreOffice.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
NOTES = {"ic-2010-5": "002_5c41cb46aeb7a953.txt", "ic-2009-10": "000_aa852f21bc5d0914.txt"}
SUP = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def read_blocks(text: str) -> list[tuple]:
    """(kind, text, number/label) with markers as [[n]] and emphasis as ** / *."""
    blocks: list[list] = []
    seen_para, annex, next_para = False, False, 1
    for raw in text.split("\n"):
        s = raw.strip()
        if not s or s == "---":
            continue
        s = re.sub(r"<sup>(\d+)</sup>", r"[[\1]]", s)
        s = re.sub(r"([¹²³⁴⁵⁶⁷⁸⁹⁰]+)", lambda m: f"[[{m.group(1).translate(SUP)}]]", s)
        s = re.sub(r"<(https?://[^>]+)>", r"\1", s)
        m = re.match(r"^\[\[(\d+)\]\]\s*(.*)$", s)
        if m:
            blocks.append(["footnote", m.group(2), int(m.group(1))])
            continue
        m = re.match(r"^(#+)\s+(.*)$", s)
        if m:
            kind = "cover" if not seen_para else "heading"
            blocks.append([kind, m.group(2), len(m.group(1))])
            annex = annex or bool(re.match(r"(?i)\W*annex", m.group(2)))
            continue
        m = re.match(r"^(\d+)\.\s+(.*)$", s)
        if m and int(m.group(1)) == next_para and not annex:
            blocks.append(["para", m.group(2), next_para])
            seen_para, next_para = True, next_para + 1
            continue
        m = re.match(r"^-\s+\(([a-z])\)\s+(.*)$", s)
        if m and not annex:
            blocks.append(["item", m.group(2), m.group(1)])
            continue
        m = re.match(r"^-\s+(.*)$", s)
        if m:
            blocks.append(["bullet", m.group(1), None])
            continue
        if not seen_para:
            blocks.append(["cover", s, None])
        elif annex:
            blocks.append(["text", s, None])
        elif s[0].islower():  # continues the paragraph (after a footnote printed in its middle)
            last = next(b for b in reversed(blocks) if b[0] in ("para", "item"))
            last[1] += " " + s
        else:
            blocks.append(["heading", s, 3])
    return [tuple(b) for b in blocks]


def plain(s: str) -> str:
    return re.sub(r"\[\[\d+\]\]", "", s.replace("***", "").replace("**", "").replace("*", ""))


def inline_html(s: str) -> str:
    s = html.escape(s, quote=False)
    s = re.sub(r"\*\*\*(.+?)\*\*\*", r"<b><i>\1</i></b>", s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
    s = re.sub(r"\*(.+?)\*", r"<em>\1</em>", s)
    return re.sub(r"\[\[(\d+)\]\]", r'<a href="#fn\1" class="footnote-ref" id="fnref\1" role="doc-noteref">'
                                    r'<sup>\1</sup></a>', s)


def to_html(blocks, title: str) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{html.escape(title)}</title>", "<style>body { max-width: 40em; }</style>", "</head>", "<body>"]
    notes = []
    i = 0
    while i < len(blocks):
        kind, text, extra = blocks[i]
        if kind == "footnote":
            notes.append((extra, text))
        elif kind == "cover":
            out.append(f"<p>{inline_html(text)}</p>")
        elif kind == "heading":
            out.append(f"<h{extra}>{inline_html(text)}</h{extra}>")
        elif kind == "text":
            out.append(f"<p>{inline_html(text)}</p>")
        elif kind == "para":
            items = []
            while i + 1 < len(blocks) and blocks[i + 1][0] in ("item", "footnote"):
                i += 1
                if blocks[i][0] == "footnote":
                    notes.append((blocks[i][2], blocks[i][1]))
                else:
                    items.append(blocks[i])
            sub = ""
            if items:
                sub = '\n<ol type="a">' + "".join(f"\n<li>{inline_html(t)}</li>" for _, t, _ in items) + "\n</ol>\n"
            out.append(f'<ol start="{extra}">\n<li><p>{inline_html(text)}</p>{sub}</li>\n</ol>')
        elif kind == "bullet":
            out.append(f"<ul><li>{inline_html(text)}</li></ul>")
        i += 1
    out.append('<section class="footnotes" role="doc-endnotes">\n<hr>\n<ol>')
    for n, text in sorted(notes):
        out.append(f'<li id="fn{n}"><p>{inline_html(text)} <a href="#fnref{n}" class="footnote-back" '
                   f'role="doc-backlink">↩︎</a></p></li>')
    out += ["</ol>", "</section>", "</body>", "</html>", ""]
    return "\n".join(out)


def to_markdown(blocks) -> str:
    out, notes = [], []
    md = lambda s: re.sub(r"\[\[(\d+)\]\]", r"[^\1]", s)
    for kind, text, extra in blocks:
        if kind == "footnote":
            notes.append((extra, text))
        elif kind == "cover":
            out.append(md(text))
        elif kind == "heading":
            out.append("#" * extra + " " + md(text))
        elif kind == "para":
            out.append(textwrap.fill(md(text), 72, initial_indent=f"{extra}. ",
                                     subsequent_indent=" " * (len(str(extra)) + 2), break_on_hyphens=False))
        elif kind == "item":
            out.append(textwrap.fill(md(text), 72, initial_indent=f"- ({extra}) ", subsequent_indent="  ",
                                     break_on_hyphens=False))
        elif kind == "bullet":
            out.append(textwrap.fill(md(text), 72, initial_indent="- ", subsequent_indent="  ", break_on_hyphens=False))
        else:
            out.append(md(text))
    for n, text in sorted(notes):
        out.append(textwrap.fill(md(text), 72, initial_indent=f"[^{n}]: ", subsequent_indent="    ",
                                 break_on_hyphens=False))
    return "\n\n".join(out) + "\n"


def to_docx(blocks, symbol: str, path: Path) -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Pt

    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(11)
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="91"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'))
    # abstractNum elements must precede num elements
    for a in numbering.findall(qn("w:abstractNum")):
        numbering.remove(a)
        numbering.insert(0, a)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    lists = [0]

    def letters_num() -> str:
        lists[0] += 1
        num_id = str(100 + lists[0])
        numbering.append(parse_xml(
            f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId w:val="91"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        return num_id

    def set_num(p, num_id: str) -> None:
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))

    footnotes: dict[int, str] = {n: t for k, t, n in blocks if k == "footnote"}
    fn_ids: list[int] = []

    def add_runs(p, text: str, bold: bool = False) -> None:
        for piece in re.split(r"(\[\[\d+\]\])", text):
            m = re.fullmatch(r"\[\[(\d+)\]\]", piece)
            if m:
                fn_ids.append(int(m.group(1)))
                p._p.append(parse_xml(
                    f'<w:r xmlns:w="{W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                    f'<w:footnoteReference w:id="{m.group(1)}"/></w:r>'))
            elif piece:
                for j, part in enumerate(re.split(r"(\*\*\*.+?\*\*\*|\*\*.+?\*\*|\*.+?\*)", piece)):
                    if not part:
                        continue
                    run = p.add_run(part.strip("*"))
                    run.bold = bold or part.startswith("**")
                    run.italic = part.startswith("*") and not part.startswith("**") or part.startswith("***")

    letters = None
    for kind, text, extra in blocks:
        if kind == "footnote":
            continue
        if kind in ("cover", "text"):
            p = d.add_paragraph()
            add_runs(p, text, bold=kind == "cover" and text.isupper())
        elif kind == "heading":
            p = d.add_heading(level=min(extra, 3))
            add_runs(p, text)
        elif kind == "para":
            letters = None
            p = d.add_paragraph()
            set_num(p, "90")
            add_runs(p, text)
        elif kind == "item":
            letters = letters or letters_num()
            p = d.add_paragraph()
            set_num(p, letters)
            add_runs(p, text)
        elif kind == "bullet":
            p = d.add_paragraph(style="List Bullet")
            add_runs(p, text)
    # the footnotes part
    notes_xml = [f'<w:footnotes xmlns:w="{W}">',
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
                 ('<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                  '</w:p></w:footnote>')]
    for n in fn_ids:
        body = html.escape(plain(footnotes[n]), quote=False)
        notes_xml.append(
            f'<w:footnote w:id="{n}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="18"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {body}</w:t></w:r></w:p></w:footnote>')
    notes_xml.append("</w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                "".join(notes_xml).encode("utf-8"), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    # running header and page-number footer
    section = d.sections[0]
    section.header.paragraphs[0].text = f"{symbol}    Discussion note"
    fp = section.footer.paragraphs[0]
    fp._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    d.core_properties.title = symbol
    d.save(path)


def main() -> int:
    soffice = shutil.which("soffice")
    for name, file in NOTES.items():
        text = (ROOT / "notes" / file).read_text(encoding="utf-8")
        blocks = read_blocks(text)
        symbol = re.search(r"IC/\d{4}/\d+", text).group(0)
        (HERE / f"{name}.html").write_text(to_html(blocks, symbol), encoding="utf-8")
        (HERE / f"{name}.md").write_text(to_markdown(blocks), encoding="utf-8")
        to_docx(blocks, symbol, HERE / f"{name}.docx")
        if soffice:
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                                "--convert-to", "pdf", "--outdir", tmp, str(HERE / f"{name}.docx")],
                               check=True, capture_output=True, timeout=180)
                shutil.copy(Path(tmp) / f"{name}.pdf", HERE / f"{name}.pdf")
        else:
            print("soffice not found: PDFs not made", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
