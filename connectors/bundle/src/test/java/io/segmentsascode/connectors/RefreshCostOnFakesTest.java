package io.segmentsascode.connectors;

import static io.segmentsascode.connectors.ProjectCopies.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.fakes.FakeBigQuery;
import io.segmentsascode.fakes.GoogleFakes;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.plan.CostEstimate;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanException;
import io.segmentsascode.plan.report.PlanJson;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's cost of the scheduled refreshes, planned for the bundled segments with
 * {@code segments.target=bigquery} on the fakes, through the SegmentsJob the Maven goals run: the
 * fake's dry-run estimator (the registered bytes of every source table a query names) gives the
 * bytes, the users table's metadata the rows of the feature table.
 */
class RefreshCostOnFakesTest {

    private static final Path REPO = Path.of("..", "..");
    private static final String SOURCE = "acme-marketing.analytics.";
    /** A source table named in a statement; the refresh's own tables share the dataset and start with _segments_. */
    private static final Pattern READS_SOURCE = Pattern.compile("`acme-marketing\\.analytics\\.(?!_segments_)");
    /** A prime, so bytes estimated from the feature table's width are told apart from dry-run bytes. */
    private static final long USERS = 1_000_003L;

    private static final BigDecimal PRICE = new BigDecimal("5.5");
    private static final long MAXIMUM_BYTES_BILLED = 3L << 40;

    @TempDir
    Path project;

    private GoogleFakes fakes;
    private String warehouseYaml;

