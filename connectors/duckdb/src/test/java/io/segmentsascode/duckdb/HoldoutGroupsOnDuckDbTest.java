package io.segmentsascode.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.PreparedExpression;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.Value;
import com.google.zetasql.ZetaSQLType.TypeKind;
import io.segmentsascode.audience.HoldoutGroupsSql;
import io.segmentsascode.audience.HoldoutSplit;
import io.segmentsascode.evaluate.Arm;
import io.segmentsascode.evaluate.Comparison;
import io.segmentsascode.evaluate.HoldoutArmsQuery;
import io.segmentsascode.evaluate.HoldoutComparison;
import io.segmentsascode.evaluate.HoldoutGroupsTable;
import io.segmentsascode.googlesql.SqlAnalyzers;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.DuckDbDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query a BigQuery target writes a mapping's holdout groups with ({@link HoldoutGroupsSql}), run by DuckDB
 * over segment tables cut from the sample: its members are the mapping's segments' users with an identity row
 * less those a higher-priority mapping of its exclusive group takes, each in the group Java and GoogleSQL's
 * reference evaluator draw; and evaluate's query over such a table ({@link HoldoutArmsQuery}) sums the same arms
 * as the local comparison reads from a groups file.
 */
class HoldoutGroupsOnDuckDbTest {

    private static final String MAPPING = "cmp_winback";
    /** Users by position in id order: two segments of the mapping overlapping, and one a higher mapping takes. */
    private static final Map<String, int[]> SLICES = Map.of(
            "seg_rfm_loyal",
            new int[] {0, 900},
            "seg_rfm_at_risk",
            new int[] {600, 900},
            "seg_rfm_champions",
            new int[] {1000, 300});

    @TempDir
    Path dir;

    private DuckDbPreviewEngine engine;
    private ResolvedProject project;
    private Campaign campaign;

