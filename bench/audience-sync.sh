#!/usr/bin/env bash
# audience-sync.sh — normalise+hash throughput (identifiers/s on one thread = per core) and the time and bytes to
# sync a 1,000,000-member audience after a 1 % change against the local Data Manager fake (only the delta must be
# sent). Not a test: no assertion, numbers to read.
#   MEMBERS=1000000 ITERATIONS=3 ./audience-sync.sh
# Builds connectors/datamanager and what it uses from this work tree (test-compile, no install), then runs
# io.segmentsascode.datamanager.bench.AudienceSyncBenchmark (in the module's test sources, next to the fake it uses)
# with the module's test class path. Output: stdout, also $WORK/results/audience-sync.md.
#   JAVA_OPTS  JVM options (default -Xmx3g: the fake keeps every member and request body in memory)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MEMBERS="${MEMBERS:-1000000}"; ITERATIONS="${ITERATIONS:-3}"
mkdir -p "$WORK/results"
log "building: (cd $ROOT && mvn -q -o -pl connectors/datamanager -am test-compile)"
(cd "$ROOT" && mvn -q -o -pl connectors/datamanager -am test-compile >&2)
(cd "$ROOT" && mvn -q -o -pl connectors/datamanager dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt >&2)
MODULE="$ROOT/connectors/datamanager"
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/test-classpath.txt")"
# the reactor's own modules from their target/ folders, not from ~/.m2
for m in compiler google-fakes connectors/datamanager-api; do CP="$ROOT/$m/target/classes:$CP"; done
{
  echo "## audience sync benchmark ($(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1))"
  echo
  echo '```'
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:--Xmx3g} -cp "$CP" io.segmentsascode.datamanager.bench.AudienceSyncBenchmark "$MEMBERS" "$ITERATIONS"
  echo '```'
} | tee "$WORK/results/audience-sync.md"
