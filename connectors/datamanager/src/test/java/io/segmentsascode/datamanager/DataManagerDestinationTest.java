package io.segmentsascode.datamanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ads.datamanager.v1.AudienceMember;
import com.google.ads.datamanager.v1.ConsentStatus;
import com.google.ads.datamanager.v1.Encoding;
import com.google.ads.datamanager.v1.IngestAudienceMembersRequest;
import com.google.ads.datamanager.v1.RemoveAudienceMembersRequest;
import com.google.ads.datamanager.v1.RequestStatusPerDestination.RequestStatus;
import com.google.ads.datamanager.v1.TermsOfServiceStatus;
import com.google.ads.datamanager.v1.UserList;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.segmentsascode.apply.ApplyException;
import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.MemberSource;
import io.segmentsascode.apply.files.HoldoutGroupFiles;
import io.segmentsascode.apply.files.SnapshotFiles;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.HoldoutSplit;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.fakes.CallRecord;
import io.segmentsascode.fakes.FakeDataManager;
import io.segmentsascode.fakes.Fault;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.Stage;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

/** The destination against the Data Manager fake, through the same code path as production (REST, JSON). */
class DataManagerDestinationTest {

    private static final String CAMPAIGN = "winback";
    private static final ResourceId ID = new ResourceId(ResourceKind.AUDIENCE, CAMPAIGN);
    private static final IdentifierHasher HASHER = IdentifierHasher.forRegion("DE");

    @TempDir
    Path state;

