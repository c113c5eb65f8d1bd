#!/usr/bin/env bash
# run.sh — whole-process compile time and memory: `mvn segments:compile` vs `dataform compile`
# on the same generated workload.
#
#   SIZES="10 1000 5000" RUNS=3 WARMUP=1 RERUN_RUNS=3 AFTER_RM_RUNS=3 ./run.sh   (~9 min on 2 cores, mostly Dataform)
#
# Per size N:
#   1. the peer's gen.sh N writes the Dataform project (N SQLX models) + segments.tsv, and
#      yaml-from-tsv.sh turns that TSV into the equivalent segments-as-code project;
#   2. WARMUP untimed runs of each command (Dataform's only for N <= DF_WARMUP_MAX, default 1000:
#      a 5,000-model warm-up costs ~2 min and the peer did not warm up at 5,000 either);
#   3. ONE paired loop, RUNS times: A = segments, B = dataform (A B A B ...), each run wrapped as
#         node measure.js -- "/usr/bin/time -v -o FILE <command>"
#      measure.js (the peer's) samples /proc every 25 ms: wall seconds, peak RSS summed over the
#      whole process tree, CPU seconds; /usr/bin/time -v: max RSS of the main process only.
#   A  target/ moved aside untimed (into $WORK/discarded/, deleted at the very end), then
#      mvn -q -o -Dmaven.repo.local=$WORK/m2 segments:compile -Dsegments.dir=segments -Dsegments.campaignsDir=campaigns
#      ($WORK/m2: snapshot of ~/.m2/repository taken at the start, see lib.sh)
#   B  $DF compile projects/nN --json --timeout=20m > results/df_nN.rK.json
#   4. RERUN_RUNS runs of A again WITHOUT deleting target/ ("segments-rerun": the goal re-reads
#      each existing .sql and rewrites none, as on a developer's second compile); no Dataform pair.
#   5. AFTER_RM_RUNS runs of A right after `rm -rf target` ("segments-after-rm"). Moving target/
#      aside instead of deleting it is deliberate: on this VM's ext4, creating 5,000 files in the
#      seconds after 5,000 were deleted costs ~1 s of kernel time that the deletion caused, and
#      the deletion is setup, not compile. This row shows that cost; no Dataform pair.
# Checks: exit code 0, N .sql files / N tables in the JSON, run 1 == run 2 byte for byte.
# Noise: busy CPU of the whole machine during each run minus the run's own tree CPU = CPU taken
# by other processes meanwhile (results/noise.tsv; shown in the summary).
# Output: $WORK/results/{versions.txt,runs.tsv,summary.md,time_*.txt} (bench/work is git-ignored).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SIZES="${SIZES:-10 1000 5000}"; RUNS="${RUNS:-3}"; WARMUP="${WARMUP:-1}"; DF_WARMUP_MAX="${DF_WARMUP_MAX:-1000}"
RES="${RES:-$WORK/results}"; RERUN_RUNS="${RERUN_RUNS:-3}"; AFTER_RM_RUNS="${AFTER_RM_RUNS:-3}"
DISCARDED="$WORK/discarded"
ensure_plugin
ensure_dataform
mkdir -p "$RES"
rm -f "$RES"/runs.tsv "$RES"/noise.tsv "$RES"/time_*.txt "$RES"/df_n*.json "$RES"/seg_n*.sha256 "$RES"/segrr_n*.sha256 "$RES"/segar_n*.sha256 "$RES"/summary.md
machine_facts | tee "$RES/versions.txt" >&2

seg_cmd() { # N OUTFILE
  echo "cd '$YAML_DIR/n$1' && /usr/bin/time -v -o '$2' mvn -q -o -Dmaven.repo.local='$MVN_REPO' segments:compile -Dsegments.dir=segments -Dsegments.campaignsDir=campaigns"
}
df_cmd() { # N TIMEFILE JSONFILE
  echo "cd '$DF_DIR' && /usr/bin/time -v -o '$2' '$DF' compile projects/n$1 --json --timeout=20m > '$3'"
}
# Hash of the compiled SQL (names + bytes), to compare runs.
seg_digest() { (cd "$YAML_DIR/n$1/target/segments/bigquery" && find . -type f -name '*.sql' | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-16); }
# one file per segment; the refresh scripts and their procedures (_refresh_*) are not counted
seg_count() { find "$YAML_DIR/n$1/target/segments/bigquery" -type f -name '*.sql' ! -name '_*' | wc -l; }

