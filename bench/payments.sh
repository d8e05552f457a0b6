#!/usr/bin/env bash
# Channel-API payments per second and latency against an authenticated API read on the same server; see bench/README.md.
# Usage: bench/payments.sh [--threads N] [--seconds S] [--warmup-seconds S] [--accounts N]
exec "$(dirname "${BASH_SOURCE[0]}")/launch.sh" fixed:1g PaymentsBench payments "$@"
