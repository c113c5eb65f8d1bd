# lib.sh — shared setup of the bench scripts (sourced, not run).
#   BENCH  this folder;  WORK  $BENCH/work (git-ignored scratch: npm install, generated projects, results)
#   DATAFORM_PEER  the Dataform peer benchmark to copy gen.sh/measure.js/package*.json from
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
WORK="${WORK:-$BENCH/work}"
DATAFORM_PEER="${DATAFORM_PEER:-$ROOT/../shared/bench/dataform}"
DF_DIR="$WORK/dataform"            # writable copy of the peer + node_modules
DF="$DF_DIR/node_modules/.bin/dataform"
YAML_DIR="$WORK/yaml"              # generated segments-as-code projects: $YAML_DIR/nN
PLUGIN_VERSION="${PLUGIN_VERSION:-0.1.0}"
# Private copy of the local Maven repository, taken right after the plugin is installed: other
# engineers run `mvn install` on this machine while the benchmark runs, and a plugin swapped in
# ~/.m2 halfway through a run both mixes versions and breaks runs (seen: "A required class was
# missing ... SegmentsJob$PreviewEngines"). Every mvn call of the benchmark uses -Dmaven.repo.local.
HOME_REPO="${HOME_REPO:-$HOME/.m2/repository}"
MVN_REPO="${MVN_REPO:-$WORK/m2}"
SEG_GROUP_PATH="io/segmentsascode"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Copy the peer's scripts and lock file into $DF_DIR and `npm ci` there (once).
ensure_dataform() {
  mkdir -p "$DF_DIR"
  local f
  for f in package.json package-lock.json gen.sh measure.js; do
    if [ ! -f "$DF_DIR/$f" ] || ! cmp -s "$DATAFORM_PEER/$f" "$DF_DIR/$f"; then
      cp "$DATAFORM_PEER/$f" "$DF_DIR/$f"; chmod u+w "$DF_DIR/$f"
    fi
  done
  chmod +x "$DF_DIR/gen.sh"
  if [ ! -x "$DF" ] || [ "$DF_DIR/package-lock.json" -nt "$DF_DIR/node_modules/.package-lock.json" ]; then
    log "npm ci in $DF_DIR"
    (cd "$DF_DIR" && npm ci --no-audit --no-fund >&2)
  fi
}

# The plugin must be in the local repository for `mvn -o segments:compile`. REBUILD=1: build and
# install it first (cd <repo> && mvn -q install -DskipTests). Then snapshot ~/.m2/repository into
# $MVN_REPO (missing third-party artifacts added, io/segmentsascode replaced) unless SNAPSHOT=0.
ensure_plugin() {
  local jar="$HOME_REPO/$SEG_GROUP_PATH/segments-maven-plugin/$PLUGIN_VERSION/segments-maven-plugin-$PLUGIN_VERSION.jar"
  if [ ! -f "$jar" ] || [ "${REBUILD:-0}" = 1 ]; then
    log "installing the plugin: (cd $ROOT && mvn -q install -DskipTests)"
    (cd "$ROOT" && mvn -q install -DskipTests)
  fi
  [ "${SNAPSHOT:-1}" = 1 ] || return 0
  # Every time, not once: a new dependency of the plugin that only ~/.m2 holds made prefix
  # resolution fail offline ("No plugin found for prefix 'segments'"). -n replaces no file.
  log "adding to $MVN_REPO what $HOME_REPO holds and it lacks"
  mkdir -p "$MVN_REPO" && cp -r -n "$HOME_REPO/." "$MVN_REPO/"
  if [ "${REFRESH_PLUGIN:-1}" = 1 ]; then
    rm -rf "${MVN_REPO:?}/$SEG_GROUP_PATH" && mkdir -p "$MVN_REPO/$(dirname "$SEG_GROUP_PATH")" \
      && cp -r "$HOME_REPO/$SEG_GROUP_PATH" "$MVN_REPO/$SEG_GROUP_PATH"
    REFRESH_PLUGIN=0
  fi
}
# build_bench: the bench module (src/main/java) and the modules it uses, built from this work tree with
# `mvn package` (no install: ~/.m2 is left as it is). Sets BENCH_CP to the module's jar and its run-time
# class path, which its build writes to target/classpath.txt (the other modules' target/ jars).
# Not offline (-o) like the timed runs: this build is untimed, and on a fresh local repository it
# fetches the dependency plugin's own dependencies once.
build_bench() {
  log "building the benchmarks: (cd $ROOT && mvn -q -B -pl bench -am package -DskipTests)"
  (cd "$ROOT" && mvn -q -B -pl bench -am package -DskipTests >&2)
  BENCH_CP="$BENCH/target/segments-bench-$PLUGIN_VERSION.jar:$(cat "$BENCH/target/classpath.txt")"
}

