#!/usr/bin/env bash
# plan-in-process.sh — SegmentsJob.plan() timed inside one JVM (no Maven start-up) on N generated
# segments: cold / warm / one segment changed. Iteration 0 also warms the JIT; quote 1..ITERATIONS.
# Usage: N=5000 ITERATIONS=3 bench/plan-in-process.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N="${N:-5000}"; ITERATIONS="${ITERATIONS:-3}"
ensure_plugin
[ -d "$YAML_DIR/n$N/segments" ] || { ensure_dataform; gen_projects "$N"; }
# segments-connectors: DuckDB plus the GoogleSQL translator the bundled intent segments preview through
CONNECTORS_JAR="$(mvn_repo_jar segments-connectors)"
CP_FILE="$WORK/connectors.classpath"
(cd "$WORK" && mvn -q -o -Dmaven.repo.local="$MVN_REPO" -f "${CONNECTORS_JAR%.jar}.pom" dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE")
CP="$CONNECTORS_JAR:$(cat "$CP_FILE")"
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "$CP" "$BENCH/src/PlanBenchmark.java"
java -cp "$WORK/classes:$CP" PlanBenchmark "$YAML_DIR/n$N" "$ITERATIONS" | tee "$WORK/plan-in-process-n$N.tsv"
