#!/usr/bin/env bash
# Bulk-load benchmark of the invoice import against a plain COPY of the same rows; see bench/README.md.
# Usage: bench/bif-import.sh [--invoices N] [--seed S] [--breakdown | --plans] [--pg NAME=VALUE]...
#                            [--work-dir DIR] [--keep] [--timeout-minutes M]
# -Xmx512m is the memory target itself: an import that needs more fails here instead of passing.
exec "$(dirname "${BASH_SOURCE[0]}")/launch.sh" 512m BifImportBench bif-import "$@"
