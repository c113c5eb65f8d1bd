#!/usr/bin/env bash
# yaml-from-tsv.sh SEGMENTS_TSV OUTDIR [WAREHOUSE_YAML]
#
# Turns the segments.tsv written by the Dataform peer's gen.sh (one line of parameters per
# generated SQLX model) into an equivalent segments-as-code project, so both tools compile the
# same N segments:
#
#   OUTDIR/pom.xml                     minimal project declaring segments-maven-plugin 0.1.0
#   OUTDIR/segments/warehouse.yaml     copy of WAREHOUSE_YAML (default: ../segments/warehouse.yaml)
#                                      + users.loyalty_tier STRING, users.email_opt_in BOOL
#                                      + family `bench` in conventions.segment_families
#   OUTDIR/segments/seg_bench_NNNNN.yaml   one `rules:` segment per TSV row
#   OUTDIR/campaigns/                  empty
#
# OUTDIR/segments and OUTDIR/campaigns are wiped first.
#
# Mapping of one TSV row (name country event_types channel campaign_type loyalty_tier
# lookback_days min_frequency min_monetary parents) to a segment:
#   id                 seg_bench_<name without "seg_">     (seg_00042 -> seg_bench_00042)
#   rules.window_days  lookback_days
#   metrics            frequency = count of events, monetary = sum of events.revenue, both
#                      where event_name in (<event_types>) and source = '<channel>'
#                      (Dataform: e.event_type IN (...) AND e.channel = '...')
#   include            frequency >= min_frequency and monetary >= min_monetary
#                      and country = '<country>' and loyalty_tier = '<tier>' and email_opt_in = true
#   output             [frequency, monetary]
# Not carried over (no equivalent in the segment language yet; see README.md):
#   campaign_type      Dataform: LEFT JOIN campaigns ... AND (c.campaign_id IS NULL OR
#                      c.campaign_type = '<type>'). A metric reads one table, so the campaign
#                      join is dropped; the `source = '<channel>'` filter is the approximation.
#   parents            Dataform: AND a.user_id IN (SELECT user_id FROM ${ref("<parent>")}).
#                      No segment-to-segment reference exists; parents are only recorded in the
#                      segment's description.
#   NTILE scoring      Dataform's model scores r/f/m with NTILE(5) + ROW_NUMBER and keeps
#                      rfm_score >= threshold; a rules: segment has no per-segment scoring.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TSV="${1:?usage: yaml-from-tsv.sh SEGMENTS_TSV OUTDIR [WAREHOUSE_YAML]}"
OUT="${2:?usage: yaml-from-tsv.sh SEGMENTS_TSV OUTDIR [WAREHOUSE_YAML]}"
WAREHOUSE="${3:-$HERE/../segments/warehouse.yaml}"
PLUGIN_VERSION="${PLUGIN_VERSION:-0.1.0}"
[ -f "$TSV" ] || { echo "yaml-from-tsv.sh: no such file: $TSV" >&2; exit 1; }
[ -f "$WAREHOUSE" ] || { echo "yaml-from-tsv.sh: no such file: $WAREHOUSE" >&2; exit 1; }

mkdir -p "$OUT"
rm -rf "$OUT/segments" "$OUT/campaigns" "$OUT/target"
mkdir -p "$OUT/segments" "$OUT/campaigns"

cat > "$OUT/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.segmentsascode.bench</groupId>
  <artifactId>segments-bench</artifactId>
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

# One node process for all files (a bash loop forking per file would dominate at 5,000).
node - "$TSV" "$OUT" "$WAREHOUSE" <<'EOF'
"use strict";
const fs = require("fs");
const path = require("path");
const [TSV, OUT, WAREHOUSE] = process.argv.slice(2);
const die = msg => { process.stderr.write(`yaml-from-tsv.sh: ${msg}\n`); process.exit(1); };