# target/ out of the way without freeing its inodes now (see step 5)
discard_target() { # N
  if [ -d "$YAML_DIR/n$1/target" ]; then mkdir -p "$DISCARDED"; mv "$YAML_DIR/n$1/target" "$(mktemp -u -p "$DISCARDED" "n$1.XXXXXX")"; fi
}
run_seg() { # N LABEL-SUFFIX(rK|warm)
  local n="$1" k="$2" tf="$RES/time_seg_n$1_$2.txt"
  discard_target "$n"
  if [ "$k" = warm ]; then sh -c "$(seg_cmd "$n" /dev/null)" >&2; else
    measured "$RES/runs.tsv" "$RES/noise.tsv" "segments n$n" "$k" "$(seg_cmd "$n" "$tf")"; fi
  local c; c="$(seg_count "$n")"
  [ "$c" -eq "$n" ] || { log "segments n$n $k: $c .sql files, expected $n"; exit 1; }
  [ "$k" = warm ] || seg_digest "$n" > "$RES/seg_n$n.$k.sha256"
}
run_seg_again() { # N rK TOOL KEY: target/ as the caller left it
  local n="$1" k="$2" tool="$3" key="$4"
  measured "$RES/runs.tsv" "$RES/noise.tsv" "$tool n$n" "$k" "$(seg_cmd "$n" "$RES/time_${key}_n$1_$2.txt")"
  local c; c="$(seg_count "$n")"
  [ "$c" -eq "$n" ] || { log "$tool n$n $k: $c .sql files, expected $n"; exit 1; }
  seg_digest "$n" > "$RES/${key}_n$n.$k.sha256"
}
run_df() { # N LABEL-SUFFIX
  local n="$1" k="$2" tf="$RES/time_df_n$1_$2.txt" js="$RES/df_n$1.$2.json"
  if [ "$k" = warm ]; then sh -c "$(df_cmd "$n" /dev/null "$js")" >&2; else
    measured "$RES/runs.tsv" "$RES/noise.tsv" "dataform n$n" "$k" "$(df_cmd "$n" "$tf" "$js")"; fi
  local c; c="$(node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); const e=JSON.stringify(j.graphErrors||{}); console.log((j.tables||[]).length + (e==="{}"?"":" graphErrors "+e))' "$js")"
  [ "$c" = "$n" ] || { log "dataform n$n $k: $c tables, expected $n"; exit 1; }
  [ "$k" = warm ] && rm -f "$js"
  return 0
}

for n in $SIZES; do
  log "n=$n: generating both projects"
  gen_projects "$n"
  for w in $(seq 1 "$WARMUP"); do
    log "n=$n: warm-up $w"
    run_seg "$n" warm
    [ "$n" -le "$DF_WARMUP_MAX" ] && run_df "$n" warm
  done
  for r in $(seq 1 "$RUNS"); do
    log "n=$n: run $r/$RUNS A=segments"; run_seg "$n" "r$r"
    log "n=$n: run $r/$RUNS B=dataform"; run_df "$n" "r$r"
  done
  [ -d "$YAML_DIR/n$n/target/segments/bigquery" ] || run_seg "$n" warm
  for r in $(seq 1 "$RERUN_RUNS"); do
    log "n=$n: re-run $r/$RERUN_RUNS segments, target/ kept"; run_seg_again "$n" "r$r" segments-rerun segrr
  done
  for r in $(seq 1 "$AFTER_RM_RUNS"); do
    log "n=$n: run $r/$AFTER_RM_RUNS segments right after rm -rf target"
    rm -rf "$YAML_DIR/n$n/target"; run_seg_again "$n" "r$r" segments-after-rm segar
  done
done
rm -rf "$DISCARDED"

