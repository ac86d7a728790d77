"""Lines-layout note (plain headings, no markdown '#') -> HTML for LibreOffice, after
tests/data/unseen/make_pdfs.sh: cover, headings, numbered paragraphs, Writer footnotes, annex."""
import html, re, sys
SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
src, dst = sys.argv[1], sys.argv[2]
raw = open(src, encoding="utf-8").read().splitlines()
lines = []
for r in raw:
    if lines and lines[-1].count("**") % 2 == 1 and r.strip():
        lines[-1] = lines[-1].rstrip() + " " + r.strip()
    else:
        lines.append(r)

def inline(t):
    t = html.escape(t, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    def anchor(m):
        n = m.group(1).translate(SUP)
        return (f'<a class="sdfootnoteanc" name="sdfootnote{n}anc" href="#sdfootnote{n}sym">'
                f"<sup>{n}</sup></a>")
    return re.sub(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", anchor, t)

cover, body, notes = [], [], {}
title_seen = 0
in_body = False
for r in lines:
    line = r.strip()
    if not line:
        continue
    if not in_body:
        if line.startswith("INTERNATIONAL DIALOGUE ON MIGRATION"):
            title_seen += 1
            if title_seen == 2:
                in_body = True
                body.append(f"<h2>{inline(line)}</h2>")
                continue
        cover.append(f'<p align="center">{inline(line)}</p>')
        continue
    m = re.match(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+(.*)$", line)
    if m:
        notes[m.group(1).translate(SUP)] = m.group(2)
        continue
    p = re.match(r"^(\d{1,3})\.\s+(.*)$", line)
    if p:
        body.append(f'<p align="justify">{p.group(1)}.&#9;{inline(p.group(2))}</p>')
    elif line == "ANNEX":
        body.append(f'<h2 style="page-break-before: always">{line}</h2>')
    elif len(line) < 90:
        body.append(f"<h3>{inline(line)}</h3>")
    else:
        body.append(f'<p align="justify">{inline(line)}</p>')
fn = "".join(
    f'<div id="sdfootnote{n}"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote{n}sym" '
    f'href="#sdfootnote{n}anc">{n}</a> {inline(t)}</p></div>'
    for n, t in sorted(notes.items(), key=lambda kv: int(kv[0])))
page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>IDM note</title>"
        "<style>body{font-family:'Times New Roman',serif;font-size:12pt}"
        "h2,h3,h4{font-size:12pt;font-weight:bold;text-align:center}</style></head><body>"
        + "".join(cover) + '<p style="page-break-before: always"></p>' + "".join(body) + fn
        + "</body></html>")
open(dst, "w", encoding="utf-8").write(page)
