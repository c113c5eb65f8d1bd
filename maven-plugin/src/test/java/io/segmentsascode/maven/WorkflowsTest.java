package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.segmentsascode.maven.Workflows.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workflows under .github/workflows, checked with Java alone: against SchemaStore's GitHub
 * workflow schema (vendored, see src/test/resources/github-workflow/README.md), every action pinned
 * to a full commit, least privilege declared per job, and no expression pasted into a shell.
 */
class WorkflowsTest {

    /** {@code owner/repo[/path]@<40 hex>  # vX.Y.Z}: a tag can be moved, a commit cannot. */
    private static final Pattern PINNED =
            Pattern.compile("uses: ([\\w.-]+/[\\w./-]+)@([0-9a-f]{40}) # v\\d+(\\.\\d+)*");

    private static final Pattern ANY_USES = Pattern.compile("(?m)^\\s*(?:-\\s+)?uses:\\s*(\\S+)");

    private final Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(SchemaLocation.of("classpath:github-workflow/github-workflow.json"));

    @Test
    void thereAreWorkflowsForPullRequestsMergesAndTheSchedule() {
        List<String> files = Workflows.all().stream().map(Workflow::file).toList();
        assertEquals(List.of("apply.yml", "plan.yml", "sync.yml"), files);
    }

    @Test
    void everyWorkflowValidatesAgainstTheGitHubWorkflowSchema() {
        for (Workflow workflow : Workflows.all()) {
            List<Error> errors = schema.validate(json(workflow.content()));
            assertEquals(List.of(), errors.stream().map(Error::toString).toList(), workflow.file());
        }
    }

    @Test
    void theSchemaRejectsAMisspelledKey() {
        Map<String, Object> broken =
                Map.of("on", "push", "jobs", Map.of("build", Map.of("runs-on", "ubuntu-latest", "stpes", List.of())));
        assertFalse(schema.validate(json(broken)).isEmpty(), "the vendored schema is really applied");
    }

    @Test
    void everyActionIsPinnedToAFullCommitWithItsVersionAlongside() {
        for (Workflow workflow : Workflows.all()) {
            Matcher uses = ANY_USES.matcher(workflow.text());
            int count = 0;
            while (uses.find()) {
                count++;
                String line =
                        workflow.text().substring(uses.start(), workflow.text().indexOf('\n', uses.start()));
                assertTrue(
                        PINNED.matcher(line.strip().replaceFirst("^- ", "")).matches(), workflow.file() + ": " + line);
            }
            long parsed = Workflows.steps(workflow).stream()
                    .filter(step -> step.containsKey("uses"))
                    .count();
            assertEquals(parsed, count, workflow.file() + ": every uses: found in the text");
        }
    }

    @Test
    void everyJobDeclaresItsPermissionsAndTheWorkflowGrantsNone() {
        for (Workflow workflow : Workflows.all()) {
            assertEquals(Map.of(), workflow.content().get("permissions"), workflow.file() + ": permissions: {} on top");
            workflow.jobs()
                    .forEach((name, job) ->
                            assertTrue(job.containsKey("permissions"), workflow.file() + ": job " + name));
        }
    }

    @Test
    void noWorkflowRunsPullRequestCodeWithWriteAccessToTheBaseRepository() {
        for (Workflow workflow : Workflows.all()) {
            Map<String, Object> triggers = Workflows.mapOf(workflow.content().get("on"));
            assertFalse(triggers.containsKey("pull_request_target"), workflow.file());
            assertFalse(triggers.containsKey("workflow_run"), workflow.file());
        }
    }

