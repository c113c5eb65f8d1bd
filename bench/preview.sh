#!/usr/bin/env bash
# preview.sh — time `mvn segments:preview` on the bundled segments/ and campaigns/ against the
# generated DuckDB sample, per sample size: a first run (sample generated, then every segment
# run) and a second run (sample read from the cache in .segments/sample/).
#
#   USERS="40000 400000" ./preview.sh          (~25.5 events per user: ≈1M and ≈10M events)
#
# SEGMENTS_REV (default HEAD): the bundled segments/, campaigns/ and segments.lock (the intent
# segments' pinned SQL, without which they cannot run) are taken from this commit
# with `git archive` (read-only) into $WORK/preview/src, because the work tree is shared with
# people adding segment kinds that the installed plugin may not read yet. SEGMENTS_REV=worktree
# uses <repo>/segments, <repo>/campaigns and <repo>/segments.lock as they are.
#
# Runs in $WORK/preview (a minimal pom declaring the plugin), so the sample cache and target/
# stay under bench/work/. Each run: node measure.js -- "/usr/bin/time -v mvn -o
#   -Dmaven.repo.local=$WORK/m2 segments:preview
#   -Dsegments.dir=<repo>/segments -Dsegments.campaignsDir=<repo>/campaigns -Dsegments.lockFile=<repo>/segments.lock
#   -Dsegments.sampleUsers=N"
# (no -q: the per-segment table is INFO). Output: $WORK/results/preview.md, preview_*.log.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USERS="${USERS:-40000 400000}"
RES="$WORK/results"; P="$WORK/preview"
ensure_plugin
ensure_dataform   # only for measure.js (the peer's /proc sampler)
mkdir -p "$RES" "$P"
SEGMENTS_REV="${SEGMENTS_REV:-HEAD}"
if [ "$SEGMENTS_REV" = worktree ]; then
  SRC="$ROOT"; SRC_DESC="work tree of $ROOT"
else
  rm -rf "$P/src" && mkdir -p "$P/src"
  git -C "$ROOT" archive "$SEGMENTS_REV" segments campaigns segments.lock | tar -x -C "$P/src"
  SRC="$P/src"; SRC_DESC="$ROOT at $(git -C "$ROOT" rev-parse --short "$SEGMENTS_REV") (git archive)"
fi
log "bundled segments from $SRC_DESC: $(ls "$SRC/segments" | grep -c '^seg_') segments"
write_pom "$P/pom.xml" segments-bench-preview
rm -f "$RES"/preview.tsv "$RES"/preview-noise.tsv "$RES"/preview_*.log "$RES"/time_preview_*.txt
{ machine_facts; echo "segments=$SRC_DESC"; } > "$RES/versions-preview.txt"
DUCKDB_JAR="${DUCKDB_JAR:-$(ls "$MVN_REPO"/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar | sort -V | tail -1)}"

run() { # USERS first|cached
  local n="$1" k="$2" log="$RES/preview_u$1_$2.log"
  [ "$k" = first ] && rm -f "$P"/.segments/sample/sample-*-users"$n"-*.duckdb
  rm -rf "$P/target"
  log "preview: $n users, $k run"
  set +e
  measured "$RES/preview.tsv" "$RES/preview-noise.tsv" "preview u$n $k" "$k" \
    "cd '$P' && /usr/bin/time -v -o '$RES/time_preview_u${n}_$k.txt' mvn -B -o -Dmaven.repo.local='$MVN_REPO' segments:preview -Dsegments.dir='$SRC/segments' -Dsegments.campaignsDir='$SRC/campaigns' -Dsegments.lockFile='$SRC/segments.lock' -Dsegments.sampleUsers=$n > '$log' 2>&1"
  local rc=$?
  set -e
  [ "$rc" -eq 0 ] || { log "preview u$n $k failed (exit $rc); tail of $log:"; tail -40 "$log" >&2; exit 1; }
}
for n in $USERS; do
  run "$n" first
  run "$n" cached
  # rows actually generated (read-only open of the cached sample; a single-file source launch, so this
  # script needs no build of the bench module: it times the installed plugin)
  java -cp "$DUCKDB_JAR" "$BENCH/src/main/java/io/segmentsascode/bench/SampleCounts.java" "$P"/.segments/sample/sample-*-users$n-*.duckdb > "$RES/preview_counts_u$n.txt"
  echo "file_bytes $(stat -c %s "$P"/.segments/sample/sample-*-users$n-*.duckdb)" >> "$RES/preview_counts_u$n.txt"
  log "sample rows: $(tr '\n' ' ' < "$RES/preview_counts_u$n.txt")"
