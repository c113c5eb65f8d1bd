#!/usr/bin/env bash
# refresh-scan.sh — bytes scanned per refresh as segments grow (issue 12): N generated structured
# segments (half RFM, half behavioural rules) over the same events, per-segment layout (one
# CREATE TABLE AS per segment) vs the one-scan refresh script, measured with DuckDB's profiler.
#
#   USERS=400000 SIZES=10,100,1000 ./refresh-scan.sh     (~25 events per user: 400,000 ≈ 10M events)
#
# Generated projects, the sample and the profiles go to $WORK/refresh-scan; the table goes to
# stdout and $WORK/results/refresh-scan.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USERS="${USERS:-40000}"; SIZES="${SIZES:-10,100,1000}"
mkdir -p "$WORK/results"
build_bench
java -cp "$BENCH_CP" io.segmentsascode.bench.RefreshScanBenchmark --users "$USERS" --sizes "$SIZES" \
  --work "$WORK/refresh-scan" | tee "$WORK/results/refresh-scan.md"
