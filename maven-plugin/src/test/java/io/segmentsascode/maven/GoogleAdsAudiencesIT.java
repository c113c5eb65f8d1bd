package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ads.googleads.v23.resources.OfflineUserDataJob;
import com.google.ads.googleads.v23.resources.UserList;
import io.segmentsascode.fakes.FakeGoogleAds;
import io.segmentsascode.fakes.GoogleFakes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segments:apply -Dsegments.audiences=google-ads} as users run it: real Maven, the bundled project on the
 * local target, the Google Ads API fake on 127.0.0.1, credentials from the GOOGLE_ADS_* environment variables.
 */
class GoogleAdsAudiencesIT {

    @TempDir
    Path temp;

    @Test
    void applyMakesOneListPerMappingSendsEachItsMembersOnceAndThePlanReadsTheListsBack() throws Exception {
        Map<String, Integer> expected = membersTheFilesRouteWrites();
        TestProject project =
                TestProject.copy("bundled", temp.resolve("ads")).withBundledDefinitions("segments", "campaigns");
        try (GoogleFakes fakes = GoogleFakes.start(0, 0, 0, 0)) {
            FakeGoogleAds ads = fakes.googleAds();

            TestProject.Result applied = project.mvn(credentials(), googleAds(ads));

            assertEquals(0, applied.exitCode(), applied.output());
            Map<String, String> lists = ads.userLists().stream()
                    .collect(Collectors.toMap(UserList::getName, UserList::getResourceName, (a, b) -> a, TreeMap::new));
            assertEquals(expected.keySet(), lists.keySet(), "one list per mapping, named by its id");
            ads.userLists()
                    .forEach(list -> assertTrue(
                            list.getDescription().startsWith("segments-as-code campaign=" + list.getName() + "\n"),
                            "found again by its marker: " + list.getDescription()));
            Map<String, Integer> sent = new TreeMap<>();
            for (OfflineUserDataJob job : ads.jobs()) {
                String list = job.getCustomerMatchUserListMetadata().getUserList();
                String campaign = lists.entrySet().stream()
                        .filter(e -> e.getValue().equals(list))
                        .findFirst()
                        .orElseThrow()
                        .getKey();
                int members = (int) ads.operations(job.getResourceName()).stream()
                        .filter(op -> op.hasCreate())
                        .count();
                assertEquals(null, sent.put(campaign, members), "one job per list: " + campaign);
            }
            Map<String, Integer> nonEmpty = new TreeMap<>(expected);
            nonEmpty.values().removeIf(n -> n == 0);
            assertEquals(nonEmpty, sent, "each list gets the members the upload file of the same mapping holds");
            int jobs = ads.jobs().size();
            fakes.log().clear();

            TestProject.Result again = project.mvn(credentials(), googleAds(ads));

            assertEquals(0, again.exitCode(), again.output());
            assertTrue(again.output().contains("Apply: nothing to do"), again.output());
            assertEquals(
                    0,
                    fakes.log().mutatingCalls().stream()
                            .filter(call -> call.api().equals(FakeGoogleAds.API))
                            .count(),
                    "nothing sent the second time: " + fakes.log().mutatingCalls());
            assertEquals(jobs, ads.jobs().size());
            assertTrue(
                    fakes.log().calls().stream().anyMatch(call -> call.method().equals("Search")),
                    "the plan read the lists through GoogleAdsService");
            String plan = Files.readString(project.dir().resolve("target/segments/plan.md"));
            assertTrue(plan.contains("### Lists in Google Ads"), plan);
            for (Map.Entry<String, Integer> campaign : expected.entrySet()) {
                String line = plan.lines()
                        .filter(l -> l.startsWith("- `" + campaign.getKey() + "`: "))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(campaign.getKey() + " has no status: " + plan));
                assertTrue(line.contains("list " + lists.get(campaign.getKey())), line);
                assertTrue(
                        line.contains(String.format(Locale.ROOT, "%,d synced", campaign.getValue())),
                        "the snapshot holds what was sent: " + line);
                int identifiers = ads.members(lists.get(campaign.getKey())).size();
                assertTrue(
                        line.contains(String.format(Locale.ROOT, "Google reports %,d members", identifiers)),
                        "the size GoogleAdsService reports: " + line);
            }
        }
    }

    @Test
    void aTokenGoogleNoLongerAllowlistsFailsTheBuildPointingToTheDataManagerRoute() throws Exception {
        TestProject project = TestProject.copy("bundled", temp).withBundledDefinitions("segments", "campaigns");
        try (GoogleFakes fakes = GoogleFakes.start(0, 0, 0, 0)) {
            fakes.googleAds().setAllowlisted(false);

            TestProject.Result refused = project.mvn(credentials(), googleAds(fakes.googleAds()));

            assertNotEquals(0, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE"), refused.output());
            assertTrue(refused.output().contains("-Dsegments.audiences=datamanager"), refused.output());
            assertFalse(refused.output().contains("\tat "), "no stack trace: " + refused.output());
            assertTrue(fakes.googleAds().jobs().isEmpty(), "no member was sent");
        }
    }

    @Test
    void switchingBetweenDataManagerAndGoogleAdsKeepsEachMappingsListAndSendsOnlyWhatChanged() throws Exception {
        TestProject project = TestProject.copy("bundled", temp).withBundledDefinitions("segments", "campaigns");
        try (GoogleFakes fakes = GoogleFakes.start(0, 0, 0, 0)) {
            FakeGoogleAds ads = fakes.googleAds();
            TestProject.Result viaDataManager = project.mvn(dataManager(fakes));
            assertEquals(0, viaDataManager.exitCode(), viaDataManager.output());
            Map<String, Long> listIds = fakes.dataManager().userLists().stream()
                    .collect(Collectors.toMap(
                            list -> list.getDisplayName(), list -> list.getId(), (a, b) -> a, TreeMap::new));
            assertEquals(4, listIds.size(), listIds.toString());
            assertFalse(fakes.log().calls("audienceMembers.ingest").isEmpty(), "members went through Data Manager");
            fakes.log().clear();

            TestProject.Result switched = project.mvn(credentials(), googleAds(ads));

            assertEquals(0, switched.exitCode(), switched.output());
            assertTrue(
                    switched.output().contains("Apply: nothing to do"),
                    "the Data Manager's markers name the same lists: " + switched.output());
            assertEquals(listIds, adsListIds(ads), "the Google Ads route adopts the same lists: no second list");
            assertEquals(List.of(), fakes.log().mutatingCalls(), "the delta carried over: nothing sent again");
            String plan = Files.readString(project.dir().resolve("target/segments/plan.md"));
            listIds.forEach((campaign, id) -> assertTrue(
                    plan.contains("- `" + campaign + "`: list customers/1234567890/userLists/" + id)
                            || plan.contains("- `" + campaign + "`: list customers/9876543210/userLists/" + id),
                    "the plan reads the adopted list back through Google Ads: " + plan));

            // the win-back mapping loses one of its two segments: only the members that leave are sent
            Path campaign = project.dir().resolve("campaigns/cmp_winback_at_risk.yaml");
            Files.writeString(
                    campaign,
                    Files.readString(campaign)
                            .replace(
                                    "segments: [seg_rfm_at_risk_high_value, seg_rfm_at_risk]",
                                    "segments: [seg_rfm_at_risk_high_value]"));
            TestProject.Result narrowed = project.mvn(credentials(), googleAds(ads));

            assertEquals(0, narrowed.exitCode(), narrowed.output());
            assertEquals(listIds, adsListIds(ads));
            OfflineUserDataJob job = ads.jobs().stream().collect(onlyOne());
            assertEquals(
                    "customers/1234567890/userLists/" + listIds.get("cmp_winback_at_risk"),
                    job.getCustomerMatchUserListMetadata().getUserList());
            assertFalse(ads.operations(job.getResourceName()).isEmpty());
            assertTrue(
                    ads.operations(job.getResourceName()).stream().allMatch(op -> op.hasRemove()),
                    "members already in the list are not added again");
            fakes.log().clear();

            TestProject.Result back = project.mvn(dataManager(fakes));

            assertEquals(0, back.exitCode(), back.output());
            assertTrue(back.output().contains("Apply: nothing to do"), back.output());
            assertEquals(listIds.size(), fakes.dataManager().userLists().size(), "and back: still one list each");
            assertEquals(List.of(), fakes.log().mutatingCalls(), "and back: nothing sent again");
        }
    }

    private static Map<String, Long> adsListIds(FakeGoogleAds ads) {
        return ads.userLists().stream()
                .collect(Collectors.toMap(UserList::getName, UserList::getId, (a, b) -> a, TreeMap::new));
    }

    private static <T> Collector<T, ?, T> onlyOne() {
        return Collectors.collectingAndThen(Collectors.toList(), all -> {
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        });
    }

    private static String[] dataManager(GoogleFakes fakes) {
        return new String[] {
            "segments:apply",
            "-Dsegments.audiences=datamanager",
            "-Dsegments.dataManagerEndpoint=" + fakes.dataManager().endpoint()
        };
    }

    /** Member rows of each mapping's upload file: what the same project's sample holds, by mapping id. */
    private Map<String, Integer> membersTheFilesRouteWrites() throws IOException {
        TestProject files =
                TestProject.copy("bundled", temp.resolve("files")).withBundledDefinitions("segments", "campaigns");
        TestProject.Result written = files.mvn("segments:apply");
        assertEquals(0, written.exitCode(), written.output());
        Map<String, Integer> members = new TreeMap<>();
        try (Stream<Path> csvs = Files.list(files.dir().resolve(".segments/audiences"))) {
            for (Path csv : csvs.filter(p -> p.toString().endsWith(".csv")).toList()) {
                String name = csv.getFileName().toString();
                members.put(name.substring(0, name.length() - ".csv".length()), (int)
                        Files.readString(csv).lines().skip(1).distinct().count());
            }
        }
        assertEquals(4, members.size(), "the bundled project maps four campaigns");
        assertTrue(members.values().stream().anyMatch(n -> n > 0), "the sample holds members: " + members);
        return members;
    }

    /** What the connector reads, as a user exports it; no ads.properties from the home folder. */
    private Map<String, String> credentials() {
        return Map.of(
                "GOOGLE_ADS_DEVELOPER_TOKEN", "it-developer-token",
                "GOOGLE_ADS_LOGIN_CUSTOMER_ID", "111-222-3333",
                "GOOGLE_ADS_CONFIGURATION_FILE_PATH",
                        temp.resolve("no-ads.properties").toString());
    }

    private static String[] googleAds(FakeGoogleAds fake) {
        return new String[] {
            "segments:apply",
            "-Dsegments.audiences=google-ads",
            "-Dsegments.googleAdsEndpoint=" + fake.endpoint(),
            "-Dsegments.googleCredentials=none"
        };
    }
}
