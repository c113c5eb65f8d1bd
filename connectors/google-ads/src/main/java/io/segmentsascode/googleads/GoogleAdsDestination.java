package io.segmentsascode.googleads;

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
import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.googleads.JobOutcome.Kind;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.spi.Backoff;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The {@code google-ads} audience destination: each campaign mapping is a Customer Match user list kept through the
 * Google Ads API, for developer tokens Google still allowlists for Customer Match (since 1 April 2026 it takes no new
 * adopters; {@code datamanager} is the default route).
 *
 * <p>As the Data Manager destination does: a list is found by the marker on the first line of its description, so a
 * resume after a crash keeps one list; members are synced as a delta against the same {@link MemberSnapshots}, only
 * SHA-256 digests leave the process, and a holdout's control group is never sent. Each sync that changes anything
 * is one offline user data job: removals, additions and refreshes added in batches of at most
 * {@link #MAX_MEMBERS_PER_REQUEST} with partial failure on, then run and awaited. The snapshot records what the job
 * applied; members Google refused stay out of it, so the next apply sends them again.
 */
public final class GoogleAdsDestination implements AudienceDestination {

    public static final String NAME = "google-ads";

    /** Per request: Google allows 100,000 identifiers and recommends about 10,000 operations. */
    public static final int MAX_MEMBERS_PER_REQUEST = 10_000;

    static final String MARKER = "segments-as-code campaign=";
    /** Hashed emails and phones: what {@link GoogleAdsApi#createList} makes and a member key holds. */
    static final String UPLOAD_KEY_TYPE = "CONTACT_INFO";

    private final List<Campaign> campaigns;
    private final Optional<CustomerMatch> identity;
    private final MemberSource members;
    private final MarkerStore markers;
    private final MemberSnapshots snapshots;
    private final MemberGroups holdoutGroups;
    private final IdentifierHasher hasher;
    private final GoogleAdsApi api;
    private final int batchSize;
    private final Backoff jobPolling;
    private final Clock clock;
    private final List<JobOutcome> outcomes = new ArrayList<>();
    private final Map<String, UserListFacts> facts = new LinkedHashMap<>();

    GoogleAdsDestination(
            List<Campaign> campaigns,
            Optional<CustomerMatch> identity,
            MemberSource members,
            MarkerStore markers,
            MemberSnapshots snapshots,
            MemberGroups holdoutGroups,
            IdentifierHasher hasher,
            GoogleAdsApi api,
            int batchSize,
            Backoff jobPolling,
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
        this.jobPolling = jobPolling;
        this.clock = clock;
    }

    /**
     * The destination {@code segments.audiences=google-ads} selects: Google's endpoint with the developer token,
     * login customer id and OAuth client from the environment or ads.properties; or {@code segments.googleAdsEndpoint}
     * (a fake on a loopback address), where {@code segments.googleCredentials=none} drops the OAuth client. Member
     * snapshots where the warehouse target keeps them (a BigQuery table), else in the state folder: the store the Data
     * Manager destination uses.
     */
    public static GoogleAdsDestination open(
            ResolvedProject project,
            MemberSource members,
            MarkerStore markers,
            SegmentsSettings settings,
            Map<String, String> environment) {
        return open(project, members, markers, settings, environment, GoogleAdsApi.CALLS, GoogleAdsApi.JOB_POLLING);
    }

    static GoogleAdsDestination open(
            ResolvedProject project,
            MemberSource members,
            MarkerStore markers,
            SegmentsSettings settings,
            Map<String, String> environment,
            Backoff calls,
            Backoff jobPolling) {
        Optional<String> endpoint = settings.google().googleAdsEndpoint();
        boolean oauth = !"none".equals(settings.google().credentials());
        if (!oauth && !endpoint.map(GoogleAdsApi::isLoopback).orElse(false)) {
            throw new ConfigException(
                    Parameters.GOOGLE_CREDENTIALS,
                    "credentials 'none' reach only a local Google Ads endpoint, not "
                            + endpoint.orElse(GoogleAdsApi.GOOGLE_ENDPOINT),
                    "set -D" + Parameters.GOOGLE_ADS_ENDPOINT + "=127.0.0.1:<port> of the fake, or drop -D"
                            + Parameters.GOOGLE_CREDENTIALS + "=none");
        }
        GoogleAdsCredentials credentials = GoogleAdsCredentials.read(environment, oauth);
        return new GoogleAdsDestination(
                project.campaigns(),
                project.warehouse().customerMatch(),
                members,
                markers,
                // where the Data Manager destination keeps them too, so a project can switch routes keeping its delta
                members.snapshots()
                        .orElseGet(() -> new SnapshotFiles(settings.stateDir().resolve(SnapshotFiles.FOLDER))),
                HoldoutGroupFiles.in(settings.stateDir()),
                IdentifierHasher.forDataManager(settings.phoneRegion()),
                GoogleAdsApi.connect(endpoint, credentials, calls),
                MAX_MEMBERS_PER_REQUEST,
                jobPolling,
                Clock.systemUTC());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Every batch this destination sent, in order, with its job's outcome: what the next plan can show. */
    public List<JobOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** What Google reported about each campaign's list when state was last read, by campaign id. */
    public Map<String, UserListFacts> facts() {
        return Map.copyOf(facts);
    }

    @Override
    public List<ActualResource> readState() {
        Map<ResourceId, MarkerStore.Marker> recorded = markers.read(ResourceKind.AUDIENCE);
        facts.clear();
        for (String customer : customers(recorded.values())) {
            for (UserListFacts list : guarded(() -> api.userLists(customer))) {
                campaignOf(list.description()).ifPresent(campaign -> facts.put(campaign, list));
            }
        }
        List<ActualResource> actual = new ArrayList<>();
        recorded.forEach((id, marker) -> {
            ActualResource resource = ActualResource.managed(id, marker.specHash());
            UserListFacts list = facts.get(id.name());
            // either route's name of the same list: a project switching routes keeps its lists
            if (list == null || !ownName(marker).equals(Optional.of(list.resourceName()))) {
                resource = resource.drifted("its user list " + marker.content() + " is gone");
            }
            actual.add(CampaignMembers.markedIfOutdated(
                    resource, campaigns, members, identity, snapshots, clock.instant()));
        });
        facts.keySet().stream()
                .map(campaign -> new ResourceId(ResourceKind.AUDIENCE, campaign))
                .filter(id -> !recorded.containsKey(id))
                .forEach(id -> actual.add(ActualResource.unrecorded(
                        id, "its user list exists without a marker (an apply stopped after creating it)")));
        return actual;
    }

    /**
     * Each defined mapping's list as GoogleAdsService reports it (upload key type in the Data Manager's terms, target
     * network eligibility, size), with what the last sync recorded: for the plan's checks and audience status.
     */
    @Override
    public Map<String, ListFacts> listFacts() {
        Map<String, ListFacts> listed = new TreeMap<>();
        for (String customer : customers(List.of())) {
            for (UserListFacts list : guarded(() -> api.userLists(customer))) {
                campaignOf(list.description())
                        .filter(campaign -> campaigns.stream().anyMatch(c -> c.id().equals(campaign)))
                        .ifPresent(campaign -> listed.put(
                                campaign,
                                new ListFacts(
                                        list.resourceName(),
                                        List.of(dataManagerKeyType(list.uploadKeyType())),
                                        list.eligibleForSearch() || list.eligibleForDisplay(),
                                        OptionalLong.of(Math.max(list.sizeForSearch(), list.sizeForDisplay())),
                                        snapshots.read(campaign).size(),
                                        snapshots.lastSync(campaign))));
            }
        }
        return listed;
    }

    /** Google Ads' {@code CONTACT_INFO} is the Data Manager's {@code CONTACT_ID}: the plan's checks speak the latter. */
    private static String dataManagerKeyType(String googleAdsKeyType) {
        return switch (googleAdsKeyType) {
            case UPLOAD_KEY_TYPE -> ListFacts.CONTACT_ID;
            case "CRM_ID" -> "USER_ID";
            case "MOBILE_ADVERTISING_ID" -> "MOBILE_ID";
            default -> googleAdsKeyType;
        };
    }

    @Override
    public Map<String, List<String>> staleAudiences() {
        return CampaignMembers.stale(campaigns, members);
    }

    @Override
    public void apply(Change change) {
        String audience = change.id().name();
        if (change.action() == Action.DELETE) {
            // empties the list and forgets it; the list itself stays in Google Ads for its owner to delete
            Optional.ofNullable(markers.read(ResourceKind.AUDIENCE).get(change.id()))
                    .flatMap(GoogleAdsDestination::ownName)
                    .ifPresent(list -> guarded(() -> {
                        sync(audience, list, Set.of());
                        return null;
                    }));
            snapshots.forget(audience);
            markers.forget(change.id());
            return;
        }
        Campaign campaign = campaign(audience);
        if (!members.staleTables(campaign.segments()).isEmpty()) {
            return; // nothing sent and no marker recorded: the change stays pending, and the plan says why
        }
        String list = guarded(() -> findOrCreate(campaign));
        markers.record(change.id(), new MarkerStore.Marker(change.toHash().orElseThrow(), list));
        Set<String> desired = desiredMembers(campaign);
        guarded(() -> {
            sync(audience, list, desired);
            return null;
        });
    }

    /** Member keys ({@code <sha256 email>,<sha256 phone>}) of the treated members: hashed identifiers only. */
    private Set<String> desiredMembers(Campaign campaign) {
        CustomerMatch table = identity.orElseThrow(() -> new IllegalStateException(
                "warehouse.yaml declares no customer_match identity table, so audiences cannot be synced"));
        return CampaignMembers.keys(campaign, campaigns, members, table, hasher, holdoutGroups);
    }

    private void sync(String audience, String list, Set<String> desired) {
        Map<String, Instant> previous = snapshots.read(audience);
        Instant now = clock.instant();
        MemberDelta delta = MemberDelta.between(
                previous,
                desired,
                now,
                campaigns.stream().filter(c -> c.id().equals(audience)).findFirst());
        if (delta.isEmpty()) {
            return;
        }
        List<String> removed = delta.removed();
        List<String> added = delta.added();
        List<String> refreshed = delta.refreshed();
        String customer = list.split("/")[1];
        String job = api.createJob(customer, list);
        List<Batch> batches = new ArrayList<>();
        for (Kind kind : List.of(Kind.REMOVE, Kind.ADD, Kind.REFRESH)) {
            List<String> keys = switch (kind) {
                case REMOVE -> removed;
                case ADD -> added;
                case REFRESH -> refreshed;
            };
            for (int from = 0; from < keys.size(); from += batchSize) {
                List<String> batch = keys.subList(from, Math.min(keys.size(), from + batchSize));
                Map<Integer, String> refused = api.addMembers(job, batch, kind == Kind.REMOVE);
                batches.add(new Batch(kind, batch, refused));
            }
        }
        JobOutcome.Status status = api.runAndAwait(job, jobPolling);
        List<String> refusedReasons = new ArrayList<>();
        for (Batch batch : batches) {
            outcomes.add(new JobOutcome(
                    audience,
                    batch.kind(),
                    batch.keys().size(),
                    List.copyOf(batch.refused().values()),
                    job,
                    status));
            batch.refused().values().forEach(reason -> refusedReasons.add(batch.kind() + ": " + reason));
        }
        if (status == JobOutcome.Status.FAILED) {
            throw new AudienceSyncException(
                    "audience " + audience,
                    "the Google Ads job " + job + " failed; none of its "
                            + (removed.size() + added.size() + refreshed.size()) + " member changes were applied",
                    "apply again to send them again");
        }
        // Google applied (or is applying) the job: what it accepted is what the list now holds
        snapshots.record(audience, accepted(batches, Kind.ADD, Kind.REFRESH), accepted(batches, Kind.REMOVE), now);
        snapshots.recordSync(
                audience,
                new LastSync(
                        now,
                        added.size(),
                        removed.size(),
                        refreshed.size(),
                        batches.stream()
                                .map(batch -> new LastSync.Request(
                                        job,
                                        batch.kind().name().toLowerCase(Locale.ROOT),
                                        batch.keys().size(),
                                        requestStatus(status, batch),
                                        Optional.empty()))
                                .toList()));
        if (!refusedReasons.isEmpty()) {
            throw new AudienceSyncException(
                    "audience " + audience,
                    refusedReasons.size() + " members were refused by Google Ads (the others were applied): "
                            + new TreeSet<>(refusedReasons),
                    "they are sent again by the next apply; if they are refused again, check the identity table");
        }
    }

    /** A job's end in the Data Manager's request statuses, which the plan shows for either route. */
    private static String requestStatus(JobOutcome.Status status, Batch batch) {
        return switch (status) {
            case DONE -> batch.refused().isEmpty() ? "SUCCESS" : "PARTIAL_SUCCESS";
            case RUNNING -> "PROCESSING";
            case FAILED -> "FAILED";
        };
    }

    private static Collection<String> accepted(List<Batch> batches, Kind... kinds) {
        Set<String> accepted = new LinkedHashSet<>();
        for (Batch batch : batches) {
            if (List.of(kinds).contains(batch.kind())) {
                for (int i = 0; i < batch.keys().size(); i++) {
                    if (!batch.refused().containsKey(i)) {
                        accepted.add(batch.keys().get(i));
                    }
                }
            }
        }
        return accepted;
    }

    private record Batch(Kind kind, List<String> keys, Map<Integer, String> refused) {}

    private String findOrCreate(Campaign campaign) {
        String customer = customerId(campaign.customerId());
        String description = MARKER + campaign.id() + "\n" + campaign.description();
        Optional<UserListFacts> existing = marked(customer, campaign.id());
        if (existing.isEmpty()) {
            // a new list is empty whatever an earlier list of this mapping held (one deleted in Google Ads, or one
            // in an account the other route did not see): its members are all sent again
            snapshots.forget(campaign.id());
            try {
                return api.createList(customer, campaign.id(), description, campaign.membershipDays());
            } catch (GoogleAdsCallException e) {
                // a create Google applied but whose answer was lost is refused when retried (the name is taken):
                // the list it made is ours, found by its marker
                return marked(customer, campaign.id())
                        .map(UserListFacts::resourceName)
                        .orElseThrow(() -> e);
            }
        }
        UserListFacts list = existing.get();
        if (!list.uploadKeyType().equals(UPLOAD_KEY_TYPE)) {
            throw new AudienceSyncException(
                    "audience " + campaign.id(),
                    "its user list " + list.resourceName() + " matches members by " + list.uploadKeyType()
                            + ", and Google Ads allows no change of a list's upload key type",
                    "remove that list's marker line (\"" + MARKER + campaign.id() + "\") from its description in"
                            + " Google Ads so that apply makes a new list matched by " + UPLOAD_KEY_TYPE);
        }
        if (!list.name().equals(campaign.id())
                || !list.description().equals(description)
                || list.membershipLifeSpanDays() != campaign.membershipDays()) {
            api.updateList(list.resourceName(), campaign.id(), description, campaign.membershipDays());
        }
        return list.resourceName();
    }

    /** The list a marker names, as this API names it: markers recorded by the Data Manager route read the same. */
    private static Optional<String> ownName(MarkerStore.Marker marker) {
        return UserListName.parse(marker.content()).map(UserListName::googleAds);
    }

    private Optional<UserListFacts> marked(String customer, String campaign) {
        return api.userLists(customer).stream()
                .filter(l -> campaignOf(l.description()).equals(Optional.of(campaign)))
                .findFirst();
    }

    /** The campaign a list was made for, read from the marker line of its description. */
    static Optional<String> campaignOf(String description) {
        if (!description.startsWith(MARKER)) {
            return Optional.empty();
        }
        int end = description.indexOf('\n');
        return Optional.of(description.substring(MARKER.length(), end < 0 ? description.length() : end));
    }

    private Set<String> customers(Collection<MarkerStore.Marker> recorded) {
        Set<String> customers = new TreeSet<>();
        campaigns.forEach(c -> customers.add(customerId(c.customerId())));
        recorded.forEach(m -> UserListName.parse(m.content()).ifPresent(list -> customers.add(list.account())));
        return customers;
    }

    private static String customerId(String id) {
        return id.replace("-", "");
    }

    private Campaign campaign(String id) {
        return campaigns.stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no campaign mapping " + id));
    }

    /** Runs calls to Google Ads, turning the failures a user can act on into apply errors that say what to do. */
    private static <T> T guarded(Supplier<T> calls) {
        try {
            return calls.get();
        } catch (GoogleAdsCallException e) {
            throw switch (e.reason()) {
                case NOT_ALLOWLISTED ->
                    new AudienceSyncException(
                            Parameters.AUDIENCES,
                            "Google Ads refused Customer Match for this developer token"
                                    + " (CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE): since 1 April 2026 the Google Ads API"
                                    + " takes no new Customer Match adopters, and tokens that did not upload between"
                                    + " October 2025 and March 2026 lost access",
                            "use the Data Manager API, Google's route for Customer Match and this tool's default:"
                                    + " -D" + Parameters.AUDIENCES + "=datamanager (no developer token needed)");
                case ACCESS ->
                    new AudienceSyncException(
                            Parameters.AUDIENCES,
                            e.getMessage(),
                            "check GOOGLE_ADS_DEVELOPER_TOKEN, GOOGLE_ADS_LOGIN_CUSTOMER_ID (the manager account acting"
                                    + " for the advertiser) and the OAuth grant of GOOGLE_ADS_REFRESH_TOKEN");
                case RETRIES_SPENT ->
                    new AudienceSyncException(
                            Parameters.AUDIENCES,
                            e.getMessage() + " (retried with backoff until the retry budget was spent)",
                            "apply again later: what was applied is recorded, only the rest is sent");
                case OTHER -> e;
            };
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
