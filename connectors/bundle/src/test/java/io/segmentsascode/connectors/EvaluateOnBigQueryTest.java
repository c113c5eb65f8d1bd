package io.segmentsascode.connectors;

import static io.segmentsascode.connectors.ProjectCopies.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.evaluate.Arm;
import io.segmentsascode.evaluate.EvaluateException;
import io.segmentsascode.evaluate.Evaluation;
import io.segmentsascode.evaluate.EvaluationReport;
import io.segmentsascode.evaluate.ExperimentQuery;
import io.segmentsascode.fakes.BigQueryError;
import io.segmentsascode.fakes.FakeBigQuery;
import io.segmentsascode.fakes.GoogleFakes;
import io.segmentsascode.fakes.QueryEngine;
import io.segmentsascode.model.ExperimentMetric;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segments:evaluate -Dsegments.target=bigquery}: the experiments query, rendered for
 * BigQuery and guarded as sent, runs as a capped job on the fake BigQuery, whose query engine
 * answers exactly that text with an experiment the sample does not have; the comparison printed is
 * the one computed from BigQuery's sums, and a bigquery-target plan judges promotion gates on them.
 */
class EvaluateOnBigQueryTest {

    private static final Path REPO = Path.of("..", "..");
    private static final String LABEL = "BigQuery acme-marketing.analytics";

    /** Only BigQuery holds this experiment: B converts at 6.5 % against A's 5 %, and earns more per user. */
    private static final List<ExperimentQuery.VariantTotals> BIGQUERY_TOTALS = List.of(
            new ExperimentQuery.VariantTotals(
                    "exp_bq_only", "seg_rfm_champions", "A", new Arm(10_000, 500, 25_000.5, 2_500_000.25)),
            new ExperimentQuery.VariantTotals(
                    "exp_bq_only", "seg_rfm_champions", "B", new Arm(10_000, 650, 36_000.75, 3_600_000.5)));

    @TempDir
    Path project;

    private GoogleFakes fakes;
    private final List<String> console = new ArrayList<>();
    private String expectedSql;
    private QueryEngine standard;

    @BeforeEach
    void start() throws IOException {
        fakes = GoogleFakes.start(0, 0);
        fakes.bigQuery().state().addDataset("fake-project.analytics", "EU");
        fakes.bigQuery().state().addDataset("acme-marketing.analytics", "EU");
        // the plan checks warehouse.yaml against the live schema first, so the tables it declares exist
        LiveWarehouseOnFakesTest.seedBundledSourceTables(fakes.bigQuery());
        copy(REPO.resolve("segments"), project.resolve("segments"));
        Files.copy(REPO.resolve("segments.lock"), project.resolve("segments.lock"));
        Files.writeString(Files.createDirectories(project.resolve("campaigns")).resolve("cmp_bq_gate.yaml"), """
                # yaml-language-server: $schema=../schemas/campaign-v1.json
                id: cmp_bq_gate
                description: Gated on an experiment only BigQuery holds.
                owner: search@example.com
                segments: [seg_rfm_champions]
                google_ads: {customer_id: "123-456-7890", membership_days: 30}
                stage: experimental
                budget_share: 0.08
                promote_when: {experiment: exp_bq_only, metric: conversion_rate, min_uplift: 0.05, confidence: 0.95}
                """);
        Warehouse warehouse = job().validate().warehouse();
        expectedSql = ExperimentQuery.render(new BigQueryDialect(), warehouse);
        standard = fakes.bigQuery().queryEngine();
        fakes.bigQuery()
                .setQueryEngine((request, state) -> request.sql().equals(expectedSql)
                        ? new QueryEngine.Result(schema(), rows(), false, "SELECT", -1)
                        : standard.execute(request, state));
    }

    @AfterEach
    void stop() throws InterruptedException {
        fakes.close();
    }

