package io.segmentsascode.connectors;

import static io.segmentsascode.connectors.ProjectCopies.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ads.datamanager.v1.IngestedUserListInfo;
import com.google.ads.datamanager.v1.IngestedUserListInfo.UploadKeyType;
import com.google.ads.datamanager.v1.MatchRateRange;
import com.google.ads.datamanager.v1.RequestStatusPerDestination.RequestStatus;
import com.google.ads.datamanager.v1.UserList;
import io.segmentsascode.apply.files.HoldoutGroupFiles;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.datamanager.DataManagerApi;
import io.segmentsascode.evaluate.Comparison;
import io.segmentsascode.fakes.FakeDataManager;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.plan.AudienceStatus;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanException;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.report.PlanJson;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled project applied with {@code segments.audiences=datamanager} against the Data Manager fake, through the
 * SegmentsJob the Maven goals run: what Google reports about each list reaches the next plan (outcomes, sizes,
 * forecasts, checks), and a mapping's removal keeps or, with prune, empties and deletes its list.
 */
class DataManagerAudiencesOnFakesTest {

    private static final Path REPO = Path.of("..", "..");
    private static final String WINBACK = "cmp_winback_at_risk";

    @TempDir
    Path project;

    private FakeDataManager fake;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeDataManager().start(0);
        copy(REPO.resolve("segments"), project.resolve("segments"));
        copy(REPO.resolve("campaigns"), project.resolve("campaigns"));
        Files.copy(REPO.resolve("segments.lock"), project.resolve("segments.lock"));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aPartialSuccessAndTheMatchRateOfTheLastSyncAreShownInTheNextPlanBesideGooglesSize() throws Exception {
        fake.matchRate(MatchRateRange.MATCH_RATE_RANGE_20_TO_30).scriptOutcomes(RequestStatus.PARTIAL_SUCCESS);

        job(false).apply();
        Plan next = job(false).plan();

        List<AudienceStatus> status = next.audiences();
        assertEquals(4, status.size(), status.toString());
        AudienceStatus partial = status.stream()
                .filter(s -> s.requests().contains("partial_success"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(status.toString()));
        UserList list = fake.userLists().stream()
                .filter(l -> l.getName().equals(partial.list()))
                .findFirst()
                .orElseThrow();
        assertEquals(fake.members(list.getName()).size(), partial.reportedSize(), "Google's size, from userLists.get");
        assertEquals(partial.syncedMembers() - 1, partial.reportedSize(), "the fake dropped one member of the request");
        assertEquals(partial.syncedMembers(), partial.membersSent());
        assertEquals("20–30%", partial.matchRate());
        assertEquals(partial.syncedMembers() * 20 / 100, partial.forecastLow());
        assertEquals(partial.syncedMembers() * 30 / 100, partial.forecastHigh());
        String markdown = Files.readString(project.resolve("target/segments/plan.md"));
        assertTrue(markdown.contains("### Lists in Google Ads"), markdown);
        assertTrue(markdown.contains("partial_success"), markdown);
        assertTrue(markdown.contains("match rate 20–30%"), markdown);
        assertTrue(markdown.contains("not a promise"), markdown);
    }

    @Test
    void aListWhoseUploadKeyTypeDiffersIsAPlanErrorNamingTheListAndTheFix() throws Exception {
        DataManagerApi api = DataManagerApi.at(URI.create(fake.endpoint()), DataManagerApi.BACKOFF.withoutWaiting());
        // a list someone made for this mapping with mobile ids: found by its marker, its key type cannot change
        UserList mobile = api.post(
                "/v1/accountTypes/GOOGLE_ADS/accounts/1234567890/userLists",
                UserList.newBuilder()
                        .setDisplayName(WINBACK)
                        .setDescription("segments-as-code campaign=" + WINBACK)
                        .setIngestedUserListInfo(
                                IngestedUserListInfo.newBuilder().addUploadKeyTypes(UploadKeyType.MOBILE_ID))
                        .build(),
                UserList.getDefaultInstance());

        PlanException failure =
                assertThrows(PlanException.class, () -> job(false).plan());

        assertTrue(
                failure.getMessage().contains("campaigns/" + WINBACK + ".yaml:1:1: error: [upload-key-type-changed]"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains(mobile.getName() + " takes MOBILE_ID"), failure.getMessage());
        assertTrue(failure.getMessage().contains("give the mapping a new id"), failure.getMessage());
        Plan written = PlanJson.parse(Files.readString(project.resolve("target/segments/plan.json")));
        Finding error = finding(written, "upload-key-type-changed");
        assertTrue(error.isError());
        assertEquals(WINBACK, error.subject());
        assertEquals(
                1,
                written.findings().stream()
                        .filter(f -> f.code().equals("upload-key-type-changed"))
                        .count());
    }

    @Test
    void listsTheAccountMayOnlyObserveWithAreFlagged() {
        job(false).apply();
        fake.observationOnly("1234567890");

        Plan plan = job(false).plan();

        List<String> flagged = plan.findings().stream()
                .filter(f -> f.code().equals("observation-only"))
                .map(Finding::subject)
                .sorted()
                .toList();
        // the three mappings of customer 123-456-7890; the one of 987-654-3210 stays eligible
        assertEquals(List.of("cmp_search_champions", "cmp_search_premium_upsell", WINBACK), flagged);
    }

    @Test
    void aRemovedMappingKeepsItsListWithoutPruneAndIsEmptiedThenDeletedWithIt() throws Exception {
        job(false).apply();
        String list = job(false).plan().audiences().stream()
                .filter(s -> s.audience().equals(WINBACK))
                .findFirst()
                .orElseThrow()
                .list();
        assertFalse(fake.members(list).isEmpty());
        Files.delete(project.resolve("campaigns/" + WINBACK + ".yaml"));

        Plan kept = job(false).apply();
        PlannedChange keep = change(kept, WINBACK);
        assertEquals(Action.KEEP, keep.action());
        assertTrue(keep.reason().contains("kept as it is"), keep.reason());
        assertTrue(fake.userLists().stream().anyMatch(l -> l.getName().equals(list)), "kept without prune");
        assertFalse(fake.members(list).isEmpty());

        fake.log().clear();
        Plan pruned = job(true).apply();
        assertEquals(Action.DELETE, change(pruned, WINBACK).action());
        assertFalse(fake.userLists().stream().anyMatch(l -> l.getName().equals(list)), "deleted with prune");
        List<String> calls =
                fake.log().mutatingCalls().stream().map(c -> c.method()).toList();
        assertEquals("userLists.delete", calls.get(calls.size() - 1), calls.toString());
        assertTrue(calls.indexOf("audienceMembers.remove") >= 0, "emptied before it was deleted: " + calls);
    }

    /**
     * On the local target the holdout groups live in the state folder: the Data Manager route writes them as the
     * files route does, so evaluate compares the control group that was never sent with the treated members.
     */
    @Test
    void theControlGroupIsNeverSentAndEvaluateComparesItWithTheTreatedMembers() throws Exception {
        assertEquals(List.of(), job(false).evaluate().holdouts(), "no groups before the first sync");

        job(false).apply();

        Path groups = HoldoutGroupFiles.in(project.resolve(Parameters.DEFAULT_STATE_DIR))
                .file(WINBACK);
        List<String> rows =
                Files.readAllLines(groups).subList(1, Files.readAllLines(groups).size());
        long control = rows.stream().filter(row -> row.endsWith(",control")).count();
        long treated = rows.stream().filter(row -> row.endsWith(",treated")).count();
        assertTrue(control > 0 && treated > control, rows.size() + " rows, " + control + " in control");
        UserList winback = fake.userLists().stream()
                .filter(list -> list.getDisplayName().contains(WINBACK))
                .findFirst()
                .orElseThrow();
        int sent = fake.members(winback.getName()).size();
        // treated members without consent or a usable identifier are not sent either
        assertTrue(sent > 0 && sent <= treated, sent + " sent, " + treated + " treated");
        assertEquals(
                List.of("holdout " + WINBACK),
                job(false).evaluate().holdouts().stream()
                        .map(Comparison::experiment)
                        .toList());
    }

    private static PlannedChange change(Plan plan, String audience) {
        return plan.changes().stream()
                .filter(c -> c.kind() == ResourceKind.AUDIENCE && c.name().equals(audience))
                .findFirst()
                .orElseThrow(() -> new AssertionError(plan.changes().toString()));
    }

    private static Finding finding(Plan plan, String code) {
        return plan.findings().stream()
                .filter(f -> f.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError(plan.findings().toString()));
    }

    private SegmentsJob job(boolean prune) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(Parameters.SAMPLE_USERS, "2000");
        parameters.put(Parameters.AUDIENCES, "datamanager");
        parameters.put(Parameters.DATA_MANAGER_ENDPOINT, fake.endpoint());
        parameters.put(Parameters.PRUNE, String.valueOf(prune));
        var settings = new SettingsResolver(parameters, Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        return new SegmentsJob(settings, Console.silent(), new StandardConnectors().create(Console.silent(), Map.of()));
    }
}
