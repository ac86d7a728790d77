#!/bin/sh
# Regenerates tests/data/sealed6/pdf/: PDF versions of two of the sealed notes (both in the "lines"
# layout), with LibreOffice Writer, by the same conversion as tests/data/unseen/make_pdfs.sh.
#
#     sh tests/data/sealed6/make_pdfs.sh
#
# The PDFs embed a creation time, so they differ from run to run in their metadata only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
NOTES_DIR="$here" FORMATS="${FORMATS:-pdf}" exec sh "$here/../unseen/make_pdfs.sh" ic-2007-9.txt ic-2017-2.txt
