#!/usr/bin/env bash
# Real-time balance refresh through the balance API against a raw SOAP POST loop to the CIS simulator; see bench/README.md.
# Usage: bench/balance-refresh.sh [--threads N] [--warmup-seconds S] [--seconds S] [--accounts N] [--seed S]
#                                 [--breakdown] [--profile] [--work-dir DIR] [--keep] [--timeout-minutes M]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

./mvnw -q -B -DskipTests -pl bench -am package

mkdir -p bench/results
# A fixed heap: resizing it during a run would show as latency on whichever side it happened.
# A later --json replaces this one, for runs that should not overwrite the last result.
exec "${JAVA:-java}" -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-} \
    -cp "bench/target/ratepayer-bench.jar:$(cat bench/target/classpath.txt)" \
    org.ratepayer.bench.BalanceRefreshBench --json bench/results/balance-refresh.json "$@"
