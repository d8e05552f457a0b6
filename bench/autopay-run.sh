#!/usr/bin/env bash
# An autopay run over N due accounts against the channel-API payment throughput in the same run; see bench/README.md.
# Usage: bench/autopay-run.sh [--accounts 100000] [--workers W] [--threads T] [--seconds S] [--warmup-seconds S] [--api-accounts M]
exec "$(dirname "${BASH_SOURCE[0]}")/launch.sh" fixed:1g AutopayBench autopay-run "$@"
