package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.segmentsascode.fakes.GoogleFakes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals as users run them: real Maven, a temporary project, the plugin by its prefix. */
class GoalsIT {

    @TempDir
    Path temp;

    @Test
    void runValidatesCompilesAndPreviewsTheBundledProject() throws IOException {
        TestProject project = TestProject.copy("bundled", temp).withBundledDefinitions("segments", "campaigns");

        TestProject.Result result = project.mvn("segments:run");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Validated 14 segments and 4 campaign mappings"), result.output());
        Path sql = project.dir().resolve("target/segments/bigquery/seg_rfm_champions_search_high.sql");
        assertTrue(Files.readString(sql).contains("FROM `acme-marketing.analytics.events`"));
        // the preview table lists every segment with a member count
        Matcher row = Pattern.compile("seg_intent_premium_email_loyal\\s+([0-9,]+)\\s")
                .matcher(result.output());
        assertTrue(row.find(), result.output());
        assertNotEquals("0", row.group(1), "the sample warehouse must hold premium browsers");
        assertTrue(result.output().contains("champions"), "RFM label distribution is shown");
        assertTrue(Files.readString(project.dir().resolve("target/segments/preview.txt"))
                .contains("seg_rfm_champions "));
        // then plan and apply to the embedded target
        assertTrue(result.output().contains("Apply complete: 18 changes applied to target 'local'."), result.output());
        assertTrue(Files.exists(project.dir().resolve(".segments/local.duckdb")));
        assertTrue(Files.readString(project.dir().resolve(".segments/audiences/cmp_search_champions.csv"))
                .startsWith("Email,Phone\n"));
        String plan = Files.readString(project.dir().resolve("target/segments/plan.json"));

        TestProject.Result again = project.mvn("segments:run");

        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("No changes. 18 resources up to date"), again.output());
        assertTrue(again.output().contains("Apply: nothing to do"), again.output());
        assertTrue(Files.exists(project.dir().resolve("target/segments/report.html")));
        assertTrue(Files.readString(project.dir().resolve("target/segments/plan.md"))
                .contains("No changes."));
        assertNotEquals(
                plan,
                Files.readString(project.dir().resolve("target/segments/plan.json")),
                "the second plan records the applied state (unchanged instead of create)");
    }

    @Test
    void applyRefusesASavedPlanThatNoLongerMatches() throws IOException {
        TestProject project = TestProject.copy("bundled", temp).withBundledDefinitions("segments", "campaigns");
        TestProject.Result planned = project.mvn("segments:plan");
        assertEquals(0, planned.exitCode(), planned.output());
        Path saved = project.dir().resolve("reviewed-plan.json");
        Files.copy(project.dir().resolve("target/segments/plan.json"), saved);
        Path segment = project.dir().resolve("segments/seg_rfm_loyal.yaml");
        Files.writeString(segment, Files.readString(segment).replace("refresh: daily", "refresh: weekly"));

        TestProject.Result applied = project.mvn("segments:apply", "-Dsegments.plan=reviewed-plan.json");

        assertNotEquals(0, applied.exitCode());
        assertTrue(
                applied.output()
                        .contains(
                                "segments.plan: error: the saved plan reviewed-plan.json no longer matches what "
                                        + "the definitions declare (differs for cmp_loyalty_perks, seg_rfm_loyal); nothing was applied"),
                applied.output());
        assertFalse(Files.exists(project.dir().resolve(".segments/audiences")), "nothing applied");
    }

    @Test
    void planReviewsAPullRequestAgainstAGitBase() throws Exception {
        TestProject project = TestProject.copy("bundled", temp).withBundledDefinitions("segments", "campaigns");
        try (Git git = Git.init()
                .setDirectory(project.dir().toFile())
                .setInitialBranch("main")
                .call()) {
            git.add()
                    .addFilepattern("segments")
                    .addFilepattern("campaigns")
                    .addFilepattern("segments.lock")
                    .call();
            git.commit()
                    .setMessage("base")
                    .setAuthor("t", "t@example.com")
                    .setCommitter("t", "t@example.com")
                    .call();
        }
        Path segment = project.dir().resolve("segments/seg_rfm_at_risk_high_value.yaml");
        Files.writeString(segment, Files.readString(segment).replace("where: m >= 4", "where: m >= 5"));

        TestProject.Result result = project.mvn("segments:plan", "-Dsegments.base=main");

        assertEquals(0, result.exitCode(), result.output());
        String markdown = Files.readString(project.dir().resolve("target/segments/plan.md"));
        assertTrue(markdown.contains("<code>seg_rfm_at_risk_high_value</code> changed"), markdown);
        assertTrue(markdown.contains("-  AND p.m_score >= 4\n+  AND p.m_score >= 5"), markdown);
        assertTrue(result.output().contains("review vs main: seg_rfm_at_risk_high_value changed"), result.output());
    }

    @Test
    void mistakesFailTheBuildWithLocatedMessagesAndNoStackTrace() {
        TestProject project = TestProject.copy("broken", temp);

        TestProject.Result result = project.mvn("segments:validate");

        assertNotEquals(0, result.exitCode());
        assertTrue(
                result.output()
                        .contains(
                                "segments/seg_rfm_broken.yaml:5:8: error: 'stage' has value 'beta', which is not allowed"
                                        + " (use one of: experimental, production, retired)"),
                result.output());
        assertTrue(
                result.output().contains("in the segment or campaign files; fix the lines listed above"),
                result.output());
        // no stack trace and no exception text (Maven's own help link names MojoFailureException)
        assertFalse(result.output().contains("\tat "), "no stack trace: " + result.output());
        assertFalse(result.output().contains("Exception:"), result.output());
    }

    @Test
    void aValueHoldingALineOfMavenOutputCannotForgeOne() throws IOException {
        TestProject project = TestProject.copy("broken", temp);
        Files.writeString(project.dir().resolve("segments/seg_rfm_broken.yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_rfm_broken
                description: An owner that carries a line of Maven output.
                owner: "growth@example.com\\n[INFO] BUILD SUCCESS"
                stage: production
                refresh: daily
                rfm:
                  select: [champions]
                """);

        TestProject.Result result = project.mvn("segments:validate");

        assertNotEquals(0, result.exitCode());
        assertTrue(
                result.output().contains("value 'growth@example.com\\n[INFO] BUILD SUCCESS' has the wrong format"),
                result.output());
        assertFalse(result.output().lines().anyMatch(line -> line.startsWith("[INFO] BUILD SUCCESS")), result.output());
    }

    @Test
    void connectorsAreResolvedOnlyByGoalsThatUseThem() throws IOException {
        TestProject project = TestProject.copy("bundled", temp).withBundledDefinitions("segments", "campaigns");
        // structured segments only: their SQL comes from the compiler's typed IR and needs no analyzer
        for (String sqlSegment : List.of(
                "seg_intent_cart_abandoners_mobile",
                "seg_intent_premium_email_fans",
                "seg_lifecycle_new_signups_browsing",
                "seg_value_top_aov_lapsed")) {
            Files.delete(project.dir().resolve("segments/" + sqlSegment + ".yaml"));
        }
        Files.delete(project.dir().resolve("segments.lock"));

        TestProject.Result compiled = project.mvn("-X", "segments:compile");

        assertEquals(0, compiled.exitCode(), compiled.output());
        assertTrue(compiled.output().contains("Compiled 10 segments"), compiled.output());
        assertFalse(
                compiled.output().contains("loading the connectors"),
                "structured segments compile with no connector: " + compiled.output());
        assertFalse(compiled.output().contains("duckdb_jdbc"), "DuckDB is not on the compile goal's class path");

        TestProject.Result previewed = project.mvn("-X", "segments:preview");

        assertEquals(0, previewed.exitCode(), previewed.output());
        Matcher loading = Pattern.compile("segments: loading the connectors from (\\d+) jars")
                .matcher(previewed.output());
        assertTrue(loading.find(), previewed.output());
        assertTrue(
                Integer.parseInt(loading.group(1)) > 10,
                "DuckDB, Calcite, ZetaSQL, JGit, Gemini and their dependencies");
    }

    @Test
    void aPomCannotUnlockWhatTheCommandLineLocks() throws IOException {
        TestProject project = TestProject.copy("locked-off", temp).withBundledDefinitions("segments", "campaigns");
        Path intent = project.dir().resolve("segments/seg_intent_cart_abandoners_mobile.yaml");
        Files.writeString(intent, Files.readString(intent).replace("in the last 7 days", "in the last 14 days"));

        TestProject.Result locked = project.mvn("segments:compile", "-Dsegments.locked=true");

        assertNotEquals(0, locked.exitCode(), locked.output());
        assertTrue(
                locked.output().contains("error: the pinned SQL of seg_intent_cart_abandoners_mobile is stale"),
                locked.output());
        assertEquals(
                0, project.mvn("segments:compile").exitCode(), "without -D the pom's <locked>false</locked> applies");
    }

    @Test
    void directoriesAreParameters() throws IOException {
        TestProject project = TestProject.copy("custom-dirs", temp).withBundledDefinitions("defs/segs", "defs/cmps");

        TestProject.Result result =
                project.mvn("segments:compile", "-Dsegments.dir=defs/segs", "-Dsegments.campaignsDir=defs/cmps");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(Files.exists(project.dir().resolve("target/segments/bigquery/seg_rfm_loyal.sql")));
        assertFalse(Files.exists(project.dir().resolve("segments/seg_rfm_loyal.yaml")));
    }

    @Test
    void lockedBuildsFailOnAStalePinAndSayWhyAndHowToRefreshIt() throws IOException {
        TestProject project = TestProject.copy("bundled", temp).withBundledDefinitions("segments", "campaigns");
        TestProject.Result current = project.mvn("segments:lock-check");
        assertEquals(0, current.exitCode(), current.output());
        assertTrue(
                current.output().contains("segments.lock: 3 intent pins, all current and within the guardrails."),
                current.output());

        Path intent = project.dir().resolve("segments/seg_intent_cart_abandoners_mobile.yaml");
        Files.writeString(intent, Files.readString(intent).replace("in the last 7 days", "in the last 14 days"));

        TestProject.Result locked = project.mvn("segments:compile", "-Dsegments.locked=true");
        assertNotEquals(0, locked.exitCode());
        assertTrue(
                locked.output()
                        .contains("segments/seg_intent_cart_abandoners_mobile.yaml:7:1: error: the pinned SQL of "
                                + "seg_intent_cart_abandoners_mobile is stale: the intent text changed (run mvn segments:generate to refresh it, "
                                + "review the SQL diff and commit segments.lock)"),
                locked.output());
        assertFalse(locked.output().contains("\tat "), locked.output());

        TestProject.Result unlocked = project.mvn("segments:compile");
        assertEquals(0, unlocked.exitCode(), "without segments.locked the pinned SQL is used, with a warning");
        assertTrue(
                unlocked.output().contains("[WARNING]")
                        && unlocked.output().contains("is stale: the intent text changed"),
                unlocked.output());
    }

    @Test
    void planAndApplyToBigQueryOnTheFakesWithTheParametersTheyPrint() throws Exception {
        TestProject project = TestProject.copy("bundled", temp).withBundledDefinitions("segments", "campaigns");
        List<String> mappings;
        try (Stream<Path> campaigns = Files.list(project.dir().resolve("campaigns"))) {
            mappings = campaigns
                    .map(c -> c.getFileName().toString().replace(".yaml", ""))
                    .sorted()
                    .toList();
        }
        try (GoogleFakes fakes = GoogleFakes.start(0, 0)) {
            fakes.bigQuery().state().addDataset("fake-project.analytics", "EU");
            // the tables live where the compiled scripts name them: warehouse.yaml's project
            fakes.bigQuery().state().addDataset("acme-marketing.analytics", "EU");
            // the source tables warehouse.yaml declares, which the plan checks against the live schema
            fakes.bigQuery()
                    .seed(JsonParser.parseString(
                                    Files.readString(Path.of("..", "google-fakes", "seed-bundled-warehouse.json")))
                            .getAsJsonObject());
            String[] bigquery = {
                "-Dsegments.target=bigquery",
                "-Dsegments.bigqueryProject=fake-project",
                "-Dsegments.bigqueryEndpoint=" + fakes.bigQuery().endpoint(),
                "-Dsegments.dataTransferEndpoint=" + fakes.dataTransfer().endpoint(),
                "-Dsegments.googleCredentials=none"
            };

            TestProject.Result applied = project.mvn(with("segments:apply", bigquery));

            assertEquals(0, applied.exitCode(), applied.output());
            assertTrue(applied.output().contains("to target 'bigquery'"), applied.output());
            assertTrue(
                    Pattern.compile(
                                    "\\+ scheduled query daily  \\(create: refreshes seg_\\w+.* every day \\d\\d:\\d\\d UTC"
                                            + " \\(off the hour\\)\\)")
                            .matcher(applied.output())
                            .find(),
                    applied.output());
            assertTrue(applied.output().contains("+ scheduled query weekly"), applied.output());
            for (String mapping : mappings) {
                assertTrue(applied.output().contains("audience " + mapping), applied.output());
            }
            // the audience markers were written into the state table, whose rows the fake stores
            String stateTable = fakes.bigQuery().state().tables().keySet().stream()
                    .filter(id -> id.endsWith("._segments_state"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    mappings,
                    fakes.bigQuery().state().rows(stateTable).stream()
                            .filter(row -> "AUDIENCE".equals(row.get("kind")))
                            .map(row -> row.get("name"))
                            .sorted()
                            .toList());

            fakes.log().clear();

            TestProject.Result again = project.mvn(with("segments:apply", bigquery));

            assertEquals(0, again.exitCode(), again.output());
            assertTrue(again.output().contains("Apply: nothing to do"), again.output());
            // the audience markers read back from the state table say every file audience is as applied
            assertTrue(
                    fakes.log().calls().stream()
                            .anyMatch(call -> "OK".equals(call.outcome())
                                    && call.request().contains("SELECT name, spec_hash, content FROM")
                                    && call.request().contains("kind = 'AUDIENCE'")),
                    "the markers were read from the state table");
            // the markers on the target say it is all done: the one write records the sync's end
            assertEquals(
                    List.of("SYNC"),
                    fakes.log().mutatingCalls().stream()
                            .map(call -> call.request().contains("SELECT 'SYNC' AS kind") ? "SYNC" : call.request())
                            .toList());
            String lastSync = fakes.bigQuery().state().rows(stateTable).stream()
                    .filter(row -> "SYNC".equals(row.get("kind")))
                    .map(row -> row.get("content"))
                    .findFirst()
                    .orElseThrow();

            TestProject.Result planned = project.mvn(with("segments:plan", bigquery));

            assertEquals(0, planned.exitCode(), planned.output());
            assertTrue(
                    Files.readString(project.dir().resolve("target/segments/plan.md"))
                            .contains("Last successful sync: " + lastSync + ", "),
                    "the plan shows the last sync read back from the target");
            // the bundled segments refresh daily and weekly: one scheduled query each, each run once
            assertEquals(
                    2,
                    fakes.dataTransfer()
                            .configs("projects/fake-project/locations/eu")
                            .size());
            assertEquals(2, fakes.dataTransfer().runs().size());
        }
    }

    private static String[] with(String goal, String[] parameters) {
        String[] args = new String[parameters.length + 1];
        args[0] = goal;
        System.arraycopy(parameters, 0, args, 1, parameters.length);
        return args;
    }
}
