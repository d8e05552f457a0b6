#!/usr/bin/env bash
# Builds the benchmarks and runs one: bench/launch.sh HEAP CLASS RESULT [options...]
# (the bench/*.sh scripts call it; HEAP is -Xmx, and -Xms too when it starts with "fixed:").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
heap="$1" class="$2" result="$3"
shift 3

./mvnw -q -B -DskipTests -pl bench -am package

mkdir -p bench/results
if [[ "$heap" == fixed:* ]]; then
    heap_flags="-Xms${heap#fixed:} -Xmx${heap#fixed:}"
else
    heap_flags="-Xmx$heap"
fi
# A later --json replaces this one, for runs that should not overwrite the last result.
# shellcheck disable=SC2086
exec "${JAVA:-java}" $heap_flags ${BENCH_JAVA_OPTS:-} \
    -cp "bench/target/ratepayer-bench.jar:$(cat bench/target/classpath.txt)" \
    "org.ratepayer.bench.$class" --json "bench/results/$result.json" "$@"