node - "$SIZES" "$RUNS" "$RES" "$YAML_DIR" > "$RES/summary.md" <<'JS'
const fs = require("fs"), path = require("path");
const [sizes, runs, RES, YAML] = [process.argv[2].split(/\s+/).filter(Boolean), +process.argv[3], process.argv[4], process.argv[5]];
const rows = fs.readFileSync(path.join(RES, "runs.tsv"), "utf8").trim().split("\n").slice(1).map(l => l.split("\t"));
const med = a => { const s = [...a].sort((x, y) => x - y), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const maxrss = f => +/Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(f, "utf8"))[1] / 1024;
const dirBytes = d => fs.readdirSync(d).reduce((s, f) => s + fs.statSync(path.join(d, f)).size, 0);
const same = (a, b) => fs.existsSync(a) && fs.existsSync(b) ? (fs.readFileSync(a).equals(fs.readFileSync(b)) ? "yes (r1 = r2)" : "NO") : "n/a";
const out = [], ratio = [], stats = {};
const noise = fs.readFileSync(path.join(RES, "noise.tsv"), "utf8").trim().split("\n").slice(1).map(l => l.split("\t"));
out.push("| segments | tool | median s | min s | max s | peak RSS MiB, whole tree (max) | main-proc RSS MiB (time -v, max) | CPU s (median) | ms / segment | output MiB | deterministic | other processes' CPU s during the runs (max) |");
out.push("|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const n of sizes) {
  for (const [tool, key] of [["segments", "seg"], ["dataform", "df"], ["segments-rerun", "segrr"], ["segments-after-rm", "segar"]]) {
    const r = rows.filter(x => x[0] === `${tool} n${n}`);
    if (!r.length) continue;
    const bad = r.filter(x => x[6] !== "0");
    if (bad.length) out.push(`<!-- ${tool} n${n}: ${bad.length} runs with non-zero exit -->`);
    const w = r.map(x => +x[1]), tree = Math.max(...r.map(x => +x[2])), cpu = med(r.map(x => +x[4]));
    const tv = Math.max(...r.map((_, k) => maxrss(path.join(RES, `time_${key}_n${n}_r${k + 1}.txt`))));
    const size = key !== "df" ? dirBytes(path.join(YAML, `n${n}`, "target/segments/bigquery"))
                               : fs.statSync(path.join(RES, `df_n${n}.r1.json`)).size;
    const det = key === "seg" ? same(path.join(RES, `seg_n${n}.r1.sha256`), path.join(RES, `seg_n${n}.r2.sha256`))
              : key !== "df" ? same(path.join(RES, `seg_n${n}.r1.sha256`), path.join(RES, `${key}_n${n}.r1.sha256`)).replace("r1 = r2", "same SQL as clean run")
                              : same(path.join(RES, `df_n${n}.r1.json`), path.join(RES, `df_n${n}.r2.json`));
    stats[`${key}${n}`] = { med: med(w), min: Math.min(...w), tree, cpu };
    out.push(`| ${(+n).toLocaleString("en")} | ${tool} | ${med(w).toFixed(2)} | ${Math.min(...w).toFixed(2)} | ${Math.max(...w).toFixed(2)} | ${tree.toFixed(0)} | ${tv.toFixed(0)} | ${cpu.toFixed(1)} | ${(med(w) * 1000 / n).toFixed(1)} | ${(size / 1048576).toFixed(2)} | ${det} | ${Math.max(0, ...noise.filter(x => x[0] === `${tool} n${n}`).map(x => +x[5])).toFixed(1)} |`);
  }
  const d = stats[`df${n}`];
  for (const [tool, key] of [["segments", "seg"], ["segments-rerun", "segrr"], ["segments-after-rm", "segar"]]) {
    const s = stats[`${key}${n}`];
    if (s && d) ratio.push(`| ${(+n).toLocaleString("en")} | ${tool} | ${(d.med / s.med).toFixed(1)}× | ${(d.min / s.min).toFixed(1)}× | ${(d.cpu / s.cpu).toFixed(1)}× | ${(s.tree / d.tree * 100).toFixed(0)} % (${s.tree.toFixed(0)} vs ${d.tree.toFixed(0)} MiB) |`);
  }
}
out.push("", "| segments | our row | wall: dataform median / ours | wall: best run / best run | CPU (median): dataform / ours | peak RSS (tree): ours as % of dataform |", "|---|---|---|---|---|---|", ...ratio);
const s5 = stats.seg5000, d5 = stats.df5000;
if (s5 && d5) {
  const sp = d5.med / s5.med, best = d5.min / s5.min, mem = s5.tree / d5.tree;
  out.push("", `Target at 5,000 segments (>= 20x faster, fraction of the memory): ${sp >= 20 ? "HOLDS" : "DOES NOT HOLD"} on medians — ${sp.toFixed(1)}x faster (best runs: ${best.toFixed(1)}x), ${(mem * 100).toFixed(0)} % of Dataform's peak RSS.`);
}
console.log(out.join("\n"));
JS
cat "$RES/summary.md"
