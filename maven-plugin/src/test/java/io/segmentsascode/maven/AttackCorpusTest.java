package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.Analyses;
import io.segmentsascode.analyze.ArtifactGuard;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.connectors.StandardConnectors;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.fakes.GoogleFakes;
import io.segmentsascode.intent.LockFile;
import io.segmentsascode.intent.Pin;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an attacker with write access to a branch can change — segments.lock, hand-written SQL —
 * driven through the goals' own code path (SegmentsJob with the real connectors: GoogleSQL's
 * analyzer, DuckDB). Every attack must fail with a located error and leave no compiled file, no
 * preview table and no target change behind, locked (as CI builds) and, for what the lock cannot
 * hide, unlocked too.
 */
class AttackCorpusTest {

    private static final String PINNED = "seg_intent_cart_abandoners_mobile";
    /** Columns of the pinned segment's contract: user_id STRING, carts_7d INT64, last_cart_at TIMESTAMP. */
    private static final String CONTRACT_TAIL = ", 1 AS carts_7d, TIMESTAMP '2026-01-01' AS last_cart_at";

    private static final String RECORD_DIFFERS = "differs from a fresh one";
    private static final String PHYSICAL_USERS = "`acme-marketing.analytics.users`";

    @TempDir
    Path project;

    /** One way in: how the files are changed, and words the error must contain. */
    record Attack(String name, Edit edit, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Edit {
        void apply(Path project) throws IOException;
    }

    static Stream<Arguments> attacks() {
        List<Attack> attacks = new ArrayList<>();
        // pins rewritten with their hash recomputed: the fresh analysis must catch them
        attacks.add(pin("breakout through ') AS p;' to a DROP", """
                SELECT user_id, 1 AS carts_7d, TIMESTAMP '2026-01-01' AS last_cart_at FROM events
                ) AS p;
                DROP TABLE `acme-marketing.analytics.users`;
                SELECT * FROM (SELECT 1""", "Syntax error"));
        attacks.add(pin(
                "a DELETE instead of a query", "DELETE FROM events WHERE TRUE", "only a read-only SELECT is allowed"));
        attacks.add(pin(
                "a CREATE TABLE AS",
                "CREATE TABLE x AS SELECT user_id" + CONTRACT_TAIL + " FROM users",
                "only a read-only SELECT is allowed"));
        attacks.add(pin(
                "a second statement after a comment line",
                "SELECT user_id" + CONTRACT_TAIL + " FROM users; -- done\n" + "DROP TABLE users",
                "statements"));
        attacks.add(pin(
                "a second statement hidden after a block comment",
                "SELECT user_id" + CONTRACT_TAIL
                        + " FROM users /* harmless */; INSERT INTO users (user_id) VALUES ('x')",
                "statements"));
        attacks.add(pin(
                "raw emails as user_id",
                "SELECT i.email AS user_id" + CONTRACT_TAIL + " FROM identities AS i",
                "carries PII"));
        attacks.add(pin(
                "TO_JSON_STRING of an identity row",
                "SELECT i.user_id, LENGTH(TO_JSON_STRING(i)) AS carts_7d, "
                        + "TIMESTAMP '2026-01-01' AS last_cart_at FROM identities AS i",
                "carries PII"));
        attacks.add(pin(
                "hashed phone numbers",
                "SELECT TO_HEX(SHA256(i.phone)) AS user_id" + CONTRACT_TAIL + " FROM identities AS i",
                "carries PII"));
        attacks.add(pin(
                "the physical table, bypassing the test-user filter",
                "SELECT user_id" + CONTRACT_TAIL + " FROM " + PHYSICAL_USERS,
                "acme-marketing.analytics.users"));
        attacks.add(pin(
                "a WITH clause shadowing a logical table",
                "WITH users AS (SELECT 'x' AS user_id) SELECT user_id" + CONTRACT_TAIL + " FROM users",
                "shadows the logical table"));
        attacks.add(pin(
                "a federated query",
                "SELECT user_id" + CONTRACT_TAIL + " FROM EXTERNAL_QUERY('c', 'SELECT 1')",
                "EXTERNAL_QUERY"));
        attacks.add(pin(
                "the wall clock instead of @run_time",
                "SELECT user_id, 1 AS carts_7d, CURRENT_TIMESTAMP() AS " + "last_cart_at FROM users",
                "CURRENT_TIMESTAMP() is not allowed"));
        // pins edited without touching any hash
        attacks.add(new Attack(
                "two lines of a pin changed, hash kept",
                project -> editPin(
                        project,
                        p -> withSql(
                                p,
                                p.sql().replace("'add_to_cart'", "'purchase'").replace("'mobile'", "'desktop'"),
                                false)),
                "does not match its sql_sha256"));
        attacks.add(new Attack(
                "the last line of a pin dropped, hash kept",
                project -> editPin(
                        project,
                        p -> withSql(
                                p, p.sql().strip().substring(0, p.sql().strip().lastIndexOf('\n')) + "\n", false)),
                "does not match its sql_sha256"));
        attacks.add(new Attack(
                "a pin's recorded analysis rewritten",
                project -> editPin(
                        project,
                        p -> new Pin(
                                p.segmentId(),
                                p.provenance(),
                                p.key(),
                                p.inputs(),
                                p.sqlSha256(),
                                new Pin.Analysis(
                                        p.analysis().analyzer(),
                                        p.analysis().catalog(),
                                        List.of("users"),
                                        p.analysis().columns()),
                                p.tool(),
                                p.sql())),
                RECORD_DIFFERS));
        // damaged and conflicted lock files
        attacks.add(new Attack(
                "a truncated lock",
                project -> editText(
                        project.resolve("segments.lock"),
                        text -> text.substring(0, text.indexOf("    analysis:", text.indexOf(PINNED)))),
                "segments.lock:"));
        attacks.add(new Attack(
                "a lock with merge-conflict markers",
                project -> editText(
                        project.resolve("segments.lock"),
                        text -> text.replace("    provenance:", "<<<<<<< HEAD\n    provenance:")
                                .replaceFirst("    key:", "=======\n>>>>>>> branch\n    key:")),
                "invalid YAML"));
        attacks.add(new Attack(
                "a lock entry without its sql_sha256",
                project -> editText(
                        project.resolve("segments.lock"), text -> text.replaceFirst("\n    sql_sha256: [0-9a-f]+", "")),
                "sql_sha256"));
        attacks.add(new Attack(
                "a lock column of a type GoogleSQL does not have",
                project -> editText(
                        project.resolve("segments.lock"),
                        text -> text.replaceFirst("carts_7d: INT64", "carts_7d: INTEGER")),
                "INTEGER"));
        attacks.add(new Attack(
                "a lock nested 10,000 deep",
                project -> editText(
                        project.resolve("segments.lock"),
                        text -> text.replace(
                                "version: 1\n", "version: 1\ndeep: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n")),
                "segments.lock:"));
        // hand-written SQL: nothing to tamper with, the guardrails alone decide
        attacks.add(sql(
                "a sql segment selecting emails",
                "SELECT i.user_id, i.email AS contact FROM identities AS i",
                "{user_id: STRING, contact: STRING}",
                "carries PII"));
        attacks.add(sql(
                "PII through a CTE",
                "WITH c AS (SELECT user_id, email FROM identities)\n" + "SELECT user_id, email AS contact FROM c",
                "{user_id: STRING, contact: STRING}",
                "carries PII"));
        attacks.add(sql(
                "PII through CASE",
                "SELECT user_id, CASE WHEN opted_out THEN 'x' ELSE phone END AS contact\n" + "FROM identities",
                "{user_id: STRING, contact: STRING}",
                "carries PII"));
        attacks.add(sql(
                "PII through a join",
                "SELECT u.user_id, i.phone AS contact\nFROM users AS u\n"
                        + "JOIN identities AS i ON i.user_id = u.user_id",
                "{user_id: STRING, contact: STRING}",
                "carries PII"));
        attacks.add(sql(
                "PII through an aggregate",
                "SELECT user_id, MAX(email) AS contact FROM identities GROUP BY user_id",
                "{user_id: STRING, contact: STRING}",
                "carries PII"));
        attacks.add(sql(
                "PII through a scalar subquery",
                "SELECT u.user_id, (SELECT MAX(i.email) FROM identities AS i "
                        + "WHERE i.user_id = u.user_id) AS contact\nFROM users AS u",
                "{user_id: STRING, contact: STRING}",
                "carries PII"));
        attacks.add(sql(
                "SELECT * over the identity table",
                "SELECT * FROM identities",
                "{user_id: STRING, email: STRING, phone: STRING, consent_ad_user_data: BOOL, "
                        + "consent_ad_personalization: BOOL, opted_out: BOOL}",
                "PII"));
        attacks.add(sql(
                "a breakout in hand-written SQL",
                "SELECT user_id FROM users\n) AS p;\nDROP TABLE users;\n" + "SELECT * FROM (SELECT 1",
                "{user_id: STRING}",
                "Syntax error"));
        return attacks.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void everyAttackFailsLockedWithALocatedErrorAndLeavesNothingBehind(Attack attack) throws IOException {
        TestProject.bundledDefinitions(project);
        attack.edit().apply(project);
        assertRefused(attack, () -> job(true).run());
    }

    /**
     * The Google target is where an attack would do harm: the same corpus, applied to BigQuery
     * (the fakes, through the production connector), is refused before a single call is made.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void noAttackReachesBigQuery(Attack attack) throws IOException, InterruptedException {
        TestProject.bundledDefinitions(project);
        attack.edit().apply(project);
        try (GoogleFakes fakes = GoogleFakes.start(0, 0)) {
            fakes.bigQuery().state().addDataset("acme-marketing.analytics", "EU");
            assertRefused(attack, () -> job(true, bigQuery(fakes)).apply());
            assertEquals(List.of(), fakes.log().calls(), attack + ": nothing was sent to Google");
        }
    }

    private static Map<String, String> bigQuery(GoogleFakes fakes) {
        return Map.of(
                Parameters.TARGET,
                "bigquery",
                Parameters.BIGQUERY_ENDPOINT,
                fakes.bigQuery().endpoint(),
                Parameters.DATA_TRANSFER_ENDPOINT,
                fakes.dataTransfer().endpoint(),
                Parameters.GOOGLE_CREDENTIALS,
                "none");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void lockCheckRefusesEveryAttackOnTheLock(Attack attack) throws IOException {
        TestProject.bundledDefinitions(project);
        attack.edit().apply(project);
        if (attack.name().startsWith("a sql segment")
                || attack.name().startsWith("PII through")
                || attack.name().startsWith("SELECT *")
                || attack.name().contains("hand-written")) {
            return; // not in the lock: the attacks below cover them through compile
        }
        assertRefused(attack, () -> job(false).lockCheck());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void localUnlockedBuildsRefuseThemToo(Attack attack) throws IOException {
        if (attack.expected().equals(RECORD_DIFFERS)) {
            return; // an unlocked local build uses its own analyses and does not compare the lock's records
        }
        TestProject.bundledDefinitions(project);
        attack.edit().apply(project);
        assertRefused(attack, () -> job(false).run());
    }

    @Test
    void stringAndCommentTricksStayInsideTheOneStatement() throws IOException {
        TestProject.bundledDefinitions(project);
        editPin(
                project,
                p -> withSql(
                        p,
                        p.sql().strip() + "\n  AND u.country <> ') AS p; DROP TABLE users; --' -- ) AS p;\n"
                                + "/* ; DROP TABLE events; */;\n",
                        true));
        job(true).compile();
        String compiled = Files.readString(project.resolve("target/segments/bigquery/" + PINNED + ".sql"));
        assertTrue(compiled.contains("AND u.country <> ') AS p; DROP TABLE users; --'"), compiled);
        assertFalse(
                compiled.contains("/* ; DROP TABLE events; */"),
                "comments after the statement are not embedded:\n" + compiled);
        String afterStatement = compiled.substring(compiled.lastIndexOf("\n) AS p\n"));
        assertTrue(
                afterStatement.startsWith("\n) AS p\n  )\nSELECT\n")
                        && afterStatement.indexOf(';') < 0
                        && afterStatement.stripTrailing().endsWith("(GROUP BY user_id or SELECT DISTINCT)'))"),
                "only the one-row-per-user check follows the statement:\n" + compiled);
    }

    @Test
    void aTrailingSemicolonIsNotEmbedded() throws IOException {
        TestProject.bundledDefinitions(project);
        writeSql(project, "SELECT user_id FROM users WHERE country = 'DE';", "{user_id: STRING}");
        job(true).compile();
        String compiled = Files.readString(project.resolve("target/segments/bigquery/seg_lifecycle_hand_written.sql"));
        assertTrue(compiled.contains("WHERE country = 'DE'\n) AS p"), compiled);
        assertFalse(compiled.contains("'DE';"), compiled);
    }

    @Test
    void piiMayDecideMembershipButNeverBeOutput() throws IOException {
        TestProject.bundledDefinitions(project);
        writeSql(
                project,
                "SELECT i.user_id FROM identities AS i WHERE i.email LIKE '%@example.com'",
                "{user_id: STRING}");
        job(true).compile();
        assertTrue(Files.isRegularFile(project.resolve("target/segments/bigquery/seg_lifecycle_hand_written.sql")));
    }

    @Test
    void compiledFilesAreCheckedAsTheyWillBeSent() throws IOException {
        TestProject.bundledDefinitions(project);
        job(true).compile();
        ResolvedProject resolved = new Stages().check(project.resolve("segments"), project.resolve("campaigns"));
        ArtifactGuard guard = new ArtifactGuard(
                resolved.warehouse(),
                new StandardConnectors().create(Console.silent(), Map.of()).analyzers(),
                new Analyses.Fresh());
        List<OutputColumn> contract = List.of(
                new OutputColumn("user_id", ColumnType.STRING),
                new OutputColumn("carts_7d", ColumnType.INT64),
                new OutputColumn("last_cart_at", ColumnType.TIMESTAMP));
        String compiled = Files.readString(project.resolve("target/segments/bigquery/" + PINNED + ".sql"));
        Function<String, List<String>> violations = text -> guard
                .check(List.of(new ArtifactGuard.Artifact(PINNED, text, contract, true)))
                .getOrDefault(PINNED, List.of())
                .stream()
                .map(v -> v.message())
                .toList();

        assertTrue(
                compiled.contains("COUNT(*) OVER (PARTITION BY p.user_id) AS _rows_per_user_id\n")
                        && compiled.contains("\nWHERE IF(_rows_per_user_id = 1, TRUE, ERROR('" + PINNED
                                + ": user_id appears on more " + "than one row"),
                "the compiled query checks one row per user:\n" + compiled);
        assertEquals(List.of(), violations.apply(compiled), "GoogleSQL's analyzer accepts the check");
        assertTrue(
                violations.apply(compiled + ";\nDROP TABLE " + PHYSICAL_USERS).stream()
                        .anyMatch(m -> m.contains("statements")),
                "a second statement");
        assertTrue(
                violations
                        .apply(compiled.replace(
                                "p.user_id AS user_id",
                                "(SELECT MAX(email) FROM `acme-marketing.analytics.identities`) AS user_id"))
                        .stream()
                        .anyMatch(m -> m.contains("carries PII")),
                "PII put into the envelope's output");
        assertTrue(
                violations
                        .apply(compiled.replace("`acme-marketing.analytics.events`", "`acme-marketing.analytics.raw`"))
                        .stream()
                        .anyMatch(m -> m.contains("raw")),
                "a table the warehouse does not declare");
        String structured = Files.readString(project.resolve("target/segments/bigquery/seg_rfm_champions.sql"));
        assertTrue(
                violations.apply(structured).stream().anyMatch(m -> m.contains("columns")),
                "another segment's file does not meet this contract");
    }

    @Test
    void aStateFolderTrackedByGitIsRefused() throws Exception {
        TestProject.bundledDefinitions(project);
        Path planted = Files.createDirectories(project.resolve(".segments/cache/analysis"))
                .resolve("planted.txt");
        Files.writeString(planted, "0 10\nusers\nuser_id STRING\n");
        try (var git = Git.init().setDirectory(project.toFile()).call()) {
            git.add().addFilepattern(".segments").call();
        }
        SegmentsException e =
                assertThrows(SegmentsException.class, () -> job(false).compile());
        assertTrue(
                e.diagnostics()
                        .get(0)
                        .format()
                        .contains("holds files Git tracks (.segments/cache/analysis/planted.txt)"),
                e.getMessage());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void assertRefused(Attack attack, Runnable goal) {
        SegmentsException e = assertThrows(SegmentsException.class, goal::run, attack.name());
        List<String> errors = e.diagnostics().stream()
                .filter(Diagnostic::isError)
                .map(Diagnostic::format)
                .toList();
        assertTrue(errors.stream().anyMatch(m -> m.contains(attack.expected())), attack + ": " + errors);
        for (Diagnostic d : e.diagnostics()) {
            boolean located = d.location().line() > 0 || d.location().file().startsWith("segments.");
            assertTrue(located, "located: " + d.format());
        }
        assertFalse(Files.exists(project.resolve("target/segments/bigquery")), attack + ": no compiled file");
        assertFalse(
                Files.exists(project.resolve(".segments/local.duckdb")),
                attack + ": no preview table or target change");
        assertFalse(Files.exists(project.resolve(".segments/audiences")), attack + ": no audience file");
    }

    private SegmentsJob job(boolean locked) {
        return job(locked, Map.of());
    }

    private SegmentsJob job(boolean locked, Map<String, String> target) {
        Map<String, String> parameters = new HashMap<>(Map.of(Parameters.SAMPLE_USERS, "2000"));
        parameters.putAll(target);
        parameters.put(Parameters.LOCKED, String.valueOf(locked));
        var settings = new SettingsResolver(parameters, Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        return new SegmentsJob(settings, Console.silent(), new StandardConnectors().create(Console.silent(), Map.of()));
    }

    private static Attack pin(String name, String sql, String expected) {
        return new Attack("pin: " + name, project -> editPin(project, p -> withSql(p, sql + "\n", true)), expected);
    }

    private static Attack sql(String name, String sql, String columns, String expected) {
        return new Attack(name, project -> writeSql(project, sql, columns), expected);
    }

    private static void writeSql(Path project, String sql, String columns) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_lifecycle_hand_written
                description: hand-written SQL
                owner: test@example.com
                stage: experimental
                refresh: daily
                sql: |
                """);
        sql.lines().forEach(line -> yaml.append("  ").append(line).append('\n'));
        yaml.append("columns: ").append(columns).append('\n');
        Files.writeString(project.resolve("segments/seg_lifecycle_hand_written.yaml"), yaml);
    }

    private static Pin withSql(Pin pin, String sql, boolean recomputeHash) {
        return new Pin(
                pin.segmentId(),
                pin.provenance(),
                pin.key(),
                pin.inputs(),
                recomputeHash ? Sha256.hex(sql) : pin.sqlSha256(),
                pin.analysis(),
                pin.tool(),
                sql);
    }

    private static void editPin(Path project, Function<Pin, Pin> edit) {
        Path file = project.resolve("segments.lock");
        LockFile lock = LockFile.read(file);
        // rendered by the lock's own writer: what a careful attacker would commit
        lock.with(edit.apply(lock.pin(PINNED).orElseThrow())).write(file);
    }

    private static void editText(Path file, Function<String, String> edit) throws IOException {
        Files.writeString(file, edit.apply(Files.readString(file)));
    }
}
