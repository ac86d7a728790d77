#!/bin/sh
# Regenerates tests/data/training7/pdf/: PDF versions of two of the sealed notes (lines layout), made
# with LibreOffice Writer by tests/data/unseen/make_pdfs.sh.
#
#     sh tests/data/training7/make_pdfs.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
NOTES_DIR="$here" FORMATS="${FORMATS:-pdf}" sh "$here/../unseen/make_pdfs.sh" ic-2016-3.txt ic-2019-2.txt
