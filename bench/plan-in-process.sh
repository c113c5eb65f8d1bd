#!/usr/bin/env bash
# plan-in-process.sh — SegmentsJob.plan() timed inside one JVM (no Maven start-up) on N generated
# segments: cold / warm / one segment changed. Iteration 0 also warms the JIT; quote 1..ITERATIONS.
# Usage: N=5000 ITERATIONS=3 bench/plan-in-process.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N="${N:-5000}"; ITERATIONS="${ITERATIONS:-3}"
build_bench
[ -d "$YAML_DIR/n$N/segments" ] || { ensure_dataform; gen_projects "$N"; }
java -cp "$BENCH_CP" io.segmentsascode.bench.PlanBenchmark "$YAML_DIR/n$N" "$ITERATIONS" | tee "$WORK/plan-in-process-n$N.tsv"
