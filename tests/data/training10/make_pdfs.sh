#!/bin/sh
# Regenerates tests/data/sealed7/pdf/: PDF versions of two of the sealed notes (both in the "lines"
# layout), with LibreOffice Writer, by the conversion of tests/data/unseen/make_pdfs.sh.
#
#     sh tests/data/sealed7/make_pdfs.sh
#
# That conversion takes the cover to end at the first markdown heading ("#"). IC/2006/1 has such
# headings; IC/2025/2, like IC/2010/5, has plain heading lines, so a scratch copy of it with its
# body headings marked "##"/"###" is converted instead (the text is the same; only the layout of
# the headings in the PDF depends on the marks). The PDFs embed a creation time, so they differ
# from run to run in their metadata only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cp "$here/ic-2006-1.txt" "$tmp/"
python3 - "$here/ic-2025-2.txt" "$tmp/ic-2025-2.txt" <<'PY'
import re
import sys
src, dst = sys.argv[1], sys.argv[2]
out, body, first = [], False, True
for line in open(src, encoding="utf-8").read().splitlines():
    s = line.strip()
    if not body:
        out.append(line)
        body = s == "25 March 2025"
        continue
    if s and s != "---" and not re.match(r"^(\d{1,3}\.\s|[¹²³⁴⁵⁶⁷⁸⁹])", s):
        line = ("## " if first else "### ") + s
        first = False
    out.append(line)
open(dst, "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
NOTES_DIR="$tmp" FORMATS="${FORMATS:-pdf}" sh "$here/../unseen/make_pdfs.sh" ic-2006-1.txt ic-2025-2.txt
mkdir -p "$here/pdf"
mv "$tmp/pdf/ic-2006-1.pdf" "$tmp/pdf/ic-2025-2.pdf" "$here/pdf/"
ls "$here/pdf"
