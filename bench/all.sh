#!/usr/bin/env bash
# all.sh — the whole benchmark, one build: REBUILD=1 ./all.sh
#   1. (REBUILD=1) cd <repo> && mvn -q install -DskipTests; snapshot ~/.m2/repository -> bench/work/m2
#   2. run.sh (whole-process, paired), 3. in-process.sh (per stage), 4. preview.sh
# All three use the same snapshot (REFRESH_PLUGIN=0 after step 1). Logs: bench/work/logs/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$WORK/logs"
ensure_plugin
export REFRESH_PLUGIN=0 REBUILD=0
for s in run in-process preview; do
  log "$s.sh (log: $WORK/logs/$s.err)"
  t0=$(date +%s)
  "$BENCH/$s.sh" > "$WORK/logs/$s.out" 2> "$WORK/logs/$s.err" || { log "$s.sh failed:"; tail -30 "$WORK/logs/$s.err" >&2; exit 1; }
  log "$s.sh done in $(( $(date +%s) - t0 )) s"
done
cat "$WORK/results/summary.md" "$WORK/results/in-process.md" "$WORK/results/preview.md"
