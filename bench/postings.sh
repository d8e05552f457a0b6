#!/usr/bin/env bash
# The data pump draining 100,000 payment postings into the Daffron simulator, quiet and with 20% failing calls; see bench/README.md.
# Usage: bench/postings.sh [--postings N] [--accounts N] [--workers N]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

./mvnw -q -B -DskipTests -pl bench -am package

mkdir -p bench/results
exec "${JAVA:-java}" -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-} \
    -cp "bench/target/ratepayer-bench.jar:$(cat bench/target/classpath.txt)" \
    org.ratepayer.bench.PostingsBench --json bench/results/postings.json "$@"
