#!/usr/bin/env bash
# Pay Now session creations per second and latency against an authenticated API read on the same server; see bench/README.md.
# Usage: bench/paynow.sh [--threads N] [--seconds S] [--warmup-seconds S] [--accounts N]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

./mvnw -q -B -DskipTests -pl bench -am package

mkdir -p bench/results
exec "${JAVA:-java}" -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-} \
    -cp "bench/target/ratepayer-bench.jar:$(cat bench/target/classpath.txt)" \
    org.ratepayer.bench.PayNowBench --json bench/results/paynow.json "$@"