    @BeforeEach
    void open() throws IOException, SQLException {
        Path segments = Files.createDirectories(dir.resolve("segments"));
        Path campaigns = Files.createDirectories(dir.resolve("campaigns"));
        for (String file :
                List.of("warehouse.yaml", "seg_rfm_champions.yaml", "seg_rfm_loyal.yaml", "seg_rfm_at_risk.yaml")) {
            Files.copy(Path.of("..", "..", "segments", file), segments.resolve(file));
        }
        campaign(campaigns, "cmp_vip", "seg_rfm_champions", "exclusive_group: {name: retention, priority: 2}");
        campaign(
                campaigns,
                MAPPING,
                "seg_rfm_loyal, seg_rfm_at_risk",
                "exclusive_group: {name: retention, priority: 1}\nholdout: {share: 0.1, salt: winback_2026}");
        project = new Stages().check(segments, campaigns);
        campaign = project.campaigns().stream()
                .filter(c -> c.id().equals(MAPPING))
                .findFirst()
                .orElseThrow();
        engine = DuckDbPreviewEngine.open(
                project.warehouse(), new SampleSource.Generated(new SampleSpec(2_000, 42)), dir.resolve(".segments"));
        try (Statement statement = engine.connection().createStatement()) {
            // the sample is read-only: the output schema's tables live in a scratch catalog of that name
            statement.execute("ATTACH '" + dir.resolve("scratch.duckdb") + "' AS " + DuckDbDialect.OUTPUT_SCHEMA
                    + " (READ_ONLY false)");
            for (Map.Entry<String, int[]> slice : SLICES.entrySet()) {
                statement.execute("CREATE OR REPLACE TABLE "
                        + new DuckDbDialect().managedTable(project.warehouse(), slice.getKey())
                        + " AS SELECT user_id FROM raw.users ORDER BY user_id LIMIT " + slice.getValue()[1]
                        + " OFFSET " + slice.getValue()[0]);
            }
        }
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void theGroupsQueryPicksTheMembersAndGroupsOfJavaAndOfBigQuerysExpression() {
        assumeTrue(
                SqlAnalyzers.best().fallbackReason().isEmpty(),
                "GoogleSQL's native library does not load on this platform");
        Map<String, String> groups = groupsOnDuckDb();

        Set<String> expected = new HashSet<>(ids("SELECT user_id FROM raw.users ORDER BY user_id LIMIT 1500"));
        expected.retainAll(ids("SELECT user_id FROM raw."
                + project.warehouse().customerMatch().orElseThrow().identityTable()));
        expected.removeAll(ids("SELECT user_id FROM raw.users ORDER BY user_id LIMIT 300 OFFSET 1000"));
        assertEquals(expected, groups.keySet(), "members: both segments, with identities, less the higher mapping's");
        assertTrue(groups.size() > 1_000, groups.size() + " members");

        Campaign.Holdout holdout = campaign.holdout().orElseThrow();
        AnalyzerOptions options = new AnalyzerOptions();
        options.addQueryParameter("user_id", TypeFactory.createSimpleType(TypeKind.TYPE_STRING));
        long control = 0;
        try (PreparedExpression bigQuery =
                new PreparedExpression(HoldoutSplit.groupExpression(new BigQueryDialect(), holdout, "@user_id"))) {
            bigQuery.prepare(options);
            for (Map.Entry<String, String> member : groups.entrySet()) {
                String java = HoldoutSplit.inControl(holdout, member.getKey())
                        ? HoldoutComparison.CONTROL
                        : HoldoutComparison.TREATED;
                String inBigQuery = bigQuery.execute(
                                Map.of(), Map.of("user_id", Value.createStringValue(member.getKey())))
                        .getStringValue();
                assertEquals(java, member.getValue(), "DuckDB differs for " + member.getKey());
                assertEquals(java, inBigQuery, "BigQuery differs for " + member.getKey());
                control += java.equals(HoldoutComparison.CONTROL) ? 1 : 0;
            }
        }
        assertTrue(control > 0.05 * groups.size() && control < 0.15 * groups.size(), control + " held out");
    }

    @Test
    void evaluatesQueryOverTheGroupsTableSumsTheArmsOfTheLocalComparison() throws IOException, SQLException {
        Map<String, String> groups = groupsOnDuckDb();
        Path file = dir.resolve("groups.csv");
        StringBuilder csv = new StringBuilder("user_id,group\n");
        groups.forEach(
                (user, group) -> csv.append(user).append(',').append(group).append('\n'));
        Files.writeString(file, csv);
        DuckDbDialect duckDb = new DuckDbDialect();
        try (Statement statement = engine.connection().createStatement()) {
            statement.execute(
                    "CREATE OR REPLACE TABLE " + duckDb.managedTable(project.warehouse(), HoldoutGroupsTable.NAME)
                            + " AS SELECT '" + MAPPING + "' AS mapping, 'winback_2026' AS salt, user_id, holdout_group,"
                            + " TIMESTAMP '2026-01-01 00:00:00' AS assigned_at FROM ("
                            + HoldoutGroupsSql.select(
                                    duckDb,
                                    project.warehouse(),
                                    campaign,
                                    project.campaigns(),
                                    project.warehouse().customerMatch().orElseThrow())
                            + ")");
            // another salt's groups and another mapping's are not this holdout's
            statement.execute("INSERT INTO " + duckDb.managedTable(project.warehouse(), HoldoutGroupsTable.NAME)
                    + " SELECT mapping, 'winback_2025', user_id, 'control', assigned_at FROM "
                    + duckDb.managedTable(project.warehouse(), HoldoutGroupsTable.NAME)
                    + " UNION ALL SELECT 'cmp_other', salt, user_id, 'control', assigned_at FROM "
                    + duckDb.managedTable(project.warehouse(), HoldoutGroupsTable.NAME));
        }
        Instant runTime = engine.latestDataTime();

        Comparison local = HoldoutComparison.compare(campaign, file, engine, duckDb, project.warehouse(), runTime)
                .orElseThrow();
        Comparison onTarget = HoldoutArmsQuery.comparison(
                        MAPPING,
                        engine.read("holdout", HoldoutArmsQuery.render(duckDb, project.warehouse(), campaign), runTime))
                .orElseThrow();

        assertArm(local.a().orElseThrow(), onTarget.a().orElseThrow());
        assertArm(local.b().orElseThrow(), onTarget.b().orElseThrow());
        assertTrue(local.b().orElseThrow().converted() > 0, "some treated members bought in the window");
        assertEquals(local.conversion().pValue(), onTarget.conversion().pValue(), 1e-9);
        assertEquals(local.revenue().pValue(), onTarget.revenue().pValue(), 1e-9);
    }

    private static void assertArm(Arm expected, Arm actual) {
        assertEquals(expected.users(), actual.users());
        assertEquals(expected.converted(), actual.converted());
        assertEquals(expected.revenue(), actual.revenue(), 1e-6 * Math.max(1, expected.revenue()));
        assertEquals(expected.revenueSquares(), actual.revenueSquares(), 1e-6 * Math.max(1, expected.revenueSquares()));
    }

    private Map<String, String> groupsOnDuckDb() {
        String query = HoldoutGroupsSql.select(
                new DuckDbDialect(),
                project.warehouse(),
                campaign,
                project.campaigns(),
                project.warehouse().customerMatch().orElseThrow());
        Map<String, String> groups = new TreeMap<>();
        for (List<Object> row : engine.read("holdout groups", query, engine.latestDataTime())) {
            assertEquals(null, groups.put((String) row.get(0), (String) row.get(1)), "each member once");
        }
        return groups;
    }

    private List<String> ids(String query) {
        return engine.read("ids", query, engine.latestDataTime()).stream()
                .map(row -> (String) row.get(0))
                .toList();
    }

    private static void campaign(Path campaigns, String id, String segments, String extra) throws IOException {
        Files.writeString(campaigns.resolve(id + ".yaml"), """
                # yaml-language-server: $schema=../schemas/campaign-v1.json
                id: %s
                description: holdout groups on the target
                owner: qa@example.com
                segments: [%s]
                google_ads: {customer_id: "123-456-7890", membership_days: 60}
                stage: production
                %s
                """.formatted(id, segments, extra));
    }
}
