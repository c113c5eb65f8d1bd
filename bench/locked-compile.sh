#!/usr/bin/env bash
# locked-compile.sh — what re-analysing every query costs a locked (CI) compile.
#
#   SIZES="1000" RUNS=3 ./locked-compile.sh
#
# Projects, generated in $WORK/locked/:
#   bundled   this repository's segments/, campaigns/ and segments.lock (4 SQL segments, 13 in all)
#   sqlN      the bundled warehouse.yaml + N hand-written `sql:` segments, each a different query
#             (event name, window and threshold vary), no campaigns
# Per project and run, cold: target/ and .segments/ moved aside untimed, then
#   mvn -q -o -Dmaven.repo.local=$MVN_REPO segments:compile -Dsegments.locked=true
# timed with /usr/bin/time (wall, max RSS of the Maven process). Prints one TSV row per run and
# the median wall time per project. Set MVN_REPO to a local repository holding another build of
# the plugin (e.g. an older commit installed with -Dmaven.repo.local) to compare versions.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SIZES="${SIZES:-1000}"
RUNS="${RUNS:-3}"
OUT="$WORK/locked"

ensure_plugin

gen_sql_project() { # N DIR
  local n="$1" dir="$2" i
  rm -rf "$dir" && mkdir -p "$dir/segments" "$dir/campaigns"
  write_pom "$dir/pom.xml" "locked-sql$n"
  cp "$ROOT/segments/warehouse.yaml" "$dir/segments/"
  local events=(page_view product_view add_to_cart purchase)
  for ((i = 1; i <= n; i++)); do
    local id event days min
    id=$(printf 'seg_lifecycle_sql_%05d' "$i")
    event=${events[$((i % 4))]}
    days=$((7 + i % 90))
    min=$((1 + i % 5))
    cat > "$dir/segments/$id.yaml" <<YAML
# yaml-language-server: \$schema=../schemas/segment-v1.json
id: $id
description: Users with at least $min $event events in the last $days days.
owner: bench@example.com
stage: experimental
refresh: daily
sql: |
  SELECT e.user_id, COUNT(*) AS events_n
  FROM events AS e
  JOIN users AS u ON u.user_id = e.user_id
  WHERE e.event_name = '$event'
    AND e.event_time > TIMESTAMP_SUB(@run_time, INTERVAL $days DAY)
    AND e.event_time <= @run_time
  GROUP BY e.user_id
  HAVING COUNT(*) >= $min
columns: {user_id: STRING, events_n: INT64}
YAML
  done
}

projects=(bundled)
rm -rf "$OUT/bundled" && mkdir -p "$OUT/bundled"
write_pom "$OUT/bundled/pom.xml" locked-bundled
cp -r "$ROOT/segments" "$ROOT/campaigns" "$ROOT/segments.lock" "$OUT/bundled/"
for n in $SIZES; do
  gen_sql_project "$n" "$OUT/sql$n"
  projects+=("sql$n")
done

printf 'project\trun\twall_s\tmax_rss_kb\n'
for project in "${projects[@]}"; do
  walls=()
  for ((run = 1; run <= RUNS; run++)); do
    dir="$OUT/$project"
    mkdir -p "$WORK/discarded"
    for f in target .segments; do
      [ -e "$dir/$f" ] && mv "$dir/$f" "$(mktemp -d "$WORK/discarded/XXXXXX")/"
    done
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" \
      mvn -q -o -Dmaven.repo.local="$MVN_REPO" -f "$dir/pom.xml" segments:compile -Dsegments.locked=true >"$WORK/out.txt" 2>&1 \
      || { cat "$WORK/out.txt" >&2; exit 1; }
    read -r wall rss < "$WORK/time.txt"
    printf '%s\t%d\t%s\t%s\n' "$project" "$run" "$wall" "$rss"
    walls+=("$wall")
  done
  printf '%s\tmedian\t%s\n' "$project" "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
done
rm -rf "$WORK/discarded"
