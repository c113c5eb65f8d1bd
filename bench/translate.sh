#!/usr/bin/env bash
# translate.sh — translation time per query and preview time of the segmentation corpus
# (connectors/bundle/src/test/resources/segmentation-corpus.sql) through the resolved-tree
# translator, on a generated sample; prints the previewable and correct shares.
#
#   USERS=20000 ITERATIONS=5 ./translate.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USERS="${USERS:-20000}"; ITERATIONS="${ITERATIONS:-5}"
ensure_plugin
CONNECTORS_JAR="$(mvn_repo_jar segments-connectors)"
CP_FILE="$WORK/connectors.classpath"
(cd "$WORK" && mvn -q -o -Dmaven.repo.local="$MVN_REPO" -f "${CONNECTORS_JAR%.jar}.pom" dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE")
CP="$CONNECTORS_JAR:$(cat "$CP_FILE")"
mkdir -p "$WORK/classes" "$WORK/translate-state"
javac -d "$WORK/classes" -cp "$CP" "$BENCH/src/TranslateBenchmark.java"
java -cp "$WORK/classes:$CP" TranslateBenchmark "$ROOT/connectors/bundle/src/test/resources/segmentation-corpus.sql" \
  "$ROOT/segments" "$ROOT/campaigns" "$WORK/translate-state" "$USERS" "$ITERATIONS" | tee "$WORK/translate.tsv"
