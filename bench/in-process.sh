#!/usr/bin/env bash
# in-process.sh — per-stage timing of the compiler library in one JVM (no Maven; the .sql files
# are written with the compile goal's own writer, Stages.write, into $WORK/inproc-out).
#   SIZES="10 1000 5000" WARMUP=3 ITERATIONS=5 ./in-process.sh
# Builds the bench module (src/main/java, io.segmentsascode.bench.CompileBenchmark) and the modules it
# uses from this work tree (lib.sh build_bench: mvn package, no install), generates the projects if
# they are missing (same workload as run.sh) and runs them all in one JVM: WARMUP untimed iterations
# then ITERATIONS measured ones per project; then a fresh JVM per project for one iteration.
# Output: table on stdout, also $WORK/results/in-process.md.
#   JAVA_OPTS     extra JVM options (default none: the JVM's default heap, like `mvn`)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SIZES="${SIZES:-10 1000 5000}"; WARMUP="${WARMUP:-3}"; ITERATIONS="${ITERATIONS:-5}"
mkdir -p "$WORK/results"
build_bench
COMPILER_JAR="$ROOT/compiler/target/segments-compiler-$PLUGIN_VERSION.jar"
PROJECTS=()
for n in $SIZES; do
  if [ ! -f "$YAML_DIR/n$n/segments/warehouse.yaml" ]; then ensure_dataform; gen_projects "$n"; fi
  PROJECTS+=("$YAML_DIR/n$n")
done
# outputs of earlier runs are deleted now, not between iterations (see CompileBenchmark.setAside)
rm -rf "$WORK/inproc-out"
log "compiler jar: $COMPILER_JAR (sha256 $(sha256sum "$COMPILER_JAR" | cut -c1-12))"
OUT="$WORK/results/in-process.md"
# Noise: CPU the machine spent outside this JVM meanwhile (other people's builds share the 2 cores).
other_cpu() { # CMD... ; prints the command's stdout, then a line with other processes' CPU seconds
  local c0 c1 own tf; tf="$(mktemp)"; c0="$(cpu_busy_s)"
  /usr/bin/time -f '%U %S' -o "$tf" "$@"
  c1="$(cpu_busy_s)"; own="$(awk '{print $1+$2}' "$tf")"; rm -f "$tf"
  awk -v a="$c0" -v b="$c1" -v o="$own" 'BEGIN{printf "\n- CPU: this JVM %.1f s, other processes on the machine meanwhile %.1f s\n", o, (b-a)-o}'
}
{
  echo "## Warm: one JVM, $WARMUP warm-up + $ITERATIONS measured iterations per project"
  echo
  # shellcheck disable=SC2086
  other_cpu java ${JAVA_OPTS:-} -cp "$BENCH_CP" io.segmentsascode.bench.CompileBenchmark --out "$WORK/inproc-out" --warmup "$WARMUP" --iterations "$ITERATIONS" "${PROJECTS[@]}"
  echo
  echo "## Cold: a fresh JVM per project, one iteration (what one \`mvn segments:compile\` does after Maven has started)"
  echo
  for p in "${PROJECTS[@]}"; do
    # shellcheck disable=SC2086
    other_cpu java ${JAVA_OPTS:-} -cp "$BENCH_CP" io.segmentsascode.bench.CompileBenchmark --out "$WORK/inproc-out" --warmup 0 --iterations 1 "$p"
    echo
  done
} | tee "$OUT"
rm -rf "$WORK/inproc-out"