    /** Untrusted text (a branch name, a title) reaches a shell only through an environment variable. */
    @Test
    void noExpressionIsInterpolatedIntoAShell() {
        List<String> offending = new ArrayList<>();
        for (Workflow workflow : Workflows.all()) {
            for (Map<String, Object> step : Workflows.steps(workflow)) {
                if (String.valueOf(step.getOrDefault("run", "")).contains("${{")) {
                    offending.add(workflow.file() + ": " + step.get("name"));
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void appliesQueuePerEnvironmentAndPlansCancelPerPullRequest() {
        Map<String, Object> plan =
                Workflows.mapOf(Workflows.named("plan.yml").content().get("concurrency"));
        assertEquals(true, plan.get("cancel-in-progress"));
        assertTrue(String.valueOf(plan.get("group")).contains("github.event.pull_request.number"));
        for (String file : List.of("apply.yml", "sync.yml")) {
            Workflow workflow = Workflows.named(file);
            Map<String, Object> queue = Workflows.mapOf(workflow.content().get("concurrency"));
            assertEquals(false, queue.get("cancel-in-progress"), file);
            assertEquals("apply-production", queue.get("group"), file);
            assertEquals(
                    "production", workflow.jobs().get(file.replace(".yml", "")).get("environment"), file);
        }
    }

    /**
     * Google credentials only through Workload Identity Federation (no JSON key), and for pull
     * requests only the read-only plan identity, only for branches of this repository.
     */
    @Test
    void googleIdentitiesComeFromWorkloadIdentityFederationAndPullRequestsGetTheReadOnlyOne() {
        Map<String, String> expected = Map.of(
                "apply.yml apply", "${{ vars.WIF_SERVICE_ACCOUNT }}",
                "sync.yml sync", "${{ vars.WIF_SERVICE_ACCOUNT }}",
                "plan.yml plan", "${{ vars.WIF_PLAN_SERVICE_ACCOUNT }}",
                "plan.yml generate", "${{ vars.WIF_GENERATE_SERVICE_ACCOUNT }}");
        Map<String, String> found = new TreeMap<>();
        for (Workflow workflow : Workflows.all()) {
            assertFalse(workflow.text().contains("credentials_json"), workflow.file() + ": no JSON keys");
            workflow.jobs().forEach((name, job) -> {
                for (Map<String, Object> step : Workflows.stepsOf(job)) {
                    if (!String.valueOf(step.get("uses")).startsWith("google-github-actions/auth@")) {
                        continue;
                    }
                    Map<String, Object> with = Workflows.mapOf(step.get("with"));
                    assertEquals("${{ vars.WIF_PROVIDER }}", with.get("workload_identity_provider"));
                    found.put(workflow.file() + " " + name, String.valueOf(with.get("service_account")));
                    assertEquals(
                            "write",
                            Workflows.mapOf(job.get("permissions")).get("id-token"),
                            workflow.file() + " " + name + " asks GitHub for an OIDC token");
                }
            });
        }
        assertEquals(new TreeMap<>(expected), found);
        Map<String, Object> planEnv =
                Workflows.mapOf(Workflows.named("plan.yml").jobs().get("plan").get("env"));
        for (String variable : List.of("SEGMENTS_TARGET", "SEGMENTS_AUDIENCES")) {
            String value = String.valueOf(planEnv.get(variable));
            assertTrue(
                    value.contains("github.event.pull_request.head.repo.full_name == github.repository")
                            && value.contains("vars.WIF_PLAN_SERVICE_ACCOUNT != ''"),
                    "a fork or an unconfigured repository plans on the embedded target: " + value);
        }
    }

    /** Apply and sync take the target from repository variables, defaulting to the embedded ones. */
    @Test
    void applyAndSyncChooseTheirTargetsFromRepositoryVariables() {
        for (String file : List.of("apply.yml", "sync.yml")) {
            Map<String, Object> env =
                    Workflows.mapOf(Workflows.named(file).content().get("env"));
            assertEquals("${{ vars.SEGMENTS_TARGET || 'local' }}", env.get("SEGMENTS_TARGET"), file);
            assertEquals("${{ vars.SEGMENTS_AUDIENCES || 'files' }}", env.get("SEGMENTS_AUDIENCES"), file);
            assertEquals("${{ vars.SEGMENTS_BIGQUERY_PROJECT }}", env.get("SEGMENTS_BIGQUERY_PROJECT"), file);
        }
    }

    private static JsonNode json(Object yaml) {
        return JsonMapper.builder().build().valueToTree(yaml);
    }
}