done

node - "$USERS" "$RES" "$P" > "$RES/preview.md" <<'JS'
const fs = require("fs"), path = require("path");
const [users, RES, P] = [process.argv[2].split(/\s+/).filter(Boolean), process.argv[3], process.argv[4]];
const rows = fs.readFileSync(path.join(RES, "preview.tsv"), "utf8").trim().split("\n").slice(1).map(l => l.split("\t"));
const strip = s => s.replace(/\x1b\[[0-9;]*m/g, "");
const noise = fs.readFileSync(path.join(RES, "preview-noise.tsv"), "utf8").trim().split("\n").slice(1).map(l => l.split("\t"));
const out = ["| users | events (sessions) generated | run | wall s | peak RSS MiB, tree | CPU s | sample file MiB | segments | sum of per-segment ms (from the table) | other processes' CPU s meanwhile |", "|---|---|---|---|---|---|---|---|---|---|"];
const tables = [];
for (const n of users) {
  const counts = Object.fromEntries(fs.readFileSync(path.join(RES, `preview_counts_u${n}.txt`), "utf8").trim().split("\n").map(l => l.split(" ")).map(([t, c]) => [t.split(".").pop(), +c]));
  const size = (counts.file_bytes || NaN) / 1048576;
  for (const k of ["first", "cached"]) {
    const r = rows.find(x => x[0] === `preview u${n} ${k}`);
    const log = strip(fs.readFileSync(path.join(RES, `preview_u${n}_${k}.log`), "utf8")).split("\n").map(l => l.replace(/^\[INFO\] ?/, ""));
    // the preview table: rows that start with a segment id, elapsed like "123 ms"
    const segRows = log.filter(l => /^\s*seg_[a-z0-9_]+\s/.test(l));
    const ms = segRows.map(l => { const m = /(\d[\d,]*)\s*ms\b/.exec(l); return m ? +m[1].replace(/,/g, "") : 0; });
    out.push(`| ${(+n).toLocaleString("en")} | ${(counts.events || 0).toLocaleString("en")} (${(counts.sessions || 0).toLocaleString("en")}) | ${k} | ${(+r[1]).toFixed(1)} | ${(+r[2]).toFixed(0)} | ${(+r[4]).toFixed(1)} | ${size.toFixed(0)} | ${segRows.length} | ${ms.reduce((a, b) => a + b, 0).toLocaleString("en")} | ${(+(noise.find(x => x[0] === `preview u${n} ${k}`) || [0,0,0,0,0,0])[5]).toFixed(1)} |`);
    if (k === "cached") {
      const start = log.findIndex(l => /^Preview|^\s*segment\s/i.test(l));
      tables.push(`${(+n).toLocaleString("en")} users, cached run — preview table as printed:\n\n\`\`\`\n${log.slice(Math.max(start, 0)).filter(l => l.trim() && !/^(BUILD|Total time|Finished at|---)/.test(l) && !/^-{5,}/.test(l)).join("\n")}\n\`\`\``);
    }
  }
}
console.log(out.join("\n") + "\n\n" + tables.join("\n\n"));
JS
cat "$RES/preview.md"
