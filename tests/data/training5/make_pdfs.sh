#!/bin/sh
# Regenerates tests/data/training5/pdf/: PDF versions of two of the sealed synthetic notes (lines
# layout), with tests/data/unseen/make_pdfs.sh (the note text becomes a small HTML document
# with real footnotes, which LibreOffice Writer converts headless to .pdf).
#
#     sh tests/data/training5/make_pdfs.sh [NOTE.txt ...]     (default: ic-2016-7.txt ic-2017-8.txt)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || set -- ic-2016-7.txt ic-2017-8.txt
NOTES_DIR="$here" FORMATS=pdf exec sh "$here/../unseen/make_pdfs.sh" "$@"
