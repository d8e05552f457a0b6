#!/usr/bin/env bash
# Channel-API payments through HAProxy on one node, then on two sharing one PostgreSQL; see bench/README.md.
# Usage: bench/two-nodes.sh [--threads N] [--seconds S] [--warmup-seconds S] [--accounts N]
exec "$(dirname "${BASH_SOURCE[0]}")/launch.sh" fixed:2g TwoNodesBench two-nodes "$@"
