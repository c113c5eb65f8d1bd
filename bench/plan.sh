#!/usr/bin/env bash
# plan.sh — times segments:plan on N generated segments (default 5,000), whole process:
#   1. cold: no impact cache (every segment sized on the sample warehouse),
#   2. warm: same definitions again (everything cached),
#   3. one segment changed: only that segment (and its pairs) is recomputed.
# The sample warehouse is generated before the timed runs (its generation is timed by preview.sh).
# Usage: N=5000 RUNS=3 bench/plan.sh     Results: work/plan-nN.tsv and a table on stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N="${N:-5000}"; RUNS="${RUNS:-3}"
ensure_dataform; ensure_plugin
[ -d "$YAML_DIR/n$N/segments" ] || gen_projects "$N"
PROJECT="$YAML_DIR/n$N"
MVN=(mvn -q -o -B "-Dmaven.repo.local=$MVN_REPO" -Dsegments.prune=true)
TSV="$WORK/plan-n$N.tsv"
printf 'case\trun\twall_s\tmax_rss_mb\n' > "$TSV"

timed() { # CASE RUN: one plan under /usr/bin/time -v
  local out="$WORK/plan-time.txt"
  (cd "$PROJECT" && /usr/bin/time -v -o "$out" "${MVN[@]}" segments:plan > "$WORK/plan-n$N.log" 2>&1) \
    || { tail -20 "$WORK/plan-n$N.log" >&2; exit 1; }
  awk -F': ' -v c="$1" -v r="$2" '/Elapsed \(wall clock\)/{n=split($2,p,":"); w=(n==3?p[1]*3600+p[2]*60+p[3]:p[1]*60+p[2])}
    /Maximum resident/{m=$2/1024} END{printf "%s\t%s\t%.2f\t%.0f\n", c, r, w, m}' "$out" >> "$TSV"
  tail -1 "$TSV" >&2
}

log "warming up: sample warehouse for $PROJECT"
(cd "$PROJECT" && "${MVN[@]}" segments:compile > /dev/null)
bench_files=("$PROJECT"/segments/seg_bench_*.yaml); first="${bench_files[0]}"
cp "$first" "$WORK/plan-first.yaml.orig"
for r in $(seq 1 "$RUNS"); do
  cp "$WORK/plan-first.yaml.orig" "$first"
  rm -f "$PROJECT/.segments/impact-cache.json"
  timed cold "$r"
  timed warm "$r"
  # one changed segment: a different window
  sed -i "s/window_days: \([0-9]*\)/window_days: 1\1/" "$first"
  timed one-changed "$r"
done
cp "$WORK/plan-first.yaml.orig" "$first"

echo "| N=$N | median wall s | min | max | max RSS MB |"
echo "|---|---|---|---|---|"
for c in cold warm one-changed; do
  # median/min/max without gawk's asort: sort the wall times first
  awk -F'\t' -v c="$c" '$1==c{print $3}' "$TSV" | sort -n | awk -v c="$c" -v m="$(awk -F'\t' -v c="$c" '$1==c && $4>m{m=$4} END{print m}' "$TSV")" \
    '{w[++n]=$1} END{med=(n%2?w[(n+1)/2]:(w[n/2]+w[n/2+1])/2); printf "| %s | %.2f | %.2f | %.2f | %.0f |\n", c, med, w[1], w[n], m}'
done
