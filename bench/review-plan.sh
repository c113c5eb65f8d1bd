#!/usr/bin/env bash
# review-plan.sh — a pull request's plan (locked, as CI runs it) on N generated segments with one
# changed, with and without segments.base, timed in one JVM (ReviewPlanBenchmark). The project is
# a copy of the generated one made a Git repository of two commits: all N segments, then one
# segment's window changed. Quote iterations 1..ITERATIONS (0 warms the JIT and the impact cache).
# Usage: N=5000 ITERATIONS=3 bench/review-plan.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N="${N:-5000}"; ITERATIONS="${ITERATIONS:-3}"
build_bench
# the N segments: the Dataform peer's generator where it is installed, else rows of the same shape
if [ ! -d "$YAML_DIR/n$N/segments" ]; then
  mkdir -p "$WORK"
  TSV="$WORK/review-n$N.tsv"
  node -e '
    const n = +process.argv[1], rows = ["name\tcountry\tevent_types\tchannel\tcampaign_type\tloyalty_tier\tlookback_days\tmin_frequency\tmin_monetary\tparents"];
    const countries = ["DE", "FR", "GB", "ES", "IT", "NL", "PL", "SE", "US", "BR"], events = ["purchase", "add_to_cart,purchase", "page_view,add_to_cart", "sign_up"];
    const channels = ["organic", "paid_search", "social", "email", "display", "referral"], tiers = ["none", "silver", "gold", "platinum"];
    for (let i = 0; i < n; i++) rows.push([`seg_${String(i).padStart(5, "0")}`, countries[i % 10], events[i % 4], channels[i % 6],
      "email", tiers[i % 4], 7 + (i % 90), 1 + (i % 5), 10 * (i % 20), ""].join("\t"));
    require("fs").writeFileSync(process.argv[2], rows.join("\n") + "\n");' "$N" "$TSV"
  "$BENCH/yaml-from-tsv.sh" "$TSV" "$YAML_DIR/n$N"
fi
REPO="$WORK/review-n$N"
mkdir -p "$WORK"
if [ ! -d "$REPO/.git" ]; then
  rm -rf "$REPO" && mkdir -p "$REPO"
  cp -r "$YAML_DIR/n$N/segments" "$YAML_DIR/n$N/campaigns" "$YAML_DIR/n$N/pom.xml" "$REPO/"
  touch "$REPO/segments.lock"
  # half weekly: one daily scheduled query of 5,000 segment swaps is longer than BigQuery accepts
  sed -i 's/^refresh: daily/refresh: weekly/' "$REPO"/segments/seg_*[13579].yaml
  printf 'target/\n.segments/\n' > "$REPO/.gitignore"
  git -C "$REPO" init -q -b main
  git -C "$REPO" add -A && git -C "$REPO" -c user.name=bench -c user.email=bench@example.com commit -qm base
  first="$(cd "$REPO/segments" && set -- seg_*.yaml && echo "$1")"
  sed -i -E 's/window_days: ([0-9]+)/window_days: 1\1/' "$REPO/segments/$first"
  git -C "$REPO" -c user.name=bench -c user.email=bench@example.com commit -qam "change $first"
fi
java -cp "$BENCH_CP" io.segmentsascode.bench.ReviewPlanBenchmark "$REPO" "$ITERATIONS" | tee "$WORK/review-plan-n$N.tsv"
