package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.maven.Workflows.RunStep;
import io.segmentsascode.plan.report.PlanComment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run:} steps of the workflows, read from .github/workflows and run with bash as a runner
 * would, on a fixture repository with two commits: the pull request's plan against its base, the
 * apply of the reviewed plan after the merge, a second apply that has nothing to do, and the daily
 * sync. {@code ${{ … }}} expressions get fixture values (an expression without one fails the
 * test); {@code mvn} is this build's plugin in a private repository. The steps of {@code uses:}
 * actions (checkout, artifacts, comments) are GitHub's and are stood in for by the test. The
 * optional generate job is not run: it needs model credentials and a branch to push to.
 */
class WorkflowStepsIT {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.+?)\\s*}}");

    private static final String REPOSITORY = "example/audiences";

    @TempDir
    Path temp;

    @Test
    void aPullRequestIsPlannedThenItsReviewedPlanAppliedOnceAndSynced() throws Exception {
        Path origin = temp.resolve("origin");
        TestProject project = TestProject.copy("bundled", origin).withBundledDefinitions("segments", "campaigns");
        project.writeMavenWrapper(temp.resolve("bin"));
        Files.writeString(origin.resolve(".gitignore"), "target/\n.segments/\nit-settings.xml\n");
        String base;
        try (Git git = Git.init()
                .setDirectory(origin.toFile())
                .setInitialBranch("main")
                .call()) {
            base = commit(git, "base").getName();
            Path segment = origin.resolve("segments/seg_rfm_at_risk_high_value.yaml");
            Files.writeString(segment, Files.readString(segment).replace("where: m >= 4", "where: m >= 5"));
            commit(git, "a marketer's change");
        }
        Map<String, String> fixture = new HashMap<>(Map.of(
                "github.event.pull_request.base.sha",
                base,
                "github.event.pull_request.head.repo.full_name",
                REPOSITORY,
                "github.repository",
                REPOSITORY,
                "github.event_name",
                "push",
                "vars.SEGMENTS_TARGET || 'local'",
                "local",
                "steps.reviewed.outputs.pull-request",
                "7"));
        // no repository variable is set: every workflow falls back to the embedded target and files
        fixture.put("vars.SEGMENTS_AUDIENCES || 'files'", "files");
        for (String unset : List.of(
                "vars.SEGMENTS_TARGET",
                "vars.SEGMENTS_AUDIENCES",
                "vars.SEGMENTS_BIGQUERY_PROJECT",
                "vars.SEGMENTS_SERVICE_ACCOUNT",
                "vars.SEGMENTS_MAXIMUM_BYTES_BILLED",
                "vars.WIF_PROVIDER",
                "vars.WIF_SERVICE_ACCOUNT")) {
            fixture.put(unset, "");
        }
        fixture.put(
                "(github.event.pull_request.head.repo.full_name == github.repository"
                        + " && vars.WIF_PLAN_SERVICE_ACCOUNT != '' && vars.SEGMENTS_TARGET) || 'local'",
                "local");
        fixture.put(
                "(github.event.pull_request.head.repo.full_name == github.repository"
                        + " && vars.WIF_PLAN_SERVICE_ACCOUNT != '' && vars.SEGMENTS_AUDIENCES) || 'files'",
                "files");

        // pull request: the plan job, on the pull request's head
        Runner pullRequest = new Runner(origin, fixture);
        pullRequest.runJob("plan.yml", "plan");
        String comment = Files.readString(origin.resolve("target/segments/plan-comment.md"));
        assertTrue(comment.startsWith(PlanComment.MARKER), comment);
        assertTrue(comment.contains("#### `seg_rfm_at_risk_high_value` changed"), comment);
        assertTrue(comment.contains("+  AND p.m_score >= 5"), comment);
        assertTrue(comment.contains("No successful sync recorded on this target yet."), comment);
        assertTrue(pullRequest.summary().contains(comment), "the plan is in the job summary");
        assertFalse(pullRequest.summary().contains("unverified"), "a branch of this repository is not a fork");
        assertTrue(
                pullRequest.summary().contains("Planned on the embedded `local` target with sample figures"),
                pullRequest.summary());
        Map<String, String> fork = new HashMap<>(fixture);
        fork.put("github.event.pull_request.head.repo.full_name", "someone/audiences");
        Runner fromAFork = new Runner(origin, fork);
        fromAFork.runStep("plan.yml", "plan", "Show the plan in the job summary");
        assertTrue(
                fromAFork.summary().startsWith("> **unverified**: this pull request comes from a fork"),
                fromAFork.summary());

        // merge: a fresh checkout of main, the plan reviewed in the pull request downloaded beside it
        Path main = temp.resolve("main");
        Git.cloneRepository()
                .setURI(origin.toUri().toString())
                .setDirectory(main.toFile())
                .call()
                .close();
        Files.createDirectories(main.resolve("reviewed-plan"));
        Files.copy(origin.resolve("target/segments/plan.json"), main.resolve("reviewed-plan/plan.json"));
        Runner merge = new Runner(main, fixture);
        merge.runJob("apply.yml", "apply");
        String applied = Files.readString(main.resolve("target/segments/apply.md"));
        assertTrue(applied.contains("Applied the reviewed plan `plan.json`"), applied);
        assertTrue(applied.contains("| `+` | segment table `seg_rfm_at_risk_high_value` | create |"), applied);
        assertTrue(merge.summary().contains("Applied to the embedded `local` target"), merge.summary());
        assertTrue(merge.summary().contains("the repository variable SEGMENTS_TARGET is not set"), merge.summary());
        assertTrue(merge.summary().contains("the repository variable SEGMENTS_AUDIENCES is not set"), merge.summary());

        // the next merge of the same definitions: the target already holds them
        Runner again = new Runner(main, fixture);
        again.runJob("apply.yml", "apply");
        String second = Files.readString(main.resolve("target/segments/apply.md"));
        assertTrue(second.contains("Nothing to do: the target matches the definitions."), second);
        assertTrue(second.contains("In the reviewed plan, no longer needed"), second);

        // the daily sync on the same target: no drift, nothing failed
        Runner sync = new Runner(main, fixture);
        sync.runJob("sync.yml", "sync");
        assertEquals("0", sync.outputs().get("drift.exit-code"));
        assertEquals("0", sync.outputs().get("sync.exit-code"));
        // the applies recorded their end on the target: the sync's plan, on a later runner, reads it back
        String driftPlan = Files.readString(main.resolve("drift/plan.md"));
        assertTrue(driftPlan.contains("Last successful sync: "), driftPlan);
        assertFalse(driftPlan.contains("stale-sync"), driftPlan);
        String drift = Files.readString(main.resolve("drift/plan.json"));
        assertFalse(
                Pattern.compile("\"action\"\\s*:\\s*\"repair\"").matcher(drift).find(), drift);
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit()
                .setMessage(message)
                .setAuthor("t", "t@example.com")
                .setCommitter("t", "t@example.com")
                .call();
    }

    /** One job's run steps in one working folder, with the files a runner gives each step. */
    private final class Runner {

        private final Path workspace;
        private final Map<String, String> fixture;
        private final Path summary;
        private final Map<String, String> outputs = new HashMap<>();

        Runner(Path workspace, Map<String, String> fixture) throws IOException {
            this.workspace = workspace;
            this.fixture = fixture;
            this.summary = Files.createTempFile(temp, "summary", ".md");
        }

        void runJob(String workflow, String job) throws Exception {
            List<RunStep> steps = Workflows.runSteps(Workflows.named(workflow), job);
            assertFalse(steps.isEmpty(), workflow + " " + job);
            for (RunStep step : steps) {
                run(step);
            }
        }

        void runStep(String workflow, String job, String name) throws Exception {
            run(Workflows.runSteps(Workflows.named(workflow), job).stream()
                    .filter(step -> step.name().equals(name))
                    .findFirst()
                    .orElseThrow());
        }

        private void run(RunStep step) throws Exception {
            Path script = Files.createTempFile(temp, "step", ".sh");
            Files.writeString(script, step.script());
            Path output = Files.createTempFile(temp, "output", ".txt");
            // as GitHub runs a run: step with the default shell
            ProcessBuilder bash = new ProcessBuilder(
                            "bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
                    .directory(workspace.toFile())
                    .redirectErrorStream(true);
            Map<String, String> env = bash.environment();
            step.env().forEach((name, value) -> env.put(name, substitute(value, step)));
            env.put("GITHUB_OUTPUT", output.toString());
            env.put("GITHUB_STEP_SUMMARY", summary.toString());
            env.put("GITHUB_WORKSPACE", workspace.toString());
            env.put("CI", "true");
            env.put("PATH", temp.resolve("bin") + ":" + env.get("PATH"));
            Process process = bash.start();
            String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(10, TimeUnit.MINUTES), step.name() + " finished");
            assertEquals(
                    0, process.exitValue(), step.workflow() + " / " + step.job() + " / " + step.name() + ":\n" + log);
            if (step.id() != null) {
                for (String line : Files.readAllLines(output)) {
                    int equals = line.indexOf('=');
                    outputs.put(step.id() + "." + line.substring(0, equals), line.substring(equals + 1));
                }
            }
        }

        private String substitute(String value, RunStep step) {
            Matcher expression = EXPRESSION.matcher(value);
            StringBuilder text = new StringBuilder();
            while (expression.find()) {
                String name = expression.group(1);
                String known = name.startsWith("steps.") && name.contains(".outputs.")
                        ? outputs.getOrDefault(
                                name.substring("steps.".length()).replace(".outputs.", "."), fixture.get(name))
                        : fixture.get(name);
                assertTrue(known != null, step.name() + ": no fixture value for ${{ " + name + " }}");
                expression.appendReplacement(text, Matcher.quoteReplacement(known));
            }
            return expression.appendTail(text).toString();
        }

        String summary() {
            try {
                return Files.readString(summary);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Map<String, String> outputs() {
            return outputs;
        }
    }
}
