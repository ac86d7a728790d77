#!/bin/sh
# Regenerates tests/data/unseen/pdf/: Word (.docx) and PDF versions of two of the synthetic
# unseen notes, for the PDF/docx ingestion tests. The note text (markdown-like "lines" layout)
# becomes a small HTML document with real footnotes (LibreOffice's own footnote markup), which
# LibreOffice Writer (Debian: libreoffice-writer-nogui) converts headless to .docx and .pdf.
#
#     sh tests/data/unseen/make_pdfs.sh [NOTE.txt ...]     (default: ic-2011-9.txt ic-2012-8.txt)
#
# NOTES_DIR (default: this folder) names the folder of the notes, whose pdf/ receives the
# files; FORMATS (default: "docx pdf") the formats made. tests/data/sealed2/make_pdfs.sh uses both.
#
# The PDFs embed a creation time, so they differ from run to run in their metadata only.
set -eu

here=${NOTES_DIR:-$(cd "$(dirname "$0")" && pwd)}
out="$here/pdf"
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
    echo "make_pdfs.sh: LibreOffice not found (apt-get install libreoffice-writer-nogui)" >&2
    exit 2
fi
[ $# -gt 0 ] || set -- ic-2011-9.txt ic-2012-8.txt
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

for note in "$@"; do
    name=$(basename "$note" .txt)
    python3 - "$here/$name.txt" "$tmp/$name.html" <<'PY'
"""Note text (lines layout) -> HTML for LibreOffice: cover, headings, numbered paragraphs,
lettered items, footnotes as Writer footnotes."""
import html
import re
import sys

SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
src, dst = sys.argv[1], sys.argv[2]
lines = []
for raw in open(src, encoding="utf-8").read().splitlines():
    # emphasis opened on one line and closed on a later one (a cover title over two lines):
    # one line
    if lines and lines[-1].count("**") % 2 == 1 and raw.strip():
        lines[-1] = lines[-1].rstrip() + " " + raw.strip()
    else:
        lines.append(raw)


def inline(text):
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*\*(.+?)\*\*\*", r"<b><i>\1</i></b>", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])", r"<i>\1</i>", text)

    def anchor(m):
        n = m.group(1) or m.group(2).translate(SUP)
        return (f'<a class="sdfootnoteanc" name="sdfootnote{n}anc" href="#sdfootnote{n}sym">'
                f"<sup>{n}</sup></a>")
    return re.sub(r"&lt;sup&gt;(\d+)&lt;/sup&gt;|([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", anchor, text)


footnotes, body, cover = {}, [], []
in_body = False
for raw in lines:
    line = raw.strip()
    if not line or line == "---":
        continue
    m = re.match(r"^(?:<sup>(\d+)</sup>|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s+(.*)$", line)
    if m and in_body:
        n = m.group(1) or m.group(2).translate(SUP)
        footnotes[n] = m.group(3)
        continue
    h = re.match(r"^(#{1,6})\s+(.*)$", line)
    if h:
        in_body = True
        level = min(len(h.group(1)), 4)
        body.append(f"<h{level}>{inline(h.group(2))}</h{level}>")
        continue
    if not in_body and re.match(r"^1\.\s", line):
        # a note whose headings are plain lines (no "#"): its body starts at paragraph 1
        in_body = True
    if not in_body:
        cover.append(f'<p align="center">{inline(line)}</p>')
        continue
    if (not re.match(r"^(?:\d{1,3}\.|-|\(|<sup>|[•o▪])", line) and len(line) <= 160
            and not re.search(r"[.;:,]\W*$", line) and line[:1].isupper()):
        # a plain-line heading (IC/2010/5's "IDM 2010: Migration and social change"): a real heading
        body.append(f"<h3>{inline(line)}</h3>")
        continue
    p = re.match(r"^(\d{1,3})\.\s+(.*)$", line)
    if p:
        body.append(f'<p align="justify">{p.group(1)}.&#9;{inline(p.group(2))}</p>')
        continue
    item = re.match(r"^-\s+(.*)$", line)
    if item:
        body.append(f'<p align="justify" style="margin-left: 1.5cm">{inline(item.group(1))}</p>')
        continue
    body.append(f"<p>{inline(line)}</p>")

notes = "".join(
    f'<div id="sdfootnote{n}"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote{n}sym" '
    f'href="#sdfootnote{n}anc">{n}</a> {inline(t)}</p></div>'
    for n, t in sorted(footnotes.items(), key=lambda kv: int(kv[0])))
page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>IDM note</title>"
        "<style>body{font-family:'Times New Roman',serif;font-size:12pt}"
        "h2,h3,h4{font-size:12pt;font-weight:bold;text-align:center}</style></head><body>"
        + "".join(cover) + '<p style="page-break-before: always"></p>' + "".join(body) + notes
        + "</body></html>")
open(dst, "w", encoding="utf-8").write(page)
PY
    for format in ${FORMATS:-docx pdf}; do
        case "$format" in
            docx) filter="docx:MS Word 2007 XML" ;;
            pdf) filter="pdf:writer_pdf_Export" ;;
            *) echo "make_pdfs.sh: unknown format $format (docx or pdf)" >&2; exit 2 ;;
        esac
        ( cd "$tmp" && "$soffice" --headless --norestore --infilter="HTML (StarWriter)" \
            --convert-to "$filter" --outdir "$out" "$tmp/$name.html" >/dev/null )
        echo "$out/$name.$format"
    done
done
