#!/usr/bin/env bash
# The data pump draining 100,000 payment postings into the Daffron simulator, quiet and with 20% failing calls; see bench/README.md.
# Usage: bench/postings.sh [--postings N] [--accounts N] [--workers N] [--warmup-postings N]
exec "$(dirname "${BASH_SOURCE[0]}")/launch.sh" fixed:1g PostingsBench postings "$@"
