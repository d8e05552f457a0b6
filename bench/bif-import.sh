#!/usr/bin/env bash
# Bulk-load benchmark of the invoice import against a plain COPY of the same rows; see bench/README.md.
# Usage: bench/bif-import.sh [--invoices N] [--seed S] [--breakdown | --plans] [--pg NAME=VALUE]...
#                            [--work-dir DIR] [--keep] [--timeout-minutes M]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

./mvnw -q -B -DskipTests -pl bench -am package

mkdir -p bench/results
# -Xmx512m is the memory target itself: an import that needs more fails here instead of passing.
# A later --json replaces this one, for runs that should not overwrite the last result.
exec "${JAVA:-java}" -Xmx512m ${BENCH_JAVA_OPTS:-} \
    -cp "bench/target/ratepayer-bench.jar:$(cat bench/target/classpath.txt)" \
    org.ratepayer.bench.BifImportBench --json bench/results/bif-import.json "$@"
