#!/usr/bin/env bash
# translate.sh — translation time per query and preview time of the segmentation corpus
# (connectors/bundle/src/test/resources/segmentation-corpus.sql) through the resolved-tree
# translator, on a generated sample; prints the previewable and correct shares.
#
#   USERS=20000 ITERATIONS=5 ./translate.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USERS="${USERS:-20000}"; ITERATIONS="${ITERATIONS:-5}"
build_bench
mkdir -p "$WORK/translate-state"
java -cp "$BENCH_CP" io.segmentsascode.bench.TranslateBenchmark "$ROOT/connectors/bundle/src/test/resources/segmentation-corpus.sql" \
  "$ROOT/segments" "$ROOT/campaigns" "$WORK/translate-state" "$USERS" "$ITERATIONS" | tee "$WORK/translate.tsv"