    @Test
    void evaluatePrintsTheComparisonOfBigQuerysSumsFromTheQueryItGuardedAndCapped() throws IOException {
        Evaluation evaluation = job().evaluate();

        Evaluation expected = Evaluation.of(BIGQUERY_TOTALS, Parameters.DEFAULT_CONFIDENCE, LABEL);
        assertEquals(EvaluationReport.markdown(expected), EvaluationReport.markdown(evaluation));
        assertEquals(
                EvaluationReport.markdown(expected),
                Files.readString(project.resolve("target/segments/evaluation.md")));
        assertTrue(console.containsAll(EvaluationReport.lines(expected)), console.toString());
        assertTrue(evaluation
                .experiment("exp_bq_only")
                .orElseThrow()
                .test(ExperimentMetric.CONVERSION_RATE)
                .bBeatsA(0.95));

        List<FakeBigQuery.JobRecord> evaluate = fakes.bigQuery().jobs().stream()
                .filter(j -> "evaluate".equals(j.labels().get("segments-purpose")))
                .toList();
        assertEquals(1, evaluate.size(), fakes.bigQuery().jobs().toString());
        assertEquals(expectedSql, evaluate.get(0).sql(), "the text sent is the BigQuery rendering");
        assertEquals(Parameters.DEFAULT_MAXIMUM_BYTES_BILLED, evaluate.get(0).maximumBytesBilled());
    }

    @Test
    void aMissingTableOnBigQueryIsAnEvaluateErrorAndFailsTheGatesSayingWhy() {
        fakes.bigQuery().setQueryEngine((request, state) -> {
            if (request.sql().equals(expectedSql)) {
                throw BigQueryError.notFound("Table acme-marketing:analytics.experiments");
            }
            return standard.execute(request, state);
        });
        EvaluateException e = assertThrows(EvaluateException.class, () -> job().evaluate());
        assertTrue(
                e.diagnostics().get(0).message().startsWith("the experiments table could not be read on " + LABEL),
                e.getMessage());

        Finding gate = job().plan().findings().stream()
                .filter(f -> f.code().equals("promotion-gate") && f.subject().equals("cmp_bq_gate"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                gate.message().contains("cannot be evaluated: the experiments table could not be read"),
                gate.message());
    }

    @Test
    void aBigQueryTargetPlanJudgesPromotionGatesOnBigQuerysExperiments() {
        Plan plan = job().plan();
        Finding gate = plan.findings().stream()
                .filter(f -> f.code().equals("promotion-gate") && f.subject().equals("cmp_bq_gate"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(plan.findings().toString()));
        assertTrue(gate.message().contains("exp_bq_only conversion_rate B 6.5"), gate.message());
        assertTrue(gate.message().contains(": passes"), gate.message());
    }

    private static JsonArray schema() {
        JsonArray fields = new JsonArray();
        for (String[] field : new String[][] {
            {"experiment_id", "STRING"},
            {"segment_label", "STRING"},
            {"variant", "STRING"},
            {"users", "INTEGER"},
            {"conversions", "INTEGER"},
            {"revenue", "NUMERIC"},
            {"revenue_sq_sum", "NUMERIC"}
        }) {
            JsonObject f = new JsonObject();
            f.addProperty("name", field[0]);
            f.addProperty("type", field[1]);
            f.addProperty("mode", "NULLABLE");
            fields.add(f);
        }
        return fields;
    }

    private static List<List<String>> rows() {
        return BIGQUERY_TOTALS.stream()
                .map(t -> List.of(
                        t.experiment(),
                        t.label(),
                        t.variant(),
                        Long.toString(t.arm().users()),
                        Long.toString(t.arm().converted()),
                        BigDecimal.valueOf(t.arm().revenue()).toPlainString(),
                        BigDecimal.valueOf(t.arm().revenueSquares()).toPlainString()))
                .toList();
    }

    private SegmentsJob job() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(Parameters.SAMPLE_USERS, "2000");
        parameters.put(Parameters.TARGET, "bigquery");
        parameters.put(Parameters.BIGQUERY_PROJECT, "fake-project");
        parameters.put(Parameters.BIGQUERY_ENDPOINT, fakes.bigQuery().endpoint());
        parameters.put(Parameters.DATA_TRANSFER_ENDPOINT, fakes.dataTransfer().endpoint());
        parameters.put(Parameters.GOOGLE_CREDENTIALS, "none");
        var settings = new SettingsResolver(parameters, Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        Console out = Console.recording(console);
        return new SegmentsJob(settings, out, new StandardConnectors().create(out, Map.of()));
    }
}
