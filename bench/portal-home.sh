#!/usr/bin/env bash
# The customer portal's home for a payer with three accounts (three live balances from the CIS simulator) against the
# authenticated balance API read (one live balance) on the same server; see bench/README.md.
# Usage: bench/portal-home.sh [--threads N] [--seconds S] [--warmup-seconds S] [--accounts N]
exec "$(dirname "${BASH_SOURCE[0]}")/launch.sh" fixed:1g PortalHomeBench portal-home "$@"