mvn_repo_jar() { # ARTIFACT -> path of the io.segmentsascode jar the benchmark uses
  echo "$MVN_REPO/$SEG_GROUP_PATH/$1/$PLUGIN_VERSION/$1-$PLUGIN_VERSION.jar"
}

# Busy CPU seconds of the whole machine so far (all cores; /proc/stat user+nice+system+irq+softirq+steal).
# A run's delta minus its own process tree's CPU = CPU used by other processes meanwhile.
cpu_busy_s() { awk '/^cpu /{printf "%.2f\n", ($2+$3+$4+$7+$8+$9)/100; exit}' /proc/stat; }

# gen_projects N: Dataform project $DF_DIR/projects/nN (peer's gen.sh) and the equivalent
# segments-as-code project $YAML_DIR/nN (yaml-from-tsv.sh on the same segments.tsv).
gen_projects() {
  local n="$1"
  (cd "$DF_DIR" && ./gen.sh "$n" "$DF_DIR/projects/n$n")
  PLUGIN_VERSION="$PLUGIN_VERSION" "$BENCH/yaml-from-tsv.sh" "$DF_DIR/projects/n$n/segments.tsv" "$YAML_DIR/n$n"
}

# write_pom FILE ARTIFACT_ID: a minimal project that declares the plugin (nothing else).
write_pom() {
  cat > "$1" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.segmentsascode.bench</groupId>
  <artifactId>$2</artifactId>
  <version>0.0.0</version>
  <packaging>pom</packaging>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <build>
    <plugins>
      <plugin>
        <groupId>io.segmentsascode</groupId>
        <artifactId>segments-maven-plugin</artifactId>
        <version>$PLUGIN_VERSION</version>
      </plugin>
    </plugins>
  </build>
</project>
EOF
}

# measured RUNS_TSV NOISE_TSV LABEL RUN CMD: one run of CMD (sh -c) under the peer's measure.js
# (wall, peak RSS of the process tree, CPU), plus the CPU other processes used meanwhile.
# QUIET_MAX_WAIT (s, default 30; 0 = off): first wait until the machine is idle (other processes
# used < QUIET_CPU CPU-seconds, default 0.3, in a 2 s window), so runs start outside other people's
# builds; gives up after QUIET_MAX_WAIT s and runs anyway (the noise column shows what it cost).
wait_quiet() {
  local max="${QUIET_MAX_WAIT:-30}" waited=0 a b
  [ "$max" -gt 0 ] || return 0
  while :; do
    a="$(cpu_busy_s)"; sleep 2; b="$(cpu_busy_s)"; waited=$((waited + 2))
    awk -v a="$a" -v b="$b" -v t="${QUIET_CPU:-0.3}" 'BEGIN{exit !((b-a) < t)}' && break
    [ "$waited" -lt "$max" ] || { log "machine still busy after ${waited}s ($(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.1f", b-a}') CPU-s in 2 s); running anyway"; break; }
  done
}
measured() {
  wait_quiet
  local load0 c0 c1 own rc=0; load0="$(cut -d' ' -f1 /proc/loadavg)"; c0="$(cpu_busy_s)"
  node "$DF_DIR/measure.js" --label "$3" --tsv "$1" -- "$5" >&2 || rc=$?
  c1="$(cpu_busy_s)"; own="$(tail -1 "$1" | cut -f5)"
  [ -f "$2" ] || printf 'label\trun\tloadavg1_before\tmachine_cpu_s\town_cpu_s\tother_cpu_s\n' > "$2"
  awk -v l="$3" -v r="$4" -v la="$load0" -v a="$c0" -v b="$c1" -v o="$own" \
    'BEGIN{printf "%s\t%s\t%s\t%.2f\t%.2f\t%.2f\n", l, r, la, b-a, o, (b-a)-o}' >> "$2"
  return "$rc"
}

machine_facts() {
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "host=$(nproc) cores ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "maven=$(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
  echo "node=$(node --version)"
  [ -x "$DF" ] && echo "dataform_cli=$("$DF" --version 2>/dev/null | tail -1)" \
    && echo "dataform_core=$(node -p "require('$DF_DIR/node_modules/@dataform/core/package.json').version")"
  local a
  for a in segments-maven-plugin segments-compiler segments-duckdb; do
    [ -f "$(mvn_repo_jar $a)" ] && echo "$a=$PLUGIN_VERSION sha256 $(sha256sum "$(mvn_repo_jar $a)" | cut -c1-12) (in $MVN_REPO)"
  done
  echo "git=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git --no-optional-locks -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo ' (+ uncommitted changes in the work tree)')"
}