// --- warehouse.yaml: line edits, so comments and layout of the original stay as they are ---
const lines = fs.readFileSync(WAREHOUSE, "utf8").split("\n");
const fam = lines.findIndex(l => /^\s*segment_families:\s*\[.*\]\s*(#.*)?$/.test(l));
if (fam < 0) die(`${WAREHOUSE}: no 'segment_families: [...]' line`);
if (!/\bbench\b/.test(lines[fam])) lines[fam] = lines[fam].replace(/\]/, ", bench]");
const users = lines.findIndex(l => /^  users:\s*$/.test(l));
if (users < 0) die(`${WAREHOUSE}: no 'users:' table`);
let cols = -1;
for (let i = users + 1; i < lines.length && !/^  \S/.test(lines[i]); i++) {
  if (/^    columns:\s*$/.test(lines[i])) { cols = i; break; }
}
if (cols < 0) die(`${WAREHOUSE}: users table has no 'columns:'`);
let end = cols + 1;                                   // after the last users column
while (end < lines.length && /^      \S/.test(lines[end])) end++;
const have = new Set(lines.slice(cols + 1, end).map(l => l.trim().split(":")[0]));
const extra = [];
if (!have.has("loyalty_tier")) extra.push("      loyalty_tier: {type: STRING, description: \"Loyalty tier: none, silver, gold, platinum (benchmark column).\"}");
if (!have.has("email_opt_in")) extra.push("      email_opt_in: {type: BOOL, description: Marketing e-mail consent (benchmark column).}");
lines.splice(end, 0, ...extra);
// line 1 stays the schema line (the loader requires it first)
lines.splice(1, 0, "# generated by bench/yaml-from-tsv.sh from " + path.basename(WAREHOUSE));
fs.writeFileSync(path.join(OUT, "segments", "warehouse.yaml"), lines.join("\n"));

// --- one rules: segment per TSV row ---
const rows = fs.readFileSync(TSV, "utf8").split("\n").filter(l => l.trim() !== "");
const header = rows.shift().split("\t");
const want = ["name", "country", "event_types", "channel", "campaign_type", "loyalty_tier",
              "lookback_days", "min_frequency", "min_monetary", "parents"];
for (const w of want) if (!header.includes(w)) die(`${TSV}: no column '${w}' in header`);
const col = Object.fromEntries(header.map((h, i) => [h, i]));
const q = s => `'${String(s).replace(/'/g, "''")}'`;
const benchId = name => `seg_bench_${name.replace(/^seg_/, "")}`;
let n = 0, withParents = 0;
for (const line of rows) {
  const f = line.split("\t");
  const r = Object.fromEntries(want.map(w => [w, f[col[w]] ?? ""]));
  const id = benchId(r.name);
  if (!/^[a-z][a-z0-9_]*$/.test(id)) die(`${TSV}: row '${r.name}' gives an invalid id ${id}`);
  const events = r.event_types.split(",").filter(Boolean);
  const parents = r.parents.split(",").filter(Boolean);
  if (parents.length) withParents++;
  const rowFilter = `event_name in (${events.map(q).join(", ")}) and source = ${q(r.channel)}`;
  const description = `Benchmark segment from ${r.name}: ${r.loyalty_tier} users in ${r.country}, `
    + `${events.join("/")} via ${r.channel} in the last ${r.lookback_days} days`
    + ` (Dataform campaign_type ${r.campaign_type} not applied`
    + (parents.length ? `; Dataform parents ${parents.map(benchId).join(", ")} not applied` : "") + ").";
  const yaml = `# yaml-language-server: $schema=../schemas/segment-v1.json
# generated by bench/yaml-from-tsv.sh from ${path.basename(TSV)} row ${r.name}
id: ${id}
description: ${JSON.stringify(description)}
owner: bench@example.com
stage: experimental
refresh: daily
rules:
  window_days: ${parseInt(r.lookback_days, 10)}
  metrics:
    frequency:
      description: Qualifying events in the window.
      table: events
      aggregate: count
      where: ${JSON.stringify(rowFilter)}
    monetary:
      description: Revenue of the qualifying events in the window.
      table: events
      aggregate: sum
      of: revenue
      where: ${JSON.stringify(rowFilter)}
  include: ${JSON.stringify(`frequency >= ${parseInt(r.min_frequency, 10)} and monetary >= ${Number(r.min_monetary)}`
    + ` and country = ${q(r.country)} and loyalty_tier = ${q(r.loyalty_tier)} and email_opt_in = true`)}
  output: [frequency, monetary]
`;
  fs.writeFileSync(path.join(OUT, "segments", `${id}.yaml`), yaml);
  n++;
}
process.stderr.write(`yaml-from-tsv.sh: ${n} rules: segments (${withParents} with Dataform parents not carried over) in ${OUT}\n`);
EOF
