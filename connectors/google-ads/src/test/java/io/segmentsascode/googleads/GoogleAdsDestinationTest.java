package io.segmentsascode.googleads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ads.googleads.v23.common.CrmBasedUserListInfo;
import com.google.ads.googleads.v23.enums.ConsentStatusEnum.ConsentStatus;
import com.google.ads.googleads.v23.enums.CustomerMatchUploadKeyTypeEnum.CustomerMatchUploadKeyType;
import com.google.ads.googleads.v23.resources.UserList;
import com.google.ads.googleads.v23.services.AddOfflineUserDataJobOperationsRequest;
import com.google.ads.googleads.v23.services.CreateOfflineUserDataJobRequest;
import com.google.ads.googleads.v23.services.MutateUserListsRequest;
import com.google.ads.googleads.v23.services.OfflineUserDataJobOperation;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.segmentsascode.apply.ListFacts;
import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.MemberSource;
import io.segmentsascode.apply.files.HoldoutGroupFiles;
import io.segmentsascode.apply.files.SnapshotFiles;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.HoldoutSplit;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.fakes.CallRecord;
import io.segmentsascode.fakes.FakeGoogleAds;
import io.segmentsascode.fakes.Fault;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.Stage;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The destination against the Google Ads fake over plaintext gRPC on 127.0.0.1: the production code path. */
class GoogleAdsDestinationTest {

    private static final String CAMPAIGN = "winback";
    private static final ResourceId ID = new ResourceId(ResourceKind.AUDIENCE, CAMPAIGN);
    private static final IdentifierHasher HASHER = IdentifierHasher.forRegion("DE");
    static final Map<String, String> ENVIRONMENT = Map.of(
            "GOOGLE_ADS_DEVELOPER_TOKEN", "dev-token-for-the-fake",
            "GOOGLE_ADS_LOGIN_CUSTOMER_ID", "111-222-3333",
            "GOOGLE_ADS_CONFIGURATION_FILE_PATH", "/nonexistent/ads.properties");

    @TempDir
    Path state;

