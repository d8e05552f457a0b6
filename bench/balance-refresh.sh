#!/usr/bin/env bash
# Real-time balance refresh through the balance API against a raw SOAP POST loop to the CIS simulator; see bench/README.md.
# Usage: bench/balance-refresh.sh [--threads N] [--warmup-seconds S] [--seconds S] [--accounts N] [--seed S]
#                                 [--breakdown] [--profile] [--work-dir DIR] [--keep] [--timeout-minutes M]
# A fixed heap: resizing it during a run would show as latency on whichever side it happened.
exec "$(dirname "${BASH_SOURCE[0]}")/launch.sh" fixed:1g BalanceRefreshBench balance-refresh "$@"
