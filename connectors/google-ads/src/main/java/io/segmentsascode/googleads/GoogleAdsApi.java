package io.segmentsascode.googleads;

import com.google.ads.googleads.v23.common.Consent;
import com.google.ads.googleads.v23.common.CrmBasedUserListInfo;
import com.google.ads.googleads.v23.common.CustomerMatchUserListMetadata;
import com.google.ads.googleads.v23.common.UserData;
import com.google.ads.googleads.v23.common.UserIdentifier;
import com.google.ads.googleads.v23.enums.ConsentStatusEnum.ConsentStatus;
import com.google.ads.googleads.v23.enums.CustomerMatchUploadKeyTypeEnum.CustomerMatchUploadKeyType;
import com.google.ads.googleads.v23.enums.OfflineUserDataJobTypeEnum.OfflineUserDataJobType;
import com.google.ads.googleads.v23.enums.UserListMembershipStatusEnum.UserListMembershipStatus;
import com.google.ads.googleads.v23.errors.ErrorLocation;
import com.google.ads.googleads.v23.errors.GoogleAdsError;
import com.google.ads.googleads.v23.errors.GoogleAdsFailure;
import com.google.ads.googleads.v23.errors.NotAllowlistedErrorEnum.NotAllowlistedError;
import com.google.ads.googleads.v23.resources.OfflineUserDataJob;
import com.google.ads.googleads.v23.resources.UserList;
import com.google.ads.googleads.v23.services.AddOfflineUserDataJobOperationsRequest;
import com.google.ads.googleads.v23.services.AddOfflineUserDataJobOperationsResponse;
import com.google.ads.googleads.v23.services.CreateOfflineUserDataJobRequest;
import com.google.ads.googleads.v23.services.GoogleAdsRow;
import com.google.ads.googleads.v23.services.GoogleAdsServiceClient;
import com.google.ads.googleads.v23.services.GoogleAdsServiceSettings;
import com.google.ads.googleads.v23.services.MutateUserListsRequest;
import com.google.ads.googleads.v23.services.OfflineUserDataJobOperation;
import com.google.ads.googleads.v23.services.OfflineUserDataJobServiceClient;
import com.google.ads.googleads.v23.services.OfflineUserDataJobServiceSettings;
import com.google.ads.googleads.v23.services.RunOfflineUserDataJobRequest;
import com.google.ads.googleads.v23.services.SearchGoogleAdsRequest;
import com.google.ads.googleads.v23.services.UserListOperation;
import com.google.ads.googleads.v23.services.UserListServiceClient;
import com.google.ads.googleads.v23.services.UserListServiceSettings;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.FixedHeaderProvider;
import com.google.api.gax.rpc.HeaderProvider;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.auth.oauth2.UserCredentials;
import com.google.longrunning.Operation;
import com.google.protobuf.Any;
import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.segmentsascode.googleads.GoogleAdsCallException.Cause;
import io.segmentsascode.spi.Backoff;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The one class that speaks a version of the Google Ads API: v23 ({@value #VERSION}; google-ads 42.1.0 is the newest
 * Java client the registry serves, and Google projects v23 to sunset in February 2027). Moving to a newer version
 * means changing the imports and {@link #VERSION} here; the destination sees only version-free records.
 *
 * <p>Built on the generated clients with settings of our own rather than GoogleAdsClient, whose transport cannot be
 * set from outside its package: the same code reaches Google over TLS with OAuth, or a fake on a loopback address in
 * plaintext. gax's own retries are off; {@link Backoff} retries RESOURCE_EXHAUSTED, UNAVAILABLE and
 * DEADLINE_EXCEEDED within its budget, and an offline user data job is awaited by polling its operation.
 */
final class GoogleAdsApi implements AutoCloseable {

    static final String VERSION = "v23";
    static final String GOOGLE_ENDPOINT = "googleads.googleapis.com:443";
    static final String FAILURE_TRAILER = "google.ads.googleads." + VERSION + ".errors.googleadsfailure-bin";

    private static final Metadata.Key<byte[]> FAILURE =
            Metadata.Key.of(FAILURE_TRAILER, Metadata.BINARY_BYTE_MARSHALLER);
    private static final Set<StatusCode.Code> RETRYABLE =
            Set.of(StatusCode.Code.RESOURCE_EXHAUSTED, StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED);
    private static final String LIST_FACTS = "SELECT user_list.resource_name, user_list.name, user_list.description,"
            + " user_list.membership_life_span, user_list.crm_based_user_list.upload_key_type,"
            + " user_list.size_for_search, user_list.size_for_display, user_list.eligible_for_search,"
            + " user_list.eligible_for_display FROM user_list WHERE user_list.type = 'CRM_BASED'";

    private final UserListServiceClient userLists;
    private final OfflineUserDataJobServiceClient jobs;
    private final GoogleAdsServiceClient search;
    /** For calls: 6 tries, waits from up to 1 s doubling to 32 s, 2 minutes of waiting at most. */
    static final Backoff CALLS =
            Backoff.of(6, Duration.ofSeconds(1), Duration.ofSeconds(32)).withBudget(Duration.ofMinutes(2));

    /**
     * For awaiting an offline user data job: Google processes a job in minutes to hours, so polling stops after about
     * 15 minutes and reports the job as still running (Google finishes it without us).
     */
    static final Backoff JOB_POLLING =
            Backoff.of(40, Duration.ofSeconds(5), Duration.ofSeconds(60)).withBudget(Duration.ofMinutes(15));

    private final Backoff calls;

    private GoogleAdsApi(
            UserListServiceClient userLists,
            OfflineUserDataJobServiceClient jobs,
            GoogleAdsServiceClient search,
            Backoff calls) {
        this.userLists = userLists;
        this.jobs = jobs;
        this.search = search;
        this.calls = calls;
    }

    /**
     * Clients for {@code endpoint} ({@code host:port}; Google's when empty). A loopback endpoint is spoken to in
     * plaintext, as only a local fake would listen there.
     */
    static GoogleAdsApi connect(Optional<String> endpoint, GoogleAdsCredentials credentials, Backoff calls) {
        String target = endpoint.orElse(GOOGLE_ENDPOINT);
        InstantiatingGrpcChannelProvider.Builder channel =
                UserListServiceSettings.defaultGrpcTransportProviderBuilder().setEndpoint(target);
        if (isLoopback(target)) {
            channel.setChannelConfigurator(ManagedChannelBuilder::usePlaintext);
        }
        TransportChannelProvider transport = channel.build();
        CredentialsProvider oauth = credentials
                .oauth()
                .<CredentialsProvider>map(c -> FixedCredentialsProvider.create(UserCredentials.newBuilder()
                        .setClientId(c.clientId())
                        .setClientSecret(c.clientSecret())
                        .setRefreshToken(c.refreshToken())
                        .build()))
                .orElseGet(NoCredentialsProvider::create);
        HeaderProvider headers = FixedHeaderProvider.create(Map.of(
                "developer-token", credentials.developerToken(),
                "login-customer-id", credentials.loginCustomerId()));
        try {
            return new GoogleAdsApi(
                    UserListServiceClient.create(UserListServiceSettings.newBuilder()
                            .setTransportChannelProvider(transport)
                            .setCredentialsProvider(oauth)
                            .setHeaderProvider(headers)
                            .applyToAllUnaryMethods(GoogleAdsApi::noRetries)
                            .build()),
                    OfflineUserDataJobServiceClient.create(OfflineUserDataJobServiceSettings.newBuilder()
                            .setTransportChannelProvider(transport)
                            .setCredentialsProvider(oauth)
                            .setHeaderProvider(headers)
                            .applyToAllUnaryMethods(GoogleAdsApi::noRetries)
                            .build()),
                    GoogleAdsServiceClient.create(GoogleAdsServiceSettings.newBuilder()
                            .setTransportChannelProvider(transport)
                            .setCredentialsProvider(oauth)
                            .setHeaderProvider(headers)
                            .applyToAllUnaryMethods(GoogleAdsApi::noRetries)
                            .build()),
                    calls);
        } catch (IOException e) {
            throw new GoogleAdsCallException(Cause.OTHER, "cannot open the Google Ads API at " + target, e);
        }
    }

    /** Whether {@code host:port} names this machine: only a fake listens there, in plaintext. */
    static boolean isLoopback(String endpoint) {
        String host =
                endpoint.substring(0, Math.max(0, endpoint.lastIndexOf(':'))).replaceAll("[\\[\\]]", "");
        try {
            return !host.isEmpty() && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Void noRetries(UnaryCallSettings.Builder<?, ?> method) {
        method.setRetryableCodes(Set.of());
        return null;
    }

    /** The Customer Match lists of an account with what Google reports about them. */
    List<UserListFacts> userLists(String customerId) {
        return call("search user lists of " + customerId, () -> {
            List<UserListFacts> lists = new ArrayList<>();
            for (GoogleAdsRow row : search.search(SearchGoogleAdsRequest.newBuilder()
                            .setCustomerId(customerId)
                            .setQuery(LIST_FACTS)
                            .build())
                    .iterateAll()) {
                UserList list = row.getUserList();
                lists.add(new UserListFacts(
                        list.getResourceName(),
                        list.getName(),
                        list.getDescription(),
                        list.getMembershipLifeSpan(),
                        list.getCrmBasedUserList().getUploadKeyType().name(),
                        list.getSizeForSearch(),
                        list.getSizeForDisplay(),
                        list.getEligibleForSearch(),
                        list.getEligibleForDisplay()));
            }
            return lists;
        });
    }

    /** Creates an open CRM-based list matched on contact info (hashed emails and phones); its resource name. */
    String createList(String customerId, String name, String description, long lifeSpanDays) {
        UserList list = UserList.newBuilder()
                .setName(name)
                .setDescription(description)
                .setMembershipLifeSpan(lifeSpanDays)
                .setMembershipStatus(UserListMembershipStatus.OPEN)
                .setCrmBasedUserList(
                        CrmBasedUserListInfo.newBuilder().setUploadKeyType(CustomerMatchUploadKeyType.CONTACT_INFO))
                .build();
        return call(
                "create user list " + name,
                () -> userLists
                        .mutateUserLists(MutateUserListsRequest.newBuilder()
                                .setCustomerId(customerId)
                                .addOperations(UserListOperation.newBuilder().setCreate(list))
                                .build())
                        .getResults(0)
                        .getResourceName());
    }

    /** Sets name, description and membership life span of an existing list. */
    void updateList(String resourceName, String name, String description, long lifeSpanDays) {
        String customerId = resourceName.split("/")[1];
        call(
                "update user list " + resourceName,
                () -> userLists.mutateUserLists(MutateUserListsRequest.newBuilder()
                        .setCustomerId(customerId)
                        .addOperations(UserListOperation.newBuilder()
                                .setUpdate(UserList.newBuilder()
                                        .setResourceName(resourceName)
                                        .setName(name)
                                        .setDescription(description)
                                        .setMembershipLifeSpan(lifeSpanDays))
                                .setUpdateMask(FieldMask.newBuilder()
                                        .addPaths("name")
                                        .addPaths("description")
                                        .addPaths("membership_life_span")))
                        .build()));
    }

    /**
     * A new Customer Match job for {@code userList}. Consent is granted for both purposes: only members who granted
     * both are exported (AudienceBuilder).
     */
    String createJob(String customerId, String userList) {
        OfflineUserDataJob job = OfflineUserDataJob.newBuilder()
                .setType(OfflineUserDataJobType.CUSTOMER_MATCH_USER_LIST)
                .setCustomerMatchUserListMetadata(CustomerMatchUserListMetadata.newBuilder()
                        .setUserList(userList)
                        .setConsent(Consent.newBuilder()
                                .setAdUserData(ConsentStatus.GRANTED)
                                .setAdPersonalization(ConsentStatus.GRANTED)))
                .build();
        return call(
                "create an offline user data job for " + userList,
                () -> jobs.createOfflineUserDataJob(CreateOfflineUserDataJobRequest.newBuilder()
                                .setCustomerId(customerId)
                                .setJob(job)
                                .build())
                        .getResourceName());
    }

    /**
     * Adds one batch of members (keys {@code <sha256 email>,<sha256 phone>}) to a job, to be added or removed, with
     * partial failure on: a member Google refuses does not take the batch down.
     *
     * @return the members Google refused, by their index in {@code keys}, with its reason
     */
    Map<Integer, String> addMembers(String job, List<String> keys, boolean remove) {
        AddOfflineUserDataJobOperationsRequest.Builder request = AddOfflineUserDataJobOperationsRequest.newBuilder()
                .setResourceName(job)
                .setEnablePartialFailure(true);
        for (String key : keys) {
            UserData data = userData(key);
            request.addOperations(
                    remove
                            ? OfflineUserDataJobOperation.newBuilder().setRemove(data)
                            : OfflineUserDataJobOperation.newBuilder().setCreate(data));
        }
        AddOfflineUserDataJobOperationsResponse response = call(
                "add " + keys.size() + " members to " + job,
                () -> jobs.addOfflineUserDataJobOperations(request.build()));
        return refused(response);
    }

    private static Map<Integer, String> refused(AddOfflineUserDataJobOperationsResponse response) {
        TreeMap<Integer, String> refused = new TreeMap<>();
        for (Any detail : response.getPartialFailureError().getDetailsList()) {
            if (!detail.is(GoogleAdsFailure.class)) {
                continue;
            }
            try {
                for (GoogleAdsError error :
                        detail.unpack(GoogleAdsFailure.class).getErrorsList()) {
                    for (ErrorLocation.FieldPathElement at : error.getLocation().getFieldPathElementsList()) {
                        if (at.getFieldName().equals("operations")) {
                            refused.putIfAbsent(at.getIndex(), error.getMessage());
                        }
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                throw new GoogleAdsCallException(Cause.OTHER, "unreadable partial failure from Google Ads", e);
            }
        }
        return refused;
    }

    /** A member key back into the identifiers Google matches: hashed only, two at most (the limit is 20). */
    private static UserData userData(String key) {
        int comma = key.indexOf(',');
        UserData.Builder data = UserData.newBuilder();
        if (comma > 0) {
            data.addUserIdentifiers(UserIdentifier.newBuilder().setHashedEmail(key.substring(0, comma)));
        }
        if (comma < key.length() - 1) {
            data.addUserIdentifiers(UserIdentifier.newBuilder().setHashedPhoneNumber(key.substring(comma + 1)));
        }
        return data.build();
    }

    /**
     * Runs a job and polls its long-running operation with {@code polling} until done or the budget is spent.
     *
     * @return the outcome: done, failed (with Google's reason) or still running
     */
    JobOutcome.Status runAndAwait(String job, Backoff polling) {
        Operation operation = call(
                "run " + job,
                () -> jobs.runOfflineUserDataJobCallable()
                        .call(RunOfflineUserDataJobRequest.newBuilder()
                                .setResourceName(job)
                                .build()));
        Duration waited = Duration.ZERO;
        for (int poll = 1; !operation.getDone(); poll++) {
            Optional<Duration> wait = polling.waitBefore(poll, waited);
            if (wait.isEmpty()) {
                return JobOutcome.Status.RUNNING;
            }
            waited = waited.plus(wait.get());
            String name = operation.getName();
            operation = call("poll " + name, () -> jobs.getOperationsClient().getOperation(name));
        }
        return operation.hasError() ? JobOutcome.Status.FAILED : JobOutcome.Status.DONE;
    }

    /** A call with retries on the codes worth retrying, within the budget; other failures explained. */
    private <T> T call(String what, Supplier<T> call) {
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ApiException e) {
                if (RETRYABLE.contains(e.getStatusCode().getCode())) {
                    Optional<Duration> wait = calls.waitBefore(attempt, waited);
                    if (wait.isPresent()) {
                        waited = waited.plus(wait.get());
                        continue;
                    }
                }
                throw explained(what, e);
            }
        }
    }

    private static GoogleAdsCallException explained(String what, ApiException e) {
        Optional<GoogleAdsFailure> failure = failure(e);
        boolean notAllowlisted = failure.stream()
                .flatMap(f -> f.getErrorsList().stream())
                .anyMatch(error -> error.getErrorCode().getNotAllowlistedError()
                        == NotAllowlistedError.CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE);
        if (notAllowlisted) {
            return new GoogleAdsCallException(
                    Cause.NOT_ALLOWLISTED, what + ": CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE", e);
        }
        String reasons = failure.map(f -> f.getErrorsList().stream()
                        .map(error -> error.getErrorCode().getErrorCodeCase() + ": " + error.getMessage())
                        .toList()
                        .toString())
                .orElse(e.getMessage());
        Cause cause = switch (e.getStatusCode().getCode()) {
            case UNAUTHENTICATED, PERMISSION_DENIED -> Cause.ACCESS;
            case RESOURCE_EXHAUSTED, UNAVAILABLE, DEADLINE_EXCEEDED -> Cause.RETRIES_SPENT;
            default -> Cause.OTHER;
        };
        return new GoogleAdsCallException(
                cause, what + " failed (" + e.getStatusCode().getCode() + "): " + reasons, e);
    }

    /** The GoogleAdsFailure Google puts in the trailers of a failed call. */
    private static Optional<GoogleAdsFailure> failure(ApiException e) {
        Metadata trailers = Status.trailersFromThrowable(e);
        byte[] bytes = trailers == null ? null : trailers.get(FAILURE);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(GoogleAdsFailure.parseFrom(bytes));
        } catch (InvalidProtocolBufferException unreadable) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        userLists.close();
        jobs.close();
        search.close();
    }
}