    private FakeGoogleAds fake;
    private final InMemoryMarkers markers = new InMemoryMarkers();
    private List<ContactRecord> contacts = new ArrayList<>();
    private List<String> staleTables = List.of();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void start() throws Exception {
        fake = new FakeGoogleAds().start(0);
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    @Test
    void firstSyncCreatesACustomerMatchListAndOneJobWhoseOperationsGoInBatchesThenRunAndAwaited() throws Exception {
        contacts = contacts(0, 25);
        fake.setPollsBeforeDone(3);

        apply(10, campaign(Optional.empty()), create());

        assertEquals(1, fake.userLists().size());
        UserList list = fake.userLists().get(0);
        assertEquals(
                CustomerMatchUploadKeyType.CONTACT_INFO,
                list.getCrmBasedUserList().getUploadKeyType());
        assertEquals(30, list.getMembershipLifeSpan());
        assertTrue(list.getDescription().startsWith("segments-as-code campaign=winback\n"), list.getDescription());
        assertEquals(
                "1234567890",
                requests("MutateUserLists", MutateUserListsRequest.getDefaultInstance())
                        .get(0)
                        .getCustomerId());
        assertEquals(
                list.getResourceName(),
                markers.read(ResourceKind.AUDIENCE).get(ID).content());

        List<CreateOfflineUserDataJobRequest> jobs =
                requests("CreateOfflineUserDataJob", CreateOfflineUserDataJobRequest.getDefaultInstance());
        assertEquals(1, jobs.size());
        var metadata = jobs.get(0).getJob().getCustomerMatchUserListMetadata();
        assertEquals(list.getResourceName(), metadata.getUserList());
        assertEquals(ConsentStatus.GRANTED, metadata.getConsent().getAdUserData());
        assertEquals(ConsentStatus.GRANTED, metadata.getConsent().getAdPersonalization());

        List<AddOfflineUserDataJobOperationsRequest> adds = requests(
                "AddOfflineUserDataJobOperations", AddOfflineUserDataJobOperationsRequest.getDefaultInstance());
        assertEquals(
                List.of(10, 10, 5),
                adds.stream().map(r -> r.getOperationsCount()).toList());
        assertTrue(adds.stream().allMatch(AddOfflineUserDataJobOperationsRequest::getEnablePartialFailure));
        assertEquals(1, fake.log().calls("RunOfflineUserDataJob").size());
        assertEquals(3, fake.log().calls("GetOperation").size(), "polled until the fake reported the job done");
        assertEquals(expectedHashes(0, 25), fake.members(list.getResourceName()));
    }

    @Test
    void aListWhoseSegmentTablesAreStaleGetsNothingUntilARefreshSucceeds() throws Exception {
        contacts = contacts(0, 25);
        staleTables = List.of("lapsed: the latest refresh FAILED");

        try (GoogleAdsDestination destination = destination(10, campaign(Optional.empty()))) {
            destination.apply(create());
            assertEquals(Map.of(CAMPAIGN, staleTables), destination.staleAudiences());
        }
        assertEquals(List.of(), fake.userLists(), "no list created, no member sent");
        assertEquals(Map.of(), markers.read(ResourceKind.AUDIENCE), "no marker: the change stays pending");

        staleTables = List.of();
        apply(10, campaign(Optional.empty()), create());
        assertEquals(expectedHashes(0, 25), fake.members(fake.userLists().get(0).getResourceName()));
    }

    @Test
    void onlyDigestsAreSentAndAHoldoutsControlGroupNever() throws Exception {
        contacts = contacts(0, 200);
        Campaign.Holdout holdout = new Campaign.Holdout(0.3, "winback-2026");

        apply(50, campaign(Optional.of(holdout)), create());

        Set<String> treated = new TreeSet<>();
        for (ContactRecord contact : contacts) {
            if (!HoldoutSplit.inControl(holdout, contact.userId())) {
                treated.add(HASHER.hashEmail(contact.email()).orElseThrow());
            }
        }
        assertTrue(treated.size() > 100 && treated.size() < 180, treated.size() + " treated");
        assertEquals(treated, fake.members(fake.userLists().get(0).getResourceName()));
        for (CallRecord call : fake.log().calls("AddOfflineUserDataJobOperations")) {
            assertFalse(call.request().contains("@example.com"), "no email in clear leaves the process");
        }
    }

    @Test
    void aSecondApplySendsNothing() {
        contacts = contacts(0, 25);
        apply(10, campaign(Optional.empty()), create());
        int before = fake.log().mutatingCount();

        apply(10, campaign(Optional.empty()), update());

        assertEquals(before, fake.log().mutatingCount(), "no list change, no job, no member sent");
    }

    @Test
    void aThresholdChangeSendsOnlyTheAddedAndRemovedMembers() throws Exception {
        contacts = contacts(0, 25);
        apply(10, campaign(Optional.empty()), create());
        int jobsBefore = fake.jobs().size();

        contacts = contacts(5, 30);
        apply(10, campaign(Optional.empty()), update());

        assertEquals(jobsBefore + 1, fake.jobs().size());
        String job = fake.jobs().get(fake.jobs().size() - 1).getResourceName();
        Set<String> removed = new TreeSet<>();
        Set<String> added = new TreeSet<>();
        for (OfflineUserDataJobOperation op : fake.operations(job)) {
            if (op.hasRemove()) {
                op.getRemove().getUserIdentifiersList().forEach(i -> removed.add(i.getHashedEmail()));
            } else {
                op.getCreate().getUserIdentifiersList().forEach(i -> added.add(i.getHashedEmail()));
            }
        }
        assertEquals(expectedHashes(0, 5), removed);
        assertEquals(expectedHashes(25, 30), added);
        assertEquals(expectedHashes(5, 30), fake.members(fake.userLists().get(0).getResourceName()));
    }

    @Test
    void anAccountGoogleNoLongerAllowlistsIsToldToUseTheDataManagerDestination() {
        contacts = contacts(0, 5);
        fake.setAllowlisted(false);

        AudienceSyncException e =
                assertThrows(AudienceSyncException.class, () -> apply(10, campaign(Optional.empty()), create()));

        String message =
                e.diagnostics().get(0).message() + " " + e.diagnostics().get(0).hint();
        assertTrue(message.contains("CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE"), message);
        assertTrue(message.contains("-Dsegments.audiences=datamanager"), message);
        assertTrue(message.contains("1 April 2026"), message);
    }

    @Test
    void unavailableIsRetriedAndTheSyncCompletes() {
        contacts = contacts(0, 25);
        fake.faults().failNext("AddOfflineUserDataJobOperations", 2, Fault.unavailable());
        fake.faults().failNext("CreateOfflineUserDataJob", 1, Fault.grpc(Status.Code.RESOURCE_EXHAUSTED));

        apply(10, campaign(Optional.empty()), create());

        assertEquals(
                List.of("UNAVAILABLE", "UNAVAILABLE", "OK", "OK", "OK"),
                fake.log().calls("AddOfflineUserDataJobOperations").stream()
                        .map(CallRecord::outcome)
                        .toList());
        assertEquals(expectedHashes(0, 25), fake.members(fake.userLists().get(0).getResourceName()));
    }

    @Test
    void aStormBeyondTheRetryBudgetFailsClearlyAndRecordsNothing() {
        contacts = contacts(0, 5);
        fake.faults().failNext("CreateOfflineUserDataJob", 100, Fault.grpc(Status.Code.RESOURCE_EXHAUSTED));

        AudienceSyncException e =
                assertThrows(AudienceSyncException.class, () -> apply(10, campaign(Optional.empty()), create()));

        assertTrue(e.diagnostics().get(0).message().contains("retry budget"), e.getMessage());
        assertEquals(
                GoogleAdsApi.CALLS.withoutWaiting().attempts(),
                fake.log().calls("CreateOfflineUserDataJob").size());
        assertTrue(snapshots().read(CAMPAIGN).isEmpty(), "nothing was applied, so nothing is recorded");
    }

    @Test
    void aRefusedMemberIsReportedWithoutLosingTheRestAndIsSentAgainNextTime() {
        contacts = contacts(0, 25);
        String refused = HASHER.hashEmail("user7@example.com").orElseThrow();
        fake.reject(refused);

        AudienceSyncException e =
                assertThrows(AudienceSyncException.class, () -> apply(10, campaign(Optional.empty()), create()));

        assertTrue(e.diagnostics().get(0).message().startsWith("1 members were refused"), e.getMessage());
        Set<String> others = expectedHashes(0, 25);
        others.remove(refused);
        assertEquals(others, fake.members(fake.userLists().get(0).getResourceName()));
        assertEquals(24, snapshots().read(CAMPAIGN).size());

        int addsBefore = fake.log().calls("AddOfflineUserDataJobOperations").size();
        assertThrows(AudienceSyncException.class, () -> apply(10, campaign(Optional.empty()), update()));
        List<CallRecord> adds = fake.log().calls("AddOfflineUserDataJobOperations");
        assertEquals(addsBefore + 1, adds.size(), "only the refused member is sent again");
        assertTrue(adds.get(adds.size() - 1).request().contains(refused));
    }

    @Test
    void aResumeAfterACrashFindsTheListByItsMarkerAndKeepsOneList() {
        contacts = contacts(0, 25);
        fake.faults().crashAfterMutations(1); // the list is created, then every call fails

        assertThrows(AudienceSyncException.class, () -> apply(10, campaign(Optional.empty()), create()));
        assertEquals(1, fake.userLists().size());
        fake.faults().restart();
        markers.forgetAll(); // the crash came before the marker was written

        apply(10, campaign(Optional.empty()), create());

        assertEquals(1, fake.userLists().size(), "the list was found by its marker, not made again");
        assertEquals(expectedHashes(0, 25), fake.members(fake.userLists().get(0).getResourceName()));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsNotMadeTwice() {
        contacts = contacts(0, 25);
        fake.faults().failNextAfterApplying("MutateUserLists", 1, Fault.unavailable());

        apply(10, campaign(Optional.empty()), create());

        assertEquals(1, fake.userLists().size());
        assertEquals(
                List.of("UNAVAILABLE (applied)", "INVALID_ARGUMENT"),
                fake.log().calls("MutateUserLists").stream()
                        .map(CallRecord::outcome)
                        .toList(),
                "the retried create was refused as a duplicate name");
        assertEquals(expectedHashes(0, 25), fake.members(fake.userLists().get(0).getResourceName()));
    }

    @Test
    void aListMatchedByAnotherUploadKeyTypeIsNotChangedButExplained() {
        contacts = contacts(0, 5);
        fake.putUserList(
                "1234567890",
                UserList.newBuilder()
                        .setName("winback (CRM ids)")
                        .setDescription("segments-as-code campaign=winback\nmade earlier")
                        .setMembershipLifeSpan(30)
                        .setCrmBasedUserList(
                                CrmBasedUserListInfo.newBuilder().setUploadKeyType(CustomerMatchUploadKeyType.CRM_ID))
                        .build());

        AudienceSyncException e =
                assertThrows(AudienceSyncException.class, () -> apply(10, campaign(Optional.empty()), create()));

        assertTrue(e.diagnostics().get(0).message().contains("matches members by CRM_ID"), e.getMessage());
        assertEquals(0, fake.log().mutatingCount(), "nothing was sent to a list that cannot take hashed contacts");
    }

    @Test
    void aJobStillRunningWhenPollingEndsIsLeftToGoogleAndRecorded() {
        contacts = contacts(0, 5);
        fake.setPollsBeforeDone(1_000);
        GoogleAdsDestination destination = destination(10, campaign(Optional.empty()));

        destination.apply(create());
        destination.close();

        assertEquals(
                List.of(JobOutcome.Status.RUNNING),
                destination.outcomes().stream().map(JobOutcome::status).toList());
        assertEquals(
                GoogleAdsApi.CALLS.withoutWaiting().attempts() - 1,
                fake.log().calls("GetOperation").size());
        assertEquals(5, snapshots().read(CAMPAIGN).size(), "Google accepted the run: not sent again");
    }

    @Test
    void stateShowsTheListWithWhatGoogleReportsAboutIt() {
        contacts = contacts(0, 25);
        apply(10, campaign(Optional.empty()), create());

        GoogleAdsDestination destination = destination(10, campaign(Optional.empty()));
        List<ActualResource> state = destination.readState();
        UserListFacts facts = destination.facts().get(CAMPAIGN);
        destination.close();

        assertEquals(List.of(ActualResource.managed(ID, "h1")), state);
        assertEquals(25, facts.sizeForSearch());
        assertEquals(25, facts.sizeForDisplay());
        assertEquals("CONTACT_INFO", facts.uploadKeyType());
        assertEquals(30, facts.membershipLifeSpanDays());
        assertTrue(facts.eligibleForSearch() && facts.eligibleForDisplay());
    }

    @Test
    void aMappingRemovedEmptiesItsList() {
        contacts = contacts(0, 25);
        apply(10, campaign(Optional.empty()), create());

        apply(
                10,
                campaign(Optional.empty()),
                new Change(ID, Action.DELETE, Optional.of("h1"), Optional.empty(), "gone"));

        assertEquals(Set.of(), fake.members(fake.userLists().get(0).getResourceName()));
        assertTrue(markers.read(ResourceKind.AUDIENCE).isEmpty());
    }

    @Test
    void aListDeletedInGoogleAdsIsMadeAgainAndGetsEveryMember() {
        contacts = contacts(0, 25);
        apply(10, campaign(Optional.empty()), create());
        String first = fake.userLists().get(0).getResourceName();
        fake.reset(); // its owner deleted the list in Google Ads

        GoogleAdsDestination destination = destination(10, campaign(Optional.empty()));
        assertTrue(destination.readState().get(0).drift().isPresent(), "the plan sees the list gone");
        destination.apply(update());
        destination.close();

        String second = fake.userLists().get(0).getResourceName();
        assertFalse(second.equals(first));
        assertEquals(expectedHashes(0, 25), fake.members(second), "the new list is empty: every member is sent");
    }

    @Test
    void aListTheDataManagerRouteRecordedIsTheSameListHere() {
        contacts = contacts(0, 25);
        apply(10, campaign(Optional.empty()), create());
        UserList list = fake.userLists().get(0);
        String[] name = list.getResourceName().split("/");
        // as the Data Manager route records it: the same account and list id, that API's name
        markers.record(
                ID,
                new MarkerStore.Marker("h1", "accountTypes/GOOGLE_ADS/accounts/" + name[1] + "/userLists/" + name[3]));

        GoogleAdsDestination destination = destination(10, campaign(Optional.empty()));
        assertEquals(List.of(ActualResource.managed(ID, "h1")), destination.readState());
        ListFacts facts = destination.listFacts().get(CAMPAIGN);
        destination.apply(new Change(ID, Action.DELETE, Optional.of("h1"), Optional.empty(), "gone"));
        destination.close();

        assertEquals(list.getResourceName(), facts.list());
        assertEquals(List.of(ListFacts.CONTACT_ID), facts.uploadKeyTypes());
        assertEquals(25, facts.syncedMembers());
        assertEquals(25, facts.lastSync().orElseThrow().added());
        assertEquals(Set.of(), fake.members(list.getResourceName()), "emptied through the marker's list");
    }

    private void apply(int batchSize, Campaign campaign, Change change) {
        try (GoogleAdsDestination destination = destination(batchSize, campaign)) {
            destination.apply(change);
        }
    }

    private GoogleAdsDestination destination(int batchSize, Campaign campaign) {
        return new GoogleAdsDestination(
                List.of(campaign),
                Optional.of(identity()),
                new MemberSource() {
                    @Override
                    public List<ContactRecord> contacts(List<String> segmentIds, CustomerMatch table) {
                        return contacts;
                    }

                    @Override
                    public List<String> staleTables(List<String> segmentIds) {
                        return staleTables;
                    }
                },
                markers,
                snapshots(),
                HoldoutGroupFiles.in(state),
                HASHER,
                GoogleAdsApi.connect(
                        Optional.of(fake.endpoint()),
                        GoogleAdsCredentials.read(ENVIRONMENT, false),
                        GoogleAdsApi.CALLS.withoutWaiting()),
                batchSize,
                GoogleAdsApi.CALLS.withoutWaiting(),
                clock);
    }

    private SnapshotFiles snapshots() {
        return new SnapshotFiles(state.resolve(SnapshotFiles.FOLDER));
    }

    private static Change create() {
        return new Change(ID, Action.CREATE, Optional.empty(), Optional.of("h1"), "new");
    }

    private static Change update() {
        return new Change(ID, Action.UPDATE, Optional.of("h1"), Optional.of("h1"), "members");
    }

    private static Campaign campaign(Optional<Campaign.Holdout> holdout) {
        Location here = Location.startOf(Path.of("campaigns/winback.yaml"));
        return new Campaign(
                CAMPAIGN,
                "Lapsed buyers",
                "crm@example.com",
                List.of("lapsed"),
                Stage.PRODUCTION,
                "123-456-7890",
                30,
                OptionalDouble.empty(),
                Optional.empty(),
                Optional.empty(),
                holdout,
                Optional.empty(),
                Path.of("campaigns/winback.yaml"),
                "h1",
                new Campaign.Locations(here, Optional.empty(), Optional.empty(), Optional.empty(), here, Map.of()));
    }

    private static CustomerMatch identity() {
        return new CustomerMatch(
                "users",
                Optional.of("email"),
                Optional.of("phone"),
                Optional.of("ad_user_data"),
                Optional.of("ad_personalization"),
                Optional.of("opted_out"));
    }

    private static List<ContactRecord> contacts(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> new ContactRecord("u" + i, "user" + i + "@example.com", null, true, true, false))
                .toList();
    }

    private static Set<String> expectedHashes(int from, int to) {
        Set<String> hashes = new TreeSet<>();
        IntStream.range(from, to)
                .forEach(i ->
                        hashes.add(HASHER.hashEmail("user" + i + "@example.com").orElseThrow()));
        return hashes;
    }

    @SuppressWarnings("unchecked")
    private <T extends Message> List<T> requests(String method, T prototype) throws InvalidProtocolBufferException {
        List<T> requests = new ArrayList<>();
        for (CallRecord call : fake.log().calls(method)) {
            if (call.ok()) {
                Message.Builder builder = prototype.newBuilderForType();
                JsonFormat.parser().merge(call.request(), builder);
                requests.add((T) builder.build());
            }
        }
        return requests;
    }

    private static final class InMemoryMarkers implements MarkerStore {
        private final Map<ResourceId, Marker> markers = new HashMap<>();

        @Override
        public Map<ResourceId, Marker> read(ResourceKind kind) {
            return Map.copyOf(markers);
        }

        @Override
        public void record(ResourceId id, Marker marker) {
            markers.put(id, marker);
        }

        @Override
        public void forget(ResourceId id) {
            markers.remove(id);
        }

        void forgetAll() {
            markers.clear();
        }
    }
}
