#!/usr/bin/env bash
# A conversion's apply over 500,000 accounts, 2,000,000 invoices and 1,000,000 payments, against a plain UPDATE … FROM a
# mapping table of the same tables in the same run; see bench/README.md and docs/conversion.md.
# Usage: bench/conversion.sh [--accounts N] [--invoices-per-account N]
exec "$(dirname "${BASH_SOURCE[0]}")/launch.sh" fixed:2g ConversionBench conversion "$@"
