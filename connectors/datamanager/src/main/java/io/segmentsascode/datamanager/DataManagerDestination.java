package io.segmentsascode.datamanager;

import com.google.ads.datamanager.v1.AudienceMember;
import com.google.ads.datamanager.v1.Consent;
import com.google.ads.datamanager.v1.ConsentStatus;
import com.google.ads.datamanager.v1.ContactIdInfo;
import com.google.ads.datamanager.v1.DataSourceType;
import com.google.ads.datamanager.v1.Destination;
import com.google.ads.datamanager.v1.Encoding;
import com.google.ads.datamanager.v1.IngestAudienceMembersRequest;
import com.google.ads.datamanager.v1.IngestAudienceMembersResponse;
import com.google.ads.datamanager.v1.IngestedUserListInfo;
import com.google.ads.datamanager.v1.IngestedUserListInfo.UploadKeyType;
import com.google.ads.datamanager.v1.ListUserListsResponse;
import com.google.ads.datamanager.v1.MatchRateRange;
import com.google.ads.datamanager.v1.ProductAccount;
import com.google.ads.datamanager.v1.ProductAccount.AccountType;
import com.google.ads.datamanager.v1.RemoveAudienceMembersRequest;
import com.google.ads.datamanager.v1.RemoveAudienceMembersResponse;
import com.google.ads.datamanager.v1.RequestStatusPerDestination;
import com.google.ads.datamanager.v1.RequestStatusPerDestination.RequestStatus;
import com.google.ads.datamanager.v1.RetrieveRequestStatusResponse;
import com.google.ads.datamanager.v1.TermsOfService;
import com.google.ads.datamanager.v1.TermsOfServiceStatus;
import com.google.ads.datamanager.v1.UserData;
import com.google.ads.datamanager.v1.UserIdentifier;
import com.google.ads.datamanager.v1.UserList;
import com.google.protobuf.Empty;
import com.google.protobuf.util.Durations;
import io.segmentsascode.apply.ApplyException;
import io.segmentsascode.apply.AudienceDestination;
import io.segmentsascode.apply.CampaignMembers;
import io.segmentsascode.apply.LastSync;
import io.segmentsascode.apply.ListFacts;
import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.MemberDelta;
import io.segmentsascode.apply.MemberGroups;
import io.segmentsascode.apply.MemberSnapshots;
import io.segmentsascode.apply.MemberSource;
import io.segmentsascode.apply.UserListName;
import io.segmentsascode.apply.files.HoldoutGroupFiles;
import io.segmentsascode.apply.files.SnapshotFiles;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.datamanager.BatchOutcome.Kind;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.spi.Backoff;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code datamanager} audience destination: each campaign mapping is a Customer Match user list in its Google
 * Ads account, kept through the Data Manager API.
 *
 * <p>A list is found by its marker, the first line of its description ({@code segments-as-code campaign=<id>}),
 * so a crash between creating a list and recording it finds that list again instead of making a second one. Its
 * members are synced as a delta against {@link MemberSnapshots}: only added members are ingested and only dropped
 * ones removed, in batches of at most {@link #MAX_MEMBERS_PER_REQUEST}, each recorded in the snapshot as soon as
 * Google accepted it. Every request then has its status polled; a failed batch is taken out of the snapshot again
 * so the next apply sends it again, and the apply fails naming it. Only SHA-256 digests leave the process.
 */
public final class DataManagerDestination implements AudienceDestination {

    public static final String NAME = "datamanager";
    /** Per request, as Google documents it (devguides/limits). */
    public static final int MAX_MEMBERS_PER_REQUEST = 10_000;

    /** The longest membership Google allows; lists of mappings no longer defined are refreshed by it. */
    static final String MARKER = "segments-as-code campaign=";

    private final List<Campaign> campaigns;
    private final Optional<CustomerMatch> identity;
    private final MemberSource members;
    private final MarkerStore markers;
    private final MemberSnapshots snapshots;
    private final MemberGroups holdoutGroups;
    private final IdentifierHasher hasher;
    private final DataManagerApi api;
    private final int batchSize;
    private final Backoff statusPolling;
    private final Clock clock;
    private final List<BatchOutcome> outcomes = new ArrayList<>();
    private final Map<String, List<String>> skippedAsStale = new TreeMap<>();

    public DataManagerDestination(
            List<Campaign> campaigns,
            Optional<CustomerMatch> identity,
            MemberSource members,
            MarkerStore markers,
            MemberSnapshots snapshots,
            MemberGroups holdoutGroups,
            IdentifierHasher hasher,
            DataManagerApi api,
            int batchSize,
            Backoff statusPolling,
            Clock clock) {
        if (batchSize < 1 || batchSize > MAX_MEMBERS_PER_REQUEST) {
            throw new IllegalArgumentException("batch size must be 1.." + MAX_MEMBERS_PER_REQUEST);
        }
        this.campaigns = List.copyOf(campaigns);
        this.identity = identity;
        this.members = members;
        this.markers = markers;
        this.snapshots = snapshots;
        this.holdoutGroups = holdoutGroups;
        this.hasher = hasher;
        this.api = api;
        this.batchSize = batchSize;
        this.statusPolling = statusPolling;
        this.clock = clock;
    }

    /**
     * The destination {@code segments.audiences=datamanager} selects: Google's endpoint with Application Default
     * Credentials, or the endpoint {@code segments.dataManagerEndpoint} names (a fake) without credentials; member
     * snapshots where the warehouse target keeps them (a BigQuery table), else in the state folder.
     */
    public static DataManagerDestination open(
            ResolvedProject project, MemberSource members, MarkerStore markers, SegmentsSettings settings) {
        DataManagerApi api = settings.google()
                .dataManagerEndpoint()
                .map(endpoint -> DataManagerApi.at(URI.create(endpoint), DataManagerApi.BACKOFF))
                .orElseGet(() -> DataManagerApi.withApplicationDefaultCredentials(DataManagerApi.BACKOFF));
        return new DataManagerDestination(
                project.campaigns(),
                project.warehouse().customerMatch(),
                members,
                markers,
                members.snapshots()
                        .orElseGet(() -> new SnapshotFiles(settings.stateDir().resolve(SnapshotFiles.FOLDER))),
                HoldoutGroupFiles.in(settings.stateDir()),
                IdentifierHasher.forDataManager(settings.phoneRegion()),
                api,
                MAX_MEMBERS_PER_REQUEST,
                DataManagerApi.BACKOFF,
                Clock.systemUTC());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Mappings this destination sent nothing for because their segment tables were stale, with why. */
    public Map<String, List<String>> skippedAsStale() {
        return Map.copyOf(skippedAsStale);
    }

    @Override
    public Map<String, List<String>> staleAudiences() {
        return CampaignMembers.stale(campaigns, members);
    }

    /** The outcome of every request this destination sent, in order: what the next plan can show. */
    public List<BatchOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    @Override
    public List<ActualResource> readState() {
        Map<ResourceId, MarkerStore.Marker> recorded = markers.read(ResourceKind.AUDIENCE);
        Map<String, UserList> ours = new LinkedHashMap<>();
        for (String account : accounts()) {
            for (UserList list : lists(account)) {
                campaignOf(list).ifPresent(campaign -> ours.put(campaign, list));
            }
        }
        List<ActualResource> actual = new ArrayList<>();
        recorded.forEach((id, marker) -> {
            ActualResource resource = ActualResource.managed(id, marker.specHash());
            UserList list = ours.get(id.name());
            // either route's name of the same list: a project switching routes keeps its lists
            if (list == null
                    || !UserListName.parse(marker.content())
                            .map(UserListName::dataManager)
                            .equals(Optional.of(list.getName()))) {
                resource = resource.drifted("its user list " + marker.content() + " is gone");
            }
            actual.add(CampaignMembers.markedIfOutdated(
                    resource, campaigns, members, identity, snapshots, clock.instant()));
        });
        ours.keySet().stream()
                .map(campaign -> new ResourceId(ResourceKind.AUDIENCE, campaign))
                .filter(id -> !recorded.containsKey(id))
                .forEach(id -> actual.add(ActualResource.unrecorded(
                        id, "its user list exists without a marker (an apply stopped after creating it)")));
        return actual;
    }

    @Override
    public void apply(Change change) {
        String audience = change.id().name();
        if (change.action() == Action.DELETE) {
            // only planned with prune: empty the list, then delete it; a list already gone (an apply that stopped
            // after deleting it) only has its marker and snapshot forgotten
            markerOf(change.id()).filter(this::exists).ifPresent(name -> {
                sync(audience, destination(name), Map.of());
                api.delete("/v1/" + name, Empty.getDefaultInstance());
            });
            snapshots.forget(audience);
            markers.forget(change.id());
            return;
        }
        Campaign campaign = campaign(audience);
        List<String> stale = members.staleTables(campaign.segments());
        if (!stale.isEmpty()) {
            // nothing sent and no marker recorded: the change stays pending, and the plan says why
            skippedAsStale.put(audience, stale);
            return;
        }
        UserList list = findOrCreate(campaign);
        markers.record(change.id(), new MarkerStore.Marker(change.toHash().orElseThrow(), list.getName()));
        sync(audience, destination(list.getName()), desiredMembers(campaign));
    }

    private boolean exists(String listName) {
        int lists = listName.indexOf("/userLists/");
        return lists > 0
                && lists(listName.substring(0, lists)).stream()
                        .anyMatch(l -> l.getName().equals(listName));
    }

    /**
     * Each defined mapping's list as Google reports it ({@code userLists.get}: upload key types, target network
     * eligibility, size), with what the last sync recorded: for the plan's checks and audience status.
     */
    @Override
    public Map<String, ListFacts> listFacts() {
        Map<String, UserList> ours = new TreeMap<>();
        for (String account : accounts()) {
            for (UserList list : lists(account)) {
                campaignOf(list).ifPresent(campaign -> ours.put(campaign, list));
            }
        }
        Map<String, ListFacts> facts = new TreeMap<>();
        for (Campaign campaign : campaigns) {
            UserList listed = ours.get(campaign.id());
            if (listed == null) {
                continue;
            }
            UserList list = api.get("/v1/" + listed.getName(), UserList.getDefaultInstance());
            facts.put(
                    campaign.id(),
                    new ListFacts(
                            list.getName(),
                            list.getIngestedUserListInfo().getUploadKeyTypesList().stream()
                                    .map(Enum::name)
                                    .toList(),
                            targetingEligible(list),
                            list.hasSizeInfo()
                                    ? OptionalLong.of(Math.max(
                                            list.getSizeInfo().getDisplayNetworkMembersCount(),
                                            list.getSizeInfo().getSearchNetworkMembersCount()))
                                    : OptionalLong.empty(),
                            snapshots.read(campaign.id()).size(),
                            snapshots.lastSync(campaign.id())));
        }
        return facts;
    }

    /** Without network facts nothing is known, so nothing is flagged. */
    private static boolean targetingEligible(UserList list) {
        if (!list.hasTargetNetworkInfo()) {
            return true;
        }
        var networks = list.getTargetNetworkInfo();
        return networks.getEligibleForDisplay() || (networks.hasEligibleForSearch() && networks.getEligibleForSearch());
    }

    private Optional<String> markerOf(ResourceId id) {
        return Optional.ofNullable(markers.read(ResourceKind.AUDIENCE).get(id))
                .flatMap(marker -> UserListName.parse(marker.content()))
                .map(UserListName::dataManager);
    }

    /** Member key → the member as sent: hashed identifiers only. */
    private Map<String, AudienceMember> desiredMembers(Campaign campaign) {
        CustomerMatch table = identity.orElseThrow(() -> new IllegalStateException(
                "warehouse.yaml declares no customer_match identity table, so audiences cannot be synced"));
        Map<String, AudienceMember> desired = new LinkedHashMap<>();
        CampaignMembers.keys(campaign, campaigns, members, table, hasher, holdoutGroups)
                .forEach(key -> desired.put(key, toMessage(key)));
        return desired;
    }

    private void sync(String audience, Destination destination, Map<String, AudienceMember> desired) {
        Map<String, Instant> previous = snapshots.read(audience);
        Instant now = clock.instant();
        MemberDelta delta = MemberDelta.between(previous, desired.keySet(), now, definedCampaign(audience));
        List<String> removed = delta.removed();
        List<String> added = delta.added();
        List<String> refreshed = delta.refreshed();
        List<Sent> sent = new ArrayList<>();
        for (List<String> batch : batches(removed)) {
            RemoveAudienceMembersResponse response = api.post(
                    "/v1/audienceMembers:remove",
                    RemoveAudienceMembersRequest.newBuilder()
                            .addDestinations(destination)
                            .addAllAudienceMembers(batch.stream()
                                    .map(DataManagerDestination::toMessage)
                                    .toList())
                            .setEncoding(Encoding.HEX)
                            .build(),
                    RemoveAudienceMembersResponse.getDefaultInstance());
            snapshots.record(audience, List.of(), batch, now);
            sent.add(new Sent(Kind.REMOVE, batch, response.getRequestId()));
        }
        for (Kind kind : List.of(Kind.ADD, Kind.REFRESH)) {
            for (List<String> batch : batches(kind == Kind.ADD ? added : refreshed)) {
                IngestAudienceMembersResponse response = api.post(
                        "/v1/audienceMembers:ingest",
                        IngestAudienceMembersRequest.newBuilder()
                                .addDestinations(destination)
                                .addAllAudienceMembers(
                                        batch.stream().map(desired::get).toList())
                                // only members with both consents granted are exported (AudienceBuilder)
                                .setConsent(Consent.newBuilder()
                                        .setAdUserData(ConsentStatus.CONSENT_GRANTED)
                                        .setAdPersonalization(ConsentStatus.CONSENT_GRANTED))
                                .setEncoding(Encoding.HEX)
                                .setTermsOfService(TermsOfService.newBuilder()
                                        .setCustomerMatchTermsOfServiceStatus(TermsOfServiceStatus.ACCEPTED))
                                .build(),
                        IngestAudienceMembersResponse.getDefaultInstance());
                snapshots.record(audience, batch, List.of(), now);
                sent.add(new Sent(kind, batch, response.getRequestId()));
            }
        }
        List<BatchOutcome> failed = new ArrayList<>();
        List<LastSync.Request> requests = new ArrayList<>();
        for (Sent batch : sent) {
            Polled polled = poll(batch.requestId());
            BatchOutcome outcome =
                    new BatchOutcome(audience, batch.kind(), batch.keys().size(), batch.requestId(), polled.status());
            outcomes.add(outcome);
            requests.add(new LastSync.Request(
                    batch.requestId(),
                    batch.kind().name().toLowerCase(Locale.ROOT),
                    batch.keys().size(),
                    polled.status().name(),
                    polled.matchRate()));
            if (outcome.failed()) {
                failed.add(outcome);
                undo(audience, batch, previous);
            }
        }
        snapshots.recordSync(audience, new LastSync(now, added.size(), removed.size(), refreshed.size(), requests));
        if (!failed.isEmpty()) {
            throw new ApplyException(
                    "audience " + audience,
                    failed.size() + " of " + sent.size() + " Data Manager requests failed: "
                            + failed.stream()
                                    .map(f -> f.requestId() + " (" + f.kind() + " " + f.members() + " members)")
                                    .toList(),
                    "the other batches were applied; apply again to resend the failed ones");
        }
    }

    /** Puts a failed batch back as it was in the snapshot, so the next apply sends it again. */
    private void undo(String audience, Sent batch, Map<String, Instant> previous) {
        switch (batch.kind()) {
            case ADD -> snapshots.record(audience, List.of(), batch.keys(), clock.instant());
            case REMOVE, REFRESH -> {
                // per member, as it was: a refresh keeps its old send time, so it stays due
                for (String key : batch.keys()) {
                    snapshots.record(audience, List.of(key), List.of(), previous.get(key));
                }
            }
        }
    }

    private Optional<Campaign> definedCampaign(String id) {
        return campaigns.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    private record Sent(Kind kind, List<String> keys, String requestId) {}

    /** A request's final status and the match-rate range Google reported for it, if any. */
    private record Polled(RequestStatus status, Optional<LastSync.MatchRate> matchRate) {}

    /** Polls until the request is no longer processing, with backoff; PROCESSING if polling gave up. */
    private Polled poll(String requestId) {
        for (int attempt = 1; ; attempt++) {
            RetrieveRequestStatusResponse response = api.get(
                    "/v1/requestStatus:retrieve?requestId=" + URLEncoder.encode(requestId, StandardCharsets.UTF_8),
                    RetrieveRequestStatusResponse.getDefaultInstance());
            RequestStatus status = response.getRequestStatusPerDestinationList().stream()
                    .map(RequestStatusPerDestination::getRequestStatus)
                    .reduce(RequestStatus.SUCCESS, DataManagerDestination::worse);
            if (status != RequestStatus.PROCESSING || attempt >= statusPolling.attempts()) {
                return new Polled(
                        status,
                        response.getRequestStatusPerDestinationList().stream()
                                .map(d -> matchRate(d.getAudienceMembersIngestionStatus()
                                        .getUserDataIngestionStatus()
                                        .getUploadMatchRateRange()))
                                .flatMap(Optional::stream)
                                .findFirst());
            }
            if (!statusPolling.pause(statusPolling.beforeRetry(attempt))) {
                throw new DataManagerException("interrupted while waiting for a request's status", null);
            }
        }
    }

    private static final Pattern RANGE = Pattern.compile("MATCH_RATE_RANGE_(?:LESS_THAN_(\\d+)|(\\d+)_TO_(\\d+))");

    /** Google's bucket as whole percents ({@code LESS_THAN_20} is 0–19); none for unknown or not eligible. */
    static Optional<LastSync.MatchRate> matchRate(MatchRateRange range) {
        Matcher m = RANGE.matcher(range.name());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(
                m.group(1) != null
                        ? new LastSync.MatchRate(0, Integer.parseInt(m.group(1)) - 1)
                        : new LastSync.MatchRate(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    private static RequestStatus worse(RequestStatus a, RequestStatus b) {
        List<RequestStatus> order = List.of(
                RequestStatus.SUCCESS,
                RequestStatus.PARTIAL_SUCCESS,
                RequestStatus.PROCESSING,
                RequestStatus.REQUEST_STATUS_UNKNOWN,
                RequestStatus.FAILED);
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    private List<List<String>> batches(List<String> keys) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += batchSize) {
            batches.add(keys.subList(from, Math.min(keys.size(), from + batchSize)));
        }
        return batches;
    }

    /** A member key back into the identifiers Google matches: at most two, well under the limit of 10. */
    private static AudienceMember toMessage(String key) {
        int comma = key.indexOf(',');
        UserData.Builder data = UserData.newBuilder();
        if (comma > 0) {
            data.addUserIdentifiers(UserIdentifier.newBuilder().setEmailAddress(key.substring(0, comma)));
        }
        if (comma < key.length() - 1) {
            data.addUserIdentifiers(UserIdentifier.newBuilder().setPhoneNumber(key.substring(comma + 1)));
        }
        return AudienceMember.newBuilder().setUserData(data).build();
    }

    private UserList findOrCreate(Campaign campaign) {
        String parent = parent(campaign.customerId());
        UserList wanted = UserList.newBuilder()
                .setDisplayName(campaign.id())
                .setDescription(MARKER + campaign.id() + "\n" + campaign.description())
                .setMembershipDuration(Durations.fromDays(campaign.membershipDays()))
                .build();
        Optional<UserList> existing = lists(parent).stream()
                .filter(l -> campaignOf(l).equals(Optional.of(campaign.id())))
                .findFirst();
        if (existing.isEmpty()) {
            // a new list is empty whatever an earlier list of this mapping held (one deleted in Google Ads, or one
            // in an account the other route did not see): its members are all sent again
            snapshots.forget(campaign.id());
            return api.post(
                    "/v1/" + parent + "/userLists",
                    wanted.toBuilder()
                            .setMembershipStatus(UserList.MembershipStatus.OPEN)
                            .setIngestedUserListInfo(IngestedUserListInfo.newBuilder()
                                    .addUploadKeyTypes(UploadKeyType.CONTACT_ID)
                                    .setContactIdInfo(ContactIdInfo.newBuilder()
                                            .setDataSourceType(DataSourceType.DATA_SOURCE_TYPE_FIRST_PARTY)))
                            .build(),
                    UserList.getDefaultInstance());
        }
        UserList list = existing.get();
        if (list.getDisplayName().equals(wanted.getDisplayName())
                && list.getDescription().equals(wanted.getDescription())
                && list.getMembershipDuration().equals(wanted.getMembershipDuration())) {
            return list;
        }
        return api.patch(
                "/v1/" + list.getName() + "?updateMask=displayName,description,membershipDuration",
                wanted.toBuilder().setName(list.getName()).build(),
                UserList.getDefaultInstance());
    }

    private List<UserList> lists(String parent) {
        List<UserList> lists = new ArrayList<>();
        String pageToken = "";
        do {
            ListUserListsResponse page = api.get(
                    "/v1/" + parent + "/userLists"
                            + (pageToken.isEmpty()
                                    ? ""
                                    : "?pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8)),
                    ListUserListsResponse.getDefaultInstance());
            lists.addAll(page.getUserListsList());
            pageToken = page.getNextPageToken();
        } while (!pageToken.isEmpty());
        return lists;
    }

    /** The campaign a list was made for, read from the marker line of its description. */
    static Optional<String> campaignOf(UserList list) {
        String description = list.getDescription();
        if (!description.startsWith(MARKER)) {
            return Optional.empty();
        }
        int end = description.indexOf('\n');
        return Optional.of(description.substring(MARKER.length(), end < 0 ? description.length() : end));
    }

    private Set<String> accounts() {
        Set<String> accounts = new TreeSet<>();
        campaigns.forEach(c -> accounts.add(parent(c.customerId())));
        markers.read(ResourceKind.AUDIENCE)
                .values()
                .forEach(m -> UserListName.parse(m.content()).ifPresent(list -> accounts.add(parent(list.account()))));
        return accounts;
    }

    private static String parent(String customerId) {
        return "accountTypes/" + AccountType.GOOGLE_ADS + "/accounts/" + customerId.replace("-", "");
    }

    /** The ingest destination of a list: its Google Ads account operates it, its id is the product destination. */
    private static Destination destination(String listName) {
        String[] parts = listName.split("/");
        // accountTypes/GOOGLE_ADS/accounts/<id>/userLists/<list id>
        return Destination.newBuilder()
                .setOperatingAccount(ProductAccount.newBuilder()
                        .setAccountType(AccountType.valueOf(parts[1]))
                        .setAccountId(parts[3]))
                .setProductDestinationId(parts[5])
                .build();
    }

    private Campaign campaign(String id) {
        return campaigns.stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no campaign mapping " + id));
    }

    /** The HTTP client holds no connection between calls that needs closing. */
    @Override
    public void close() {}
}
