#!/usr/bin/env bash
# The staff search box over 1,000,000 accounts and 2,000,000 payments, each kind of text, against a SELECT of one account
# by its primary key in the same run; see bench/README.md.
# Usage: bench/staff-search.sh [--accounts N] [--payments N] [--queries N]
exec "$(dirname "${BASH_SOURCE[0]}")/launch.sh" fixed:1g StaffSearchBench staff-search "$@"