    @BeforeEach
    void start() throws IOException {
        fakes = GoogleFakes.start(0, 0);
        fakes.bigQuery().state().addDataset("fake-project.analytics", "EU");
        fakes.bigQuery().state().addDataset("acme-marketing.analytics", "EU");
        Map<String, Long> sizes = Map.of("users", 70L << 20, "events", 900L << 30, "sessions", 120L << 30);
        // the plan checks warehouse.yaml against the live schema first, so the tables it declares exist
        LiveWarehouseOnFakesTest.seedBundledSourceTables(fakes.bigQuery());
        sizes.forEach((table, bytes) -> fakes.bigQuery().state().setNumBytes(SOURCE + table, bytes));
        fakes.bigQuery().state().setNumRows(SOURCE + "users", USERS);
        copy(REPO.resolve("segments"), project.resolve("segments"));
        Files.createDirectories(project.resolve("campaigns"));
        Files.copy(REPO.resolve("segments.lock"), project.resolve("segments.lock"));
        warehouseYaml = Files.readString(project.resolve("segments/warehouse.yaml"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        fakes.close();
    }

    @Test
    void everyDryRunSendsAGuardedSelectOfTheCompiledScriptUnderTheBytesCap() throws IOException {
        job("bigquery").plan();

        List<FakeBigQuery.JobRecord> dryRuns = fakes.bigQuery().dryRuns();
        assertFalse(dryRuns.isEmpty());
        String scripts = compiledScripts();
        for (FakeBigQuery.JobRecord dryRun : dryRuns) {
            // the SELECT exactly as the guarded script embeds it after its CREATE OR REPLACE TABLE
            assertTrue(scripts.contains(" AS\n" + dryRun.sql().stripTrailing() + ";\n"), dryRun.sql());
            assertFalse(dryRun.sql().contains("_segments_"), "tables the refresh builds do not exist yet");
            assertEquals(MAXIMUM_BYTES_BILLED, dryRun.maximumBytesBilled(), dryRun.sql());
            assertEquals("segments", dryRun.labels().get("managed-by"));
        }
        // every feature build and every intent or sql segment's own query is measured
        long sourceSelects = Stream.of(scripts.split(";\n"))
                .filter(statement -> statement.contains("CREATE OR REPLACE TABLE"))
                .filter(statement -> READS_SOURCE.matcher(statement).find())
                .count();
        assertEquals(sourceSelects, dryRuns.size());
    }

    @Test
    void costFiguresInPlanJsonAreTheDryRunBytesTimesThePrice() throws IOException {
        job("bigquery").plan();

        Plan plan = PlanJson.parse(Files.readString(project.resolve("target/segments/plan.json")));
        CostEstimate cost = plan.cost();
        assertTrue(cost.applicable());
        assertEquals(0, PRICE.compareTo(cost.pricePerTib()));
        assertEquals(
                List.of("daily", "weekly"),
                cost.refreshes().stream().map(CostEstimate.RefreshCost::cadence).toList());
        String daily = Files.readString(project.resolve("target/segments/bigquery/_refresh_daily.sql"));
        String weekly = Files.readString(project.resolve("target/segments/bigquery/_refresh_weekly.sql"));
        Map<String, String> scripts = Map.of("daily", daily, "weekly", weekly);
        for (CostEstimate.RefreshCost refresh : cost.refreshes()) {
            List<FakeBigQuery.JobRecord> ownDryRuns = fakes.bigQuery().dryRuns().stream()
                    .filter(run ->
                            scripts.get(refresh.cadence()).contains(run.sql().stripTrailing()))
                    .toList();
            long dryRunBytes = ownDryRuns.stream()
                    .mapToLong(FakeBigQuery.JobRecord::totalBytesProcessed)
                    .sum();
            assertTrue(dryRunBytes > 0, refresh.cadence());
            // the feature build is the script's first SELECT, dry-run as it is
            assertEquals(ownDryRuns.get(0).totalBytesProcessed(), refresh.featureBuildBytes());
            assertFalse(ownDryRuns.get(0).sql().contains("_segments_features_"));
            // the rest: tables of ours read, estimated as their width times the users table's rows
            long estimated = refresh.bytesPerRefresh() - dryRunBytes;
            assertTrue(estimated > 0 && estimated % USERS == 0, refresh.cadence() + ": " + estimated);
            assertEquals(
                    money(BigDecimal.valueOf(refresh.bytesPerRefresh())
                            .multiply(PRICE)
                            .divide(BigDecimal.valueOf(1L << 40))),
                    refresh.costPerRefresh());
            BigDecimal runs = new BigDecimal(refresh.cadence().equals("daily") ? "30.44" : "4.35");
            assertEquals(
                    money(BigDecimal.valueOf(refresh.bytesPerRefresh())
                            .multiply(PRICE)
                            .multiply(runs)
                            .divide(BigDecimal.valueOf(1L << 40))),
                    refresh.costPerMonth());
            assertEquals(
                    refresh.bytesPerRefresh(),
                    refresh.segments().stream()
                            .mapToLong(CostEstimate.SegmentCost::bytesPerRefresh)
                            .sum(),
                    "the segments' shares add up to the refresh");
        }
        assertEquals(
                cost.refreshes().stream()
                        .map(CostEstimate.RefreshCost::costPerMonth)
                        .reduce(BigDecimal::add)
                        .orElseThrow(),
                cost.costPerMonth());
        String markdown = Files.readString(project.resolve("target/segments/plan-comment.md"));
        CostEstimate.RefreshCost first = cost.refreshes().get(0);
        assertTrue(markdown.contains("| daily | 30.44 | "), markdown);
        assertTrue(
                markdown.contains(first.costPerRefresh()
                                .setScale(2, RoundingMode.HALF_EVEN)
                                .toPlainString() + " USD"),
                markdown);
    }

    @Test
    void theSameDryRunAnswersGiveAByteIdenticalPlan() throws IOException {
        job("bigquery").plan();
        String first = Files.readString(project.resolve("target/segments/plan.json"));
        String firstMarkdown = Files.readString(project.resolve("target/segments/plan.md"));

        job("bigquery").plan();

        assertEquals(first, Files.readString(project.resolve("target/segments/plan.json")));
        assertEquals(firstMarkdown, Files.readString(project.resolve("target/segments/plan.md")));
    }

    @Test
    void aBudgetBelowTheEstimateFailsThePlanNamingTheCostliestSegments() throws IOException {
        int budgetLine = budget("budget:\n  max_bytes_per_month: 1 PiB\n");
        Plan within = job("bigquery").plan();
        assertFalse(within.hasErrors(), within.findings().toString());
        long monthly = within.cost().bytesPerMonth();
        List<CostEstimate.SegmentCost> costliest = within.cost().costliest(5);

        budget("budget:\n  max_bytes_per_month: " + (monthly - 1) + "\n");
        PlanException over =
                assertThrows(PlanException.class, () -> job("bigquery").plan());

        assertEquals(1, over.diagnostics().size(), over.diagnostics().toString());
        Diagnostic error = over.diagnostics().get(0);
        assertTrue(error.isError());
        assertEquals(
                "segments/warehouse.yaml:" + budgetLine + ":1", error.location().file());
        assertTrue(error.message().startsWith("[over-budget]"), error.message());
        assertTrue(error.message().contains(monthly + " bytes) per month"), error.message());
        int at = 0;
        for (CostEstimate.SegmentCost segment : costliest) {
            int found = error.message().indexOf(segment.segmentId() + " ", at);
            assertTrue(found > at, "names " + segment.segmentId() + " in cost order: " + error.message());
            at = found;
        }
        // a cost budget is checked the same way, at segments.pricePerTib
        budget("budget:\n  max_cost_per_month: " + within.cost().costPerMonth().add(BigDecimal.ONE) + "\n");
        assertFalse(job("bigquery").plan().hasErrors());
    }

    @Test
    void withABaseRevisionTheCommentShowsEachRefreshsCostBeforeAndAfter() throws Exception {
        Files.writeString(project.resolve("campaigns/.gitkeep"), "");
        try (Git git = Git.init()
                .setDirectory(project.toFile())
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
        CostEstimate atBase = job("bigquery").plan().cost();
        Path loyal = project.resolve("segments/seg_rfm_loyal.yaml");
        String daily = Files.readString(loyal);
        assertTrue(daily.contains("refresh: daily"));
        Files.writeString(loyal, daily.replace("refresh: daily", "refresh: weekly"));

        Map<String, String> withBase = Map.of(Parameters.BASE, "main");
        CostEstimate cost = job("bigquery", withBase).plan().cost();

        // the base's scripts are measured as the base's own plan measured them
        assertEquals(atBase.withBase(null).refreshes(), cost.base().refreshes());
        CostEstimate.RefreshCost before = cost.baseRefresh("daily");
        CostEstimate.RefreshCost after = cost.refreshes().get(0);
        assertTrue(after.bytesPerRefresh() < before.bytesPerRefresh(), "one segment fewer refreshes daily");
        String comment = Files.readString(project.resolve("target/segments/plan-comment.md"));
        String dailyRow = comment.lines()
                .filter(line -> line.startsWith("| daily | 30.44 | "))
                .findFirst()
                .orElseThrow();
        assertTrue(
                dailyRow.endsWith(" | " + usd(before.costPerMonth()) + " → " + usd(after.costPerMonth()) + " |"),
                dailyRow);
    }

    @Test
    void theLocalTargetSaysInOneLineThatCostDoesNotApply() throws IOException {
        Plan plan = job("local").plan();

        assertFalse(plan.cost().applicable());
        String markdown = Files.readString(project.resolve("target/segments/plan.md"));
        assertTrue(
                markdown.contains("### Cost of the scheduled refreshes\n\ncost is not applicable to the local target:"),
                markdown);
        assertEquals(List.of(), fakes.bigQuery().dryRuns());
    }

    /** Writes warehouse.yaml with {@code budget} appended; the line of its {@code budget:} key. */
    private int budget(String budget) throws IOException {
        String base = warehouseYaml.endsWith("\n") ? warehouseYaml : warehouseYaml + "\n";
        Files.writeString(project.resolve("segments/warehouse.yaml"), base + budget);
        return (int) base.lines().count() + 1;
    }

    private String compiledScripts() throws IOException {
        try (Stream<Path> files = Files.list(project.resolve("target/segments/bigquery"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("_refresh_"))
                    .sorted()
                    .map(RefreshCostOnFakesTest::read)
                    .collect(Collectors.joining());
        }
    }

    private static String usd(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " USD";
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(6, RoundingMode.HALF_EVEN);
    }

    private SegmentsJob job(String target) {
        return job(target, Map.of());
    }

    private SegmentsJob job(String target, Map<String, String> more) {
        Map<String, String> parameters = new HashMap<>(more);
        parameters.put(Parameters.SAMPLE_USERS, "2000");
        parameters.put(Parameters.TARGET, target);
        parameters.put(Parameters.BIGQUERY_PROJECT, "fake-project");
        parameters.put(Parameters.BIGQUERY_ENDPOINT, fakes.bigQuery().endpoint());
        parameters.put(Parameters.DATA_TRANSFER_ENDPOINT, fakes.dataTransfer().endpoint());
        parameters.put(Parameters.GOOGLE_CREDENTIALS, "none");
        parameters.put(Parameters.PRICE_PER_TIB, PRICE.toPlainString());
        parameters.put(Parameters.MAXIMUM_BYTES_BILLED, Long.toString(MAXIMUM_BYTES_BILLED));
        var settings = new SettingsResolver(parameters, Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        return new SegmentsJob(settings, Console.silent(), new StandardConnectors().create(Console.silent(), Map.of()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