    private FakeDataManager fake;
    private final InMemoryMarkers markers = new InMemoryMarkers();
    private List<ContactRecord> contacts = new ArrayList<>();
    private Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void start() throws Exception {
        fake = new FakeDataManager().start(0);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void firstSyncCreatesOneListAndSendsEveryMemberWithConsentAndTerms() throws Exception {
        contacts = contacts(0, 25);

        destination(10).apply(create());

        assertEquals(1, fake.userLists().size());
        UserList list = fake.userLists().get(0);
        assertEquals(expectedKeys(0, 25), fake.members(list.getName()));
        assertEquals(list.getName(), markers.read(ResourceKind.AUDIENCE).get(ID).content());
        List<IngestAudienceMembersRequest> ingests =
                requests("audienceMembers.ingest", IngestAudienceMembersRequest.getDefaultInstance());
        assertEquals(
                List.of(10, 10, 5),
                ingests.stream().map(r -> r.getAudienceMembersCount()).toList());
        for (IngestAudienceMembersRequest ingest : ingests) {
            assertEquals(ConsentStatus.CONSENT_GRANTED, ingest.getConsent().getAdUserData());
            assertEquals(ConsentStatus.CONSENT_GRANTED, ingest.getConsent().getAdPersonalization());
            assertEquals(
                    TermsOfServiceStatus.ACCEPTED, ingest.getTermsOfService().getCustomerMatchTermsOfServiceStatus());
            assertEquals(Encoding.HEX, ingest.getEncoding());
            assertEquals(
                    "1234567890",
                    ingest.getDestinations(0).getOperatingAccount().getAccountId());
            assertEquals(String.valueOf(list.getId()), ingest.getDestinations(0).getProductDestinationId());
        }
        assertEquals(30 * 86_400L, list.getMembershipDuration().getSeconds());
    }

    @Test
    void aHoldoutsControlGroupIsNeverSent() {
        contacts = contacts(0, 200);
        Campaign.Holdout holdout = new Campaign.Holdout(0.3, "winback-2026");

        destination(50, campaign(Optional.of(holdout))).apply(create());

        Set<String> treated = new TreeSet<>();
        Set<String> control = new TreeSet<>();
        for (ContactRecord contact : contacts) {
            String hash = HASHER.hashEmail(contact.email()).orElseThrow();
            (HoldoutSplit.inControl(holdout, contact.userId()) ? control : treated).add(hash);
        }
        assertTrue(control.size() > 30 && treated.size() > 100, control.size() + " in control");
        assertEquals(treated, fake.members(fake.userLists().get(0).getName()));
    }

    /** Mutually exclusive audiences: members of a higher-priority mapping of the group are not sent to this one. */
    @Test
    void membersOfAHigherPriorityMappingOfTheGroupAreNotSent() {
        Campaign winback = grouped(CAMPAIGN, "lapsed", 1);
        Campaign vip = grouped("vip", "big_spenders", 2);
        Map<String, List<ContactRecord>> bySegment =
                Map.of("lapsed", contacts(0, 60), "big_spenders", contacts(40, 100));
        DataManagerDestination destination = new DataManagerDestination(
                List.of(vip, winback),
                Optional.of(identity()),
                (segments, identity) -> segments.stream()
                        .flatMap(id -> bySegment.get(id).stream())
                        .toList(),
                markers,
                new SnapshotFiles(state.resolve(SnapshotFiles.FOLDER)),
                HoldoutGroupFiles.in(state),
                HASHER,
                DataManagerApi.at(URI.create(fake.endpoint()), DataManagerApi.BACKOFF.withoutWaiting()),
                50,
                DataManagerApi.BACKOFF.withoutWaiting(),
                clock);

        destination.apply(create());

        assertEquals(expectedKeys(0, 40), fake.members(fake.userLists().get(0).getName()));
    }

    @Test
    void secondApplySendsNothing() {
        contacts = contacts(0, 25);
        destination(10).apply(create());
        int before = fake.log().mutatingCount();

        destination(10).apply(update());

        assertEquals(before, fake.log().mutatingCount(), "no list change, no member sent");
    }

    @Test
    void aMembershipChangeSendsExactlyTheAddedAndRemovedHashes() throws Exception {
        contacts = contacts(0, 20);
        destination(10).apply(create());
        fake.log().clear();

        contacts = contacts(5, 23); // 0..4 leave, 20..22 join
        destination(10).apply(update());

        Set<String> added = new TreeSet<>();
        requests("audienceMembers.ingest", IngestAudienceMembersRequest.getDefaultInstance())
                .forEach(r -> r.getAudienceMembersList().forEach(m -> added.add(key(m))));
        Set<String> removed = new TreeSet<>();
        requests("audienceMembers.remove", RemoveAudienceMembersRequest.getDefaultInstance())
                .forEach(r -> r.getAudienceMembersList().forEach(m -> removed.add(key(m))));
        assertEquals(expectedKeys(20, 23), added);
        assertEquals(expectedKeys(0, 5), removed);
        assertEquals(expectedKeys(5, 23), fake.members(fake.userLists().get(0).getName()));
    }

    @Test
    void membersAreSentAgainAWeekBeforeTheirMembershipExpiresAndCountedApart() throws Exception {
        contacts = contacts(0, 6);
        destination(10).apply(create());
        clock = Clock.offset(clock, Duration.ofDays(10));
        contacts = contacts(0, 8); // two join ten days later
        destination(10).apply(update());
        fake.log().clear();

        clock = Clock.offset(clock, Duration.ofDays(30 - 7 - 10)); // the first six are due, the two are not
        DataManagerDestination due = destination(10);
        due.apply(update());

        List<IngestAudienceMembersRequest> refreshed =
                requests("audienceMembers.ingest", IngestAudienceMembersRequest.getDefaultInstance());
        assertEquals(1, refreshed.size());
        Set<String> keys = new TreeSet<>();
        refreshed.get(0).getAudienceMembersList().forEach(m -> keys.add(key(m)));
        assertEquals(expectedKeys(0, 6), keys);
        assertEquals(
                List.of(BatchOutcome.Kind.REFRESH),
                due.outcomes().stream().map(BatchOutcome::kind).toList());
        fake.log().clear();
        destination(10).apply(update());
        assertEquals(0, fake.log().mutatingCount(), "refreshed members are not due again at once");
    }

    @Test
    void batchesStayWithinGooglesLimitOfTenThousandMembers() throws Exception {
        contacts = contacts(0, 10_001);

        destination(DataManagerDestination.MAX_MEMBERS_PER_REQUEST).apply(create());

        assertEquals(
                List.of(10_000, 1),
                requests("audienceMembers.ingest", IngestAudienceMembersRequest.getDefaultInstance()).stream()
                        .map(IngestAudienceMembersRequest::getAudienceMembersCount)
                        .toList());
        assertEquals(10_001, fake.members(fake.userLists().get(0).getName()).size());
    }

    @Test
    void a429StormIsRetriedWithBackoffAndEveryMemberArrives() {
        contacts = contacts(0, 12);
        fake.faults().failNext("audienceMembers.ingest", 5, Fault.http(429, "RESOURCE_EXHAUSTED"));

        destination(5).apply(create());

        assertEquals(expectedKeys(0, 12), fake.members(fake.userLists().get(0).getName()));
        assertEquals(5, fake.log().filter(c -> c.outcome().startsWith("429")).size());
    }

    @Test
    void aFailedBatchFailsTheApplyKeepsTheOthersAndIsResentNextTime() throws Exception {
        contacts = contacts(0, 15);
        fake.scriptOutcomes(RequestStatus.SUCCESS, RequestStatus.FAILED, RequestStatus.PARTIAL_SUCCESS)
                .processingPolls(2);
        DataManagerDestination destination = destination(5);

        ApplyException failure = assertThrows(ApplyException.class, () -> destination.apply(create()));

        assertTrue(failure.getMessage().contains("1 of 3"), failure.getMessage());
        assertEquals(
                List.of(RequestStatus.SUCCESS, RequestStatus.FAILED, RequestStatus.PARTIAL_SUCCESS),
                destination.outcomes().stream().map(BatchOutcome::status).toList());
        fake.log().clear();
        destination(5).apply(update());
        List<IngestAudienceMembersRequest> resent =
                requests("audienceMembers.ingest", IngestAudienceMembersRequest.getDefaultInstance());
        assertEquals(1, resent.size(), "only the failed batch is sent again");
        assertEquals(5, resent.get(0).getAudienceMembersCount());
    }

    @Test
    void aCrashAfterCreatingTheListResumesOnTheSameListWithEveryMember() {
        contacts = contacts(0, 12);
        fake.faults().crashAfterMutations(1); // the list is created, then the process "dies"
        assertThrows(DataManagerException.class, () -> destination(5).apply(create()));
        assertEquals(1, fake.userLists().size());
        fake.faults().restart();
        markers.forgetAll(); // worst case: the marker was not recorded either

        List<ActualResource> state = destination(5).readState();
        assertTrue(state.get(0).unrecorded(), "the list is found by its description marker");
        destination(5).apply(create());

        assertEquals(1, fake.userLists().size(), "one list, not two");
        assertEquals(expectedKeys(0, 12), fake.members(fake.userLists().get(0).getName()));
    }

    @Test
    void aCrashBetweenBatchesDoesNotSendAcceptedBatchesAgain() throws Exception {
        contacts = contacts(0, 15);
        fake.faults().crashAfterMutations(3); // list + two batches accepted
        assertThrows(DataManagerException.class, () -> destination(5).apply(create()));
        fake.faults().restart();
        fake.log().clear();

        destination(5).apply(create());

        List<IngestAudienceMembersRequest> resumed =
                requests("audienceMembers.ingest", IngestAudienceMembersRequest.getDefaultInstance());
        assertEquals(1, resumed.size());
        assertEquals(expectedKeys(0, 15), fake.members(fake.userLists().get(0).getName()));
        assertEquals(1, fake.userLists().size());
    }

    @Test
    void deletingTheMappingEmptiesItsListThenDeletesIt() {
        contacts = contacts(0, 7);
        destination(5).apply(create());
        String list = fake.userLists().get(0).getName();
        fake.log().clear();

        destination(5).apply(new Change(ID, Action.DELETE, Optional.of("h1"), Optional.empty(), "removed"));

        assertEquals(List.of(), fake.userLists());
        assertEquals(
                List.of("audienceMembers.remove", "audienceMembers.remove", "userLists.delete"),
                fake.log().mutatingCalls().stream().map(CallRecord::method).toList(),
                "emptied first: a crash before the delete leaves no member behind");
        assertTrue(fake.members(list).isEmpty());
        assertFalse(markers.read(ResourceKind.AUDIENCE).containsKey(ID));
        assertEquals(Map.of(), new SnapshotFiles(state.resolve(SnapshotFiles.FOLDER)).read(CAMPAIGN));

        // an apply that stopped after deleting the list finds it gone and only forgets its marker
        markers.record(ID, new MarkerStore.Marker("h1", list));
        destination(5).apply(new Change(ID, Action.DELETE, Optional.of("h1"), Optional.empty(), "removed"));
        assertFalse(markers.read(ResourceKind.AUDIENCE).containsKey(ID));
    }

    @Test
    void aMarkerTheGoogleAdsRouteRecordedNamesTheSameListAndItsDeletionWorks() {
        contacts = contacts(0, 7);
        destination(5).apply(create());
        String list = fake.userLists().get(0).getName();
        String[] name = list.split("/");
        // as the Google Ads route records it: the same account and list id, that API's name
        markers.record(ID, new MarkerStore.Marker("h1", "customers/" + name[3] + "/userLists/" + name[5]));

        assertEquals(List.of(ActualResource.managed(ID, "h1")), destination(5).readState());
        destination(5).apply(new Change(ID, Action.DELETE, Optional.of("h1"), Optional.empty(), "removed"));

        assertEquals(List.of(), fake.userLists(), "emptied and deleted through the marker's list");
    }

    @Test
    void aListDeletedInGoogleAdsIsMadeAgainAndGetsEveryMember() {
        contacts = contacts(0, 7);
        destination(5).apply(create());
        String first = fake.userLists().get(0).getName();
        fake.deleteUserList(first); // by its owner, in Google Ads

        DataManagerDestination destination = destination(5);
        assertTrue(destination.readState().get(0).drift().isPresent(), "the plan sees the list gone");
        destination.apply(update());

        String second = fake.userLists().get(0).getName();
        assertFalse(second.equals(first));
        assertEquals(expectedKeys(0, 7), fake.members(second), "the new list is empty: every member is sent");
    }

    @Test
    void staleSegmentTablesSendNothingAndLeaveTheChangePending() {
        contacts = contacts(0, 7);
        MemberSource stale = new MemberSource() {
            @Override
            public List<ContactRecord> contacts(List<String> segmentIds, CustomerMatch identity) {
                return contacts;
            }

            @Override
            public List<String> staleTables(List<String> segmentIds) {
                return List.of("lapsed (daily refresh): latest run FAILED");
            }
        };
        DataManagerDestination destination = destination(5, campaign(Optional.empty()), stale);

        destination.apply(create());

        assertEquals(List.of(), fake.log().mutatingCalls(), "nothing sent, no list made");
        assertFalse(markers.read(ResourceKind.AUDIENCE).containsKey(ID), "no marker: the change stays pending");
        Map<String, List<String>> expected = Map.of(CAMPAIGN, List.of("lapsed (daily refresh): latest run FAILED"));
        assertEquals(expected, destination.skippedAsStale());
        assertEquals(expected, destination.staleAudiences(), "what the plan warns about");
    }

    @Test
    void theFakeRejectsUnknownFieldsLikeGoogle() {
        DataManagerApi api = DataManagerApi.at(URI.create(fake.endpoint()), DataManagerApi.BACKOFF.withoutWaiting());
        assertEquals(
                400,
                assertThrows(
                                DataManagerException.class,
                                () -> api.post(
                                        "/v1/accountTypes/GOOGLE_ADS/accounts/1/userLists",
                                        Struct.newBuilder()
                                                .putFields(
                                                        "displayNme",
                                                        Value.newBuilder()
                                                                .setStringValue("typo")
                                                                .build())
                                                .build(),
                                        UserList.getDefaultInstance()))
                        .httpStatus()
                        .getAsInt());
    }

    private DataManagerDestination destination(int batchSize) {
        return destination(batchSize, campaign());
    }

    private DataManagerDestination destination(int batchSize, Campaign campaign) {
        return destination(batchSize, campaign, (segments, identity) -> contacts);
    }

    private DataManagerDestination destination(int batchSize, Campaign campaign, MemberSource members) {
        return new DataManagerDestination(
                List.of(campaign),
                Optional.of(identity()),
                members,
                markers,
                new SnapshotFiles(state.resolve(SnapshotFiles.FOLDER)),
                HoldoutGroupFiles.in(state),
                HASHER,
                DataManagerApi.at(URI.create(fake.endpoint()), DataManagerApi.BACKOFF.withoutWaiting()),
                batchSize,
                DataManagerApi.BACKOFF.withoutWaiting(),
                clock);
    }

    private static Change create() {
        return new Change(ID, Action.CREATE, Optional.empty(), Optional.of("h1"), "new");
    }

    private static Change update() {
        return new Change(ID, Action.UPDATE, Optional.of("h1"), Optional.of("h1"), "members");
    }

    private static Campaign campaign() {
        return campaign(Optional.empty());
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

    private static Campaign grouped(String id, String segment, int priority) {
        Location here = Location.startOf(Path.of("campaigns/" + id + ".yaml"));
        return new Campaign(
                id,
                "exclusive audience",
                "crm@example.com",
                List.of(segment),
                Stage.PRODUCTION,
                "123-456-7890",
                30,
                OptionalDouble.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new Campaign.ExclusiveGroup("retention", priority, here)),
                Path.of("campaigns/" + id + ".yaml"),
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

    private static Set<String> expectedKeys(int from, int to) {
        Set<String> keys = new TreeSet<>();
        IntStream.range(from, to)
                .forEach(i ->
                        keys.add(HASHER.hashEmail("user" + i + "@example.com").orElseThrow()));
        return keys;
    }

    private static String key(AudienceMember member) {
        return String.join(
                ",",
                member.getUserData().getUserIdentifiersList().stream()
                        .map(i -> i.hasEmailAddress() ? i.getEmailAddress() : i.getPhoneNumber())
                        .sorted()
                        .toList());
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
