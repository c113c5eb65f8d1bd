package io.segmentsascode.fakes;

import com.google.ads.datamanager.v1.AudienceMember;
import com.google.ads.datamanager.v1.Destination;
import com.google.ads.datamanager.v1.Encoding;
import com.google.ads.datamanager.v1.IngestAudienceMembersRequest;
import com.google.ads.datamanager.v1.IngestAudienceMembersResponse;
import com.google.ads.datamanager.v1.IngestedUserListInfo;
import com.google.ads.datamanager.v1.IngestedUserListInfo.UploadKeyType;
import com.google.ads.datamanager.v1.ListUserListsResponse;
import com.google.ads.datamanager.v1.MatchRateRange;
import com.google.ads.datamanager.v1.RemoveAudienceMembersRequest;
import com.google.ads.datamanager.v1.RemoveAudienceMembersResponse;
import com.google.ads.datamanager.v1.RequestStatusPerDestination;
import com.google.ads.datamanager.v1.RequestStatusPerDestination.IngestAudienceMembersStatus;
import com.google.ads.datamanager.v1.RequestStatusPerDestination.IngestUserDataStatus;
import com.google.ads.datamanager.v1.RequestStatusPerDestination.RequestStatus;
import com.google.ads.datamanager.v1.RetrieveRequestStatusResponse;
import com.google.ads.datamanager.v1.SizeInfo;
import com.google.ads.datamanager.v1.TargetNetworkInfo;
import com.google.ads.datamanager.v1.UserIdentifier;
import com.google.ads.datamanager.v1.UserList;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of the Data Manager REST API (v1) on 127.0.0.1: user lists (list, get, create, patch, delete) and audience
 * members (ingest, remove, request status with the match-rate range of {@link #matchRate}). Lists report sizes and
 * target network eligibility (both networks, or neither for an account made {@link #observationOnly}). Request bodies are parsed strictly into the generated messages of
 * {@code google.ads.datamanager.v1}, so an unknown or misspelt field is a 400 as it is at Google. Methods for
 * {@link Faults}: {@code userLists.list}, {@code userLists.get}, {@code userLists.create}, {@code userLists.patch},
 * {@code userLists.delete}, {@code audienceMembers.ingest}, {@code audienceMembers.remove}, {@code requestStatus.retrieve}.
 */
public final class FakeDataManager implements AutoCloseable {
    public static final String API = "datamanager";
    /** Per request, as Google documents them (devguides/limits). */
    public static final int MAX_MEMBERS_PER_REQUEST = 10_000;

    public static final int MAX_IDENTIFIERS_PER_MEMBER = 10;

    private static final Pattern LISTS = Pattern.compile("/v1/accountTypes/([A-Z_]+)/accounts/(\\d+)/userLists");
    private static final Pattern LIST = Pattern.compile("/v1/(accountTypes/[A-Z_]+/accounts/\\d+/userLists/\\d+)");
    private static final Pattern GOOGLE_ADS_LIST =
            Pattern.compile("accountTypes/GOOGLE_ADS/accounts/(\\d+)/userLists/(\\d+)");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final JsonFormat.Parser STRICT = JsonFormat.parser();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer();

    private final CallLog log;
    private final Faults faults;
    private final Map<String, UserList> lists = new LinkedHashMap<>();
    /** List name → member keys (the sorted identifiers of a member). */
    private final Map<String, Set<String>> members = new LinkedHashMap<>();

    private final Map<String, RequestStatusPerDestination> statuses = new LinkedHashMap<>();
    private final Map<String, Integer> pollsSeen = new LinkedHashMap<>();
    private final Deque<RequestStatus> scriptedOutcomes = new ArrayDeque<>();
    private int processingPolls;
    private MatchRateRange matchRate = MatchRateRange.MATCH_RATE_RANGE_UNKNOWN;
    private final Set<String> observationOnly = new TreeSet<>();
    private long nextId = 1000;
    private HttpServer server;
    /** The Google Ads fake that shows the same lists; changes reach it once this fake's lock is released. */
    private FakeGoogleAds sharesListsWith;

    private final List<SharedUserList> toShare = new ArrayList<>();

    public FakeDataManager() {
        this(new CallLog(), new Faults());
    }

    public FakeDataManager(CallLog log, Faults faults) {
        this.log = log;
        this.faults = faults;
    }

    public FakeDataManager start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::serve);
        server.start();
        return this;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    public CallLog log() {
        return log;
    }

    public synchronized List<UserList> userLists() {
        return List.copyOf(lists.values());
    }

    /** The member keys of a list: each member's identifiers, sorted and joined with ','. */
    public synchronized Set<String> members(String listName) {
        return Set.copyOf(members.getOrDefault(listName, Set.of()));
    }

    /** The next ingest requests end with these outcomes (e.g. PARTIAL_SUCCESS, FAILED) instead of SUCCESS. */
    public synchronized FakeDataManager scriptOutcomes(RequestStatus... outcomes) {
        scriptedOutcomes.addAll(List.of(outcomes));
        return this;
    }

    /** Each request reports PROCESSING this many times before its outcome. */
    public synchronized FakeDataManager processingPolls(int polls) {
        processingPolls = polls;
        return this;
    }

    /** The match-rate range every later ingest reports in its request status. */
    public synchronized FakeDataManager matchRate(MatchRateRange range) {
        matchRate = range;
        return this;
    }

    /** Lists of this Google Ads account (digits only) are eligible for neither search nor display targeting. */
    public synchronized FakeDataManager observationOnly(String accountId) {
        observationOnly.add(accountId);
        return this;
    }

    @Override
    public void close() {
        if (server != null) server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String verb = ex.getRequestMethod();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = method(verb, path);
            if (method == null) {
                send(ex, 404, error(404, "NOT_FOUND", "no such method: " + verb + " " + path));
                return;
            }
            boolean mutating = !verb.equals("GET");
            Optional<Fault> fault = faults.before(method);
            if (fault.isPresent()) {
                Fault f = fault.get();
                log.add(API, method, path, body, mutating, f.httpStatus() + " " + f.reason(), false);
                send(ex, f.httpStatus(), error(f.httpStatus(), f.reason(), f.message()));
                return;
            }
            int status = 200;
            String outcome = "OK";
            String response;
            synchronized (this) {
                try {
                    response = PRINTER.print(
                            handle(method, path, ex.getRequestURI().getRawQuery(), body));
                } catch (InvalidProtocolBufferException e) {
                    status = 400;
                    outcome = "400 INVALID_ARGUMENT";
                    response = error(400, "INVALID_ARGUMENT", "Invalid JSON payload received. " + e.getMessage());
                } catch (Rejected e) {
                    status = e.status;
                    outcome = e.status + " " + e.reason;
                    response = error(e.status, e.reason, e.getMessage());
                }
                boolean applied = outcome.equals("OK");
                Optional<Fault> late = applied ? faults.after(method) : Optional.empty();
                if (late.isPresent()) {
                    Fault f = late.get();
                    status = f.httpStatus();
                    outcome = f.httpStatus() + " " + f.reason() + " (applied)";
                    response = error(f.httpStatus(), f.reason(), f.message());
                }
                log.add(API, method, path, body, mutating, outcome, applied);
                if (mutating && applied) faults.mutated();
            }
            share();
            send(ex, status, response);
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    private static String method(String verb, String path) {
        if (LISTS.matcher(path).matches()) {
            return verb.equals("GET") ? "userLists.list" : verb.equals("POST") ? "userLists.create" : null;
        }
        if (LIST.matcher(path).matches()) {
            return switch (verb) {
                case "GET" -> "userLists.get";
                case "PATCH" -> "userLists.patch";
                case "DELETE" -> "userLists.delete";
                default -> null;
            };
        }
        return switch (verb + " " + path) {
            case "POST /v1/audienceMembers:ingest" -> "audienceMembers.ingest";
            case "POST /v1/audienceMembers:remove" -> "audienceMembers.remove";
            case "GET /v1/requestStatus:retrieve" -> "requestStatus.retrieve";
            default -> null;
        };
    }

    private Message handle(String method, String path, String query, String body)
            throws InvalidProtocolBufferException {
        return switch (method) {
            case "userLists.list" ->
                ListUserListsResponse.newBuilder()
                        .addAllUserLists(lists.values().stream()
                                .filter(l -> l.getName().startsWith(parent(path) + "/"))
                                .toList())
                        .build();
            case "userLists.create" -> create(parent(path), parse(body, UserList.newBuilder()));
            case "userLists.get" -> withSize(existing(listName(path)));
            case "userLists.patch" -> patch(listName(path), parse(body, UserList.newBuilder()));
            case "userLists.delete" -> delete(listName(path));
            case "audienceMembers.ingest" -> ingest(parse(body, IngestAudienceMembersRequest.newBuilder()));
            case "audienceMembers.remove" -> remove(parse(body, RemoveAudienceMembersRequest.newBuilder()));
            case "requestStatus.retrieve" -> retrieve(queryParameter(query, "requestId"));
            default -> throw new IllegalStateException(method);
        };
    }

    private UserList create(String parent, UserList list) {
        if (!list.hasDisplayName() || list.getDisplayName().isBlank()) {
            throw new Rejected(400, "INVALID_ARGUMENT", "user_list.display_name is required");
        }
        long id = nextId++;
        UserList created =
                list.toBuilder().setName(parent + "/userLists/" + id).setId(id).build();
        lists.put(created.getName(), created);
        members.put(created.getName(), new TreeSet<>());
        toShare(created, false);
        return created;
    }

    private Empty delete(String name) {
        toShare(existing(name), true);
        lists.remove(name);
        members.remove(name);
        return Empty.getDefaultInstance();
    }

    private UserList patch(String name, UserList changes) {
        UserList merged = existing(name).toBuilder().mergeFrom(changes).build();
        lists.put(name, merged);
        toShare(merged, false);
        return merged;
    }

    /** Deletes a list as its owner would in Google Ads, bypassing the API and the call log. */
    public void deleteUserList(String name) {
        synchronized (this) {
            delete(name);
        }
        share();
    }

    /** Lists this fake changes appear in {@code googleAds} and the other way round: one account, two APIs. */
    synchronized void shareListsWith(FakeGoogleAds googleAds) {
        this.sharesListsWith = googleAds;
    }

    /** A list the Google Ads fake created, changed or removed, shown as the Data Manager API shows it. */
    synchronized void showShared(SharedUserList list) {
        String name = "accountTypes/GOOGLE_ADS/accounts/" + list.account() + "/userLists/" + list.id();
        if (list.deleted()) {
            lists.remove(name);
            members.remove(name);
            return;
        }
        UserList current = lists.get(name);
        UserList.Builder shown = current != null
                ? current.toBuilder()
                : UserList.newBuilder()
                        .setName(name)
                        .setId(list.id())
                        .setMembershipStatus(UserList.MembershipStatus.OPEN)
                        .setIngestedUserListInfo(
                                IngestedUserListInfo.newBuilder().addUploadKeyTypes(UploadKeyType.CONTACT_ID));
        lists.put(
                name,
                shown.setDisplayName(list.name())
                        .setDescription(list.description())
                        .setMembershipDuration(Durations.fromDays(list.membershipDays()))
                        .build());
        members.computeIfAbsent(name, k -> new TreeSet<>());
        nextId = Math.max(nextId, list.id() + 1);
    }

    private void toShare(UserList list, boolean deleted) {
        Matcher google = GOOGLE_ADS_LIST.matcher(list.getName());
        if (sharesListsWith == null || !google.matches()) {
            return;
        }
        toShare.add(new SharedUserList(
                google.group(1),
                Long.parseLong(google.group(2)),
                list.getDisplayName(),
                list.getDescription(),
                list.getMembershipDuration().getSeconds() / 86_400,
                deleted));
    }

    /** Outside this fake's lock, so two fakes changing lists at once cannot wait for each other. */
    private void share() {
        List<SharedUserList> changes;
        FakeGoogleAds peer;
        synchronized (this) {
            changes = List.copyOf(toShare);
            toShare.clear();
            peer = sharesListsWith;
        }
        changes.forEach(change -> peer.showShared(change));
    }

    private UserList withSize(UserList list) {
        long size = members.get(list.getName()).size();
        boolean eligible =
                observationOnly.stream().noneMatch(a -> list.getName().contains("/accounts/" + a + "/"));
        return list.toBuilder()
                .setTargetNetworkInfo(TargetNetworkInfo.newBuilder()
                        .setEligibleForDisplay(eligible)
                        .setEligibleForSearch(eligible))
                .setSizeInfo(SizeInfo.newBuilder()
                        .setDisplayNetworkMembersCount(size)
                        .setSearchNetworkMembersCount(size))
                .build();
    }

    private IngestAudienceMembersResponse ingest(IngestAudienceMembersRequest request) {
        Set<String> target = destination(request.getDestinationsList());
        List<String> keys = keys(request.getAudienceMembersList(), request.getEncoding());
        if (!request.hasConsent() || !request.hasTermsOfService()) {
            throw new Rejected(400, "INVALID_ARGUMENT", "consent and terms_of_service are expected on every ingest");
        }
        RequestStatus outcome = scriptedOutcomes.isEmpty() ? RequestStatus.SUCCESS : scriptedOutcomes.pollFirst();
        if (outcome != RequestStatus.FAILED) {
            // a partial success keeps all but the first member of the request
            target.addAll(outcome == RequestStatus.PARTIAL_SUCCESS ? keys.subList(1, keys.size()) : keys);
        }
        String requestId = "req-" + nextId++;
        statuses.put(
                requestId,
                RequestStatusPerDestination.newBuilder()
                        .setDestination(request.getDestinations(0))
                        .setRequestStatus(outcome)
                        .setAudienceMembersIngestionStatus(IngestAudienceMembersStatus.newBuilder()
                                .setUserDataIngestionStatus(IngestUserDataStatus.newBuilder()
                                        .setRecordCount(keys.size())
                                        .setUploadMatchRateRange(matchRate)))
                        .build());
        return IngestAudienceMembersResponse.newBuilder()
                .setRequestId(requestId)
                .build();
    }

    private RemoveAudienceMembersResponse remove(RemoveAudienceMembersRequest request) {
        Set<String> target = destination(request.getDestinationsList());
        target.removeAll(keys(request.getAudienceMembersList(), request.getEncoding()));
        String requestId = "req-" + nextId++;
        statuses.put(
                requestId,
                RequestStatusPerDestination.newBuilder()
                        .setDestination(request.getDestinations(0))
                        .setRequestStatus(RequestStatus.SUCCESS)
                        .build());
        return RemoveAudienceMembersResponse.newBuilder()
                .setRequestId(requestId)
                .build();
    }

    private RetrieveRequestStatusResponse retrieve(String requestId) {
        RequestStatusPerDestination status = statuses.get(requestId);
        if (status == null) {
            throw new Rejected(404, "NOT_FOUND", "no request " + requestId);
        }
        Integer polled = pollsSeen.merge(requestId, 1, Integer::sum);
        if (polled <= processingPolls) {
            status = status.toBuilder()
                    .setRequestStatus(RequestStatus.PROCESSING)
                    .build();
        }
        return RetrieveRequestStatusResponse.newBuilder()
                .addRequestStatusPerDestination(status)
                .build();
    }

    private Set<String> destination(List<Destination> destinations) {
        if (destinations.size() != 1) {
            throw new Rejected(400, "INVALID_ARGUMENT", "this fake expects exactly one destination");
        }
        Destination d = destinations.get(0);
        if (!d.hasOperatingAccount() || d.getOperatingAccount().getAccountId().isEmpty()) {
            throw new Rejected(400, "INVALID_ARGUMENT", "destinations[0].operating_account is required");
        }
        String name = "accountTypes/" + d.getOperatingAccount().getAccountType() + "/accounts/"
                + d.getOperatingAccount().getAccountId() + "/userLists/" + d.getProductDestinationId();
        existing(name);
        return members.get(name);
    }

    private static List<String> keys(List<AudienceMember> audienceMembers, Encoding encoding) {
        if (audienceMembers.isEmpty() || audienceMembers.size() > MAX_MEMBERS_PER_REQUEST) {
            throw new Rejected(
                    400,
                    "INVALID_ARGUMENT",
                    "between 1 and " + MAX_MEMBERS_PER_REQUEST + " audience_members per request");
        }
        if (encoding != Encoding.HEX) {
            throw new Rejected(400, "INVALID_ARGUMENT", "this fake expects encoding HEX");
        }
        List<String> keys = new ArrayList<>();
        for (AudienceMember member : audienceMembers) {
            List<UserIdentifier> identifiers = member.getUserData().getUserIdentifiersList();
            if (identifiers.isEmpty() || identifiers.size() > MAX_IDENTIFIERS_PER_MEMBER) {
                throw new Rejected(
                        400, "INVALID_ARGUMENT", "between 1 and " + MAX_IDENTIFIERS_PER_MEMBER + " user_identifiers");
            }
            TreeSet<String> key = new TreeSet<>();
            for (UserIdentifier identifier : identifiers) {
                String hash = identifier.hasEmailAddress() ? identifier.getEmailAddress() : identifier.getPhoneNumber();
                if (!SHA256_HEX.matcher(hash).matches()) {
                    throw new Rejected(400, "INVALID_ARGUMENT", "identifiers must be hex SHA-256 digests");
                }
                key.add(hash);
            }
            keys.add(String.join(",", key));
        }
        return keys;
    }

    private UserList existing(String name) {
        UserList list = lists.get(name);
        if (list == null) {
            throw new Rejected(404, "NOT_FOUND", "user list " + name + " not found");
        }
        return list;
    }

    private static String parent(String path) {
        Matcher m = LISTS.matcher(path);
        if (!m.matches()) throw new IllegalStateException(path);
        return "accountTypes/" + m.group(1) + "/accounts/" + m.group(2);
    }

    private static String listName(String path) {
        Matcher m = LIST.matcher(path);
        if (!m.matches()) throw new IllegalStateException(path);
        return m.group(1);
    }

    private static String queryParameter(String query, String name) {
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        throw new Rejected(400, "INVALID_ARGUMENT", name + " is required");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Message> T parse(String json, Message.Builder builder)
            throws InvalidProtocolBufferException {
        STRICT.merge(json, builder);
        return (T) builder.build();
    }

    private static String error(int status, String reason, String message) {
        String quoted = message == null ? "" : message.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"error\":{\"code\":" + status + ",\"message\":\"" + quoted + "\",\"status\":\"" + reason + "\"}}";
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    /** A request Google would refuse, with the HTTP status and canonical reason it would answer. */
    private static final class Rejected extends RuntimeException {
        final int status;
        final String reason;

        Rejected(int status, String reason, String message) {
            super(message);
            this.status = status;
            this.reason = reason;
        }
    }
}
